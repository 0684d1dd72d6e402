// service::plan -- `quhua plan`: generate a merger plan (撤并方案) under the reform's rules.
// Input is a contiguity graph given as tables (--nodes, --edges) or imported units with their
// contiguity graph (plan_units, the seam for --units); output is the plan (one row per input unit),
// a table of the new units and summary.json (counts, objective and terms, every rule with its status
// and offending units, exceptions with reasons, transfers, run statistics). docs/planner.md documents
// the formats.
#pragma once

#include "quhua/algorithms/regionalize/options.hpp"
#include "quhua/algorithms/regionalize/plan_check.hpp"
#include "quhua/algorithms/regionalize/problem.hpp"
#include "quhua/algorithms/regionalize/regionalize.hpp"
#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/io/layer_writer.hpp"
#include "quhua/model/geometry.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/service/missing_values.hpp"
#include "quhua/service/unit_travel.hpp"
#include "quhua/util/report_table.hpp"
#include "quhua/util/run_control.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace quhua::service {

/// When to run the exact MIP after the heuristic.
enum class ExactMode {
  automatic,  ///< when the free part has at most 40 units (default)
  off,
  on,         ///< always; a UsageError when the free part is larger than 40 units
};

struct PlanRequest {
  // Input: a graph as tables ...
  std::string nodes_path;  ///< --nodes
  std::string edges_path;  ///< --edges
  // ... or a unit layer (--units and the import flags), imported and its rook graph built.
  ImportRequest units;
  double snap_tolerance_m = 1.0;     ///< --snap-m: contiguity tolerance for --units
  std::vector<std::string> fields;  ///< attribute columns to carry besides the objective's (graph input)

  algorithms::regionalize::PlanRules rules;
  std::string objective = "access";  ///< --objective access | compact | heterogeneity:F1,F2
  double seat_town_weight = 3.0;     ///< --seat-town-weight
  std::string seat_rule = "largest"; ///< --seat-rule largest | central
  /// --missing-population: the planner weighs every unit's population (rules, objective, seat choice);
  /// a unit without one is refused (default) or, with `zero`, planned as 0 and reported.
  MissingPopulation missing_population = MissingPopulation::refuse;
  /// --network and its flags: access and --max-seat-min in road minutes between the units' anchors
  /// (--units only; at most k_max_travel_units units).
  TravelSpec travel;
  algorithms::regionalize::UnitLists lists;
  algorithms::regionalize::SearchOptions search;  ///< --seed, --threads and budgets
  double time_limit_s = 0;                        ///< --time-limit; 0: none
  ExactMode exact = ExactMode::automatic;         ///< --exact auto|off|on
  double exact_time_limit_s = 20;                 ///< --exact-time-limit

  std::string out_dir;  ///< --out; empty: nothing written
  util::Language language = util::Language::zh;
};

struct ExactSummary {
  bool attempted = false;
  std::string status;           ///< mip_status_name of the last stage
  bool tiers_optimal = false;   ///< exceptions, region count and penalty proven optimal
  bool objective_certified = false;  ///< access cost proven optimal too
  double objective = std::numeric_limits<double>::quiet_NaN();  ///< MIP access cost of the free part
  double bound = std::numeric_limits<double>::quiet_NaN();
  double gap = std::numeric_limits<double>::quiet_NaN();
  double heuristic_objective = std::numeric_limits<double>::quiet_NaN();  ///< same part, heuristic plan
  double heuristic_gap = std::numeric_limits<double>::quiet_NaN();  ///< (heuristic − bound) / heuristic
  bool heuristic_tiers_optimal = false;  ///< the heuristic reached the proven tiers
  bool used_exact_plan = false;          ///< the MIP's plan was better and replaced the heuristic's
  double seconds = 0;
  std::string note;
};

struct PlanResult {
  std::shared_ptr<const algorithms::regionalize::PlanningProblem> problem;
  std::shared_ptr<const algorithms::regionalize::SolverInstance> instance;
  algorithms::regionalize::RegionalizeResult plan;
  algorithms::regionalize::PlanReport report;
  ExactSummary exact;
  std::string input_kind;               ///< "graph" or "units"
  bool has_geometry = false;
  std::size_t lock_type_matches = 0;    ///< units --lock-type matched
  double solve_seconds = 0;             ///< instance + heuristic + exact
  double total_seconds = 0;             ///< reading included
  nlohmann::json summary;               ///< what summary.json holds
  std::vector<std::string> files;       ///< files written
  Findings import_findings;             ///< what importing --units reported (empty for graph input)
  /// With --network: the network, snaps and reach groups (the minutes themselves are in problem).
  std::optional<UnitTravelTimes> travel;
  Findings travel_findings;             ///< road islands, far snaps, units cut off from the others
};

/// Plans the input named by the request: --nodes/--edges, or --units (imported through
/// service::import_units, rook graph from service::unit_contiguity). Writes DIR/plan.csv,
/// DIR/regions.csv and DIR/summary.json when out_dir is set, and DIR/regions.geojson (the dissolved
/// new units, WGS84) when the units have geometry.
PlanResult plan(const PlanRequest& request, RunControl& control);

/// Plans imported units: node i of `graph` is unit i of `units`. Geometry, when present, gives
/// perimeters (the compact objective) and dissolve_regions() the new units' shapes.
PlanResult plan_units(const model::UnitTable& units, graph::ContiguityGraph graph, const PlanRequest& request,
                      RunControl& control);

/// Plans an already built problem (both entry points end here).
/// `control`: the request's time limit is applied to it; its progress callback sees the search.
PlanResult plan_problem(algorithms::regionalize::PlanningProblem problem, const PlanRequest& request,
                        RunControl& control, const std::string& input_kind, bool has_geometry);

/// The dissolved shape of each new unit (union of its members' geometry, in the table's working CRS),
/// indexed by region number − 1; for a regions layer (DIR/regions.geojson) written by io/.
std::vector<model::MultiPolygon> dissolve_regions(const model::UnitTable& units, const PlanResult& result);

/// The new units as a layer: dissolved shapes (working CRS) with regions.csv's columns.
io::OutputLayer regions_layer(const model::UnitTable& units, const PlanResult& result);

/// The report tables of a plan: "plan" (code, region, seat_code: one row per input unit) and
/// "regions" (one row per new unit).
std::vector<util::ReportTable> plan_tables(const PlanResult& result);

/// What a reader checks first: each merged new unit by name, seat first ("mergers"), and each exception
/// with its units and reason ("exceptions"). `quhua plan` prints both under its summary.
util::ReportTable mergers_table(const PlanResult& result, util::Language language);
util::ReportTable exceptions_table(const PlanResult& result, util::Language language);

/// summary.json as a JSON value (see docs/planner.md for the shape).
nlohmann::json plan_summary(const PlanResult& result, const PlanRequest& request);

/// Writes DIR/plan.csv, DIR/regions.csv and DIR/summary.json (each atomically; the folder is created).
/// Returns the paths written.
std::vector<std::string> write_plan_files(const PlanResult& result, const PlanRequest& request, const std::string& dir);

/// The names of the files a plan writes into its --out folder (plan.csv, regions.csv, summary.json,
/// regions.geojson), for the outputs-over-inputs check made before planning.
std::vector<std::string> plan_output_files();

/// Writes every output of the plan into request.out_dir as one set: plan.csv, regions.csv,
/// summary.json and, when `units` (the table planned) is given and has geometry, regions.geojson. All
/// are written into a temporary sibling folder first and moved in only when all are complete
/// (util::write_folder_atomically): a failure leaves the folder as it was. Returns the paths written.
std::vector<std::string> write_plan_outputs(const PlanResult& result, const PlanRequest& request,
                                            const model::UnitTable* units);

// Parsers for the list flags (shared by the CLI and the HTTP API). Throw UsageError naming the flag.
std::vector<std::string> parse_code_list(const std::string& text);  ///< "A,B,C"
std::vector<std::pair<std::string, std::string>> parse_forbid_list(const std::string& text);  ///< "A:B,C:D"
std::vector<std::vector<std::string>> parse_must_merge_list(const std::string& text);       ///< "A+B+C,D+E"

}  // namespace quhua::service
