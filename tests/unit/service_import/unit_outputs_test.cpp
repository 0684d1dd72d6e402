#include "quhua/service/unit_outputs.hpp"

#include <gtest/gtest.h>

#include "import_test_support.hpp"
#include "quhua/io/spreadsheet_reader.hpp"

namespace quhua::service {

TEST(UnitOutputs, ImportWrittenAsGeoJsonReadsBackTheSame) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = testing::write_units(dir, {testing::unit("510104001", "城关镇", "100", test::geojson_square(104, 30, 0.1)),
                                            testing::unit("510104002", "龙泉乡", "200", test::geojson_square(104.1, 30, 0.1))});
  r.fields = "population=POP";
  const ImportResult first = import_units(r);
  write_units(dir / "out.geojson", first, util::Language::zh);
  ImportRequest again;
  again.units_path = (dir / "out.geojson").string();
  again.fields = "population=resident_population";
  const ImportResult second = import_units(again);
  ASSERT_EQ(second.units.size(), 2u);
  EXPECT_EQ(second.units[0].code, "510104001000");
  EXPECT_EQ(second.units[1].name, "龙泉乡");
  EXPECT_EQ(*second.units[1].resident_population, 200);
  EXPECT_NEAR(*second.units[0].area_km2, *first.units[0].area_km2, 1e-3);
  EXPECT_EQ(second.findings.count(Severity::error), 0u);
}

TEST(UnitOutputs, GeoPackageInWorkingOrSourceCrs) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = testing::write_units(dir, {testing::unit("510104001", "城关镇", "100", test::geojson_square(104, 30, 0.1))});
  const ImportResult first = import_units(r);
  write_units(dir / "working.gpkg", first, util::Language::zh);
  write_units(dir / "source.gpkg", first, util::Language::zh, "source");
  for (const char* name : {"working.gpkg", "source.gpkg"}) {
    ImportRequest again;
    again.units_path = (dir / name).string();
    again.layer = "units";
    const ImportResult read = import_units(again);
    EXPECT_NEAR(*read.units[0].area_km2, *first.units[0].area_km2, 1e-3) << name;
    EXPECT_EQ(read.units.crs.source == "EPSG:4326", std::string(name) == "source.gpkg") << read.units.crs.source;
  }
}

TEST(UnitOutputs, TablesHoldUnitsAndFindings) {
  test::TempDir dir;
  ImportRequest r;
  r.units_path = testing::write_units(dir, {testing::unit("510104001", "城关镇", "null", test::geojson_square(104, 30, 0.1))});
  r.fields = "population=POP";
  const ImportResult result = import_units(r);
  write_units(dir / "out.xlsx", result, util::Language::en);
  const auto units = io::read_table((dir / "out.xlsx").string(), {"Administrative units", {}});
  ASSERT_EQ(units.rows.size(), 1u);
  EXPECT_EQ(units.rows[0][0], "510104001000");
  const auto findings = io::read_table((dir / "out.xlsx").string(), {"Import findings", {}});
  EXPECT_GE(findings.rows.size(), 1u);
  const util::ReportTable summary = units_summary_table(result.units);
  EXPECT_EQ(std::get<std::int64_t>(summary.rows.back()[2]), 1);
  EXPECT_THROW(write_units(dir / "out.shp", result, util::Language::en), UsageError);
}

}  // namespace quhua::service
