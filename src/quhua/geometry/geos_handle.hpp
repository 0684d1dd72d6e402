// Internal to geometry/: the per-thread GEOS context and RAII owners of GEOS geometries, and the
// conversion between model geometry values and GEOS. Nothing outside geometry/ includes this header.
#pragma once

#include <geos_c.h>

#include <memory>
#include <string>

#include "quhua/model/geometry.hpp"

namespace quhua::geometry::detail {

/// The calling thread's GEOS context (created on first use, reentrant API). GEOS reports errors
/// through a handler that only records the message; wrappers throw after the call returns.
GEOSContextHandle_t geos();
/// The last error or notice GEOS reported on this thread ("" when none).
std::string last_geos_error();

struct GeometryDeleter {
  void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos(), g); }
};
using GeometryPtr = std::unique_ptr<GEOSGeometry, GeometryDeleter>;

struct PreparedDeleter {
  void operator()(const GEOSPreparedGeometry* g) const { GEOSPreparedGeom_destroy_r(geos(), g); }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

/// Throws InternalError with GEOS's last message when `g` is null (a failed GEOS call).
GeometryPtr checked(GEOSGeometry* g, const char* operation);

GeometryPtr to_geos(const model::Point& point);
GeometryPtr to_geos(const model::Ring& ring, bool as_ring = true);
/// A MultiPolygon (also for a single part; empty input -> empty MultiPolygon).
GeometryPtr to_geos(const model::MultiPolygon& shape);
/// Polygonal parts of any geometry (Polygon, MultiPolygon, GeometryCollection); lines and points
/// are left out.
model::MultiPolygon polygons_from_geos(const GEOSGeometry* g);
model::Point point_from_geos(const GEOSGeometry* g);

}  // namespace quhua::geometry::detail
