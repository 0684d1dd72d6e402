#include "quhua/model/geometry.hpp"

#include <cmath>

namespace quhua::model {

BBox bbox_of(const MultiPolygon& shape) {
  BBox box;
  for (const auto& polygon : shape) {
    for (const auto& p : polygon.outer) box.expand(p);
  }
  return box;
}

std::size_t vertex_count(const MultiPolygon& shape) {
  std::size_t n = 0;
  for (const auto& polygon : shape) {
    n += polygon.outer.size();
    for (const auto& hole : polygon.holes) n += hole.size();
  }
  return n;
}

double distance(const Point& a, const Point& b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace quhua::model
