#include "quhua/geometry/unit_shape.hpp"

#include <gtest/gtest.h>

#include "quhua/geometry/polygon_ops.hpp"

namespace quhua::geometry {

TEST(UnitShape, ValidShapeKeepsItsAreaAndGetsPointsInside) {
  model::MultiPolygon shape{model::Polygon{{{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}},
                                           {{{10, 10}, {10, 90}, {90, 90}, {90, 10}, {10, 10}}}}};
  const PreparedShape prepared = prepare_shape(shape);
  EXPECT_FALSE(prepared.repaired);
  EXPECT_DOUBLE_EQ(prepared.area_m2, 10000 - 6400);
  ASSERT_TRUE(prepared.interior_point);
  EXPECT_TRUE(contains(prepared.shape, *prepared.interior_point));
  ASSERT_TRUE(prepared.centroid);
  EXPECT_NEAR(prepared.centroid->x, 50, 1e-9);  // the centroid of a ring lies in its hole
  EXPECT_FALSE(contains(prepared.shape, *prepared.centroid));
}

TEST(UnitShape, BowtieIsRepairedWithReasonAndAreas) {
  const PreparedShape prepared = prepare_shape({model::Polygon{{{0, 0}, {10, 10}, {10, 0}, {0, 10}, {0, 0}}, {}}});
  EXPECT_TRUE(prepared.repaired);
  EXPECT_NE(prepared.invalid_reason.find("Self-intersection"), std::string::npos);
  ASSERT_TRUE(prepared.invalid_location);
  EXPECT_NEAR(prepared.invalid_location->x, 5, 1e-9);
  EXPECT_NEAR(prepared.area_before_m2, 0, 1e-9);  // the shoelace cancels the two lobes
  EXPECT_NEAR(prepared.area_m2, 50, 1e-9);
  EXPECT_EQ(prepared.shape.size(), 2u);
}

TEST(UnitShape, DegenerateRingsAreDroppedAndCollapsedPolygonsLeaveNothing) {
  // A two-point "ring" (GEOS would refuse it outright) next to a good square.
  const PreparedShape a = prepare_shape({model::Polygon{{{0, 0}, {1, 1}, {0, 0}}, {}},
                                         model::Polygon{{{5, 5}, {6, 5}, {6, 6}, {5, 6}}, {}}});
  EXPECT_TRUE(a.repaired);
  EXPECT_EQ(a.shape.size(), 1u);
  EXPECT_DOUBLE_EQ(a.area_m2, 1);
  // A polygon flattened onto a line.
  const PreparedShape b = prepare_shape({model::Polygon{{{0, 0}, {1, 0}, {2, 0}, {0, 0}}, {}}});
  EXPECT_TRUE(b.repaired);
  EXPECT_TRUE(b.shape.empty());
  EXPECT_FALSE(b.interior_point);
}

}  // namespace quhua::geometry
