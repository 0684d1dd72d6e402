// Importing real data (../shared/data) through the service and through the `quhua units` binary as a
// user would, checking what SOURCES.md says about the data and the exit codes (0 ok, 2 usage, 3 input).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <numeric>

#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/util/strings.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/test_support.hpp"

namespace quhua {
namespace {

const char* k_sichuan = "china-county-census2020/sichuan_counties_2020census.geojson";
const char* k_sichuan_fields = "code=CODE,name=NAME,population=POPU";

std::string quote(const std::string& text) { return "'" + text + "'"; }

std::string quhua_units(const std::string& arguments) { return std::string(QUHUA_BINARY) + " units " + arguments; }

}  // namespace

TEST(ImportIntegration, SichuanCountiesMatchTheirSources) {
  if (!test::shared_data_available(k_sichuan)) GTEST_SKIP() << "../shared/data/" << k_sichuan << " is absent";
  service::ImportRequest request;
  request.units_path = test::shared_data(k_sichuan).string();
  request.fields = k_sichuan_fields;
  const service::ImportResult result = service::import_units(request);
  ASSERT_EQ(result.units.size(), 186u);
  double population = 0, area = 0, given_area = 0;
  const auto given = result.units.indicator_index("area_km2");
  ASSERT_TRUE(given);
  for (model::UnitId id = 0; id < result.units.size(); ++id) {
    const model::Unit& unit = result.units[id];
    ASSERT_TRUE(unit.resident_population) << unit.code;
    population += *unit.resident_population;
    area += *unit.area_km2;
    given_area += result.units.indicator(*given, id);
    EXPECT_EQ(unit.level, model::UnitLevel::county);
    EXPECT_TRUE(unit.code.starts_with("51")) << unit.code;
    ASSERT_TRUE(unit.seat);
  }
  EXPECT_EQ(population, 83'674'866.0);  // SOURCES.md
  // SOURCES.md's area_km2 was computed in another equal-area projection of the same polygons.
  EXPECT_NEAR(area / given_area, 1.0, 1e-3);
  EXPECT_EQ(result.geometries_repaired, 1u);
  EXPECT_EQ(result.findings.count_kind("geometry_repaired"), 1u);
  EXPECT_EQ(result.findings.count(Severity::error), 0u);
  EXPECT_EQ(result.findings.count_kind("area_mismatch"), 0u);
}

TEST(ImportIntegration, UnitsCommandImportsSichuanAndWritesTables) {
  if (!test::shared_data_available(k_sichuan)) GTEST_SKIP() << "../shared/data/" << k_sichuan << " is absent";
  test::TempDir dir;
  const auto out = dir / "units.csv";
  const auto run = test::run_command(quhua_units("--units " + quote(test::shared_data(k_sichuan).string()) +
                                                 " --fields " + k_sichuan_fields + " --lang en --out " +
                                                 quote(out.string())));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("units imported: 186"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("geometries repaired: 1"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("83674866"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("geometry_repaired"), std::string::npos) << run.output;
  const util::CsvTable table = io::read_table(out.string());
  ASSERT_EQ(table.rows.size(), 186u);
  const auto column = table.column("resident_population");
  ASSERT_TRUE(column);
  double total = 0;
  for (const auto& row : table.rows) total += *util::parse_double(row[*column]);
  EXPECT_EQ(total, 83'674'866.0);
  EXPECT_TRUE(std::filesystem::exists(dir / "units.findings.csv"));

  const auto geojson = test::run_command(quhua_units("--units " + quote(test::shared_data(k_sichuan).string()) +
                                                     " --fields " + k_sichuan_fields + " --out " +
                                                     quote((dir / "units.geojson").string())));
  ASSERT_EQ(geojson.exit_code, 0) << geojson.output;
  const auto again = test::run_command(quhua_units("--units " + quote((dir / "units.geojson").string()) +
                                                   " --fields population=resident_population --lang en"));
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("units imported: 186"), std::string::npos) << again.output;
}

TEST(ImportIntegration, ExitCodesTellUsageFromInput) {
  test::TempDir dir;
  test::write_file(dir / "dup.geojson",
                   test::geojson_collection({test::geojson_feature(R"({"code":"510104001","POP":1})",
                                                                   test::geojson_square(104, 30, 0.1)),
                                             test::geojson_feature(R"({"code":"510104001","POP":2})",
                                                                   test::geojson_square(104.1, 30, 0.1))}));
  const std::string dup = quote((dir / "dup.geojson").string());
  EXPECT_EQ(test::run_command(quhua_units("")).exit_code, 2);  // --units is required
  EXPECT_EQ(test::run_command(quhua_units("--units " + dup + " --join-on colour")).exit_code, 2);
  EXPECT_EQ(test::run_command(quhua_units("--units " + dup + " --fields colour=RED")).exit_code, 2);
  EXPECT_EQ(test::run_command(quhua_units("--units " + dup + " --crs EPSG:999999")).exit_code, 2);
  EXPECT_EQ(test::run_command(quhua_units("--units " + quote((dir / "none.shp").string()))).exit_code, 3);
  const auto failed = test::run_command(quhua_units("--units " + dup + " --lang en"));
  EXPECT_EQ(failed.exit_code, 3);
  EXPECT_NE(failed.output.find("duplicate_code"), std::string::npos) << failed.output;
  EXPECT_NE(failed.output.find("feature 1"), std::string::npos) << failed.output;
  const auto kept = test::run_command(quhua_units("--units " + dup + " --keep-going"));
  EXPECT_EQ(kept.exit_code, 0) << kept.output;
  EXPECT_NE(kept.output.find("features_left_out"), std::string::npos) << kept.output;
}

TEST(ImportIntegration, OverlappingUnitsAreADefectNotALongBorder) {
  // B overlaps A on its eastern half (0.05 x 0.1 degree, about 50 km2): diagnose and graph reported them
  // as neighbours sharing a long border and nothing more.
  test::TempDir dir;
  test::write_file(dir / "overlap.geojson",
                   test::geojson_collection({test::geojson_feature(R"({"code":"510104001","name":"甲镇","POP":1000})",
                                                                   test::geojson_square(104, 30, 0.1)),
                                             test::geojson_feature(R"({"code":"510104002","name":"乙镇","POP":1000})",
                                                                   test::geojson_square(104.05, 30, 0.1)),
                                             test::geojson_feature(R"({"code":"510104003","name":"丙镇","POP":1000})",
                                                                   test::geojson_square(104.15, 30, 0.1))}));
  const std::string units = quote((dir / "overlap.geojson").string());
  const auto diagnosed = test::run_command(std::string(QUHUA_BINARY) + " diagnose --units " + units + " --lang en");
  EXPECT_EQ(diagnosed.exit_code, 0) << diagnosed.output;
  EXPECT_NE(diagnosed.output.find("units_overlap"), std::string::npos) << diagnosed.output;
  const std::string said = "510104001000 甲镇 and 510104002000 乙镇: the polygons overlap by ";
  const auto at = diagnosed.output.find(said);
  ASSERT_NE(at, std::string::npos) << diagnosed.output;
  EXPECT_NEAR(std::stod(diagnosed.output.substr(at + said.size(), 8)), 53.5, 0.5);  // km2
  // B and C only share a border.
  EXPECT_EQ(diagnosed.output.find("乙镇 and 510104003000"), std::string::npos) << diagnosed.output;
  const auto graph = test::run_command(std::string(QUHUA_BINARY) + " graph --units " + units + " --out " +
                                       quote((dir / "edges.csv").string()));
  EXPECT_EQ(graph.exit_code, 0) << graph.output;
  std::string report;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (entry.path().filename().string().find("report") != std::string::npos) report += test::read_file(entry.path());
  }
  EXPECT_NE((graph.output + report).find("overlap 重叠"), std::string::npos) << graph.output << report;
}

}  // namespace quhua
