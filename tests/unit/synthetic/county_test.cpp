// The default synthetic county has the counts, totals, skew, codes and names docs/synthetic-county.md
// promises, and the same seed always gives the same county.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "default_county.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::synthetic {
namespace {

using model::UnitType;
using test::default_county;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::size_t count_type(const model::UnitTable& table, UnitType type) {
  return static_cast<std::size_t>(std::count_if(table.begin(), table.end(), [&](const model::Unit& u) { return u.type == type; }));
}

TEST(SyntheticCounty, DefaultCountsByType) {
  const auto& c = default_county();
  EXPECT_EQ(c.townships.size(), 30u);
  EXPECT_EQ(count_type(c.townships, UnitType::subdistrict), 3u);
  EXPECT_EQ(count_type(c.townships, UnitType::town), 15u);
  EXPECT_EQ(count_type(c.townships, UnitType::township), 10u);
  EXPECT_EQ(count_type(c.townships, UnitType::ethnic_township), 2u);
  EXPECT_EQ(c.villages.size(), 400u);
  EXPECT_GE(count_type(c.villages, UnitType::community), 30u);  // the county seat's neighbourhoods and town streets
  EXPECT_EQ(count_type(c.villages, UnitType::community) + count_type(c.villages, UnitType::village), 400u);
}

TEST(SyntheticCounty, CountySeatTownHoldsTheCountySeat) {
  const auto& c = default_county();
  const auto seat_town = c.townships.find(c.options.county_code + "101000");
  ASSERT_TRUE(seat_town);
  EXPECT_EQ(c.townships[*seat_town].name, "城关镇");
  EXPECT_EQ(*c.townships[*seat_town].seat, *c.county.seat);
  // The subdistricts lie around it, within a few kilometres.
  for (const auto& t : c.townships) {
    if (t.type == UnitType::subdistrict) {
      EXPECT_LT(model::distance(*t.seat, *c.county.seat), 4000) << t.name;
    }
  }
}

TEST(SyntheticCounty, TotalsAreAsConfigured) {
  const auto& c = default_county();
  EXPECT_NEAR(*c.county.resident_population, 400000, 400);  // rounding of 400 villages
  EXPECT_NEAR(*c.county.area_km2, 2000, 1e-5);
  double resident = 0, registered = 0, area = 0;
  for (const auto& t : c.townships) {
    resident += *t.resident_population;
    registered += *t.registered_population;
    area += *t.area_km2;
  }
  EXPECT_DOUBLE_EQ(resident, *c.county.resident_population);
  EXPECT_DOUBLE_EQ(registered, *c.county.registered_population);
  EXPECT_NEAR(area, 2000, 1e-5);
  // Townships are the sums of their villages.
  for (const auto& t : c.townships) {
    double sum = 0;
    for (const auto& v : c.villages) {
      if (v.parent_code == t.code) sum += *v.resident_population;
    }
    EXPECT_DOUBLE_EQ(sum, *t.resident_population) << t.name;
  }
}

TEST(SyntheticCounty, PopulationsAreSkewedManySmallFewBig) {
  const auto& c = default_county();
  std::vector<double> pop, area;
  for (const auto& t : c.townships) {
    pop.push_back(*t.resident_population);
    area.push_back(*t.area_km2);
  }
  const double mean = 400000.0 / 30;
  double squares = 0;
  for (const double p : pop) squares += (p - mean) * (p - mean);
  EXPECT_GT(std::sqrt(squares / 30) / mean, 0.5);  // CV of township population
  EXPECT_LT(median(pop), mean);                      // right-skewed
  EXPECT_GT(*std::max_element(pop.begin(), pop.end()), 3 * median(pop));  // a few big towns
  EXPECT_GE(std::count_if(pop.begin(), pop.end(), [](double p) { return p < 10000; }), 10);
  EXPECT_GE(std::count_if(area.begin(), area.end(), [](double a) { return a < 20; }), 4);
  EXPECT_GT(*std::max_element(area.begin(), area.end()), 150);  // mountain townships are large
  for (const auto& v : c.villages) {
    if (v.type != UnitType::village) continue;
    EXPECT_GE(*v.resident_population, 300) << v.name;
    EXPECT_LE(*v.resident_population, 4000) << v.name;
  }
}

TEST(SyntheticCounty, CountrysideHasMoreRegisteredThanResidentsAndTheSeatFewer) {
  const auto& c = default_county();
  for (const auto& t : c.townships) {
    if (t.type == UnitType::township || t.type == UnitType::ethnic_township) {
      EXPECT_GT(*t.registered_population, *t.resident_population) << t.name;  // out-migration
    }
    if (t.name == "城关镇") {
      EXPECT_LT(*t.registered_population, *t.resident_population);
    }
  }
  EXPECT_GT(*c.county.registered_population, *c.county.resident_population);
}

TEST(SyntheticCounty, CodesFollowTheNbsScheme) {
  const auto& c = default_county();
  EXPECT_EQ(c.county.code, "519921000000");
  std::set<std::string> codes;
  for (const auto& t : c.townships) {
    ASSERT_EQ(t.code.size(), 12u);
    EXPECT_TRUE(util::is_digits(t.code));
    EXPECT_EQ(model::level_of_code(t.code), model::UnitLevel::township);
    EXPECT_EQ(t.parent_code, c.county.code);
    EXPECT_EQ(model::parent_of_code(t.code), c.county.code);
    // Digits 7-9: 001-099 街道, 100-199 镇, 200-399 乡 (民族乡 included).
    const auto by_code = model::township_type_from_code(t.code);
    const auto expected = t.type == UnitType::ethnic_township ? UnitType::township : t.type;
    EXPECT_EQ(by_code, expected) << t.code << " " << t.name;
    EXPECT_TRUE(codes.insert(t.code).second);
  }
  for (const auto& v : c.villages) {
    EXPECT_EQ(model::level_of_code(v.code), model::UnitLevel::village);
    EXPECT_EQ(model::parent_of_code(v.code), v.parent_code);
    ASSERT_TRUE(c.townships.find(v.parent_code)) << v.code;
    const int n = std::stoi(v.code.substr(9));
    if (v.type == UnitType::community) {
      EXPECT_TRUE(n >= 1 && n <= 199) << v.code;  // 居委会
    } else {
      EXPECT_TRUE(n >= 200 && n <= 399) << v.code;  // 村委会
    }
    EXPECT_TRUE(codes.insert(v.code).second);
  }
}

TEST(SyntheticCounty, NamesAreUniqueAndCarryTheirType) {
  const auto& c = default_county();
  std::set<std::string> names;
  for (const auto& t : c.townships) {
    EXPECT_TRUE(names.insert(t.name).second) << t.name;
    EXPECT_TRUE(util::has_cjk(t.name));
    EXPECT_EQ(model::type_from_name(t.name), t.type) << t.name;
  }
  for (const auto& v : c.villages) {
    EXPECT_TRUE(names.insert(v.name).second) << v.name;
    EXPECT_TRUE(ends_with(v.name, v.type == UnitType::community ? "社区" : "村")) << v.name;
  }
  // A town's seat is the community named after it (石桥镇 -> 石桥社区).
  for (const auto& t : c.townships) {
    if (t.type != UnitType::town || t.name == "城关镇") continue;
    const auto seat = std::find_if(c.villages.begin(), c.villages.end(), [&](const model::Unit& v) { return v.seat == t.seat; });
    ASSERT_NE(seat, c.villages.end());
    EXPECT_EQ(seat->name, t.name.substr(0, t.name.size() - std::string("镇").size()) + "社区");
  }
}

TEST(SyntheticCounty, IndicatorsFollowPopulationAndType) {
  const auto& c = default_county();
  const auto gdp = c.townships.indicator_index(k_gdp_indicator);
  const auto fiscal = c.townships.indicator_index(k_fiscal_indicator);
  const auto built = c.townships.indicator_index(k_built_up_indicator);
  ASSERT_TRUE(gdp && fiscal && built);
  std::vector<double> pop, output;
  double per_capita_urban = 0, per_capita_rural = 0;
  int urban = 0, rural = 0;
  for (model::UnitId id = 0; id < c.townships.size(); ++id) {
    const auto& t = c.townships[id];
    const double g = c.townships.indicator(*gdp, id);
    EXPECT_GT(g, 0);
    EXPECT_GT(c.townships.indicator(*fiscal, id), 0);
    EXPECT_LT(c.townships.indicator(*fiscal, id), g);
    EXPECT_GT(c.townships.indicator(*built, id), 0);
    pop.push_back(*t.resident_population);
    output.push_back(g);
    const double per_capita = g * 1e4 / *t.resident_population;
    if (t.type == UnitType::subdistrict) {
      per_capita_urban += per_capita;
      ++urban;
    } else if (t.type == UnitType::township || t.type == UnitType::ethnic_township) {
      per_capita_rural += per_capita;
      ++rural;
    }
  }
  EXPECT_GT(per_capita_urban / urban, 1.5 * per_capita_rural / rural);
  // Pearson correlation of GDP with population.
  const double mp = std::accumulate(pop.begin(), pop.end(), 0.0) / 30, mg = std::accumulate(output.begin(), output.end(), 0.0) / 30;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < pop.size(); ++i) {
    sxy += (pop[i] - mp) * (output[i] - mg);
    sxx += (pop[i] - mp) * (pop[i] - mp);
    syy += (output[i] - mg) * (output[i] - mg);
  }
  EXPECT_GT(sxy / std::sqrt(sxx * syy), 0.8);
}

TEST(SyntheticCounty, RecordsItsCrs) {
  const auto& c = default_county();
  EXPECT_TRUE(c.townships.crs.is_projected);
  EXPECT_NE(c.townships.crs.working.find("+proj=tmerc"), std::string::npos);
  EXPECT_EQ(c.villages.crs.working, c.townships.crs.working);
  EXPECT_EQ(c.townships.code_scheme, model::CodeScheme::nbs);
}

TEST(SyntheticCounty, SameSeedSameCountyOtherSeedOtherCounty) {
  const auto& a = default_county();
  const auto b = generate_county();
  ASSERT_EQ(a.villages.size(), b.villages.size());
  for (model::UnitId id = 0; id < a.villages.size(); ++id) {
    const auto& x = a.villages[id];
    const auto& y = b.villages[id];
    ASSERT_EQ(x.code, y.code);
    ASSERT_EQ(x.name, y.name);
    ASSERT_EQ(x.resident_population, y.resident_population);
    ASSERT_EQ(x.seat, y.seat);
    ASSERT_EQ(x.geometry.front().outer, y.geometry.front().outer);
  }
  ASSERT_EQ(a.roads.roads.size(), b.roads.roads.size());
  for (std::size_t i = 0; i < a.roads.roads.size(); ++i) ASSERT_EQ(a.roads.roads[i].line, b.roads.roads[i].line);
  ASSERT_EQ(a.facilities.size(), b.facilities.size());
  for (std::size_t i = 0; i < a.facilities.size(); ++i) {
    ASSERT_EQ(a.facilities[i].name, b.facilities[i].name);
    ASSERT_EQ(a.facilities[i].location, b.facilities[i].location);
    ASSERT_EQ(a.facilities[i].in_use, b.facilities[i].in_use);
  }
  ASSERT_EQ(a.township_graph.edges().size(), b.township_graph.edges().size());
  const auto& other = test::county_with_seed(7);
  EXPECT_NE(other.villages[0].seat, a.villages[0].seat);
  EXPECT_NE(other.county.registered_population, a.county.registered_population);
}

}  // namespace
}  // namespace quhua::synthetic
