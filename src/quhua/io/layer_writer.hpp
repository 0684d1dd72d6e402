// Writing vector layers through GDAL: units, plan regions, facilities -- any set of polygons or points
// with attribute columns -- as GeoJSON (always WGS84 lon/lat, RFC 7946) or GeoPackage (the layer's own
// CRS or one asked for). Files are written atomically (util/atomic_file.hpp): a failed write never
// leaves a half-written file under the final name. Text is UTF-8; every attribute is kept.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "quhua/model/geometry.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::io {

enum class LayerFormat { geojson, gpkg };
/// From a path's extension: ".geojson" -> geojson, ".gpkg" -> gpkg (any case); else nullopt.
std::optional<LayerFormat> layer_format_from(const std::filesystem::path& path);

/// A line through points (roads, rivers).
struct Polyline {
  std::vector<model::Point> points;
};

/// No geometry, a point, a line, or polygons.
using LayerGeometry = std::variant<std::monostate, model::Point, Polyline, model::MultiPolygon>;

struct OutputFeature {
  LayerGeometry geometry;
  std::vector<util::Cell> values;  ///< one per OutputLayer::fields, in order; NaN doubles are written as null
};

/// One layer to write: a schema of named attribute columns and features in one CRS. Column types
/// follow the values: all integers -> integer, all numbers -> real, anything else -> text.
struct OutputLayer {
  std::string name;                 ///< layer (GeoPackage table) name, e.g. "units"
  std::string crs;                  ///< CRS of the coordinates (EPSG code, WKT or PROJ string); empty: none
  std::vector<std::string> fields;  ///< attribute names, UTF-8
  std::vector<OutputFeature> features;
};

struct LayerWriteOptions {
  /// GeoPackage: the CRS to write in; empty: each layer's own. GeoJSON ignores it (always WGS84).
  std::string crs;
};

/// Writes the layers to `path` in the format its extension names. GeoJSON holds exactly one layer.
/// Throws UsageError for another extension or several layers in GeoJSON; InputError(input_crs) when a
/// layer's coordinates cannot be transformed; StorageError naming the path when GDAL cannot write it.
void write_layers(const std::filesystem::path& path, std::span<const OutputLayer> layers,
                  const LayerWriteOptions& options = {});
void write_layer(const std::filesystem::path& path, const OutputLayer& layer, const LayerWriteOptions& options = {});

}  // namespace quhua::io
