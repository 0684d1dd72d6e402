#include "quhua/algorithms/facility/p_median.hpp"

#include "random_instances.hpp"
#include "support/test_support.hpp"

#include "quhua/exact/facility_models.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::algorithms::facility {
namespace {

TEST(PMedian, EqualsTheExactMipOnSmallRandomInstances) {
  const auto base_seed = test::test_seed();
  for (std::uint64_t k = 0; k < 12; ++k) {
    const auto problem = testing::random_problem(30, 15, base_seed + k);
    const std::size_t p = 2 + k % 4;
    RunControl control;
    PMedianOptions options;
    options.p = p;
    const auto heuristic = solve_p_median(problem, options, control);
    const auto exact = exact::solve_p_median_mip(problem, p);
    ASSERT_TRUE(exact.proven_optimal);
    EXPECT_NEAR(heuristic.objective, exact.objective, 1e-6) << "seed " << base_seed + k << ", p " << p;
    // The Lagrangian bound never exceeds the optimum.
    EXPECT_LE(heuristic.bound, exact.objective + 1e-6);
    EXPECT_EQ(heuristic.open.size(), p);
  }
}

TEST(PMedian, HonoursFixedAndExcludedCandidates) {
  auto problem = testing::random_problem(40, 12, 7);
  problem.fixed_open.assign(12, 0);
  problem.excluded.assign(12, 0);
  problem.fixed_open[3] = 1;
  problem.excluded[5] = problem.excluded[6] = 1;
  RunControl control;
  PMedianOptions options;
  options.p = 4;
  const auto result = solve_p_median(problem, options, control);
  EXPECT_NE(std::find(result.open.begin(), result.open.end(), 3u), result.open.end());
  EXPECT_EQ(std::find(result.open.begin(), result.open.end(), 5u), result.open.end());
  EXPECT_EQ(std::find(result.open.begin(), result.open.end(), 6u), result.open.end());
  EXPECT_NEAR(result.objective, exact::solve_p_median_mip(problem, 4).objective, 1e-6);
}

TEST(PMedian, AssignsEachDemandToItsNearestOpenSite) {
  const auto problem = testing::random_problem(50, 20, 11);
  RunControl control;
  PMedianOptions options;
  options.p = 5;
  const auto result = solve_p_median(problem, options, control);
  double total = 0;
  for (std::size_t i = 0; i < 50; ++i) {
    for (Index j : result.open) EXPECT_LE(problem.cost(i, result.assignment[i]), problem.cost(i, j));
    total += problem.weight_of(i) * problem.cost(i, result.assignment[i]);
  }
  EXPECT_NEAR(total, result.objective, 1e-6);
}

TEST(PMedian, SameSeedSameAnswer) {
  const auto problem = testing::random_problem(80, 40, 3);
  RunControl control;
  PMedianOptions options;
  options.p = 6;
  options.seed = 99;
  const auto a = solve_p_median(problem, options, control);
  const auto b = solve_p_median(problem, options, control);
  EXPECT_EQ(a.open, b.open);
  EXPECT_EQ(a.objective, b.objective);
}

TEST(PMedian, ProvesOptimalityWhenTheBoundMeetsTheObjective) {
  // Two clusters far apart: with p = 2 the optimum opens one site in each, and the LP bound is tight.
  LocationProblem problem;
  problem.cost = CostMatrix(4, 4);
  const double pos[] = {0, 1, 100, 101};
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) problem.cost.at(i, j) = std::abs(pos[i] - pos[j]);
  }
  RunControl control;
  PMedianOptions options;
  options.p = 2;
  const auto result = solve_p_median(problem, options, control);
  EXPECT_DOUBLE_EQ(result.objective, 2);
  EXPECT_TRUE(result.proven_optimal);
  EXPECT_DOUBLE_EQ(result.gap, 0);
}

TEST(PMedian, CountsDemandsNoOpenSiteCanReach) {
  LocationProblem problem;
  problem.cost = CostMatrix(3, 2);
  problem.cost.at(0, 0) = 1;
  problem.cost.at(0, 1) = 5;
  problem.cost.at(1, 0) = 2;
  problem.cost.at(1, 1) = k_unreachable;
  problem.cost.at(2, 0) = k_unreachable;
  problem.cost.at(2, 1) = k_unreachable;
  RunControl control;
  PMedianOptions options;
  options.p = 1;
  const auto result = solve_p_median(problem, options, control);
  EXPECT_EQ(result.open, std::vector<Index>{0});
  EXPECT_EQ(result.unreachable_demands, 1u);
  EXPECT_EQ(result.assignment[2], k_unassigned);
  EXPECT_DOUBLE_EQ(result.objective, 3);
}

TEST(PMedian, RejectsImpossibleP) {
  const auto problem = testing::random_problem(10, 5, 1);
  RunControl control;
  PMedianOptions options;
  options.p = 6;
  EXPECT_THROW(solve_p_median(problem, options, control), UsageError);
  options.p = 0;
  EXPECT_THROW(solve_p_median(problem, options, control), UsageError);
}

TEST(PMedian, RefusesAWeightWhoseCostsOverflowInsteadOfSearchingForever) {
  // One village weighing 5e307: weight x cost overflowed to inf, every comparison in the interchange
  // came out false, and the search never ended.
  LocationProblem problem;
  problem.cost = CostMatrix(4, 4);
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 4; ++j) problem.cost.at(i, j) = i == j ? 0.0 : 10.0;
  }
  problem.weight = {1, 5e307, 1, 1};
  RunControl control;
  PMedianOptions options;
  options.p = 2;
  try {
    solve_p_median(problem, options, control);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_value);
    EXPECT_NE(std::string(e.what()).find("demand point 2: weight 5e+307 x cost 10 is too large"), std::string::npos)
        << e.what();
  }
  // Weights that are each fine but sum past what adds up exactly.
  problem.weight = {1e299, 1e299, 1e299, 1e299};
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = 0; j < 4; ++j) problem.cost.at(i, j) = 0;
  }
  EXPECT_THROW(solve_p_median(problem, options, control), InputError);
}

}  // namespace
}  // namespace quhua::algorithms::facility
