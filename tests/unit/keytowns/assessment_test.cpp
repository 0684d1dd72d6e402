#include "quhua/algorithms/keytowns/assessment.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <map>

namespace quhua::keytowns {
namespace {

// A made-up programme: every key town must grow to 30,000 residents by 2026 (26,000 in 2024, 28,000
// in 2025, 30,000 in 2026; none due in 2023) and keep its fiscal revenue (万元) at least at 5,000.
std::vector<Target> targets_for(const std::string& code, int year) {
  const std::map<int, double> residents{{2024, 26000}, {2025, 28000}, {2026, 30000}, {2027, 30000}};
  std::vector<Target> out;
  if (auto it = residents.find(year); it != residents.end()) {
    out.push_back({code, "resident_population", year, it->second, Comparison::at_least, "persons"});
    out.push_back({code, "fiscal_revenue", year, 5000, Comparison::at_least, "10k yuan"});
  }
  return out;
}

struct Step {
  int year;
  double residents;  // the year's actual; fiscal revenue is always met
  TownStatus status;
  AssessmentEvent event;
  std::optional<int> deadline;
};

/// Runs a town through the years and checks each outcome; returns the final state.
TownState run(const std::string& code, const std::vector<Step>& steps, const AssessmentRules& rules = {}) {
  TownState state{code, TownStatus::on_track, std::nullopt, 0};
  for (const auto& step : steps) {
    const std::vector<Actual> actuals{{code, "resident_population", step.year, step.residents},
                                      {code, "fiscal_revenue", step.year, 6000}};
    const auto checks = check_targets(code, step.year, targets_for(code, step.year), actuals, rules);
    const auto outcome = assess_town(state, step.year, checks, rules);
    EXPECT_EQ(outcome.to, step.status) << code << " " << step.year;
    EXPECT_EQ(outcome.event, step.event) << code << " " << step.year << ": " << event_name(outcome.event);
    EXPECT_EQ(outcome.deadline_year, step.deadline) << code << " " << step.year;
    EXPECT_EQ(outcome.from, state.status);
    state = {code, outcome.to, outcome.deadline_year, outcome.warning_count};
  }
  return state;
}

TEST(Assessment, TownThatMeetsEveryTargetStaysOnTrack) {
  run("A", {{2023, 20000, TownStatus::on_track, AssessmentEvent::not_assessed, {}},
            {2024, 26500, TownStatus::on_track, AssessmentEvent::stayed_on_track, {}},
            {2025, 28000, TownStatus::on_track, AssessmentEvent::stayed_on_track, {}},
            {2026, 31000, TownStatus::on_track, AssessmentEvent::stayed_on_track, {}}});
}

TEST(Assessment, SmallShortfallWarnsAndMeetingAgainRecovers) {
  run("B", {{2024, 25000, TownStatus::warning, AssessmentEvent::warned, {}},  // 96% of 26,000
            {2025, 28100, TownStatus::on_track, AssessmentEvent::recovered, {}},
            {2026, 30000, TownStatus::on_track, AssessmentEvent::stayed_on_track, {}}});
}

TEST(Assessment, SecondShortYearOrdersRectificationAndMeetingRestores) {
  run("C", {{2024, 25000, TownStatus::warning, AssessmentEvent::warned, {}},
            {2025, 27000, TownStatus::rectification, AssessmentEvent::rectification_ordered, 2026},
            {2026, 30500, TownStatus::on_track, AssessmentEvent::restored, {}},
            {2027, 30200, TownStatus::on_track, AssessmentEvent::stayed_on_track, {}}});
}

TEST(Assessment, SevereShortfallGoesStraightToRectificationThenDisqualification) {
  const TownState end =
      run("D", {{2024, 18000, TownStatus::rectification, AssessmentEvent::rectification_ordered, 2025},
                {2025, 26000, TownStatus::disqualified, AssessmentEvent::disqualified, 2025},
                {2026, 31000, TownStatus::disqualified, AssessmentEvent::remained_disqualified, 2025}});
  EXPECT_EQ(end.status, TownStatus::disqualified);  // terminal, even after meeting the target
}

TEST(Assessment, LongerRectificationPeriodAllowsShortYearsBeforeTheDeadline) {
  AssessmentRules rules;
  rules.rectification_years = 2;
  run("E",
      {{2024, 18000, TownStatus::rectification, AssessmentEvent::rectification_ordered, 2026},
       {2025, 26000, TownStatus::rectification, AssessmentEvent::rectifying, 2026},
       {2026, 29000, TownStatus::disqualified, AssessmentEvent::disqualified, 2026}},
      rules);
  run("F",
      {{2024, 18000, TownStatus::rectification, AssessmentEvent::rectification_ordered, 2026},
       {2025, 26000, TownStatus::rectification, AssessmentEvent::rectifying, 2026},
       {2026, 30000, TownStatus::on_track, AssessmentEvent::restored, {}}},
      rules);
}

TEST(Assessment, MoreWarningYearsAndNoSevereShortcut) {
  AssessmentRules rules;
  rules.warning_years = 2;
  rules.severe_to_rectification = false;
  run("G",
      {{2024, 10000, TownStatus::warning, AssessmentEvent::warned, {}},  // severe, but the shortcut is off
       {2025, 27000, TownStatus::warning, AssessmentEvent::warned, {}},
       {2026, 29000, TownStatus::rectification, AssessmentEvent::rectification_ordered, 2027},
       {2027, 30000, TownStatus::on_track, AssessmentEvent::restored, {}}},
      rules);
}

TEST(Assessment, AttainmentIsTheWorstRatioAndAtMostTargetsInvert) {
  const std::vector<Target> targets{{"T", "residents", 2025, 30000, Comparison::at_least, ""},
                                    {"T", "debt_ratio", 2025, 0.6, Comparison::at_most, ""}};
  const std::vector<Actual> actuals{{"T", "residents", 2025, 31000}, {"T", "debt_ratio", 2025, 0.75}};
  const auto checks = check_targets("T", 2025, targets, actuals, {});
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].indicator, "debt_ratio");  // sorted by indicator
  EXPECT_FALSE(checks[0].met);
  EXPECT_NEAR(checks[0].attainment, 0.8, 1e-12);
  EXPECT_TRUE(checks[1].met);
  const auto outcome = assess_town({"T", TownStatus::on_track, {}, 0}, 2025, checks, {});
  EXPECT_NEAR(outcome.attainment, 0.8, 1e-12);
  EXPECT_EQ(outcome.event, AssessmentEvent::rectification_ordered);  // 0.8 < warning floor 0.9
}

TEST(Assessment, MissingActualIsAnErrorUnlessTheRuleCountsItAsShortfall) {
  const auto targets = targets_for("H", 2024);
  const std::vector<Actual> only_residents{{"H", "resident_population", 2024, 27000}};
  try {
    check_targets("H", 2024, targets, only_residents, {});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, "H");
    EXPECT_EQ(e.context().field, "fiscal_revenue");
  }
  AssessmentRules rules;
  rules.missing_actual_is_shortfall = true;
  const auto checks = check_targets("H", 2024, targets, only_residents, rules);
  const auto outcome = assess_town({"H", TownStatus::on_track, {}, 0}, 2024, checks, rules);
  EXPECT_EQ(outcome.attainment, 0.0);
  EXPECT_EQ(outcome.to, TownStatus::rectification);
}

TEST(Assessment, NamesRoundTripAndRulesAreValidated) {
  for (auto s : {TownStatus::on_track, TownStatus::warning, TownStatus::rectification, TownStatus::disqualified}) {
    EXPECT_EQ(parse_status(status_name(s)), s);
    EXPECT_EQ(parse_status(status_name_zh(s)), s);
  }
  EXPECT_EQ(parse_event("restored"), AssessmentEvent::restored);
  EXPECT_EQ(parse_comparison("<="), Comparison::at_most);
  EXPECT_EQ(parse_comparison(""), Comparison::at_least);
  AssessmentRules rules;
  rules.rectification_years = 0;
  EXPECT_THROW(rules.validate(), UsageError);
}

}  // namespace
}  // namespace quhua::keytowns
