#include "quhua/algorithms/mcda/decision_matrix.hpp"

#include "quhua/model/unit.hpp"
#include "quhua/util/csv.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::mcda {
namespace {

TEST(DecisionMatrix, ReadsCodeNameAndEveryOtherColumnAsBenefitIndicator) {
  const auto table = util::parse_csv("code,name,POPU,URB\n510104,锦江区,902933,1.0\n510105,青羊区,\"955,954\",0.98\n");
  const DecisionMatrix m = decision_matrix_from_table(table, {}, "t.csv");
  ASSERT_EQ(m.rows(), 2u);
  ASSERT_EQ(m.cols(), 2u);
  EXPECT_EQ(m.names[1], "青羊区");
  EXPECT_DOUBLE_EQ(m.at(1, 0), 955954);
  EXPECT_EQ(m.indicators[0].direction, Direction::benefit);
  EXPECT_EQ(m.parents[0], "5101");  // derived from the county code: prefecture 5101
}

TEST(DecisionMatrix, DirectionsParentColumnAndChosenIndicators) {
  const auto table = util::parse_csv("code,parent,a,b,c\nt1,P,1,2,3\nt2,Q,4,5,6\n");
  TableColumns columns;
  columns.indicators = {"c", "a"};
  columns.directions = {{"a", Direction::cost}};
  const DecisionMatrix m = decision_matrix_from_table(table, columns, "t.csv");
  ASSERT_EQ(m.cols(), 2u);
  EXPECT_EQ(m.indicators[0].name, "c");
  EXPECT_EQ(m.indicators[1].direction, Direction::cost);
  EXPECT_EQ(m.parents[1], "Q");
  columns.directions = {{"b", Direction::cost}};  // b is not an indicator
  EXPECT_THROW(decision_matrix_from_table(table, columns, "t.csv"), UsageError);
}

TEST(DecisionMatrix, MissingValueNamesFileRowCodeAndColumn) {
  const auto table = util::parse_csv("code,POPU,URB\nA,1,2\nB,,3\nC,4,5\n");
  try {
    decision_matrix_from_table(table, {}, "ind.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().file, "ind.csv");
    EXPECT_EQ(e.context().field, "POPU");
    EXPECT_EQ(e.context().feature, "line 3 (B)");
    EXPECT_NE(std::string(e.what()).find("missing value"), std::string::npos);
  }
  const auto garbage = util::parse_csv("code,POPU\nA,1\nB,n/a\n");
  EXPECT_THROW(decision_matrix_from_table(garbage, {}, "ind.csv"), InputError);
}

TEST(DecisionMatrix, RefusesDuplicateCodesMissingColumnsAndSingleRow) {
  EXPECT_THROW(decision_matrix_from_table(util::parse_csv("code,x\nA,1\nA,2\n"), {}, "t"), InputError);
  EXPECT_THROW(decision_matrix_from_table(util::parse_csv("id,x\nA,1\nB,2\n"), {}, "t"), InputError);
  EXPECT_THROW(decision_matrix_from_table(util::parse_csv("code,x\nA,1\n"), {}, "t"), InputError);
  EXPECT_THROW(decision_matrix_from_table(util::parse_csv("code,name\nA,a\nB,b\n"), {}, "t"), InputError);
}

TEST(DecisionMatrix, FromUnitTableUsesPopulationAreaAndNamedIndicators) {
  model::UnitTable units;
  units.code_scheme = model::CodeScheme::free;
  model::Unit a;
  a.code = "a";
  a.resident_population = 100;
  a.area_km2 = 10;
  model::Unit b = a;
  b.code = "b";
  b.resident_population = 300;
  units.add(a);
  units.add(b);
  const auto gdp = units.add_indicator("gdp");
  units.set_indicator(gdp, 0, 5);
  units.set_indicator(gdp, 1, 7);
  const DecisionMatrix m = decision_matrix_from_units(units, {"resident_population", "gdp"});
  EXPECT_DOUBLE_EQ(m.at(1, 0), 300);
  EXPECT_DOUBLE_EQ(m.at(1, 1), 7);
  EXPECT_THROW(decision_matrix_from_units(units, {"nope"}), InputError);
  units[1].resident_population.reset();
  EXPECT_THROW(decision_matrix_from_units(units, {"resident_population"}), InputError);
}

TEST(Direction, ParsesSymbolsWordsAndChinese) {
  EXPECT_EQ(parse_direction("+"), Direction::benefit);
  EXPECT_EQ(parse_direction("-"), Direction::cost);
  EXPECT_EQ(parse_direction("负向"), Direction::cost);
  EXPECT_EQ(parse_direction("Benefit"), Direction::benefit);
  EXPECT_FALSE(parse_direction("up"));
}

}  // namespace
}  // namespace quhua::mcda
