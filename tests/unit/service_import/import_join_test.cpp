// service::import_units with attribute tables (CSV, XLSX; on code or on name within the parent) and
// seats (a point layer, a seat-code field, or a point inside the unit).
#include <gtest/gtest.h>

#include "import_test_support.hpp"
#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/geometry/projection.hpp"
#include "quhua/io/table_writer.hpp"
#include "quhua/service/import_units.hpp"

namespace quhua::service {
namespace {

using testing::find;
using testing::import_failure;

/// Three townships of county 510104 in a row, without populations.
std::string three_townships(const test::TempDir& dir) {
  return testing::write_units(dir, {testing::unit("510104001", "城关镇", "", test::geojson_square(104.0, 30, 0.1)),
                                    testing::unit("510104002", "龙泉乡", "", test::geojson_square(104.1, 30, 0.1)),
                                    testing::unit("510104003", "新华乡", "", test::geojson_square(104.2, 30, 0.1))});
}

std::size_t count(const Findings& findings, std::string_view kind) { return findings.count_kind(kind); }

}  // namespace

TEST(ImportJoin, CsvOnCodeBringsPopulationsAndIndicatorsAndReportsLeftovers) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = three_townships(dir);
  test::write_file(dir / "pop.csv", "代码,常住人口,GDP\n510104001,30000,12.5\n510104002,8000,3\n510104009,100,1\n");
  r.attributes_path = (dir / "pop.csv").string();
  const ImportResult result = import_units(r);
  EXPECT_EQ(*result.units[0].resident_population, 30000);
  EXPECT_EQ(*result.units[1].resident_population, 8000);
  EXPECT_FALSE(result.units[2].resident_population);
  const auto gdp = result.units.indicator_index("GDP");
  ASSERT_TRUE(gdp);
  EXPECT_DOUBLE_EQ(result.units.indicator(*gdp, 0), 12.5);
  const Finding* row = find(result.findings, "join_unmatched_row");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->where.file, r.attributes_path);
  EXPECT_EQ(row->where.feature, "line 4");
  EXPECT_EQ(row->where.field, "代码");
  const Finding* unit = find(result.findings, "join_unmatched_unit");
  ASSERT_TRUE(unit);
  EXPECT_EQ(unit->where.file, r.units_path);
  EXPECT_EQ(unit->where.feature, "2");
  const Finding* missing = find(result.findings, "population_missing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->where.feature, "2");
  EXPECT_EQ(missing->where.field, "常住人口");
}

TEST(ImportJoin, ExplicitFieldMayLiveInTheTableOnly) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = three_townships(dir);
  test::write_file(dir / "pop.csv", "XZQDM,RK\n510104001,1\n510104002,2\n510104003,3\n");
  r.attributes_path = (dir / "pop.csv").string();
  r.fields = "population=RK";
  const ImportResult result = import_units(r);
  EXPECT_EQ(*result.units[2].resident_population, 3);
  // The code named for the layer is not in the table: the table's key is found by its default name.
  test::write_file(dir / "pop2.csv", "代码,RK\n510104001,7\n");
  r.attributes_path = (dir / "pop2.csv").string();
  r.fields = "code=code,population=RK";
  EXPECT_EQ(*import_units(r).units[0].resident_population, 7);
  r.fields = "population=NOWHERE";
  const ImportFailed e = import_failure(r);
  EXPECT_TRUE(find(e.findings(), "field_not_found"));
}

TEST(ImportJoin, DuplicateKeyInTheTableIsAnError) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = three_townships(dir);
  test::write_file(dir / "pop.csv", "代码,常住人口\n510104001,1\n510104001,2\n");
  r.attributes_path = (dir / "pop.csv").string();
  const ImportFailed e = import_failure(r);
  EXPECT_EQ(e.code(), ErrorCode::input_duplicate);
  const Finding* f = find(e.findings(), "join_duplicate_key");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.feature, "line 3");
  EXPECT_NE(f->message.find("line 2"), std::string::npos);
}

TEST(ImportJoin, XlsxOnNameWithinParent) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = three_townships(dir);
  util::ReportTable table;
  table.name = "pop";
  table.columns = {{"name", "名称", "名称"}, {"parent", "上级代码", "上级代码"}, {"reg", "户籍人口", "户籍人口"}};
  table.add_row({std::string("城关 镇"), std::string("510104"), 41000.0});
  table.add_row({std::string("龙泉乡"), std::string("510104"), 9000.0});
  table.add_row({std::string("龙泉乡"), std::string("510105"), 1.0});  // another county's 龙泉乡
  io::write_tables(dir / "pop.xlsx", {table}, util::Language::zh);
  r.attributes_path = (dir / "pop.xlsx").string();
  r.join_on = JoinOn::name;
  const ImportResult result = import_units(r);
  EXPECT_EQ(*result.units[0].registered_population, 41000);  // blanks in names do not matter
  EXPECT_EQ(*result.units[1].registered_population, 9000);
  EXPECT_EQ(count(result.findings, "join_unmatched_row"), 1u);
  EXPECT_EQ(count(result.findings, "join_unmatched_unit"), 1u);
}

TEST(ImportJoin, AmbiguousNamesAreErrors) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = testing::write_units(dir, {testing::unit("510104001", "新华乡", "", test::geojson_square(104.0, 30, 0.1)),
                                            testing::unit("510104002", "新华乡", "", test::geojson_square(104.1, 30, 0.1))});
  test::write_file(dir / "pop.csv", "名称,上级代码,常住人口\n新华乡,510104,5\n");
  r.attributes_path = (dir / "pop.csv").string();
  r.join_on = JoinOn::name;
  const ImportFailed e = import_failure(r);
  const Finding* f = find(e.findings(), "join_ambiguous_name");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.file, r.units_path);
  EXPECT_EQ(f->where.feature, "1");
  EXPECT_NE(f->message.find("510104001000"), std::string::npos);
}

TEST(ImportJoin, SeatLayerInAnotherCrsIsJoinedOnCodeAndChecked) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = three_townships(dir);
  test::FixtureLayer seats;
  seats.name = "seats";
  seats.crs = "EPSG:4523";  // CGCS2000 Gauss-Kruger zone 35
  seats.fields = {{"代码"}};
  const geometry::Projector to_gk("EPSG:4490", seats.crs);
  auto point = [&](double lon, double lat) {
    const model::Point p = *to_gk.forward(model::Point{lon, lat});
    return "POINT (" + std::to_string(p.x) + " " + std::to_string(p.y) + ")";
  };
  // Inside the first township; outside the second; a code no unit has; a second seat for the first.
  seats.features = {{point(104.05, 30.05), {"510104001"}},
                    {point(104.5, 30.05), {"510104002"}},
                    {point(104.05, 30.05), {"510104999"}},
                    {point(104.06, 30.05), {"510104001"}}};
  test::write_gpkg(dir / "seats.gpkg", {seats});
  r.seats_path = (dir / "seats.gpkg").string();
  const ImportResult result = import_units(r);
  EXPECT_EQ(result.units[0].seat_source, model::SeatSource::seat_layer);
  EXPECT_TRUE(geometry::contains(result.units[0].geometry, *result.units[0].seat));
  EXPECT_EQ(result.units[2].seat_source, model::SeatSource::point_on_surface);
  EXPECT_TRUE(find(result.findings, "crs_reprojected"));
  const Finding* outside = find(result.findings, "seat_outside_unit");
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->where.feature, "1");
  const Finding* unmatched = find(result.findings, "seat_unmatched");
  ASSERT_TRUE(unmatched);
  EXPECT_EQ(unmatched->where.file, r.seats_path);
  EXPECT_EQ(unmatched->where.field, "代码");
  EXPECT_TRUE(find(result.findings, "seat_duplicate"));
}

TEST(ImportJoin, SeatCodeFieldPointsAtAnotherUnit) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = testing::write_units(
      dir, {test::geojson_feature(R"({"code":"510104001","name":"城关镇","驻地代码":"510104001002"})",
                                  test::geojson_square(104.0, 30, 0.2)),
            test::geojson_feature(R"({"code":"510104001002","name":"北街社区"})", test::geojson_square(104.15, 30.15, 0.02)),
            test::geojson_feature(R"({"code":"510104002","name":"龙泉乡","驻地代码":"510104999999"})",
                                  test::geojson_square(104.2, 30, 0.1))});
  const ImportResult result = import_units(r);
  EXPECT_EQ(result.units[0].seat_source, model::SeatSource::given);
  EXPECT_TRUE(geometry::contains(result.units[1].geometry, *result.units[0].seat));
  const Finding* unknown = find(result.findings, "seat_code_unknown");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->where.feature, "2");
  EXPECT_EQ(result.units[2].seat_source, model::SeatSource::point_on_surface);
}

TEST(ImportJoin, TableOfUnitsWithASeatLayerGetsAWorkingCrs) {
  test::TempDir dir;
  ImportRequest r;
  test::write_file(dir / "u.csv", "代码,名称,常住人口\n510104001,城关镇,100\n");
  r.units_path = (dir / "u.csv").string();
  test::FixtureLayer seats;
  seats.fields = {{"代码"}};
  seats.features = {{"POINT (104.05 30.05)", {"510104001"}}};
  test::write_gpkg(dir / "s.gpkg", {seats});
  r.seats_path = (dir / "s.gpkg").string();
  const ImportResult result = import_units(r);
  EXPECT_TRUE(result.units.crs.is_projected);
  ASSERT_TRUE(result.units[0].seat);
  EXPECT_EQ(result.units[0].seat_source, model::SeatSource::seat_layer);
}

}  // namespace quhua::service
