// Reading a vector layer through GDAL (Shapefile, GeoJSON, GeoPackage, and any other format GDAL reads)
// into a RecordSet plus plain geometry in the layer's own CRS. Text comes out as UTF-8: a Shapefile's
// .cpg is honoured; without one the raw bytes are read and UTF-8 or GBK detected here (Chinese
// Shapefiles from ArcGIS rarely carry a .cpg); undecodable text is an error finding naming feature and
// field. Curves are linearised. Projection, repair and the meaning of fields are not done here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "quhua/io/record_set.hpp"
#include "quhua/model/geometry.hpp"
#include "quhua/util/encoding.hpp"
#include "quhua/util/findings.hpp"

namespace quhua::io {

enum class GeometryState {
  polygonal,  ///< Polygon/MultiPolygon (or a curve polygon, linearised): `shape` holds it
  point,      ///< Point/MultiPoint: `points` holds it
  missing,    ///< the feature has no geometry
  empty,      ///< the geometry is empty
  other,      ///< lines or mixed collections: `type_name` says what
  damaged,    ///< GDAL could not decode it, or a coordinate is not finite or beyond +-1e10: `damage` says how
};

/// No coordinate reference system has coordinates beyond this (metres, feet or degrees): a geometry
/// with one is damaged (a corrupt GeoPackage blob decodes to 1e305 and NaN), not in some other CRS.
inline constexpr double k_max_coordinate = 1e10;

struct FeatureGeometry {
  GeometryState state = GeometryState::missing;
  model::MultiPolygon shape;          ///< source CRS
  std::vector<model::Point> points;   ///< source CRS
  std::string type_name;              ///< OGR's name of the geometry type, e.g. "LineString"
  std::string damage;                 ///< damaged: GDAL's error or the bad coordinate
};

struct VectorReadOptions {
  std::string layer;                     ///< empty: the first layer
  std::optional<util::Encoding> encoding;  ///< --encoding: overrides .cpg and detection
};

struct VectorLayer {
  RecordSet records;                       ///< attributes, one row per feature; row ids are feature ids
  std::vector<FeatureGeometry> geometries;  ///< one per row
  std::string driver;                      ///< GDAL driver, e.g. "ESRI Shapefile", "GeoJSON", "GPKG"
  std::string crs;                         ///< "EPSG:4490" or WKT; empty when the layer declares none
  bool has_geometry_field = true;          ///< false for layers without geometry (a DBF alone, a table)
  std::string encoding_note;               ///< how text was decoded, for the report
};

/// Names of the layers of a vector dataset. Throws InputError when it cannot be opened.
std::vector<std::string> list_layers(const std::string& path);

/// Reads every feature of one layer. Per-feature problems (undecodable text) become error findings
/// and mark the row bad; GDAL's warnings become warning findings. Throws InputError naming the file
/// when it does not exist or cannot be opened as a vector dataset, or when the layer is not there.
VectorLayer read_vector_layer(const std::string& path, const VectorReadOptions& options, Findings& findings);

}  // namespace quhua::io
