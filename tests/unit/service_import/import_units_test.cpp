// service::import_units on GeoJSON drawn in the tests: areas, holes, repairs, and one test per kind of
// bad feature, each checking the finding's kind, file, feature and field.
#include "quhua/service/import_units.hpp"

#include <gtest/gtest.h>

#include "import_test_support.hpp"
#include "quhua/geometry/polygon_ops.hpp"

namespace quhua::service {
namespace {

using testing::find;
using testing::import_failure;
using testing::unit;
using testing::write_units;

ImportRequest request_for(const std::string& path, const std::string& fields = "population=POP") {
  ImportRequest r;
  r.units_path = path;
  r.fields = fields;
  return r;
}

}  // namespace

TEST(ImportUnits, SquaresGetEllipsoidalAreasSeatsAndCodes) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "春熙路街道", "52000", test::geojson_square(104.0, 30.0, 0.1)),
                                      unit("510104101", "某镇", "8000", test::geojson_square(104.1, 30.0, 0.1))});
  const ImportResult r = import_units(request_for(path));
  ASSERT_EQ(r.units.size(), 2u);
  const model::Unit& a = r.units[0];
  EXPECT_EQ(a.code, "510104001000");
  EXPECT_EQ(a.parent_code, "510104000000");
  EXPECT_EQ(a.level, model::UnitLevel::township);
  EXPECT_EQ(a.type, model::UnitType::subdistrict);
  EXPECT_EQ(r.units[1].type, model::UnitType::town);
  EXPECT_EQ(*a.resident_population, 52000);
  ASSERT_TRUE(a.area_km2);
  EXPECT_NEAR(*a.area_km2 / testing::square_km2(104.0, 30.0, 0.1), 1.0, 1e-3);
  ASSERT_TRUE(a.seat);
  EXPECT_EQ(a.seat_source, model::SeatSource::point_on_surface);
  EXPECT_TRUE(geometry::contains(a.geometry, *a.seat));
  ASSERT_TRUE(a.centroid);
  EXPECT_EQ(r.units.crs.source, "EPSG:4326");
  EXPECT_NE(r.units.crs.working.find("+proj=aea"), std::string::npos);
  EXPECT_TRUE(r.units.crs.is_projected);
  EXPECT_EQ(r.units.code_scheme, model::CodeScheme::nbs);
  EXPECT_EQ(r.findings.count(Severity::error), 0u);
  EXPECT_TRUE(find(r.findings, "fields_used"));
  EXPECT_TRUE(find(r.findings, "crs_working"));
}

TEST(ImportUnits, HolesAndMultipolygonsKeepTheirArea) {
  test::TempDir dir;
  // A 0.2-degree square with a 0.1-degree hole; two 0.1-degree squares as one unit.
  const std::string with_hole =
      R"({"type":"Polygon","coordinates":[[[104,30],[104.2,30],[104.2,30.2],[104,30.2],[104,30]],)"
      R"([[104.05,30.05],[104.05,30.15],[104.15,30.15],[104.15,30.05],[104.05,30.05]]]})";
  const std::string two_parts =
      R"({"type":"MultiPolygon","coordinates":[[[[105,30],[105.1,30],[105.1,30.1],[105,30.1],[105,30]]],)"
      R"([[[105.3,30],[105.4,30],[105.4,30.1],[105.3,30.1],[105.3,30]]]]})";
  const auto path = write_units(dir, {unit("510104001", "甲", "1", with_hole), unit("510104002", "乙", "1", two_parts)});
  const ImportResult r = import_units(request_for(path));
  const double hole_expected = testing::square_km2(104, 30, 0.2) - testing::square_km2(104.05, 30.05, 0.1);
  EXPECT_NEAR(*r.units[0].area_km2 / hole_expected, 1.0, 1e-3);
  EXPECT_EQ(r.units[0].geometry[0].holes.size(), 1u);
  const double parts_expected = testing::square_km2(105, 30, 0.1) + testing::square_km2(105.3, 30, 0.1);
  EXPECT_NEAR(*r.units[1].area_km2 / parts_expected, 1.0, 1e-3);
  EXPECT_EQ(r.units[1].geometry.size(), 2u);
  EXPECT_TRUE(geometry::contains(r.units[0].geometry, *r.units[0].seat));  // not in the hole
}

TEST(ImportUnits, InvalidBowtieIsRepairedAndReported) {
  test::TempDir dir;
  const std::string bowtie =
      R"({"type":"Polygon","coordinates":[[[104,30],[104.1,30.1],[104.1,30],[104,30.1],[104,30]]]})";
  const auto path = write_units(dir, {unit("510104001", "甲", "1", test::geojson_square(104.2, 30, 0.1)),
                                      unit("510104002", "乙", "1", bowtie)});
  const ImportResult r = import_units(request_for(path));
  EXPECT_EQ(r.geometries_repaired, 1u);
  const Finding* f = find(r.findings, "geometry_repaired");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->where.file, path);
  EXPECT_EQ(f->where.feature, "1");
  EXPECT_NE(f->message.find("Self-intersection"), std::string::npos);
  EXPECT_NE(f->message.find("after"), std::string::npos);
  EXPECT_NEAR(*r.units[1].area_km2, testing::square_km2(104, 30, 0.1) / 2, 0.2);
}

TEST(ImportUnits, MissingAndEmptyGeometryAreErrors) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", "1", test::geojson_square(104, 30, 0.1)),
                                      unit("510104002", "乙", "1", "null")});
  const ImportFailed e = import_failure(request_for(path));
  EXPECT_EQ(e.code(), ErrorCode::input_geometry);
  const Finding* f = find(e.findings(), "geometry_missing");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.file, path);
  EXPECT_EQ(f->where.feature, "1");
  EXPECT_EQ(e.context().feature, "1");
}

TEST(ImportUnits, ZeroAreaRingIsAnErrorNotAUnitOfNoArea) {
  // A ring whose third point lies 1e-10 degree off the line of the other two, and one of three points
  // along a parallel: projected, the second bends into a sliver of 0.06 km2, and both were imported as
  // units of (almost) no area.
  test::TempDir dir;
  const auto path = write_units(
      dir, {unit("510104001", "甲", "1", test::geojson_square(104, 30, 0.1)),
            unit("510104002", "乙", "1",
                 R"({"type":"Polygon","coordinates":[[[104.1,30],[104.2,30],[104.2,30.0000000001],[104.1,30]]]})"),
            unit("510104003", "丙", "1",
                 R"({"type":"Polygon","coordinates":[[[104.1,30],[104.2,30],[104.3,30],[104.1,30]]]})")});
  const ImportFailed e = import_failure(request_for(path));
  EXPECT_EQ(e.code(), ErrorCode::input_geometry);
  const Finding* f = find(e.findings(), "geometry_zero_area");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.file, path);
  EXPECT_EQ(f->where.feature, "1");
  EXPECT_NE(f->message.find("510104002"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("has no area"), std::string::npos) << f->message;
  EXPECT_EQ(e.findings().count_kind("geometry_zero_area"), 2u);
}

TEST(ImportUnits, NonPolygonGeometryIsAnError) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", "1", test::geojson_square(104, 30, 0.1)),
                                      unit("510104002", "乙", "1", R"({"type":"Point","coordinates":[104,30]})")});
  const ImportFailed e = import_failure(request_for(path));
  const Finding* f = find(e.findings(), "geometry_not_polygon");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.feature, "1");
  EXPECT_NE(f->message.find("POINT"), std::string::npos);
}

TEST(ImportUnits, DuplicateCodesNameBothFeatures) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", "1", test::geojson_square(104, 30, 0.1)),
                                      unit("510104001", "乙", "1", test::geojson_square(104.1, 30, 0.1))});
  const ImportFailed e = import_failure(request_for(path));
  EXPECT_EQ(e.code(), ErrorCode::input_duplicate);
  const Finding* f = find(e.findings(), "duplicate_code");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.file, path);
  EXPECT_EQ(f->where.feature, "1");
  EXPECT_EQ(f->where.field, "code");
  EXPECT_NE(f->message.find("feature 0"), std::string::npos);
}

TEST(ImportUnits, NegativePopulationIsAnError) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", "-3", test::geojson_square(104, 30, 0.1))});
  const ImportFailed e = import_failure(request_for(path));
  const Finding* f = find(e.findings(), "population_negative");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.file, path);
  EXPECT_EQ(f->where.feature, "0");
  EXPECT_EQ(f->where.field, "POP");
  EXPECT_EQ(exit_code(e.code()), 3);
}

TEST(ImportUnits, NonNumericPopulationIsAnError) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", R"("unknown")", test::geojson_square(104, 30, 0.1))});
  const ImportFailed e = import_failure(request_for(path));
  const Finding* f = find(e.findings(), "population_not_numeric");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.field, "POP");
}

TEST(ImportUnits, MissingPopulationIsAWarningAndStaysMissing) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", "12", test::geojson_square(104, 30, 0.1)),
                                      unit("510104002", "乙", "null", test::geojson_square(104.1, 30, 0.1))});
  const ImportResult r = import_units(request_for(path));
  EXPECT_FALSE(r.units[1].resident_population);
  const Finding* f = find(r.findings, "population_missing");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->where.feature, "1");
  EXPECT_EQ(f->where.field, "POP");
}

TEST(ImportUnits, NoPopulationFieldAtAllIsOneWarning) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", "", test::geojson_square(104, 30, 0.1))});
  const ImportResult r = import_units(request_for(path, ""));
  EXPECT_EQ(r.findings.count_kind("population_field_missing"), 1u);
  EXPECT_EQ(r.findings.count_kind("population_missing"), 0u);
}

TEST(ImportUnits, ExplicitFieldMissingIsFatalAndNamesTheFields) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", "1", test::geojson_square(104, 30, 0.1))});
  const ImportFailed e = import_failure(request_for(path, "population=常住人口"));
  EXPECT_EQ(e.code(), ErrorCode::input_missing);
  const Finding* f = find(e.findings(), "field_not_found");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.field, "常住人口");
  EXPECT_NE(f->message.find("code, name, POP"), std::string::npos);
}

TEST(ImportUnits, NoCodeFieldIsFatal) {
  test::TempDir dir;
  test::write_file(dir / "u.geojson", test::geojson_collection({test::geojson_feature(
                                          R"({"label":"x"})", test::geojson_square(104, 30, 0.1))}));
  const ImportFailed e = import_failure(request_for((dir / "u.geojson").string(), ""));
  ASSERT_TRUE(find(e.findings(), "code_field_missing"));
  EXPECT_NE(std::string(e.what()).find("--fields code="), std::string::npos);
}

TEST(ImportUnits, EmptyLayerIsAnError) {
  test::TempDir dir;
  const auto path = write_units(dir, {});
  const ImportFailed e = import_failure(request_for(path, ""));
  const Finding* f = find(e.findings(), "layer_empty");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.file, path);
}

TEST(ImportUnits, MissingFileIsAnError) {
  test::TempDir dir;
  const ImportFailed e = import_failure(request_for((dir / "nope.shp").string()));
  EXPECT_EQ(e.code(), ErrorCode::input_missing);
  EXPECT_TRUE(find(e.findings(), "file_not_found"));
}

TEST(ImportUnits, CoordinatesBeyondLonLatAreAnError) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", "1", test::geojson_square(104, 30, 0.1)),
                                      unit("510104002", "乙", "1", test::geojson_square(400, 30, 0.1))});
  const ImportFailed e = import_failure(request_for(path));
  const Finding* f = find(e.findings(), "coordinates_out_of_range");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.feature, "1");
  EXPECT_EQ(e.code(), ErrorCode::input_crs);
}

TEST(ImportUnits, KeepGoingLeavesBadFeaturesOutAndSaysSo) {
  test::TempDir dir;
  const auto path = write_units(dir, {unit("510104001", "甲", "1", test::geojson_square(104, 30, 0.1)),
                                      unit("510104002", "乙", "-1", test::geojson_square(104.1, 30, 0.1)),
                                      unit("510104003", "丙", "1", "null"),
                                      unit("510104001", "丁", "1", test::geojson_square(104.2, 30, 0.1))});
  ImportRequest request = request_for(path);
  request.keep_going = true;
  const ImportResult r = import_units(request);
  EXPECT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.features_read, 4u);
  EXPECT_EQ(r.features_left_out, 3u);
  EXPECT_EQ(r.findings.count(Severity::error), 3u);
  const Finding* f = find(r.findings, "features_left_out");
  ASSERT_TRUE(f);
  EXPECT_NE(f->message.find("3 of 4"), std::string::npos);
}

TEST(ImportUnits, ParentThatIsNotAPrefixIsAnError) {
  test::TempDir dir;
  test::write_file(dir / "u.geojson",
                   test::geojson_collection({test::geojson_feature(R"({"代码":"510104001","名称":"甲","上级代码":"510105"})",
                                                                   test::geojson_square(104, 30, 0.1))}));
  const ImportFailed e = import_failure(request_for((dir / "u.geojson").string(), ""));
  const Finding* f = find(e.findings(), "parent_not_prefix");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.field, "上级代码");
  EXPECT_EQ(f->where.feature, "0");
}

TEST(ImportUnits, AreaFieldInSquareMetresIsRecognisedAndCompared) {
  test::TempDir dir;
  const double km2 = testing::square_km2(104, 30, 0.1);
  auto feature = [&](const std::string& code, double lon, double area_m2) {
    return test::geojson_feature(R"({"code":")" + code + R"(","name":"x","POP":1,"面积":)" + std::to_string(area_m2) + "}",
                                 test::geojson_square(lon, 30, 0.1));
  };
  const auto path = write_units(dir, {feature("510104001", 104.0, km2 * 1e6), feature("510104002", 104.1, km2 * 1e6),
                                      feature("510104003", 104.2, km2 * 1.2e6)});
  const ImportResult r = import_units(request_for(path));
  const Finding* unit_note = find(r.findings, "area_unit");
  ASSERT_TRUE(unit_note);
  EXPECT_NE(unit_note->message.find("m2"), std::string::npos);
  ASSERT_EQ(r.findings.count_kind("area_mismatch"), 1u);
  const Finding* f = find(r.findings, "area_mismatch");
  EXPECT_EQ(f->where.feature, "2");
  EXPECT_EQ(f->where.field, "面积");
  ASSERT_TRUE(r.units.indicator_index("面积"));  // kept as an indicator
}

TEST(ImportUnits, BadOptionsAreUsageErrors) {
  ImportRequest r;
  EXPECT_THROW(import_units(r), UsageError);
  r.units_path = "x.geojson";
  r.encoding = "latin-9";
  EXPECT_THROW(import_units(r), UsageError);
  r.encoding = "";
  r.crs = "EPSG:999999";
  EXPECT_THROW(import_units(r), UsageError);
  r.crs = "";
  r.fields = "colour=RED";
  EXPECT_THROW(import_units(r), UsageError);
}

}  // namespace quhua::service
