// Preparing one unit's polygon for use at import: validity check, repair of invalid polygons (GEOS
// MakeValid), area, centroid and a point inside it -- all from a single conversion to GEOS, since an
// import of 200,000 villages does this once per unit.
#pragma once

#include <optional>
#include <string>

#include "quhua/model/geometry.hpp"

namespace quhua::geometry {

struct PreparedShape {
  model::MultiPolygon shape;  ///< valid polygonal geometry (repaired when the input was invalid)
  bool repaired = false;      ///< the input was invalid and was repaired
  std::string invalid_reason;  ///< GEOS's reason (e.g. "Self-intersection") when repaired
  std::optional<model::Point> invalid_location;  ///< where GEOS found the problem
  double area_before_m2 = 0;  ///< shoelace area of the input as given (meaningless when invalid, but reported)
  double area_m2 = 0;         ///< area of `shape`
  bool dropped_parts = false;  ///< the repair produced lines or points, which were left out
  std::optional<model::Point> centroid;        ///< area-weighted centroid; empty for an empty shape
  std::optional<model::Point> interior_point;  ///< a point surely inside (GEOS PointOnSurface)
};

/// Validates `shape` (coordinates in a projected metric CRS, all finite) and repairs it when invalid:
/// rings with fewer than 3 distinct points are dropped, then GEOS MakeValid keeps the polygonal parts.
/// An empty result (e.g. a polygon collapsed to a line) has `shape` empty and no points.
PreparedShape prepare_shape(model::MultiPolygon shape);

}  // namespace quhua::geometry
