// `quhua plan`: generate a merger plan under the reform's rules (see docs/planner.md). Parses flags
// into a service::PlanRequest, calls service::plan, prints a short summary and shows a progress bar
// when stderr is a terminal.
#include "quhua/service/plan.hpp"

#include "../cli.hpp"
#include "../import_options.hpp"
#include "../rule_options.hpp"
#include "routing_flags.hpp"

#include "quhua/io/table_writer.hpp"
#include "quhua/service/output_paths.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace quhua::cli {

namespace {

struct PlanFlags {
  service::PlanRequest request;
  RuleFlags rules;
  /// Signed, so that "--regions -3" is refused as such (an unsigned option wraps it round).
  std::optional<std::int64_t> regions;
  std::optional<double> reduce;
  NetworkFlags network;
  std::string exact = "auto";
  std::string lang = "zh";
  std::string format = "text";
  bool merge_viable = false;
};

util::ReportTable summary_table(const service::PlanResult& result, util::Language language) {
  const auto& report = result.report;
  const auto& terms = report.objective;
  const bool zh = language == util::Language::zh;
  util::ReportTable table;
  table.name = "summary";
  table.title_zh = "区划调整方案概要";
  table.title_en = "Plan summary";
  table.columns = {{"item", "项目", "Item"}, {"value", "数值", "Value"}};
  const auto add = [&](const char* item_zh, const char* item_en, util::Cell value) {
    table.add_row({std::string(zh ? item_zh : item_en), std::move(value)});
  };
  const auto count = [](std::size_t n) { return util::Cell(static_cast<std::int64_t>(n)); };
  add("调整前单位数", "units before", count(report.units_before));
  add("调整后单位数", "new units", count(report.regions_after));
  add("合并形成的新单位", "merged new units", count(report.merged_regions));
  add("未调整的单位", "unchanged units", count(report.unchanged_units));
  add("例外", "exceptions", count(report.exceptions.size()));
  add("划转", "transfers", count(report.transfers.size()));
  add("目标", "objective", std::string(algorithms::regionalize::objective_name(terms.kind)));
  add("目标值", "objective value", terms.value);
  if (std::isfinite(terms.mean_access_km)) add("人均至驻地距离（公里）", "mean distance to seat (km)", terms.mean_access_km);
  if (std::isfinite(terms.mean_access_min)) {
    add("人均至驻地车程（分钟）", "mean travel to seat (min by road)", terms.mean_access_min);
    add("最远至驻地车程（分钟）", "farthest member by road (min)", terms.max_seat_minutes);
  }
  add("硬性规则全部满足", "hard rules hold", std::string(report.hard_rules_hold ? (zh ? "是" : "yes") : (zh ? "否" : "no")));
  if (result.exact.attempted) {
    add("精确验证", "exact check", result.exact.status + (result.exact.used_exact_plan ? " (MIP)" : ""));
  }
  add("用时（秒）", "seconds", result.total_seconds);
  return table;
}

}  // namespace

void add_plan_command(CLI::App& app) {
  auto flags = std::make_shared<PlanFlags>();
  auto& r = flags->request;
  auto* cmd = app.add_subcommand("plan", "generate a merger plan (撤并方案) under the reform's rules");
  add_import_options(cmd, r.units, false);
  auto* units = cmd->get_option("--units");
  cmd->add_option("--snap-m", r.snap_tolerance_m, "contiguity snap tolerance for --units, metres (default 1)");
  auto* nodes = cmd->add_option("--nodes", r.nodes_path, "graph nodes table: id,population[,x_km,y_km,...]");
  auto* edges = cmd->add_option("--edges", r.edges_path, "graph edges table: a,b[,border_km]");
  nodes->excludes(units);
  edges->excludes(units);
  add_rule_options(cmd, flags->rules);
  auto* regions = cmd->add_option("--regions", flags->regions, "target number of new units");
  auto* reduce = cmd->add_option("--reduce", flags->reduce, "target reduction share, e.g. 0.3");
  regions->excludes(reduce);
  cmd->add_flag("--merge-viable", flags->merge_viable,
                "do not prefer keeping units that meet the rules on their own unchanged");
  cmd->add_option_function<std::string>(
      "--missing-population",
      [&r](const std::string& text) { r.missing_population = service::parse_missing_population(text); },
      "units without population: refuse (default) or zero (plan them as 0, reported)");
  cmd->add_option("--objective", r.objective, "access (default), compact or heterogeneity:F1,F2");
  cmd->add_option("--seat-town-weight", r.seat_town_weight, "weight of a 镇/街道 seat over population (default 3)");
  cmd->add_option("--seat-rule", r.seat_rule,
                  "seat of a new unit: largest (population × town weight, default) or central (least access cost)")
      ->check(CLI::IsMember({"largest", "central"}));
  flags->network.add_to(*cmd);
  cmd->add_option("--seed", r.search.seed, "random seed (default 1)");
  cmd->add_option("--threads", r.search.threads, "threads (default: all)");
  cmd->add_option("--time-limit", r.time_limit_s, "stop searching after this many seconds");
  cmd->add_option("--constructions", r.search.constructions, "randomised constructions (default: by size)");
  cmd->add_option("--starts", r.search.starts, "constructions improved by local search (default: by size)");
  cmd->add_option("--moves-per-unit", r.search.moves_per_unit, "annealing moves per unit and start (default: by size)");
  cmd->add_option("--exact", flags->exact, "exact MIP check: auto (≤ 40 units), off, on")
      ->check(CLI::IsMember({"auto", "off", "on"}));
  cmd->add_option("--exact-time-limit", r.exact_time_limit_s, "seconds for the exact check (default 20)");
  cmd->add_option("--out", r.out_dir, "output folder: plan.csv, regions.csv, summary.json")->required();
  cmd->add_option("--lang", flags->lang, "zh or en (default zh)");
  cmd->add_option("--format", flags->format, "summary on stdout: text or json")->check(CLI::IsMember({"text", "json"}));

  cmd->callback([flags] {
    auto& request = flags->request;
    request.rules = flags->rules.plan_rules();
    if (flags->regions) {
      if (*flags->regions <= 0) {
        throw UsageError("--regions " + std::to_string(*flags->regions) +
                         "：新单位数必须是大于 0 的整数 / the number of new units must be a whole number > 0");
      }
      request.rules.target_regions = static_cast<std::size_t>(*flags->regions);
    }
    if (flags->reduce) {
      if (!(*flags->reduce > 0 && *flags->reduce < 1)) {
        throw UsageError(
            "--reduce " + util::fixed(*flags->reduce, 3) +
            "：减少比例必须在 0 与 1 之间（不含端点），如 0.3 / the share must lie strictly between 0 and 1, e.g. 0.3");
      }
      request.rules.reduce_share = *flags->reduce;
    }
    flags->network.finish();
    request.travel.network = flags->network.network;
    request.travel.routing = flags->network.routing;
    request.travel.routing.threads = static_cast<int>(request.search.threads);
    request.rules.keep_viable = !flags->merge_viable;
    request.lists.lock_codes = service::parse_code_list(flags->rules.lock);
    request.lists.lock_types = service::parse_code_list(flags->rules.lock_type);
    request.lists.forbidden_pairs = service::parse_forbid_list(flags->rules.forbid);
    request.lists.must_merge = service::parse_must_merge_list(flags->rules.must_merge);
    request.exact = flags->exact == "off" ? service::ExactMode::off
                    : flags->exact == "on" ? service::ExactMode::on
                                           : service::ExactMode::automatic;
    request.language = util::parse_language(flags->lang);
    service::OutputTargets targets{.inputs = {request.nodes_path, request.edges_path, request.travel.network.path,
                                              request.travel.network.speeds_file},
                                   .folders = {{request.out_dir, service::plan_output_files()}}};
    targets.add_inputs(request.units);
    service::check_outputs(targets);
    if (request.rules.min_population <= 0 && request.rules.min_area_km2 <= 0 && !request.rules.has_target()) {
      throw UsageError("nothing to plan: give --min-pop (or --min-area-km2), --regions or --reduce");
    }

    RunControl control;
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    int shown = -1;
    if (terminal) {
      control.set_progress([&shown](double fraction, std::string_view stage) {
        const int percent = static_cast<int>(fraction * 100.0 + 0.5);
        if (percent == shown) return;
        shown = percent;
        const int filled = percent * 30 / 100;
        std::fprintf(stderr, "\r[%.*s%*s] %3d%% %-10.*s", filled, "##############################", 30 - filled, "",
                     percent, static_cast<int>(stage.size()), stage.data());
        std::fflush(stderr);
      });
    }
    const auto result = service::plan(request, control);
    print_findings(result.import_findings, request.language, std::cerr);
    print_findings(result.travel_findings, request.language, std::cerr);
    if (terminal) std::fprintf(stderr, "\n");
    if (flags->format == "json") {
      std::cout << result.summary.dump(2) << '\n';
    } else {
      std::vector<util::ReportTable> tables{summary_table(result, request.language)};
      // The mergers by name and the exceptions with their reasons: what a reader checks first.
      if (auto mergers = service::mergers_table(result, request.language); !mergers.rows.empty()) {
        tables.push_back(std::move(mergers));
      }
      if (auto exceptions = service::exceptions_table(result, request.language); !exceptions.rows.empty()) {
        tables.push_back(std::move(exceptions));
      }
      std::cout << io::render_text(tables, request.language);
      for (const auto& file : result.files) std::cout << file << '\n';
    }
  });
}

}  // namespace quhua::cli
