// `quhua access` through the built binary on the township fixtures (tests/data/roads).
#include "support/test_support.hpp"

#include "quhua/util/csv.hpp"
#include "quhua/util/strings.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace quhua {
namespace {

const std::string k_roads = std::string(QUHUA_TEST_DATA_DIR) + "/roads/";

double value_of(const util::CsvTable& table, const std::string& from, const std::string& to) {
  for (const auto& row : table.rows) {
    if (row[0] == from && row[1] == to) return util::parse_double(row[2]).value_or(-1);
  }
  return -2;
}

TEST(AccessCli, MatrixOverALineLayerFollowsTheRoads) {
  test::TempDir dir;
  const auto out = (dir / "m.csv").string();
  const auto run = test::run_command(std::string(QUHUA_BINARY) + " access matrix --network " + k_roads +
                                     "township_roads.geojson --from " + k_roads + "villages.csv --to " + k_roads +
                                     "schools.csv --out " + out);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("步道"), std::string::npos) << "the unknown class is reported";
  const auto table = util::read_csv(out);
  EXPECT_EQ(table.header, (std::vector<std::string>{"from_id", "to_id", "travel_time_min"}));
  ASSERT_EQ(table.rows.size(), 15u);
  // V2 -> S1: a 111 m access leg at 5 km/h (1.33 min), then the county road (县道, 40 km/h) west
  // 0.049 degrees of longitude at 30.6 N = 4.69 km (7.04 min) to the crossing, then 111 m up the
  // township road (乡道, 30 km/h; 0.22 min) to S1, which lies on it: 8.59 min.
  EXPECT_NEAR(value_of(table, "V2", "S1"), 8.59, 0.1);
  // V3 lies on the township road too: 0.047 degrees of latitude = 5.22 km at 30 km/h = 10.43 min.
  EXPECT_NEAR(value_of(table, "V3", "S1"), 10.43, 0.1);
  // V4 (south) -> S1 passes the crossing the layer did not node: that it is reachable at all shows
  // the roads were split there. 96 m access (1.15 min) + 0.049 degrees of latitude (5.44 km, 10.88 min).
  EXPECT_NEAR(value_of(table, "V4", "S1"), 12.03, 0.1);
  EXPECT_TRUE(test::read_file(dir / "m.snaps.csv").find("V5") != std::string::npos);
}

TEST(AccessCli, PointLayersOfOneGeoPackageAreChosenByName) {
  // The generated county's GeoPackage holds townships (polygons) first, then roads, seats and
  // facilities: each side names its layer, and the polygon layer is refused with the flag to use.
  test::TempDir dir;
  const auto county = dir / "county";
  ASSERT_EQ(test::run_command(std::string(QUHUA_BINARY) + " generate --no-preview --out " + county.string()).exit_code, 0);
  const std::string gpkg = (county / "county.gpkg").string();
  const auto out = (dir / "m.csv").string();
  const auto run = test::run_command(std::string(QUHUA_BINARY) + " access matrix --network " + gpkg +
                                     " --layer roads --from " + gpkg + " --from-layer seats --to " + gpkg +
                                     " --to-layer facilities --out " + out);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto table = util::read_csv(out);
  const auto facilities = util::read_csv((county / "facilities.csv").string());
  EXPECT_EQ(table.rows.size(), 30u * facilities.rows.size());
  // Every township seat has its own service centre nearby (the generator puts it in the seat village).
  EXPECT_LT(value_of(table, "519921101000", "F0001"), 10.0);

  const auto polygons = test::run_command(std::string(QUHUA_BINARY) + " access matrix --network " + gpkg +
                                          " --layer roads --from " + gpkg + " --to " + gpkg +
                                          " --to-layer seats --out " + out);
  EXPECT_EQ(polygons.exit_code, 3);
  EXPECT_NE(polygons.output.find("layer townships holds"), std::string::npos) << polygons.output;
  EXPECT_NE(polygons.output.find("--from-layer"), std::string::npos) << polygons.output;
}

TEST(AccessCli, CutOffsAndBoxesAreCheckedNotReinterpreted) {
  // A cut-off in the other metric's unit, two cut-offs, or a box with a word in it: usage errors, never a
  // silent 1,800 m limit or shifted coordinates.
  test::TempDir dir;
  const std::string base = std::string(QUHUA_BINARY) + " access matrix --network " + k_roads + "township.osm --from " +
                           k_roads + "villages.csv --to " + k_roads + "schools.csv --out " + (dir / "m.csv").string();
  const std::pair<const char*, const char*> refused[] = {
      {" --metric distance --max-minutes 30", "--max-minutes goes with --metric time"},
      {" --max-km 10", "--max-km goes with --metric distance"},
      {" --max-minutes 30 --max-km 10", "not both"},
      {" --bbox 104,abc,30,105,31", "'abc' is not a number"},
      {" --bbox 104,30,105", "--bbox wants"}};
  for (const auto& [flags, message] : refused) {
    const auto run = test::run_command(base + flags);
    EXPECT_EQ(run.exit_code, 2) << flags << "\n" << run.output;
    EXPECT_NE(run.output.find(message), std::string::npos) << flags << "\n" << run.output;
  }
  EXPECT_EQ(test::run_command(base + " --metric distance --max-km 10").exit_code, 0);
}

TEST(AccessCli, MatrixOverOpenStreetMapAndWithoutANetwork) {
  test::TempDir dir;
  const auto osm = test::run_command(std::string(QUHUA_BINARY) + " access matrix --network " + k_roads +
                                     "township.osm --from " + k_roads + "villages.csv --to " + k_roads +
                                     "schools.csv --metric distance --out " + (dir / "osm.csv").string());
  ASSERT_EQ(osm.exit_code, 0) << osm.output;
  const auto by_road = util::read_csv((dir / "osm.csv").string());
  const auto plain =
      test::run_command(std::string(QUHUA_BINARY) + " access matrix --from " + k_roads + "villages.csv --to " +
                        k_roads + "schools.csv --metric distance --out " + (dir / "line.csv").string());
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  const auto straight = util::read_csv((dir / "line.csv").string());
  // The road distance is never below the straight line; the fallback is 1.3 x the straight line.
  for (std::size_t r = 0; r < by_road.rows.size(); ++r) {
    const double road = util::parse_double(by_road.rows[r][2]).value_or(0);
    const double line = util::parse_double(straight.rows[r][2]).value_or(0) / 1.3;
    EXPECT_GE(road + 1e-3, line) << by_road.rows[r][0] << " -> " << by_road.rows[r][1];
  }
}

TEST(AccessCli, MeasureComparesBeforeAndAfter) {
  test::TempDir dir;
  test::write_file(dir / "after.csv", "id,lon,lat,doctors\nS1,104.050,30.601,8\nS3,104.080,30.605,4\n");
  test::write_file(dir / "before.csv", "id,lon,lat,doctors\nS1,104.050,30.601,8\nS2,104.005,30.600,4\n");
  const auto run = test::run_command(
      std::string(QUHUA_BINARY) + " access measure --network " + k_roads + "township.osm --demand " + k_roads +
      "villages.csv --population-field population " + "--group-field township --supply " +
      (dir / "before.csv").string() + " --supply-after " + (dir / "after.csv").string() +
      " --supply-field doctors --method e2sfca --catchment 30 --format json --out " + (dir / "access.xlsx").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("\"indicator\": \"gini\""), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("theil_between_groups"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "access.xlsx"));
}

TEST(AccessCli, MissingColumnsAreNamed) {
  const auto run = test::run_command(std::string(QUHUA_BINARY) + " access measure --demand " + k_roads +
                                     "villages.csv --supply " + k_roads + "schools.csv --population-field people");
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("people"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace quhua
