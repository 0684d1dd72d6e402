// service::import_units on Shapefiles (encodings, missing .prj), GeoPackages in Gauss-Kruger, TOML
// mappings and tables without geometry.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "import_test_support.hpp"
#include "quhua/geometry/projection.hpp"
#include "quhua/service/import_units.hpp"

namespace quhua::service {
namespace {

using test::FixtureField;
using testing::find;
using testing::import_failure;

/// Two townships as 0.1-degree squares at 104E 30N, in lon/lat or (`crs` given) in that CRS.
test::FixtureLayer townships(const std::string& crs = "EPSG:4490") {
  test::FixtureLayer layer;
  layer.crs = crs;
  layer.fields = {{"XZQDM"}, {"XZQMC"}, {"常住人口", FixtureField::Type::integer}};
  std::vector<std::pair<double, double>> corners{{104.0, 30.0}, {104.1, 30.0}};
  std::optional<geometry::Projector> projector;
  if (crs != "EPSG:4490" && !crs.empty()) projector.emplace("EPSG:4490", crs);
  int i = 0;
  for (const auto& [lon, lat] : corners) {
    std::vector<model::Point> ring{{lon, lat}, {lon + 0.1, lat}, {lon + 0.1, lat + 0.1}, {lon, lat + 0.1}, {lon, lat}};
    if (projector) projector->forward(ring);
    std::string wkt = "POLYGON ((";
    for (std::size_t k = 0; k < ring.size(); ++k) {
      if (k) wkt += ",";
      wkt += std::to_string(ring[k].x) + " " + std::to_string(ring[k].y);
    }
    wkt += "))";
    layer.features.push_back({wkt, {"51010410" + std::to_string(++i), i == 1 ? "城关镇" : "龙泉乡", "1000"}});
  }
  return layer;
}

ImportRequest request_for(const std::filesystem::path& path) {
  ImportRequest r;
  r.units_path = path.string();
  return r;
}

}  // namespace

TEST(ImportSources, GbkShapefileWithoutCpgGivesUtf8NamesAndDefaultFields) {
  test::TempDir dir;
  test::write_shapefile(dir / "乡镇.shp", townships(), test::ShapefileText::gbk_without_cpg);
  const ImportResult r = import_units(request_for(dir / "乡镇.shp"));
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[0].name, "城关镇");
  EXPECT_EQ(r.units[1].name, "龙泉乡");
  EXPECT_EQ(r.units[1].type, model::UnitType::township);
  EXPECT_EQ(*r.units[0].resident_population, 1000);
  EXPECT_EQ(r.units.crs.source, "EPSG:4490");
  EXPECT_TRUE(find(r.findings, "encoding_detected"));
  EXPECT_NE(r.fields_used.find("code <- XZQDM"), std::string::npos);
  EXPECT_NE(r.fields_used.find("name <- XZQMC"), std::string::npos);
  EXPECT_NE(r.fields_used.find("population <- 常住人口"), std::string::npos);
}

TEST(ImportSources, MojibakeFromAWrongCpgIsAnErrorWithAHint) {
  test::TempDir dir;
  test::write_shapefile(dir / "t.shp", townships(), test::ShapefileText::gbk_without_cpg);
  test::write_file(dir / "t.cpg", "ISO-8859-1");  // a lying .cpg: GDAL decodes GBK as Latin-1
  const ImportFailed e = import_failure(request_for(dir / "t.shp"));
  EXPECT_EQ(e.code(), ErrorCode::input_encoding);
  const Finding* f = find(e.findings(), "text_mojibake");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.file, (dir / "t.shp").string());
  EXPECT_EQ(f->where.feature, "0");
  EXPECT_NE(f->message.find("--encoding GBK"), std::string::npos);
  // The hint works.
  ImportRequest fixed = request_for(dir / "t.shp");
  fixed.encoding = "GBK";
  EXPECT_EQ(import_units(fixed).units[0].name, "城关镇");
}

TEST(ImportSources, ShapefileWithoutPrjInLonLatIsAssumedWgs84) {
  test::TempDir dir;
  test::write_shapefile(dir / "t.shp", townships(""), test::ShapefileText::utf8_with_cpg);
  ASSERT_FALSE(std::filesystem::exists(dir / "t.prj"));
  const ImportResult r = import_units(request_for(dir / "t.shp"));
  const Finding* f = find(r.findings, "crs_assumed");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(r.units.crs.source, "EPSG:4326");
}

TEST(ImportSources, ProjectedDataWithoutPrjNeedsCrs) {
  test::TempDir dir;
  test::FixtureLayer layer = townships("EPSG:4527");
  layer.crs.clear();  // coordinates stay Gauss-Kruger, the .prj is left out
  test::write_shapefile(dir / "t.shp", layer, test::ShapefileText::utf8_with_cpg);
  const ImportFailed e = import_failure(request_for(dir / "t.shp"));
  EXPECT_EQ(e.code(), ErrorCode::input_crs);
  const Finding* f = find(e.findings(), "crs_missing");
  ASSERT_TRUE(f);
  EXPECT_NE(f->message.find("--crs"), std::string::npos);
  // With --crs the areas are those of the lon/lat squares.
  ImportRequest with_crs = request_for(dir / "t.shp");
  with_crs.crs = "EPSG:4527";
  const ImportResult r = import_units(with_crs);
  EXPECT_NEAR(*r.units[0].area_km2 / testing::square_km2(104, 30, 0.1), 1.0, 1e-3);
  EXPECT_EQ(r.units.crs.source, "EPSG:4527");
}

TEST(ImportSources, GaussKrugerGeoPackageIsReprojectedToEqualArea) {
  test::TempDir dir;
  // Zone 35 (central meridian 105E): 104E is in it.
  test::write_gpkg(dir / "gk.gpkg", {townships("EPSG:4523")});
  const ImportResult r = import_units(request_for(dir / "gk.gpkg"));
  EXPECT_EQ(r.units.crs.source, "EPSG:4523");
  EXPECT_NE(r.units.crs.working.find("+proj=aea"), std::string::npos);
  for (model::UnitId id = 0; id < 2; ++id) {
    EXPECT_NEAR(*r.units[id].area_km2 / testing::square_km2(104.0 + 0.1 * id, 30, 0.1), 1.0, 1e-3);
  }
  EXPECT_EQ(r.units[0].name, "城关镇");
}

TEST(ImportSources, CrsOverrideAndOldDatumsAreReported) {
  test::TempDir dir;
  test::write_gpkg(dir / "t.gpkg", {townships()});
  ImportRequest r = request_for(dir / "t.gpkg");
  r.crs = "EPSG:4214";
  const ImportResult result = import_units(r);
  EXPECT_TRUE(find(result.findings, "crs_overridden"));
  EXPECT_TRUE(find(result.findings, "crs_datum_approximate"));
  EXPECT_EQ(result.units.crs.source, "EPSG:4214");
}

TEST(ImportSources, TomlMappingAndIndicatorList) {
  test::TempDir dir;
  test::FixtureLayer layer;
  layer.fields = {{"DM"}, {"MC"}, {"RK", FixtureField::Type::integer}, {"GDP", FixtureField::Type::real},
                  {"CZSR", FixtureField::Type::real}};
  layer.features = {{"POLYGON ((104 30,104.1 30,104.1 30.1,104 30.1,104 30))", {"510104001", "甲镇", "10", "1.5", "0.25"}}};
  test::write_gpkg(dir / "t.gpkg", {layer});
  test::write_file(dir / "m.toml", "[fields]\ncode = \"DM\"\nname = \"MC\"\npopulation = \"RK\"\n[indicators]\nrevenue = \"CZSR\"\n");
  ImportRequest r = request_for(dir / "t.gpkg");
  r.mapping_path = (dir / "m.toml").string();
  const ImportResult result = import_units(r);
  EXPECT_EQ(result.units[0].name, "甲镇");
  EXPECT_EQ(*result.units[0].resident_population, 10);
  ASSERT_EQ(result.units.indicator_names(), std::vector<std::string>{"revenue"});
  EXPECT_DOUBLE_EQ(result.units.indicator(0, 0), 0.25);
  // Without the list, every numeric field no role uses is an indicator.
  r.mapping_path.clear();
  r.fields = "code=DM,name=MC,population=RK";
  EXPECT_EQ(import_units(r).units.indicator_names(), (std::vector<std::string>{"GDP", "CZSR"}));
}

TEST(ImportSources, FreeIdsAreDetected) {
  test::TempDir dir;
  test::FixtureLayer layer;
  layer.fields = {{"id_code"}, {"name"}};
  layer.features = {{"POLYGON ((104 30,104.1 30,104.1 30.1,104 30.1,104 30))", {"T-01", "A"}},
                    {"POLYGON ((104.1 30,104.2 30,104.2 30.1,104.1 30.1,104.1 30))", {"T-02", "B"}}};
  test::write_gpkg(dir / "t.gpkg", {layer});
  ImportRequest r = request_for(dir / "t.gpkg");
  r.fields = "code=id_code";
  const ImportResult result = import_units(r);
  EXPECT_EQ(result.units.code_scheme, model::CodeScheme::free);
  EXPECT_EQ(result.units[1].code, "T-02");
}

TEST(ImportSources, CsvWithoutGeometryImportsUnits) {
  test::TempDir dir;
  test::write_file(dir / "u.csv", "区划代码,名称,常住人口,面积\n510104001,春熙路街道,52000,2.1\n510104002,书院街街道,,1.5\n");
  const ImportResult r = import_units(request_for(dir / "u.csv"));
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_FALSE(r.has_geometry);
  EXPECT_TRUE(r.units[0].geometry.empty());
  EXPECT_EQ(*r.units[0].resident_population, 52000);
  EXPECT_DOUBLE_EQ(*r.units[0].area_km2, 2.1);
  EXPECT_FALSE(r.units[0].seat);
  const Finding* f = find(r.findings, "population_missing");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.feature, "line 3");
  EXPECT_EQ(f->where.field, "常住人口");
}

TEST(ImportSources, ShapefileWithoutItsDbfSaysTheDbfIsMissing) {
  // GDAL reads the shapes alone; the import then said "no field holds the unit codes (fields: )".
  test::TempDir dir;
  test::write_shapefile(dir / "t.shp", townships(), test::ShapefileText::utf8_with_cpg);
  std::filesystem::remove(dir / "t.dbf");
  const ImportFailed e = import_failure(request_for(dir / "t.shp"));
  EXPECT_EQ(e.code(), ErrorCode::input_missing);
  const Finding* f = find(e.findings(), "file_not_found");
  ASSERT_TRUE(f);
  EXPECT_NE(f->message.find("t.dbf is missing"), std::string::npos) << f->message;
  EXPECT_EQ(f->message.find("fields: )"), std::string::npos) << f->message;
}

namespace {

/// Overwrites every occurrence of `from` in the file with `to` (same length); returns how many there were.
std::size_t patch_bytes(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::string bytes = test::read_file(file);
  std::size_t count = 0;
  for (auto at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + to.size())) {
    bytes.replace(at, from.size(), to);
    ++count;
  }
  test::write_file(file, bytes);
  return count;
}

std::string double_bytes(double v) {
  std::string out(sizeof v, '\0');
  std::memcpy(out.data(), &v, sizeof v);
  return out;
}

}  // namespace

TEST(ImportSources, DamagedGeoPackageGeometriesAreNamedAsDamaged) {
  // Feature 3's corner 104.25 is overwritten with NaN bytes; feature 4 (the only ring of 7 points) gets
  // an impossible point count, which GDAL cannot decode. The import said "coordinates fall outside
  // unknown" or nothing useful.
  test::TempDir dir;
  test::FixtureLayer layer = townships();
  layer.features.push_back(
      {"POLYGON ((104.2 30,104.25 30,104.3 30,104.3 30.1,104.2 30.1,104.2 30))", {"510104103", "新华乡", "10"}});
  layer.features.push_back({"POLYGON ((104.3 30,104.35 30,104.4 30,104.4 30.05,104.4 30.1,104.3 30.1,104.3 30))",
                            {"510104104", "永安乡", "10"}});
  test::write_gpkg(dir / "t.gpkg", {layer});
  ASSERT_GT(patch_bytes(dir / "t.gpkg", double_bytes(104.25), std::string(8, '\xFF')), 0u);
  const std::string ring_of_7("\x01\x00\x00\x00\x07\x00\x00\x00", 8);
  ASSERT_EQ(patch_bytes(dir / "t.gpkg", ring_of_7, std::string("\x01\x00\x00\x00\x7F\x7F\x7F\x7F", 8)), 1u);
  const ImportFailed e = import_failure(request_for(dir / "t.gpkg"));
  EXPECT_EQ(e.code(), ErrorCode::input_geometry);
  std::vector<std::string> damaged;
  for (const auto& f : e.findings().items()) {
    if (f.kind == "geometry_damaged") {
      damaged.push_back(f.where.feature);
      EXPECT_NE(f.message.find("damaged"), std::string::npos) << f.message;
    }
    EXPECT_EQ(f.message.find("outside unknown"), std::string::npos) << f.message;
  }
  EXPECT_EQ(damaged, (std::vector<std::string>{"3", "4"}));  // GeoPackage feature ids start at 1
}

}  // namespace quhua::service
