// Reading road networks and point layers in their source coordinates:
//  - OpenStreetMap PBF / XML (.osm.pbf, .pbf, .osm, .osm.bz2, .osm.gz) through libosmium: ways tagged
//    highway=*, with oneway=yes/1/true/-1/reverse, junction=roundabout and motorways one-way;
//  - line layers through GDAL (Shapefile, GeoJSON, GeoPackage, ...) with a class field, an optional
//    one-way field and an optional speed field;
//  - points (villages, seats, facilities) from CSV/XLSX tables with id and x,y or lon,lat columns,
//    or from any GDAL point layer.
// Projection to metres happens later (service/routing.cpp, through geometry/projection.hpp).
#pragma once

#include "quhua/graph/road_network_builder.hpp"
#include "quhua/model/geometry.hpp"
#include "quhua/util/csv.hpp"
#include "quhua/util/findings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace quhua::io {

struct RoadSource {
  std::vector<graph::RoadLine> lines;  ///< in the source CRS
  std::string crs;                     ///< source CRS (WKT, or "EPSG:4326" for OSM); empty when unknown
  bool is_osm = false;
  Findings findings;
};

struct RoadLayerOptions {
  std::string layer;         ///< GDAL layer name; empty: the first
  std::string class_field;   ///< empty: the first of highway, fclass, class, type, 道路等级, 等级, ...
  std::string oneway_field;  ///< empty: "oneway" when present, else every road two-way
  std::string speed_field;   ///< empty: speeds by class only
  std::string id_field;      ///< empty: the feature id
  /// OSM only: keep ways with a point inside lon/lat bounds (min_lon, min_lat, max_lon, max_lat).
  std::optional<model::BBox> bounds;
};

/// True for names that look like OSM files (.osm, .pbf, .osm.pbf, .osm.bz2, .osm.gz, .o5m).
bool is_osm_file(const std::string& path);

/// Reads a road file of either kind (by its name). Throws InputError naming the file, layer and
/// field for a missing file, layer or field and for a layer without lines.
RoadSource read_roads(const std::string& path, const RoadLayerOptions& options = {});
RoadSource read_osm_roads(const std::string& path, const RoadLayerOptions& options = {});
RoadSource read_road_layer(const std::string& path, const RoadLayerOptions& options = {});

/// Direction of a one-way value: yes/1/true/F/FT/正向/单向 forward; -1/reverse/T/TF/反向 backward;
/// anything else (no, B, empty, 双向) both. (Geofabrik shapefiles: F with the line, T against it.)
model::Direction parse_oneway(const std::string& value);

struct PointOptions {
  std::string layer;     ///< GDAL layer or spreadsheet sheet
  std::string id_field;  ///< empty: id, code, 代码, 编码, name, 名称 (first found), else the row number
  std::string x_field;   ///< empty: lon/lng/longitude/经度 (WGS84), else x/X (in `crs`)
  std::string y_field;   ///< empty: lat/latitude/纬度, else y/Y
  std::string crs;       ///< CRS of x/y columns in a table; empty: the same as the network's
};

struct PointLayer {
  std::vector<std::string> ids;
  std::vector<model::Point> points;   ///< in `crs` (table x/y: PointOptions::crs, may be empty)
  std::string crs;                    ///< "EPSG:4326" for lon/lat tables; the layer's CRS for GDAL layers
  util::CsvTable attributes;          ///< every column as text (for weights, capacities, costs)
  std::vector<std::string> row_refs;  ///< per point: "line 12" / "feature 7", for messages
};

/// Reads points; throws InputError (file, row, field) for missing columns, bad numbers or duplicate
/// ids. Spreadsheets (.xlsx, .xls, .ods) and CSV/TXT go through read_table; other files through GDAL.
PointLayer read_points(const std::string& path, const PointOptions& options = {});

}  // namespace quhua::io
