// Coordinate reference systems through PROJ (geometry/ is PROJ's one home): describing a CRS given as an
// authority code, WKT or PROJ string; choosing the local equal-area working CRS quhua stores geometry in;
// and Projector, which moves coordinates between two CRSs in lon/lat (x = east) axis order.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>

#include "quhua/model/geometry.hpp"

namespace quhua::geometry {

/// What PROJ makes of a CRS definition.
struct CrsDescription {
  std::string definition;  ///< as given ("EPSG:4490", WKT, "+proj=...")
  std::string name;        ///< PROJ's name, e.g. "China Geodetic Coordinate System 2000"
  bool geographic = false;  ///< coordinates are longitude/latitude in degrees
  bool projected = false;   ///< coordinates are eastings/northings (metres or feet)
  std::string ellipsoid;    ///< e.g. "CGCS2000", "Krassowsky 1940"
  /// True when the ellipsoid is neither WGS84 nor GRS80/CGCS2000 (Beijing 1954, Xi'an 1980 ...): such
  /// data reach the working CRS without a datum shift, since no official shift parameters exist for the
  /// mainland; positions may be off by up to about 100 m while areas and adjacency stay right.
  bool approximate_datum = false;
};

/// Parses a CRS definition. Throws InputError(input_crs) naming the definition when PROJ does not
/// know it or it is not a CRS.
CrsDescription describe_crs(const std::string& definition);

/// True when both definitions denote the same CRS (PROJ "equivalent", axis order ignored).
bool same_crs(const std::string& a, const std::string& b);

/// The working CRS for data whose extent in longitude/latitude degrees is `lonlat`: a local Albers
/// equal-area conic on the GRS80 (= CGCS2000) ellipsoid, lon_0 at the centre of the extent, lat_0 at the
/// middle and standard parallels one sixth inside the latitude range (the classic rule that keeps the
/// scale error of a county or province below ~0.2%), metres. Areas computed from it are ellipsoidal
/// areas; distances are good to the same scale error. An extent straddling the equator symmetrically,
/// where a cone degenerates, gets a cylindrical equal-area projection instead.
/// Returns a PROJ string. Throws InputError(input_crs) for an empty or non-finite extent.
std::string choose_working_crs(const model::BBox& lonlat);

/// The CRS quhua writes lon/lat output in (GeoJSON, RFC 7946).
inline constexpr const char* k_wgs84 = "EPSG:4326";

/// Transforms coordinates from a source CRS to a target CRS and back, in lon/lat (east, north) axis
/// order whatever the CRSs' official order (PROJ proj_normalize_for_visualization). Owns its PROJ
/// context: cheap to use, not to create (reads proj.db); not for concurrent use from several threads.
class Projector {
 public:
  /// Throws InputError(input_crs) when either CRS is unknown or PROJ finds no transformation.
  Projector(const std::string& source_crs, const std::string& target_crs);
  ~Projector();
  Projector(Projector&&) noexcept;
  Projector& operator=(Projector&&) noexcept;
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;

  const std::string& source_crs() const noexcept;
  const std::string& target_crs() const noexcept;

  /// Source -> target in place. Returns false when any coordinate could not be transformed (outside
  /// the CRS's domain, not finite); those are left non-finite.
  bool forward(std::span<model::Point> points) const;
  bool forward(model::MultiPolygon& shape) const;
  std::optional<model::Point> forward(model::Point point) const;
  /// Target -> source, the same way.
  bool inverse(std::span<model::Point> points) const;
  bool inverse(model::MultiPolygon& shape) const;
  std::optional<model::Point> inverse(model::Point point) const;

  /// The target-CRS box holding `source_box` (edges densified, so curved images of the edges are
  /// covered). Throws InputError(input_crs) when the box cannot be transformed.
  model::BBox forward_bounds(const model::BBox& source_box) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace quhua::geometry
