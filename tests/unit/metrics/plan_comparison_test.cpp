#include "quhua/metrics/plan_comparison.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"

namespace quhua::metrics {

PlanEvaluation evaluation(std::size_t units, double distance_km, bool pass) {
  PlanEvaluation e;
  e.after.units = units;
  e.after.weighted_mean_distance_km = distance_km;
  e.rules.push_back({"contiguity", pass, {}, ""});
  return e;
}

TEST(PlanComparison, WeightedScoreRanksAndRuleBreakersGoLast) {
  const std::vector<PlanEvaluation> plans{evaluation(20, 3.0, true), evaluation(18, 5.0, true),
                                          evaluation(15, 1.0, false)};
  const auto scores = compare_plans({"a", "b", "c"}, plans, {{"weighted_mean_distance_km", 1.0}});
  // Distance alone: c (1 km) would be best, but it breaks a rule; then a (3 km) beats b (5 km).
  EXPECT_EQ(scores[2].rank, 3u);
  EXPECT_EQ(scores[0].rank, 1u);
  EXPECT_EQ(scores[1].rank, 2u);
  EXPECT_NEAR(scores[0].score, 0.5, 1e-12);  // (5 - 3) / (5 - 1)
  EXPECT_NEAR(scores[2].score, 1.0, 1e-12);
  const auto by_units = compare_plans({"a", "b", "c"}, plans, {{"units_after", 1.0}});
  EXPECT_NEAR(by_units[1].score, 0.4, 1e-12);  // (20 - 18) / (20 - 15)
}

TEST(PlanComparison, UnknownWeightIsUsageError) {
  EXPECT_THROW(compare_plans({"a"}, {evaluation(1, 1, true)}, {{"beauty", 1.0}}), UsageError);
  EXPECT_THROW(compare_plans({"a"}, {evaluation(1, 1, true)}, {{"units_after", 0.0}}), UsageError);
}

}  // namespace quhua::metrics
