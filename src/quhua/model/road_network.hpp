// A road network as plain data: junction nodes with projected coordinates, and road pieces between
// them (a piece runs from one junction to the next along a road, with its shape, length, class,
// speed and the directions it may be driven). Built by graph/road_network_builder.hpp from imported
// lines; graph/road_router.hpp turns it into a RoadGraph and snaps points onto it.
#pragma once

#include "quhua/model/geometry.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace quhua::model {

/// The directions a piece may be driven, relative to its from -> to order.
enum class Direction : std::uint8_t { both, forward, backward };

struct RoadPiece {
  std::uint32_t from = 0;  ///< node at the start of the shape
  std::uint32_t to = 0;    ///< node at the end of the shape
  double length_m = 0;     ///< along the shape
  double speed_kmh = 0;
  std::uint16_t road_class = 0;  ///< index into RoadNetwork::classes
  Direction direction = Direction::both;
  std::uint32_t shape_begin = 0;  ///< shape points [shape_begin, shape_end) in RoadNetwork::shape_points
  std::uint32_t shape_end = 0;
  std::uint32_t source_line = 0;  ///< index of the imported line it came from (feature or OSM way)

  double travel_time_s() const { return speed_kmh > 0 ? length_m / (speed_kmh / 3.6) : 0; }
  bool drivable_forward() const { return direction != Direction::backward; }
  bool drivable_backward() const { return direction != Direction::forward; }
};

struct RoadNetwork {
  std::vector<Point> nodes;  ///< junctions and dead ends, projected metres
  std::vector<RoadPiece> pieces;
  std::vector<Point> shape_points;      ///< every piece's shape, from its from-node to its to-node
  std::vector<std::string> classes;     ///< road class names as imported ("primary", "县道", ...)
  std::vector<std::string> source_ids;  ///< per imported line: feature id or "way/123"
  std::string crs;                      ///< the projected CRS of the coordinates (WKT, PROJ string or EPSG code)

  std::span<const Point> shape(const RoadPiece& piece) const {
    return {shape_points.data() + piece.shape_begin, shape_points.data() + piece.shape_end};
  }
  /// Total length of the pieces, metres.
  double total_length_m() const;
};

}  // namespace quhua::model
