#include "quhua/algorithms/regionalize/plan_state.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "quhua/algorithms/regionalize/construction.hpp"
#include "support/county_map.hpp"
#include "support/test_support.hpp"

namespace quhua::algorithms::regionalize {

namespace {

// Brute force: is region r still connected without block b?
bool connected_without(const PlanState& state, BlockId b) {
  const RegionId r = state.region_of(b);
  std::vector<BlockId> rest;
  for (BlockId m : state.members(r)) {
    if (m != b) rest.push_back(m);
  }
  if (rest.empty()) return true;
  std::vector<std::uint8_t> seen(state.block_count(), 0);
  std::vector<BlockId> stack{rest[0]};
  seen[rest[0]] = 1;
  std::size_t reached = 1;
  while (!stack.empty()) {
    const BlockId x = stack.back();
    stack.pop_back();
    for (BlockId v : state.instance().block_graph.neighbors(x)) {
      if (v == b || seen[v] || state.region_of(v) != r) continue;
      seen[v] = 1;
      ++reached;
      stack.push_back(v);
    }
  }
  return reached == rest.size();
}

// Applies random moves (allowed ones mostly, some that break rules, as an editor may) and checks
// every delta against the totals and every state against a full recomputation.
void random_walk(const PlanningProblem& problem, const PlanOptions& options, std::uint64_t seed) {
  const auto instance = build_instance(problem, options);
  Rng rng(seed);
  ConstructionStats stats;
  PlanState state(instance, construct(instance, rng, stats));
  state.verify();
  for (int step = 0; step < 400; ++step) {
    const auto b = static_cast<BlockId>(rng.below(state.block_count()));
    const auto neighbours = instance.block_graph.neighbors(b);
    if (neighbours.empty()) continue;
    RegionId to = state.region_of(neighbours[rng.below(neighbours.size())]);
    if (rng.uniform() < 0.05) to = state.open_region();
    const auto evaluation = state.try_move(b, to);
    ASSERT_EQ(evaluation.violations & violation_breaks_contiguity ? 1 : 0,
              connected_without(state, b) || (evaluation.violations & violation_no_op) ? 0 : 1)
        << "contiguity of block " << b;
    if (evaluation.violations & (violation_no_op | violation_fixed)) continue;
    // An editor may break the bounds but never contiguity (the check assumes contiguous regions).
    if (evaluation.violations & (violation_breaks_contiguity | violation_not_adjacent)) continue;
    if (!evaluation.allowed() && rng.uniform() < 0.8) continue;
    const double objective = state.objective();
    const auto penalty = state.penalty();
    const auto regions = state.region_count();
    state.apply_move(b, to);
    ASSERT_NEAR(state.objective() - objective, evaluation.objective_delta, 1e-6 * (1 + std::abs(objective)));
    ASSERT_EQ(state.penalty() - penalty, evaluation.penalty_delta);
    ASSERT_EQ(static_cast<int>(state.region_count()) - static_cast<int>(regions), evaluation.region_count_delta);
    ASSERT_NO_THROW(state.verify());
  }
}

// A must-merge pair, a forbidden pair and a locked unit on six distinct units.
void add_rule_lists(PlanningProblem& problem) {
  std::vector<std::uint8_t> used(problem.size(), 0);
  std::vector<std::pair<UnitIndex, UnitIndex>> pairs;
  for (UnitIndex a = 0; a < problem.size() && pairs.size() < 2; ++a) {
    if (used[a]) continue;
    for (auto b : problem.graph.neighbors(a)) {
      if (used[b] || problem.parent[a] != problem.parent[b]) continue;
      // Keep the must-merge group within the rules the walks use (max-pop 90,000, 12 km).
      if (problem.population[a] + problem.population[b] > 60000) continue;
      if (std::hypot(problem.x_m[a] - problem.x_m[b], problem.y_m[a] - problem.y_m[b]) > 6000) continue;
      used[a] = used[b] = 1;
      for (auto v : problem.graph.neighbors(a)) used[v] = 1;  // keep the pairs apart
      pairs.emplace_back(a, b);
      break;
    }
  }
  ASSERT_EQ(pairs.size(), 2u);
  problem.must_merge_groups = {{pairs[0].first, pairs[0].second}};
  problem.forbidden_pairs = {pairs[1]};
  for (UnitIndex u = 0; u < problem.size(); ++u) {
    if (!used[u]) {
      problem.locked[u] = 1;
      break;
    }
  }
}

PlanningProblem with_xy_attributes(PlanningProblem problem) {
  problem.attribute_names = {"x", "y"};
  problem.attributes.clear();
  for (std::size_t u = 0; u < problem.size(); ++u) {
    problem.attributes.push_back(problem.x_m[u]);
    problem.attributes.push_back(problem.y_m[u]);
  }
  return problem;
}

// A state with regions given by letters: regions[i] is the region of unit i.
PlanState state_of(const SolverInstance& instance, const std::vector<RegionId>& regions) {
  std::vector<RegionId> blocks(instance.block_count());
  for (UnitIndex u = 0; u < regions.size(); ++u) blocks[instance.block_of_unit[u]] = regions[u];
  return PlanState(instance, blocks);
}

}  // namespace

TEST(PlanState, IncrementalUpdatesMatchRecomputationForEveryObjective) {
  const auto seed = test::test_seed();
  for (std::uint64_t k = 0; k < 4; ++k) {
    auto problem = with_xy_attributes(test::random_county(40, seed + k, 2));
    add_rule_lists(problem);
    for (const char* objective : {"access", "compact", "heterogeneity:x,y"}) {
      PlanOptions options;
      options.rules.min_population = 20000;
      options.rules.max_population = 90000;
      options.rules.max_seat_distance_m = 12000;
      options.objective = parse_objective(objective);
      SCOPED_TRACE(std::string(objective) + " seed " + std::to_string(seed + k));
      random_walk(problem, options, seed + k);
      options.rules.within_parent = true;
      options.rules.allow_transfer = true;
      random_walk(problem, options, seed + k + 100);
    }
  }
}

TEST(PlanState, IncrementalUpdatesMatchRecomputationWithTravelTimes) {
  // Road minutes (asymmetric) for the access cost and --max-seat-min; both seat rules. The central rule
  // keeps every unit's cost to its region's members up to date, which verify() recomputes.
  const auto seed = test::test_seed();
  for (std::uint64_t k = 0; k < 3; ++k) {
    auto problem = with_xy_attributes(test::random_county(40, seed + k, 2));
    add_rule_lists(problem);
    test::add_travel_minutes(problem, seed + k);
    for (const char* objective : {"access", "heterogeneity:x,y"}) {
      for (const SeatRule seat_rule : {SeatRule::largest, SeatRule::central}) {
        PlanOptions options;
        options.rules.min_population = 20000;
        options.rules.max_population = 90000;
        options.rules.max_seat_minutes = 25;
        options.objective = parse_objective(objective);
        options.objective.seat_rule = seat_rule;
        SCOPED_TRACE(std::string(objective) + " " + std::string(seat_rule_name(seat_rule)) + " seed " +
                     std::to_string(seed + k));
        random_walk(problem, options, seed + k);
      }
    }
  }
}

TEST(PlanState, CompactWithoutPerimetersUsesMomentOfInertia) {
  auto problem = test::random_county(30, test::test_seed());
  for (auto& p : problem.perimeter_m) p = k_unknown;
  PlanOptions options;
  options.rules.min_population = 15000;
  options.objective = parse_objective("compact");
  EXPECT_EQ(build_instance(problem, options).compact_measure, CompactMeasure::moment_of_inertia);
  random_walk(problem, options, 7);
}

TEST(PlanState, SingleUnitsAreDiscLikeUnderBothCompactMeasures) {
  const auto problem = test::county_map("A B", {{'A', {10}}, {'B', {10}}});
  PlanOptions options;
  options.rules.min_population = 1;
  options.objective = parse_objective("compact");
  const auto instance = build_instance(problem, options);
  ASSERT_EQ(instance.compact_measure, CompactMeasure::polsby_popper);
  const PlanState state(instance);
  // A 1 km square: P²/(4πA) = 16/(4π).
  EXPECT_NEAR(state.region_cost(0), 16.0 / (4 * 3.141592653589793), 1e-12);
}

TEST(PlanState, EditorSeesWhichRuleAMoveBreaks) {
  auto problem = test::county_map(R"(
    A B C
    D E F
    G H I
  )", {{'A', {100}}, {'B', {100}}, {'C', {100}}, {'D', {100}}, {'E', {100}},
       {'F', {100}}, {'G', {100}}, {'H', {100}}, {'I', {1000}}});
  problem.locked[8] = 1;              // I
  problem.forbidden_pairs = {{2, 5}};  // C:F
  PlanOptions options;
  options.rules.min_population = 250;
  options.rules.max_population = 400;
  const auto instance = build_instance(problem, options);
  //   0 0 0
  //   1 1 2
  //   1 1 3 (I, locked)
  auto state = state_of(instance, {0, 0, 0, 1, 1, 2, 1, 1, 3});
  EXPECT_TRUE(state.try_move(1, 1).violations & violation_breaks_contiguity);       // B parts A from C
  EXPECT_TRUE(state.try_move(1, 1).violations & violation_target_max_population);   // 400 + 100
  EXPECT_TRUE(state.try_move(0, 2).violations & violation_not_adjacent);            // A is far from F
  EXPECT_TRUE(state.try_move(8, 2).violations & violation_fixed);                   // I is locked
  EXPECT_TRUE(state.try_move(5, 3).violations & violation_fixed);                   // into I's unit
  EXPECT_TRUE(state.try_move(2, 2).violations & violation_forbidden_pair);          // C joins F
  EXPECT_TRUE(state.try_move(0, 1).violations & violation_source_min_population);   // 300 − 100 < 250
  EXPECT_TRUE(state.try_move(5, 1).violations & violation_empties_region);
  const auto ok = state.try_move(3, 0);                                             // D joins the top row
  EXPECT_TRUE(ok.allowed()) << violation_names(ok.violations);
  EXPECT_EQ(ok.region_count_delta, 0);
  EXPECT_EQ(violation_names(violation_fixed | violation_seat_distance), "fixed, seat_distance");
}

TEST(PlanState, MoveToAnEmptyRegionOpensOne) {
  const auto problem = test::county_map("A B C", {{'A', {100}}, {'B', {100}}, {'C', {100}}});
  PlanOptions options;
  options.rules.min_population = 50;
  const auto instance = build_instance(problem, options);
  auto state = state_of(instance, {0, 0, 0});
  const RegionId fresh = state.open_region();
  const auto evaluation = state.try_move(2, fresh);
  EXPECT_EQ(evaluation.region_count_delta, 1);
  EXPECT_TRUE(evaluation.allowed()) << violation_names(evaluation.violations);
  state.apply_move(2, fresh);
  EXPECT_EQ(state.region_count(), 2u);
  state.verify();
}

TEST(PlanState, MergeEvaluationMatchesTheMerge) {
  auto problem = with_xy_attributes(test::random_county(25, test::test_seed() + 3));
  for (const char* objective : {"access", "compact", "heterogeneity:x,y"}) {
    PlanOptions options;
    options.rules.min_population = 15000;
    options.objective = parse_objective(objective);
    const auto instance = build_instance(problem, options);
    Rng rng(11);
    ConstructionStats stats;
    PlanState state(instance, construct(instance, rng, stats));
    for (RegionId a = 0; a < state.region_capacity(); ++a) {
      if (state.empty(a)) continue;
      for (BlockId b : state.members(a)) {
        for (BlockId v : instance.block_graph.neighbors(b)) {
          const RegionId q = state.region_of(v);
          if (q == a) continue;
          const auto evaluation = state.try_merge(a, q);
          EXPECT_FALSE(evaluation.violations & violation_not_adjacent);
          PlanState merged = state;
          const double before = merged.objective();
          merged.merge(a, q);
          EXPECT_NEAR(merged.objective() - before, evaluation.objective_delta, 1e-6 * (1 + std::abs(before)));
          merged.verify();
        }
      }
    }
  }
}

}  // namespace quhua::algorithms::regionalize
