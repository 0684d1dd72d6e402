#include "quhua/metrics/plan_evaluation.hpp"

#include "support/grid_county.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <numbers>
#include <tuple>

namespace quhua::metrics {
namespace {

// A county drawn as a 3x3 grid of 5 km square townships (population in thousands beside):
//
//   A B C      3  4 12
//   D E F      5 20  2
//   G H I      1  6  9
//
// Parents: every unit in county P1, except G and H in P2. Seats at the square centres.
struct Fixture : test::GridCounty {
  Fixture()
      : GridCounty({"ABC", "DEF", "GHI"}, {{'A', 3000}, {'B', 4000}, {'C', 12000}, {'D', 5000}, {'E', 20000},
                                           {'F', 2000}, {'G', 1000}, {'H', 6000}, {'I', 9000}}) {
    for (auto& letter : std::string("ABCDEFGHI")) units[id(letter)].parent_code = "P1";
    units[id('G')].parent_code = "P2";
    units[id('H')].parent_code = "P2";
  }
  model::Plan plan(const std::vector<std::string>& groups) const { return GridCounty::plan(groups); }
  const std::vector<double>& perimeters() const { return perimeter_m; }
};

}  // namespace

TEST(PlanEvaluation, IndicatorsBeforeAndAfterMatchHandComputation) {
  Fixture f;
  EvaluationOptions options;
  options.unit_perimeter_m = f.perimeters();
  const auto eval = evaluate_plan(f.units, &f.graph, f.plan({"EABD", "CF", "HGI"}), options);

  EXPECT_EQ(eval.before.units, 9u);
  EXPECT_EQ(eval.before.population.median, 5000);
  EXPECT_NEAR(eval.before.population.mean, 62000.0 / 9, 1e-9);
  EXPECT_EQ(eval.before.under_population, 7u);  // all but C (12k) and E (20k)
  EXPECT_EQ(eval.before.under_area, 0u);
  EXPECT_DOUBLE_EQ(eval.before.weighted_mean_distance_km, 0);
  EXPECT_NEAR(eval.before.compactness.mean, std::numbers::pi / 4, 1e-12);  // squares: 4*pi*25/20^2

  EXPECT_EQ(eval.after.units, 3u);
  EXPECT_EQ(eval.after.population.min, 14000);
  EXPECT_EQ(eval.after.population.max, 32000);
  EXPECT_EQ(eval.after.area_km2.max, 100);
  // Weighted distance: A 3000*sqrt(50) + (B 4000 + D 5000 + F 2000 + G 1000 + I 9000) * 5 km, over 62000.
  const double expected_km = (3000 * std::sqrt(50.0) + 21000 * 5.0) / 62000;
  EXPECT_NEAR(eval.after.weighted_mean_distance_km, expected_km, 1e-9);
  EXPECT_NEAR(eval.after.max_distance_km, std::sqrt(50.0), 1e-9);
  ASSERT_EQ(eval.after.share_within_km.size(), 4u);
  EXPECT_NEAR(eval.after.share_within_km[0].second, 59000.0 / 62000, 1e-12);  // within 5 km: all but A
  EXPECT_NEAR(eval.after.share_within_km[1].second, 1.0, 1e-12);
  // Region 1 is a 10 km square: perimeter 4*20 - 2*(4 internal borders of 5 km) = 40 km.
  EXPECT_NEAR(eval.regions[0].compactness, std::numbers::pi / 4, 1e-12);
  EXPECT_EQ(eval.regions[0].population, 32000);
  EXPECT_EQ(eval.regions[0].name, "E镇");
  EXPECT_TRUE(eval.all_rules_pass());
  // H's region takes I from P1: a transfer.
  ASSERT_EQ(eval.transfers.size(), 1u);
  EXPECT_EQ(f.units[eval.transfers[0]].code, "I");
}

TEST(PlanEvaluation, RoadTravelTimesMatchHandComputation) {
  // Minutes by road: 3 per grid step (rook steps), except that everything from A takes 30 (a mountain
  // road) and I has no road to H (+infinity). Plan EABD | CF | HGI with seats E, C, H.
  Fixture f;
  const std::string letters = "ABCDEFGHI";
  auto minutes = std::make_shared<std::vector<float>>(81, 0.0F);
  for (std::size_t a = 0; a < 9; ++a) {
    for (std::size_t b = 0; b < 9; ++b) {
      const auto ia = f.id(letters[a]), ib = f.id(letters[b]);
      const int steps = static_cast<int>(std::abs(static_cast<int>(a % 3) - static_cast<int>(b % 3)) +
                                         std::abs(static_cast<int>(a / 3) - static_cast<int>(b / 3)));
      float m = 3.0F * static_cast<float>(steps);
      if (letters[a] == 'A' && a != b) m = 30;
      if (letters[a] == 'I' && letters[b] == 'H') m = std::numeric_limits<float>::infinity();
      (*minutes)[ia * 9 + ib] = m;
    }
  }
  EvaluationOptions options;
  options.unit_minutes = minutes;
  options.rules.max_seat_minutes = 20;
  const auto eval = evaluate_plan(f.units, &f.graph, f.plan({"EABD", "CF", "HGI"}), options);
  // Reachable: A 3,000 × 30; B 4,000, D 5,000, F 2,000, G 1,000 × 3; seats 0. I (9,000) cut off.
  EXPECT_NEAR(eval.after.weighted_mean_travel_min, (3000 * 30.0 + 12000 * 3.0) / 53000, 1e-9);
  EXPECT_DOUBLE_EQ(eval.after.max_travel_min, 30);
  EXPECT_DOUBLE_EQ(eval.after.unreachable_population, 9000);
  ASSERT_EQ(eval.after.share_within_min.size(), 4u);
  EXPECT_DOUBLE_EQ(eval.after.share_within_min[0].first, 15);
  EXPECT_NEAR(eval.after.share_within_min[0].second, 50000.0 / 62000, 1e-12);  // all but A and I
  EXPECT_NEAR(eval.after.share_within_min[1].second, 53000.0 / 62000, 1e-12);  // A within 30; I never
  EXPECT_DOUBLE_EQ(eval.before.weighted_mean_travel_min, 0);                  // every unit its own seat
  EXPECT_NEAR(eval.regions[0].weighted_mean_travel_min, (3000 * 30.0 + 9000 * 3.0) / 32000, 1e-9);
  EXPECT_DOUBLE_EQ(eval.regions[0].max_travel_min, 30);
  // A is 30 minutes from E and I cannot reach H at all: both offend against 20 minutes.
  EXPECT_EQ(eval.rule("max_seat_minutes")->offenders, (std::vector<std::string>{"A", "I"}));
  EXPECT_FALSE(eval.all_rules_pass());

  // Without travel times the rule cannot be checked, and says so instead of passing.
  options.unit_minutes = nullptr;
  const auto blind = evaluate_plan(f.units, &f.graph, f.plan({"EABD", "CF", "HGI"}), options);
  EXPECT_FALSE(blind.rule("max_seat_minutes")->pass);
  EXPECT_NE(blind.rule("max_seat_minutes")->detail.find("no travel times"), std::string::npos);
  EXPECT_TRUE(std::isnan(blind.after.weighted_mean_travel_min));
}

TEST(PlanEvaluation, EachRuleNamesItsOffenders) {
  Fixture f;
  EvaluationOptions options;
  options.rules.min_population = 15000;
  options.rules.max_population = 30000;
  options.rules.max_seat_km = 6;
  options.rules.within_parent = true;
  options.rules.locked_codes = {"F"};
  options.rules.forbidden_pairs = {{"A", "E"}};
  options.rules.must_merge = {{"G", "C"}};
  const auto eval = evaluate_plan(f.units, &f.graph, f.plan({"EABD", "CF", "HGI"}), options);
  auto offenders = [&](const std::string& key) { return eval.rule(key)->offenders; };
  EXPECT_EQ(offenders("min_population"), (std::vector<std::string>{"R2"}));
  EXPECT_EQ(offenders("max_population"), (std::vector<std::string>{"R1"}));
  EXPECT_EQ(offenders("max_seat_distance"), (std::vector<std::string>{"A"}));
  EXPECT_EQ(offenders("within_parent"), (std::vector<std::string>{"I"}));
  EXPECT_EQ(offenders("locked"), (std::vector<std::string>{"F"}));
  EXPECT_EQ(offenders("forbidden_pairs"), (std::vector<std::string>{"A:E"}));
  EXPECT_EQ(offenders("must_merge"), (std::vector<std::string>{"G+C"}));
  EXPECT_TRUE(eval.rule("contiguity")->pass);
  EXPECT_FALSE(eval.all_rules_pass());
}

TEST(PlanEvaluation, AllowedTransfersPassButAreListed) {
  Fixture f;
  EvaluationOptions options;
  options.rules.within_parent = true;
  options.rules.allow_transfer = true;
  const auto eval = evaluate_plan(f.units, &f.graph, f.plan({"EABD", "CF", "HGI"}), options);
  EXPECT_TRUE(eval.rule("within_parent")->pass);
  EXPECT_EQ(eval.transfers.size(), 1u);
}

TEST(PlanEvaluation, DisconnectedRegionAndForeignSeatAreCaught) {
  Fixture f;
  auto plan = f.plan({"EBDH", "AC", "FGI"});  // A and C are not neighbours; F, G, I neither
  plan.seat_of[1] = *f.units.find("E");       // a seat outside its region
  const auto eval = evaluate_plan(f.units, &f.graph, plan, {});
  EXPECT_EQ(eval.rule("contiguity")->offenders, (std::vector<std::string>{"R2", "R3"}));
  EXPECT_EQ(eval.rule("codes")->offenders, (std::vector<std::string>{"R2"}));
}

TEST(PlanEvaluation, WithoutGraphContiguityIsReportedUncheckable) {
  Fixture f;
  const auto eval = evaluate_plan(f.units, nullptr, f.plan({"EABD", "CF", "HGI"}), {});
  EXPECT_FALSE(eval.rule("contiguity")->pass);
  EXPECT_NE(eval.rule("contiguity")->detail.find("cannot be checked"), std::string::npos);
}

TEST(PlanEvaluation, ViableUnitsMergedIntoAnotherSeatAreListed) {
  Fixture f;
  // C (12k) is viable alone yet merged into E's region.
  const auto eval = evaluate_plan(f.units, &f.graph, f.plan({"EABDCF", "HGI"}), {});
  ASSERT_EQ(eval.merged_viable_units.size(), 1u);
  EXPECT_EQ(f.units[eval.merged_viable_units[0]].code, "C");
}

TEST(PlanEvaluation, VillagesGiveDistancesAndCounts) {
  Fixture f;
  model::UnitTable villages;
  // Two villages of A: one at A's seat, one 2 km east of it; one village of B at B's seat.
  auto add = [&](const std::string& code, const std::string& parent, double x, double y, double pop) {
    model::Unit v;
    v.code = code;
    v.parent_code = parent;
    v.seat = model::Point{x, y};
    v.resident_population = pop;
    villages.add(v);
  };
  add("a1", "A", 2500, 12500, 100);
  add("a2", "A", 4500, 12500, 300);
  add("b1", "B", 7500, 12500, 200);
  EvaluationOptions options;
  options.villages = &villages;
  const auto eval = evaluate_plan(f.units, &f.graph, f.plan({"BA", "C", "D", "E", "F", "G", "H", "I"}), options);
  // Before: villages to their own seat: a2 is 2 km away. Units C..I have no villages: left out (never
  // measured at 0 km from themselves beside A's and B's villages).
  EXPECT_NEAR(eval.before.max_distance_km, 2.0, 1e-12);
  EXPECT_NEAR(eval.before.weighted_mean_distance_km, (100 * 0.0 + 300 * 2.0 + 200 * 0.0) / 600, 1e-12);
  EXPECT_EQ(eval.before.units_without_villages, 7u);
  EXPECT_EQ(eval.before.unweighted_members, 0u);
  // After: A's villages go to B's seat: a1 5 km, a2 3 km.
  EXPECT_NEAR(eval.regions[0].max_distance_km, 5.0, 1e-12);
  EXPECT_NEAR(eval.regions[0].weighted_mean_distance_km, (100 * 5.0 + 300 * 3.0 + 200 * 0.0) / 600, 1e-12);
  EXPECT_EQ(eval.regions[0].villages, 3u);
  ASSERT_TRUE(eval.after.villages);
  EXPECT_EQ(eval.after.villages->max, 3);
}

// Issue 18: villages without population made the weighted mean distance 0.0.
TEST(PlanEvaluation, MembersWithoutPopulationAreLeftOutOfWeightedFiguresNotWeighedAsZero) {
  Fixture f;
  model::UnitTable villages;
  for (const auto& [code, parent, x] :
       {std::tuple{"a1", "A", 2500.0}, std::tuple{"a2", "A", 4500.0}, std::tuple{"b1", "B", 7500.0}}) {
    model::Unit v;
    v.code = code;
    v.parent_code = parent;
    v.seat = model::Point{x, 12500};
    villages.add(v);  // no population
  }
  EvaluationOptions options;
  options.villages = &villages;
  const auto eval = evaluate_plan(f.units, &f.graph, f.plan({"BA", "C", "D", "E", "F", "G", "H", "I"}), options);
  EXPECT_TRUE(std::isnan(eval.before.weighted_mean_distance_km));
  EXPECT_TRUE(std::isnan(eval.after.weighted_mean_distance_km));
  EXPECT_TRUE(std::isnan(eval.regions[0].weighted_mean_distance_km));
  EXPECT_NEAR(eval.regions[0].max_distance_km, 5.0, 1e-12);  // the farthest needs no weight
  EXPECT_EQ(eval.before.unweighted_members, 3u);
  EXPECT_EQ(eval.before.measured_population_share, 0.0);
  // A unit without population: the new unit's population is unknown, not a sum with 0.
  auto units = f.units;
  units[units.at("A")].resident_population.reset();
  units[units.at("A")].registered_population.reset();
  const auto unknown = evaluate_plan(units, &f.graph, f.plan({"BA", "C", "D", "E", "F", "G", "H", "I"}), {});
  EXPECT_TRUE(std::isnan(unknown.regions[0].population));
  EXPECT_EQ(unknown.after.population.missing, 1u);
  EXPECT_EQ(unknown.before.unweighted_members, 1u);
}

}  // namespace quhua::metrics

namespace quhua::metrics {

TEST(PlanEvaluation, LockedOrIsolatedUnitsBelowTheMinimumAreExceptionsNotOffenders) {
  //   A A B .
  //   A A B . D      D is an island; B is locked (民族乡) and small; C small but merged.
  //   C C B .
  test::GridCounty c({"AAB.", "AAB.D", "CCB."}, {{'A', 9000}, {'B', 3000}, {'C', 2000}, {'D', 500}});
  EvaluationOptions options;
  options.rules.min_population = 5000;
  options.rules.locked_codes = {"B"};
  const auto eval = evaluate_plan(c.units, &c.graph, c.plan({"AC", "B", "D"}), options);
  const auto* rule = eval.rule("min_population");
  EXPECT_TRUE(rule->pass);
  EXPECT_TRUE(rule->offenders.empty());
  EXPECT_EQ(rule->exceptions, (std::vector<std::string>{"R2: locked", "R3: island"}));
  // A small unit left alone with neighbours it could join is an offender, not an exception.
  const auto lazy = evaluate_plan(c.units, &c.graph, c.plan({"A", "B", "C", "D"}), options);
  EXPECT_EQ(lazy.rule("min_population")->offenders, (std::vector<std::string>{"R3"}));
}

}  // namespace quhua::metrics
