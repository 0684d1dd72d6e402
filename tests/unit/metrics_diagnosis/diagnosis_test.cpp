#include "quhua/metrics/diagnosis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"
#include "support/test_support.hpp"

namespace quhua::metrics {
namespace {

using model::UnitLevel;
using model::UnitType;

std::size_t type_count(const GroupDiagnosis& g, UnitType type) { return g.type_counts[static_cast<std::size_t>(type)]; }

model::Unit unit(std::string code, std::string name, UnitType type, std::string parent, std::optional<double> resident,
                 std::optional<double> registered, std::optional<double> area_km2, std::optional<model::Point> seat) {
  model::Unit u;
  u.code = std::move(code);
  u.name = std::move(name);
  u.type = type;
  u.level = model::level_of_type(type);
  u.parent_code = std::move(parent);
  u.resident_population = resident;
  u.registered_population = registered;
  u.area_km2 = area_km2;
  u.seat = seat;
  return u;
}

// Two counties, seats in metres (x east, y north; one character = 1 km):
//
//      y
//      4  . . . a2. .                      county 甲县 (A): a1 镇, a2 乡, a3 乡, a4 街道
//      3  . . . . . . b3                   county 乙县 (B): b1 镇, b2 乡 (centroid only), b3 民族乡
//      0  a1. . . . . a3 . . . . . . . b1  (b1 at x = 20 km; b2 at (20, 8) km, off the picture)
//     -2  a4
//
//  unit  resident registered area km²
//  a1    12000    13000      30   (two parts)
//  a2     8000     9000      15
//  a3     4000     5000      25
//  a4    20000    15000       5
//  b1     9000     9500      40
//  b2        -     3000      18
//  b3        -        -       -
class DiagnosisFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    a = table.add(unit("510101000000", "甲县", UnitType::county, "510100000000", {}, {}, {}, {}));
    b = table.add(unit("510102000000", "乙县", UnitType::county, "510100000000", {}, {}, {}, {}));
    a1 = table.add(unit("510101101000", "甲一镇", UnitType::town, "510101000000", 12000, 13000, 30, model::Point{0, 0}));
    a2 = table.add(unit("510101201000", "甲二乡", UnitType::township, "510101000000", 8000, 9000, 15, model::Point{3000, 4000}));
    a3 = table.add(unit("510101202000", "甲三乡", UnitType::township, "510101000000", 4000, 5000, 25, model::Point{6000, 0}));
    a4 = table.add(unit("510101001000", "甲四街道", UnitType::subdistrict, "510101000000", 20000, 15000, 5, model::Point{0, -2000}));
    b1 = table.add(unit("510102101000", "乙一镇", UnitType::town, "510102000000", 9000, 9500, 40, model::Point{20000, 0}));
    b2 = table.add(unit("510102201000", "乙二乡", UnitType::township, "510102000000", {}, 3000, 18, {}));
    b3 = table.add(unit("510102202000", "乙三民族乡", UnitType::ethnic_township, "510102000000", {}, {}, {}, model::Point{6000, 3000}));
    table[b2].centroid = model::Point{20000, 8000};
    const model::Polygon part{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, {}};
    table[a1].geometry = {part, part};
    table.crs.is_projected = true;
    // Neighbours: a1-a2, a2-a3, a1-a4, b1-b2; b3 touches only county A's polygon (another level).
    graph = graph::ContiguityGraph::from_edges(table.size(), {{a1, a2, 1}, {a2, a3, 1}, {a1, a4, 1}, {b1, b2, 1}, {b3, a, 1}});
  }

  const UnitDiagnosis& of(const DiagnosisResult& r, model::UnitId id) {
    for (const auto& d : r.units) {
      if (d.id == id) return d;
    }
    throw std::runtime_error("unit not diagnosed");
  }

  model::UnitTable table;
  graph::ContiguityGraph graph;
  model::UnitId a, b, a1, a2, a3, a4, b1, b2, b3;
};

TEST(Describe, MedianOfOddAndEvenCounts) {
  EXPECT_DOUBLE_EQ(describe({5, 1, 3}).median, 3);
  EXPECT_DOUBLE_EQ(describe({4, 1, 3, 2}).median, 2.5);
  EXPECT_DOUBLE_EQ(describe({7}).median, 7);
}

TEST(Describe, CvUsesThePopulationStandardDeviation) {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, population SD sqrt(32 / 8) = 2.
  const auto d = describe({2, 4, 4, 4, 5, 5, 7, 9}, 3);
  EXPECT_EQ(d.count, 8u);
  EXPECT_EQ(d.missing, 3u);
  EXPECT_DOUBLE_EQ(d.sum, 40);
  EXPECT_DOUBLE_EQ(d.mean, 5);
  EXPECT_DOUBLE_EQ(d.sd, 2);
  EXPECT_DOUBLE_EQ(d.cv, 0.4);
  EXPECT_DOUBLE_EQ(d.min, 2);
  EXPECT_DOUBLE_EQ(d.max, 9);
  const auto single = describe({10});
  EXPECT_DOUBLE_EQ(single.sd, 0);
  EXPECT_DOUBLE_EQ(single.cv, 0);
}

TEST(Describe, EmptyGivesNaNAndZeroMeanGivesNoCv) {
  const auto empty = describe({}, 2);
  EXPECT_EQ(empty.count, 0u);
  EXPECT_EQ(empty.missing, 2u);
  EXPECT_TRUE(std::isnan(empty.median));
  EXPECT_TRUE(std::isnan(empty.cv));
  EXPECT_TRUE(std::isnan(describe({0, 0}).cv));
}

TEST_F(DiagnosisFixture, CountsUnitsByTypePerParentAtTheMostCommonLevel) {
  const auto r = diagnose(table, &graph);
  EXPECT_EQ(r.level, UnitLevel::township);
  EXPECT_EQ(r.units.size(), 7u);
  ASSERT_EQ(r.parents.size(), 2u);
  const auto& ga = r.parents[0];
  const auto& gb = r.parents[1];
  EXPECT_EQ(ga.parent_code, "510101000000");
  EXPECT_EQ(ga.parent_name, "甲县");  // the parent is in the table
  EXPECT_EQ(ga.unit_count, 4u);
  EXPECT_EQ(type_count(ga, UnitType::town), 1u);
  EXPECT_EQ(type_count(ga, UnitType::township), 2u);
  EXPECT_EQ(type_count(ga, UnitType::subdistrict), 1u);
  EXPECT_EQ(type_count(gb, UnitType::ethnic_township), 1u);
  EXPECT_EQ(r.overall.unit_count, 7u);
  EXPECT_EQ(type_count(r.overall, UnitType::township), 3u);
}

TEST_F(DiagnosisFixture, PopulationAndAreaDistributionsByHand) {
  const auto r = diagnose(table, &graph);
  const auto& ga = r.parents[0];
  // A: 4000 8000 12000 20000 -> median 10000, mean 11000, SD sqrt(140e6 / 4).
  EXPECT_DOUBLE_EQ(ga.population.min, 4000);
  EXPECT_DOUBLE_EQ(ga.population.median, 10000);
  EXPECT_DOUBLE_EQ(ga.population.max, 20000);
  EXPECT_DOUBLE_EQ(ga.population.mean, 11000);
  EXPECT_NEAR(ga.population.sd, std::sqrt(35e6), 1e-9);
  EXPECT_NEAR(ga.population.cv, std::sqrt(35e6) / 11000, 1e-12);
  // A: 5 15 25 30 km² -> median 20, sum 75.
  EXPECT_DOUBLE_EQ(ga.area_km2.median, 20);
  EXPECT_DOUBLE_EQ(ga.area_km2.sum, 75);
  // B: b2 has only a registered population (used), b3 none; b3 has no area.
  const auto& gb = r.parents[1];
  EXPECT_EQ(gb.population.count, 2u);
  EXPECT_EQ(gb.population.missing, 1u);
  EXPECT_DOUBLE_EQ(gb.population.median, 6000);
  EXPECT_DOUBLE_EQ(gb.population.cv, 0.5);
  EXPECT_EQ(gb.area_km2.missing, 1u);
  EXPECT_DOUBLE_EQ(gb.area_km2.sum, 58);
}

TEST_F(DiagnosisFixture, ThresholdsAndTheFlaggedList) {
  const auto r = diagnose(table, &graph);
  EXPECT_EQ(r.min_population, 10000);
  EXPECT_EQ(r.min_area_km2, 20);
  const auto& ga = r.parents[0];
  EXPECT_EQ(ga.under_population, 2u);  // a2 8000, a3 4000
  EXPECT_EQ(ga.under_area, 2u);        // a2 15, a4 5
  EXPECT_EQ(ga.under_both, 1u);        // a2
  EXPECT_EQ(r.parents[1].under_population, 2u);  // b1 9000, b2 3000; b3 unknown is not "under"
  EXPECT_EQ(r.overall.under_area, 3u);
  // By parent, then population, smallest first.
  std::vector<model::UnitId> flagged;
  for (const auto k : r.flagged) flagged.push_back(r.units[k].id);
  EXPECT_EQ(flagged, (std::vector<model::UnitId>{a3, a2, a4, b2, b1}));
  EXPECT_TRUE(of(r, a2).under_population && of(r, a2).under_area);
  EXPECT_FALSE(of(r, b3).under_population);
}

TEST_F(DiagnosisFixture, SeatDensityAndNearestSeatsWithinParentAndOverall) {
  const auto r = diagnose(table, &graph);
  const auto& ga = r.parents[0];
  EXPECT_EQ(ga.seats, 4u);
  EXPECT_NEAR(*ga.seat_density_per_100km2, 100.0 * 4 / 75, 1e-12);
  EXPECT_NEAR(*r.parents[1].seat_density_per_100km2, 100.0 * 3 / 58, 1e-12);  // b2's centroid counts
  // Within A: a1-a4 2000, a2-a1 5000 (tie with a3: the lower id wins), a3-a2 5000.
  EXPECT_DOUBLE_EQ(*of(r, a1).nearest_seat_in_parent_m, 2000);
  EXPECT_EQ(*of(r, a1).nearest_in_parent, a4);
  EXPECT_DOUBLE_EQ(*of(r, a2).nearest_seat_in_parent_m, 5000);
  EXPECT_EQ(*of(r, a2).nearest_in_parent, a1);
  EXPECT_DOUBLE_EQ(*of(r, a3).nearest_seat_in_parent_m, 5000);
  EXPECT_DOUBLE_EQ(ga.nearest_seat_in_parent_m.min, 2000);
  EXPECT_DOUBLE_EQ(ga.nearest_seat_in_parent_m.median, 3500);
  EXPECT_DOUBLE_EQ(ga.nearest_seat_in_parent_m.max, 5000);
  // Across counties: b3 at (6, 3) km is 3 km from a3 and 3.16 km from a2.
  EXPECT_DOUBLE_EQ(*of(r, a3).nearest_seat_any_m, 3000);
  EXPECT_EQ(*of(r, a3).nearest_any, b3);
  EXPECT_NEAR(*of(r, a2).nearest_seat_any_m, std::sqrt(10e6), 1e-9);
  EXPECT_EQ(*of(r, b3).nearest_any, a3);
  EXPECT_NEAR(*of(r, b3).nearest_seat_in_parent_m, std::hypot(14000, 3000), 1e-9);
  EXPECT_DOUBLE_EQ(*of(r, b2).nearest_seat_in_parent_m, 8000);
  EXPECT_DOUBLE_EQ(ga.nearest_seat_any_m.median, 2500);
}

TEST_F(DiagnosisFixture, IslandsNeedAGraphAndCountOnlySameLevelNeighbours) {
  const auto with = diagnose(table, &graph);
  EXPECT_TRUE(with.contiguity_checked);
  EXPECT_EQ(*with.parents[0].islands, 0u);
  EXPECT_EQ(*with.parents[1].islands, 1u);  // b3 touches only a county
  EXPECT_TRUE(*of(with, b3).island);
  EXPECT_FALSE(*of(with, a3).island);
  const auto without = diagnose(table, nullptr);
  EXPECT_FALSE(without.contiguity_checked);
  EXPECT_FALSE(without.parents[0].islands.has_value());
  EXPECT_FALSE(of(without, b3).island.has_value());
}

TEST_F(DiagnosisFixture, MultiPartUnitsAreCounted) {
  const auto r = diagnose(table, &graph);
  EXPECT_EQ(r.parents[0].multipart, 1u);
  EXPECT_TRUE(of(r, a1).multipart);
  EXPECT_EQ(r.overall.multipart, 1u);
}

TEST_F(DiagnosisFixture, FindingsNameTheDataGaps) {
  const auto r = diagnose(table, &graph);
  EXPECT_EQ(r.findings.count_kind("population_missing"), 1u);
  EXPECT_EQ(r.findings.count_kind("population_fallback"), 1u);
  EXPECT_EQ(r.findings.count_kind("area_missing"), 1u);
  EXPECT_EQ(r.findings.count_kind("seat_from_centroid"), 1u);
  EXPECT_EQ(r.findings.count_kind("crs_not_projected"), 0u);
  table.crs.is_projected = false;
  EXPECT_EQ(diagnose(table, &graph).findings.count_kind("crs_not_projected"), 1u);
}

TEST_F(DiagnosisFixture, CustomThresholdsAndRegisteredPopulation) {
  DiagnosisOptions options;
  options.min_population = 5000;
  options.min_area_km2 = 16;
  options.population = PopulationKind::registered;
  const auto r = diagnose(table, &graph, options);
  EXPECT_EQ(r.min_population, 5000);
  // Registered: a1 13000, a2 9000, a3 5000, a4 15000 -> none < 5000 in A; b2 3000 in B.
  EXPECT_EQ(r.parents[0].under_population, 0u);
  EXPECT_EQ(r.parents[1].under_population, 1u);
  EXPECT_DOUBLE_EQ(r.parents[0].population.median, 11000);
  EXPECT_EQ(r.parents[0].under_area, 2u);  // 15 and 5
  EXPECT_EQ(r.findings.count_kind("population_fallback"), 0u);
}

TEST_F(DiagnosisFixture, ParentNamesFromOptionsAndOtherLevels) {
  DiagnosisOptions options;
  options.level = UnitLevel::county;
  options.parent_names["510100000000"] = "某市";
  const auto r = diagnose(table, &graph, options);
  ASSERT_EQ(r.parents.size(), 1u);
  EXPECT_EQ(r.parents[0].parent_name, "某市");
  EXPECT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.min_population, 10000);  // non-village levels use the township defaults
  options.level = UnitLevel::village;
  const auto none = diagnose(table, &graph, options);
  EXPECT_TRUE(none.units.empty());
  EXPECT_EQ(none.min_population, 1000);
  EXPECT_EQ(none.min_area_km2, 2);
  EXPECT_EQ(none.findings.count_kind("no_units"), 1u);
}

TEST_F(DiagnosisFixture, BadOptionsAndMismatchedGraphAreUsageErrors) {
  DiagnosisOptions options;
  options.min_population = -1;
  EXPECT_THROW(diagnose(table, &graph, options), UsageError);
  options.min_population.reset();
  options.min_area_km2 = std::nan("");
  EXPECT_THROW(diagnose(table, &graph, options), UsageError);
  const auto small = graph::ContiguityGraph::from_edges(3, {});
  EXPECT_THROW(diagnose(table, &small), UsageError);
}

TEST(Diagnosis, NearestSeatsMatchBruteForce) {
  Rng rng(test::test_seed());
  model::UnitTable table;
  table.crs.is_projected = true;
  constexpr int k_parents = 7;
  for (int i = 0; i < 2000; ++i) {
    const int parent = static_cast<int>(rng.below(k_parents));
    char code[16];
    std::snprintf(code, sizeof code, "5101%02d%03d000", parent + 1, i % 999 + 1);
    if (table.find(code)) continue;
    char parent_code[16];
    std::snprintf(parent_code, sizeof parent_code, "5101%02d000000", parent + 1);
    // Parents overlap in space, as neighbouring counties' seats do near their border.
    table.add(unit(code, code, UnitType::township, parent_code, 1000, {}, 10,
                   model::Point{rng.uniform(0, 40000) + 8000.0 * parent, rng.uniform(0, 40000)}));
  }
  const auto r = diagnose(table, nullptr);
  for (const auto& d : r.units) {
    const auto& u = table[d.id];
    double in_parent = INFINITY, any = INFINITY;
    for (model::UnitId other = 0; other < table.size(); ++other) {
      if (other == d.id) continue;
      const double dist = model::distance(*u.seat, *table[other].seat);
      any = std::min(any, dist);
      if (table[other].parent_code == u.parent_code) in_parent = std::min(in_parent, dist);
    }
    ASSERT_DOUBLE_EQ(*d.nearest_seat_any_m, any) << u.code;
    ASSERT_DOUBLE_EQ(*d.nearest_seat_in_parent_m, in_parent) << u.code;
  }
}

}  // namespace
}  // namespace quhua::metrics
