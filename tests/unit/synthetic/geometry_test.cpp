// The synthetic county's boundaries: village cells tile the county exactly, townships are contiguous
// unions of their villages, every seat lies inside its unit, and the adjacency graphs are what GEOS
// finds on the polygons.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "default_county.hpp"
#include "quhua/geometry/polygon_ops.hpp"

namespace quhua::synthetic {
namespace {

using test::county_with_seed;
using test::default_county;

class SyntheticGeometry : public ::testing::TestWithParam<std::uint64_t> {
 protected:
  const SyntheticCounty& county() const { return GetParam() == 0 ? default_county() : county_with_seed(GetParam()); }
};

TEST_P(SyntheticGeometry, VillagesTileTheCountyWithoutGapsOrOverlaps) {
  const auto& c = county();
  double sum = 0;
  for (const auto& v : c.villages) {
    ASSERT_EQ(v.geometry.size(), 1u) << v.name << " is in one piece";
    EXPECT_TRUE(geometry::check_validity(v.geometry).valid) << v.name;
    EXPECT_NEAR(*v.area_km2, geometry::area(v.geometry) / 1e6, 1e-9);
    sum += geometry::area(v.geometry);
  }
  // The county is the union of its villages; equal areas mean no overlaps.
  EXPECT_NEAR(sum, geometry::area(c.county.geometry), 1e-6 * sum);
  EXPECT_NEAR(geometry::area(c.county.geometry) / 1e6, c.options.area_km2, 1e-5);
  EXPECT_EQ(c.county.geometry.size(), 1u);
  EXPECT_TRUE(c.county.geometry.front().holes.empty());
}

TEST_P(SyntheticGeometry, TownshipsAreContiguousUnionsOfTheirVillages) {
  const auto& c = county();
  for (model::UnitId t = 0; t < c.townships.size(); ++t) {
    const auto& township = c.townships[t];
    ASSERT_EQ(township.geometry.size(), 1u) << township.name << " is contiguous";
    EXPECT_TRUE(geometry::check_validity(township.geometry).valid) << township.name;
    double villages_area = 0;
    std::size_t members = 0;
    for (const auto& v : c.villages) {
      if (v.parent_code != township.code) continue;
      ++members;
      villages_area += geometry::area(v.geometry);
      // Nesting: the village lies within its township.
      EXPECT_NEAR(geometry::area(geometry::intersection(v.geometry, township.geometry)), geometry::area(v.geometry),
                  1e-6 * geometry::area(v.geometry))
          << v.name;
    }
    EXPECT_GE(members, 3u) << township.name;
    EXPECT_NEAR(geometry::area(township.geometry), villages_area, 1e-6 * villages_area) << township.name;
  }
}

TEST_P(SyntheticGeometry, SeatsLieInsideTheirUnits) {
  const auto& c = county();
  for (const auto* table : {&c.townships, &c.villages}) {
    for (const auto& u : *table) {
      ASSERT_TRUE(u.seat) << u.name;
      EXPECT_TRUE(geometry::contains(u.geometry, *u.seat)) << u.name;
      EXPECT_EQ(u.seat_source, model::SeatSource::given);
    }
  }
  EXPECT_TRUE(geometry::contains(c.county.geometry, *c.county.seat));
}

TEST_P(SyntheticGeometry, AdjacencyMatchesGeosOnEveryPair) {
  const auto& c = county();
  // Brute force over all pairs whose boxes meet: an edge exactly where the shared border is a line.
  std::vector<model::BBox> boxes;
  for (const auto& v : c.villages) boxes.push_back(model::bbox_of(v.geometry).grown(1));
  std::size_t edges = 0;
  for (model::UnitId i = 0; i < c.villages.size(); ++i) {
    for (model::UnitId j = i + 1; j < c.villages.size(); ++j) {
      if (!boxes[i].intersects(boxes[j])) continue;
      const double border = geometry::shared_border_length(c.villages[i].geometry, c.villages[j].geometry);
      const double recorded = c.village_graph.shared_border(i, j);
      if (border > 1e-6) {
        ++edges;
        EXPECT_NEAR(recorded, border, 1e-6 * border + 1e-6) << c.villages[i].name << " - " << c.villages[j].name;
      } else {
        EXPECT_LT(recorded, 0) << c.villages[i].name << " - " << c.villages[j].name << " touch at most at a point";
      }
    }
  }
  EXPECT_EQ(edges, c.village_graph.edge_count());
  // Township graph: neighbours exactly where villages of two townships meet, border lengths summed.
  std::map<std::pair<model::UnitId, model::UnitId>, double> expected;
  for (const auto& e : c.village_graph.edges()) {
    const auto ta = *c.townships.find(c.villages[e.a].parent_code), tb = *c.townships.find(c.villages[e.b].parent_code);
    if (ta != tb) expected[{std::min(ta, tb), std::max(ta, tb)}] += e.shared_border_m;
  }
  ASSERT_EQ(expected.size(), c.township_graph.edge_count());
  for (const auto& [pair, length] : expected) EXPECT_NEAR(c.township_graph.shared_border(pair.first, pair.second), length, 1e-6);
}

INSTANTIATE_TEST_SUITE_P(Seeds, SyntheticGeometry, ::testing::Values(0u, 1u, 2u),
                         [](const auto& param_info) {
                           return param_info.param == 0 ? std::string("Default") : "Seed" + std::to_string(param_info.param);
                         });

TEST(SyntheticGeometry, MountainVillagesAreSparse) {
  // Village cells in the mountains are several times larger than in the valleys.
  const auto& c = default_county();
  std::vector<double> areas;
  for (const auto& v : c.villages) areas.push_back(*v.area_km2);
  std::sort(areas.begin(), areas.end());
  EXPECT_GT(areas[areas.size() * 9 / 10], 4 * areas[areas.size() / 10]);
}

}  // namespace
}  // namespace quhua::synthetic
