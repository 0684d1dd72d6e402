#include "quhua/geometry/projection.hpp"

#include <geodesic.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/util/error.hpp"

namespace quhua::geometry {
namespace {

/// Ellipsoidal area of a lon/lat polygon (GRS80), by GeographicLib's algorithm as shipped in PROJ.
double geodesic_area_m2(const model::Ring& ring) {
  geod_geodesic g;
  geod_init(&g, 6378137.0, 1 / 298.257222101);
  std::vector<double> lats, lons;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    lons.push_back(ring[i].x);
    lats.push_back(ring[i].y);
  }
  double area = 0, perimeter = 0;
  geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(lats.size()), &area, &perimeter);
  return std::abs(area);
}

model::Ring lonlat_cell(double lon, double lat, double size) {
  return {{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}};
}

double projected_area_m2(const model::Ring& lonlat, const std::string& working) {
  model::MultiPolygon shape{model::Polygon{lonlat, {}}};
  const Projector projector(k_wgs84, working);
  EXPECT_TRUE(projector.forward(shape));
  return area(shape);
}

}  // namespace

TEST(Projection, WorkingCrsIsLocalAlbersWithParallelsInsideTheData) {
  const std::string crs = choose_working_crs({102.0, 26.0, 108.0, 34.0});
  EXPECT_NE(crs.find("+proj=aea"), std::string::npos) << crs;
  EXPECT_NE(crs.find("+lon_0=105 "), std::string::npos) << crs;
  EXPECT_NE(crs.find("+lat_1=27.33"), std::string::npos) << crs;
  EXPECT_NE(crs.find("+lat_2=32.67"), std::string::npos) << crs;
  EXPECT_NE(crs.find("+ellps=GRS80"), std::string::npos) << crs;
  EXPECT_TRUE(describe_crs(crs).projected);
}

TEST(Projection, AreaOfATenthDegreeCellAt30NMatchesTheEllipsoid) {
  const model::Ring cell = lonlat_cell(104.0, 30.0, 0.1);
  const double expected = geodesic_area_m2(cell);
  EXPECT_NEAR(expected / 1e6, 106.9, 0.1);  // about 9.65 km (east) x 11.09 km (north)
  const double got = projected_area_m2(cell, choose_working_crs({104.0, 30.0, 104.1, 30.1}));
  EXPECT_NEAR(got / expected, 1.0, 1e-3);
  EXPECT_NEAR(got / expected, 1.0, 1e-4) << "equal-area: only edge curvature differs";
}

TEST(Projection, AreasStayEllipsoidalFarFromTheCentreOfAProvinceWideCrs) {
  // A working CRS for the whole of China, and cells at its corners.
  const std::string working = choose_working_crs({73.5, 18.0, 135.0, 53.5});
  for (const auto& [lon, lat] : {std::pair{75.0, 38.0}, std::pair{130.0, 47.0}, std::pair{110.0, 19.0}}) {
    const model::Ring cell = lonlat_cell(lon, lat, 0.1);
    EXPECT_NEAR(projected_area_m2(cell, working) / geodesic_area_m2(cell), 1.0, 1e-3) << lon << " " << lat;
  }
}

TEST(Projection, ForwardAndInverseRoundTripInLonLatOrder) {
  const Projector projector("EPSG:4490", choose_working_crs({104.0, 30.0, 105.0, 31.0}));
  const auto p = projector.forward(model::Point{104.5, 30.5});
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->x, 0, 1.0);  // lon_0 is the centre: x = 0 there
  const auto back = projector.inverse(*p);
  ASSERT_TRUE(back);
  EXPECT_NEAR(back->x, 104.5, 1e-9);
  EXPECT_NEAR(back->y, 30.5, 1e-9);
}

TEST(Projection, GaussKrugerInputsReachTheSameLonLat) {
  // CGCS2000 3-degree Gauss-Kruger zone 39 (central meridian 117E), easting with the zone prefix.
  const Projector from_gk("EPSG:4527", k_wgs84);
  const Projector to_gk(k_wgs84, "EPSG:4527");
  const auto gk = to_gk.forward(model::Point{117.3, 31.8});
  ASSERT_TRUE(gk);
  EXPECT_NEAR(gk->x, 39'528'400, 2'000);  // east of the central meridian, with the zone number in front
  EXPECT_NEAR(gk->y, 3'520'000, 5'000);
  const auto back = from_gk.forward(*gk);
  ASSERT_TRUE(back);
  EXPECT_NEAR(back->x, 117.3, 1e-8);
  EXPECT_NEAR(back->y, 31.8, 1e-8);
}

TEST(Projection, ChineseDatumsAreKnownAndOldOnesFlaggedApproximate) {
  EXPECT_TRUE(describe_crs("EPSG:4490").geographic);
  EXPECT_FALSE(describe_crs("EPSG:4490").approximate_datum);
  EXPECT_FALSE(describe_crs("EPSG:4326").approximate_datum);
  EXPECT_TRUE(describe_crs("EPSG:4214").approximate_datum);  // Beijing 1954, Krassowsky
  EXPECT_TRUE(describe_crs("EPSG:4610").approximate_datum);  // Xi'an 1980, IAG 1975
  EXPECT_TRUE(describe_crs("EPSG:4527").projected);
  EXPECT_TRUE(describe_crs("+proj=longlat +ellps=GRS80").geographic);
  // Beijing 1954 lon/lat still projects (without a datum shift).
  const Projector p("EPSG:4214", choose_working_crs({104.0, 30.0, 105.0, 31.0}));
  EXPECT_TRUE(p.forward(model::Point{104.5, 30.5}));
}

TEST(Projection, UnknownCrsIsAnInputError) {
  try {
    describe_crs("EPSG:999999");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_crs);
    EXPECT_NE(std::string(e.what()).find("EPSG:999999"), std::string::npos);
  }
  EXPECT_THROW(Projector("nonsense", k_wgs84), InputError);
  EXPECT_THROW(choose_working_crs(model::BBox{}), InputError);
}

TEST(Projection, PointsOutsideTheDomainAreReportedNotThrown) {
  const Projector projector(k_wgs84, choose_working_crs({104.0, 30.0, 105.0, 31.0}));
  std::vector<model::Point> points{{104.5, 30.5}, {std::nan(""), 30.0}, {104.0, 30.0}};
  EXPECT_FALSE(projector.forward(points));
  EXPECT_TRUE(std::isfinite(points[0].x));
  EXPECT_TRUE(std::isfinite(points[2].x));
}

TEST(Projection, SameCrsIgnoresSpelling) {
  EXPECT_TRUE(same_crs("EPSG:4326", "EPSG:4326"));
  EXPECT_FALSE(same_crs("EPSG:4326", "EPSG:4490"));
}

TEST(Projection, BoundsOfAGaussKrugerBoxInLonLat) {
  const Projector to_lonlat("EPSG:4527", k_wgs84);
  const model::BBox box = to_lonlat.forward_bounds({39'400'000, 3'400'000, 39'600'000, 3'600'000});
  EXPECT_GT(box.min_x, 115.5);
  EXPECT_LT(box.max_x, 118.5);
  EXPECT_GT(box.min_y, 30.0);
  EXPECT_LT(box.max_y, 33.0);
}

}  // namespace quhua::geometry
