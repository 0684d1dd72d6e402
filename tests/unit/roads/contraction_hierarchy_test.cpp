#include "quhua/graph/contraction_hierarchy.hpp"

#include "support/test_support.hpp"

#include "quhua/graph/road_network_builder.hpp"
#include "quhua/graph/road_router.hpp"
#include "quhua/util/random.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace quhua::graph {
namespace {

void expect_same(const Matrix& a, const Matrix& b, const std::string& what) {
  ASSERT_EQ(a.values.size(), b.values.size());
  for (std::size_t k = 0; k < a.values.size(); ++k) {
    if (std::isinf(b.values[k])) {
      EXPECT_TRUE(std::isinf(a.values[k])) << what << " entry " << k;
    } else {
      EXPECT_NEAR(a.values[k], b.values[k], 1e-6 * (1 + b.values[k])) << what << " entry " << k;
    }
  }
}

TEST(ContractionHierarchy, MatrixEqualsDijkstraOnRandomGraphs) {
  const auto seed = test::test_seed();
  for (std::uint64_t k = 0; k < 5; ++k) {
    Rng rng(seed + 700 + k);
    std::vector<RoadArc> arcs;
    const std::size_t n = 400;
    for (std::size_t e = 0; e < 1400; ++e) {
      const auto a = static_cast<NodeId>(rng.below(n)), b = static_cast<NodeId>(rng.below(n));
      arcs.push_back({a, b, static_cast<double>(1 + rng.below(60)), rng.uniform(10, 900)});
    }
    const auto graph = RoadGraph::from_arcs(n, arcs);
    std::vector<Attachment> from, to;
    for (int i = 0; i < 30; ++i) from.push_back(Attachment::at_node(static_cast<NodeId>(rng.below(n))));
    for (int j = 0; j < 45; ++j) to.push_back(Attachment::at_node(static_cast<NodeId>(rng.below(n))));
    for (const Metric metric : {Metric::travel_time, Metric::length}) {
      RunControl control;
      const auto ch = ContractionHierarchy::build(graph, metric, control);
      ASSERT_TRUE(ch.valid());
      MatrixOptions options;
      options.metric = metric;
      options.threads = 2;
      expect_same(ch.matrix(from, to, options, control), travel_matrix(graph, from, to, options, control),
                  "seed " + std::to_string(seed + 700 + k));
    }
  }
}

TEST(ContractionHierarchy, MatrixEqualsDijkstraWithSnappedPointsAndACutOff) {
  Rng rng(test::test_seed() + 800);
  std::vector<RoadLine> lines;
  for (int r = 0; r < 12; ++r) {
    for (int c = 0; c < 12; ++c) {
      for (int dir = 0; dir < 2; ++dir) {
        const int r2 = r + dir, c2 = c + 1 - dir;
        if (r2 >= 12 || c2 >= 12 || rng.uniform() < 0.1) continue;
        RoadLine l;
        l.points = {{c * 100.0, r * 100.0}, {c2 * 100.0, r2 * 100.0}};
        l.road_class = rng.uniform() < 0.3 ? "primary" : "residential";
        if (rng.uniform() < 0.1) l.direction = model::Direction::forward;
        lines.push_back(l);
      }
    }
  }
  RoadBuildReport report;
  Findings findings;
  const RoadRouter router(build_road_network(lines, {}, report, findings));
  std::vector<Attachment> points;
  for (int k = 0; k < 60; ++k)
    points.push_back(router.attach(router.snap({rng.uniform(0, 1100), rng.uniform(0, 1100)}), 5));
  RunControl control;
  const auto ch = ContractionHierarchy::build(router.graph(), Metric::travel_time, control);
  MatrixOptions options;
  expect_same(ch.matrix(points, points, options, control),
              travel_matrix(router.graph(), points, points, options, control), "grid");
  options.max_cost = 90;
  expect_same(ch.matrix(points, points, options, control),
              travel_matrix(router.graph(), points, points, options, control), "grid with cut-off");
}

}  // namespace
}  // namespace quhua::graph
