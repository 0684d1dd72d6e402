// `quhua generate`: the synthetic county (embedded default data) written to a folder.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "../cli.hpp"
#include "quhua/io/table_writer.hpp"
#include "quhua/service/generate.hpp"

namespace quhua::cli {

void add_generate_command(CLI::App& app) {
  struct Flags {
    std::uint64_t seed = synthetic::CountyOptions{}.seed;
    int townships = 0;
    int villages = 0;
    double area_km2 = 0;
    double population = 0;
    std::string out;
    bool no_preview = false;
    std::string lang = "zh";
  };
  auto flags = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("generate", "generate the synthetic county (生成合成县数据) and write its layers to a folder");
  cmd->add_option("--seed", flags->seed, "random seed; the same seed gives the same county")->capture_default_str();
  cmd->add_option("--townships", flags->townships, "township-level units (default 30)");
  cmd->add_option("--villages", flags->villages, "village-level units (default 400)");
  cmd->add_option("--area-km2", flags->area_km2, "county area in km² (default 5 per village: 2000)");
  cmd->add_option("--population", flags->population, "resident population (default 1000 per village: 400000)");
  cmd->add_option("--out", flags->out, "output folder")->required();
  cmd->add_flag("--no-preview", flags->no_preview, "do not write preview.svg");
  cmd->add_option("--lang", flags->lang, "language of the terminal summary: zh or en")->capture_default_str();
  cmd->callback([flags] {
    service::GenerateRequest request;
    const synthetic::CountyOptions defaults;
    request.options = synthetic::CountyOptions::scaled(flags->townships > 0 ? flags->townships : defaults.township_count,
                                                       flags->villages > 0 ? flags->villages : defaults.village_count);
    request.options.seed = flags->seed;
    if (flags->area_km2 > 0) request.options.area_km2 = flags->area_km2;
    if (flags->population > 0) request.options.population = flags->population;
    request.out_dir = flags->out;
    request.preview = !flags->no_preview;
    const auto result = service::generate(request);
    std::cout << io::render_text({service::generate_summary(result)}, util::parse_language(flags->lang));
  });
}

}  // namespace quhua::cli
