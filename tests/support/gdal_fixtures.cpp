#include "support/gdal_fixtures.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace quhua::test {
namespace {

OGRFieldType field_type(FixtureField::Type type) {
  switch (type) {
    case FixtureField::Type::integer: return OFTInteger64;
    case FixtureField::Type::real: return OFTReal;
    case FixtureField::Type::text: return OFTString;
  }
  return OFTString;
}

void check(bool ok, const std::string& what) {
  if (!ok) throw std::runtime_error("fixture: " + what + ": " + CPLGetLastErrorMsg());
}

void write_layer(GDALDatasetH ds, const FixtureLayer& layer, char** options) {
  OGRSpatialReferenceH srs = nullptr;
  if (!layer.crs.empty()) {
    srs = OSRNewSpatialReference(nullptr);
    check(OSRSetFromUserInput(srs, layer.crs.c_str()) == OGRERR_NONE, "crs " + layer.crs);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
  }
  OGRLayerH out = GDALDatasetCreateLayer(ds, layer.name.c_str(), srs, wkbUnknown, options);
  if (srs) OSRRelease(srs);
  check(out != nullptr, "create layer");
  for (const auto& field : layer.fields) {
    OGRFieldDefnH defn = OGR_Fld_Create(field.name.c_str(), field_type(field.type));
    if (field.type == FixtureField::Type::real) OGR_Fld_SetPrecision(defn, 6);
    check(OGR_L_CreateField(out, defn, TRUE) == OGRERR_NONE, "field " + field.name);
    OGR_Fld_Destroy(defn);
  }
  for (const auto& feature : layer.features) {
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(out));
    for (std::size_t i = 0; i < feature.values.size() && i < layer.fields.size(); ++i) {
      if (feature.values[i].empty()) continue;
      OGR_F_SetFieldString(f, static_cast<int>(i), feature.values[i].c_str());
    }
    if (!feature.wkt.empty()) {
      OGRGeometryH g = nullptr;
      char* text = const_cast<char*>(feature.wkt.c_str());
      check(OGR_G_CreateFromWkt(&text, nullptr, &g) == OGRERR_NONE, "wkt " + feature.wkt);
      OGR_F_SetGeometryDirectly(f, g);
    }
    check(OGR_L_CreateFeature(out, f) == OGRERR_NONE, "feature");
    OGR_F_Destroy(f);
  }
}

}  // namespace

void write_shapefile(const std::filesystem::path& path, const FixtureLayer& layer, ShapefileText text) {
  GDALAllRegister();
  GDALDriverH driver = GDALGetDriverByName("ESRI Shapefile");
  GDALDatasetH ds = GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  check(ds != nullptr, "create " + path.string());
  const bool gbk = text == ShapefileText::gbk_with_cpg || text == ShapefileText::gbk_without_cpg;
  const char* options[] = {gbk ? "ENCODING=CP936" : "ENCODING=UTF-8", nullptr};
  FixtureLayer named = layer;
  named.name = path.stem().string();
  write_layer(ds, named, const_cast<char**>(options));
  GDALClose(ds);
  if (text == ShapefileText::gbk_without_cpg || text == ShapefileText::utf8_without_cpg) {
    std::filesystem::remove(std::filesystem::path(path).replace_extension(".cpg"));
    // Byte 29 of a .dbf header is the language driver id (code page); ArcGIS often leaves it 0.
    std::fstream dbf(std::filesystem::path(path).replace_extension(".dbf"), std::ios::in | std::ios::out | std::ios::binary);
    dbf.seekp(29);
    dbf.put('\0');
  }
}

void write_gpkg(const std::filesystem::path& path, const std::vector<FixtureLayer>& layers) {
  GDALAllRegister();
  GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  check(ds != nullptr, "create " + path.string());
  for (const auto& layer : layers) write_layer(ds, layer, nullptr);
  GDALClose(ds);
}

std::string geojson_feature(const std::string& properties, const std::string& geometry) {
  return R"({"type":"Feature","properties":)" + properties + R"(,"geometry":)" + geometry + "}";
}

std::string geojson_collection(const std::vector<std::string>& features, const std::string& crs_name) {
  std::string out = R"({"type":"FeatureCollection",)";
  if (!crs_name.empty()) out += R"("crs":{"type":"name","properties":{"name":")" + crs_name + R"("}},)";
  out += R"("features":[)";
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (i) out += ",\n";
    out += features[i];
  }
  return out + "]}\n";
}

std::string geojson_square(double x0, double y0, double size) {
  char buffer[400];
  std::snprintf(buffer, sizeof buffer,
                R"({"type":"Polygon","coordinates":[[[%.10g,%.10g],[%.10g,%.10g],[%.10g,%.10g],[%.10g,%.10g],[%.10g,%.10g]]]})",
                x0, y0, x0 + size, y0, x0 + size, y0 + size, x0, y0 + size, x0, y0);
  return buffer;
}

}  // namespace quhua::test
