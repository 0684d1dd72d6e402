#include "quhua/algorithms/regionalize/plan_check.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"
#include "support/county_map.hpp"

namespace quhua::algorithms::regionalize {

namespace {

const RuleCheck& rule(const PlanReport& report, const std::string& name) {
  for (const auto& check : report.rules) {
    if (check.rule == name) return check;
  }
  throw std::runtime_error("no rule " + name);
}

}  // namespace

TEST(CheckPlan, FindsANonContiguousRegion) {
  const auto problem = test::county_map("A B C", {{'A', {100}}, {'B', {100}}, {'C', {100}}});
  PlanOptions options;
  options.rules.min_population = 100;
  const auto instance = build_instance(problem, options);
  const std::vector<std::uint32_t> plan{0, 1, 0};
  const std::vector<UnitIndex> seats{0, 1};
  const auto report = check_plan(instance, plan, seats);
  EXPECT_FALSE(report.hard_rules_hold);
  EXPECT_EQ(rule(report, "contiguity").status, RuleStatus::fail);
  EXPECT_EQ(rule(report, "min_population").status, RuleStatus::pass);
}

TEST(CheckPlan, ReportsBoundsSeatsAndForbiddenPairs) {
  auto problem = test::county_map("A B C D", {{'A', {100}}, {'B', {300, model::UnitType::town}}, {'C', {100}}, {'D', {500}}});
  problem.forbidden_pairs = {{0, 2}};
  PlanOptions options;
  options.rules.min_population = 400;
  options.rules.max_population = 550;
  options.rules.max_seat_distance_m = 1000;
  const auto instance = build_instance(problem, options);
  const std::vector<std::uint32_t> plan{0, 0, 0, 1};
  const std::vector<UnitIndex> seats{1, 3};
  const auto report = check_plan(instance, plan, seats);
  EXPECT_EQ(rule(report, "forbidden_pairs").status, RuleStatus::fail);
  EXPECT_EQ(rule(report, "max_population").status, RuleStatus::pass);
  EXPECT_EQ(rule(report, "max_seat_distance").status, RuleStatus::pass);
  EXPECT_EQ(report.objective.changed_units, 3);
  EXPECT_EQ(report.unchanged_units, 1u);
  // Access: A and C are 1 km from B; 100 persons each.
  EXPECT_NEAR(report.objective.access_person_km, 200.0, 1e-9);
  EXPECT_NEAR(report.objective.mean_access_km, 200.0 / 1000.0, 1e-12);
}

TEST(CheckPlan, RejectsASeatTheRuleWouldNotPick) {
  const auto problem = test::county_map("A B", {{'A', {100}}, {'B', {300}}});
  PlanOptions options;
  options.rules.min_population = 100;
  const auto instance = build_instance(problem, options);
  EXPECT_THROW(check_plan(instance, std::vector<std::uint32_t>{0, 0}, std::vector<UnitIndex>{0}), InternalError);
}

TEST(CheckPlan, AnExceptionThatCouldMergeIsNotJustified) {
  const auto problem = test::county_map("A B C", {{'A', {100}}, {'B', {100}}, {'C', {100}}});
  PlanOptions options;
  options.rules.min_population = 200;
  const auto instance = build_instance(problem, options);
  const auto report = check_plan(instance, std::vector<std::uint32_t>{0, 0, 1}, std::vector<UnitIndex>{0, 2});
  ASSERT_EQ(report.exceptions.size(), 1u);
  EXPECT_FALSE(report.exceptions[0].justified);
  EXPECT_FALSE(report.hard_rules_hold);
}

}  // namespace quhua::algorithms::regionalize
