#include "quhua/graph/contiguity_graph.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"

namespace quhua::graph {

TEST(ContiguityGraph, BuildsSymmetricSortedRowsAndMergesDuplicates) {
  // 0 - 1 - 2, 0 - 2, given with a reversed duplicate and a self-loop.
  const auto g = ContiguityGraph::from_edges(4, {{1, 0, 10}, {0, 1, 12}, {2, 1, 5}, {0, 2, 3}, {2, 2, 1}});
  EXPECT_EQ(g.node_count(), 4u);
  EXPECT_EQ(g.edge_count(), 3u);
  EXPECT_EQ(g.degree(0), 2u);
  EXPECT_EQ(g.degree(3), 0u);
  EXPECT_EQ(g.shared_border(0, 1), 12);
  EXPECT_EQ(g.shared_border(1, 0), 12);
  EXPECT_EQ(g.shared_border(2, 1), 5);
  EXPECT_EQ(g.shared_border(0, 3), -1);
  EXPECT_TRUE(g.adjacent(2, 0));
  const auto row = g.neighbors(2);
  ASSERT_EQ(row.size(), 2u);
  EXPECT_EQ(row[0], 0u);
  EXPECT_EQ(row[1], 1u);
  const auto edges = g.edges();
  ASSERT_EQ(edges.size(), 3u);
  EXPECT_EQ(edges[0].a, 0u);
  EXPECT_EQ(edges[0].b, 1u);
}

TEST(ContiguityGraph, RejectsOutOfRangeEndpoints) {
  EXPECT_THROW(ContiguityGraph::from_edges(2, {{0, 2, 1}}), InternalError);
}

}  // namespace quhua::graph
