#include "quhua/report/palette.hpp"

#include <gtest/gtest.h>

namespace quhua::report {

TEST(Palette, QuantileBreaksSplitEvenly) {
  const auto breaks = quantile_breaks({1, 2, 3, 4, 5, 6, 7, 8}, 4);
  EXPECT_EQ(breaks, (std::vector<double>{2, 4, 6, 8}));
  EXPECT_EQ(class_of(1, breaks), 0u);
  EXPECT_EQ(class_of(4.5, breaks), 2u);
  EXPECT_EQ(class_of(100, breaks), 3u);
  EXPECT_EQ(quantile_breaks({5, 5, 5}, 3), (std::vector<double>{5}));
}

TEST(Palette, NeighboursNeverShareAColour) {
  // A wheel: hub 0 joined to a 5-cycle 1..5 (needs 4 colours).
  const auto g = graph::ContiguityGraph::from_edges(
      6, {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 1}});
  const auto colors = greedy_coloring(g);
  for (const auto& e : g.edges()) EXPECT_NE(colors[e.a], colors[e.b]);
  EXPECT_EQ(sequential_palette(3).size(), 3u);
}

}  // namespace quhua::report
