#include "quhua/geometry/unit_shape.hpp"

#include <utility>

#include "quhua/geometry/geos_handle.hpp"
#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/util/error.hpp"

namespace quhua::geometry {

using detail::checked;
using detail::geos;
using detail::GeometryPtr;

namespace {

/// Closes open rings and drops rings with fewer than 3 distinct points (GEOS refuses them outright:
/// a linear ring needs 4 points with the first repeated). Returns true when anything was dropped.
bool drop_degenerate_rings(model::MultiPolygon& shape) {
  auto fix = [](model::Ring& ring) {
    if (!ring.empty() && !(ring.front() == ring.back())) ring.push_back(ring.front());
    return ring.size() >= 4;
  };
  bool dropped = false;
  model::MultiPolygon kept;
  kept.reserve(shape.size());
  for (auto& polygon : shape) {
    if (!fix(polygon.outer)) {
      dropped = true;
      continue;
    }
    std::vector<model::Ring> holes;
    for (auto& hole : polygon.holes) {
      if (fix(hole)) {
        holes.push_back(std::move(hole));
      } else {
        dropped = true;
      }
    }
    polygon.holes = std::move(holes);
    kept.push_back(std::move(polygon));
  }
  shape = std::move(kept);
  return dropped;
}

}  // namespace

PreparedShape prepare_shape(model::MultiPolygon shape) {
  PreparedShape out;
  out.area_before_m2 = area(shape);
  if (drop_degenerate_rings(shape)) {
    out.repaired = true;
    out.invalid_reason = "ring with fewer than 3 distinct points";
  }
  if (shape.empty()) {
    out.area_m2 = 0;
    return out;
  }
  GeometryPtr g = detail::to_geos(shape);
  const char valid = GEOSisValid_r(geos(), g.get());
  if (valid == 2) throw InternalError("GEOS validity check failed: " + detail::last_geos_error());
  if (valid == 0) {
    char* reason = nullptr;
    GEOSGeometry* where = nullptr;
    if (GEOSisValidDetail_r(geos(), g.get(), 0, &reason, &where) == 0) {
      if (reason) out.invalid_reason = reason;
      if (where) {
        const GeometryPtr location(where);
        if (GEOSisEmpty_r(geos(), location.get()) == 0) out.invalid_location = detail::point_from_geos(location.get());
      }
    }
    if (reason) GEOSFree_r(geos(), reason);
    out.repaired = true;
    const GeometryPtr fixed = checked(GEOSMakeValid_r(geos(), g.get()), "MakeValid");
    shape = detail::polygons_from_geos(fixed.get());
    const int type = GEOSGeomTypeId_r(geos(), fixed.get());
    out.dropped_parts = type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON &&
                        GEOSGetNumGeometries_r(geos(), fixed.get()) > static_cast<int>(shape.size());
    if (shape.empty()) return out;
    g = detail::to_geos(shape);
  }
  out.area_m2 = area(shape);
  if (out.area_m2 > 0) {
    const GeometryPtr c = checked(GEOSGetCentroid_r(geos(), g.get()), "centroid");
    if (GEOSisEmpty_r(geos(), c.get()) == 0) out.centroid = detail::point_from_geos(c.get());
    const GeometryPtr p = checked(GEOSPointOnSurface_r(geos(), g.get()), "point on surface");
    if (GEOSisEmpty_r(geos(), p.get()) == 0) out.interior_point = detail::point_from_geos(p.get());
  }
  out.shape = std::move(shape);
  return out;
}

}  // namespace quhua::geometry
