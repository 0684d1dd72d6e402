#include "quhua/graph/components.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace quhua::graph {

// 0-1-2   3-4   5 (island)
//   |
//   6
ContiguityGraph sample() { return ContiguityGraph::from_edges(7, {{0, 1}, {1, 2}, {1, 6}, {3, 4}}); }

TEST(Components, CountsIslandsAsOwnComponents) {
  const auto c = connected_components(sample());
  EXPECT_EQ(c.count(), 3u);  // {0,1,2,6}, {3,4}, {5}
  EXPECT_EQ(c.component_of[0], c.component_of[6]);
  EXPECT_NE(c.component_of[0], c.component_of[3]);
  EXPECT_EQ(c.sizes[c.component_of[5]], 1u);
}

TEST(Components, InducedSubsetSplitsAtRemovedNode) {
  std::vector<std::uint8_t> subset{1, 0, 1, 0, 0, 0, 1};
  const auto c = connected_components(sample(), subset);
  EXPECT_EQ(c.count(), 3u);  // {0,1,2,6}, {3,4}, {5}
  EXPECT_EQ(c.component_of[1], Components::k_outside);
}

TEST(Components, ArticulationPointsOfPathAndCycle) {
  EXPECT_EQ(articulation_points(sample()), (std::vector<NodeId>{1}));
  // A 4-cycle has none; adding a tail makes its anchor one.
  const auto cycle = ContiguityGraph::from_edges(5, {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {3, 4}});
  EXPECT_EQ(articulation_points(cycle), (std::vector<NodeId>{3}));
}

TEST(Components, MutualReachJoinsOnlyPairsLinkedBothWays) {
  // 0 <-> 1 both ways; 1 -> 2 one way only (a one-way road out); 3 reaches 2 and back; 4 reaches nobody.
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> cost = {
      0,   5,   inf, inf, inf,  //
      6,   0,   9,   inf, inf,  //
      inf, inf, 0,   3,   inf,  //
      inf, inf, 4,   0,   inf,  //
      inf, inf, inf, inf, 0,
  };
  const auto groups = mutual_reach(cost, 5);
  EXPECT_EQ(groups.component_of, (std::vector<std::uint32_t>{0, 0, 1, 1, 2}));
  EXPECT_EQ(groups.sizes, (std::vector<std::uint32_t>{2, 2, 1}));
}

}  // namespace quhua::graph
