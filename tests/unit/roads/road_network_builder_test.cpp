#include "quhua/graph/road_network_builder.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace quhua::graph {
namespace {

RoadLine line(std::vector<model::Point> points, std::string road_class = "primary",
              model::Direction direction = model::Direction::both) {
  RoadLine l;
  l.points = std::move(points);
  l.road_class = std::move(road_class);
  l.direction = direction;
  return l;
}

TEST(RoadNetworkBuilder, JoinsLinesAtSharedEndpoints) {
  //  a ---- b ---- c       two lines meeting at b; the bend at (5, 1) is a shape point, not a node
  const std::vector<RoadLine> lines{line({{0, 0}, {5, 1}, {10, 0}}), line({{10, 0}, {20, 0}})};
  RoadBuildReport report;
  Findings findings;
  const auto net = build_road_network(lines, {}, report, findings);
  EXPECT_EQ(net.nodes.size(), 3u);
  ASSERT_EQ(net.pieces.size(), 2u);
  EXPECT_NEAR(net.pieces[0].length_m, 2 * std::hypot(5.0, 1.0), 1e-9);
  EXPECT_EQ(net.shape(net.pieces[0]).size(), 3u);
  EXPECT_EQ(net.pieces[0].to, net.pieces[1].from);
  EXPECT_DOUBLE_EQ(net.pieces[1].speed_kmh, 65);
}

TEST(RoadNetworkBuilder, SplitsAtCrossingsOnlyWhenAsked) {
  //        c
  //        |
  //  a ----+---- b
  //        |
  //        d
  const std::vector<RoadLine> lines{line({{0, 0}, {10, 0}}), line({{5, -5}, {5, 5}})};
  RoadBuildReport report;
  Findings findings;
  const auto unsplit = build_road_network(lines, {}, report, findings);
  EXPECT_EQ(unsplit.nodes.size(), 4u);  // a bridge over a road, as OSM would have it
  EXPECT_EQ(unsplit.pieces.size(), 2u);
  RoadBuildOptions options;
  options.split_at_crossings = true;
  const auto split = build_road_network(lines, options, report, findings);
  EXPECT_EQ(split.nodes.size(), 5u);
  EXPECT_EQ(split.pieces.size(), 4u);
  EXPECT_EQ(report.crossings_split, 2u);
}

TEST(RoadNetworkBuilder, JoinsTJunctionsAndNearEndsWithinTheTolerance) {
  //  a ---------- b
  //        |            the side road stops 0.5 m short of the main road
  //        c
  const std::vector<RoadLine> lines{line({{0, 0}, {10, 0}}), line({{4, -6}, {4, -0.5}}), line({{10.3, 0.2}, {20, 0}})};
  RoadBuildOptions options;
  options.split_at_crossings = true;
  options.snap_tolerance_m = 1.0;
  RoadBuildReport report;
  Findings findings;
  const auto net = build_road_network(lines, options, report, findings);
  // nodes: a, the T at (4, 0), c, b (with the third line's start merged into it), and the far end.
  EXPECT_EQ(net.nodes.size(), 5u);
  EXPECT_EQ(net.pieces.size(), 4u);
  EXPECT_GE(report.vertices_merged, 2u);
}

TEST(RoadNetworkBuilder, DropsUnknownClassesWithAWarning) {
  const std::vector<RoadLine> lines{line({{0, 0}, {10, 0}}, "footway"), line({{0, 0}, {0, 10}}, "县道")};
  RoadBuildReport report;
  Findings findings;
  const auto net = build_road_network(lines, {}, report, findings);
  EXPECT_EQ(net.pieces.size(), 1u);
  EXPECT_EQ(report.lines_unknown_class, 1u);
  EXPECT_EQ(findings.count_kind("unknown_road_class"), 1u);
  EXPECT_DOUBLE_EQ(net.pieces[0].speed_kmh, 40);
  EXPECT_EQ(net.classes[net.pieces[0].road_class], "县道");
}

TEST(RoadNetworkBuilder, KeepsOneWayDirectionsAndOwnSpeeds) {
  auto oneway = line({{0, 0}, {10, 0}}, "primary", model::Direction::forward);
  oneway.speed_kmh = 36;
  RoadBuildReport report;
  Findings findings;
  const auto net = build_road_network({oneway}, {}, report, findings);
  ASSERT_EQ(net.pieces.size(), 1u);
  EXPECT_EQ(net.pieces[0].direction, model::Direction::forward);
  EXPECT_DOUBLE_EQ(net.pieces[0].travel_time_s(), 1.0);  // 10 m at 10 m/s
}

TEST(RoadNetworkBuilder, FailsWhenNothingIsUsable) {
  RoadBuildReport report;
  Findings findings;
  EXPECT_THROW(build_road_network({line({{0, 0}, {0, 0}})}, {}, report, findings), InputError);
}

}  // namespace
}  // namespace quhua::graph
