#include "quhua/geometry/geos_handle.hpp"

#include <cstdio>
#include <vector>

#include "quhua/util/error.hpp"

namespace quhua::geometry::detail {
namespace {


void on_error(const char* message, void* user_data) { *static_cast<std::string*>(user_data) = message; }

struct ThreadContext {
  GEOSContextHandle_t handle = nullptr;
  std::string last_error;
  ThreadContext() {
    handle = GEOS_init_r();
    GEOSContext_setErrorMessageHandler_r(handle, on_error, &last_error);
  }
  ~ThreadContext() { GEOS_finish_r(handle); }
  ThreadContext(const ThreadContext&) = delete;
  ThreadContext& operator=(const ThreadContext&) = delete;
};

ThreadContext& context() {
  thread_local ThreadContext ctx;
  return ctx;
}

GEOSCoordSequence* sequence(const model::Ring& ring, bool close) {
  std::vector<double> xy;
  xy.reserve((ring.size() + 1) * 2);
  for (const auto& p : ring) {
    xy.push_back(p.x);
    xy.push_back(p.y);
  }
  if (close && !ring.empty() && !(ring.front() == ring.back())) {
    xy.push_back(ring.front().x);
    xy.push_back(ring.front().y);
  }
  return GEOSCoordSeq_copyFromBuffer_r(geos(), xy.data(), static_cast<unsigned int>(xy.size() / 2), 0, 0);
}

model::Ring ring_from_geos(const GEOSGeometry* ring) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos(), ring);
  unsigned int size = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(geos(), seq, &size)) return {};
  std::vector<double> xy(static_cast<std::size_t>(size) * 2);
  GEOSCoordSeq_copyToBuffer_r(geos(), seq, xy.data(), 0, 0);
  model::Ring out(size);
  for (unsigned int i = 0; i < size; ++i) out[i] = {xy[2 * i], xy[2 * i + 1]};
  return out;
}

void collect_polygons(const GEOSGeometry* g, model::MultiPolygon& out) {
  const int type = GEOSGeomTypeId_r(geos(), g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(geos(), g) == 1) return;
    model::Polygon polygon;
    polygon.outer = ring_from_geos(GEOSGetExteriorRing_r(geos(), g));
    const int holes = GEOSGetNumInteriorRings_r(geos(), g);
    for (int i = 0; i < holes; ++i) polygon.holes.push_back(ring_from_geos(GEOSGetInteriorRingN_r(geos(), g, i)));
    out.push_back(std::move(polygon));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(geos(), g);
    for (int i = 0; i < n; ++i) collect_polygons(GEOSGetGeometryN_r(geos(), g, i), out);
  }
}

}  // namespace

GEOSContextHandle_t geos() { return context().handle; }

std::string last_geos_error() { return context().last_error; }

GeometryPtr checked(GEOSGeometry* g, const char* operation) {
  if (!g) throw InternalError(std::string("GEOS ") + operation + " failed: " + last_geos_error());
  return GeometryPtr(g);
}

GeometryPtr to_geos(const model::Point& point) { return checked(GEOSGeom_createPointFromXY_r(geos(), point.x, point.y), "point"); }

GeometryPtr to_geos(const model::Ring& ring, bool as_ring) {
  GEOSCoordSequence* seq = sequence(ring, as_ring);
  if (!seq) throw InternalError("GEOS coordinate sequence failed: " + last_geos_error());
  if (as_ring) return checked(GEOSGeom_createLinearRing_r(geos(), seq), "linear ring");
  return checked(GEOSGeom_createLineString_r(geos(), seq), "line string");
}

GeometryPtr to_geos(const model::MultiPolygon& shape) {
  std::vector<GEOSGeometry*> parts;
  parts.reserve(shape.size());
  try {
    for (const auto& polygon : shape) {
      // A ring with fewer than 4 points is not a ring; GEOS would refuse it. Keep it as an empty part.
      if (polygon.outer.size() < 3) continue;
      GeometryPtr shell = to_geos(polygon.outer);
      std::vector<GEOSGeometry*> holes;
      for (const auto& hole : polygon.holes) {
        if (hole.size() < 3) continue;
        holes.push_back(to_geos(hole).release());
      }
      GEOSGeometry* p = GEOSGeom_createPolygon_r(geos(), shell.release(), holes.data(), static_cast<unsigned>(holes.size()));
      parts.push_back(checked(p, "polygon").release());
    }
  } catch (...) {
    for (auto* p : parts) GEOSGeom_destroy_r(geos(), p);
    throw;
  }
  return checked(GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOLYGON, parts.data(), static_cast<unsigned>(parts.size())),
                 "multipolygon");
}

model::MultiPolygon polygons_from_geos(const GEOSGeometry* g) {
  model::MultiPolygon out;
  if (g) collect_polygons(g, out);
  return out;
}

model::Point point_from_geos(const GEOSGeometry* g) {
  double x = 0, y = 0;
  if (!g || GEOSisEmpty_r(geos(), g) == 1 || !GEOSGeomGetX_r(geos(), g, &x) || !GEOSGeomGetY_r(geos(), g, &y)) {
    throw InternalError("GEOS: expected a non-empty point: " + last_geos_error());
  }
  return {x, y};
}

}  // namespace quhua::geometry::detail
