#include "quhua/graph/travel_matrix.hpp"

#include "support/test_support.hpp"

#include "quhua/util/random.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace quhua::graph {
namespace {

RoadGraph random_graph(std::size_t n, std::size_t arcs, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<RoadArc> list;
  for (std::size_t k = 0; k < arcs; ++k) {
    const auto a = static_cast<NodeId>(rng.below(n));
    const auto b = static_cast<NodeId>(rng.below(n));
    list.push_back({a, b, static_cast<double>(1 + rng.below(100)), rng.uniform(10, 1000)});
  }
  return RoadGraph::from_arcs(n, list);
}

TEST(TravelMatrix, EqualsPlainDijkstraOnRandomGraphs) {
  const auto seed = test::test_seed();
  for (std::uint64_t k = 0; k < 6; ++k) {
    const auto graph = random_graph(300, 900 + 150 * k, seed + k);
    Rng rng(seed + 50 + k);
    std::vector<Attachment> from, to;
    std::vector<NodeId> from_nodes, to_nodes;
    // Both shapes: fewer origins (forward searches) and fewer destinations (backward searches).
    const std::size_t rows = k % 2 == 0 ? 7 : 40, cols = k % 2 == 0 ? 40 : 7;
    for (std::size_t i = 0; i < rows; ++i) from_nodes.push_back(static_cast<NodeId>(rng.below(300)));
    for (std::size_t j = 0; j < cols; ++j) to_nodes.push_back(static_cast<NodeId>(rng.below(300)));
    for (NodeId v : from_nodes) from.push_back(Attachment::at_node(v));
    for (NodeId v : to_nodes) to.push_back(Attachment::at_node(v));
    for (const Metric metric : {Metric::travel_time, Metric::length}) {
      RunControl control;
      MatrixOptions options;
      options.metric = metric;
      options.threads = 3;
      const auto matrix = travel_matrix(graph, from, to, options, control);
      for (std::size_t i = 0; i < rows; ++i) {
        const auto reference = dijkstra(graph, from_nodes[i], metric);
        for (std::size_t j = 0; j < cols; ++j) {
          const double expected = reference[to_nodes[j]];
          if (std::isinf(expected)) {
            EXPECT_TRUE(std::isinf(matrix(i, j)));
          } else {
            EXPECT_NEAR(matrix(i, j), expected, 1e-6 * (1 + expected))
                << "seed " << seed + k << " (" << i << "," << j << ")";
          }
        }
      }
    }
  }
}

TEST(TravelMatrix, SameOutputWhateverTheThreadCount) {
  const auto graph = random_graph(500, 2000, 17);
  std::vector<Attachment> points;
  for (NodeId v = 0; v < 500; v += 7) points.push_back(Attachment::at_node(v));
  RunControl control;
  MatrixOptions one, four;
  one.threads = 1;
  four.threads = 4;
  EXPECT_EQ(travel_matrix(graph, points, points, one, control).values,
            travel_matrix(graph, points, points, four, control).values);
}

TEST(TravelMatrix, CutOffLeavesFartherPairsWithoutAPath) {
  // A path 0 -> 1 -> 2 -> 3 of 10 s per arc.
  const auto graph = RoadGraph::from_arcs(4, {{0, 1, 10, 100}, {1, 2, 10, 100}, {2, 3, 10, 100}});
  const std::vector<Attachment> from{Attachment::at_node(0)};
  const std::vector<Attachment> to{Attachment::at_node(1), Attachment::at_node(2), Attachment::at_node(3)};
  RunControl control;
  MatrixOptions options;
  options.max_cost = 20;
  const auto m = travel_matrix(graph, from, to, options, control);
  EXPECT_DOUBLE_EQ(m(0, 0), 10);
  EXPECT_DOUBLE_EQ(m(0, 1), 20);
  EXPECT_TRUE(std::isinf(m(0, 2)));
}

TEST(TravelMatrix, PointsOnOnePieceTravelAlongIt) {
  // Piece 0 -> 1, 100 s forward only; a at 0.2, b at 0.7: a -> b takes 50 s plus access legs,
  // b -> a must go round (no way back here, so no path).
  const auto graph = RoadGraph::from_arcs(2, {{0, 1, 100, 1000}});
  const auto a = Attachment::on_piece(0, 0, 1, 0.2, 100, k_no_path, 1000, k_no_path, 3, 10);
  const auto b = Attachment::on_piece(0, 0, 1, 0.7, 100, k_no_path, 1000, k_no_path, 4, 20);
  RunControl control;
  const std::vector<Attachment> from{a, b}, to{b, a};
  const auto m = travel_matrix(graph, from, to, {}, control);
  EXPECT_NEAR(m(0, 0), 50 + 3 + 4, 1e-9);
  EXPECT_TRUE(std::isinf(m(1, 1)));
}

TEST(StrongComponents, FindsTheLargestCycle) {
  // 0 <-> 1 <-> 2 is strongly connected; 3 only receives; 4 is alone.
  const auto graph = RoadGraph::from_arcs(5, {{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 2, 1, 1}, {2, 1, 1, 1}, {2, 3, 1, 1}});
  const auto scc = strong_components(graph);
  EXPECT_EQ(scc.count(), 3u);
  EXPECT_EQ(scc.sizes[scc.largest], 3u);
  EXPECT_EQ(scc.component_of[0], scc.component_of[2]);
  EXPECT_NE(scc.component_of[3], scc.component_of[0]);
}

}  // namespace
}  // namespace quhua::graph
