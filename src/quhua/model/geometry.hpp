// Plain geometry values (no GEOS, no PROJ): points, rings, polygons in a projected metric CRS.
// geometry/ converts between these and GEOS handles; everything above geometry/ sees only these.
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

namespace quhua::model {

struct Point {
  double x = 0;  ///< easting in metres (projected CRS) or longitude in degrees (source CRS)
  double y = 0;  ///< northing in metres or latitude in degrees
  friend bool operator==(const Point&, const Point&) = default;
};

/// A closed ring: first point equals last point.
using Ring = std::vector<Point>;

struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
};

/// Zero or more polygons; one administrative unit may have several parts (exclaves, islands).
using MultiPolygon = std::vector<Polygon>;

struct BBox {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  bool empty() const { return min_x > max_x; }
  void expand(const Point& p) {
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
  }
  void expand(const BBox& b) {
    if (b.empty()) return;
    min_x = std::min(min_x, b.min_x);
    min_y = std::min(min_y, b.min_y);
    max_x = std::max(max_x, b.max_x);
    max_y = std::max(max_y, b.max_y);
  }
  BBox grown(double margin) const { return {min_x - margin, min_y - margin, max_x + margin, max_y + margin}; }
  bool intersects(const BBox& b) const {
    return !(b.min_x > max_x || b.max_x < min_x || b.min_y > max_y || b.max_y < min_y);
  }
  double width() const { return max_x - min_x; }
  double height() const { return max_y - min_y; }
};

BBox bbox_of(const MultiPolygon& shape);
std::size_t vertex_count(const MultiPolygon& shape);
/// Euclidean distance in the units of the coordinates.
double distance(const Point& a, const Point& b);

}  // namespace quhua::model
