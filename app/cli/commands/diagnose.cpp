// `quhua diagnose`: the current picture (现状诊断) -- units by type, population and area distributions,
// units under thresholds, seat density and spacing, islands. With no input: the synthetic county.
#include "quhua/service/diagnose.hpp"

#include "../cli.hpp"
#include "../import_options.hpp"

#include "quhua/io/table_writer.hpp"
#include "quhua/service/output_paths.hpp"
#include "quhua/util/error.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace quhua::cli {

void add_diagnose_command(CLI::App& app) {
  struct Flags {
    std::string level = "township";
    std::optional<double> min_population;
    std::optional<double> min_area_km2;
    std::string population = "resident";
    std::uint64_t seed = synthetic::CountyOptions{}.seed;
    std::string out;
    std::string format = "text";
    std::string lang = "zh";
    std::size_t limit = 50;
    service::ImportRequest units;
  };
  auto flags = std::make_shared<Flags>();
  auto* cmd = app.add_subcommand("diagnose", "diagnose the current division (现状诊断): counts, sizes, thresholds, seat spacing, islands");
  add_import_options(cmd, flags->units, false);
  cmd->add_option("--level", flags->level,
                  "units to diagnose: township (per county), village (per township); with --units also county")
      ->capture_default_str();
  cmd->add_option("--min-pop", flags->min_population, "population threshold (default 10000 for townships, 1000 for villages)");
  cmd->add_option("--min-area-km2", flags->min_area_km2, "area threshold in km² (default 20 for townships, 2 for villages)");
  cmd->add_option("--population", flags->population, "population used: resident (常住) or registered (户籍)")->capture_default_str();
  cmd->add_option("--seed", flags->seed, "seed of the synthetic county diagnosed when no data are given")->capture_default_str();
  cmd->add_option("--out", flags->out, "write the report to FILE (.json, .csv, .xlsx or .txt)");
  cmd->add_option("--format", flags->format, "terminal output: text or json")->capture_default_str();
  cmd->add_option("--lang", flags->lang, "language: zh or en")->capture_default_str();
  cmd->add_option("--limit", flags->limit, "units listed on the terminal (files list all)")->capture_default_str();
  cmd->callback([flags] {
    service::DiagnoseRequest request;
    const auto level = model::parse_level(flags->level);
    const bool imported = !flags->units.units_path.empty();
    if (!level || (*level != model::UnitLevel::township && *level != model::UnitLevel::village &&
                   !(imported && *level == model::UnitLevel::county))) {
      throw UsageError("--level: expected township or village" + std::string(imported ? " or county" : "") + ", got '" +
                       flags->level + "'");
    }
    request.options.level = *level;
    request.options.min_population = flags->min_population;
    request.options.min_area_km2 = flags->min_area_km2;
    if (flags->population == "registered" || flags->population == "户籍") {
      request.options.population = metrics::PopulationKind::registered;
    } else if (flags->population != "resident" && flags->population != "常住") {
      throw UsageError("--population: expected resident or registered, got '" + flags->population + "'");
    }
    request.synthetic.seed = flags->seed;
    const auto language = util::parse_language(flags->lang);
    if (flags->format != "text" && flags->format != "json") throw UsageError("--format: expected text or json, got '" + flags->format + "'");

    service::OutputTargets targets{.files = {flags->out}};
    targets.add_inputs(flags->units);
    service::check_outputs(targets);
    Findings findings;
    const auto result = imported ? service::diagnose_units(flags->units, request, &findings) : service::diagnose_synthetic(request);
    print_findings(findings, language, std::cerr);
    if (!flags->out.empty()) {
      service::write_diagnosis(flags->out, result, language);
      std::cerr << (language == util::Language::zh ? "已写入 " : "written: ") << flags->out << '\n';
      return;
    }
    if (flags->format == "json") {
      std::cout << service::diagnosis_json(result).dump(2) << '\n';
    } else {
      std::cout << io::render_text(service::diagnosis_tables(result, language, flags->limit), language);
    }
  });
}

}  // namespace quhua::cli
