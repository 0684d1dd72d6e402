#include "quhua/algorithms/facility/transportation.hpp"

#include "random_instances.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace quhua::algorithms::facility::detail {
namespace {

// Two sites of 10, demands of 15 and 5 that both prefer site 0: the optimum moves all of the
// cheaper-to-move demand 1 and a third of demand 0 to site 1 (worked by hand: 10*1 + 5*3 + 5*2 = 35).
TEST(Transportation, SplitsADemandWhereTheHandWorkedOptimumDoes) {
  LocationProblem problem;
  problem.cost = CostMatrix(2, 2);
  problem.cost.at(0, 0) = 1;
  problem.cost.at(0, 1) = 3;
  problem.cost.at(1, 0) = 1;
  problem.cost.at(1, 1) = 2;
  problem.weight = {15, 5};
  const std::vector<double> demand = {15, 5};
  const std::vector<double> capacity = {10, 10};
  const WeightedCosts costs(problem);
  TransportationSolver solver(costs, demand);
  const std::vector<Index> open = {0, 1};
  EXPECT_NEAR(solver.solve(open, capacity), 35, 1e-9);
  EXPECT_NEAR(solver.value(), 35, 1e-9);
  EXPECT_NEAR(solver.share(0, 0), 10.0 / 15.0, 1e-12);
  EXPECT_NEAR(solver.share(0, 1), 5.0 / 15.0, 1e-12);
  EXPECT_NEAR(solver.share(1, 1), 1.0, 1e-12);
  EXPECT_EQ(solver.unrouted(), 0);
}

TEST(Transportation, ReportsDemandWithoutRoomAndPenalisesIt) {
  LocationProblem problem;
  problem.cost = CostMatrix(2, 1, 1.0);
  problem.weight = {4, 4};
  const std::vector<double> demand = {4, 4};
  const std::vector<double> capacity = {6};
  const WeightedCosts costs(problem);
  TransportationSolver solver(costs, demand);
  const std::vector<Index> open = {0};
  const double value = solver.solve(open, capacity);
  EXPECT_NEAR(solver.unrouted(), 2, 1e-9);
  EXPECT_NEAR(solver.value(), 6, 1e-9);
  EXPECT_NEAR(value, 6 + costs.penalty() * 0.5, 1e-6);  // half of one demand fits nowhere
}

// With unit demands and integral capacities the transportation problem has an integral optimum
// (its constraint matrix is totally unimodular), so its value must equal the best single-source
// assignment, found here by enumerating all of them.
TEST(Transportation, EqualsTheBestAssignmentWhenDemandsAreUnits) {
  const auto base_seed = test::test_seed();
  for (std::uint64_t k = 0; k < 6; ++k) {
    const std::size_t n = 8, m = 6;
    auto problem = testing::random_problem(n, m, base_seed + 300 + k);
    problem.weight.assign(n, 1.0);
    const std::vector<double> demand(n, 1.0);
    const std::vector<Index> open = {1, 3, 4};
    std::vector<double> capacity(m, 0.0);
    for (std::size_t t = 0; t < open.size(); ++t) capacity[open[t]] = static_cast<double>(2 + (k + t) % 3);
    const WeightedCosts costs(problem);
    TransportationSolver solver(costs, demand);
    const double relaxed = solver.solve(open, capacity);

    double best = std::numeric_limits<double>::infinity();
    std::vector<std::size_t> choice(n, 0);
    for (;;) {
      std::vector<double> load(open.size(), 0.0);
      double cost = 0;
      bool fits = true;
      for (std::size_t i = 0; i < n; ++i) {
        load[choice[i]] += 1;
        cost += problem.cost.at(i, open[choice[i]]);
        fits = fits && load[choice[i]] <= capacity[open[choice[i]]];
      }
      if (fits) best = std::min(best, cost);
      std::size_t i = 0;
      while (i < n && ++choice[i] == open.size()) choice[i++] = 0;
      if (i == n) break;
    }
    EXPECT_NEAR(relaxed, best, 1e-6) << "seed " << base_seed + 300 + k;
    EXPECT_EQ(solver.unrouted(), 0);
  }
}

}  // namespace
}  // namespace quhua::algorithms::facility::detail
