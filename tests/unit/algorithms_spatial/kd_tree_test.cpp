#include "quhua/algorithms/spatial/kd_tree.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "quhua/util/random.hpp"
#include "support/test_support.hpp"

namespace quhua::algorithms::spatial {
namespace {

/// Brute force: nearest other point, ties to the lower index.
KdTree::Hit brute_nearest(const std::vector<model::Point>& points, const model::Point& q, std::uint32_t exclude) {
  KdTree::Hit best;
  double best2 = INFINITY;
  for (std::uint32_t i = 0; i < points.size(); ++i) {
    if (i == exclude) continue;
    const double d2 = (points[i].x - q.x) * (points[i].x - q.x) + (points[i].y - q.y) * (points[i].y - q.y);
    if (d2 < best2) {
      best2 = d2;
      best.index = i;
    }
  }
  best.distance = std::sqrt(best2);
  return best;
}

TEST(KdTree, EmptyAndSinglePointHaveNoOtherPoint) {
  const KdTree empty(std::vector<model::Point>{});
  EXPECT_FALSE(empty.nearest({0, 0}));
  const std::vector<model::Point> one{{3, 4}};
  const KdTree tree(one);
  EXPECT_FALSE(tree.nearest({0, 0}, 0));
  const auto hit = tree.nearest({0, 0});
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->index, 0u);
  EXPECT_DOUBLE_EQ(hit->distance, 5);
}

TEST(KdTree, DuplicatesAreAtDistanceZeroAndTiesGoToTheLowerIndex) {
  const std::vector<model::Point> points{{1, 1}, {5, 5}, {1, 1}, {1, 1}};
  const KdTree tree(points);
  const auto from_last = tree.nearest(points[3], 3);
  ASSERT_TRUE(from_last);
  EXPECT_EQ(from_last->index, 0u);
  EXPECT_DOUBLE_EQ(from_last->distance, 0);
  const auto from_first = tree.nearest(points[0], 0);
  EXPECT_EQ(from_first->index, 2u);
}

TEST(KdTree, MatchesBruteForceOnRandomClusteredPoints) {
  Rng rng(test::test_seed());
  std::vector<model::Point> points;
  // Clusters of very different density plus a grid with exact ties, as seats are.
  for (int c = 0; c < 12; ++c) {
    const model::Point centre{rng.uniform(0, 50000), rng.uniform(0, 50000)};
    const double spread = rng.uniform(50, 5000);
    for (int k = 0; k < 150; ++k) points.push_back({centre.x + rng.normal(0, spread), centre.y + rng.normal(0, spread)});
  }
  for (int i = 0; i < 20; ++i) {
    for (int j = 0; j < 20; ++j) points.push_back({100.0 * i, 100.0 * j});
  }
  const KdTree tree(points);
  ASSERT_EQ(tree.size(), points.size());
  for (std::uint32_t i = 0; i < points.size(); ++i) {
    const auto hit = tree.nearest(points[i], i);
    const auto expected = brute_nearest(points, points[i], i);
    ASSERT_TRUE(hit);
    ASSERT_EQ(hit->distance, expected.distance) << "point " << i;
    ASSERT_EQ(hit->index, expected.index) << "point " << i;
  }
  for (int q = 0; q < 300; ++q) {
    const model::Point p{rng.uniform(-5000, 55000), rng.uniform(-5000, 55000)};
    const auto hit = tree.nearest(p);
    const auto expected = brute_nearest(points, p, KdTree::k_none);
    ASSERT_EQ(hit->index, expected.index);
  }
}

}  // namespace
}  // namespace quhua::algorithms::spatial
