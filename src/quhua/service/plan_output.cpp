// The outputs of `quhua plan`: report tables (plan.csv, regions.csv) and summary.json. The JSON shape
// is documented in docs/planner.md; keys are only ever added, never renamed.
#include "quhua/io/layer_writer.hpp"
#include "quhua/io/table_writer.hpp"
#include "quhua/service/plan.hpp"
#include "quhua/util/atomic_file.hpp"
#include "quhua/util/atomic_folder.hpp"

#include <cmath>
#include <filesystem>
#include <optional>

namespace quhua::service {

namespace rg = algorithms::regionalize;

namespace {

using nlohmann::json;

json number_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json codes(const rg::PlanningProblem& problem, const std::vector<rg::UnitIndex>& units) {
  json list = json::array();
  for (auto u : units) list.push_back(problem.codes[u]);
  return list;
}

json rule_json(const rg::PlanningProblem& problem, const rg::RuleCheck& rule) {
  json violations = json::array();
  for (const auto& v : rule.violations) {
    violations.push_back({{"region", v.region + 1},
                          {"units", codes(problem, v.units)},
                          {"value", number_or_null(v.value)},
                          {"message", v.message},
                          {"excepted", v.excepted}});
  }
  return {{"rule", rule.rule},
          {"option", rule.option},
          {"limit", number_or_null(rule.limit)},
          {"hard", rule.hard},
          {"status", std::string(rg::rule_status_name(rule.status))},
          {"violations", violations}};
}

std::string parent_code(const rg::PlanningProblem& problem, std::uint32_t parent) {
  return parent == rg::k_none ? std::string() : problem.parent_codes[parent];
}

}  // namespace

std::vector<util::ReportTable> plan_tables(const PlanResult& result) {
  const auto& problem = *result.problem;
  const auto& plan = result.plan;
  util::ReportTable units;
  units.name = "plan";
  units.title_zh = "区划调整方案（每个原单位一行）";
  units.title_en = "Merger plan (one row per input unit)";
  units.columns = {{"code", "代码", "Code"}, {"region", "新单位", "New unit"}, {"seat_code", "驻地单位代码", "Seat unit code"}};
  for (std::size_t u = 0; u < problem.size(); ++u) {
    const auto region = plan.region_of_unit[u];
    units.add_row({problem.codes[u], static_cast<std::int64_t>(region + 1), problem.codes[plan.seat_of_region[region]]});
  }

  util::ReportTable regions;
  regions.name = "regions";
  regions.title_zh = "调整后的新单位";
  regions.title_en = "New units";
  regions.columns = {{"region", "新单位", "New unit"},
                     {"seat_code", "驻地单位代码", "Seat unit code"},
                     {"seat_name", "驻地单位名称", "Seat unit name"},
                     {"unit_count", "原单位数", "Units"},
                     {"population", "人口", "Population", 0},
                     {"area_km2", "面积（平方公里）", "Area (km²)", 2},
                     {"max_seat_distance_km", "最远成员至驻地（公里）", "Farthest member to seat (km)", 2},
                     {"exception", "例外", "Exception"},
                     {"members", "组成单位", "Members"}};
  const bool minutes = problem.has_travel_times();
  if (minutes) {
    // Added at the end: the columns before keep their places.
    regions.columns.push_back({"max_seat_minutes", "最远成员至驻地车程（分钟）", "Farthest member to seat (min by road)", 1});
    regions.columns.push_back({"mean_seat_minutes", "人均至驻地车程（分钟）", "Mean travel to seat (min per person)", 1});
  }
  for (const auto& region : result.report.regions) {
    std::string members;
    for (auto u : region.units) members += (members.empty() ? "" : ",") + problem.codes[u];
    std::vector<util::Cell> row{static_cast<std::int64_t>(region.region + 1), problem.codes[region.seat],
                                problem.names[region.seat], static_cast<std::int64_t>(region.units.size()),
                                region.population, util::number_cell(region.area_km2),
                                util::number_cell(region.max_seat_distance_km), std::string(region.exception ? "yes" : ""),
                                members};
    if (minutes) {
      row.push_back(util::number_cell(region.max_seat_minutes));
      row.push_back(util::number_cell(region.population > 0 ? region.access_person_min / region.population : 0.0));
    }
    regions.add_row(std::move(row));
  }
  return {units, regions};
}

namespace {

// Names of `units` joined as a reader writes a list (、 in Chinese), `first` (when given) leading.
std::string name_list(const rg::PlanningProblem& problem, const std::vector<rg::UnitIndex>& units,
                      util::Language language, std::optional<rg::UnitIndex> first = std::nullopt) {
  const char* separator = language == util::Language::zh ? "、" : ", ";
  std::string names = first ? problem.names[*first] : "";
  for (auto u : units) {
    if (first && u == *first) continue;
    names += (names.empty() ? "" : separator) + problem.names[u];
  }
  return names;
}

}  // namespace

util::ReportTable mergers_table(const PlanResult& result, util::Language language) {
  const auto& problem = *result.problem;
  util::ReportTable table;
  table.name = "mergers";
  table.title_zh = "合并：新单位 ← 组成单位（驻地在前）";
  table.title_en = "Mergers: new unit <- members (seat first)";
  table.columns = {{"region", "新单位", "New unit"},
                   {"seat_name", "驻地", "Seat"},
                   {"members", "组成单位", "Members"},
                   {"population", "人口", "Population", 0, true}};
  for (const auto& region : result.report.regions) {
    if (region.units.size() < 2) continue;
    table.add_row({static_cast<std::int64_t>(region.region + 1), problem.names[region.seat],
                   name_list(problem, region.units, language, region.seat), region.population});
  }
  return table;
}

util::ReportTable exceptions_table(const PlanResult& result, util::Language language) {
  util::ReportTable table;
  table.name = "exceptions";
  table.title_zh = "例外（不满足规则而保留的新单位）";
  table.title_en = "Exceptions (new units kept although a rule fails)";
  table.columns = {{"region", "新单位", "New unit"}, {"units", "单位", "Units"}, {"reason", "原因", "Reason"}};
  for (const auto& exception : result.report.exceptions) {
    table.add_row({static_cast<std::int64_t>(exception.region + 1),
                   name_list(*result.problem, exception.units, language), exception.message});
  }
  return table;
}

nlohmann::json plan_summary(const PlanResult& result, const PlanRequest& request) {
  const auto& problem = *result.problem;
  const auto& instance = *result.instance;
  const auto& report = result.report;
  const auto& plan = result.plan;
  const auto& rules = instance.options.rules;
  const auto& stats = plan.statistics;

  json input = {{"kind", result.input_kind},
                {"units", problem.size()},
                {"edges", problem.graph.edge_count()},
                {"parents", problem.parent_codes.size()},
                {"geometry", result.has_geometry}};
  if (result.input_kind == "graph") {
    input["nodes_file"] = request.nodes_path;
    input["edges_file"] = request.edges_path;
  } else {
    input["units_file"] = request.units.units_path;
  }

  json forbid = json::array();
  for (const auto& [a, b] : request.lists.forbidden_pairs) forbid.push_back({a, b});
  json options = {{"min_pop", rules.min_population},
                  {"max_pop", number_or_null(rules.max_population)},
                  {"min_area_km2", rules.min_area_km2},
                  {"max_area_km2", number_or_null(rules.max_area_km2)},
                  {"max_seat_km", number_or_null(rules.max_seat_distance_m / 1000.0)},
                  {"regions", rules.target_regions > 0 ? json(rules.target_regions) : json(nullptr)},
                  {"reduce", rules.reduce_share > 0 ? json(rules.reduce_share) : json(nullptr)},
                  {"within_parent", rules.within_parent},
                  {"allow_transfer", rules.allow_transfer},
                  {"keep_viable", rules.keep_viable},
                  {"objective", request.objective},
                  {"seat_town_weight", request.seat_town_weight},
                  {"seat_rule", std::string(rg::seat_rule_name(instance.options.objective.seat_rule))},
                  {"max_seat_min", number_or_null(rules.max_seat_minutes)},
                  {"network", request.travel.given() ? json(request.travel.network.path) : json(nullptr)},
                  {"lock", request.lists.lock_codes},
                  {"lock_type", request.lists.lock_types},
                  {"lock_type_matches", result.lock_type_matches},
                  {"forbid", forbid},
                  {"must_merge", request.lists.must_merge},
                  {"exact", request.exact == ExactMode::off  ? "off"
                            : request.exact == ExactMode::on ? "on"
                                                             : "auto"},
                  {"missing_population", request.missing_population == MissingPopulation::zero ? "zero" : "refuse"}};

  json counts = {{"units_before", report.units_before},
                 {"regions_after", report.regions_after},
                 {"merged_regions", report.merged_regions},
                 {"unchanged_units", report.unchanged_units},
                 {"changed_units", report.objective.changed_units},
                 {"merged_viable_units", report.objective.merged_viable_units},
                 {"locked_units", report.locked_units},
                 {"exceptions", report.exceptions.size()},
                 {"exception_units", report.exception_units},
                 {"transfers", report.transfers.size()}};

  const auto& terms = report.objective;
  json objective = {{"kind", std::string(rg::objective_name(terms.kind))},
                    {"fields", instance.options.objective.fields},
                    {"value", terms.value},
                    // What the access cost is measured in: person·km of straight line, or person·minutes by road.
                    {"cost_unit", instance.travel_times ? "minutes_by_road" : "km_straight_line"},
                    {"terms",
                     {{"access_person_km", number_or_null(terms.access_person_km)},
                      {"mean_access_km", number_or_null(terms.mean_access_km)},
                      {"max_seat_distance_km", number_or_null(terms.max_seat_distance_km)},
                      {"access_person_min", number_or_null(terms.access_person_min)},
                      {"mean_access_min", number_or_null(terms.mean_access_min)},
                      {"max_seat_minutes", number_or_null(terms.max_seat_minutes)},
                      {"ssd", number_or_null(terms.ssd)},
                      {"compactness", number_or_null(terms.compactness)},
                      {"compact_measure", terms.compact_measure},
                      {"changed_units", terms.changed_units},
                      {"merged_viable_units", terms.merged_viable_units},
                      {"transfers", terms.transfers}}}};

  json rule_list = json::array();
  for (const auto& rule : report.rules) rule_list.push_back(rule_json(problem, rule));
  json exceptions = json::array();
  for (const auto& e : report.exceptions) {
    exceptions.push_back({{"region", e.region + 1},
                          {"units", codes(problem, e.units)},
                          {"reason", e.reason},
                          {"message", e.message},
                          {"justified", e.justified}});
  }
  json transfers = json::array();
  for (const auto& t : report.transfers) {
    transfers.push_back({{"code", problem.codes[t.unit]},
                         {"region", t.region + 1},
                         {"from_parent", parent_code(problem, t.from_parent)},
                         {"to_parent", parent_code(problem, t.to_parent)}});
  }
  json regions = json::array();
  for (const auto& r : report.regions) {
    regions.push_back({{"region", r.region + 1},
                       {"seat_code", problem.codes[r.seat]},
                       {"seat_name", problem.names[r.seat]},
                       {"units", codes(problem, r.units)},
                       {"unit_count", r.units.size()},
                       {"population", r.population},
                       {"area_km2", number_or_null(r.area_km2)},
                       {"max_seat_distance_km", number_or_null(r.max_seat_distance_km)},
                       {"access_person_km", number_or_null(r.access_person_km)},
                       {"max_seat_minutes", number_or_null(r.max_seat_minutes)},
                       {"access_person_min", number_or_null(r.access_person_min)},
                       {"ssd", number_or_null(r.ssd)},
                       {"compactness", number_or_null(r.compactness)},
                       {"exception", r.exception}});
  }
  const auto& e = result.exact;
  json exact = {{"attempted", e.attempted},
                {"status", e.status},
                {"tiers_optimal", e.tiers_optimal},
                {"objective_certified", e.objective_certified},
                {"objective", number_or_null(e.objective)},
                {"bound", number_or_null(e.bound)},
                {"gap", number_or_null(e.gap)},
                {"heuristic_objective", number_or_null(e.heuristic_objective)},
                {"heuristic_gap", number_or_null(e.heuristic_gap)},
                {"heuristic_tiers_optimal", e.heuristic_tiers_optimal},
                {"used_exact_plan", e.used_exact_plan},
                {"seconds", e.seconds},
                {"note", e.note}};
  json run = {{"seed", instance.options.search.seed},
              {"threads", stats.threads},
              {"time_limit_s", request.time_limit_s > 0 ? json(request.time_limit_s) : json(nullptr)},
              {"stopped_early", stats.stopped_early},
              {"deterministic", !stats.stopped_early},
              {"runtime_s", result.total_seconds},
              {"solve_s", result.solve_seconds},
              {"construction_s", stats.construction_seconds},
              {"search_s", stats.search_seconds},
              {"constructions", stats.constructions},
              {"starts", stats.starts},
              {"moves_per_unit", stats.moves_per_unit},
              {"best_construction_regions", stats.best_construction_regions},
              {"best_start", stats.best_start},
              {"recombination_gain", stats.recombination_gain},
              {"target_merges", stats.target_merges},
              {"annealing_moves_tried", stats.search.moves_tried},
              {"annealing_moves_accepted", stats.search.moves_accepted},
              {"descent_moves", stats.search.descent_moves},
              {"tree_partitions", stats.construction.tree_partitions},
              {"grown_clusters", stats.construction.grown_clusters},
              {"enclaves", stats.construction.enclaves}};
  json outputs = {{"plan_csv", "plan.csv"}, {"regions_csv", "regions.csv"}, {"summary_json", "summary.json"}};
  if (result.has_geometry) {
    outputs["regions_geojson"] = "regions.geojson";
  } else {
    outputs["regions_geojson"] = nullptr;
    outputs["regions_geojson_note"] = "the input is a graph without geometry: no regions layer is written";
  }
  json travel = nullptr;
  if (result.travel) {
    travel = travel_summary(*result.travel, [&](std::size_t u) { return problem.codes[u]; });
    travel["network"] = request.travel.network.path;
  }
  return {{"format", "quhua-plan-summary"},
          {"version", 1},
          {"input", input},
          {"options", options},
          {"counts", counts},
          {"target", {{"requested", instance.target_regions > 0 ? json(instance.target_regions) : json(nullptr)},
                      {"reached", instance.target_regions == 0 || report.regions_after == instance.target_regions}}},
          {"objective", objective},
          {"hard_rules_hold", report.hard_rules_hold},
          {"rules", rule_list},
          {"exceptions", exceptions},
          {"transfers", transfers},
          {"regions", regions},
          {"exact", exact},
          {"run", run},
          {"travel", travel},
          {"outputs", outputs}};
}

std::vector<std::string> write_plan_files(const PlanResult& result, const PlanRequest& request, const std::string& dir) {
  const std::filesystem::path folder(dir);
  const auto tables = plan_tables(result);
  const auto plan_path = folder / "plan.csv";
  const auto regions_path = folder / "regions.csv";
  const auto summary_path = folder / "summary.json";
  io::write_tables(plan_path, {tables[0]}, request.language);
  io::write_tables(regions_path, {tables[1]}, request.language);
  const auto summary = result.summary.is_null() ? plan_summary(result, request) : result.summary;
  util::write_text_file(summary_path, summary.dump(2) + "\n");
  return {plan_path.string(), regions_path.string(), summary_path.string()};
}

std::vector<std::string> plan_output_files() { return {"plan.csv", "regions.csv", "summary.json", "regions.geojson"}; }

std::vector<std::string> write_plan_outputs(const PlanResult& result, const PlanRequest& request,
                                            const model::UnitTable* units) {
  const auto written = util::write_folder_atomically(request.out_dir, [&](const std::filesystem::path& stage) {
    write_plan_files(result, request, stage.string());
    if (units && result.has_geometry) io::write_layer(stage / "regions.geojson", regions_layer(*units, result));
  });
  std::vector<std::string> files;
  for (const auto& path : written) files.push_back(path.string());
  return files;
}

}  // namespace quhua::service
