#include "quhua/algorithms/regionalize/instance.hpp"

#include <gtest/gtest.h>

#include <string>

#include "quhua/util/error.hpp"
#include "support/county_map.hpp"

namespace quhua::algorithms::regionalize {

namespace {

PlanOptions min_pop(double population) {
  PlanOptions options;
  options.rules.min_population = population;
  return options;
}

std::string usage_message(const PlanningProblem& problem, const PlanOptions& options) {
  try {
    build_instance(problem, options);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no UsageError)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(SolverInstance, MustMergeGroupsBecomeOneBlock) {
  auto problem = test::county_map(R"(
    A B C
    D E F
  )", {{'A', {100}}, {'B', {200}}, {'C', {300}}, {'D', {400}}, {'E', {500}}, {'F', {600}}});
  problem.must_merge_groups = {{1, 4}};  // B+E
  const auto instance = build_instance(problem, min_pop(1000));
  EXPECT_EQ(instance.block_count(), 5u);
  const BlockId be = instance.block_of_unit[1];
  EXPECT_EQ(instance.block_of_unit[4], be);
  EXPECT_DOUBLE_EQ(instance.block_population[be], 700);
  EXPECT_EQ(instance.block_unit_count[be], 2u);
  // B+E borders A and D: 1 km each, summed into one block edge.
  EXPECT_DOUBLE_EQ(instance.block_graph.shared_border(instance.block_of_unit[0], be) +
                       instance.block_graph.shared_border(instance.block_of_unit[3], be),
                   2.0);
  EXPECT_DOUBLE_EQ(instance.block_perimeter_km[be], 6.0);  // two cells, 8 edges, one shared inside
}

TEST(SolverInstance, ContradictoryListsAreUsageErrors) {
  auto problem = test::county_map("A B C", {{'A', {100}}, {'B', {200}}, {'C', {300}}});
  auto locked = problem;
  locked.must_merge_groups = {{0, 1}};
  locked.locked[1] = 1;
  EXPECT_TRUE(contains(usage_message(locked, min_pop(100)), "locked unit B"));

  auto forbidden = problem;
  forbidden.must_merge_groups = {{0, 1}};
  forbidden.forbidden_pairs = {{1, 0}};
  EXPECT_TRUE(contains(usage_message(forbidden, min_pop(100)), "--forbid B:A contradicts --must-merge"));

  auto apart = problem;
  apart.must_merge_groups = {{0, 2}};
  EXPECT_TRUE(contains(usage_message(apart, min_pop(100)), "A+C is not contiguous"));

  auto parents = problem;
  parents.parent = {parents.parent_index("P1"), parents.parent_index("P1"), parents.parent_index("P2")};
  parents.must_merge_groups = {{1, 2}};
  auto options = min_pop(100);
  options.rules.within_parent = true;
  EXPECT_TRUE(contains(usage_message(parents, options), "spans parents P1 and P2"));
  options.rules.allow_transfer = true;
  EXPECT_NO_THROW(build_instance(parents, options));

  auto heavy = problem;
  heavy.must_merge_groups = {{0, 1}};
  auto capped = min_pop(100);
  capped.rules.max_population = 250;
  EXPECT_TRUE(contains(usage_message(heavy, capped), "--max-pop 250"));
}

TEST(SolverInstance, IslandIsFixedWithItsReason) {
  const auto problem = test::county_map(R"(
    A A . B
    A A . .
  )", {{'A', {5000}}, {'B', {50}}});
  const auto instance = build_instance(problem, min_pop(1000));
  const BlockId b = instance.block_of_unit[1];
  EXPECT_EQ(instance.block_fixed[b], FixedReason::infeasible_component);
  EXPECT_TRUE(contains(instance.fixed_note[b], "island"));
  EXPECT_FALSE(instance.fixed(instance.block_of_unit[0]));
  EXPECT_EQ(instance.free_unit_count, 1u);
}

TEST(SolverInstance, UnitBehindLockedNeighboursIsFixed) {
  auto problem = test::county_map("A B C", {{'A', {50}}, {'B', {50}}, {'C', {5000}}});
  problem.locked[1] = 1;
  const auto instance = build_instance(problem, min_pop(1000));
  EXPECT_EQ(instance.block_fixed[1], FixedReason::locked);
  EXPECT_EQ(instance.block_fixed[0], FixedReason::infeasible_component);
  EXPECT_TRUE(contains(instance.fixed_note[0], "1 neighbour is locked")) << instance.fixed_note[0];
}

TEST(SolverInstance, SmallComponentInsideAParentIsNamed) {
  const auto problem = test::county_map(R"(
    A B C D
    A B C D
  )", {{'A', {3000}}, {'B', {4200}}, {'C', {20000}}, {'D', {20000}}});
  auto options = min_pop(10000);
  options.rules.within_parent = true;
  auto with_parents = problem;
  with_parents.parent = {with_parents.parent_index("P1"), with_parents.parent_index("P1"),
                         with_parents.parent_index("P2"), with_parents.parent_index("P2")};
  const auto instance = build_instance(with_parents, options);
  EXPECT_EQ(instance.block_fixed[0], FixedReason::infeasible_component);
  EXPECT_TRUE(contains(instance.fixed_note[0], "units A, B")) << instance.fixed_note[0];
  EXPECT_TRUE(contains(instance.fixed_note[0], "total population 7,200 < --min-pop 10,000")) << instance.fixed_note[0];
  EXPECT_FALSE(instance.fixed(2));
}

TEST(SolverInstance, UnitAboveTheMaximumIsKeptAsItIs) {
  const auto problem = test::county_map("A B C", {{'A', {50000}}, {'B', {3000}}, {'C', {9000}}});
  auto options = min_pop(10000);
  options.rules.max_population = 40000;
  const auto instance = build_instance(problem, options);
  EXPECT_EQ(instance.block_fixed[0], FixedReason::exceeds_upper_bound);
  EXPECT_TRUE(contains(instance.fixed_note[0], "exceeds --max-pop 40,000"));
}

TEST(SolverInstance, AccessNeedsAnchorsAndAreaRulesNeedAreas) {
  auto problem = test::county_map("A B", {{'A', {50}}, {'B', {50}}});
  problem.x_m[1] = k_unknown;
  try {
    build_instance(problem, min_pop(10));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, "B");
  }
  auto options = min_pop(10);
  options.objective = parse_objective("heterogeneity:p");
  problem.attribute_names = {"p"};
  problem.attributes = {1, 2};
  EXPECT_NO_THROW(build_instance(problem, options));
  problem.area_km2[0] = k_unknown;
  options.rules.min_area_km2 = 1;
  EXPECT_THROW(build_instance(problem, options), InputError);
}

TEST(SolverInstance, SeatPrefersTownsUnlessMuchSmaller) {
  const auto problem = test::county_map("A B C", {{'A', {5000, model::UnitType::town}},
                                                   {'B', {12000}},
                                                   {'C', {16000}}});
  const auto instance = build_instance(problem, min_pop(100));
  EXPECT_TRUE(instance.better_seat(0, 1));   // 5,000 × 3 > 12,000
  EXPECT_FALSE(instance.better_seat(0, 2));  // 5,000 × 3 < 16,000
}

TEST(FormatNumber, GroupsThousands) {
  EXPECT_EQ(format_number(7200), "7,200");
  EXPECT_EQ(format_number(1234567.5), "1,234,567.5");
  EXPECT_EQ(format_number(-950), "-950");
  EXPECT_EQ(format_number(0.25), "0.25");
}

}  // namespace quhua::algorithms::regionalize
