#include "quhua/model/road_speeds.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::model {
namespace {

TEST(SpeedTable, KnowsOsmTagsAndChineseClasses) {
  const auto table = SpeedTable::defaults();
  EXPECT_EQ(table.speed_for("motorway"), 90);
  EXPECT_EQ(table.speed_for("Primary "), 65);
  EXPECT_EQ(table.speed_for("高速公路"), 100);
  EXPECT_EQ(table.speed_for("国道"), 80);
  EXPECT_EQ(table.speed_for("省道"), 60);
  EXPECT_EQ(table.speed_for("县道"), 40);
  EXPECT_EQ(table.speed_for("乡道"), 30);
  EXPECT_EQ(table.speed_for("村道"), 20);
  EXPECT_EQ(table.speed_for("footway"), std::nullopt);
}

TEST(SpeedTable, RouteNumbersNameTheirClass) {
  // GB/T 917-2017: G/S with 1, 2 or 4 digits are expressways, with 3 digits ordinary roads.
  EXPECT_EQ(chinese_road_class("G105"), "国道");
  EXPECT_EQ(chinese_road_class("G15"), "高速");
  EXPECT_EQ(chinese_road_class("G1501"), "高速");
  EXPECT_EQ(chinese_road_class("S224"), "省道");
  EXPECT_EQ(chinese_road_class("x012"), "县道");
  EXPECT_EQ(chinese_road_class("Y003"), "乡道");
  EXPECT_EQ(chinese_road_class("C101"), "村道");
  EXPECT_EQ(chinese_road_class("primary"), "");
  EXPECT_EQ(SpeedTable::defaults().speed_for("S224"), 60);
}

TEST(SpeedTable, UserSpeedsOverrideDefaults) {
  auto table = SpeedTable::defaults();
  table.set("县级公路", 35);  // a synonym of 县道
  table.set("forest_road", 12);
  EXPECT_EQ(table.speed_for("县道"), 35);
  EXPECT_EQ(table.speed_for("X101"), 35);
  EXPECT_EQ(table.speed_for("FOREST_ROAD"), 12);
  EXPECT_THROW(table.set("primary", 0), UsageError);
}

}  // namespace
}  // namespace quhua::model
