// Reads the polygons of a GeoJSON file in longitude/latitude into metres, for tests and benchmarks on
// the real data in ../shared/data. A stand-in until the GDAL importer (io/) exists: it knows only
// Polygon and MultiPolygon features and a local equirectangular projection.
#pragma once

#include "quhua/model/geometry.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace quhua::test {

struct GeoJsonLayer {
  std::vector<std::string> ids;            ///< the `id_field` property of each feature, as text
  std::vector<model::MultiPolygon> units;  ///< parallel to ids; metres east and north of the centre
};

/// Features in file order, projected with x = R * lon * cos(lat0), y = R * lat around the mean
/// latitude lat0 of all vertices (R = 6,371,008.8 m): distances are right to a few percent over a
/// province, enough for contiguity at a tolerance of metres. Throws std::runtime_error when the file
/// cannot be read or parsed.
GeoJsonLayer read_geojson_lonlat(const std::filesystem::path& path, const std::string& id_field);

}  // namespace quhua::test
