// Test fixtures written through GDAL: Shapefiles (UTF-8 or GBK, with or without .cpg), GeoPackages,
// and GeoJSON text from small pieces, so each import test draws its own input in a few lines.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace quhua::test {

struct FixtureField {
  enum class Type { integer, real, text };
  std::string name;
  Type type = Type::text;
};

struct FixtureFeature {
  std::string wkt;                  ///< geometry as WKT; empty: no geometry
  std::vector<std::string> values;  ///< one per field, as text; "" leaves the field null
};

struct FixtureLayer {
  std::string name = "units";
  std::string crs = "EPSG:4326";  ///< empty: no CRS (no .prj)
  std::vector<FixtureField> fields;
  std::vector<FixtureFeature> features;
};

enum class ShapefileText {
  utf8_with_cpg,     ///< UTF-8 text, .cpg says UTF-8
  gbk_with_cpg,      ///< GBK text, .cpg says CP936
  gbk_without_cpg,   ///< GBK text, no .cpg, no code page byte in the .dbf (ArcGIS-style)
  utf8_without_cpg,  ///< UTF-8 text, no .cpg, no code page byte
};

/// Writes `path` (.shp) with its .dbf/.shx/.prj (and .cpg as asked). Fails the test on GDAL errors.
void write_shapefile(const std::filesystem::path& path, const FixtureLayer& layer, ShapefileText text);
/// Writes a GeoPackage with the given layers.
void write_gpkg(const std::filesystem::path& path, const std::vector<FixtureLayer>& layers);

/// One GeoJSON feature: `properties` and `geometry` are JSON texts ("null" allowed).
std::string geojson_feature(const std::string& properties, const std::string& geometry);
/// A FeatureCollection of features, with a "crs" member naming `crs_name` when given (GDAL reads a
/// GeoJSON without one as WGS84, per RFC 7946).
std::string geojson_collection(const std::vector<std::string>& features, const std::string& crs_name = "");
/// A GeoJSON Polygon of an axis-aligned square (lon/lat).
std::string geojson_square(double x0, double y0, double size);

}  // namespace quhua::test
