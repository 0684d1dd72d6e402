// Operations on plain polygons, through GEOS: validity and repair, centroids and interior points,
// unions, Voronoi cells, clipping, simplification. Inputs and outputs are model types in a projected
// metric CRS; GEOS never leaks out of geometry/.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "quhua/model/geometry.hpp"

namespace quhua::geometry {

/// Planar area by the shoelace formula (holes subtracted), in squared coordinate units (m² in a
/// projected CRS). Orientation-independent.
double area(const model::MultiPolygon& shape);
/// Length of all rings, in coordinate units.
double perimeter(const model::MultiPolygon& shape);

struct ValidityCheck {
  bool valid = true;
  std::string reason;                    ///< GEOS's reason, e.g. "Self-intersection"
  std::optional<model::Point> location;  ///< where the problem is, when GEOS gives one
};
ValidityCheck check_validity(const model::MultiPolygon& shape);

struct Repair {
  model::MultiPolygon shape;  ///< polygonal parts of the repaired geometry
  double area_before = 0;     ///< shoelace area of the input (may be wrong for invalid input)
  double area_after = 0;
  bool dropped_parts = false;  ///< lines or points the repair produced were left out
};
/// GEOS MakeValid, keeping polygonal parts. For a valid input returns it unchanged.
Repair make_valid(const model::MultiPolygon& shape);

/// Area-weighted centroid (may lie outside a concave shape). Throws InputError(input_geometry)
/// for an empty shape.
model::Point centroid(const model::MultiPolygon& shape);
/// A point guaranteed inside the shape (GEOS PointOnSurface). Throws for an empty shape.
model::Point point_on_surface(const model::MultiPolygon& shape);
bool contains(const model::MultiPolygon& shape, const model::Point& point);
/// Distance from a point to the shape (0 inside).
double distance_to(const model::MultiPolygon& shape, const model::Point& point);

/// Union of many shapes (GEOS cascaded unary union): dissolves internal borders.
model::MultiPolygon union_all(std::span<const model::MultiPolygon* const> shapes);
model::MultiPolygon intersection(const model::MultiPolygon& a, const model::MultiPolygon& b);
model::MultiPolygon difference(const model::MultiPolygon& a, const model::MultiPolygon& b);
model::MultiPolygon buffer(const model::MultiPolygon& shape, double distance, int quadrant_segments = 8);
/// Topology-preserving simplification (Douglas-Peucker with tolerance in coordinate units).
model::MultiPolygon simplify(const model::MultiPolygon& shape, double tolerance);

/// Voronoi cells of `sites`, each clipped to `clip`, in the order of the sites (cell i holds site i).
/// Sites must be distinct; a site outside `clip` gets the clipped (possibly empty) cell.
std::vector<model::MultiPolygon> voronoi_cells(std::span<const model::Point> sites, const model::MultiPolygon& clip);

/// Voronoi cells of `sites` clipped to `clip` as an exact coverage: the cell boundaries and the clip's
/// boundary are noded together, so neighbouring cells share identical vertices along their common border,
/// the cells tile `clip` without gaps or overlaps, and unions of cells have no slivers. Cell i holds the
/// parts of clip nearer to site i than to any other site (several parts where clip's outline cuts the
/// cell, kept as separate polygons that touch at most at points). Sites must be distinct. O(n log n)
/// for the diagram plus the noding of its edges.
std::vector<model::MultiPolygon> voronoi_coverage(std::span<const model::Point> sites, const model::MultiPolygon& clip);

/// Length of the border two shapes share (the linear part of the intersection of their boundaries), in
/// coordinate units: 0 when they only touch at points or not at all. Exact for coverages whose
/// neighbours share vertices (voronoi_coverage); shapes that overlap still count only common boundary.
double shared_border_length(const model::MultiPolygon& a, const model::MultiPolygon& b);

}  // namespace quhua::geometry
