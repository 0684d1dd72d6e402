// The HTML report of one or more evaluated plans: key figures, rule alerts, before/after maps,
// distance-to-seat map (and travel time by road with a network), charts and the official tables --
// self-contained, zh-CN by default.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/metrics/plan_comparison.hpp"
#include "quhua/metrics/plan_evaluation.hpp"
#include "quhua/model/plan.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::report {

struct PlanReportEntry {
  std::string label;  ///< plan name (file stem)
  const model::Plan* plan = nullptr;
  const metrics::PlanEvaluation* evaluation = nullptr;
  /// Dissolved outline of each region (same order as plan regions); empty: outlines not drawn.
  std::vector<model::MultiPolygon> region_shapes;
};

struct PlanReportInput {
  std::string title;  ///< e.g. "示范县乡镇行政区划调整方案评估"
  util::Language language = util::Language::zh;
  const model::UnitTable* units = nullptr;
  const graph::ContiguityGraph* graph = nullptr;  ///< for colouring neighbouring regions apart; may be null
  metrics::PlanRules rules;
  std::vector<PlanReportEntry> plans;
  std::vector<metrics::PlanScore> comparison;  ///< empty for a single plan
  /// Travel minutes by road between the units' anchors (units × units, row = from); null: no travel map.
  std::shared_ptr<const std::vector<float>> unit_minutes;
};

/// The whole HTML page.
std::string plan_report_html(const PlanReportInput& input);

}  // namespace quhua::report
