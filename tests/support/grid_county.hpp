// GridCounty: a test county drawn as ASCII art, one letter per township, each character a square
// cell. The reader sees the map an assertion is about:
//
//     auto county = GridCounty({"AAB",
//                               "ACB"}, {{'A', 3000}, {'B', 12000}, {'C', 800}});
//
// Units are named "<letter>镇" with code = the letter, units ordered by letter (as ascii_layer orders
// them), seat at the centre of their first cell in reading order, geometry from test::ascii_layer,
// the rook graph from geometry::build_contiguity, perimeters.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/model/plan.hpp"
#include "quhua/model/unit.hpp"

namespace quhua::test {

class GridCounty {
 public:
  GridCounty(const std::vector<std::string>& rows, const std::map<char, double>& population, double cell_m = 5000);

  model::UnitTable units;
  graph::ContiguityGraph graph;       ///< rook, shared border in metres
  std::vector<double> perimeter_m;    ///< per unit

  model::UnitId id(char letter) const;
  /// A plan from groups of letters; the first letter of each group is its seat. Region ids R1, R2 ...
  model::Plan plan(const std::vector<std::string>& groups) const;
};

}  // namespace quhua::test
