// Roads: plain polylines with an administrative class (国道 ... 村道), a design speed and a one-way
// flag. Pure data for accessibility and facility planning; readers, writers and routing live elsewhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quhua/model/geometry.hpp"

namespace quhua::model {

/// Administrative road class (公路行政等级), highest first.
enum class RoadClass {
  national,    // 国道 (G...)
  provincial,  // 省道 (S...)
  county,      // 县道 (X...)
  township,    // 乡道 (Y...)
  village,     // 村道 (C...)
};

std::string_view road_class_name(RoadClass road_class);     ///< stable key, e.g. "provincial"
std::string_view road_class_name_zh(RoadClass road_class);  ///< 省道
/// From a key or a Chinese name ("national", "国道", "G" ...). Unknown -> nullopt.
std::optional<RoadClass> parse_road_class(std::string_view text);
/// Default travel speed in km/h when the data give none: the design speeds of the technical grades such
/// roads are usually built to in hilly rural China (JTG B01: 二级公路 60-80, 三级 30-40, 四级 20-30):
/// national 70, provincial 60, county 40, township 30, village 20.
double default_speed_kmh(RoadClass road_class);

/// One road feature between two junctions.
struct Road {
  std::string id;       ///< unique within its network, e.g. "R0042"
  std::string ref;      ///< route number, e.g. "G350", "X003"; may be empty
  RoadClass road_class = RoadClass::village;
  std::vector<Point> line;  ///< at least two points, working CRS (metres)
  double speed_kmh = 20;
  bool one_way = false;  ///< traffic only from line.front() to line.back()

  /// Length of the polyline in coordinate units (metres in a projected CRS).
  double length_m() const;
};

/// The roads of a drawn map (the synthetic county) as features. Not model::RoadNetwork (road_network.hpp),
/// the noded network the router builds: one name, one definition.
struct RoadSet {
  std::vector<Road> roads;
};

}  // namespace quhua::model
