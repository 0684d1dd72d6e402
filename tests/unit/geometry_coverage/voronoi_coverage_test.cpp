// voronoi_coverage and shared_border_length: exact coverages of concave outlines.
#include <gtest/gtest.h>

#include <vector>

#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/util/random.hpp"
#include "support/test_support.hpp"

namespace quhua::geometry {
namespace {

model::MultiPolygon square(double x0, double y0, double size) {
  return {model::Polygon{{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}, {}}};
}

// A U-shaped county: the notch cuts the Voronoi cells of sites near it into separate parts.
//   +----+    +----+
//   |    |    |    |
//   |    +----+    |
//   |              |
//   +--------------+
const model::MultiPolygon k_u_shape{
    model::Polygon{{{0, 0}, {30, 0}, {30, 30}, {20, 30}, {20, 10}, {10, 10}, {10, 30}, {0, 30}, {0, 0}}, {}}};

TEST(VoronoiCoverage, CellsTileAConcaveOutlineExactly) {
  Rng rng(test::test_seed());
  std::vector<model::Point> sites;
  while (sites.size() < 60) {
    const model::Point p{rng.uniform(0, 30), rng.uniform(0, 30)};
    if (contains(k_u_shape, p)) sites.push_back(p);
  }
  const auto cells = voronoi_coverage(sites, k_u_shape);
  ASSERT_EQ(cells.size(), sites.size());
  double total = 0;
  std::vector<const model::MultiPolygon*> parts;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    ASSERT_FALSE(cells[i].empty()) << "site " << i;
    EXPECT_TRUE(contains(cells[i], sites[i])) << "site " << i;
    EXPECT_TRUE(check_validity(cells[i]).valid) << "site " << i;
    total += area(cells[i]);
    parts.push_back(&cells[i]);
  }
  // No gaps and no overlaps: the areas add up to the outline's, and so does their union.
  EXPECT_NEAR(total, area(k_u_shape), 1e-9);
  EXPECT_NEAR(area(union_all(parts)), area(k_u_shape), 1e-9);
}

TEST(VoronoiCoverage, NeighboursShareTheirBorderExactly) {
  // Two sites either side of x = 5 in a 10 x 10 square: the border is the line x = 5, 10 long.
  const std::vector<model::Point> sites{{2, 5}, {8, 5}};
  const auto cells = voronoi_coverage(sites, square(0, 0, 10));
  EXPECT_NEAR(area(cells[0]), 50, 1e-9);
  EXPECT_NEAR(shared_border_length(cells[0], cells[1]), 10, 1e-9);
}

TEST(VoronoiCoverage, ACellCutByTheOutlineKeepsAllItsParts) {
  // A site in the notch (outside the outline) and one low in the base: the notch site's cell holds the
  // upper parts of both arms, two pieces the notch keeps apart.
  const std::vector<model::Point> sites{{15, 20}, {15, 3}};
  const auto cells = voronoi_coverage(sites, k_u_shape);
  EXPECT_EQ(cells[0].size(), 2u);
  EXPECT_EQ(cells[1].size(), 1u);
  EXPECT_NEAR(area(cells[0]) + area(cells[1]), area(k_u_shape), 1e-9);
}

TEST(SharedBorderLength, CountsOnlyLinearContact) {
  EXPECT_NEAR(shared_border_length(square(0, 0, 1), square(1, 0, 1)), 1, 1e-12);
  EXPECT_NEAR(shared_border_length(square(0, 0, 2), square(2, 1, 1)), 1, 1e-12);  // partial edge
  EXPECT_EQ(shared_border_length(square(0, 0, 1), square(1, 1, 1)), 0);           // corner only
  EXPECT_EQ(shared_border_length(square(0, 0, 1), square(5, 5, 1)), 0);
  EXPECT_EQ(shared_border_length({}, square(0, 0, 1)), 0);
}

}  // namespace
}  // namespace quhua::geometry
