#include "quhua/algorithms/regionalize/problem.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "quhua/algorithms/regionalize/options.hpp"
#include "quhua/util/error.hpp"
#include "support/county_map.hpp"

namespace quhua::algorithms::regionalize {

namespace {

model::Unit square_unit(const std::string& code, double x0, double y0, double population, model::UnitType type) {
  model::Unit unit;
  unit.code = code;
  unit.name = code + "镇";
  unit.type = type;
  unit.parent_code = "510101";
  unit.resident_population = population;
  unit.area_km2 = 1.0;
  unit.geometry = {model::Polygon{{{x0, y0}, {x0 + 1000, y0}, {x0 + 1000, y0 + 1000}, {x0, y0 + 1000}, {x0, y0}}, {}}};
  unit.centroid = model::Point{x0 + 500, y0 + 500};
  return unit;
}

}  // namespace

TEST(PlanningProblem, CountyMapGivesAreasBordersAndAnchors) {
  const auto problem = test::county_map(R"(
    A A B
    A C B
  )", {{'A', {5000}}, {'B', {12000, model::UnitType::town}}, {'C', {800}}});
  ASSERT_EQ(problem.size(), 3u);
  EXPECT_EQ(problem.codes[0], "A");
  EXPECT_DOUBLE_EQ(problem.area_km2[0], 3.0);
  EXPECT_DOUBLE_EQ(problem.perimeter_m[0], 8000.0);
  EXPECT_TRUE(problem.graph.adjacent(0, 1));
  EXPECT_TRUE(problem.graph.adjacent(0, 2));
  EXPECT_DOUBLE_EQ(problem.graph.shared_border(0, 2), 2000.0);  // C touches A on its west and north sides
  EXPECT_TRUE(problem.is_town(1));
  EXPECT_FALSE(problem.is_town(2));
  EXPECT_NO_THROW(problem.validate());
}

TEST(PlanningProblem, ValidateNamesTheUnitAndField) {
  auto problem = test::county_map("A B", {{'A', {10}}, {'B', {20}}});
  problem.population[1] = -5;
  try {
    problem.validate();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, "B");
    EXPECT_EQ(e.context().field, "population");
  }
  problem.population[1] = 20;
  problem.codes[1] = "A";
  EXPECT_THROW(problem.validate(), InputError);
}

TEST(PlanningProblem, FromUnitsCopiesPopulationTypesParentsAndPerimeters) {
  model::UnitTable table;
  table.add(square_unit("510101001", 0, 0, 9000, model::UnitType::town));
  table.add(square_unit("510101201", 1000, 0, 3000, model::UnitType::township));
  const auto gdp = table.add_indicator("gdp");
  table.set_indicator(gdp, 0, 1.5);
  table.set_indicator(gdp, 1, 2.5);
  auto graph = graph::ContiguityGraph::from_edges(2, {{0, 1, 1000.0}});
  const auto problem = problem_from_units(table, std::move(graph), {"gdp", "population"});
  EXPECT_EQ(problem.codes[1], "510101201");
  EXPECT_DOUBLE_EQ(problem.population[0], 9000);
  EXPECT_TRUE(problem.is_town(0));
  EXPECT_DOUBLE_EQ(problem.perimeter_m[0], 4000);
  EXPECT_DOUBLE_EQ(problem.x_m[1], 1500);
  ASSERT_EQ(problem.parent_codes.size(), 1u);
  EXPECT_EQ(problem.parent[0], problem.parent[1]);
  EXPECT_DOUBLE_EQ(problem.attribute(1, 0), 2.5);
  EXPECT_DOUBLE_EQ(problem.attribute(1, 1), 3000);
  EXPECT_TRUE(problem.has_perimeters());
  EXPECT_THROW(problem_from_units(table, graph::ContiguityGraph::from_edges(2, {}), {"gnp"}), UsageError);
}

TEST(UnitLists, ResolveCodesAndTypes) {
  auto problem = test::county_map("A B C", {{'A', {10, model::UnitType::ethnic_township}}, {'B', {20}}, {'C', {30}}});
  UnitLists lists;
  lists.lock_types = {"民族乡"};
  lists.lock_codes = {"C"};
  lists.forbidden_pairs = {{"A", "B"}};
  lists.must_merge = {{"B", "C"}};
  EXPECT_EQ(apply_unit_lists(problem, lists), 1u);
  EXPECT_TRUE(problem.locked[0]);
  EXPECT_FALSE(problem.locked[1]);
  EXPECT_TRUE(problem.locked[2]);
  ASSERT_EQ(problem.forbidden_pairs.size(), 1u);
  ASSERT_EQ(problem.must_merge_groups.size(), 1u);
}

TEST(UnitLists, UnknownCodeNamesTheOption) {
  auto problem = test::county_map("A B", {});
  UnitLists lists;
  lists.forbidden_pairs = {{"A", "Z"}};
  try {
    apply_unit_lists(problem, lists);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--forbid"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("'Z'"), std::string::npos);
  }
  lists.forbidden_pairs = {{"A", "A"}};
  EXPECT_THROW(apply_unit_lists(problem, lists), UsageError);
}

}  // namespace quhua::algorithms::regionalize
