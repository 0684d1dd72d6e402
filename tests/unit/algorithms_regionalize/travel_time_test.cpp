// The planner with road travel times (PlanningProblem::travel_minutes, what `plan --network` gives it):
// the access objective in person·minutes from each member to its seat, --max-seat-min as a hard rule,
// units that cannot reach each other by road never merged, and the central seat rule (--seat-rule
// central). Expected values are worked by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>

#include "quhua/algorithms/regionalize/plan_check.hpp"
#include "quhua/algorithms/regionalize/regionalize.hpp"
#include "quhua/util/error.hpp"
#include "support/county_map.hpp"
#include "support/test_support.hpp"

namespace quhua::algorithms::regionalize {

namespace {

constexpr float k_no_route = std::numeric_limits<float>::infinity();

struct Outcome {
  RegionalizeResult result;
  PlanReport report;
};

PlanOptions options_with(double min_population) {
  PlanOptions options;
  options.rules.min_population = min_population;
  options.search.seed = 1;
  options.search.threads = 1;
  options.search.constructions = 8;
  options.search.starts = 2;
  options.search.moves_per_unit = 60;
  return options;
}

Outcome run(const PlanningProblem& problem, const PlanOptions& options) {
  const auto instance = build_instance(problem, options);
  RunControl control;
  Outcome outcome;
  outcome.result = regionalize(instance, control);
  outcome.report = check_plan(instance, outcome.result.region_of_unit, outcome.result.seat_of_region);
  return outcome;
}

// Minutes between every pair from a function of the two codes (diagonal 0).
template <class Minutes>
void set_minutes(PlanningProblem& problem, Minutes minutes) {
  const std::size_t n = problem.size();
  problem.travel_minutes.assign(n * n, 0.0F);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      if (a != b) problem.travel_minutes[a * n + b] = static_cast<float>(minutes(problem.codes[a], problem.codes[b]));
    }
  }
}

std::string code_of_seat(const Outcome& outcome, const PlanningProblem& problem, const std::string& member) {
  const auto r = outcome.result.region_of_unit[problem.code_index().at(member)];
  return problem.codes[outcome.result.seat_of_region[r]];
}

bool same_region(const Outcome& outcome, const PlanningProblem& problem, const std::string& a, const std::string& b) {
  const auto index = problem.code_index();
  return outcome.result.region_of_unit[index.at(a)] == outcome.result.region_of_unit[index.at(b)];
}

const RuleCheck& rule(const PlanReport& report, const std::string& name) {
  for (const auto& r : report.rules) {
    if (r.rule == name) return r;
  }
  throw std::runtime_error("no rule " + name);
}

}  // namespace

TEST(TravelTimes, AccessIsRoadMinutesFromEachMemberToItsSeat) {
  // A (镇, 9,000) and B (乡, 3,000) must merge; the seat is A. A → B takes 10 minutes, B → A 20 (a
  // one-way detour): access is counted from the member to the seat, 3,000 × 20 = 60,000 person·minutes.
  auto problem = test::county_map("A B", {{'A', {9000, model::UnitType::town}}, {'B', {3000}}});
  set_minutes(problem, [](const std::string& from, const std::string&) { return from == "A" ? 10.0 : 20.0; });
  const auto outcome = run(problem, options_with(10000));
  ASSERT_EQ(outcome.result.region_count, 1u);
  EXPECT_EQ(code_of_seat(outcome, problem, "B"), "A");
  const auto& terms = outcome.report.objective;
  EXPECT_EQ(terms.cost_unit, "min");
  EXPECT_DOUBLE_EQ(terms.value, 60000.0);
  EXPECT_DOUBLE_EQ(terms.access_person_min, 60000.0);
  EXPECT_DOUBLE_EQ(terms.mean_access_min, 5.0);  // 60,000 / 12,000 residents
  EXPECT_DOUBLE_EQ(terms.max_seat_minutes, 20.0);
  EXPECT_DOUBLE_EQ(terms.mean_access_km, 0.25);  // the straight line is still reported: 3,000 × 1 km / 12,000
  EXPECT_DOUBLE_EQ(outcome.report.regions[0].max_seat_minutes, 20.0);
  EXPECT_EQ(rule(outcome.report, "road_reachability").status, RuleStatus::pass);
}

TEST(TravelTimes, MinutesNotKilometresDecideWhichNeighbourAUnitJoins) {
  // A B C in a row, 1 km apart: B (3,000) must join A or C (both 镇 of 12,000). Straight lines tie;
  // the road decides.
  auto problem = test::county_map("A B C", {{'A', {12000, model::UnitType::town}},
                                            {'B', {3000}},
                                            {'C', {12000, model::UnitType::town}}});
  set_minutes(problem, [](const std::string& from, const std::string& to) {
    if (from == "B" && to == "A") return 30.0;  // over the pass
    if (from == "B" && to == "C") return 8.0;   // along the valley
    return 15.0;
  });
  const auto valley = run(problem, options_with(10000));
  EXPECT_TRUE(same_region(valley, problem, "B", "C"));
  EXPECT_FALSE(same_region(valley, problem, "B", "A"));
  EXPECT_DOUBLE_EQ(valley.report.objective.value, 3000.0 * 8.0);

  set_minutes(problem, [](const std::string& from, const std::string& to) {
    if (from == "B" && to == "A") return 8.0;
    if (from == "B" && to == "C") return 30.0;
    return 15.0;
  });
  const auto pass = run(problem, options_with(10000));
  EXPECT_TRUE(same_region(pass, problem, "B", "A"));
}

TEST(TravelTimes, MaxSeatMinutesIsAHardRuleWithItsReason) {
  // A (镇, 12,000), B and C (乡, 3,000 each) in a row: B and C can only reach 10,000 with A. C is 40
  // minutes from A's seat: with --max-seat-min 30 it cannot join, and stays as a justified exception.
  auto problem = test::county_map("A B C", {{'A', {12000, model::UnitType::town}}, {'B', {3000}}, {'C', {3000}}});
  set_minutes(problem, [](const std::string& from, const std::string& to) {
    if (from == "C" && to == "A") return 40.0;
    if (from == "B" && to == "A") return 10.0;
    return 12.0;
  });
  auto options = options_with(10000);
  const auto free = run(problem, options);
  EXPECT_EQ(free.result.region_count, 1u);

  options.rules.max_seat_minutes = 30;
  const auto limited = run(problem, options);
  EXPECT_TRUE(limited.report.hard_rules_hold);
  EXPECT_TRUE(same_region(limited, problem, "A", "B"));
  EXPECT_FALSE(same_region(limited, problem, "A", "C"));
  ASSERT_EQ(limited.report.exceptions.size(), 1u);
  const auto& exception = limited.report.exceptions[0];
  EXPECT_EQ(problem.codes[exception.units[0]], "C");
  EXPECT_TRUE(exception.justified);
  EXPECT_NE(exception.message.find("40 minutes by road from the seat A"), std::string::npos) << exception.message;
  EXPECT_NE(exception.message.find("--max-seat-min 30"), std::string::npos) << exception.message;
  EXPECT_EQ(rule(limited.report, "max_seat_minutes").status, RuleStatus::pass);

  // A hand-made plan that puts C with A breaks the rule, and the check names C.
  const auto instance = build_instance(problem, options);
  const std::vector<std::uint32_t> one_region{0, 0, 0};
  const std::vector<UnitIndex> seat_a{0};
  const auto hand = check_plan(instance, one_region, seat_a);
  const auto& minutes_rule = rule(hand, "max_seat_minutes");
  EXPECT_EQ(minutes_rule.status, RuleStatus::fail);
  ASSERT_EQ(minutes_rule.violations.size(), 1u);
  ASSERT_EQ(minutes_rule.violations[0].units.size(), 1u);
  EXPECT_EQ(problem.codes[minutes_rule.violations[0].units[0]], "C");
  EXPECT_DOUBLE_EQ(minutes_rule.violations[0].value, 40.0);
  EXPECT_FALSE(hand.hard_rules_hold);
}

TEST(TravelTimes, UnitsThatCannotReachEachOtherByRoadNeverMerge) {
  // B (3,000) has one neighbour, A, but no road links them: B stays apart and the reason says so.
  auto problem = test::county_map("A B", {{'A', {12000, model::UnitType::town}}, {'B', {3000}}});
  set_minutes(problem, [](const std::string&, const std::string&) { return k_no_route; });
  const auto outcome = run(problem, options_with(10000));
  EXPECT_EQ(outcome.result.region_count, 2u);
  ASSERT_EQ(outcome.report.exceptions.size(), 1u);
  EXPECT_NE(outcome.report.exceptions[0].message.find("road"), std::string::npos) << outcome.report.exceptions[0].message;

  // A hand plan that merges them anyway fails the reachability rule.
  const auto instance = build_instance(problem, options_with(10000));
  const std::vector<std::uint32_t> merged{0, 0};
  const std::vector<UnitIndex> seat{0};
  const auto hand = check_plan(instance, merged, seat);
  EXPECT_EQ(rule(hand, "road_reachability").status, RuleStatus::fail);

  // A must-merge group across the gap is refused up front.
  problem.must_merge_groups = {{0, 1}};
  EXPECT_THROW(build_instance(problem, options_with(10000)), UsageError);
}

TEST(TravelTimes, CentralSeatRuleTakesTheLeastTravelMember) {
  // A B C D E, 乡 of 100, 100, 100, 100, 300 people, |i − j| × 10 minutes apart; min 700: one unit.
  // Σ population × minutes to each candidate seat: E 100 × (40 + 30 + 20 + 10) = 10,000;
  // D 100 × (30 + 20 + 10) + 300 × 10 = 9,000; C 100 × (20 + 10 + 10) + 300 × 20 = 10,000.
  // `largest` keeps E (most people); `central` takes D.
  auto problem = test::county_map("A B C D E", {{'A', {100}}, {'B', {100}}, {'C', {100}}, {'D', {100}}, {'E', {300}}});
  set_minutes(problem, [](const std::string& a, const std::string& b) { return 10.0 * std::abs(a[0] - b[0]); });
  auto options = options_with(700);
  EXPECT_EQ(code_of_seat(run(problem, options), problem, "A"), "E");
  options.objective.seat_rule = SeatRule::central;
  const auto central = run(problem, options);
  EXPECT_EQ(code_of_seat(central, problem, "A"), "D");
  EXPECT_DOUBLE_EQ(central.report.objective.value, 9000.0);

  // A 镇 at E (town weight 3) wins unless another seat is three times cheaper: 10,000 / 3 < 9,000.
  auto towns = test::county_map("A B C D E", {{'A', {100}}, {'B', {100}}, {'C', {100}}, {'D', {100}},
                                              {'E', {300, model::UnitType::town}}});
  towns.travel_minutes = problem.travel_minutes;
  EXPECT_EQ(code_of_seat(run(towns, options), towns, "A"), "E");
}

TEST(TravelTimes, RoadRulesNeedTravelTimes) {
  auto problem = test::county_map("A B", {{'A', {12000}}, {'B', {3000}}});
  auto options = options_with(10000);
  options.rules.max_seat_minutes = 30;
  try {
    build_instance(problem, options);
    FAIL() << "--max-seat-min without travel times was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--network"), std::string::npos) << e.what();
  }
  problem.travel_minutes = {0.0F, 5.0F, std::nanf(""), 0.0F};
  EXPECT_THROW(build_instance(problem, options_with(10000)), InputError);
}

TEST(TravelTimes, RandomCountiesKeepTheRoadRules) {
  const auto seed = test::test_seed();
  for (std::uint64_t k = 0; k < 16; ++k) {
    Rng rng(seed + 31 * k);
    const std::size_t n = 20 + rng.below(40);
    auto problem = test::random_county(n, seed + k, rng.below(2) * 2);
    const double width_m = std::sqrt(6.0 * static_cast<double>(n)) * 1000.0;
    // Half the counties have a river with no bridge a third of the way across.
    test::add_travel_minutes(problem, seed + k, k % 2 == 0 ? width_m / 3 : 1e300);
    const double total = std::accumulate(problem.population.begin(), problem.population.end(), 0.0);
    auto options = options_with(total / static_cast<double>(4 + rng.below(6)));
    options.search.seed = seed + k;
    options.rules.max_seat_minutes = 12.0 + 10.0 * rng.uniform();
    options.objective.seat_rule = k % 4 < 2 ? SeatRule::largest : SeatRule::central;
    if (!problem.parent_codes.empty()) options.rules.within_parent = true;
    SCOPED_TRACE("county " + std::to_string(k) + " (" + std::to_string(n) + " units, seed " + std::to_string(seed + k) +
                 ", seat rule " + std::string(seat_rule_name(options.objective.seat_rule)) + ")");
    const auto outcome = run(problem, options);
    EXPECT_TRUE(outcome.report.hard_rules_hold);
    for (const auto& e : outcome.report.exceptions) EXPECT_TRUE(e.justified) << e.message;
    // Independently of the audit: every member reaches its seat by road within the limit.
    for (UnitIndex u = 0; u < n; ++u) {
      const UnitIndex seat = outcome.result.seat_of_region[outcome.result.region_of_unit[u]];
      const double minutes = problem.travel_min(u, seat);
      EXPECT_TRUE(std::isfinite(minutes)) << problem.codes[u] << " cannot reach its seat " << problem.codes[seat];
      EXPECT_LE(minutes, options.rules.max_seat_minutes * (1 + 1e-9)) << problem.codes[u];
    }
  }
}

}  // namespace quhua::algorithms::regionalize
