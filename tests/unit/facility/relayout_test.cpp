#include "quhua/algorithms/facility/relayout.hpp"

#include "random_instances.hpp"
#include "support/test_support.hpp"

#include "quhua/exact/facility_models.hpp"

#include <gtest/gtest.h>

namespace quhua::algorithms::facility {
namespace {

/// Half the sites exist (keep costs little, upgrading adds places at a price, closing saves running
/// costs but costs something once); the others are new sites (build cost).
RelayoutProblem random_relayout(std::size_t n, std::size_t m, bool capacitated, std::uint64_t seed) {
  const auto base = testing::random_problem(n, m, seed);
  RelayoutProblem problem;
  problem.cost = base.cost;
  problem.weight = base.weight;
  if (capacitated) problem.demand = base.weight;
  double total = 0;
  for (double w : base.weight) total += w;
  Rng rng(seed * 7 + 1);
  for (std::size_t j = 0; j < m; ++j) {
    Site site;
    site.existing = j < m / 2;
    const double places = std::ceil(total / 3.0);
    if (site.existing) {
      site.closed_cost = 20;
      site.options.push_back({"keep", 50, places});
      site.options.push_back({"upgrade", 120, 2 * places});
    } else {
      site.options.push_back({"build", static_cast<double>(150 + rng.below(100)), places});
    }
    problem.sites.push_back(site);
  }
  return problem;
}

TEST(Relayout, EqualsTheExactMipUncapacitatedWithCosts) {
  const auto base_seed = test::test_seed();
  for (std::uint64_t k = 0; k < 6; ++k) {
    const auto problem = random_relayout(25, 10, false, base_seed + 500 + k);
    RelayoutOptions options;
    options.cost_weight = 300;  // travel units per yuan: sites must earn their keep
    options.min_open = 2;
    options.max_open = 5;
    RunControl control;
    const auto heuristic = solve_relayout(problem, options, control);
    const auto exact = exact::solve_relayout_mip(problem, options);
    ASSERT_TRUE(exact.location.proven_optimal);
    EXPECT_NEAR(heuristic.location.objective, exact.location.objective, 1e-6 * exact.location.objective)
        << "seed " << base_seed + 500 + k;
  }
}

TEST(Relayout, EqualsTheExactMipCapacitatedWithBudget) {
  const auto base_seed = test::test_seed();
  for (std::uint64_t k = 0; k < 6; ++k) {
    const auto problem = random_relayout(20, 8, true, base_seed + 600 + k);
    RelayoutOptions options;
    options.budget = 420;
    RunControl control;
    const auto heuristic = solve_relayout(problem, options, control);
    const auto exact = exact::solve_relayout_mip(problem, options);
    ASSERT_TRUE(exact.location.proven_optimal);
    ASSERT_TRUE(heuristic.feasible) << heuristic.infeasibility;
    EXPECT_NEAR(heuristic.location.objective, exact.location.objective, 1e-6 * exact.location.objective)
        << "seed " << base_seed + 600 + k;
    EXPECT_LE(heuristic.site_cost, 420 + 1e-9);
    for (std::size_t j = 0; j < problem.sites.size(); ++j) {
      if (heuristic.option_of[j] < 0) continue;
      EXPECT_LE(heuristic.load[j], problem.sites[j].options[static_cast<std::size_t>(heuristic.option_of[j])].capacity);
    }
  }
}

TEST(Relayout, UpgradesAnExistingSchoolRatherThanLeavePupilsWithoutPlaces) {
  // Two villages of 60 pupils next to school A (40 places, 80 after an upgrade); school B far away
  // may close. With at most one school open the only feasible plan is: upgrade A, close B.
  RelayoutProblem problem;
  problem.cost = CostMatrix(2, 2);
  problem.cost.at(0, 0) = 1;
  problem.cost.at(1, 0) = 2;
  problem.cost.at(0, 1) = 30;
  problem.cost.at(1, 1) = 30;
  problem.weight = {30, 30};
  problem.demand = {30, 30};
  Site a{true, 5, {{"keep", 10, 40}, {"upgrade", 60, 80}}, false, false};
  Site b{true, 5, {{"keep", 10, 40}}, false, false};
  problem.sites = {a, b};
  RelayoutOptions options;
  options.max_open = 1;
  RunControl control;
  const auto result = solve_relayout(problem, options, control);
  ASSERT_TRUE(result.feasible) << result.infeasibility;
  EXPECT_EQ(result.option_of, (std::vector<int>{1, -1}));
  EXPECT_DOUBLE_EQ(result.travel_cost, 30 * 1 + 30 * 2);
  EXPECT_DOUBLE_EQ(result.site_cost, 60 + 5);
}

TEST(Relayout, SaysWhenTheBudgetCannotBeMet) {
  RelayoutProblem problem;
  problem.cost = CostMatrix(1, 1, 1.0);
  problem.sites = {Site{true, 0, {{"keep", 100, 10}}, true, false}};
  RelayoutOptions options;
  options.budget = 50;
  RunControl control;
  const auto result = solve_relayout(problem, options, control);
  EXPECT_FALSE(result.feasible);
  EXPECT_FALSE(result.infeasibility.empty());
}

}  // namespace
}  // namespace quhua::algorithms::facility
