#include "quhua/geometry/road_projection.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace quhua::geometry {
namespace {

TEST(RoadProjection, PicksTheNearestThreeDegreeGaussKrugerZone) {
  EXPECT_EQ(local_metric_crs(104.05, 30.6), "EPSG:4544");  // CGCS2000 / 3-degree GK CM 105E
  EXPECT_EQ(local_metric_crs(75.2, 39), "EPSG:4534");      // CM 75E
  EXPECT_EQ(local_metric_crs(135.0, 48), "EPSG:4554");     // CM 135E
  EXPECT_EQ(local_metric_crs(2.35, 48.85), "EPSG:32631");  // outside China: UTM
}

TEST(RoadProjection, TransformsLonLatToMetres) {
  const CoordinateTransform transform("EPSG:4326", "EPSG:4544");
  // On the central meridian the easting is the false easting, 500 km.
  const auto p = transform.apply({105.0, 30.0});
  EXPECT_NEAR(p.x, 500000, 0.01);
  EXPECT_NEAR(p.y, 3320000, 5000);
  // 0.1 degree of longitude at 30.6 N is about 9.58 km.
  const auto a = transform.apply({104.0, 30.6}), b = transform.apply({104.1, 30.6});
  EXPECT_NEAR(std::hypot(b.x - a.x, b.y - a.y), 9585, 15);
}

TEST(RoadProjection, KnowsCrsKinds) {
  EXPECT_EQ(crs_kind("EPSG:4326"), CrsKind::geographic);
  EXPECT_EQ(crs_kind("EPSG:4544"), CrsKind::projected_metric);
  EXPECT_EQ(crs_kind("no such crs"), CrsKind::unknown);
  EXPECT_THROW(CoordinateTransform("EPSG:4326", "no such crs"), InputError);
}

}  // namespace
}  // namespace quhua::geometry
