// service::generate: the county's layers as tables and files.
#include "quhua/service/generate.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "quhua/service/import_units.hpp"
#include "quhua/util/csv.hpp"
#include "quhua/util/error.hpp"
#include "support/test_support.hpp"

namespace quhua::service {
namespace {

TEST(GenerateService, WritesEveryLayerAndTheyReadBack) {
  test::TempDir dir;
  GenerateRequest request;
  request.out_dir = dir.path() / "county";
  const auto result = generate(request);
  EXPECT_EQ(result.files.size(), 10u);
  for (const auto& f : result.files) EXPECT_TRUE(std::filesystem::exists(f)) << f;
  const auto units = util::read_csv((request.out_dir / "units.csv").string());
  EXPECT_EQ(units.rows.size(), 1u + 30u + 400u);
  for (const char* column : {"code", "name", "type", "parent", "population", "registered", "area_km2", "seat_x", "seat_y"}) {
    EXPECT_TRUE(units.column(column)) << column;
  }
  const auto boundaries = util::read_csv((request.out_dir / "boundaries.csv").string());
  EXPECT_EQ(boundaries.rows.size(), 431u);
  EXPECT_EQ(boundaries.rows[0][*boundaries.column("wkt")].rfind("MULTIPOLYGON ((", 0), 0u);
  const auto roads = util::read_csv((request.out_dir / "roads.csv").string());
  EXPECT_EQ(roads.rows.size(), result.county.roads.roads.size());
  EXPECT_EQ(roads.rows[0][*roads.column("wkt")].rfind("LINESTRING (", 0), 0u);
  const auto facilities = util::read_csv((request.out_dir / "facilities.csv").string());
  EXPECT_EQ(facilities.rows.size(), result.county.facilities.size());
  const auto meta = nlohmann::json::parse(test::read_file(request.out_dir / "metadata.json"));
  EXPECT_EQ(meta["seed"], 20240611);
  EXPECT_EQ(meta["fictional"], true);
  EXPECT_NE(meta["crs"].get<std::string>().find("tmerc"), std::string::npos);
  EXPECT_NE(test::read_file(request.out_dir / "preview.svg").find("城关镇"), std::string::npos);
  const auto summary = generate_summary(result);
  EXPECT_GE(summary.rows.size(), 8u);
}

TEST(GenerateService, TownshipLayerReimportsWithoutLoss) {
  // What generate writes is what a user feeds back to every command: nothing may be lost on the way.
  test::TempDir dir;
  GenerateRequest request;
  request.out_dir = dir.path() / "county";
  request.preview = false;
  const auto result = generate(request);
  ImportRequest import;
  import.units_path = (request.out_dir / "townships.geojson").string();
  const auto imported = import_units(import);
  const auto& original = result.county.townships;
  ASSERT_EQ(imported.units.size(), original.size());
  EXPECT_EQ(imported.findings.count(Severity::error) + imported.findings.count(Severity::warning), 0u);
  for (model::UnitId u = 0; u < original.size(); ++u) {
    const auto id = imported.units.find(original[u].code);
    ASSERT_TRUE(id) << original[u].code;
    const auto& back = imported.units[*id];
    EXPECT_EQ(back.name, original[u].name);
    EXPECT_EQ(back.type, original[u].type);
    EXPECT_EQ(back.resident_population, original[u].resident_population);
    EXPECT_EQ(back.registered_population, original[u].registered_population);
    EXPECT_NEAR(*back.area_km2, *original[u].area_km2, 0.002 * *original[u].area_km2);
    EXPECT_EQ(back.seat_source, model::SeatSource::given);
  }
  // Seats come back where they were: distances between seats agree across the two projections.
  const auto a0 = *imported.units.find(original[0].code), a1 = *imported.units.find(original[29].code);
  const double before = model::distance(*original[0].seat, *original[29].seat);
  const double after = model::distance(*imported.units[a0].seat, *imported.units[a1].seat);
  EXPECT_NEAR(after, before, 0.002 * before);
}

TEST(GenerateService, NeedsAnOutputFolder) {
  EXPECT_THROW(generate({}), UsageError);
}

}  // namespace
}  // namespace quhua::service
