// Small hand-made division lists for the registry's tests: a province, a prefecture, two counties
// and their townships, as seed drafts or as snapshots. Header-only; registry types only.
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"

#include <string>
#include <vector>

namespace quhua::test {

inline registry::Date day(const char* text) { return registry::Date::parse(text); }

/// 12-digit code from a short one ("510104001" -> "510104001000").
inline std::string code12(const std::string& short_code) { return model::pad_code(short_code); }

inline registry::UnitDraft draft(const std::string& code, const std::string& name, model::UnitType type,
                                 std::optional<double> population = std::nullopt,
                                 std::optional<double> area_km2 = std::nullopt) {
  registry::UnitDraft d;
  d.code = code12(code);
  d.name = name;
  d.type = type;
  d.parent_code = model::parent_of_code(d.code);
  d.population = population;
  d.area_km2 = area_km2;
  return d;
}

/// 四川省 > 成都市 > 锦江区 (510104: 督院街道 001, 牛市口镇 100, 三圣镇 101, 柳江乡 200, 琉璃乡 201) and
/// 青羊区 (510105: 草市街道 001, 太升街道 002).
inline std::vector<registry::UnitDraft> sample_units() {
  using model::UnitType;
  return {
      draft("51", "四川省", UnitType::province),
      draft("5101", "成都市", UnitType::prefecture),
      draft("510104", "锦江区", UnitType::district),
      draft("510105", "青羊区", UnitType::district),
      draft("510104001", "督院街道", UnitType::subdistrict, 40000, 2.0),
      draft("510104100", "牛市口镇", UnitType::town, 30000, 20.0),
      draft("510104101", "三圣镇", UnitType::town, 20000, 30.0),
      draft("510104200", "柳江乡", UnitType::township, 8000, 40.0),
      draft("510104201", "琉璃乡", UnitType::township, 6000, 50.0),
      draft("510105001", "草市街道", UnitType::subdistrict, 50000, 3.0),
      draft("510105002", "太升街道", UnitType::subdistrict, 45000, 2.5),
  };
}

/// A snapshot of (code, name) pairs; parents derived from codes, levels from codes.
inline registry::Snapshot snapshot(const std::string& name, const char* as_of,
                                   const std::vector<std::pair<std::string, std::string>>& units) {
  registry::Snapshot s;
  s.name = name;
  s.as_of = day(as_of);
  for (const auto& [code, unit_name] : units) {
    registry::SnapshotUnit u;
    u.code = code12(code);
    u.name = unit_name;
    u.level = model::level_of_code(u.code);
    u.parent_code = model::parent_of_code(u.code);
    s.units.push_back(std::move(u));
  }
  return s;
}

}  // namespace quhua::test
