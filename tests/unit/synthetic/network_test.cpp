// The synthetic county's roads reach every village seat and leave the county where the valley does;
// its facilities sit in the units they name and show overcrowded town schools and half-empty rural ones.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "default_county.hpp"
#include "quhua/geometry/polygon_ops.hpp"

namespace quhua::synthetic {
namespace {

using model::FacilityType;
using model::RoadClass;
using test::default_county;

struct PointLess {
  bool operator()(const model::Point& a, const model::Point& b) const { return a.x < b.x || (a.x == b.x && a.y < b.y); }
};

TEST(SyntheticRoads, EveryVillageSeatIsReachableFromTheCountySeat) {
  const auto& c = default_county();
  // Junctions are the polylines' end points; walk the network from the county seat.
  std::map<model::Point, std::vector<model::Point>, PointLess> next;
  for (const auto& road : c.roads.roads) {
    ASSERT_GE(road.line.size(), 2u) << road.id;
    next[road.line.front()].push_back(road.line.back());
    if (!road.one_way) next[road.line.back()].push_back(road.line.front());
  }
  std::set<model::Point, PointLess> seen{*c.county.seat};
  std::vector<model::Point> stack{*c.county.seat};
  while (!stack.empty()) {
    const auto p = stack.back();
    stack.pop_back();
    for (const auto& q : next[p]) {
      if (seen.insert(q).second) stack.push_back(q);
    }
  }
  for (const auto& v : c.villages) EXPECT_TRUE(seen.count(*v.seat)) << v.name << " cannot be reached";
}

TEST(SyntheticRoads, ClassesSpeedsAndOneWayCarriageways) {
  const auto& c = default_county();
  std::map<RoadClass, int> by_class;
  std::set<std::string> ids;
  int one_way = 0;
  for (const auto& road : c.roads.roads) {
    ++by_class[road.road_class];
    EXPECT_TRUE(ids.insert(road.id).second);
    EXPECT_GT(road.speed_kmh, 0);
    EXPECT_LE(road.speed_kmh, model::default_speed_kmh(road.road_class));
    EXPECT_GT(road.length_m(), 0);
    if (road.one_way) {
      ++one_way;
      EXPECT_EQ(road.road_class, RoadClass::national);  // the divided national road through town
    }
  }
  for (const auto cls : {RoadClass::national, RoadClass::provincial, RoadClass::county, RoadClass::township, RoadClass::village}) {
    EXPECT_GT(by_class[cls], 0) << model::road_class_name(cls);
  }
  EXPECT_GT(one_way, 0);
  EXPECT_EQ(one_way % 2, 0);  // carriageways come in pairs
}

TEST(SyntheticRoads, NationalRoadCrossesTheCountyBoundaryTwice) {
  const auto& c = default_county();
  int ends_on_boundary = 0;
  for (const auto& road : c.roads.roads) {
    if (road.road_class != RoadClass::national) continue;
    for (const auto& end : {road.line.front(), road.line.back()}) {
      // On the outline: within a metre of the county's edge but not deep inside it.
      const auto shrunk = geometry::buffer(c.county.geometry, -1.0);
      if (!geometry::contains(shrunk, end)) ++ends_on_boundary;
    }
  }
  EXPECT_EQ(ends_on_boundary, 2);
}

TEST(SyntheticFacilities, EachLiesInTheUnitItNames) {
  const auto& c = default_county();
  std::set<std::string> ids;
  for (const auto& f : c.facilities) {
    EXPECT_TRUE(ids.insert(f.id).second);
    const auto unit = c.villages.find(f.unit_code);
    ASSERT_TRUE(unit) << f.name;
    EXPECT_TRUE(geometry::contains(c.villages[*unit].geometry, f.location)) << f.name;
    ASSERT_TRUE(f.capacity) << f.name;
    EXPECT_GT(*f.capacity, 0);
  }
}

TEST(SyntheticFacilities, EveryTownshipHasAServiceCentreAndAHealthCentre) {
  const auto& c = default_county();
  for (const auto& t : c.townships) {
    int service = 0, health = 0;
    for (const auto& f : c.facilities) {
      if (model::parent_of_code(f.unit_code) != t.code) continue;
      service += f.type == FacilityType::service_center;
      health += f.type == FacilityType::health_center;
    }
    EXPECT_EQ(service, 1) << t.name;
    EXPECT_EQ(health, 1) << t.name;
  }
}

TEST(SyntheticFacilities, TownSchoolsOvercrowdedRuralSchoolsHalfEmpty) {
  const auto& c = default_county();
  int overcrowded = 0, underused = 0, middle = 0, clinics = 0, homes = 0;
  for (const auto& f : c.facilities) {
    const auto use = f.utilisation();
    if (f.type == FacilityType::primary_school || f.type == FacilityType::middle_school) {
      ASSERT_TRUE(use) << f.name;
      overcrowded += *use > 1.1;  // 大班额: more pupils than standard seats
      underused += *use < 0.8;
    }
    middle += f.type == FacilityType::middle_school;
    clinics += f.type == FacilityType::village_clinic;
    homes += f.type == FacilityType::elderly_home;
  }
  EXPECT_GE(overcrowded, 3);
  EXPECT_GE(underused, 5);
  EXPECT_GE(middle, 4);
  EXPECT_GT(clinics, 300);  // nearly every administrative village
  EXPECT_GE(homes, 10);
}

}  // namespace
}  // namespace quhua::synthetic
