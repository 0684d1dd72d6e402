#include "quhua/service/plan.hpp"

#include <filesystem>

#include "quhua/io/layer_writer.hpp"
#include "quhua/service/unit_graph.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>

#include "quhua/algorithms/regionalize/instance.hpp"
#include "quhua/algorithms/regionalize/local_search.hpp"
#include "quhua/exact/regionalize_mip.hpp"
#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/service/plan_input.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service {

namespace rg = algorithms::regionalize;

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t k_exact_max_units = 40;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The objective summed over regions that are not fixed (the part the MIP optimises).
double free_objective(const rg::PlanState& state) {
  double total = 0;
  for (rg::RegionId r = 0; r < state.region_capacity(); ++r) {
    if (!state.empty(r) && !state.fixed_region(r)) total += state.region_cost(r);
  }
  return total;
}

// Runs the MIP on small free parts, records how the heuristic compares, and adopts the MIP's plan
// when it ranks better.
void certify(const rg::SolverInstance& instance, const PlanRequest& request, const RunControl& control,
             rg::RegionalizeResult& plan, ExactSummary& summary) {
  if (request.exact == ExactMode::off) {
    summary.note = "not run (--exact off)";
    return;
  }
  if (instance.free_unit_count > k_exact_max_units) {
    if (request.exact == ExactMode::on) {
      throw UsageError("--exact on: the free part has " + std::to_string(instance.free_unit_count) +
                       " units; the exact model is limited to " + std::to_string(k_exact_max_units));
    }
    summary.note = "not run: " + std::to_string(instance.free_unit_count) + " free units (the exact model takes up to " +
                   std::to_string(k_exact_max_units) + ")";
    return;
  }
  exact::ExactPlanOptions options;
  options.max_units = k_exact_max_units;
  options.time_limit_s = std::max(1.0, std::min(request.exact_time_limit_s, control.seconds_left()));
  options.start.assign(plan.block_region.begin(), plan.block_region.end());
  const auto mip = exact::solve_exact(instance, options);
  summary.attempted = mip.attempted;
  summary.status = std::string(exact::mip_status_name(mip.status));
  summary.tiers_optimal = mip.tiers_optimal;
  summary.objective_certified = mip.objective_certified;
  summary.objective = mip.objective;
  summary.bound = mip.bound;
  summary.gap = mip.gap;
  summary.seconds = mip.seconds;
  summary.note = mip.note;
  const std::vector<std::uint32_t> heuristic_plan(plan.block_region.begin(), plan.block_region.end());
  summary.heuristic_tiers_optimal = mip.tiers_optimal && exact::tier_value(instance, heuristic_plan) <= mip.tier_value;
  const rg::PlanState heuristic_state(instance, plan.block_region);
  summary.heuristic_objective = free_objective(heuristic_state);
  if (std::isfinite(mip.bound) && summary.heuristic_objective > 0) {
    summary.heuristic_gap = std::max(0.0, (summary.heuristic_objective - mip.bound) / summary.heuristic_objective);
  } else if (std::isfinite(mip.bound)) {
    summary.heuristic_gap = 0;
  }
  if (mip.block_region.empty()) return;
  rg::PlanState exact_state(instance, mip.block_region);
  if (instance.options.objective.kind != rg::ObjectiveKind::access) {
    rg::SearchStats stats;
    rg::descend(exact_state, control, stats);
  }
  const auto exact_key = rg::plan_key(exact_state);
  auto heuristic_key = plan.key;
  heuristic_key.objective -= 1e-9 * (1 + std::abs(heuristic_key.objective));
  double final_objective = summary.heuristic_objective;
  if (exact_key < heuristic_key) {
    auto candidate = rg::make_result(instance, exact_state.assignment());
    // Under the central rule the MIP's roots (the cheapest) need not be the rule's seats (the town weight
    // may pick another member): adopt only a plan that keeps every rule with the rule's seats.
    const bool keeps_rules =
        !instance.central_seats ||
        rg::check_plan(instance, candidate.region_of_unit, candidate.seat_of_region).hard_rules_hold;
    if (keeps_rules) {
      auto statistics = plan.statistics;
      plan = std::move(candidate);
      plan.statistics = statistics;
      summary.used_exact_plan = true;
      final_objective = free_objective(exact_state);
    } else {
      summary.note += (summary.note.empty() ? "" : "; ") +
                      std::string("the MIP's plan breaks a rule with the central rule's seats and was not used");
    }
  }
  if (instance.central_seats && summary.objective_certified && std::isfinite(summary.objective) &&
      std::abs(final_objective - summary.objective) > 1e-6 * std::max(1.0, std::abs(summary.objective))) {
    // The MIP roots each region where the cost is least; the rule's seat (with the town weight) costs
    // more: the bound stands, the plan is not proven optimal.
    summary.objective_certified = false;
    summary.note += (summary.note.empty() ? "" : "; ") +
                    std::string("central seats differ from the MIP's cheapest roots: the bound holds, optimality is "
                                "not certified");
  }
}

}  // namespace

PlanResult plan_problem(rg::PlanningProblem problem, const PlanRequest& request, RunControl& control,
                        const std::string& input_kind, bool has_geometry) {
  const auto started = Clock::now();
  if (request.time_limit_s < 0 || !std::isfinite(request.time_limit_s)) {
    throw UsageError("--time-limit must be a number of seconds >= 0");
  }
  if (request.exact_time_limit_s <= 0 || !std::isfinite(request.exact_time_limit_s)) {
    throw UsageError("--exact-time-limit must be a number of seconds > 0");
  }
  if (request.time_limit_s > 0) control.set_time_limit(request.time_limit_s);
  PlanResult result;
  result.input_kind = input_kind;
  result.has_geometry = has_geometry;
  result.lock_type_matches = rg::apply_unit_lists(problem, request.lists);
  auto shared_problem = std::make_shared<const rg::PlanningProblem>(std::move(problem));
  rg::PlanOptions options;
  options.rules = request.rules;
  options.objective = rg::parse_objective(request.objective);
  options.objective.seat_town_weight = request.seat_town_weight;
  options.objective.seat_rule = rg::parse_seat_rule(request.seat_rule);
  options.search = request.search;
  auto instance = std::make_shared<const rg::SolverInstance>(rg::build_instance(*shared_problem, options));
  result.problem = shared_problem;
  result.instance = instance;

  result.plan = rg::regionalize(*instance, control);
  certify(*instance, request, control, result.plan, result.exact);
  result.report = rg::check_plan(*instance, result.plan.region_of_unit, result.plan.seat_of_region);
  if (!result.report.hard_rules_hold) {
    // A broken hard rule is a planner defect: never hand such a plan out.
    std::string what;
    for (const auto& rule : result.report.rules) {
      if (rule.hard && rule.status == rg::RuleStatus::fail) {
        what = rule.rule + (rule.violations.empty() ? "" : ": " + rule.violations.front().message);
        break;
      }
    }
    for (const auto& exception : result.report.exceptions) {
      if (what.empty() && !exception.justified) what = "exception without a valid reason: " + exception.message;
    }
    throw InternalError("the plan found breaks a hard rule (" + what + "); please report this with the input");
  }
  result.solve_seconds = seconds_since(started);
  result.total_seconds = result.solve_seconds;
  return result;
}

PlanResult plan(const PlanRequest& request, RunControl& control) {
  const auto started = Clock::now();
  if (!request.units.units_path.empty()) {
    if (!request.nodes_path.empty() || !request.edges_path.empty()) {
      throw UsageError("give the input either as --units or as --nodes and --edges, not both");
    }
    ImportResult imported = import_units(request.units);
    geometry::ContiguityOptions contiguity;
    contiguity.snap_tolerance_m = request.snap_tolerance_m;
    auto graph = imported.has_geometry ? unit_contiguity(imported.units, contiguity).graph : graph::ContiguityGraph{};
    if (!imported.has_geometry) {
      throw UsageError("the units in " + request.units.units_path +
                       " have no geometry, so contiguity cannot be known: give polygons, or a graph with "
                       "--nodes and --edges");
    }
    auto result = plan_units(imported.units, std::move(graph), request, control);
    Findings findings = imported.findings;
    findings.append(result.import_findings);  // what plan_units added (population taken as 0)
    result.import_findings = std::move(findings);
    result.total_seconds = seconds_since(started);
    return result;
  }
  if (request.nodes_path.empty() || request.edges_path.empty()) {
    throw UsageError("give the input as --nodes NODES.csv --edges EDGES.csv (or --units FILE)");
  }
  if (request.travel.given()) {
    throw UsageError("--network needs --units: a graph given as tables has no coordinate system to meet the roads in");
  }
  auto fields = request.fields;
  const auto objective = rg::parse_objective(request.objective);
  for (const auto& field : objective.fields) {
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
  }
  auto problem = read_graph_problem(request.nodes_path, request.edges_path, fields);
  auto result = plan_problem(std::move(problem), request, control, "graph", false);
  result.total_seconds = seconds_since(started);
  result.summary = plan_summary(result, request);
  if (!request.out_dir.empty()) result.files = write_plan_outputs(result, request, nullptr);
  return result;
}

PlanResult plan_units(const model::UnitTable& units, graph::ContiguityGraph graph, const PlanRequest& request,
                      RunControl& control) {
  const auto started = Clock::now();
  if (graph.node_count() != units.size()) {
    throw InternalError("plan_units: the graph has " + std::to_string(graph.node_count()) + " nodes for " +
                        std::to_string(units.size()) + " units");
  }
  auto fields = request.fields;
  const auto objective = rg::parse_objective(request.objective);
  for (const auto& field : objective.fields) {
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
  }
  bool has_geometry = !units.empty();
  for (const auto& unit : units) has_geometry = has_geometry && !unit.geometry.empty();
  // Every plan weighs population (the seat choice always; the access objective and --min-pop/--max-pop
  // too): a unit without one is refused, or planned as 0 when the user says so. Never silently 0.
  Findings population_findings;
  std::string needed_by = "plan (--seat-rule " + request.seat_rule;
  if (objective.kind == rg::ObjectiveKind::access) needed_by += ", --objective access";
  if (request.rules.min_population > 0) needed_by += ", --min-pop";
  if (request.rules.max_population < rg::k_no_limit) needed_by += ", --max-pop";
  require_population(units, request.missing_population, needed_by + ")", request.units.units_path, population_findings);
  auto problem = rg::problem_from_units(units, std::move(graph), fields);
  std::optional<UnitTravelTimes> travel;
  Findings travel_findings;
  if (request.travel.given()) {
    travel = unit_travel_times(units, request.travel, control, travel_findings, request.units.units_path);
    problem.travel_minutes = std::move(travel->matrix.minutes);
    travel->matrix.minutes = {};
  }
  auto result = plan_problem(std::move(problem), request, control, "units", has_geometry);
  result.import_findings = std::move(population_findings);
  result.travel = std::move(travel);
  result.travel_findings = std::move(travel_findings);
  result.total_seconds = seconds_since(started);
  result.summary = plan_summary(result, request);
  if (!request.out_dir.empty()) result.files = write_plan_outputs(result, request, &units);
  return result;
}

io::OutputLayer regions_layer(const model::UnitTable& units, const PlanResult& result) {
  const auto shapes = dissolve_regions(units, result);
  const auto regions = plan_tables(result)[1];
  io::OutputLayer layer;
  layer.name = "regions";
  layer.crs = units.crs.working;
  for (const auto& column : regions.columns) layer.fields.push_back(column.key);
  for (const auto& row : regions.rows) {
    // Column 0 is the region number (1-based), as in regions.csv.
    const auto index = static_cast<std::size_t>(std::get<std::int64_t>(row[0]) - 1);
    layer.features.push_back({index < shapes.size() ? io::LayerGeometry{shapes[index]} : io::LayerGeometry{}, row});
  }
  return layer;
}

std::vector<model::MultiPolygon> dissolve_regions(const model::UnitTable& units, const PlanResult& result) {
  if (units.size() != result.plan.region_of_unit.size()) {
    throw InternalError("dissolve_regions: the unit table is not the one planned");
  }
  std::vector<std::vector<const model::MultiPolygon*>> parts(result.plan.region_count);
  for (std::size_t u = 0; u < units.size(); ++u) {
    parts[result.plan.region_of_unit[u]].push_back(&units[static_cast<model::UnitId>(u)].geometry);
  }
  std::vector<model::MultiPolygon> shapes;
  shapes.reserve(parts.size());
  for (const auto& members : parts) shapes.push_back(geometry::union_all(members));
  return shapes;
}

std::vector<std::string> parse_code_list(const std::string& text) {
  // Commas, Chinese commas (，) and enumeration commas (、) all separate codes.
  std::string normalised = text;
  for (const std::string separator : {"，", "、"}) {
    for (auto at = normalised.find(separator); at != std::string::npos; at = normalised.find(separator, at)) {
      normalised.replace(at, separator.size(), ",");
    }
  }
  std::vector<std::string> codes;
  for (const auto& part : util::split(normalised, ',')) {
    const auto code = util::trim(part);
    if (!code.empty()) codes.emplace_back(code);
  }
  return codes;
}

std::vector<std::pair<std::string, std::string>> parse_forbid_list(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (auto item : parse_code_list(text)) {
    for (auto at = item.find("："); at != std::string::npos; at = item.find("：")) item.replace(at, 3, ":");
    const auto parts = util::split(item, ':');
    if (parts.size() != 2 || util::trim(parts[0]).empty() || util::trim(parts[1]).empty()) {
      throw UsageError("--forbid expects pairs A:B separated by commas (got '" + item + "')");
    }
    pairs.emplace_back(std::string(util::trim(parts[0])), std::string(util::trim(parts[1])));
  }
  return pairs;
}

std::vector<std::vector<std::string>> parse_must_merge_list(const std::string& text) {
  std::vector<std::vector<std::string>> groups;
  for (const auto& item : parse_code_list(text)) {
    std::vector<std::string> group;
    for (const auto& part : util::split(item, '+')) {
      const auto code = util::trim(part);
      if (code.empty()) throw UsageError("--must-merge expects groups A+B+C separated by commas (got '" + item + "')");
      group.emplace_back(code);
    }
    if (group.size() < 2) throw UsageError("--must-merge: a group needs at least two units joined by '+' (got '" + item + "')");
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace quhua::service
