#include "quhua/io/road_reader.hpp"

#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <set>

namespace quhua::io {
namespace {

struct DatasetCloser {
  void operator()(void* ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

struct FeatureDeleter {
  void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};
using Feature = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;

Dataset open_vector(const std::string& path) {
  GDALAllRegister();
  if (!std::filesystem::exists(path))
    throw InputError(ErrorCode::input_missing, "no such file", ErrorContext{path, "", "", ""});
  Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds) {
    throw InputError(ErrorCode::input_format, std::string("cannot open as a vector layer: ") + CPLGetLastErrorMsg(),
                     ErrorContext{path, "", "", ""});
  }
  return ds;
}

OGRLayerH open_layer(void* ds, const std::string& path, const std::string& name) {
  OGRLayerH layer = name.empty() ? GDALDatasetGetLayer(ds, 0) : GDALDatasetGetLayerByName(ds, name.c_str());
  if (!layer)
    throw InputError(ErrorCode::input_missing, name.empty() ? "the file has no layer" : "no such layer",
                     ErrorContext{path, name, "", ""});
  return layer;
}

std::string layer_crs(OGRLayerH layer) {
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
  if (!srs) return {};
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2018", nullptr};
  if (OSRExportToWktEx(srs, &wkt, options) != OGRERR_NONE || !wkt) return {};
  std::string out(wkt);
  CPLFree(wkt);
  return out;
}

/// Index of a field by exact name, else case-insensitively; -1 when absent.
int field_index(OGRFeatureDefnH defn, const std::string& name) {
  if (name.empty()) return -1;
  const int exact = OGR_FD_GetFieldIndex(defn, name.c_str());
  if (exact >= 0) return exact;
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
    if (util::iequals_ascii(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)), name)) return i;
  }
  return -1;
}

int required_field(OGRFeatureDefnH defn, const std::string& name, const std::string& path, const std::string& layer) {
  const int index = field_index(defn, name);
  if (index < 0) throw InputError(ErrorCode::input_missing, "no such field", ErrorContext{path, layer, "", name});
  return index;
}

/// The first of `names` the layer has, or -1.
int first_field(OGRFeatureDefnH defn, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    const int i = field_index(defn, n);
    if (i >= 0) return i;
  }
  return -1;
}

std::string text_of(OGRFeatureH f, int index) {
  if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index)) return {};
  return std::string(util::trim(OGR_F_GetFieldAsString(f, index)));
}

void add_line_parts(OGRGeometryH g, std::vector<std::vector<model::Point>>& parts) {
  if (!g) return;
  const auto type = wkbFlatten(OGR_G_GetGeometryType(g));
  if (type == wkbLineString) {
    std::vector<model::Point> pts;
    const int n = OGR_G_GetPointCount(g);
    for (int k = 0; k < n; ++k) pts.push_back({OGR_G_GetX(g, k), OGR_G_GetY(g, k)});
    parts.push_back(std::move(pts));
  } else if (type == wkbMultiLineString || type == wkbGeometryCollection) {
    for (int k = 0; k < OGR_G_GetGeometryCount(g); ++k) add_line_parts(OGR_G_GetGeometryRef(g, k), parts);
  }
}

/// The first of the candidate names among a table's columns (case-insensitive), or nullopt.
std::optional<std::size_t> find_column(const util::CsvTable& table, const std::string& wanted,
                                       std::initializer_list<const char*> fallbacks) {
  auto lookup = [&](std::string_view name) -> std::optional<std::size_t> {
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      if (util::iequals_ascii(util::trim(table.header[c]), name)) return c;
    }
    return std::nullopt;
  };
  if (!wanted.empty()) return lookup(wanted);
  for (const char* name : fallbacks) {
    if (auto c = lookup(name)) return c;
  }
  return std::nullopt;
}

bool is_table_file(const std::string& path) {
  const std::string ext = util::to_lower_ascii(std::filesystem::path(path).extension().string());
  return ext == ".csv" || ext == ".txt" || ext == ".tsv" || ext == ".xlsx" || ext == ".xls" || ext == ".ods";
}

void check_unique_ids(const PointLayer& layer, const std::string& path) {
  std::set<std::string> seen;
  for (std::size_t k = 0; k < layer.ids.size(); ++k) {
    if (!seen.insert(layer.ids[k]).second) {
      throw InputError(ErrorCode::input_duplicate, "the id '" + layer.ids[k] + "' occurs twice",
                       ErrorContext{path, "", layer.row_refs[k], ""});
    }
  }
}

PointLayer read_point_table(const std::string& path, const PointOptions& options) {
  TableReadOptions read_options;
  read_options.sheet = options.layer;
  PointLayer out;
  out.attributes = read_table(path, read_options);
  const auto& table = out.attributes;
  const auto id = find_column(table, options.id_field, {"id", "code", "代码", "编码", "编号", "name", "名称"});
  if (!options.id_field.empty() && !id) {
    throw InputError(ErrorCode::input_missing, "no such column",
                     ErrorContext{path, options.layer, "", options.id_field});
  }
  auto x = find_column(table, options.x_field, {"lon", "lng", "longitude", "经度"});
  auto y = find_column(table, options.y_field, {"lat", "latitude", "纬度"});
  const bool geographic = options.x_field.empty() && x && y;
  if (!geographic && options.x_field.empty()) {
    x = find_column(table, "", {"x", "easting", "东坐标"});
    y = find_column(table, "", {"y", "northing", "北坐标"});
  }
  if (!x || !y) {
    throw InputError(ErrorCode::input_missing,
                     "needs coordinate columns: lon,lat (WGS84) or x,y (with --crs or in the network's CRS)",
                     ErrorContext{path, options.layer, "", options.x_field.empty() ? "x/lon" : options.x_field});
  }
  out.crs = geographic ? "EPSG:4326" : options.crs;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const std::string where = "line " + std::to_string(table.row_lines[r]);
    const auto vx = util::parse_double(row[*x]);
    const auto vy = util::parse_double(row[*y]);
    if (!vx || !vy || !std::isfinite(*vx) || !std::isfinite(*vy)) {
      throw InputError(ErrorCode::input_value, "coordinates are not numbers",
                       ErrorContext{path, options.layer, where, table.header[!vx ? *x : *y]});
    }
    if (geographic && (std::abs(*vx) > 180 || std::abs(*vy) > 90)) {
      throw InputError(ErrorCode::input_value, "longitude/latitude out of range (are these projected x,y?)",
                       ErrorContext{path, options.layer, where, table.header[*x]});
    }
    out.points.push_back({*vx, *vy});
    out.ids.push_back(id ? std::string(util::trim(row[*id])) : std::to_string(r + 1));
    out.row_refs.push_back(where);
  }
  check_unique_ids(out, path);
  return out;
}

PointLayer read_point_layer(const std::string& path, const PointOptions& options) {
  const Dataset ds = open_vector(path);
  OGRLayerH layer = open_layer(ds.get(), path, options.layer);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const int id = options.id_field.empty() ? first_field(defn, {"id", "code", "代码", "编码", "编号", "name", "名称"})
                                          : required_field(defn, options.id_field, path, options.layer);
  const auto layer_type = wkbFlatten(OGR_L_GetGeomType(layer));
  if (layer_type != wkbPoint && layer_type != wkbUnknown) {
    // Typically the first layer of a GeoPackage that also holds the points wanted.
    throw InputError(ErrorCode::input_geometry,
                     std::string("layer ") + OGR_L_GetName(layer) + " holds " + OGRGeometryTypeToName(layer_type) +
                         " features, not points; name the point layer (--from-layer, --to-layer, --demand-layer, "
                         "--supply-layer, --candidates-layer)",
                     ErrorContext{path, OGR_L_GetName(layer), "", ""});
  }
  PointLayer out;
  out.crs = layer_crs(layer);
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
    out.attributes.header.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
  OGR_L_ResetReading(layer);
  while (Feature f{OGR_L_GetNextFeature(layer)}) {
    const std::string where = "feature " + std::to_string(OGR_F_GetFID(f.get()));
    OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
    if (!g || wkbFlatten(OGR_G_GetGeometryType(g)) != wkbPoint || OGR_G_IsEmpty(g)) {
      throw InputError(ErrorCode::input_geometry, "not a point", ErrorContext{path, options.layer, where, ""});
    }
    out.points.push_back({OGR_G_GetX(g, 0), OGR_G_GetY(g, 0)});
    out.ids.push_back(id >= 0 ? text_of(f.get(), id) : std::to_string(OGR_F_GetFID(f.get())));
    out.row_refs.push_back(where);
    std::vector<std::string> row;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) row.push_back(text_of(f.get(), i));
    out.attributes.rows.push_back(std::move(row));
    out.attributes.row_lines.push_back(static_cast<std::size_t>(OGR_F_GetFID(f.get())));
  }
  if (out.points.empty())
    throw InputError(ErrorCode::input_value, "the layer has no points", ErrorContext{path, options.layer, "", ""});
  check_unique_ids(out, path);
  return out;
}

}  // namespace

bool is_osm_file(const std::string& path) {
  const std::string lower = util::to_lower_ascii(path);
  for (const char* suffix : {".osm", ".pbf", ".osm.bz2", ".osm.gz", ".o5m"}) {
    const std::string s(suffix);
    if (lower.size() >= s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0) return true;
  }
  return false;
}

model::Direction parse_oneway(const std::string& raw) {
  const std::string v = util::to_lower_ascii(util::trim(raw));
  if (v == "yes" || v == "1" || v == "true" || v == "f" || v == "ft" || v == "forward" || v == "正向" || v == "单向") {
    return model::Direction::forward;
  }
  if (v == "-1" || v == "reverse" || v == "t" || v == "tf" || v == "backward" || v == "反向") {
    return model::Direction::backward;
  }
  return model::Direction::both;
}

RoadSource read_roads(const std::string& path, const RoadLayerOptions& options) {
  return is_osm_file(path) ? read_osm_roads(path, options) : read_road_layer(path, options);
}

RoadSource read_road_layer(const std::string& path, const RoadLayerOptions& options) {
  const Dataset ds = open_vector(path);
  OGRLayerH layer = open_layer(ds.get(), path, options.layer);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const std::string layer_name = OGR_L_GetName(layer);
  const int class_field = options.class_field.empty()
                              ? first_field(defn, {"highway", "fclass", "class", "road_class", "type", "kind", "rclass",
                                                   "道路等级", "等级", "技术等级", "行政等级", "道路类型", "类型"})
                              : required_field(defn, options.class_field, path, layer_name);
  if (class_field < 0) {
    throw InputError(ErrorCode::input_missing, "no road class field found: name it with --class-field",
                     ErrorContext{path, layer_name, "", "class"});
  }
  const int oneway_field = options.oneway_field.empty() ? field_index(defn, "oneway")
                                                        : required_field(defn, options.oneway_field, path, layer_name);
  const int speed_field =
      options.speed_field.empty() ? -1 : required_field(defn, options.speed_field, path, layer_name);
  const int id_field = options.id_field.empty() ? -1 : required_field(defn, options.id_field, path, layer_name);

  RoadSource out;
  out.crs = layer_crs(layer);
  std::size_t bad_speed = 0, not_lines = 0;
  OGR_L_ResetReading(layer);
  while (Feature f{OGR_L_GetNextFeature(layer)}) {
    std::vector<std::vector<model::Point>> parts;
    add_line_parts(OGR_F_GetGeometryRef(f.get()), parts);
    if (parts.empty()) {
      ++not_lines;
      continue;
    }
    graph::RoadLine base;
    base.road_class = text_of(f.get(), class_field);
    if (oneway_field >= 0) base.direction = parse_oneway(text_of(f.get(), oneway_field));
    if (speed_field >= 0) {
      const auto v = util::parse_double(text_of(f.get(), speed_field));
      if (v && *v > 0) {
        base.speed_kmh = *v;
      } else {
        ++bad_speed;
      }
    }
    base.source_id = id_field >= 0 ? text_of(f.get(), id_field) : std::to_string(OGR_F_GetFID(f.get()));
    for (auto& part : parts) {
      graph::RoadLine line = base;
      line.points = std::move(part);
      out.lines.push_back(std::move(line));
    }
  }
  if (not_lines > 0) {
    out.findings.add(Severity::warning, "not_a_line",
                     std::to_string(not_lines) + " features without a line geometry were left out",
                     ErrorContext{path, layer_name, "", ""});
  }
  if (bad_speed > 0) {
    out.findings.add(Severity::warning, "bad_speed",
                     std::to_string(bad_speed) + " features have no positive speed: their class speed is used",
                     ErrorContext{path, layer_name, "", options.speed_field});
  }
  if (out.lines.empty())
    throw InputError(ErrorCode::input_value, "the layer has no lines", ErrorContext{path, layer_name, "", ""});
  return out;
}

PointLayer read_points(const std::string& path, const PointOptions& options) {
  return is_table_file(path) ? read_point_table(path, options) : read_point_layer(path, options);
}

}  // namespace quhua::io
