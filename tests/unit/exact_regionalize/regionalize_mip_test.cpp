#include "quhua/exact/regionalize_mip.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "instances.hpp"
#include "quhua/algorithms/regionalize/plan_state.hpp"
#include "quhua/algorithms/regionalize/regionalize.hpp"
#include "support/test_support.hpp"

namespace quhua::exact {

namespace rg = algorithms::regionalize;

namespace {

using testing::small_case;

// Every partition of the units into contiguous regions keeping the hard rules (lower bounds may fail:
// such regions are exceptions), best by the planner's ranking.
rg::PlanKey brute_force_best(const rg::SolverInstance& instance) {
  const auto& problem = *instance.problem;
  const std::size_t n = problem.size();
  std::vector<std::uint32_t> label(n, 0);
  bool found = false;
  rg::PlanKey best;
  const auto valid = [&]() {
    const std::uint32_t regions = *std::max_element(label.begin(), label.end()) + 1;
    for (std::uint32_t r = 0; r < regions; ++r) {
      std::vector<rg::UnitIndex> members;
      double population = 0, area = 0;
      for (rg::UnitIndex u = 0; u < n; ++u) {
        if (label[u] != r) continue;
        members.push_back(u);
        population += problem.population[u];
        area += problem.area_km2[u];
      }
      if (members.empty()) return false;
      if (members.size() > 1) {
        for (auto u : members) {
          if (instance.fixed(instance.block_of_unit[u])) return false;
        }
      }
      if (!instance.meets_upper_bounds(population, area) && members.size() > 1) return false;
      std::set<rg::UnitIndex> seen{members[0]};
      std::vector<rg::UnitIndex> stack{members[0]};
      while (!stack.empty()) {
        const auto u = stack.back();
        stack.pop_back();
        for (auto v : problem.graph.neighbors(u)) {
          if (label[v] == r && seen.insert(v).second) stack.push_back(v);
        }
      }
      if (seen.size() != members.size()) return false;
      rg::UnitIndex seat = rg::k_none;
      for (auto u : members) {
        if (instance.better_seat(u, seat)) seat = u;
      }
      for (auto u : members) {
        if (instance.distance_km(u, seat) * 1000 > instance.options.rules.max_seat_distance_m * (1 + 1e-12)) return false;
        if (instance.single_parent && problem.parent[u] != problem.parent[seat]) return false;
      }
    }
    for (const auto& [a, b] : problem.forbidden_pairs) {
      if (label[a] == label[b]) return false;
    }
    return true;
  };
  // Restricted growth strings enumerate every set partition once.
  for (;;) {
    if (valid()) {
      std::vector<rg::RegionId> blocks(instance.block_count());
      for (rg::UnitIndex u = 0; u < n; ++u) blocks[instance.block_of_unit[u]] = label[u];
      const auto key = rg::plan_key(rg::PlanState(instance, blocks));
      if (!found || key < best) best = key;
      found = true;
    }
    std::size_t i = n;
    while (i-- > 1) {
      const std::uint32_t limit = *std::max_element(label.begin(), label.begin() + static_cast<std::ptrdiff_t>(i)) + 1;
      if (label[i] < limit) {
        ++label[i];
        std::fill(label.begin() + static_cast<std::ptrdiff_t>(i) + 1, label.end(), 0u);
        break;
      }
    }
    if (i == 0) break;
  }
  return best;
}

}  // namespace

TEST(ExactPlan, MatchesBruteForceOnTinyCounties) {
  const auto seed = test::test_seed();
  int compared = 0;
  for (std::uint64_t k = 0; k < 40; ++k) {
    auto c = small_case(5 + k % 3, seed + k);
    const auto instance = rg::build_instance(c.problem, c.options);
    const auto best = brute_force_best(instance);
    ExactPlanOptions options;
    options.time_limit_s = 30;
    const auto mip = solve_exact(instance, options);
    ASSERT_TRUE(mip.attempted);
    ASSERT_TRUE(mip.tiers_optimal) << "case " << k << ": " << mip_status_name(mip.status) << " " << mip.note;
    const auto key = rg::plan_key(rg::PlanState(instance, mip.block_region));
    SCOPED_TRACE("case " + std::to_string(k));
    EXPECT_EQ(key.exception_units, best.exception_units);
    EXPECT_EQ(key.count_term, best.count_term);
    EXPECT_EQ(key.penalty, best.penalty);
    EXPECT_TRUE(mip.objective_certified);
    EXPECT_NEAR(key.objective, best.objective, 1e-6 * (1 + best.objective));
    ++compared;
  }
  EXPECT_EQ(compared, 40);
}

TEST(ExactPlan, TierValueOfItsOwnPlanIsItsObjective) {
  auto c = small_case(8, test::test_seed() + 99);
  const auto instance = rg::build_instance(c.problem, c.options);
  const auto mip = solve_exact(instance, {});
  ASSERT_TRUE(mip.tiers_optimal);
  EXPECT_EQ(tier_value(instance, mip.block_region), mip.tier_value);
}

TEST(ExactPlan, WarmStartFromTheHeuristicIsAccepted) {
  auto c = small_case(12, test::test_seed() + 5);
  const auto instance = rg::build_instance(c.problem, c.options);
  RunControl control;
  const auto heuristic = rg::regionalize(instance, control);
  ExactPlanOptions options;
  options.start.assign(heuristic.block_region.begin(), heuristic.block_region.end());
  const auto mip = solve_exact(instance, options);
  ASSERT_TRUE(mip.tiers_optimal);
  EXPECT_LE(mip.tier_value, tier_value(instance, options.start));
}

TEST(ExactPlan, LargeInstancesAreNotAttempted) {
  auto c = small_case(45, 3);
  const auto instance = rg::build_instance(c.problem, c.options);
  const auto mip = solve_exact(instance, {});
  EXPECT_FALSE(mip.attempted);
  EXPECT_NE(mip.note.find("45 free units"), std::string::npos) << mip.note;
}

}  // namespace quhua::exact
