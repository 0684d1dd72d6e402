// service::generate: the county's layers as tables and files.
#include "quhua/service/generate.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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
  EXPECT_EQ(result.files.size(), 7u);
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

TEST(GenerateService, NeedsAnOutputFolder) {
  EXPECT_THROW(generate({}), UsageError);
}

}  // namespace
}  // namespace quhua::service
