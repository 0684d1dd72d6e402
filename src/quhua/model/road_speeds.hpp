// Road classes and their travel speeds. Every imported road gets its speed from its class through a
// SpeedTable: quhua's defaults (below), overridden by the user's table (`--speeds FILE`).
//
// Defaults, km/h, and their basis:
//  - OpenStreetMap highway=*: the speed table of OSRM's car profile (Project-OSRM/osrm-backend,
//    profiles/car.lua): motorway 90, motorway_link 45, trunk 85, trunk_link 40, primary 65,
//    primary_link 30, secondary 55, secondary_link 25, tertiary 40, tertiary_link 20,
//    unclassified 25, residential 25, living_street 10, service 15; plus track 15 and road 25, which
//    OSRM's car profile leaves out but which carry many village roads (村道) in rural China;
//  - Chinese technical grades (《公路工程技术标准》JTG B01-2014, design speeds): 高速公路 100 (of
//    120/100/80), 一级公路 80 (of 100/80/60), 二级公路 60 (of 80/60), 三级公路 30 (of 40/30), 四级公路
//    20 (of 30/20), 等外公路 15;
//  - Chinese administrative classes, by the grade each is usually built to: 高速 100, 国道 80 (一级),
//    省道 60 (二级), 县道 40 (三级, upper speed), 乡道 30 (四级, upper speed), 村道 20 (四级), 专用公路 40;
//  - urban roads (《城市道路工程设计规范》CJJ 37-2012, middle design speed): 快速路 80, 主干路 50,
//    次干路 40, 支路 30.
// Route numbers (GB/T 917-2017) name the class too: G/S + 1, 2 or 4 digits are expressways, G + 3
// digits 国道, S + 3 digits 省道, X 县道, Y 乡道, C 村道, Z 专用公路.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quhua::model {

struct ClassSpeed {
  std::string road_class;  ///< canonical name ("primary", "县道")
  double speed_kmh = 0;
  std::string basis;  ///< where the figure comes from ("OSRM car profile", "JTG B01-2014", "user")
};

class SpeedTable {
 public:
  /// quhua's defaults for OSM highway tags and Chinese classes (see the file comment).
  static SpeedTable defaults();
  /// An empty table (every class unknown).
  SpeedTable() = default;

  /// Sets (or replaces) the speed of a class; the class is stored under its canonical name.
  /// Throws UsageError for a speed that is not positive.
  void set(std::string_view road_class, double speed_kmh, std::string basis = "user");
  /// The speed for a class name as found in data: matched after trimming and case folding, with
  /// Chinese synonyms (高速公路 = 高速, 乡镇道路 = 乡道, ...) and route numbers (G105 -> 国道).
  std::optional<double> speed_for(std::string_view road_class) const;
  /// The canonical class a name maps to ("G105" -> "国道"), or the trimmed name itself.
  std::string canonical(std::string_view road_class) const;
  const std::vector<ClassSpeed>& entries() const { return m_entries; }

 private:
  std::vector<ClassSpeed> m_entries;
};

/// Canonical class of a Chinese class name, synonym or route number; empty when it is none of them.
std::string chinese_road_class(std::string_view name);

}  // namespace quhua::model
