#include "quhua/algorithms/regionalize/regionalize.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <set>
#include <string>

#include "quhua/algorithms/regionalize/plan_check.hpp"
#include "support/county_map.hpp"
#include "support/test_support.hpp"

namespace quhua::algorithms::regionalize {

namespace {

struct Outcome {
  RegionalizeResult result;
  PlanReport report;
};

SearchOptions small_budget(unsigned threads = 1, std::uint64_t seed = 1) {
  SearchOptions search;
  search.seed = seed;
  search.threads = threads;
  search.constructions = 8;
  search.starts = 2;
  search.moves_per_unit = 60;
  return search;
}

Outcome run(const PlanningProblem& problem, PlanOptions options) {
  const auto instance = build_instance(problem, options);
  RunControl control;
  Outcome outcome;
  outcome.result = regionalize(instance, control);
  outcome.report = check_plan(instance, outcome.result.region_of_unit, outcome.result.seat_of_region);
  return outcome;
}

std::string failures(const PlanReport& report) {
  std::string text;
  for (const auto& rule : report.rules) {
    if (rule.status == RuleStatus::fail) {
      text += rule.rule + ": " + (rule.violations.empty() ? "" : rule.violations.front().message) + "; ";
    }
  }
  for (const auto& e : report.exceptions) {
    if (!e.justified) text += "unjustified exception: " + e.message + "; ";
  }
  return text;
}

// Contiguity checked here as well, without the audit's code.
bool every_region_contiguous(const PlanningProblem& problem, const std::vector<std::uint32_t>& region_of) {
  const std::uint32_t regions = *std::max_element(region_of.begin(), region_of.end()) + 1;
  for (std::uint32_t r = 0; r < regions; ++r) {
    std::vector<UnitIndex> members;
    for (UnitIndex u = 0; u < region_of.size(); ++u) {
      if (region_of[u] == r) members.push_back(u);
    }
    if (members.empty()) return false;
    std::set<UnitIndex> seen{members[0]};
    std::vector<UnitIndex> stack{members[0]};
    while (!stack.empty()) {
      const UnitIndex u = stack.back();
      stack.pop_back();
      for (auto v : problem.graph.neighbors(u)) {
        if (region_of[v] == r && seen.insert(v).second) stack.push_back(v);
      }
    }
    if (seen.size() != members.size()) return false;
  }
  return true;
}

std::uint32_t region_of(const Outcome& outcome, const PlanningProblem& problem, const std::string& code) {
  return outcome.result.region_of_unit[problem.code_index().at(code)];
}

}  // namespace

TEST(Regionalize, RandomCountiesKeepEveryHardRule) {
  const auto seed = test::test_seed();
  for (std::uint64_t k = 0; k < 24; ++k) {
    Rng rng(seed + 7919 * k);
    const std::size_t n = 20 + rng.below(60);
    auto problem = test::random_county(n, seed + k, rng.below(3));
    problem.attribute_names = {"pop"};
    problem.attributes = problem.population;
    const double total = std::accumulate(problem.population.begin(), problem.population.end(), 0.0);
    PlanOptions options;
    options.search = small_budget(1, seed + k);
    options.rules.min_population = total / static_cast<double>(3 + rng.below(8));
    if (rng.uniform() < 0.4) options.rules.max_population = options.rules.min_population * 2.5;
    if (rng.uniform() < 0.4) options.rules.max_seat_distance_m = 4000.0 + 6000.0 * rng.uniform();
    if (!problem.parent_codes.empty() && rng.uniform() < 0.7) {
      options.rules.within_parent = true;
      options.rules.allow_transfer = rng.uniform() < 0.5;
    }
    if (rng.uniform() < 0.3) options.rules.target_regions = 2 + rng.below(5);
    const char* objectives[] = {"access", "compact", "heterogeneity:pop"};
    options.objective = parse_objective(objectives[rng.below(3)]);
    // Rule lists on distinct units.
    problem.locked[rng.below(n)] = 1;
    for (int i = 0; i < 2; ++i) {
      const auto a = static_cast<UnitIndex>(rng.below(n));
      if (problem.graph.degree(a) == 0 || problem.locked[a]) continue;
      problem.forbidden_pairs.emplace_back(a, problem.graph.neighbors(a)[0]);
    }
    for (UnitIndex a = 0; a < n; ++a) {
      const auto neighbours = problem.graph.neighbors(a);
      if (problem.locked[a] || neighbours.empty() || problem.locked[neighbours.back()]) continue;
      bool listed = false;
      for (const auto& [x, y] : problem.forbidden_pairs) {
        listed = listed || x == a || y == a || x == neighbours.back() || y == neighbours.back();
      }
      const UnitIndex b = neighbours.back();
      const bool near = std::hypot(problem.x_m[a] - problem.x_m[b], problem.y_m[a] - problem.y_m[b]) <= 4000;
      if (listed || !near || problem.parent[a] != problem.parent[b]) continue;
      problem.must_merge_groups.push_back({a, neighbours.back()});
      break;
    }
    SCOPED_TRACE("county " + std::to_string(k) + " (" + std::to_string(n) + " units, seed " + std::to_string(seed + k) + ")");
    const auto outcome = run(problem, options);
    EXPECT_TRUE(outcome.report.hard_rules_hold) << failures(outcome.report) << " target " << options.rules.target_regions
        << " within " << options.rules.within_parent << options.rules.allow_transfer << " max " << options.rules.max_population
        << " seat " << options.rules.max_seat_distance_m << " objective " << objective_name(options.objective.kind)
        << " regions " << outcome.result.region_count;
    ASSERT_EQ(outcome.result.region_of_unit.size(), n);
    for (auto r : outcome.result.region_of_unit) ASSERT_LT(r, outcome.result.region_count);
    EXPECT_EQ(outcome.report.regions_after, outcome.result.region_count);
    EXPECT_TRUE(every_region_contiguous(problem, outcome.result.region_of_unit));
    for (const auto& e : outcome.report.exceptions) {
      EXPECT_TRUE(e.justified) << e.message;
      EXPECT_FALSE(e.reason.empty());
    }
  }
}

TEST(Regionalize, SameSeedSamePlanWhateverTheThreads) {
  const auto problem = test::random_county(120, test::test_seed() + 5);
  const double total = std::accumulate(problem.population.begin(), problem.population.end(), 0.0);
  PlanOptions options;
  options.rules.min_population = total / 12;
  options.search = small_budget(1, 42);
  const auto one = run(problem, options);
  options.search.threads = 3;
  const auto three = run(problem, options);
  EXPECT_EQ(one.result.region_of_unit, three.result.region_of_unit);
  EXPECT_EQ(one.result.seat_of_region, three.result.seat_of_region);
  options.search.seed = 43;
  const auto other = run(problem, options);
  EXPECT_TRUE(other.report.hard_rules_hold);
}

TEST(Regionalize, ViableUnitsStayUnchangedUnlessANeighbourNeedsThem) {
  //   A A B B       A 12,000 and B 20,000 (a town) meet the minimum on their own;
  //   C C B B       C, D, E, F (15,500 together) must merge with each other.
  //   D E E F
  const auto problem = test::county_map(R"(
    A A B B
    C C B B
    D E E F
  )", {{'A', {12000}}, {'B', {20000, model::UnitType::town}}, {'C', {3000}},
       {'D', {4000}}, {'E', {2500}}, {'F', {6000}}});
  PlanOptions options;
  options.rules.min_population = 10000;
  options.search = small_budget();
  const auto outcome = run(problem, options);
  EXPECT_EQ(outcome.result.region_count, 3u);
  EXPECT_EQ(outcome.report.objective.merged_viable_units, 0);
  EXPECT_EQ(outcome.report.unchanged_units, 2u);
  EXPECT_EQ(region_of(outcome, problem, "C"), region_of(outcome, problem, "F"));
  EXPECT_NE(region_of(outcome, problem, "A"), region_of(outcome, problem, "C"));
}

TEST(Regionalize, IslandAndLockedUnitsAreExceptionsWithReasons) {
  //   A A . X      X: an island of 900; L: a locked 民族乡 of 2,000.
  //   B L . .
  //   C C D D
  auto problem = test::county_map(R"(
    A A . X
    B L . .
    C C D D
  )", {{'A', {6000}}, {'X', {900}}, {'B', {5000}}, {'L', {2000, model::UnitType::ethnic_township}},
       {'C', {7000}}, {'D', {8000}}});
  UnitLists lists;
  lists.lock_types = {"民族乡"};
  apply_unit_lists(problem, lists);
  PlanOptions options;
  options.rules.min_population = 10000;
  options.search = small_budget();
  const auto outcome = run(problem, options);
  EXPECT_TRUE(outcome.report.hard_rules_hold) << failures(outcome.report);
  std::map<std::string, std::string> reasons;
  for (const auto& e : outcome.report.exceptions) reasons[problem.codes[e.units[0]]] = e.reason;
  EXPECT_EQ(reasons["X"], "island");
  EXPECT_EQ(reasons["L"], "locked");
  EXPECT_EQ(reasons.size(), 2u);
  const auto& min_rule = outcome.report.rules[1];
  ASSERT_EQ(min_rule.rule, "min_population");
  EXPECT_EQ(min_rule.status, RuleStatus::pass_with_exceptions);
}

TEST(Regionalize, TransfersAcrossParentsOnlyWhenAllowed) {
  //   A B C D     parents: A, B in P1 (6,000 together); C, D in P2.
  auto problem = test::county_map("A B C D", {{'A', {3000, model::UnitType::township, "P1"}},
                                              {'B', {3000, model::UnitType::township, "P1"}},
                                              {'C', {12000, model::UnitType::town, "P2"}},
                                              {'D', {12000, model::UnitType::town, "P2"}}});
  PlanOptions options;
  options.rules.min_population = 10000;
  options.rules.within_parent = true;
  options.search = small_budget();
  const auto inside = run(problem, options);
  EXPECT_EQ(inside.result.region_count, 4u);
  ASSERT_EQ(inside.report.exceptions.size(), 2u);
  EXPECT_EQ(inside.report.exceptions[0].reason, "infeasible_component");
  EXPECT_NE(inside.report.exceptions[0].message.find("total population 6,000 < --min-pop 10,000"), std::string::npos);

  options.rules.allow_transfer = true;
  const auto transfer = run(problem, options);
  EXPECT_TRUE(transfer.report.hard_rules_hold) << failures(transfer.report);
  EXPECT_EQ(transfer.result.region_count, 2u);
  ASSERT_EQ(transfer.report.transfers.size(), 2u);
  EXPECT_EQ(problem.parent_codes[transfer.report.transfers[0].to_parent], "P2");
}

TEST(Regionalize, ForbiddenPairLeavesAJustifiedException) {
  auto problem = test::county_map("A B C", {{'A', {5000}}, {'B', {6000}}, {'C', {5000}}});
  problem.forbidden_pairs = {{0, 1}};
  PlanOptions options;
  options.rules.min_population = 10000;
  options.search = small_budget();
  const auto outcome = run(problem, options);
  EXPECT_TRUE(outcome.report.hard_rules_hold) << failures(outcome.report);
  ASSERT_EQ(outcome.report.exceptions.size(), 1u);
  EXPECT_EQ(outcome.report.exceptions[0].reason, "no_feasible_merge");
  EXPECT_NE(outcome.report.exceptions[0].message.find("--forbid A:B"), std::string::npos);
  EXPECT_EQ(region_of(outcome, problem, "B"), region_of(outcome, problem, "C"));
}

TEST(Regionalize, MustMergeGroupsStayTogether) {
  auto problem = test::county_map("A B C D", {{'A', {20000}}, {'B', {20000}}, {'C', {20000}}, {'D', {20000}}});
  problem.must_merge_groups = {{1, 2}};
  PlanOptions options;
  options.rules.min_population = 10000;
  options.search = small_budget();
  const auto outcome = run(problem, options);
  EXPECT_EQ(outcome.result.region_count, 3u);
  EXPECT_EQ(region_of(outcome, problem, "B"), region_of(outcome, problem, "C"));
}

TEST(Regionalize, SeatDistanceChoosesCentralSeats) {
  //   A B C D E F, 1 km apart: B and E are towns; within 1 km of the seat only the middle works.
  const auto problem = test::county_map("A B C D E F", {{'A', {100}}, {'B', {100, model::UnitType::town}},
                                                        {'C', {100}}, {'D', {100}},
                                                        {'E', {100, model::UnitType::town}}, {'F', {100}}});
  PlanOptions options;
  options.rules.min_population = 300;
  options.rules.max_seat_distance_m = 1000;
  options.search = small_budget();
  const auto outcome = run(problem, options);
  EXPECT_TRUE(outcome.report.hard_rules_hold) << failures(outcome.report);
  ASSERT_EQ(outcome.result.region_count, 2u);
  EXPECT_EQ(problem.codes[outcome.result.seat_of_region[0]], "B");
  EXPECT_EQ(problem.codes[outcome.result.seat_of_region[1]], "E");
}

TEST(Regionalize, TargetCountsAreReached) {
  const auto problem = test::random_county(30, test::test_seed() + 11);
  PlanOptions options;
  options.search = small_budget();
  options.rules.target_regions = 10;
  auto outcome = run(problem, options);
  EXPECT_EQ(outcome.result.region_count, 10u);
  EXPECT_EQ(outcome.report.rules.back().status, RuleStatus::pass);
  options.rules.target_regions = 0;
  options.rules.reduce_share = 0.3;
  outcome = run(problem, options);
  EXPECT_EQ(outcome.result.region_count, 21u);
  EXPECT_TRUE(every_region_contiguous(problem, outcome.result.region_of_unit));
}

TEST(Regionalize, TargetAboveWhatTheRulesAllowIsReportedNotForced) {
  const auto problem = test::county_map("A B C D", {{'A', {6000}}, {'B', {6000}}, {'C', {6000}}, {'D', {6000}}});
  PlanOptions options;
  options.rules.min_population = 10000;
  options.rules.target_regions = 3;
  options.search = small_budget();
  const auto outcome = run(problem, options);
  EXPECT_EQ(outcome.result.region_count, 2u);
  EXPECT_TRUE(outcome.report.hard_rules_hold);
  EXPECT_EQ(outcome.report.rules.back().status, RuleStatus::fail);
  EXPECT_FALSE(outcome.report.rules.back().hard);
}

TEST(Regionalize, MoreRegionsThanAGreedyGrowthOnAGrid) {
  // A 12 × 12 grid of equal units with a minimum of 7: at most 20 regions; the planner finds 19 or 20.
  PlanningProblem problem;
  {
    // Built directly: county_map needs one character per unit, and 144 units are too many.
    const int side = 12;
    problem.resize(side * side);
    std::vector<graph::Edge> edges;
    for (int y = 0; y < side; ++y) {
      for (int x = 0; x < side; ++x) {
        const auto u = static_cast<UnitIndex>(y * side + x);
        problem.codes[u] = "g" + std::to_string(u);
        problem.population[u] = 1;
        problem.x_m[u] = x * 1000.0;
        problem.y_m[u] = y * 1000.0;
        problem.area_km2[u] = 1;
        if (x + 1 < side) edges.push_back({u, u + 1, 1000.0});
        if (y + 1 < side) edges.push_back({u, static_cast<UnitIndex>(u + side), 1000.0});
      }
    }
    problem.graph = graph::ContiguityGraph::from_edges(problem.size(), edges);
  }
  PlanOptions options;
  options.rules.min_population = 7;
  options.search = small_budget();
  options.search.constructions = 16;
  const auto outcome = run(problem, options);
  EXPECT_GE(outcome.result.region_count, 19u);
  EXPECT_TRUE(outcome.report.hard_rules_hold);
}

}  // namespace quhua::algorithms::regionalize
