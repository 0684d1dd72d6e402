#include "quhua/geometry/polygon_ops.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "quhua/util/error.hpp"

namespace quhua::geometry {

model::MultiPolygon square(double x0, double y0, double size) {
  return {model::Polygon{{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}, {}}};
}

TEST(PolygonOps, AreaSubtractsHolesAndIgnoresOrientation) {
  auto shape = square(0, 0, 10);
  EXPECT_DOUBLE_EQ(area(shape), 100);
  shape[0].holes.push_back({{2, 2}, {2, 4}, {4, 4}, {4, 2}, {2, 2}});
  EXPECT_DOUBLE_EQ(area(shape), 96);
  EXPECT_DOUBLE_EQ(perimeter(square(0, 0, 10)), 40);
}

TEST(PolygonOps, BowtieIsInvalidAndRepairedToTwoTriangles) {
  const model::MultiPolygon bowtie{model::Polygon{{{0, 0}, {10, 10}, {10, 0}, {0, 10}, {0, 0}}, {}}};
  const auto check = check_validity(bowtie);
  EXPECT_FALSE(check.valid);
  EXPECT_NE(check.reason.find("Self-intersection"), std::string::npos);
  ASSERT_TRUE(check.location);
  EXPECT_NEAR(check.location->x, 5, 1e-9);
  const auto repair = make_valid(bowtie);
  EXPECT_EQ(repair.shape.size(), 2u);
  EXPECT_NEAR(repair.area_after, 50, 1e-9);
  EXPECT_TRUE(check_validity(repair.shape).valid);
}

TEST(PolygonOps, ValidShapeComesBackUnchanged) {
  const auto repair = make_valid(square(0, 0, 1));
  EXPECT_DOUBLE_EQ(repair.area_after, repair.area_before);
  EXPECT_EQ(repair.shape.size(), 1u);
}

TEST(PolygonOps, CentroidAndPointOnSurface) {
  const auto c = centroid(square(0, 0, 2));
  EXPECT_DOUBLE_EQ(c.x, 1);
  EXPECT_DOUBLE_EQ(c.y, 1);
  // An L shape: its centroid lies outside, the point on surface inside.
  const model::MultiPolygon ell{model::Polygon{{{0, 0}, {10, 0}, {10, 1}, {1, 1}, {1, 10}, {0, 10}, {0, 0}}, {}}};
  EXPECT_FALSE(contains(ell, centroid(ell)));
  EXPECT_TRUE(contains(ell, point_on_surface(ell)));
  EXPECT_THROW(centroid({}), InputError);
}

TEST(PolygonOps, UnionDissolvesSharedBorder) {
  const auto a = square(0, 0, 1), b = square(1, 0, 1);
  const std::vector<const model::MultiPolygon*> parts{&a, &b};
  const auto merged = union_all(parts);
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_NEAR(area(merged), 2, 1e-12);
  EXPECT_NEAR(perimeter(merged), 6, 1e-12);
}

TEST(PolygonOps, VoronoiCellsFollowSiteOrderAndTileTheClip) {
  const std::vector<model::Point> sites{{8, 8}, {2, 2}, {8, 2}, {2, 8}};
  const auto clip = square(0, 0, 10);
  const auto cells = voronoi_cells(sites, clip);
  ASSERT_EQ(cells.size(), 4u);
  double total = 0;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    EXPECT_TRUE(contains(cells[i], sites[i])) << "cell " << i;
    EXPECT_NEAR(area(cells[i]), 25, 1e-9);
    total += area(cells[i]);
  }
  EXPECT_NEAR(total, 100, 1e-9);
}

}  // namespace quhua::geometry
