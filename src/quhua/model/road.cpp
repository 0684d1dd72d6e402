#include "quhua/model/road.hpp"

#include <array>
#include <utility>

namespace quhua::model {
namespace {

struct RoadClassEntry {
  RoadClass road_class;
  std::string_view key;
  std::string_view zh;
  std::string_view prefix;
  double speed_kmh;
};

constexpr std::array<RoadClassEntry, 5> k_classes{{
    {RoadClass::national, "national", "国道", "G", 70},
    {RoadClass::provincial, "provincial", "省道", "S", 60},
    {RoadClass::county, "county", "县道", "X", 40},
    {RoadClass::township, "township", "乡道", "Y", 30},
    {RoadClass::village, "village", "村道", "C", 20},
}};

const RoadClassEntry& entry(RoadClass road_class) {
  for (const auto& e : k_classes) {
    if (e.road_class == road_class) return e;
  }
  return k_classes.back();
}

}  // namespace

std::string_view road_class_name(RoadClass road_class) { return entry(road_class).key; }
std::string_view road_class_name_zh(RoadClass road_class) { return entry(road_class).zh; }
double default_speed_kmh(RoadClass road_class) { return entry(road_class).speed_kmh; }

std::optional<RoadClass> parse_road_class(std::string_view text) {
  for (const auto& e : k_classes) {
    if (text == e.key || text == e.zh || text == e.prefix) return e.road_class;
  }
  return std::nullopt;
}

double Road::length_m() const {
  double total = 0;
  for (std::size_t i = 1; i < line.size(); ++i) total += distance(line[i - 1], line[i]);
  return total;
}

}  // namespace quhua::model
