// `quhua evaluate`: judge one or more plans -- indicators before and after, rules, comparison -- and
// write JSON, XLSX, HTML, GeoJSON/GeoPackage by the --out extensions.
#include "quhua/service/evaluate.hpp"

#include "../cli.hpp"
#include "../import_options.hpp"
#include "../rule_options.hpp"
#include "routing_flags.hpp"

#include "quhua/io/table_writer.hpp"
#include "quhua/report/plan_tables.hpp"
#include "quhua/service/output_paths.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

namespace quhua::cli {
namespace {

struct EvaluateFlags {
  service::EvaluateRequest request;
  RuleFlags rules;
  NetworkFlags network;
  std::string villages_path, village_fields, weights, language = "zh";
  std::vector<std::string> outputs;
  bool overwrite = false;
};

void run_evaluate(EvaluateFlags& flags) {
  const auto language = util::parse_language(flags.language);
  flags.request.rules = flags.rules.rules();
  service::OutputTargets targets{.inputs = flags.request.plan_paths,
                                 .files = flags.outputs,
                                 .layers = service::plan_labels(flags.request.plan_paths),
                                 .overwrite = flags.overwrite};
  targets.add_inputs(flags.request.units);
  targets.inputs.push_back(flags.villages_path);
  targets.inputs.push_back(flags.network.network.path);
  targets.inputs.push_back(flags.network.network.speeds_file);
  service::check_outputs(targets);
  flags.network.finish();
  flags.request.travel.network = flags.network.network;
  flags.request.travel.routing = flags.network.routing;
  if (!flags.villages_path.empty()) {
    service::ImportRequest villages;
    villages.units_path = flags.villages_path;
    villages.fields = flags.village_fields;
    villages.encoding = flags.request.units.encoding;
    villages.crs = flags.request.units.crs;
    flags.request.villages = villages;
  }
  for (const auto& [key, w] : parse_weights(flags.weights, "--weights")) flags.request.weights[key] = w;
  const auto result = service::evaluate(flags.request);
  print_findings(result.import.findings, language, std::cerr);
  print_findings(result.travel_findings, language, std::cerr);
  print_findings(result.findings, language, std::cerr);
  // The terminal gets the comparison (several plans) or the first plan's indicators and rules.
  std::vector<util::ReportTable> shown;
  if (!result.comparison.empty()) shown.push_back(report::comparison_table(result.comparison, language));
  shown.push_back(report::indicator_table(result.plans.front().evaluation, language));
  shown.push_back(report::rule_table(result.plans.front().evaluation, language));
  std::cout << io::render_text(shown, language);
  for (const auto& out : flags.outputs) {
    service::write_evaluation(result, out, language);
    std::cerr << (language == util::Language::zh ? "已写出 " : "wrote ") << out << '\n';
  }
}

}  // namespace

void add_evaluate_command(CLI::App& app) {
  auto flags = std::make_shared<EvaluateFlags>();
  auto* cmd = app.add_subcommand("evaluate", "evaluate and compare plans: indicators, rules, tables, maps, reports");
  add_import_options(cmd, flags->request.units);
  cmd->add_option("--plan", flags->request.plan_paths, "plan file(s): CSV/XLSX with code,region[,seat_code][,name]")
      ->required();
  add_rule_options(cmd, flags->rules);
  cmd->add_option("--villages", flags->villages_path, "village layer or table (parent = unit code): distances from villages");
  cmd->add_option("--village-fields", flags->village_fields, "field mapping for --villages");
  cmd->add_option("--weights", flags->weights, "comparison weights, e.g. weighted_mean_distance_km=0.5,under_population=0.5");
  cmd->add_option_function<std::string>(
      "--missing-population",
      [flags](const std::string& text) { flags->request.missing_population = service::parse_missing_population(text); },
      "units without population under --min-pop/--max-pop: refuse (default) or zero (taken as 0, reported)");
  cmd->add_option("--snap-m", flags->request.snap_tolerance_m, "contiguity snap tolerance in metres (default 1)");
  cmd->add_option("--title", flags->request.title, "report title");
  flags->network.add_to(*cmd);
  cmd->add_option("--out", flags->outputs, "output file(s): .json .xlsx .csv .txt .html .geojson .gpkg");
  cmd->add_option("--lang", flags->language, "zh (default) or en");
  cmd->add_flag("--overwrite", flags->overwrite,
                "replace an existing GeoPackage --out even when it holds layers of other data");
  cmd->callback([flags] { run_evaluate(*flags); });
}

}  // namespace quhua::cli
