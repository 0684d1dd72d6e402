// Drawn fixtures: a grid of letters, one letter per unit, turned into polygons, so a test shows the map
// its assertions are about (after Valhalla's gurka and OSRM's node maps).
//
//     const auto layer = test::ascii_layer(R"(
//         AAB
//         ACB
//         DDB)");
//     // layer.id('C') is C's index in layer.units; every cell is a 1 km square.
#pragma once

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/model/geometry.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace quhua::test {

struct AsciiLayer {
  std::string letters;                     ///< unit i is drawn with letters[i]; ascending
  std::vector<model::MultiPolygon> units;  ///< parallel to letters
  /// The unit drawn with `letter`; throws std::invalid_argument when the map has none.
  graph::NodeId id(char letter) const;
};

/// Turns a map into units. Rows run from north (first) to south; leading and trailing blank lines and
/// the spaces around each row are ignored; '.' is a cell without a unit. Cell (row r, column c) is the
/// square [c, c + 1] x [rows - 1 - r, rows - r] times `cell_m`. Each letter becomes one MultiPolygon
/// with a polygon per 4-connected group of its cells (outer ring counter-clockwise, holes clockwise).
/// Vertices where a ring runs straight on are dropped, so a long side is one segment and the corners
/// of the units along it are T-junctions, as in real data.
AsciiLayer ascii_layer(std::string_view map, double cell_m = 1000);

/// An axis-aligned rectangle as a one-polygon unit, for fixtures finer than a map cell.
model::MultiPolygon rectangle(double min_x, double min_y, double max_x, double max_y);

}  // namespace quhua::test
