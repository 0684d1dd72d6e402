#include "quhua/algorithms/registry/drift.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

namespace quhua::registry {
std::vector<std::string> scope_of(const Snapshot& expected) {
  std::set<std::string> counties;
  for (const auto& u : expected.units) {
    if (u.level == model::UnitLevel::county || u.level == model::UnitLevel::township) {
      counties.insert(u.code.substr(0, 6) + "000000");
    }
  }
  return {counties.begin(), counties.end()};
}

Snapshot limit_to_scope(const Snapshot& official, const std::vector<std::string>& scope) {
  Snapshot out;
  out.name = official.name;
  out.as_of = official.as_of;
  out.source = official.source;
  if (std::find(scope.begin(), scope.end(), std::string()) != scope.end()) {
    out.units = official.units;
    return out;
  }
  std::vector<std::string> prefixes;
  std::unordered_set<std::string> above;
  for (const auto& code : scope) {
    prefixes.push_back(display_code(code));
    for (std::string p = model::parent_of_code(code); !p.empty(); p = model::parent_of_code(p)) above.insert(p);
  }
  for (const auto& u : official.units) {
    const bool inside = std::any_of(prefixes.begin(), prefixes.end(),
                                    [&u](const std::string& p) { return u.code.compare(0, p.size(), p) == 0; });
    if (inside || above.count(u.code)) out.units.push_back(u);
  }
  return out;
}

std::string_view drift_kind_name(DriftKind kind) {
  switch (kind) {
    case DriftKind::missing_in_official:
      return "missing_in_official";
    case DriftKind::missing_in_registry:
      return "missing_in_registry";
    case DriftKind::code_differs:
      return "code_differs";
    case DriftKind::name_differs:
      return "name_differs";
    case DriftKind::name_form_differs:
      return "name_form_differs";
  }
  return "missing_in_official";
}

std::string_view drift_kind_name_zh(DriftKind kind) {
  switch (kind) {
    case DriftKind::missing_in_official:
      return "官方表中已无";
    case DriftKind::missing_in_registry:
      return "代码库中缺少";
    case DriftKind::code_differs:
      return "代码不一致";
    case DriftKind::name_differs:
      return "名称不一致";
    case DriftKind::name_form_differs:
      return "名称写法不同";
  }
  return "官方表中已无";
}

DriftResult check_drift(const Snapshot& expected, const Snapshot& official, const DriftOptions& options) {
  const Snapshot compared = options.limit_to_registry_scope
                                ? limit_to_scope(official, options.scope.empty() ? scope_of(expected) : options.scope)
                                : official;
  DriftResult out;
  out.registry_units = expected.units.size();
  out.official_units = compared.units.size();
  const DiffResult diff = diff_snapshots(expected, compared, options.diff);
  // The diff partitions every unmatched code into exactly one row, so listing its rows lists every
  // difference; continuations that keep code and name are not rows and not differences.
  for (const auto& r : diff.rows) {
    DriftRow row;
    row.level = r.level;
    row.registry_code = r.old_code;
    row.registry_name = r.old_name;
    row.official_code = r.new_code;
    row.official_name = r.new_name;
    row.likely_event = r.event;
    row.confidence = r.confidence;
    row.rule = r.rule;
    switch (r.event) {
      case DiffEvent::abolished:
      case DiffEvent::merged:
        row.kind = DriftKind::missing_in_official;
        break;
      case DiffEvent::established:
        row.kind = DriftKind::missing_in_registry;
        break;
      case DiffEvent::renamed:
      case DiffEvent::moved:
        row.kind = r.old_code == r.new_code ? DriftKind::name_differs : DriftKind::code_differs;
        break;
    }
    out.rows.push_back(std::move(row));
  }
  // A unit the official table set up by merging registry units is new to the registry too: list it
  // once as missing, so every official code the registry lacks has a row of its own.
  std::unordered_set<std::string> expected_codes, listed;
  for (const auto& u : expected.units) expected_codes.insert(u.code);
  for (const auto& r : diff.rows) {
    if (r.event != DiffEvent::merged || expected_codes.count(r.new_code) || !listed.insert(r.new_code).second) continue;
    DriftRow row;
    row.kind = DriftKind::missing_in_registry;
    row.level = r.level;
    row.official_code = r.new_code;
    row.official_name = r.new_name;
    row.likely_event = DiffEvent::merged;
    row.confidence = r.confidence;
    row.rule = "merger_result";
    out.rows.push_back(std::move(row));
  }
  for (const auto& f : diff.form_changes) {
    DriftRow row;
    row.kind = DriftKind::name_form_differs;
    row.level = f.level;
    row.registry_code = row.official_code = f.code;
    row.registry_name = f.old_name;
    row.official_name = f.new_name;
    row.likely_event = DiffEvent::renamed;
    row.confidence = 1.0;
    row.rule = "form_only";
    out.rows.push_back(std::move(row));
  }
  for (const auto& row : out.rows) out.differences += row.kind != DriftKind::name_form_differs ? 1 : 0;
  return out;
}

}  // namespace quhua::registry
