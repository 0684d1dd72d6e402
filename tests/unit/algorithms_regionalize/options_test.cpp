#include "quhua/algorithms/regionalize/options.hpp"

#include <gtest/gtest.h>

#include <string>

#include "quhua/util/error.hpp"

namespace quhua::algorithms::regionalize {

namespace {

std::string usage_message(const PlanRules& rules) {
  try {
    rules.validate();
  } catch (const UsageError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST(PlanRules, DefaultsAreValidAndInactive) {
  PlanRules rules;
  EXPECT_NO_THROW(rules.validate());
  EXPECT_FALSE(rules.has_target());
  EXPECT_FALSE(rules.has_lower_bounds());
  EXPECT_FALSE(rules.has_seat_rule());
}

TEST(PlanRules, ValidateNamesTheBadFlag) {
  PlanRules rules;
  rules.min_population = 10000;
  rules.max_population = 5000;
  EXPECT_NE(usage_message(rules).find("--max-pop"), std::string::npos);
  rules = {};
  rules.reduce_share = 1.5;
  EXPECT_NE(usage_message(rules).find("--reduce"), std::string::npos);
  rules = {};
  rules.target_regions = 5;
  rules.reduce_share = 0.3;
  EXPECT_NE(usage_message(rules).find("--regions"), std::string::npos);
  rules = {};
  rules.allow_transfer = true;
  EXPECT_NE(usage_message(rules).find("--allow-transfer"), std::string::npos);
  rules = {};
  rules.max_seat_distance_m = -1;
  EXPECT_NE(usage_message(rules).find("--max-seat-km"), std::string::npos);
}

TEST(PlanRules, ReduceShareGivesTheTargetCount) {
  PlanRules rules;
  rules.reduce_share = 0.3;
  EXPECT_EQ(rules.target_for(20), 14u);
  EXPECT_EQ(rules.target_for(7), 4u);  // floor(4.9): at least 30% fewer
  rules = {};
  rules.target_regions = 9;
  EXPECT_EQ(rules.target_for(20), 9u);
  EXPECT_EQ(PlanRules{}.target_for(20), 0u);
}

TEST(ObjectiveOptions, ParsesTheThreeObjectives) {
  EXPECT_EQ(parse_objective("access").kind, ObjectiveKind::access);
  EXPECT_EQ(parse_objective("compact").kind, ObjectiveKind::compact);
  const auto heterogeneity = parse_objective("heterogeneity:x_km, y_km");
  EXPECT_EQ(heterogeneity.kind, ObjectiveKind::heterogeneity);
  ASSERT_EQ(heterogeneity.fields.size(), 2u);
  EXPECT_EQ(heterogeneity.fields[1], "y_km");
  EXPECT_THROW(parse_objective("heterogeneity"), UsageError);
  EXPECT_THROW(parse_objective("access:x"), UsageError);
  EXPECT_THROW(parse_objective("shortest"), UsageError);
}

}  // namespace quhua::algorithms::regionalize
