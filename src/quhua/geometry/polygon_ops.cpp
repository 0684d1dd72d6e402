#include "quhua/geometry/polygon_ops.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "quhua/geometry/geos_handle.hpp"
#include "quhua/util/error.hpp"

namespace quhua::geometry {

using detail::checked;
using detail::geos;
using detail::GeometryPtr;
using detail::to_geos;

namespace {

double ring_area(const model::Ring& ring) {
  if (ring.size() < 3) return 0;
  double twice = 0;
  const std::size_t n = ring.size();
  // Shift to the first point to keep precision with large projected coordinates.
  const double ox = ring[0].x, oy = ring[0].y;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& a = ring[i];
    const auto& b = ring[(i + 1) % n];
    twice += (a.x - ox) * (b.y - oy) - (b.x - ox) * (a.y - oy);
  }
  return std::abs(twice) / 2;
}

double ring_length(const model::Ring& ring) {
  double length = 0;
  for (std::size_t i = 1; i < ring.size(); ++i) length += model::distance(ring[i - 1], ring[i]);
  if (ring.size() > 2 && !(ring.front() == ring.back())) length += model::distance(ring.back(), ring.front());
  return length;
}

void require_non_empty(const model::MultiPolygon& shape, const char* what) {
  if (shape.empty() || area(shape) <= 0) {
    throw InputError(ErrorCode::input_geometry, std::string(what) + " of an empty geometry");
  }
}

}  // namespace

double area(const model::MultiPolygon& shape) {
  double total = 0;
  for (const auto& polygon : shape) {
    double a = ring_area(polygon.outer);
    for (const auto& hole : polygon.holes) a -= ring_area(hole);
    total += a;
  }
  return total;
}

double perimeter(const model::MultiPolygon& shape) {
  double total = 0;
  for (const auto& polygon : shape) {
    total += ring_length(polygon.outer);
    for (const auto& hole : polygon.holes) total += ring_length(hole);
  }
  return total;
}

ValidityCheck check_validity(const model::MultiPolygon& shape) {
  ValidityCheck out;
  if (shape.empty()) {
    out.valid = false;
    out.reason = "empty geometry";
    return out;
  }
  for (const auto& polygon : shape) {
    if (polygon.outer.size() < 4 && !(polygon.outer.size() == 3 && !(polygon.outer.front() == polygon.outer.back()))) {
      out.valid = false;
      out.reason = "ring with fewer than 3 distinct points";
      return out;
    }
  }
  const GeometryPtr g = to_geos(shape);
  char* reason = nullptr;
  GEOSGeometry* where = nullptr;
  const char valid = GEOSisValidDetail_r(geos(), g.get(), 0, &reason, &where);
  if (valid == 2) throw InternalError("GEOS validity check failed: " + detail::last_geos_error());
  out.valid = valid == 1;
  if (reason) {
    if (!out.valid) out.reason = reason;
    GEOSFree_r(geos(), reason);
  }
  if (where) {
    const GeometryPtr location(where);
    if (!out.valid) out.location = detail::point_from_geos(location.get());
  }
  return out;
}

Repair make_valid(const model::MultiPolygon& shape) {
  Repair out;
  out.area_before = area(shape);
  if (check_validity(shape).valid) {
    out.shape = shape;
    out.area_after = out.area_before;
    return out;
  }
  const GeometryPtr g = to_geos(shape);
  const GeometryPtr fixed = checked(GEOSMakeValid_r(geos(), g.get()), "MakeValid");
  out.shape = detail::polygons_from_geos(fixed.get());
  out.area_after = area(out.shape);
  const int type = GEOSGeomTypeId_r(geos(), fixed.get());
  out.dropped_parts = type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON &&
                      GEOSGetNumGeometries_r(geos(), fixed.get()) > static_cast<int>(out.shape.size());
  return out;
}

model::Point centroid(const model::MultiPolygon& shape) {
  require_non_empty(shape, "centroid");
  const GeometryPtr g = to_geos(shape);
  const GeometryPtr c = checked(GEOSGetCentroid_r(geos(), g.get()), "centroid");
  return detail::point_from_geos(c.get());
}

model::Point point_on_surface(const model::MultiPolygon& shape) {
  require_non_empty(shape, "point on surface");
  const GeometryPtr g = to_geos(shape);
  const GeometryPtr p = checked(GEOSPointOnSurface_r(geos(), g.get()), "point on surface");
  return detail::point_from_geos(p.get());
}

bool contains(const model::MultiPolygon& shape, const model::Point& point) {
  const GeometryPtr g = to_geos(shape);
  const GeometryPtr p = to_geos(point);
  const char rc = GEOSCovers_r(geos(), g.get(), p.get());
  if (rc == 2) throw InternalError("GEOS covers failed: " + detail::last_geos_error());
  return rc == 1;
}

double distance_to(const model::MultiPolygon& shape, const model::Point& point) {
  const GeometryPtr g = to_geos(shape);
  const GeometryPtr p = to_geos(point);
  double d = 0;
  if (!GEOSDistance_r(geos(), g.get(), p.get(), &d)) throw InternalError("GEOS distance failed: " + detail::last_geos_error());
  return d;
}

model::MultiPolygon union_all(std::span<const model::MultiPolygon* const> shapes) {
  std::vector<GEOSGeometry*> parts;
  parts.reserve(shapes.size());
  for (const auto* shape : shapes) parts.push_back(to_geos(*shape).release());
  const GeometryPtr collection = checked(
      GEOSGeom_createCollection_r(geos(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())),
      "collection");
  const GeometryPtr merged = checked(GEOSUnaryUnion_r(geos(), collection.get()), "union");
  return detail::polygons_from_geos(merged.get());
}

model::MultiPolygon intersection(const model::MultiPolygon& a, const model::MultiPolygon& b) {
  const GeometryPtr ga = to_geos(a), gb = to_geos(b);
  const GeometryPtr r = checked(GEOSIntersection_r(geos(), ga.get(), gb.get()), "intersection");
  return detail::polygons_from_geos(r.get());
}

model::MultiPolygon difference(const model::MultiPolygon& a, const model::MultiPolygon& b) {
  const GeometryPtr ga = to_geos(a), gb = to_geos(b);
  const GeometryPtr r = checked(GEOSDifference_r(geos(), ga.get(), gb.get()), "difference");
  return detail::polygons_from_geos(r.get());
}

model::MultiPolygon buffer(const model::MultiPolygon& shape, double distance, int quadrant_segments) {
  const GeometryPtr g = to_geos(shape);
  const GeometryPtr r = checked(GEOSBuffer_r(geos(), g.get(), distance, quadrant_segments), "buffer");
  return detail::polygons_from_geos(r.get());
}

model::MultiPolygon simplify(const model::MultiPolygon& shape, double tolerance) {
  const GeometryPtr g = to_geos(shape);
  const GeometryPtr r = checked(GEOSTopologyPreserveSimplify_r(geos(), g.get(), tolerance), "simplify");
  return detail::polygons_from_geos(r.get());
}

std::vector<model::MultiPolygon> voronoi_cells(std::span<const model::Point> sites, const model::MultiPolygon& clip) {
  std::vector<model::MultiPolygon> cells(sites.size());
  if (sites.empty()) return cells;
  std::vector<GEOSGeometry*> points;
  for (const auto& s : sites) points.push_back(to_geos(s).release());
  const GeometryPtr multipoint = checked(
      GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOINT, points.data(), static_cast<unsigned>(points.size())),
      "multipoint");
  const GeometryPtr clip_geom = to_geos(clip);
  // The envelope must cover the clip area so that no cell is cut short before clipping.
  const GeometryPtr envelope = checked(GEOSEnvelope_r(geos(), clip_geom.get()), "envelope");
  const GeometryPtr diagram = checked(GEOSVoronoiDiagram_r(geos(), multipoint.get(), envelope.get(), 0.0, 0), "voronoi");
  const int n = GEOSGetNumGeometries_r(geos(), diagram.get());
  // GEOS 3.11 returns cells in no particular order: give each cell to the site it covers. Sites are
  // sorted by x so each cell only tests the sites within its x-range.
  std::vector<std::size_t> by_x(sites.size());
  for (std::size_t i = 0; i < by_x.size(); ++i) by_x[i] = i;
  std::sort(by_x.begin(), by_x.end(), [&](std::size_t a, std::size_t b) { return sites[a].x < sites[b].x; });
  for (int k = 0; k < n; ++k) {
    const GEOSGeometry* cell = GEOSGetGeometryN_r(geos(), diagram.get(), k);
    double min_x = 0, max_x = 0;
    GEOSGeom_getXMin_r(geos(), cell, &min_x);
    GEOSGeom_getXMax_r(geos(), cell, &max_x);
    const detail::PreparedPtr prepared(GEOSPrepare_r(geos(), cell));
    auto it = std::lower_bound(by_x.begin(), by_x.end(), min_x, [&](std::size_t i, double x) { return sites[i].x < x; });
    for (; it != by_x.end() && sites[*it].x <= max_x; ++it) {
      const GeometryPtr p = to_geos(sites[*it]);
      if (GEOSPreparedCovers_r(geos(), prepared.get(), p.get()) == 1) {
        const GeometryPtr clipped = checked(GEOSIntersection_r(geos(), cell, clip_geom.get()), "clip");
        cells[*it] = detail::polygons_from_geos(clipped.get());
        break;
      }
    }
  }
  return cells;
}

namespace {

/// Nearest-site lookup on a uniform grid, for assigning faces of a noded diagram back to sites.
class SiteGrid {
 public:
  explicit SiteGrid(std::span<const model::Point> sites) : m_sites(sites) {
    model::BBox box;
    for (const auto& s : sites) box.expand(s);
    m_min_x = box.min_x;
    m_min_y = box.min_y;
    const double extent = std::max({box.width(), box.height(), 1.0});
    const double cells_per_side = std::max(1.0, std::ceil(std::sqrt(static_cast<double>(sites.size()))));
    m_cell = extent / cells_per_side;
    m_nx = static_cast<int>(box.width() / m_cell) + 1;
    m_ny = static_cast<int>(box.height() / m_cell) + 1;
    m_buckets.resize(static_cast<std::size_t>(m_nx) * static_cast<std::size_t>(m_ny));
    for (std::size_t i = 0; i < sites.size(); ++i) m_buckets[bucket(cell_x(sites[i].x), cell_y(sites[i].y))].push_back(i);
  }

  std::size_t nearest(const model::Point& p) const {
    const int cx = cell_x(p.x), cy = cell_y(p.y);
    std::size_t best = 0;
    double best_d2 = std::numeric_limits<double>::infinity();
    for (int ring = 0;; ++ring) {
      for (int y = cy - ring; y <= cy + ring; ++y) {
        for (int x = cx - ring; x <= cx + ring; ++x) {
          if (std::max(std::abs(x - cx), std::abs(y - cy)) != ring) continue;
          if (x < 0 || y < 0 || x >= m_nx || y >= m_ny) continue;
          for (const std::size_t i : m_buckets[bucket(x, y)]) {
            const double dx = m_sites[i].x - p.x, dy = m_sites[i].y - p.y;
            const double d2 = dx * dx + dy * dy;
            if (d2 < best_d2 || (d2 == best_d2 && i < best)) {
              best_d2 = d2;
              best = i;
            }
          }
        }
      }
      // Every site not yet seen lies at least `ring` cells away from p's cell.
      const double reach = static_cast<double>(ring) * m_cell;
      if (best_d2 <= reach * reach || ring > m_nx + m_ny) return best;
    }
  }

 private:
  int cell_x(double x) const { return std::clamp(static_cast<int>((x - m_min_x) / m_cell), 0, m_nx - 1); }
  int cell_y(double y) const { return std::clamp(static_cast<int>((y - m_min_y) / m_cell), 0, m_ny - 1); }
  std::size_t bucket(int x, int y) const { return static_cast<std::size_t>(y) * static_cast<std::size_t>(m_nx) + static_cast<std::size_t>(x); }

  std::span<const model::Point> m_sites;
  double m_min_x = 0, m_min_y = 0, m_cell = 1;
  int m_nx = 1, m_ny = 1;
  std::vector<std::vector<std::size_t>> m_buckets;
};

GeometryPtr multipoint_of(std::span<const model::Point> sites) {
  std::vector<GEOSGeometry*> points;
  points.reserve(sites.size());
  for (const auto& s : sites) points.push_back(to_geos(s).release());
  return checked(
      GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOINT, points.data(), static_cast<unsigned>(points.size())),
      "multipoint");
}

}  // namespace

std::vector<model::MultiPolygon> voronoi_coverage(std::span<const model::Point> sites, const model::MultiPolygon& clip) {
  std::vector<model::MultiPolygon> cells(sites.size());
  if (sites.empty() || clip.empty()) return cells;
  const GeometryPtr clip_geom = to_geos(clip);
  const GeometryPtr multipoint = multipoint_of(sites);
  const GeometryPtr envelope = checked(GEOSEnvelope_r(geos(), clip_geom.get()), "envelope");
  const GeometryPtr diagram = checked(GEOSVoronoiDiagram_r(geos(), multipoint.get(), envelope.get(), 0.0, 1), "voronoi");
  // Node the diagram's edges (onlyEdges = 1 above) with the clip's boundary, then polygonise: every face
  // lies inside one Voronoi cell and on one side of the clip boundary, and neighbouring faces are built
  // from the same noded segments, so they share their vertices exactly.
  const GeometryPtr clip_boundary = checked(GEOSBoundary_r(geos(), clip_geom.get()), "boundary");
  GEOSGeometry* parts[2] = {GEOSGeom_clone_r(geos(), diagram.get()), GEOSGeom_clone_r(geos(), clip_boundary.get())};
  const GeometryPtr lines =
      checked(GEOSGeom_createCollection_r(geos(), GEOS_GEOMETRYCOLLECTION, parts, 2), "collection");
  const GeometryPtr noded = checked(GEOSUnaryUnion_r(geos(), lines.get()), "noding");
  const GEOSGeometry* noded_ptr = noded.get();
  const GeometryPtr faces = checked(GEOSPolygonize_r(geos(), &noded_ptr, 1), "polygonize");

  const detail::PreparedPtr prepared_clip(GEOSPrepare_r(geos(), clip_geom.get()));
  const SiteGrid grid(sites);
  std::vector<std::vector<const GEOSGeometry*>> faces_of(sites.size());
  const int n = GEOSGetNumGeometries_r(geos(), faces.get());
  for (int k = 0; k < n; ++k) {
    const GEOSGeometry* face = GEOSGetGeometryN_r(geos(), faces.get(), k);
    const GeometryPtr inside = checked(GEOSPointOnSurface_r(geos(), face), "point on surface");
    if (GEOSPreparedContains_r(geos(), prepared_clip.get(), inside.get()) != 1) continue;
    faces_of[grid.nearest(detail::point_from_geos(inside.get()))].push_back(face);
  }
  // Faces of one cell lie on different sides of clip's boundary pieces, so they never share an edge:
  // collecting them keeps every vertex exactly as noded (a union could move or drop vertices).
  for (std::size_t i = 0; i < sites.size(); ++i) {
    for (const auto* face : faces_of[i]) {
      model::MultiPolygon part = detail::polygons_from_geos(face);
      for (auto& polygon : part) cells[i].push_back(std::move(polygon));
    }
  }
  return cells;
}

double shared_border_length(const model::MultiPolygon& a, const model::MultiPolygon& b) {
  if (a.empty() || b.empty()) return 0;
  const GeometryPtr ga = to_geos(a), gb = to_geos(b);
  const GeometryPtr ba = checked(GEOSBoundary_r(geos(), ga.get()), "boundary");
  const GeometryPtr bb = checked(GEOSBoundary_r(geos(), gb.get()), "boundary");
  const GeometryPtr common = checked(GEOSIntersection_r(geos(), ba.get(), bb.get()), "intersection");
  double length = 0;
  if (!GEOSLength_r(geos(), common.get(), &length)) throw InternalError("GEOS length failed: " + detail::last_geos_error());
  return length;
}

}  // namespace quhua::geometry
