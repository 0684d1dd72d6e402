#include "quhua/algorithms/facility/coverage.hpp"

#include "random_instances.hpp"
#include "support/test_support.hpp"

#include "quhua/exact/facility_models.hpp"

#include <gtest/gtest.h>

namespace quhua::algorithms::facility {
namespace {

TEST(MaxCovering, EqualsTheExactMipOnSmallRandomInstances) {
  const auto base_seed = test::test_seed();
  for (std::uint64_t k = 0; k < 10; ++k) {
    const auto problem = testing::random_problem(40, 15, base_seed + 200 + k);
    MaxCoveringOptions options;
    options.p = 2 + k % 3;
    options.coverage.radius = 2500 + 250.0 * static_cast<double>(k % 4);
    RunControl control;
    const auto heuristic = solve_max_covering(problem, options, control);
    const auto exact = exact::solve_max_covering_mip(problem, options.coverage, options.p);
    ASSERT_TRUE(exact.proven_optimal);
    EXPECT_NEAR(heuristic.objective, exact.objective, 1e-6) << "seed " << base_seed + 200 + k;
    EXPECT_GE(heuristic.bound, exact.objective - 1e-6);  // an upper bound
  }
}

TEST(MaxCovering, CoveredWeightIsWhatTheOpenSitesReach) {
  const auto problem = testing::random_problem(60, 20, 4);
  MaxCoveringOptions options;
  options.p = 3;
  options.coverage.radius = 3000;
  RunControl control;
  const auto result = solve_max_covering(problem, options, control);
  double covered = 0;
  for (std::size_t i = 0; i < 60; ++i) {
    bool reached = false;
    for (Index j : result.open) reached = reached || problem.cost(i, j) <= 3000;
    if (reached) covered += problem.weight_of(i);
  }
  EXPECT_DOUBLE_EQ(result.objective, covered);
}

TEST(SetCovering, EqualsTheExactMipWithUnitAndWeightedCosts) {
  const auto base_seed = test::test_seed();
  for (std::uint64_t k = 0; k < 10; ++k) {
    const auto problem = testing::random_problem(40, 18, base_seed + 300 + k);
    SetCoveringOptions options;
    options.coverage.radius = 3500;
    if (k % 2 == 1) {
      Rng rng(k);
      for (std::size_t j = 0; j < 18; ++j) options.site_cost.push_back(static_cast<double>(1 + rng.below(5)));
    }
    RunControl control;
    const auto heuristic = solve_set_covering(problem, options, control);
    const auto exact = exact::solve_set_covering_mip(problem, options.coverage, options.site_cost);
    ASSERT_TRUE(exact.proven_optimal);
    EXPECT_NEAR(heuristic.objective, exact.objective, 1e-6) << "seed " << base_seed + 300 + k;
    EXPECT_LE(heuristic.bound, exact.objective + 1e-6);
    EXPECT_EQ(heuristic.unreachable_demands, exact.unreachable_demands);
  }
}

TEST(SetCovering, EveryCoverableDemandIsCovered) {
  const auto problem = testing::random_problem(80, 25, 8);
  SetCoveringOptions options;
  options.coverage.radius = 2000;
  RunControl control;
  const auto result = solve_set_covering(problem, options, control);
  std::size_t uncovered = 0;
  for (std::size_t i = 0; i < 80; ++i) {
    bool coverable = false, covered = false;
    for (Index j = 0; j < 25; ++j) coverable = coverable || problem.cost(i, j) <= 2000;
    for (Index j : result.open) covered = covered || problem.cost(i, j) <= 2000;
    EXPECT_EQ(covered, coverable) << "demand " << i;
    uncovered += coverable ? 0 : 1;
  }
  EXPECT_EQ(result.unreachable_demands, uncovered);
}

TEST(PCenter, EqualsTheExactMipOnSmallRandomInstances) {
  const auto base_seed = test::test_seed();
  for (std::uint64_t k = 0; k < 10; ++k) {
    const auto problem = testing::random_problem(30, 14, base_seed + 400 + k);
    PCenterOptions options;
    options.p = 2 + k % 3;
    RunControl control;
    const auto heuristic = solve_p_center(problem, options, control);
    const auto exact = exact::solve_p_center_mip(problem, options.p);
    ASSERT_TRUE(exact.proven_optimal);
    EXPECT_NEAR(heuristic.objective, exact.objective, 1e-6) << "seed " << base_seed + 400 + k;
    EXPECT_LE(heuristic.bound, exact.objective + 1e-6);
  }
}

TEST(PCenter, ObjectiveIsTheLargestNearestCost) {
  // Points on a line at 0, 2, 10, 12 with candidates at the same places: p = 2 gives radius 2.
  LocationProblem problem;
  problem.cost = CostMatrix(4, 4);
  const double pos[] = {0, 2, 10, 12};
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) problem.cost.at(i, j) = std::abs(pos[i] - pos[j]);
  }
  PCenterOptions options;
  options.p = 2;
  RunControl control;
  const auto result = solve_p_center(problem, options, control);
  EXPECT_DOUBLE_EQ(result.objective, 2);
  EXPECT_TRUE(result.proven_optimal);
}

}  // namespace
}  // namespace quhua::algorithms::facility
