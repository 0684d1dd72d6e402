// compare_plans: several evaluated plans side by side on the same indicators, ranked by a weighted
// score the user sets. A plan that breaks a hard rule ranks after every plan that keeps them all.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "quhua/metrics/plan_evaluation.hpp"

namespace quhua::metrics {

/// The indicators plans are compared on, with whether more is better.
struct ComparisonIndicator {
  std::string key;  ///< e.g. "weighted_mean_distance_km"
  bool higher_is_better = false;
  double default_weight = 0;
  std::string label_zh;
  std::string label_en;
};
const std::vector<ComparisonIndicator>& comparison_indicators();

struct PlanScore {
  std::string plan;                 ///< the plan's label (file name)
  std::map<std::string, double> values;  ///< indicator key -> value
  double score = 0;                 ///< weighted sum of min-max normalised values, 0..1 (1 best)
  bool rules_pass = true;
  std::size_t rank = 0;             ///< 1 best
};

/// Scores and ranks plans. `weights` maps indicator keys to weights (missing keys take the default
/// weights; unknown keys are a UsageError naming the key); weights are normalised to sum to 1.
/// Plans tie on an indicator when all have the same value (it then adds nothing to any score).
std::vector<PlanScore> compare_plans(const std::vector<std::string>& labels, const std::vector<PlanEvaluation>& plans,
                                     const std::map<std::string, double>& weights);

}  // namespace quhua::metrics
