// `quhua demo`: the main job on the embedded synthetic county, end to end (see service/demo.hpp).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "../cli.hpp"
#include "quhua/io/table_writer.hpp"
#include "quhua/service/demo.hpp"

namespace quhua::cli {

void add_demo_command(CLI::App& app) {
  struct Flags {
    service::DemoRequest request;
    std::string lang = "zh";
    std::string out = "demo-output";
  };
  auto flags = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand(
      "demo", "run the whole job on the synthetic county: generate, registry, diagnose, plan, evaluate, record");
  cmd->add_option("--out", flags->out, "output folder (default demo-output)");
  cmd->add_option("--seed", flags->request.county.seed, "seed of the synthetic county");
  cmd->add_option("--min-pop", flags->request.min_population, "minimum population of a township (default 10000)");
  cmd->add_option("--lang", flags->lang, "zh (default) or en");
  cmd->callback([flags] {
    flags->request.language = util::parse_language(flags->lang);
    flags->request.out_dir = flags->out;
    const auto language = flags->request.language;
    const auto result = service::run_demo(flags->request);
    std::cout << io::render_text({service::demo_table(result, language)}, language) << '\n';
    std::cout << (language == util::Language::zh ? "输出文件：" : "Files:") << '\n';
    for (const auto& file : result.files) std::cout << "  " << file.string() << '\n';
    std::cout << (language == util::Language::zh ? "打开报告：" : "Open the report: ")
              << (std::filesystem::path(flags->out) / "report.html").string() << '\n';
  });
}

}  // namespace quhua::cli
