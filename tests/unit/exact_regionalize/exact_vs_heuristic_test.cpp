// How often the heuristic reaches the exact optimum on small random counties, and the mean gap when it
// does not. The figures are printed and recorded as test properties; the assertions are the bar the
// planner must keep.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "instances.hpp"
#include "quhua/algorithms/regionalize/plan_check.hpp"
#include "quhua/algorithms/regionalize/plan_state.hpp"
#include "quhua/algorithms/regionalize/regionalize.hpp"
#include "quhua/exact/regionalize_mip.hpp"
#include "support/test_support.hpp"

namespace quhua::exact {

namespace rg = algorithms::regionalize;

TEST(ExactVsHeuristic, HeuristicReachesTheOptimumOnMostSmallCounties) {
  const auto seed = test::test_seed();
  int cases = 0, tiers_hit = 0, objective_hit = 0, certified = 0;
  double gap_sum = 0;
  for (std::uint64_t k = 0; k < 40; ++k) {
    auto c = testing::small_case(10 + k % 9, seed + 1000 + k);
    const auto instance = rg::build_instance(c.problem, c.options);
    RunControl control;
    const auto heuristic = rg::regionalize(instance, control);
    ExactPlanOptions options;
    options.time_limit_s = 20;
    options.start.assign(heuristic.block_region.begin(), heuristic.block_region.end());
    const auto mip = solve_exact(instance, options);
    if (!mip.objective_certified) continue;  // CBC ran out of time: nothing certified to compare with
    ++certified;
    const auto exact_key = rg::plan_key(rg::PlanState(instance, mip.block_region));
    const auto& key = heuristic.key;
    ++cases;
    const bool tiers = key.exception_units == exact_key.exception_units && key.count_term == exact_key.count_term &&
                       key.penalty == exact_key.penalty;
    EXPECT_FALSE(exact_key.exception_units > key.exception_units || exact_key.count_term > key.count_term)
        << "the MIP ranks below the heuristic: case " << k;
    if (!tiers) {
      std::cout << "case " << k << " n=" << c.problem.size() << " heuristic (" << key.exception_units << ", " << key.count_term << ", "
                << key.penalty << ", " << key.objective << ") exact (" << exact_key.exception_units << ", " << exact_key.count_term
                << ", " << exact_key.penalty << ", " << exact_key.objective << ") target " << instance.target_regions
                << " max " << c.options.rules.max_population << " seat " << c.options.rules.max_seat_distance_m
                << " parent " << c.options.rules.within_parent << c.options.rules.allow_transfer << "\n";
      continue;
    }
    ++tiers_hit;
    const double gap = exact_key.objective > 0 ? (key.objective - exact_key.objective) / key.objective : 0.0;
    EXPECT_GE(gap, -1e-9) << "heuristic below a proven optimum: case " << k;
    if (gap <= 1e-9) ++objective_hit;
    if (gap > 1e-9) std::cout << "case " << k << " n=" << c.problem.size() << " gap " << gap * 100 << "% heuristic " << key.objective << " exact " << exact_key.objective << " regions " << heuristic.region_count << " target " << instance.target_regions << " max " << c.options.rules.max_population << " seat " << c.options.rules.max_seat_distance_m << " parent " << c.options.rules.within_parent << c.options.rules.allow_transfer << " forbid " << c.problem.forbidden_pairs.size() << "\n";
    gap_sum += std::max(0.0, gap);
  }
  const double tiers_rate = cases ? static_cast<double>(tiers_hit) / cases : 0.0;
  const double objective_rate = cases ? static_cast<double>(objective_hit) / cases : 0.0;
  const double mean_gap = tiers_hit ? gap_sum / tiers_hit : 0.0;
  std::cout << "exact vs heuristic on " << cases << " certified counties of 10-18 units: ranking tiers hit "
            << tiers_hit << " (" << tiers_rate * 100 << "%), optimum hit " << objective_hit << " ("
            << objective_rate * 100 << "%), mean access gap " << mean_gap * 100 << "%\n";
  RecordProperty("cases", cases);
  RecordProperty("tiers_hit", tiers_hit);
  RecordProperty("optimum_hit", objective_hit);
  RecordProperty("mean_gap_percent", std::to_string(mean_gap * 100));
  EXPECT_GE(certified, 30);
  EXPECT_GE(tiers_rate, 0.95);
  EXPECT_GE(objective_rate, 0.85);
  EXPECT_LE(mean_gap, 0.01);
}

namespace {

// One small county planned by the heuristic, then by the MIP started from the heuristic's plan.
struct Comparison {
  bool certified = false;  // the MIP proved both stages
  bool tiers_hit = false;  // the heuristic reached the proven ranking tiers
  double gap = 0;          // (heuristic − optimum) / heuristic, when the tiers are hit
  double mip_objective = 0;
  double exact_plan_objective = 0;  // the MIP's plan re-scored by PlanState (the rule's seats)
};

Comparison compare_with_mip(const testing::SmallCase& c, std::uint64_t k) {
  Comparison out;
  const auto instance = rg::build_instance(c.problem, c.options);
  RunControl control;
  const auto heuristic = rg::regionalize(instance, control);
  ExactPlanOptions options;
  options.time_limit_s = 20;
  options.start.assign(heuristic.block_region.begin(), heuristic.block_region.end());
  const auto mip = solve_exact(instance, options);
  if (!mip.objective_certified) return out;
  out.certified = true;
  const auto exact_key = rg::plan_key(rg::PlanState(instance, mip.block_region));
  const auto& key = heuristic.key;
  EXPECT_FALSE(exact_key.exception_units > key.exception_units || exact_key.count_term > key.count_term)
      << "the MIP ranks below the heuristic: case " << k;
  out.tiers_hit = key.exception_units == exact_key.exception_units && key.count_term == exact_key.count_term &&
                  key.penalty == exact_key.penalty;
  out.mip_objective = mip.objective;
  out.exact_plan_objective = exact_key.objective;
  if (out.tiers_hit) {
    out.gap = exact_key.objective > 0 ? (key.objective - exact_key.objective) / key.objective : 0.0;
    EXPECT_GE(out.gap, -1e-9) << "heuristic below a proven optimum: case " << k;
  }
  return out;
}

}  // namespace

TEST(ExactVsHeuristic, SameWithRoadTravelTimes) {
  // The access objective in road minutes (asymmetric) and, in some counties, --max-seat-min instead of
  // --max-seat-km: the MIP's costs and eligibility come from the same travel times.
  const auto seed = test::test_seed();
  int certified = 0, tiers_hit = 0, objective_hit = 0;
  double gap_sum = 0;
  for (std::uint64_t k = 0; k < 16; ++k) {
    auto c = testing::small_case(10 + k % 7, seed + 5000 + k);
    test::add_travel_minutes(c.problem, seed + 5000 + k);
    if (c.options.rules.has_seat_km_rule()) {
      c.options.rules.max_seat_distance_m = rg::k_no_limit;
      c.options.rules.max_seat_minutes = 4.0 + 0.5 * static_cast<double>(k % 5);
    }
    const auto r = compare_with_mip(c, k);
    certified += r.certified;
    if (!r.tiers_hit) continue;
    ++tiers_hit;
    if (r.gap <= 1e-9) ++objective_hit;
    gap_sum += std::max(0.0, r.gap);
  }
  std::cout << "with travel times: " << certified << " certified counties, tiers hit " << tiers_hit << ", optimum hit "
            << objective_hit << ", mean gap " << (tiers_hit ? gap_sum / tiers_hit * 100 : 0.0) << "%\n";
  EXPECT_GE(certified, 12);
  EXPECT_GE(tiers_hit, certified - 1);
  EXPECT_GE(objective_hit, certified * 8 / 10);
  EXPECT_LE(tiers_hit ? gap_sum / tiers_hit : 0.0, 0.01);
}

TEST(ExactVsHeuristic, SameWithCentralSeats) {
  // --seat-rule central with town weight 1: the seat is the region's 1-median, which is the MIP's free
  // root, so the MIP's optimum is the optimum of the rule (with a weight above 1 it is only a bound).
  // Without a service radius or transfers the MIP proves the tiers on the ordered model first. (With a
  // radius the construction, greedy in its choice of central seats, left one more exception than the
  // proven optimum on 2 of 12 such counties: docs/planner.md, "Known limits".)
  const auto seed = test::test_seed();
  int certified = 0, tiers_hit = 0, objective_hit = 0;
  for (std::uint64_t k = 0; k < 12; ++k) {
    auto c = testing::small_case(10 + k % 7, seed + 9000 + k);
    if (k % 2 == 0) test::add_travel_minutes(c.problem, seed + 9000 + k);
    c.options.objective.seat_rule = rg::SeatRule::central;
    c.options.objective.seat_town_weight = 1;
    c.options.rules.max_seat_distance_m = rg::k_no_limit;
    const auto r = compare_with_mip(c, k);
    certified += r.certified;
    if (!r.tiers_hit) continue;
    ++tiers_hit;
    // The MIP's objective is the least cost over every root: a lower bound of the rule's plan, reached.
    EXPECT_NEAR(r.exact_plan_objective, r.mip_objective, 1e-6 * (1 + r.mip_objective)) << "case " << k;
    if (r.gap <= 1e-9) ++objective_hit;
  }
  std::cout << "central seats: " << certified << " certified counties, tiers hit " << tiers_hit << ", optimum hit "
            << objective_hit << "\n";
  EXPECT_GE(certified, 9);
  EXPECT_GE(tiers_hit, certified - 1);
  EXPECT_GE(objective_hit, certified * 7 / 10);
}

}  // namespace quhua::exact
