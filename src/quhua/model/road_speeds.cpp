#include "quhua/model/road_speeds.hpp"

#include "quhua/model/road.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace quhua::model {
namespace {

struct Default {
  const char* road_class;
  double speed_kmh;
  const char* basis;
};

constexpr Default k_defaults[] = {
    {"motorway", 90, "OSRM car profile"},
    {"motorway_link", 45, "OSRM car profile"},
    {"trunk", 85, "OSRM car profile"},
    {"trunk_link", 40, "OSRM car profile"},
    {"primary", 65, "OSRM car profile"},
    {"primary_link", 30, "OSRM car profile"},
    {"secondary", 55, "OSRM car profile"},
    {"secondary_link", 25, "OSRM car profile"},
    {"tertiary", 40, "OSRM car profile"},
    {"tertiary_link", 20, "OSRM car profile"},
    {"unclassified", 25, "OSRM car profile"},
    {"residential", 25, "OSRM car profile"},
    {"living_street", 10, "OSRM car profile"},
    {"service", 15, "OSRM car profile"},
    {"track", 15, "quhua (rural village roads)"},
    {"road", 25, "quhua (as unclassified)"},
    {"高速", 100, "JTG B01-2014 expressway design speed"},
    {"一级公路", 80, "JTG B01-2014 design speed"},
    {"二级公路", 60, "JTG B01-2014 design speed"},
    {"三级公路", 30, "JTG B01-2014 design speed"},
    {"四级公路", 20, "JTG B01-2014 design speed"},
    {"等外公路", 15, "quhua (below grade)"},
    {"国道", 80, "JTG B01-2014 (grade 1)"},
    {"省道", 60, "JTG B01-2014 (grade 2)"},
    {"县道", 40, "JTG B01-2014 (grade 3)"},
    {"乡道", 30, "JTG B01-2014 (grade 4)"},
    {"村道", 20, "JTG B01-2014 (grade 4)"},
    {"专用公路", 40, "quhua (as grade 3)"},
    {"快速路", 80, "CJJ 37-2012 design speed"},
    {"主干路", 50, "CJJ 37-2012 design speed"},
    {"次干路", 40, "CJJ 37-2012 design speed"},
    {"支路", 30, "CJJ 37-2012 design speed"},
};

struct Synonym {
  const char* name;
  const char* canonical;
};

constexpr Synonym k_synonyms[] = {
    {"高速公路", "高速"}, {"国家高速公路", "高速"}, {"省级高速公路", "高速"}, {"高速路", "高速"},
    {"普通国道", "国道"}, {"国道公路", "国道"},     {"普通省道", "省道"},     {"省道公路", "省道"},
    {"县道公路", "县道"}, {"县级公路", "县道"},     {"乡道公路", "乡道"},     {"乡级公路", "乡道"},
    {"乡镇道路", "乡道"}, {"村道公路", "村道"},     {"村级道路", "村道"},     {"村级公路", "村道"},
    {"村路", "村道"},     {"村村通", "村道"},       {"一级", "一级公路"},     {"二级", "二级公路"},
    {"三级", "三级公路"}, {"四级", "四级公路"},     {"等外", "等外公路"},     {"城市快速路", "快速路"},
    {"主干道", "主干路"}, {"次干道", "次干路"},     {"专用道路", "专用公路"},
};

std::string fold(std::string_view name) { return util::to_lower_ascii(util::trim(name)); }

}  // namespace

std::string chinese_road_class(std::string_view raw) {
  const std::string name(util::trim(raw));
  for (const auto& d : k_defaults) {
    if (name == d.road_class && util::has_cjk(name)) return name;
  }
  for (const auto& s : k_synonyms) {
    if (name == s.name) return s.canonical;
  }
  // quhua's own road layers (the synthetic county) name classes by model::RoadClass keys.
  if (const auto own = parse_road_class(fold(name))) return std::string(road_class_name_zh(*own));
  // Route numbers (GB/T 917-2017): a letter and digits, e.g. G105, S224, X012, G1501.
  if (name.size() >= 2 && util::is_digits(std::string_view(name).substr(1))) {
    const char letter = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    const std::size_t digits = name.size() - 1;
    const bool expressway_number = digits == 1 || digits == 2 || digits == 4;
    switch (letter) {
      case 'G':
        return expressway_number ? "高速" : "国道";
      case 'S':
        return expressway_number ? "高速" : "省道";
      case 'X':
        return "县道";
      case 'Y':
        return "乡道";
      case 'C':
        return "村道";
      case 'Z':
        return "专用公路";
      default:
        break;
    }
  }
  return {};
}

SpeedTable SpeedTable::defaults() {
  SpeedTable table;
  for (const auto& d : k_defaults) table.m_entries.push_back({d.road_class, d.speed_kmh, d.basis});
  return table;
}

std::string SpeedTable::canonical(std::string_view road_class) const {
  const std::string chinese = chinese_road_class(road_class);
  if (!chinese.empty()) return chinese;
  return fold(road_class);
}

void SpeedTable::set(std::string_view road_class, double speed_kmh, std::string basis) {
  if (!(speed_kmh > 0) || !std::isfinite(speed_kmh)) {
    throw UsageError("speed for road class '" + std::string(road_class) + "' must be positive");
  }
  const std::string name = canonical(road_class);
  for (auto& e : m_entries) {
    if (e.road_class == name) {
      e.speed_kmh = speed_kmh;
      e.basis = std::move(basis);
      return;
    }
  }
  m_entries.push_back({name, speed_kmh, std::move(basis)});
}

std::optional<double> SpeedTable::speed_for(std::string_view road_class) const {
  const std::string name = canonical(road_class);
  for (const auto& e : m_entries) {
    if (e.road_class == name) return e.speed_kmh;
  }
  return std::nullopt;
}

}  // namespace quhua::model
