// service::evaluate -- judge one or more plans (from the planner or made by hand) over the same units:
// indicators before and after, every rule checked with offenders named, a weighted comparison, and the
// outputs decision-makers use: JSON for scripts, an XLSX workbook, a self-contained HTML report with
// maps, and the new units as GeoJSON/GeoPackage.
#pragma once

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/metrics/plan_comparison.hpp"
#include "quhua/metrics/plan_evaluation.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/service/missing_values.hpp"
#include "quhua/service/unit_travel.hpp"
#include "quhua/util/report_table.hpp"

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quhua::service {

struct EvaluateRequest {
  ImportRequest units;                     ///< the units the plans are about
  std::optional<ImportRequest> villages;   ///< their villages (parent = unit code), for distances
  std::vector<std::string> plan_paths;     ///< CSV/XLSX with code,region[,seat_code][,name]
  metrics::PlanRules rules;
  std::map<std::string, double> weights;   ///< comparison weights; empty: defaults
  double snap_tolerance_m = 1.0;           ///< for the contiguity graph
  std::string title;                       ///< report title; empty: a default in the report's language
  /// --network: travel times by road from members (villages when given) to their seats, beside the
  /// straight-line distances; needed by --max-seat-min.
  TravelSpec travel;
  /// --missing-population: with --min-pop or --max-pop every unit's population is needed; a unit without
  /// one is refused (default) or, with `zero`, taken as 0 and reported. Without those rules missing
  /// populations stay missing (blank in the outputs, left out of population-weighted figures).
  MissingPopulation missing_population = MissingPopulation::refuse;
  void validate() const;
};

struct EvaluatedPlan {
  std::string label;  ///< the plan file's stem
  model::Plan plan;
  metrics::PlanEvaluation evaluation;
  std::vector<model::MultiPolygon> region_shapes;  ///< dissolved new units (empty without geometry)
};

struct EvaluateResult {
  ImportResult import;
  std::optional<ImportResult> villages;
  std::optional<graph::ContiguityGraph> graph;  ///< rook graph; absent without geometry
  std::vector<EvaluatedPlan> plans;
  std::vector<metrics::PlanScore> comparison;    ///< empty for one plan
  metrics::EvaluationOptions options;
  std::string title;
  /// With --network: the network and the units' reach groups (the minutes are in options).
  std::optional<UnitTravelTimes> travel;
  Findings travel_findings;  ///< road islands, far snaps, units cut off from the others
  /// What the figures leave out: members without population, units without villages (with the share of
  /// the population the weighted figures cover).
  Findings findings;
};

EvaluateResult evaluate(const EvaluateRequest& request);

/// The label of each plan (its file's stem; with the folder when two share one): the names of its
/// sheets and of its layer in a GeoPackage output.
std::vector<std::string> plan_labels(const std::vector<std::string>& plan_paths);

/// The stable JSON shape (docs/evaluate.md): the first plan's `before`, `after`, `rules`, `regions` ...
/// at the top level, every plan under `plans`, and `comparison`.
nlohmann::json evaluation_json(const EvaluateResult& result);
/// The tables of every plan (and the comparison), for XLSX/CSV/terminal.
std::vector<util::ReportTable> evaluation_tables(const EvaluateResult& result,
                                                 util::Language language = util::Language::zh);
/// Writes by extension: .json, .xlsx, .csv, .txt, .html, .geojson, .gpkg (new units of the first plan;
/// a GeoPackage holds one layer per plan). Throws UsageError for other extensions.
void write_evaluation(const EvaluateResult& result, const std::filesystem::path& path, util::Language language);

}  // namespace quhua::service
