// Coordinate transformation for road networks and the points routed on them, through PROJ
// (geometry/ is its one home): from the source CRS of a layer (WGS84 for OSM and lon/lat tables) to a
// local metric CRS, where lengths and snap distances are metres.
//
// NOTE for the integrator: written by the facilities branch before geometry/projection.* (the
// importer's PROJ wrapper) was in main; once it is, this file should fold into it.
#pragma once

#include "quhua/model/geometry.hpp"

#include <memory>
#include <span>
#include <string>

namespace quhua::geometry {

/// A PROJ transformation between two CRSs, axis order always x = easting/longitude,
/// y = northing/latitude. Move-only; not for concurrent use (one per thread).
class CoordinateTransform {
 public:
  /// `source` and `target`: anything PROJ accepts ("EPSG:4326", WKT, a PROJ string). Throws
  /// InputError(input_crs) naming both when PROJ cannot build the transformation.
  CoordinateTransform(const std::string& source, const std::string& target);
  ~CoordinateTransform();
  CoordinateTransform(CoordinateTransform&&) noexcept;
  CoordinateTransform& operator=(CoordinateTransform&&) noexcept;

  model::Point apply(const model::Point& p) const;
  /// In place; a point PROJ cannot transform becomes (inf, inf).
  void apply(std::span<model::Point> points) const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

/// The metric CRS quhua works in around (lon, lat): the CGCS2000 3-degree Gauss-Kruger zone whose
/// central meridian is nearest (EPSG:4534 for 75E up to EPSG:4554 for 135E, China's national grid),
/// or the WGS84 UTM zone outside 73.5E-136.5E.
std::string local_metric_crs(double lon_deg, double lat_deg);

enum class CrsKind { geographic, projected_metric, projected_other, unknown };
/// What kind of CRS a definition is (PROJ's view); unknown when PROJ cannot read it.
CrsKind crs_kind(const std::string& definition);

}  // namespace quhua::geometry
