#include "quhua/io/road_reader.hpp"

#include "support/test_support.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>
#include <osmium/io/any_input.hpp>
#include <osmium/io/any_output.hpp>

namespace quhua::io {
namespace {

const std::string k_data = std::string(QUHUA_TEST_DATA_DIR) + "/roads/";

TEST(OsmRoads, ReadsCarRoadsWithTheirOneWays) {
  const auto roads = read_osm_roads(k_data + "township.osm");
  EXPECT_EQ(roads.crs, "EPSG:4326");
  // ways 100, 101, 102, 104; the footway (103) and the private service road (105) are left out
  ASSERT_EQ(roads.lines.size(), 4u);
  EXPECT_EQ(roads.lines[0].source_id, "way/100");
  EXPECT_EQ(roads.lines[0].road_class, "primary");
  EXPECT_EQ(roads.lines[0].points.size(), 5u);
  EXPECT_NEAR(roads.lines[0].points[1].x, 104.025, 1e-9);
  EXPECT_NEAR(roads.lines[0].points[1].y, 30.6, 1e-9);
  EXPECT_EQ(roads.lines[2].direction, model::Direction::forward);   // oneway=yes
  EXPECT_EQ(roads.lines[3].direction, model::Direction::backward);  // oneway=-1
  EXPECT_EQ(roads.findings.count_kind("osm_not_for_cars"), 1u);
  EXPECT_EQ(roads.findings.count_kind("osm_no_access"), 1u);
}

TEST(OsmRoads, PbfReadsTheSameAsXml) {
  // The PBF is written from the XML with libosmium itself (no OSM download): the reader must not care
  // which of the two encodings a county's extract comes in.
  test::TempDir dir;
  const auto pbf = (dir.path() / "township.osm.pbf").string();
  {
    osmium::io::Reader reader{k_data + "township.osm"};
    osmium::io::Writer writer{pbf, reader.header(), osmium::io::overwrite::allow};
    while (auto buffer = reader.read()) writer(std::move(buffer));
    writer.close();
    reader.close();
  }
  const auto xml = read_osm_roads(k_data + "township.osm");
  const auto binary = read_osm_roads(pbf);
  ASSERT_EQ(binary.lines.size(), xml.lines.size());
  ASSERT_EQ(binary.lines.size(), 4u);
  for (std::size_t i = 0; i < xml.lines.size(); ++i) {
    EXPECT_EQ(binary.lines[i].source_id, xml.lines[i].source_id);
    EXPECT_EQ(binary.lines[i].road_class, xml.lines[i].road_class);
    EXPECT_EQ(binary.lines[i].direction, xml.lines[i].direction);
    ASSERT_EQ(binary.lines[i].points.size(), xml.lines[i].points.size());
    for (std::size_t k = 0; k < xml.lines[i].points.size(); ++k) {
      // PBF stores coordinates at 1e-7 degrees, as OSM does.
      EXPECT_NEAR(binary.lines[i].points[k].x, xml.lines[i].points[k].x, 1e-7);
      EXPECT_NEAR(binary.lines[i].points[k].y, xml.lines[i].points[k].y, 1e-7);
    }
  }
  EXPECT_EQ(binary.findings.count_kind("osm_not_for_cars"), 1u);
}

TEST(OsmRoads, KeepsWaysTouchingTheBoundingBox) {
  RoadLayerOptions options;
  options.bounds = model::BBox{104.09, 30.59, 104.2, 30.7};
  const auto roads = read_osm_roads(k_data + "township.osm", options);
  ASSERT_EQ(roads.lines.size(), 2u);  // the main road (its east end) and the track at the east end
  EXPECT_EQ(roads.lines[0].source_id, "way/100");
  EXPECT_EQ(roads.lines[1].source_id, "way/104");
}

TEST(OsmRoads, JoinsWaysAtSharedNodes) {
  const auto roads = read_osm_roads(k_data + "township.osm");
  graph::RoadBuildReport report;
  Findings findings;
  const auto net = graph::build_road_network(roads.lines, {}, report, findings);
  // junctions 1, 2, 3, 5, 6, 7, 8, 10 (4 lies on the main road only: the footway there was left out)
  EXPECT_EQ(net.nodes.size(), 8u);
  EXPECT_EQ(net.pieces.size(), 7u);
}

TEST(RoadLayer, ReadsAGeoJsonLayerWithAChineseClassField) {
  const auto roads = read_road_layer(k_data + "township_roads.geojson");
  ASSERT_EQ(roads.lines.size(), 5u);
  EXPECT_EQ(roads.lines[0].road_class, "县道");
  EXPECT_EQ(roads.lines[3].direction, model::Direction::forward);
  EXPECT_FALSE(roads.crs.empty());
  EXPECT_THROW(read_road_layer(k_data + "township_roads.geojson", {.class_field = "missing"}), InputError);
}

TEST(RoadLayer, OneWayValues) {
  EXPECT_EQ(parse_oneway("yes"), model::Direction::forward);
  EXPECT_EQ(parse_oneway("FT"), model::Direction::forward);
  EXPECT_EQ(parse_oneway("单向"), model::Direction::forward);
  EXPECT_EQ(parse_oneway("-1"), model::Direction::backward);
  EXPECT_EQ(parse_oneway("T"), model::Direction::backward);
  EXPECT_EQ(parse_oneway("B"), model::Direction::both);
  EXPECT_EQ(parse_oneway(""), model::Direction::both);
}

TEST(Points, ReadsLonLatTables) {
  const auto villages = read_points(k_data + "villages.csv");
  EXPECT_EQ(villages.crs, "EPSG:4326");
  ASSERT_EQ(villages.ids.size(), 5u);
  EXPECT_EQ(villages.ids[1], "V2");
  EXPECT_NEAR(villages.points[1].x, 104.099, 1e-12);
  EXPECT_EQ(villages.attributes.column("population"), 4u);
}

TEST(Points, ReadsProjectedTablesAndNamesBadRows) {
  test::TempDir dir;
  test::write_file(dir / "p.csv", "code,x,y\nA,500000,3380000\nB,501000,3381000\n");
  const auto points = read_points((dir / "p.csv").string(), {.crs = "EPSG:4544"});
  EXPECT_EQ(points.crs, "EPSG:4544");
  EXPECT_EQ(points.ids, (std::vector<std::string>{"A", "B"}));
  test::write_file(dir / "dup.csv", "id,x,y\nA,1,2\nA,3,4\n");
  EXPECT_THROW(read_points((dir / "dup.csv").string()), InputError);
  test::write_file(dir / "bad.csv", "id,lon,lat\nA,104,abc\n");
  try {
    read_points((dir / "bad.csv").string());
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, "line 2");
    EXPECT_EQ(e.context().field, "lat");
  }
}

TEST(Points, ReadsGdalPointLayersWithTheirCrs) {
  test::TempDir dir;
  test::write_file(dir / "seats.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"code": "510101001", "名称": "甲镇"}, "geometry": {"type": "Point", "coordinates": [104.05, 30.6]}},
    {"type": "Feature", "properties": {"code": "510101002", "名称": "乙乡"}, "geometry": {"type": "Point", "coordinates": [104.1, 30.62]}}]})");
  const auto seats = read_points((dir / "seats.geojson").string());
  EXPECT_EQ(seats.ids, (std::vector<std::string>{"510101001", "510101002"}));
  EXPECT_NEAR(seats.points[1].y, 30.62, 1e-12);
  EXPECT_FALSE(seats.crs.empty());
  EXPECT_EQ(seats.attributes.rows[0][1], "甲镇");
  test::write_file(dir / "lines.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[104, 30], [104.1, 30]]}}]})");
  EXPECT_THROW(read_points((dir / "lines.geojson").string()), InputError);
}

}  // namespace
}  // namespace quhua::io
