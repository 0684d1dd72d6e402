#include "quhua/algorithms/registry/division_names.hpp"

#include <gtest/gtest.h>

namespace quhua::registry {

using model::UnitLevel;

TEST(DivisionNames, FormKeyDropsOfficeSuffixAnnotationsAndCountyPrefix) {
  EXPECT_EQ(name_form_key("东华门街道办事处"), "东华门");
  EXPECT_EQ(name_form_key("东华门街道"), "东华门");
  EXPECT_EQ(name_form_key("黄村地区办事处"), "黄村地区");
  EXPECT_EQ(name_form_key("沫江办事处"), "沫江");
  EXPECT_EQ(name_form_key("漳江街道办"), "漳江");
  EXPECT_EQ(name_form_key("街道"), "街道");
  EXPECT_EQ(name_form_key("涂埠镇（赣江新区永修组团）"), "涂埠镇");
  EXPECT_EQ(name_form_key("双营子回族乡（梅花鹿产业经济开发区）（省级）"), "双营子回族乡");
  EXPECT_EQ(name_form_key("红角洲管理处(红谷滩新区)"), "红角洲管理处");
  EXPECT_EQ(name_form_key("四子王旗库伦图镇", "四子王旗"), "库伦图镇");
  EXPECT_EQ(name_form_key("四子王旗", "四子王旗"), "四子王旗");  // nothing left: kept
  EXPECT_EQ(name_form_key("（特殊）"), "（特殊）");
}

TEST(DivisionNames, StemDropsTypeSuffixAndEthnicNames) {
  EXPECT_EQ(name_stem("城关镇", UnitLevel::township), "城关");
  EXPECT_EQ(name_stem("小伊乡", UnitLevel::township), "小伊");
  EXPECT_EQ(name_stem("于家务回族乡", UnitLevel::township), "于家务");
  EXPECT_EQ(name_stem("和平土家族侗族乡", UnitLevel::township), "和平");
  EXPECT_EQ(name_stem("巴彦鄂温克民族乡", UnitLevel::township), "巴彦鄂温克");
  EXPECT_EQ(name_stem("东华门街道办事处", UnitLevel::township), "东华门");
  EXPECT_EQ(name_stem("镇", UnitLevel::township), "镇");
  EXPECT_EQ(name_stem("蓬莱市", UnitLevel::county), "蓬莱");
  EXPECT_EQ(name_stem("峨边彝族自治县", UnitLevel::county), "峨边");
  EXPECT_EQ(name_stem("四川省", UnitLevel::province), "四川");
}

TEST(DivisionNames, SharedCharacters) {
  EXPECT_TRUE(names_share_a_character("锡林路", "锡林北路"));
  EXPECT_FALSE(names_share_a_character("日吾其", "秋窝"));
}

}  // namespace quhua::registry
