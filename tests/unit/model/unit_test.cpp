#include "quhua/model/unit.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "quhua/util/error.hpp"

namespace quhua::model {

TEST(UnitTable, FindsByCodeAndRefusesDuplicates) {
  UnitTable table;
  Unit a;
  a.code = "510104001000";
  a.name = "甲镇";
  a.source_feature = "1";
  table.add(a);
  Unit b = a;
  b.name = "乙镇";
  b.source_feature = "7";
  try {
    table.add(b);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_duplicate);
    EXPECT_NE(std::string(e.what()).find("甲镇"), std::string::npos);
    EXPECT_EQ(e.context().feature, "7");
  }
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(table.find("510104001000"), 0u);
  EXPECT_FALSE(table.find("x"));
  EXPECT_THROW(table.at("x"), InputError);
}

TEST(UnitTable, IndicatorsArePerUnitColumnsWithNanForMissing) {
  UnitTable table;
  Unit u;
  u.code = "a";
  table.add(u);
  const auto gdp = table.add_indicator("gdp");
  table.set_indicator(gdp, 0, 12.5);
  u.code = "b";
  table.add(u);
  EXPECT_EQ(table.indicator(gdp, 0), 12.5);
  EXPECT_TRUE(std::isnan(table.indicator(gdp, 1)));
  EXPECT_EQ(table.add_indicator("gdp"), gdp);
  EXPECT_EQ(table.indicator_index("gdp"), gdp);
}

TEST(Unit, PopulationFallsBackToRegistered) {
  Unit u;
  EXPECT_EQ(u.population(), 0.0);
  u.registered_population = 100;
  EXPECT_EQ(u.population(), 100.0);
  u.resident_population = 80;
  EXPECT_EQ(u.population(), 80.0);
}

}  // namespace quhua::model
