#include "quhua/io/layer_writer.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <gtest/gtest.h>

#include <cmath>

#include "quhua/geometry/projection.hpp"
#include "quhua/util/error.hpp"
#include "support/test_support.hpp"

namespace quhua::io {
namespace {

const std::string k_working = "+proj=aea +lat_0=30 +lon_0=104 +lat_1=29 +lat_2=31 +ellps=GRS80 +units=m +no_defs";

OutputLayer sample_layer() {
  OutputLayer layer;
  layer.name = "units";
  layer.crs = k_working;
  layer.fields = {"code", "name", "population", "gdp"};
  model::MultiPolygon square{model::Polygon{{{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}},
                                            {{{100, 100}, {100, 200}, {200, 200}, {200, 100}, {100, 100}}}}};
  layer.features.push_back({square, {std::string("510104001"), std::string("城关镇"), std::int64_t{12345}, 1.5}});
  layer.features.push_back({std::monostate{}, {std::string("510104002"), std::string("无图形"), std::monostate{},
                                               std::nan("")}});
  return layer;
}

struct Opened {
  GDALDatasetH ds = nullptr;
  ~Opened() {
    if (ds) GDALClose(ds);
  }
};

}  // namespace

TEST(LayerWriter, GeoJsonIsWgs84WithEveryAttribute) {
  test::TempDir dir;
  write_layer(dir / "u.geojson", sample_layer());
  GDALAllRegister();
  Opened o{GDALOpenEx((dir / "u.geojson").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)};
  ASSERT_TRUE(o.ds);
  OGRLayerH layer = GDALDatasetGetLayer(o.ds, 0);
  ASSERT_EQ(OGR_L_GetFeatureCount(layer, TRUE), 2);
  OGRFeatureH f = OGR_L_GetNextFeature(layer);
  EXPECT_STREQ(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "name")), "城关镇");
  EXPECT_EQ(OGR_F_GetFieldAsInteger64(f, OGR_F_GetFieldIndex(f, "population")), 12345);
  OGRGeometryH g = OGR_F_GetGeometryRef(f);
  ASSERT_TRUE(g);
  OGREnvelope env;
  OGR_G_GetEnvelope(g, &env);
  // lon_0 = 104, lat_0 = 30: the square starts at the origin of the projection.
  EXPECT_NEAR(env.MinX, 104.0, 1e-6);
  EXPECT_NEAR(env.MinY, 30.0, 1e-6);
  EXPECT_NEAR(env.MaxX - env.MinX, 1000 / (111320 * std::cos(30 * M_PI / 180)), 1e-4);
  OGRGeometryH polygon = wkbFlatten(OGR_G_GetGeometryType(g)) == wkbMultiPolygon ? OGR_G_GetGeometryRef(g, 0) : g;
  EXPECT_EQ(OGR_G_GetGeometryCount(polygon), 2);  // shell and hole
  OGR_F_Destroy(f);
  f = OGR_L_GetNextFeature(layer);
  EXPECT_FALSE(OGR_F_GetGeometryRef(f));
  EXPECT_FALSE(OGR_F_IsFieldSetAndNotNull(f, OGR_F_GetFieldIndex(f, "gdp")));
  OGR_F_Destroy(f);
  EXPECT_EQ(test::read_file(dir / "u.geojson").find("\"crs\""), std::string::npos) << "RFC 7946 has no crs member";
}

TEST(LayerWriter, GeoPackageKeepsTheWorkingCrsAndSeveralLayers) {
  test::TempDir dir;
  OutputLayer seats;
  seats.name = "seats";
  seats.crs = k_working;
  seats.fields = {"code"};
  seats.features.push_back({model::Point{500, 500}, {std::string("510104001")}});
  const std::vector<OutputLayer> layers{sample_layer(), seats};
  write_layers(dir / "u.gpkg", layers);
  GDALAllRegister();
  Opened o{GDALOpenEx((dir / "u.gpkg").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)};
  ASSERT_TRUE(o.ds);
  ASSERT_EQ(GDALDatasetGetLayerCount(o.ds), 2);
  OGRLayerH units = GDALDatasetGetLayerByName(o.ds, "units");
  ASSERT_TRUE(units);
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(units);
  ASSERT_TRUE(srs);
  EXPECT_TRUE(OSRIsProjected(srs));
  OGRFeatureH f = OGR_L_GetNextFeature(units);
  OGREnvelope env;
  OGR_G_GetEnvelope(OGR_F_GetGeometryRef(f), &env);
  EXPECT_NEAR(env.MaxX, 1000, 1e-6);
  OGR_F_Destroy(f);
  OGRLayerH points = GDALDatasetGetLayerByName(o.ds, "seats");
  ASSERT_TRUE(points);
  EXPECT_EQ(wkbFlatten(OGR_L_GetGeomType(points)), wkbPoint);
}

TEST(LayerWriter, GeoPackageCanBeWrittenInAnotherCrs) {
  test::TempDir dir;
  write_layer(dir / "u.gpkg", sample_layer(), {"EPSG:4490"});
  GDALAllRegister();
  Opened o{GDALOpenEx((dir / "u.gpkg").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)};
  OGRLayerH layer = GDALDatasetGetLayer(o.ds, 0);
  EXPECT_STREQ(OSRGetAuthorityCode(OGR_L_GetSpatialRef(layer), nullptr), "4490");
  OGREnvelope env;
  OGR_L_GetExtent(layer, &env, TRUE);
  EXPECT_NEAR(env.MinX, 104.0, 1e-6);
}

TEST(LayerWriter, FieldNamesEqualButForCaseAreAllKept) {
  test::TempDir dir;
  OutputLayer layer = sample_layer();
  layer.fields = {"code", "CODE", "name", "gdp"};
  write_layer(dir / "u.geojson", layer);
  GDALAllRegister();
  Opened o{GDALOpenEx((dir / "u.geojson").c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)};
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(GDALDatasetGetLayer(o.ds, 0));
  ASSERT_EQ(OGR_FD_GetFieldCount(defn), 4);
  EXPECT_STREQ(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, 1)), "CODE_2");
}

TEST(LayerWriter, BadTargetsFailWithoutLeavingFiles) {
  test::TempDir dir;
  EXPECT_THROW(write_layer(dir / "u.shp", sample_layer()), UsageError);
  const std::vector<OutputLayer> two{sample_layer(), sample_layer()};
  EXPECT_THROW(write_layers(dir / "u.geojson", two), UsageError);
  test::write_file(dir / "file", "x");
  EXPECT_THROW(write_layer(dir / "file" / "u.geojson", sample_layer()), StorageError);  // a write failure: exit 4
  OutputLayer far = sample_layer();
  far.features[0].geometry = model::MultiPolygon{model::Polygon{{{0, 0}, {1e30, 0}, {0, 1e30}, {0, 0}}, {}}};
  EXPECT_THROW(write_layer(dir / "far.geojson", far), InputError);
  EXPECT_FALSE(std::filesystem::exists(dir / "far.geojson"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

}  // namespace quhua::io
