#include "quhua/algorithms/facility/capacitated_p_median.hpp"

#include "random_instances.hpp"
#include "support/test_support.hpp"

#include "quhua/exact/facility_models.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace quhua::algorithms::facility {
namespace {

CapacitatedProblem random_capacitated(std::size_t n, std::size_t m, std::size_t p, std::uint64_t seed) {
  CapacitatedProblem problem;
  problem.location = testing::random_problem(n, m, seed);
  problem.demand = problem.location.weight;
  double total = 0;
  for (double d : problem.demand) total += d;
  // Room for about 1.25 times the demand over p sites: tight enough that capacities bind.
  problem.capacity.assign(m, std::ceil(1.25 * total / static_cast<double>(p)));
  return problem;
}

TEST(CapacitatedPMedian, EqualsTheExactMipOnSmallRandomInstances) {
  const auto base_seed = test::test_seed();
  for (std::uint64_t k = 0; k < 8; ++k) {
    const std::size_t p = 2 + k % 3;
    const auto problem = random_capacitated(24, 12, p, base_seed + 100 + k);
    RunControl control;
    CapacitatedPMedianOptions options;
    options.p = p;
    const auto heuristic = solve_capacitated_p_median(problem, options, control);
    const auto exact = exact::solve_capacitated_p_median_mip(problem, p);
    ASSERT_TRUE(exact.proven_optimal);
    EXPECT_NEAR(heuristic.objective, exact.objective, 1e-6) << "seed " << base_seed + 100 + k << ", p " << p;
    EXPECT_LE(heuristic.bound, exact.objective + 1e-6);
  }
}

TEST(CapacitatedPMedian, NoSiteTakesMoreThanItsCapacity) {
  const auto problem = random_capacitated(60, 20, 5, 5);
  RunControl control;
  CapacitatedPMedianOptions options;
  options.p = 5;
  const auto result = solve_capacitated_p_median(problem, options, control);
  ASSERT_EQ(result.unassigned_demands, 0u);
  std::vector<double> load(20, 0.0);
  for (std::size_t i = 0; i < 60; ++i) {
    ASSERT_NE(result.assignment[i], k_unassigned);
    ASSERT_TRUE(std::binary_search(result.open.begin(), result.open.end(), result.assignment[i]));
    load[result.assignment[i]] += problem.demand[i];
  }
  for (std::size_t j = 0; j < 20; ++j) EXPECT_LE(load[j], problem.capacity[j]);
}

TEST(CapacitatedPMedian, ReportsDemandThatFitsNowhere) {
  // Room for 20 in all, demand 18, but each point is served whole: two points of 6 fill a site of 10
  // only once, so one point is left over.
  CapacitatedProblem problem;
  problem.location.cost = CostMatrix(3, 2, 1.0);
  problem.demand = {6, 6, 6};
  problem.capacity = {10, 10};
  RunControl control;
  CapacitatedPMedianOptions options;
  options.p = 2;
  const auto result = solve_capacitated_p_median(problem, options, control);
  EXPECT_EQ(result.unassigned_demands, 1u);
  EXPECT_TRUE(std::isnan(result.bound));  // no bound is claimed for an infeasible plan
}

/// The message of the InputError `solve` throws (fails the test when none).
template <typename Solve>
std::string infeasible_message(Solve&& solve) {
  try {
    solve();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_value);
    return e.what();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

TEST(CapacitatedPMedian, RefusesCapacityShortOfTheDemandNamingBoth) {
  // p = 1 site of 10 places for 15 pupils: this used to come back as objective 0 with villages
  // unplaced. Both the heuristic and the MIP refuse, with the totals.
  CapacitatedProblem problem;
  problem.location.cost = CostMatrix(3, 3, 1.0);
  problem.demand = {5, 5, 5};
  problem.capacity = {10, 4, 10};
  RunControl control;
  CapacitatedPMedianOptions options;
  options.p = 1;
  for (const auto& message : {infeasible_message([&] { solve_capacitated_p_median(problem, options, control); }),
                              infeasible_message([&] { exact::solve_capacitated_p_median_mip(problem, 1); })}) {
    EXPECT_NE(message.find("1 facilities hold at most 10"), std::string::npos) << message;
    EXPECT_NE(message.find("the demand totals 15"), std::string::npos) << message;
  }
  // The fixed site counts whatever its size: the small one fixed open and p = 2 hold 4 + 10 = 14 < 15.
  problem.location.fixed_open = {0, 1, 0};
  options.p = 2;
  EXPECT_NE(infeasible_message([&] {
              solve_capacitated_p_median(problem, options, control);
            }).find("2 facilities hold at most 14"),
            std::string::npos);
  // Room enough in all, but one point needs more than any site holds.
  problem.location.fixed_open.clear();
  problem.demand = {12, 1, 1};
  problem.capacity = {10, 10, 10};
  options.p = 3;
  EXPECT_NE(infeasible_message([&] {
              solve_capacitated_p_median(problem, options, control);
            }).find("demand point 1 needs 12"),
            std::string::npos);
}

}  // namespace
}  // namespace quhua::algorithms::facility
