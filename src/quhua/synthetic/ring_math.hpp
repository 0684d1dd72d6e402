// Small exact computations on plain rings used all over the generator: signed area and point-in-ring.
// (geometry/ has GEOS-backed versions; these avoid a GEOS round trip in the generator's hot loops.)
#pragma once

#include "quhua/model/geometry.hpp"

namespace quhua::synthetic::detail {

/// Shoelace area, positive for counter-clockwise rings. The ring is closed (first == last).
inline double signed_area(const model::Ring& ring) {
  double twice = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) twice += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
  return twice / 2;
}

/// Even-odd ray casting; points on the boundary may fall either way.
inline bool point_in_ring(const model::Ring& ring, const model::Point& p) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const auto& a = ring[i];
    const auto& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

}  // namespace quhua::synthetic::detail
