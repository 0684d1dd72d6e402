#include "quhua/graph/road_router.hpp"

#include "support/test_support.hpp"

#include "quhua/graph/road_network_builder.hpp"
#include "quhua/util/random.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace quhua::graph {
namespace {

/// A k x k grid of streets 100 m apart; every third street one-way.
model::RoadNetwork grid_network(int k, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<RoadLine> lines;
  for (int r = 0; r < k; ++r) {
    for (int c = 0; c + 1 < k; ++c) {
      RoadLine h;
      h.points = {{c * 100.0, r * 100.0}, {(c + 1) * 100.0, r * 100.0 + rng.uniform(-5, 5)}};
      h.road_class = r % 2 == 0 ? "primary" : "residential";
      h.direction = r % 3 == 1 ? model::Direction::forward : model::Direction::both;
      lines.push_back(h);
      RoadLine v;
      v.points = {{r * 100.0, c * 100.0}, {r * 100.0, (c + 1) * 100.0}};
      v.road_class = "tertiary";
      v.direction = r % 3 == 2 ? model::Direction::backward : model::Direction::both;
      lines.push_back(v);
    }
  }
  RoadBuildReport report;
  Findings findings;
  return build_road_network(lines, {}, report, findings);
}

TEST(RoadRouter, SnapsToTheNearestRoad) {
  RoadBuildReport report;
  Findings findings;
  RoadLine road;
  road.points = {{0, 0}, {100, 0}};
  road.road_class = "primary";
  const RoadRouter router(build_road_network({road}, {}, report, findings));
  const auto snap = router.snap({25, 30});
  ASSERT_TRUE(snap.found());
  EXPECT_NEAR(snap.distance_m, 30, 1e-9);
  EXPECT_NEAR(snap.fraction, 0.25, 1e-9);
  EXPECT_NEAR(snap.at.x, 25, 1e-9);
  const auto far = router.snap({-40, 0});  // beyond the end: to the end point
  EXPECT_NEAR(far.distance_m, 40, 1e-9);
  EXPECT_NEAR(far.fraction, 0, 1e-12);
}

TEST(RoadRouter, SnapEqualsTheNearestSegmentByBruteForce) {
  // Points inside the grid, near it and far outside it (where the ring search walks many empty rings).
  const auto network = grid_network(12, test::test_seed());
  const RoadRouter router(network);
  Rng rng(test::test_seed() + 1);
  for (int i = 0; i < 200; ++i) {
    const double spread = i % 4 == 0 ? 20000 : 1500;
    const model::Point p{rng.uniform(-spread, spread), rng.uniform(-spread, spread)};
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& piece : network.pieces) {
      for (std::uint32_t k = piece.shape_begin; k + 1 < piece.shape_end; ++k) {
        const auto& a = network.shape_points[k];
        const auto& b = network.shape_points[k + 1];
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
        nearest = std::min(nearest, std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
      }
    }
    const auto snap = router.snap(p, false);
    ASSERT_TRUE(snap.found());
    EXPECT_NEAR(snap.distance_m, nearest, 1e-6) << p.x << ", " << p.y;
  }
}

TEST(RoadRouter, PrefersTheLargestStronglyConnectedPart) {
  // A two-way road, and a one-way stub near the point: the stub cannot be left, so points snap to
  // the two-way road unless told otherwise.
  RoadLine main_road, stub;
  main_road.points = {{0, 0}, {1000, 0}, {2000, 0}};
  main_road.road_class = "primary";
  stub.points = {{500, 50}, {600, 50}};
  stub.road_class = "service";
  stub.direction = model::Direction::forward;
  RoadBuildReport report;
  Findings findings;
  const RoadRouter router(build_road_network({main_road, stub}, {}, report, findings));
  EXPECT_EQ(router.components().nodes_outside_largest, 2u);
  EXPECT_NEAR(router.snap({550, 45}, true).distance_m, 45, 1e-9);
  EXPECT_NEAR(router.snap({550, 45}, false).distance_m, 5, 1e-9);
}

/// Reference: splice each point into the graph as its own node (the piece split at the point, an
/// access arc each way) and run plain Dijkstra.
TEST(RoadRouter, MatrixEqualsDijkstraOnTheGraphWithPointsSplicedIn) {
  const auto seed = test::test_seed();
  const RoadRouter router(grid_network(8, seed));
  Rng rng(seed + 1);
  std::vector<model::Point> points;
  for (int k = 0; k < 25; ++k) points.push_back({rng.uniform(-30, 730), rng.uniform(-30, 730)});
  std::vector<Snap> snaps;
  std::vector<Attachment> attachments;
  for (const auto& p : points) {
    snaps.push_back(router.snap(p));
    attachments.push_back(router.attach(snaps.back(), 5));
  }
  RunControl control;
  const auto matrix = travel_matrix(router.graph(), attachments, attachments, {}, control);

  // Spliced graph: graph nodes, then one node per point, then one per point's road position.
  const auto& net = router.network();
  const std::size_t n = router.graph().node_count(), k = points.size();
  std::vector<RoadArc> arcs;
  for (std::size_t piece = 0; piece < net.pieces.size(); ++piece) {
    const auto& pc = net.pieces[piece];
    std::vector<std::pair<double, NodeId>> stops{{0.0, router.graph_node(pc.from)}, {1.0, router.graph_node(pc.to)}};
    for (std::size_t i = 0; i < k; ++i) {
      if (snaps[i].piece == piece) stops.emplace_back(snaps[i].fraction, static_cast<NodeId>(n + k + i));
    }
    std::stable_sort(stops.begin(), stops.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t s = 0; s + 1 < stops.size(); ++s) {
      const double t = (stops[s + 1].first - stops[s].first) * pc.travel_time_s();
      if (pc.drivable_forward()) arcs.push_back({stops[s].second, stops[s + 1].second, t, 0});
      if (pc.drivable_backward()) arcs.push_back({stops[s + 1].second, stops[s].second, t, 0});
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    const double access = snaps[i].distance_m / (5 / 3.6);
    arcs.push_back({static_cast<NodeId>(n + i), static_cast<NodeId>(n + k + i), access, 0});
    arcs.push_back({static_cast<NodeId>(n + k + i), static_cast<NodeId>(n + i), access, 0});
  }
  const auto spliced = RoadGraph::from_arcs(n + 2 * k, arcs);
  for (std::size_t i = 0; i < k; ++i) {
    const auto reference = dijkstra(spliced, static_cast<NodeId>(n + i), Metric::travel_time);
    for (std::size_t j = 0; j < k; ++j) {
      if (i == j) continue;
      EXPECT_NEAR(matrix(i, j), reference[n + j], 1e-3) << "points " << i << " -> " << j;
    }
  }
}

}  // namespace
}  // namespace quhua::graph
