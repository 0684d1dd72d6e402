#include "quhua/io/layer_writer.hpp"

#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "quhua/geometry/projection.hpp"
#include "quhua/io/gdal_support.hpp"
#include "quhua/util/atomic_file.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::io {
namespace {

using detail::DatasetPtr;
using detail::FeaturePtr;
using detail::OgrGeometryPtr;
using detail::SpatialReferencePtr;

[[noreturn]] void write_failed(const std::filesystem::path& path, const std::string& layer, const std::string& what,
                               const detail::GdalMessages& messages) {
  throw StorageError(what + ": " + messages.last_error(), ErrorContext{path.string(), layer, "", ""});
}

OGRFieldType column_type(const OutputLayer& layer, std::size_t column) {
  bool any = false, all_integer = true, all_number = true;
  for (const auto& feature : layer.features) {
    if (column >= feature.values.size()) continue;
    const util::Cell& cell = feature.values[column];
    if (std::holds_alternative<std::monostate>(cell)) continue;
    any = true;
    if (std::holds_alternative<std::string>(cell)) return OFTString;
    if (std::holds_alternative<double>(cell)) all_integer = false;
  }
  if (!any) return OFTString;
  if (all_integer) return OFTInteger64;
  return all_number ? OFTReal : OFTString;
}

OGRGeometryH make_ring(const model::Ring& ring) {
  OGRGeometryH out = OGR_G_CreateGeometry(wkbLinearRing);
  if (!ring.empty()) {
    OGR_G_SetPoints(out, static_cast<int>(ring.size()), &ring[0].x, sizeof(model::Point), &ring[0].y,
                    sizeof(model::Point), nullptr, 0);
    if (!(ring.front() == ring.back())) OGR_G_AddPoint_2D(out, ring.front().x, ring.front().y);
  }
  return out;
}

OgrGeometryPtr make_geometry(const LayerGeometry& geometry) {
  if (const auto* point = std::get_if<model::Point>(&geometry)) {
    OgrGeometryPtr out(OGR_G_CreateGeometry(wkbPoint));
    OGR_G_SetPoint_2D(out.get(), 0, point->x, point->y);
    return out;
  }
  if (const auto* line = std::get_if<Polyline>(&geometry)) {
    OgrGeometryPtr out(OGR_G_CreateGeometry(wkbLineString));
    if (!line->points.empty()) {
      OGR_G_SetPoints(out.get(), static_cast<int>(line->points.size()), &line->points[0].x, sizeof(model::Point),
                      &line->points[0].y, sizeof(model::Point), nullptr, 0);
    }
    return out;
  }
  if (const auto* shape = std::get_if<model::MultiPolygon>(&geometry)) {
    OgrGeometryPtr out(OGR_G_CreateGeometry(wkbMultiPolygon));
    for (const auto& polygon : *shape) {
      OGRGeometryH part = OGR_G_CreateGeometry(wkbPolygon);
      OGR_G_AddGeometryDirectly(part, make_ring(polygon.outer));
      for (const auto& hole : polygon.holes) OGR_G_AddGeometryDirectly(part, make_ring(hole));
      OGR_G_AddGeometryDirectly(out.get(), part);
    }
    return out;
  }
  return nullptr;
}

OGRwkbGeometryType layer_geometry_type(const OutputLayer& layer) {
  bool points = false, lines = false, polygons = false;
  for (const auto& feature : layer.features) {
    points = points || std::holds_alternative<model::Point>(feature.geometry);
    lines = lines || std::holds_alternative<Polyline>(feature.geometry);
    polygons = polygons || std::holds_alternative<model::MultiPolygon>(feature.geometry);
  }
  if (int(points) + int(lines) + int(polygons) > 1) return wkbUnknown;
  if (points) return wkbPoint;
  if (lines) return wkbLineString;
  if (polygons) return wkbMultiPolygon;
  return wkbNone;
}

/// The layer's geometry moved into `target_crs` (a copy; the caller's layer is left alone).
std::vector<LayerGeometry> transformed_geometry(const OutputLayer& layer, const std::string& target_crs,
                                                const std::filesystem::path& path) {
  std::vector<LayerGeometry> out;
  out.reserve(layer.features.size());
  std::optional<geometry::Projector> projector;
  if (!layer.crs.empty() && !target_crs.empty() && !geometry::same_crs(layer.crs, target_crs)) {
    projector.emplace(layer.crs, target_crs);
  }
  for (std::size_t i = 0; i < layer.features.size(); ++i) {
    LayerGeometry geometry = layer.features[i].geometry;
    if (projector) {
      bool ok = true;
      if (auto* point = std::get_if<model::Point>(&geometry)) {
        ok = projector->forward(std::span<model::Point>(point, 1));
      } else if (auto* line = std::get_if<Polyline>(&geometry)) {
        ok = projector->forward(std::span<model::Point>(line->points));
      } else if (auto* shape = std::get_if<model::MultiPolygon>(&geometry)) {
        ok = projector->forward(*shape);
      }
      if (!ok) {
        throw InputError(ErrorCode::input_crs, "coordinates cannot be transformed to " + target_crs,
                         ErrorContext{path.string(), layer.name, std::to_string(i), ""});
      }
    }
    out.push_back(std::move(geometry));
  }
  return out;
}

/// Field names as written: GeoPackage and GeoJSON readers match names without regard to case, so
/// names equal but for case get a suffix ("area", "AREA" -> "area", "AREA_2"); nothing is dropped.
std::vector<std::string> unique_field_names(const std::vector<std::string>& fields) {
  std::vector<std::string> out;
  std::vector<std::string> lower;
  for (const auto& field : fields) {
    std::string name = field.empty() ? "field" : field;
    for (int n = 2; std::find(lower.begin(), lower.end(), util::to_lower_ascii(name)) != lower.end(); ++n) {
      name = (field.empty() ? "field" : field) + "_" + std::to_string(n);
    }
    lower.push_back(util::to_lower_ascii(name));
    out.push_back(std::move(name));
  }
  return out;
}

void write_one(GDALDatasetH ds, const OutputLayer& layer, LayerFormat format, const std::string& target_crs,
               const std::filesystem::path& path, detail::GdalMessages& messages) {
  const std::vector<std::string> field_names = unique_field_names(layer.fields);
  const std::vector<LayerGeometry> geometries = transformed_geometry(layer, target_crs, path);
  SpatialReferencePtr srs;
  const OGRwkbGeometryType geometry_type = layer_geometry_type(layer);
  if (geometry_type != wkbNone && !target_crs.empty()) {
    srs.reset(OSRNewSpatialReference(nullptr));
    if (OSRSetFromUserInput(srs.get(), target_crs.c_str()) != OGRERR_NONE) {
      throw InputError(ErrorCode::input_crs, "GDAL does not understand the CRS '" + target_crs + "'",
                       ErrorContext{path.string(), layer.name, "", ""});
    }
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  }
  std::vector<const char*> options;
  if (format == LayerFormat::geojson) {
    options = {"RFC7946=YES", "WRITE_NAME=NO", nullptr};
  } else {
    options = {"SPATIAL_INDEX=YES", nullptr};
  }
  OGRLayerH out = GDALDatasetCreateLayer(ds, layer.name.empty() ? "layer" : layer.name.c_str(), srs.get(),
                                         geometry_type, const_cast<char**>(options.data()));
  if (!out) write_failed(path, layer.name, "cannot create the layer", messages);
  for (std::size_t c = 0; c < layer.fields.size(); ++c) {
    OGRFieldDefnH field = OGR_Fld_Create(field_names[c].c_str(), column_type(layer, c));
    const OGRErr err = OGR_L_CreateField(out, field, TRUE);
    OGR_Fld_Destroy(field);
    if (err != OGRERR_NONE) write_failed(path, layer.name, "cannot create field '" + layer.fields[c] + "'", messages);
  }
  if (OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(out)) != static_cast<int>(layer.fields.size())) {
    write_failed(path, layer.name, "the driver did not create every field", messages);
  }
  const bool transaction = OGR_L_TestCapability(out, OLCTransactions) && OGR_L_StartTransaction(out) == OGRERR_NONE;
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(out);
  for (std::size_t i = 0; i < layer.features.size(); ++i) {
    const OutputFeature& feature = layer.features[i];
    const FeaturePtr f(OGR_F_Create(defn));
    for (std::size_t c = 0; c < layer.fields.size() && c < feature.values.size(); ++c) {
      const int index = static_cast<int>(c);
      const util::Cell& cell = feature.values[c];
      const OGRFieldType type = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, index));
      if (std::holds_alternative<std::monostate>(cell)) {
        OGR_F_SetFieldNull(f.get(), index);
      } else if (const auto* text = std::get_if<std::string>(&cell)) {
        OGR_F_SetFieldString(f.get(), index, text->c_str());
      } else if (type == OFTString) {
        OGR_F_SetFieldString(f.get(), index, util::cell_text(cell).c_str());
      } else if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
        OGR_F_SetFieldInteger64(f.get(), index, *integer);
      } else if (const auto* real = std::get_if<double>(&cell); real && std::isfinite(*real)) {
        OGR_F_SetFieldDouble(f.get(), index, *real);
      } else {
        OGR_F_SetFieldNull(f.get(), index);
      }
    }
    if (OgrGeometryPtr g = make_geometry(geometries[i])) OGR_F_SetGeometryDirectly(f.get(), g.release());
    if (OGR_L_CreateFeature(out, f.get()) != OGRERR_NONE) {
      write_failed(path, layer.name, "cannot write feature " + std::to_string(i), messages);
    }
  }
  if (transaction && OGR_L_CommitTransaction(out) != OGRERR_NONE) {
    write_failed(path, layer.name, "cannot commit the layer", messages);
  }
}

}  // namespace

std::optional<LayerFormat> layer_format_from(const std::filesystem::path& path) {
  const std::string ext = util::to_lower_ascii(path.extension().string());
  if (ext == ".geojson") return LayerFormat::geojson;
  if (ext == ".gpkg") return LayerFormat::gpkg;
  return std::nullopt;
}

void write_layers(const std::filesystem::path& path, std::span<const OutputLayer> layers,
                  const LayerWriteOptions& options) {
  const auto format = layer_format_from(path);
  if (!format) throw UsageError("cannot write a layer as '" + path.string() + "': use .geojson or .gpkg");
  if (*format == LayerFormat::geojson && layers.size() != 1) {
    throw UsageError("GeoJSON holds one layer; write " + std::to_string(layers.size()) + " layers as .gpkg");
  }
  detail::register_gdal();
  util::write_atomically(path, [&](const std::filesystem::path& temp) {
    detail::GdalMessages messages;
    GDALDriverH driver = GDALGetDriverByName(*format == LayerFormat::geojson ? "GeoJSON" : "GPKG");
    if (!driver) throw InternalError("GDAL was built without the GeoJSON or GPKG driver");
    DatasetPtr ds(GDALCreate(driver, temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) write_failed(path, "", "cannot create the file", messages);
    for (const OutputLayer& layer : layers) {
      const std::string target =
          *format == LayerFormat::geojson ? geometry::k_wgs84 : (options.crs.empty() ? layer.crs : options.crs);
      write_one(ds.get(), layer, *format, target, path, messages);
    }
    // Closing flushes: a failure here (full disk) must not pass as success.
    messages.clear();
    GDALClose(ds.release());
    if (!messages.errors().empty()) write_failed(path, "", "cannot finish writing the file", messages);
  });
}

void write_layer(const std::filesystem::path& path, const OutputLayer& layer, const LayerWriteOptions& options) {
  write_layers(path, std::span<const OutputLayer>(&layer, 1), options);
}

}  // namespace quhua::io
