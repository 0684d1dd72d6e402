// CountyOptions checks, scaled counties, place names and the SVG quick look.
#include <gtest/gtest.h>

#include "default_county.hpp"
#include "quhua/synthetic/place_names.hpp"
#include "quhua/synthetic/svg_preview.hpp"
#include "quhua/util/error.hpp"

namespace quhua::synthetic {
namespace {

TEST(CountyOptions, DefaultsAreValidAndBadValuesAreUsageErrors) {
  EXPECT_NO_THROW(CountyOptions{}.validate());
  const auto bad = [](auto change) {
    CountyOptions o;
    change(o);
    return o;
  };
  EXPECT_THROW(bad([](CountyOptions& o) { o.township_count = 1; }).validate(), UsageError);
  EXPECT_THROW(bad([](CountyOptions& o) { o.town_count = 0; }).validate(), UsageError);
  EXPECT_THROW(bad([](CountyOptions& o) { o.subdistrict_count = 20; }).validate(), UsageError);
  EXPECT_THROW(bad([](CountyOptions& o) { o.village_count = 100; }).validate(), UsageError);
  EXPECT_THROW(bad([](CountyOptions& o) { o.area_km2 = 10; }).validate(), UsageError);
  EXPECT_THROW(bad([](CountyOptions& o) { o.population = 1000; }).validate(), UsageError);
  EXPECT_THROW(bad([](CountyOptions& o) { o.county_code = "5199"; }).validate(), UsageError);
  EXPECT_THROW(bad([](CountyOptions& o) { o.county_code = "519900"; }).validate(), UsageError);
  EXPECT_THROW(generate_county(bad([](CountyOptions& o) { o.township_count = 1; })), UsageError);
}

TEST(CountyOptions, ScaledKeepsTheDefaultProportions) {
  const auto o = CountyOptions::scaled(30, 400);
  EXPECT_EQ(o.subdistrict_count, 3);
  EXPECT_EQ(o.town_count, 15);
  EXPECT_EQ(o.ethnic_township_count, 2);
  EXPECT_DOUBLE_EQ(o.area_km2, 2000);
  EXPECT_DOUBLE_EQ(o.population, 400000);
  const auto big = CountyOptions::scaled(300, 4000);
  EXPECT_EQ(big.town_count, 99);  // the NBS code range for towns
  EXPECT_NO_THROW(big.validate());
}

TEST(CountyOptions, ASmallCountyHasTheCountsAskedFor) {
  auto options = CountyOptions::scaled(8, 40);
  options.seed = 3;
  const auto c = generate_county(options);
  EXPECT_EQ(c.townships.size(), 8u);
  EXPECT_EQ(c.villages.size(), 40u);
  EXPECT_NEAR(*c.county.area_km2, 200, 1e-6);
  EXPECT_NEAR(*c.county.resident_population, 40000, 100);
}

TEST(PlaceNames, ChineseNumerals) {
  EXPECT_EQ(detail::chinese_number(1), "一");
  EXPECT_EQ(detail::chinese_number(10), "十");
  EXPECT_EQ(detail::chinese_number(12), "十二");
  EXPECT_EQ(detail::chinese_number(20), "二十");
  EXPECT_EQ(detail::chinese_number(99), "九十九");
  EXPECT_EQ(detail::chinese_number(100), "100");
}

TEST(PlaceNames, ThousandsOfVillageNamesStayUnique) {
  detail::NameBook book(Rng(5));
  std::set<std::string> names;
  for (int i = 0; i < 5000; ++i) EXPECT_TRUE(names.insert(book.village_name(static_cast<detail::Landform>(i % 3))).second);
  for (int i = 0; i < 200; ++i) EXPECT_TRUE(names.insert(book.township_name("乡") + "乡").second);
}

TEST(PlaceNames, EthnicTownshipNamesAreRecognisedAsEthnic) {
  EXPECT_EQ(model::type_from_name("则拉彝族乡"), model::UnitType::ethnic_township);
  EXPECT_EQ(model::type_from_name("扎西藏族乡"), model::UnitType::ethnic_township);
  EXPECT_EQ(model::type_from_name("某某民族乡"), model::UnitType::ethnic_township);
  EXPECT_EQ(model::type_from_name("石桥乡"), model::UnitType::township);
}

TEST(SvgPreview, DrawsEveryTownshipAndALegend) {
  const auto& c = test::default_county();
  const std::string svg = render_svg(c);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  for (const auto& t : c.townships) EXPECT_NE(svg.find(">" + t.name + "</text>"), std::string::npos) << t.name;
  EXPECT_NE(svg.find("国道"), std::string::npos);
  EXPECT_NE(svg.find("10 km"), std::string::npos);
}

}  // namespace
}  // namespace quhua::synthetic
