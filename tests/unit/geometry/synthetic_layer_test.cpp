#include "quhua/geometry/synthetic_layer.hpp"

#include "quhua/geometry/contiguity.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::geometry {

TEST(SyntheticLayer, SameOptionsSameLayer) {
  SyntheticLayerOptions options;
  options.unit_count = 50;
  const auto first = synthetic_layer(options);
  const auto second = synthetic_layer(options);
  ASSERT_EQ(first.size(), 50u);
  for (std::size_t u = 0; u < first.size(); ++u) {
    ASSERT_EQ(first[u].size(), 1u);
    EXPECT_EQ(first[u][0].outer, second[u][0].outer);
    EXPECT_EQ(first[u][0].outer.front(), first[u][0].outer.back());
  }
  options.seed = 2;
  EXPECT_NE(synthetic_layer(options)[0][0].outer, first[0][0].outer);
}

TEST(SyntheticLayer, EveryInteriorUnitHasSixRookNeighboursAndNoCornerContact) {
  // 30 full rows of 30 bricks: neighbours side by side in each row, two above and two below.
  SyntheticLayerOptions options;
  options.unit_count = 900;
  ASSERT_EQ(synthetic_layer_columns(options.unit_count), 30u);
  const auto layer = synthetic_layer(options);
  const auto result = build_contiguity(layer);
  EXPECT_EQ(result.graph.edge_count(), 30u * 29u + 29u * 59u);
  EXPECT_TRUE(result.report.point_contacts.empty());
  EXPECT_TRUE(result.report.islands.empty());
  for (std::size_t r = 1; r + 1 < 30; ++r) {
    for (std::size_t c = 1; c + 1 < 30; ++c) EXPECT_EQ(result.graph.degree(static_cast<graph::NodeId>(r * 30 + c)), 6u);
  }
  // A brick's side neighbour shares a wall about 0.75 * 1,500 m long, wiggles included.
  EXPECT_GT(result.graph.shared_border(31, 32), 900);
  EXPECT_LT(result.graph.shared_border(31, 32), 1600);
}

TEST(SyntheticLayer, BadOptionsAreRejected) {
  SyntheticLayerOptions options;
  options.cell_size_m = 0;
  EXPECT_THROW(synthetic_layer(options), UsageError);
  options.cell_size_m = 100;
  options.t_junction_share = 1.5;
  EXPECT_THROW(synthetic_layer(options), UsageError);
}

}  // namespace quhua::geometry
