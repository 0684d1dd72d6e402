#include "quhua/service/plan_input.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"
#include "support/test_support.hpp"

namespace quhua::service {

namespace {

struct Files {
  test::TempDir dir;
  std::string nodes, edges;
  Files(const std::string& node_text, const std::string& edge_text) {
    nodes = (dir / "nodes.csv").string();
    edges = (dir / "edges.csv").string();
    test::write_file(nodes, node_text);
    test::write_file(edges, edge_text);
  }
};

}  // namespace

TEST(ReadGraphProblem, ReadsNodesEdgesAndOptionalColumns) {
  Files files(
      "id,population,x_km,y_km,name,area_km2,parent,type,gdp\n"
      "a,100,0,0,甲镇,12.5,P1,镇,3.5\n"
      "b,200,1.5,0,乙乡,10,P1,乡,1\n"
      "c,300,3,0,丙乡,8,P2,民族乡,2\n",
      "a,b,border_km\na,b,2.5\nc,b,1\n");
  const auto problem = read_graph_problem(files.nodes, files.edges, {"gdp"});
  ASSERT_EQ(problem.size(), 3u);
  EXPECT_EQ(problem.names[0], "甲镇");
  EXPECT_DOUBLE_EQ(problem.x_m[1], 1500);
  EXPECT_DOUBLE_EQ(problem.area_km2[2], 8);
  EXPECT_TRUE(problem.is_town(0));
  EXPECT_EQ(problem.types[2], model::UnitType::ethnic_township);
  EXPECT_EQ(problem.parent_codes.size(), 2u);
  EXPECT_DOUBLE_EQ(problem.graph.shared_border(0, 1), 2500);
  EXPECT_TRUE(problem.graph.adjacent(1, 2));
  EXPECT_DOUBLE_EQ(problem.attribute(0, 0), 3.5);
}

TEST(ReadGraphProblem, NamesFileRowAndFieldOfBadInput) {
  {
    Files files("id,pop\na,1\n", "a,b\n");
    try {
      read_graph_problem(files.nodes, files.edges, {});
      FAIL();
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), ErrorCode::input_missing);
      EXPECT_EQ(e.context().field, "population");
      EXPECT_EQ(e.context().file, files.nodes);
    }
  }
  {
    Files files("id,population\na,1\nb,lots\n", "a,b\na,b\n");
    try {
      read_graph_problem(files.nodes, files.edges, {});
      FAIL();
    } catch (const InputError& e) {
      EXPECT_EQ(e.context().feature, "line 3");
      EXPECT_EQ(e.context().field, "population");
    }
  }
  {
    Files files("id,population\na,1\nb,2\n", "a,b\na,z\n");
    try {
      read_graph_problem(files.nodes, files.edges, {});
      FAIL();
    } catch (const InputError& e) {
      EXPECT_EQ(e.context().file, files.edges);
      EXPECT_NE(std::string(e.what()).find("'z'"), std::string::npos);
    }
  }
  {
    Files files("id,population\na,1\na,2\n", "a,b\n");
    EXPECT_THROW(read_graph_problem(files.nodes, files.edges, {}), InputError);
  }
  {
    Files files("id,population\na,1\nb,2\n", "a,b\na,b\n");
    EXPECT_THROW(read_graph_problem(files.nodes, files.edges, {"gdp"}), InputError);
  }
}

}  // namespace quhua::service
