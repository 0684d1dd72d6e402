#include "quhua/model/division_code.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"

namespace quhua::model {

TEST(DivisionCode, PadsShortCodesToTwelveDigits) {
  EXPECT_EQ(pad_code("51"), "510000000000");
  EXPECT_EQ(pad_code("5101"), "510100000000");
  EXPECT_EQ(pad_code("510104"), "510104000000");
  EXPECT_EQ(pad_code("510104001"), "510104001000");
  EXPECT_EQ(pad_code(" 510104001002 "), "510104001002");
}

TEST(DivisionCode, RejectsWrongLengthsAndLetters) {
  EXPECT_THROW(pad_code("5101041"), InputError);
  EXPECT_THROW(pad_code("51010A"), InputError);
  EXPECT_THROW(pad_code(""), InputError);
  try {
    pad_code("12345");
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_value);
  }
}

TEST(DivisionCode, LevelAndParentFollowTheCode) {
  EXPECT_EQ(level_of_code("510104001002"), UnitLevel::village);
  EXPECT_EQ(level_of_code("510104001000"), UnitLevel::township);
  EXPECT_EQ(level_of_code("510104000000"), UnitLevel::county);
  EXPECT_EQ(level_of_code("510100000000"), UnitLevel::prefecture);
  EXPECT_EQ(level_of_code("510000000000"), UnitLevel::province);
  EXPECT_EQ(level_of_code("000000000000"), UnitLevel::unknown);
  EXPECT_EQ(parent_of_code("510104001002"), "510104001000");
  EXPECT_EQ(parent_of_code("510104001000"), "510104000000");
  EXPECT_EQ(parent_of_code("510104000000"), "510100000000");
  EXPECT_EQ(parent_of_code("510100000000"), "510000000000");
  EXPECT_EQ(parent_of_code("510000000000"), "");
  EXPECT_EQ(short_code("510104001000", UnitLevel::township), "510104001");
  EXPECT_TRUE(code_is_within("510104001002", "510104000000"));
  EXPECT_FALSE(code_is_within("510105001002", "510104000000"));
}

TEST(DivisionCode, TypesFromLabelsNamesAndCodes) {
  EXPECT_EQ(parse_type("民族乡"), UnitType::ethnic_township);
  EXPECT_EQ(parse_type("街道办事处"), UnitType::subdistrict);
  EXPECT_EQ(parse_type("Town"), UnitType::town);
  EXPECT_FALSE(parse_type("moon base"));
  EXPECT_EQ(type_from_name("马边彝族民族乡"), UnitType::ethnic_township);
  EXPECT_EQ(type_from_name("城关镇"), UnitType::town);
  EXPECT_EQ(type_from_name("新华街道"), UnitType::subdistrict);
  EXPECT_EQ(type_from_name("石桥乡"), UnitType::township);
  EXPECT_EQ(type_from_name("红星村"), UnitType::village);
  EXPECT_EQ(township_type_from_code("510104001000"), UnitType::subdistrict);
  EXPECT_EQ(township_type_from_code("510104101000"), UnitType::town);
  EXPECT_EQ(township_type_from_code("510104201000"), UnitType::township);
  EXPECT_EQ(township_type_from_code("510104400000"), UnitType::township_zone);
  EXPECT_EQ(type_name_zh(UnitType::town), "镇");
  EXPECT_EQ(level_of_type(UnitType::community), UnitLevel::village);
}

}  // namespace quhua::model
