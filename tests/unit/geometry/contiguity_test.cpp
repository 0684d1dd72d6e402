#include "quhua/geometry/contiguity.hpp"

#include "support/ascii_map.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace quhua::geometry {

namespace {

using test::ascii_layer;
using test::rectangle;

ContiguityResult build(const std::vector<model::MultiPolygon>& units, Contiguity kind, double tolerance_m = 1.0) {
  ContiguityOptions options;
  options.contiguity = kind;
  options.snap_tolerance_m = tolerance_m;
  return build_contiguity(units, options);
}

std::vector<std::pair<graph::NodeId, graph::NodeId>> pairs_of(const std::vector<graph::Edge>& edges) {
  std::vector<std::pair<graph::NodeId, graph::NodeId>> out;
  for (const auto& e : edges) out.emplace_back(e.a, e.b);
  return out;
}

}  // namespace

TEST(Contiguity, SharedBorderLengthsAreExact) {
  const auto map = ascii_layer(R"(
      AAB
      ACB
      DDB)");
  const auto result = build(map.units, Contiguity::rook);
  const auto& g = result.graph;
  const auto id = [&](char c) { return map.id(c); };
  EXPECT_EQ(g.edge_count(), 6u);
  EXPECT_NEAR(g.shared_border(id('A'), id('C')), 2000, 1e-6);  // C's north and west sides
  EXPECT_NEAR(g.shared_border(id('A'), id('B')), 1000, 1e-6);
  EXPECT_NEAR(g.shared_border(id('A'), id('D')), 1000, 1e-6);
  EXPECT_NEAR(g.shared_border(id('B'), id('C')), 1000, 1e-6);
  EXPECT_NEAR(g.shared_border(id('B'), id('D')), 1000, 1e-6);
  EXPECT_NEAR(g.shared_border(id('C'), id('D')), 1000, 1e-6);
  EXPECT_TRUE(result.report.islands.empty());
  EXPECT_TRUE(result.report.point_contacts.empty());
  EXPECT_EQ(result.report.components.count(), 1u);
}

TEST(Contiguity, RookIgnoresCornerContactQueenKeepsIt) {
  const auto map = ascii_layer(R"(
      AB
      CD)");
  const auto A = map.id('A'), B = map.id('B'), C = map.id('C'), D = map.id('D');

  const auto rook = build(map.units, Contiguity::rook);
  EXPECT_EQ(rook.graph.edge_count(), 4u);
  EXPECT_FALSE(rook.graph.adjacent(A, D));
  EXPECT_FALSE(rook.graph.adjacent(B, C));
  // The corner contacts are reported, so a user sees why A and D are not neighbours.
  using Pairs = std::vector<std::pair<graph::NodeId, graph::NodeId>>;
  EXPECT_EQ(pairs_of(rook.report.point_contacts), (Pairs{{A, D}, {B, C}}));

  const auto queen = build(map.units, Contiguity::queen);
  EXPECT_EQ(queen.graph.edge_count(), 6u);
  EXPECT_EQ(queen.graph.shared_border(A, D), 0);  // adjacent, through a point
  EXPECT_EQ(queen.graph.shared_border(B, C), 0);
  EXPECT_NEAR(queen.graph.shared_border(A, B), 1000, 1e-6);
  EXPECT_TRUE(queen.report.point_contacts.empty());
}

TEST(Contiguity, UnitInAHoleIsItsNeighbour) {
  const auto map = ascii_layer(R"(
      AAA
      ABA
      AAA)");
  ASSERT_EQ(map.units[map.id('A')].size(), 1u);
  ASSERT_EQ(map.units[map.id('A')][0].holes.size(), 1u);
  const auto result = build(map.units, Contiguity::rook);
  EXPECT_EQ(result.graph.edge_count(), 1u);
  EXPECT_NEAR(result.graph.shared_border(map.id('A'), map.id('B')), 4000, 1e-6);
  EXPECT_TRUE(result.report.multipart_units.empty());
}

TEST(Contiguity, MultipartUnitIsReportedWithItsPartCount) {
  // A's second part (an exclave, 飞地) touches nothing.
  const auto map = ascii_layer(R"(
      ABC.A)");
  const auto result = build(map.units, Contiguity::rook);
  const auto A = map.id('A');
  ASSERT_EQ(result.report.multipart_units.size(), 1u);
  EXPECT_EQ(result.report.multipart_units[0].unit, A);
  EXPECT_EQ(result.report.multipart_units[0].part_count, 2u);
  EXPECT_TRUE(result.graph.adjacent(A, map.id('B')));
  EXPECT_FALSE(result.graph.adjacent(A, map.id('C')));
  EXPECT_NEAR(result.graph.shared_border(A, map.id('B')), 1000, 1e-6);
}

TEST(Contiguity, TJunctionCountsTheWholeBorder) {
  // A's south side is one segment from x = 0 to 2 km; B and C meet in its middle, where A has no
  // vertex. Matching vertices alone would find neither A-B nor A-C.
  const auto map = ascii_layer(R"(
      AA
      BC)");
  ASSERT_EQ(map.units[map.id('A')][0].outer.size(), 5u);
  const auto result = build(map.units, Contiguity::rook, 0.0);
  EXPECT_NEAR(result.graph.shared_border(map.id('A'), map.id('B')), 1000, 1e-6);
  EXPECT_NEAR(result.graph.shared_border(map.id('A'), map.id('C')), 1000, 1e-6);
  EXPECT_NEAR(result.graph.shared_border(map.id('B'), map.id('C')), 1000, 1e-6);
}

TEST(Contiguity, GapWithinToleranceIsBridgedAndOutsideItIsNot) {
  // Two 1 km squares with a 0.5 m gap between them, as two separately digitised villages have.
  const std::vector<model::MultiPolygon> units = {rectangle(0, 0, 1000, 1000), rectangle(1000.5, 0, 2000, 1000)};

  const auto bridged = build(units, Contiguity::rook, 1.0);
  EXPECT_NEAR(bridged.graph.shared_border(0, 1), 1000, 1e-6);
  EXPECT_EQ(bridged.report.components.count(), 1u);

  const auto exact = build(units, Contiguity::queen, 0.0);
  EXPECT_EQ(exact.graph.edge_count(), 0u);
  EXPECT_EQ(exact.report.islands, (std::vector<graph::NodeId>{0, 1}));
  EXPECT_EQ(exact.report.components.count(), 2u);
}

TEST(Contiguity, OverlapsAreReportedWithTheirAreaAndSliversAreNot) {
  // A (0-10 km) and B (6-16 km, shifted 2 km north) overlap on 4 x 8 km = 32 km²: they used to come out
  // as neighbours with a long "shared border" and nothing more. C lies inside A touching nothing. D
  // overlaps A by a 0.4 m sliver along x = 10 km, within the 1 m tolerance: digitising noise.
  const std::vector<model::MultiPolygon> units = {rectangle(0, 0, 10000, 10000), rectangle(6000, 2000, 16000, 12000),
                                                  rectangle(1000, 1000, 2000, 2000),
                                                  rectangle(9999.6, -3000, 12000, 1000)};
  ContiguityOptions options;
  options.find_overlaps = true;
  const auto result = build_contiguity(units, options);
  ASSERT_EQ(result.report.overlaps.size(), 2u);
  EXPECT_EQ(result.report.overlaps[0].a, 0u);
  EXPECT_EQ(result.report.overlaps[0].b, 1u);
  EXPECT_NEAR(result.report.overlaps[0].area_m2, 4000.0 * 8000.0, 1e-3);
  EXPECT_EQ(result.report.overlaps[1].a, 0u);
  EXPECT_EQ(result.report.overlaps[1].b, 2u);
  EXPECT_NEAR(result.report.overlaps[1].area_m2, 1e6, 1e-6);
  // Off by default: the planner does not pay for the overlays.
  EXPECT_TRUE(build_contiguity(units).report.overlaps.empty());
}

TEST(Contiguity, NearlySharedBorderOfSimplifiedDataCounts) {
  // B's west side, digitised apart from A, has vertices where A has none: it overlaps A by up to
  // 0.3 m (a sliver) and leaves a gap of up to 0.6 m. Within 1 m, the whole 1 km side is shared.
  const std::vector<model::MultiPolygon> units = {
      rectangle(0, 0, 1000, 1000),
      {model::Polygon{{{1000, 0}, {2000, 0}, {2000, 1000}, {1000, 1000}, {999.7, 700}, {1000.6, 400}, {1000, 0}}, {}}},
  };
  const auto result = build(units, Contiguity::rook, 1.0);
  EXPECT_NEAR(result.graph.shared_border(0, 1), 1000, 1e-6);
  // Exactly, the two boundaries only cross and meet at the corners.
  const auto exact = build(units, Contiguity::rook, 0.0);
  EXPECT_FALSE(exact.graph.adjacent(0, 1));
  ASSERT_EQ(exact.report.point_contacts.size(), 1u);
  EXPECT_EQ(exact.report.point_contacts[0].shared_border_m, 0);
}

TEST(Contiguity, DuplicateVerticesAndUnclosedRingsAreTolerated) {
  const std::vector<model::MultiPolygon> units = {
      {model::Polygon{{{0, 0}, {0, 0}, {1000, 0}, {1000, 0}, {1000, 1000}, {0, 1000}}, {}}},  // open, doubled
      rectangle(1000, 0, 2000, 1000),
  };
  const auto result = build(units, Contiguity::rook, 0.0);
  EXPECT_EQ(result.graph.edge_count(), 1u);
  EXPECT_NEAR(result.graph.shared_border(0, 1), 1000, 1e-6);
  EXPECT_EQ(result.report.segment_count, 8u);
}

TEST(Contiguity, LongSegmentMeetsManySmallNeighbours) {
  // One 100 km straight side against 100 squares of 1 km: the long side is cut to the grid, and each
  // piece pair is counted once however many cells it spans.
  std::vector<model::MultiPolygon> units = {rectangle(0, 0, 100000, 1000)};
  for (int i = 0; i < 100; ++i) units.push_back(rectangle(i * 1000.0, -1000, (i + 1) * 1000.0, 0));
  const auto result = build(units, Contiguity::rook);
  EXPECT_EQ(result.graph.degree(0), 100u);
  for (graph::NodeId v = 1; v <= 100; ++v) EXPECT_NEAR(result.graph.shared_border(0, v), 1000, 1e-6) << v;
  EXPECT_EQ(result.graph.edge_count(), 100u + 99u);
}

TEST(Contiguity, IslandsEmptyUnitsAndComponentsAreReported) {
  auto map = ascii_layer(R"(
      AB.C
      ....
      D...)");
  map.units.emplace_back();  // a unit without geometry, as an importer may pass on
  const auto result = build(map.units, Contiguity::queen);
  const graph::NodeId empty = 4;
  EXPECT_EQ(result.report.islands, (std::vector<graph::NodeId>{map.id('C'), map.id('D'), empty}));
  EXPECT_EQ(result.report.empty_units, (std::vector<graph::NodeId>{empty}));
  EXPECT_EQ(result.report.components.count(), 4u);
  EXPECT_EQ(result.report.components.component_of[map.id('A')], result.report.components.component_of[map.id('B')]);
}

TEST(Contiguity, SameInputGivesTheSameGraph) {
  const auto map = ascii_layer(R"(
      AAB.E
      ACBEE
      DDBFF)");
  const auto first = build(map.units, Contiguity::queen).graph.edges();
  const auto second = build(map.units, Contiguity::queen).graph.edges();
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t k = 0; k < first.size(); ++k) {
    EXPECT_EQ(first[k].a, second[k].a);
    EXPECT_EQ(first[k].b, second[k].b);
    EXPECT_EQ(first[k].shared_border_m, second[k].shared_border_m);  // bit for bit
  }
}

TEST(Contiguity, BadOptionsAndCoordinatesAreRejected) {
  const std::vector<model::MultiPolygon> units = {rectangle(0, 0, 1, 1)};
  ContiguityOptions options;
  options.snap_tolerance_m = -1;
  EXPECT_THROW(build_contiguity(units, options), UsageError);
  options.snap_tolerance_m = 1;
  options.min_shared_border_m = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(build_contiguity(units, options), UsageError);

  const std::vector<model::MultiPolygon> broken = {rectangle(0, 0, 1, 1),
                                                   rectangle(1, 0, 2, std::numeric_limits<double>::infinity())};
  try {
    build_contiguity(broken);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.code(), ErrorCode::input_geometry);
    EXPECT_EQ(error.context().feature, "unit 1");
  }
}

TEST(Contiguity, EmptyLayerGivesEmptyGraph) {
  const auto result = build_contiguity(std::vector<model::MultiPolygon>{});
  EXPECT_EQ(result.graph.node_count(), 0u);
  EXPECT_EQ(result.report.components.count(), 0u);
}

}  // namespace quhua::geometry
