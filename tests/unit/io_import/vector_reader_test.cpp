#include "quhua/io/vector_reader.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/test_support.hpp"

namespace quhua::io {
namespace {

using test::FixtureField;
using test::ShapefileText;

test::FixtureLayer townships() {
  test::FixtureLayer layer;
  layer.crs = "EPSG:4490";
  layer.fields = {{"代码", FixtureField::Type::text}, {"名称", FixtureField::Type::text}, {"人口", FixtureField::Type::integer}};
  layer.features = {
      {"POLYGON ((104 30,104.1 30,104.1 30.1,104 30.1,104 30))", {"510104001", "城关镇", "12345"}},
      {"POLYGON ((104.1 30,104.2 30,104.2 30.1,104.1 30.1,104.1 30))", {"510104002", "龙泉驿街道", "6789"}},
  };
  return layer;
}

std::size_t count(const Findings& findings, std::string_view kind) { return findings.count_kind(kind); }

}  // namespace

TEST(VectorReader, GbkShapefileWithoutCpgComesOutAsUtf8) {
  test::TempDir dir;
  test::write_shapefile(dir / "t.shp", townships(), ShapefileText::gbk_without_cpg);
  ASSERT_FALSE(std::filesystem::exists(dir / "t.cpg"));
  Findings findings;
  const VectorLayer layer = read_vector_layer((dir / "t.shp").string(), {}, findings);
  ASSERT_EQ(layer.records.fields.size(), 3u);
  EXPECT_EQ(layer.records.fields[0], "代码");
  EXPECT_EQ(layer.records.fields[1], "名称");
  ASSERT_EQ(layer.records.size(), 2u);
  EXPECT_EQ(std::get<std::string>(layer.records.rows[0][1]), "城关镇");
  EXPECT_EQ(std::get<std::string>(layer.records.rows[1][1]), "龙泉驿街道");
  EXPECT_EQ(std::get<std::int64_t>(layer.records.rows[0][2]), 12345);
  EXPECT_EQ(count(findings, "encoding_detected"), 1u);
  EXPECT_NE(layer.encoding_note.find("GBK"), std::string::npos);
  EXPECT_EQ(findings.count(Severity::error), 0u);
  EXPECT_EQ(layer.geometries[0].state, GeometryState::polygonal);
  EXPECT_EQ(layer.crs, "EPSG:4490");
}

TEST(VectorReader, CpgIsHonoured) {
  test::TempDir dir;
  test::write_shapefile(dir / "gbk.shp", townships(), ShapefileText::gbk_with_cpg);
  test::write_shapefile(dir / "utf8.shp", townships(), ShapefileText::utf8_with_cpg);
  for (const char* name : {"gbk.shp", "utf8.shp"}) {
    Findings findings;
    const VectorLayer layer = read_vector_layer((dir / name).string(), {}, findings);
    EXPECT_EQ(std::get<std::string>(layer.records.rows[0][1]), "城关镇") << name;
    EXPECT_EQ(count(findings, "encoding_detected"), 0u) << name;
    EXPECT_EQ(findings.count(Severity::error), 0u) << name;
  }
}

TEST(VectorReader, Utf8ShapefileWithoutCpgIsDetected) {
  test::TempDir dir;
  test::write_shapefile(dir / "t.shp", townships(), ShapefileText::utf8_without_cpg);
  Findings findings;
  const VectorLayer layer = read_vector_layer((dir / "t.shp").string(), {}, findings);
  EXPECT_EQ(std::get<std::string>(layer.records.rows[1][1]), "龙泉驿街道");
  EXPECT_NE(layer.encoding_note.find("UTF-8"), std::string::npos);
}

TEST(VectorReader, WrongEncodingGivenIsAnErrorNamingFeatureAndField) {
  test::TempDir dir;
  test::write_shapefile(dir / "t.shp", townships(), ShapefileText::gbk_without_cpg);
  Findings findings;
  VectorLayer layer = read_vector_layer((dir / "t.shp").string(), {"", util::Encoding::utf8}, findings);
  ASSERT_GE(count(findings, "text_undecodable"), 1u);
  const Finding* value = nullptr;
  for (const auto& f : findings.items()) {
    if (f.kind == "text_undecodable" && !f.where.feature.empty()) {
      value = &f;
      break;
    }
  }
  ASSERT_TRUE(value);
  EXPECT_EQ(value->severity, Severity::error);
  EXPECT_EQ(value->where.file, (dir / "t.shp").string());
  EXPECT_EQ(value->where.feature, "0");
  EXPECT_EQ(value->where.field, "#2");  // the field name is GBK too, so it is named by position
  EXPECT_NE(value->message.find("--encoding"), std::string::npos);
  EXPECT_TRUE(layer.records.row_bad[0]);
}

TEST(VectorReader, CpgThatLiesIsCaught) {
  test::TempDir dir;
  test::write_shapefile(dir / "t.shp", townships(), ShapefileText::gbk_without_cpg);
  test::write_file(dir / "t.cpg", "UTF-8");
  Findings findings;
  read_vector_layer((dir / "t.shp").string(), {}, findings);
  EXPECT_GE(count(findings, "text_undecodable"), 1u);
  // --encoding overrides the .cpg.
  Findings fixed;
  const VectorLayer layer = read_vector_layer((dir / "t.shp").string(), {"", util::Encoding::gb18030}, fixed);
  EXPECT_EQ(fixed.count(Severity::error), 0u);
  EXPECT_EQ(std::get<std::string>(layer.records.rows[0][1]), "城关镇");
}

TEST(VectorReader, GbkBytesInGeoJsonNeedEncoding) {
  test::TempDir dir;
  // "城关镇" in GBK inside a GeoJSON string.
  const std::string gbk_name = "\xB3\xC7\xB9\xD8\xD5\xF2";
  test::write_file(dir / "t.geojson", test::geojson_collection({test::geojson_feature(
                                          R"({"code":"510104001","name":")" + gbk_name + R"("})",
                                          test::geojson_square(104, 30, 0.1))}));
  Findings findings;
  read_vector_layer((dir / "t.geojson").string(), {}, findings);
  ASSERT_EQ(count(findings, "text_undecodable"), 1u);
  EXPECT_EQ(findings.items().back().where.field, "name");
  Findings decoded;
  const VectorLayer layer = read_vector_layer((dir / "t.geojson").string(), {"", util::Encoding::gb18030}, decoded);
  EXPECT_EQ(std::get<std::string>(layer.records.rows[0][1]), "城关镇");
}

TEST(VectorReader, HolesMultipolygonsPointsAndEmptiesAreKeptApart) {
  test::TempDir dir;
  test::write_file(
      dir / "t.geojson",
      test::geojson_collection({
          test::geojson_feature(R"({"id":1})",
                                R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]]})"),
          test::geojson_feature(R"({"id":2})",
                                R"({"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]})"),
          test::geojson_feature(R"({"id":3})", R"({"type":"Point","coordinates":[1,2]})"),
          test::geojson_feature(R"({"id":4})", R"({"type":"LineString","coordinates":[[1,2],[3,4]]})"),
          test::geojson_feature(R"({"id":5})", "null"),
          test::geojson_feature(R"({"id":6})", R"({"type":"Polygon","coordinates":[]})"),
      }));
  Findings findings;
  const VectorLayer layer = read_vector_layer((dir / "t.geojson").string(), {}, findings);
  ASSERT_EQ(layer.geometries.size(), 6u);
  EXPECT_EQ(layer.geometries[0].state, GeometryState::polygonal);
  ASSERT_EQ(layer.geometries[0].shape.size(), 1u);
  EXPECT_EQ(layer.geometries[0].shape[0].holes.size(), 1u);
  EXPECT_EQ(layer.geometries[1].shape.size(), 2u);
  EXPECT_EQ(layer.geometries[2].state, GeometryState::point);
  EXPECT_EQ(layer.geometries[3].state, GeometryState::other);
  EXPECT_EQ(layer.geometries[3].type_name, "LINESTRING");
  EXPECT_EQ(layer.geometries[4].state, GeometryState::missing);
  EXPECT_NE(layer.geometries[5].state, GeometryState::polygonal);  // GDAL reads empty coordinates as no geometry
}

TEST(VectorReader, EmptyGeometryIsTold) {
  test::TempDir dir;
  test::FixtureLayer layer;
  layer.fields = {{"code"}};
  layer.features = {{"POLYGON EMPTY", {"1"}}, {"MULTIPOLYGON EMPTY", {"2"}}, {"", {"3"}}};
  test::write_gpkg(dir / "t.gpkg", {layer});
  Findings findings;
  const VectorLayer read = read_vector_layer((dir / "t.gpkg").string(), {}, findings);
  EXPECT_EQ(read.geometries[0].state, GeometryState::empty);
  EXPECT_EQ(read.geometries[1].state, GeometryState::empty);
  EXPECT_EQ(read.geometries[2].state, GeometryState::missing);
}

TEST(VectorReader, CurvesAreLinearised) {
  test::TempDir dir;
  test::FixtureLayer layer;
  layer.fields = {{"code"}};
  layer.features = {{"CURVEPOLYGON (CIRCULARSTRING (0 0,1 1,2 0,1 -1,0 0))", {"1"}}};
  test::write_gpkg(dir / "t.gpkg", {layer});
  Findings findings;
  const VectorLayer read = read_vector_layer((dir / "t.gpkg").string(), {}, findings);
  ASSERT_EQ(read.geometries[0].state, GeometryState::polygonal);
  EXPECT_GT(read.geometries[0].shape[0].outer.size(), 16u);
}

TEST(VectorReader, MissingFileUnreadableFileAndMissingLayerAreNamed) {
  test::TempDir dir;
  Findings findings;
  try {
    read_vector_layer((dir / "none.shp").string(), {}, findings);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_missing);
    EXPECT_EQ(e.context().file, (dir / "none.shp").string());
  }
  EXPECT_EQ(count(findings, "file_not_found"), 1u);
  test::write_file(dir / "bad.geojson", "{ not json");
  EXPECT_THROW(read_vector_layer((dir / "bad.geojson").string(), {}, findings), InputError);
  EXPECT_EQ(count(findings, "file_unreadable"), 1u);

  test::FixtureLayer a = townships(), b = townships();
  a.name = "towns";
  b.name = "villages";
  test::write_gpkg(dir / "two.gpkg", {a, b});
  try {
    read_vector_layer((dir / "two.gpkg").string(), {"counties", {}}, findings);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("towns, villages"), std::string::npos);
  }
  EXPECT_EQ(count(findings, "layer_not_found"), 1u);
  Findings chosen;
  const VectorLayer first = read_vector_layer((dir / "two.gpkg").string(), {}, chosen);
  EXPECT_EQ(first.records.layer, "towns");
  EXPECT_EQ(count(chosen, "layer_chosen"), 1u);
  EXPECT_EQ(read_vector_layer((dir / "two.gpkg").string(), {"villages", {}}, chosen).records.layer, "villages");
}

}  // namespace quhua::io
