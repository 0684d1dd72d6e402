#include "quhua/io/vector_reader.hpp"

#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <map>

#include "quhua/io/gdal_support.hpp"
#include "quhua/io/import_findings.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::io {
namespace {

using detail::DatasetPtr;
using detail::FeaturePtr;
using detail::OgrGeometryPtr;

constexpr std::size_t k_max_gdal_warnings = 20;
constexpr const char* k_encoding_hint = "; pass --encoding GBK or --encoding UTF-8 to say how the file is encoded";

DatasetPtr open_dataset(const std::string& path, bool raw_text) {
  const char* raw_options[] = {"ENCODING=", nullptr};
  return DatasetPtr(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, raw_text ? raw_options : nullptr, nullptr));
}

/// The Shapefile's .shp path: `path` itself, or the layer's in a folder of Shapefiles.
std::filesystem::path shapefile_base(const std::string& path, const std::string& layer_name) {
  std::filesystem::path base(path);
  if (!base.has_extension()) base /= layer_name;
  return base;
}

/// True when the Shapefile has a sibling file with one of `extensions` (".cpg", ".CPG" ...).
bool has_sibling(const std::string& path, const std::string& layer_name,
                 std::initializer_list<const char*> extensions) {
  const std::filesystem::path base = shapefile_base(path, layer_name);
  for (const char* ext : extensions) {
    if (detail::path_exists(std::filesystem::path(base).replace_extension(ext).string())) return true;
  }
  return false;
}

/// True when a .cpg file sits beside the layer's .dbf (GDAL then recodes text to UTF-8 itself).
bool has_cpg(const std::string& path, const std::string& layer_name) {
  return has_sibling(path, layer_name, {".cpg", ".CPG", ".Cpg"});
}

void append_polygon(OGRGeometryH polygon, model::MultiPolygon& out) {
  const int rings = OGR_G_GetGeometryCount(polygon);
  model::Polygon part;
  for (int i = 0; i < rings; ++i) {
    OGRGeometryH ring = OGR_G_GetGeometryRef(polygon, i);
    const int n = ring ? OGR_G_GetPointCount(ring) : 0;
    model::Ring points(static_cast<std::size_t>(std::max(n, 0)));
    if (n > 0) {
      OGR_G_GetPoints(ring, &points[0].x, sizeof(model::Point), &points[0].y, sizeof(model::Point), nullptr, 0);
    }
    if (i == 0) {
      part.outer = std::move(points);
    } else if (!points.empty()) {
      part.holes.push_back(std::move(points));
    }
  }
  if (!part.outer.empty()) out.push_back(std::move(part));
}

void append_point(OGRGeometryH point, std::vector<model::Point>& out) {
  if (OGR_G_IsEmpty(point)) return;
  out.push_back({OGR_G_GetX(point, 0), OGR_G_GetY(point, 0)});
}

/// Collects polygonal and point parts; returns false when it meets anything else.
bool collect(OGRGeometryH g, FeatureGeometry& out, int depth) {
  const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(g));
  switch (type) {
    case wkbPolygon:
    case wkbTriangle: append_polygon(g, out.shape); return true;
    case wkbPoint: append_point(g, out.points); return true;
    case wkbMultiPolygon:
    case wkbMultiPoint:
    case wkbGeometryCollection: {
      if (depth > 8) return false;
      bool ok = true;
      for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i) ok = collect(OGR_G_GetGeometryRef(g, i), out, depth + 1) && ok;
      return ok;
    }
    case wkbPolyhedralSurface:
    case wkbTIN: {
      const OgrGeometryPtr multi(OGR_G_ForceToMultiPolygon(OGR_G_Clone(g)));
      return multi && collect(multi.get(), out, depth + 1);
    }
    default: return false;
  }
}

/// The first coordinate that is not finite or beyond k_max_coordinate, described; empty when none.
std::string bad_coordinate(const FeatureGeometry& g) {
  auto bad = [](const model::Point& p) {
    return !(std::abs(p.x) <= k_max_coordinate && std::abs(p.y) <= k_max_coordinate);
  };
  auto describe = [](const model::Point& p) {
    return "coordinate (" + util::general(p.x) + ", " + util::general(p.y) + ") is not a number or beyond +-1e10";
  };
  auto scan = [&](const std::vector<model::Point>& points) {
    const auto it = std::find_if(points.begin(), points.end(), bad);
    return it == points.end() ? std::string() : describe(*it);
  };
  for (const auto& polygon : g.shape) {
    if (auto found = scan(polygon.outer); !found.empty()) return found;
    for (const auto& hole : polygon.holes) {
      if (auto found = scan(hole); !found.empty()) return found;
    }
  }
  return scan(g.points);
}

FeatureGeometry read_geometry(OGRGeometryH g) {
  FeatureGeometry out;
  if (!g) return out;  // missing
  out.type_name = OGR_G_GetGeometryName(g);
  if (OGR_G_IsEmpty(g)) {
    out.state = GeometryState::empty;
    return out;
  }
  OgrGeometryPtr linear;
  if (OGR_G_HasCurveGeometry(g, TRUE)) {
    linear.reset(OGR_G_GetLinearGeometry(g, 0, nullptr));
    if (!linear) {
      out.state = GeometryState::other;
      return out;
    }
    g = linear.get();
  }
  const bool ok = collect(g, out, 0);
  if (!ok || (!out.shape.empty() && !out.points.empty())) {
    out.state = GeometryState::other;
    out.shape.clear();
    out.points.clear();
  } else if (out.damage = bad_coordinate(out); !out.damage.empty()) {
    out.state = GeometryState::damaged;
    out.shape.clear();
    out.points.clear();
  } else if (!out.shape.empty()) {
    out.state = GeometryState::polygonal;
  } else if (!out.points.empty()) {
    out.state = GeometryState::point;
  } else {
    out.state = GeometryState::empty;
  }
  return out;
}

util::Cell read_field(OGRFeatureH feature, int index, OGRFieldType type) {
  if (!OGR_F_IsFieldSetAndNotNull(feature, index)) return {};
  switch (type) {
    case OFTInteger:
    case OFTInteger64: return static_cast<std::int64_t>(OGR_F_GetFieldAsInteger64(feature, index));
    case OFTReal: return OGR_F_GetFieldAsDouble(feature, index);
    default: return std::string(OGR_F_GetFieldAsString(feature, index));
  }
}

/// Decodes many strings from `encoding` to UTF-8 in place. GB18030 is stateless and keeps NUL a single
/// byte, so all strings are converted in one iconv call joined by NULs; only when that fails are they
/// converted one by one to find the bad ones. Returns the indices of strings that failed (left as is).
std::vector<std::size_t> decode_all(std::vector<std::string*>& texts, util::Encoding encoding) {
  std::vector<std::size_t> failed;
  if (encoding == util::Encoding::utf8) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (!util::is_valid_utf8(*texts[i])) failed.push_back(i);
    }
    return failed;
  }
  std::string joined;
  for (const auto* text : texts) {
    joined += *text;
    joined += '\0';
  }
  bool batch_ok = true;
  try {
    const std::string decoded = util::to_utf8(joined, encoding);
    std::size_t start = 0;
    for (auto* text : texts) {
      const std::size_t end = decoded.find('\0', start);
      if (end == std::string::npos) {
        batch_ok = false;
        break;
      }
      *text = decoded.substr(start, end - start);
      start = end + 1;
    }
  } catch (const InputError&) {
    batch_ok = false;
  }
  if (batch_ok) return failed;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    try {
      *texts[i] = util::to_utf8(*texts[i], encoding);
    } catch (const InputError&) {
      failed.push_back(i);
    }
  }
  return failed;
}

/// Decodes a name whose last character was cut in two, dropping the partial bytes. False when that
/// is not what is wrong with it.
bool truncated_name(std::string& name, util::Encoding encoding) {
  for (std::size_t cut = 1; cut <= 3 && cut < name.size(); ++cut) {
    const std::string_view head(name.data(), name.size() - cut);
    try {
      std::string decoded = util::to_utf8(head, encoding);
      name = std::move(decoded);
      return true;
    } catch (const InputError&) {
      // try a shorter head
    }
  }
  return false;
}

struct TextRef {
  std::size_t row;    ///< SIZE_MAX for a field name
  std::size_t field;
};

/// Brings every string of the layer (field names and values) to UTF-8 and reports what cannot be.
void decode_text(VectorLayer& layer, bool raw, const VectorReadOptions& options, Findings& findings) {
  RecordSet& records = layer.records;
  std::vector<std::string*> texts;
  std::vector<TextRef> refs;
  for (std::size_t f = 0; f < records.fields.size(); ++f) {
    texts.push_back(&records.fields[f]);
    refs.push_back({SIZE_MAX, f});
  }
  for (std::size_t r = 0; r < records.rows.size(); ++r) {
    for (std::size_t f = 0; f < records.rows[r].size(); ++f) {
      if (auto* text = std::get_if<std::string>(&records.rows[r][f])) {
        texts.push_back(text);
        refs.push_back({r, f});
      }
    }
  }
  const bool all_utf8 = std::all_of(texts.begin(), texts.end(), [](const std::string* t) { return util::is_valid_utf8(*t); });
  std::optional<util::Encoding> encoding;
  if (raw) {
    // No .cpg (or --encoding given): GDAL handed us the bytes as stored in the .dbf.
    if (options.encoding) {
      encoding = options.encoding;
      layer.encoding_note = std::string(util::encoding_name(*encoding)) + " (--encoding)";
    } else {
      encoding = all_utf8 ? util::Encoding::utf8 : util::Encoding::gb18030;
      layer.encoding_note = std::string(all_utf8 ? "UTF-8" : "GBK/GB18030") + " (detected; no .cpg file)";
      findings.add(Severity::info, "encoding_detected",
                   "no .cpg file beside the .dbf; text read as " + std::string(all_utf8 ? "UTF-8" : "GBK/GB18030") +
                       " (override with --encoding)",
                   ErrorContext{records.file, records.layer, "", ""});
    }
  } else if (!all_utf8 && options.encoding) {
    // A format that should be UTF-8 but is not (GBK GeoJSON from some Chinese tools): the user said how.
    encoding = options.encoding;
    layer.encoding_note = std::string(util::encoding_name(*encoding)) + " (--encoding, text not UTF-8)";
  } else {
    encoding = util::Encoding::utf8;
    layer.encoding_note = layer.driver == "ESRI Shapefile" ? "as declared by the .cpg file" : "UTF-8";
  }
  // Only strings that are not yet valid UTF-8 need converting when the text is mixed (a format that is
  // UTF-8 by declaration, with some bad strings): decode those from the given encoding.
  std::vector<std::string*> to_decode;
  std::vector<TextRef> to_decode_refs;
  const bool decode_everything = raw && encoding != util::Encoding::utf8;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (decode_everything || !util::is_valid_utf8(*texts[i])) {
      to_decode.push_back(texts[i]);
      to_decode_refs.push_back(refs[i]);
    }
  }
  if (to_decode.empty()) return;
  const std::vector<std::size_t> failed = decode_all(to_decode, *encoding);
  for (const std::size_t i : failed) {
    const TextRef ref = to_decode_refs[i];
    if (ref.row == SIZE_MAX && truncated_name(records.fields[ref.field], *encoding)) {
      // A .dbf field name holds 10 bytes: a longer UTF-8 name loses the end of its last character.
      findings.add(Severity::warning, "field_name_truncated",
                   "field name cut short by the .dbf format's 10-byte limit; read as '" + records.fields[ref.field] + "'",
                   records.where_field(records.fields[ref.field]));
      continue;
    }
    const std::string field = ref.field < records.fields.size() && util::is_valid_utf8(records.fields[ref.field])
                                  ? records.fields[ref.field]
                                  : "#" + std::to_string(ref.field + 1);
    const std::string message =
        "text is not valid " + std::string(util::encoding_name(*encoding)) + k_encoding_hint;
    if (ref.row == SIZE_MAX) {
      findings.add(Severity::error, "text_undecodable", "field name: " + message, records.where_field(field));
      records.fields[ref.field] = field;
      for (auto& bad : records.row_bad) bad = 1;
    } else {
      findings.add(Severity::error, "text_undecodable", message, records.where(ref.row, field));
      records.rows[ref.row][ref.field] = std::monostate{};
      records.mark_bad(ref.row);
    }
  }
}

}  // namespace

std::vector<std::string> list_layers(const std::string& path) {
  detail::register_gdal();
  detail::GdalMessages messages;
  Findings ignored;
  if (!detail::path_exists(path)) fail(ignored, "file_not_found", "file not found", ErrorContext{path, "", "", ""});
  const DatasetPtr ds = open_dataset(path, false);
  if (!ds) {
    fail(ignored, "file_unreadable", "cannot open as a vector dataset: " + messages.last_error(),
         ErrorContext{path, "", "", ""});
  }
  std::vector<std::string> names;
  for (int i = 0; i < GDALDatasetGetLayerCount(ds.get()); ++i) {
    names.emplace_back(OGR_L_GetName(GDALDatasetGetLayer(ds.get(), i)));
  }
  return names;
}

VectorLayer read_vector_layer(const std::string& path, const VectorReadOptions& options, Findings& findings) {
  detail::register_gdal();
  detail::GdalMessages messages;
  const ErrorContext file_context{path, options.layer, "", ""};
  if (!detail::path_exists(path)) fail(findings, "file_not_found", "file not found", file_context);
  DatasetPtr ds = open_dataset(path, false);
  if (!ds) {
    fail(findings, "file_unreadable", "cannot open as a vector dataset: " + messages.last_error(), file_context);
  }
  VectorLayer out;
  out.driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
  const int layer_count = GDALDatasetGetLayerCount(ds.get());
  if (layer_count == 0) fail(findings, "layer_not_found", "the dataset has no layers", file_context);
  auto layer_names = [&] {
    std::vector<std::string> names;
    for (int i = 0; i < layer_count; ++i) names.emplace_back(OGR_L_GetName(GDALDatasetGetLayer(ds.get(), i)));
    return names;
  };
  std::string layer_name = options.layer;
  if (layer_name.empty()) {
    layer_name = OGR_L_GetName(GDALDatasetGetLayer(ds.get(), 0));
    if (layer_count > 1) {
      findings.add(Severity::info, "layer_chosen",
                   "the file has " + std::to_string(layer_count) + " layers (" + util::join(layer_names(), ", ") +
                       "); reading the first, '" + layer_name + "' (choose another with --layer)",
                   ErrorContext{path, layer_name, "", ""});
    }
  } else if (!GDALDatasetGetLayerByName(ds.get(), layer_name.c_str())) {
    fail(findings, "layer_not_found", "no layer '" + layer_name + "'; layers: " + util::join(layer_names(), ", "),
         file_context);
  }
  // A Shapefile's attributes live in its .dbf: without one GDAL reads the shapes with no fields at all,
  // and every field the import looks for would be "not found (fields: )".
  if (out.driver == "ESRI Shapefile" && !has_sibling(path, layer_name, {".dbf", ".DBF", ".Dbf"})) {
    fail(findings, "file_not_found",
         "the Shapefile's attribute table " +
             shapefile_base(path, layer_name).filename().replace_extension(".dbf").string() +
             " is missing (a Shapefile is several files: .shp, .shx, .dbf, and .prj/.cpg; copy them all)",
         file_context);
  }
  // Shapefiles without a .cpg: GDAL would guess ISO-8859-1 (or trust an often wrong LDID byte), turning
  // GBK names into mojibake. Read the raw bytes instead and decide here.
  const bool raw = out.driver == "ESRI Shapefile" && (options.encoding || !has_cpg(path, layer_name));
  if (raw) {
    ds = open_dataset(path, true);
    if (!ds) fail(findings, "file_unreadable", "cannot reopen: " + messages.last_error(), file_context);
  }
  OGRLayerH layer = GDALDatasetGetLayerByName(ds.get(), layer_name.c_str());
  if (!layer) fail(findings, "layer_not_found", "no layer '" + layer_name + "'", file_context);

  RecordSet& records = out.records;
  records.file = path;
  records.layer = layer_name;
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const int field_count = OGR_FD_GetFieldCount(defn);
  std::vector<OGRFieldType> types;
  for (int i = 0; i < field_count; ++i) {
    OGRFieldDefnH field = OGR_FD_GetFieldDefn(defn, i);
    records.fields.emplace_back(OGR_Fld_GetNameRef(field));
    types.push_back(OGR_Fld_GetType(field));
    records.numeric.push_back(types.back() == OFTInteger || types.back() == OFTInteger64 || types.back() == OFTReal);
  }
  out.has_geometry_field = OGR_FD_GetGeomFieldCount(defn) > 0;
  out.crs = detail::crs_definition(OGR_L_GetSpatialRef(layer));

  OGR_L_ResetReading(layer);
  std::size_t errors_seen = 0;
  auto new_errors = [&] {
    std::vector<std::string> fresh(messages.errors().begin() + static_cast<std::ptrdiff_t>(errors_seen),
                                   messages.errors().end());
    errors_seen = messages.errors().size();
    return fresh;
  };
  std::vector<std::string> layer_errors = new_errors();  // GDAL errors that belong to no one feature's geometry
  while (FeaturePtr feature{OGR_L_GetNextFeature(layer)}) {
    std::vector<util::Cell> row;
    row.reserve(static_cast<std::size_t>(field_count));
    for (int i = 0; i < field_count; ++i) row.push_back(read_field(feature.get(), i, types[static_cast<std::size_t>(i)]));
    records.rows.push_back(std::move(row));
    const GIntBig fid = OGR_F_GetFID(feature.get());
    records.row_ids.push_back(fid == OGRNullFID ? std::to_string(records.rows.size() - 1) : std::to_string(fid));
    out.geometries.push_back(read_geometry(OGR_F_GetGeometryRef(feature.get())));
    // A geometry GDAL could not decode (a corrupt GeoPackage blob) comes back as none, with an error
    // raised while reading this feature: damaged, not missing.
    auto fresh = new_errors();
    if (!fresh.empty() && out.geometries.back().state == GeometryState::missing) {
      out.geometries.back().state = GeometryState::damaged;
      out.geometries.back().damage = util::join(fresh, "; ");
    } else {
      layer_errors.insert(layer_errors.end(), fresh.begin(), fresh.end());
    }
  }
  for (auto& e : new_errors()) layer_errors.push_back(std::move(e));
  records.row_bad.assign(records.rows.size(), 0);
  if (!layer_errors.empty()) {
    // GDAL stops a layer at a record it cannot read: what was read so far is all there is.
    findings.add(Severity::error, "layer_read_error",
                 "reading stopped after " + std::to_string(records.size()) + " features: " + layer_errors.front(),
                 ErrorContext{path, layer_name, "", ""});
  }
  std::map<std::string, std::size_t> warning_counts;
  for (const auto& w : messages.warnings()) ++warning_counts[w];
  std::size_t reported = 0;
  for (const auto& [text, count] : warning_counts) {
    if (++reported > k_max_gdal_warnings) break;
    findings.add(Severity::warning, "gdal_warning", count > 1 ? text + " (" + std::to_string(count) + " times)" : text,
                 ErrorContext{path, layer_name, "", ""});
  }
  decode_text(out, raw, options, findings);
  return out;
}

}  // namespace quhua::io
