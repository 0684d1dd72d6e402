#include "quhua/algorithms/registry/coverage.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

namespace quhua::registry {

Coverage edition_coverage(const Snapshot& expected, const Snapshot& official) {
  Coverage out;
  std::unordered_set<std::string> official_prefixes;  // of every official township: 2, 4 and 6 digits
  std::unordered_set<std::string> official_codes;
  for (const auto& u : official.units) {
    official_codes.insert(u.code);
    if (u.level != model::UnitLevel::township) continue;
    ++out.official_townships;
    for (std::size_t n : {2u, 4u, 6u}) official_prefixes.insert(u.code.substr(0, n));
  }
  std::map<std::string, std::size_t> townships_under;  // registry townships per 2-, 4- and 6-digit prefix
  for (const auto& u : expected.units) {
    if (u.level != model::UnitLevel::township) continue;
    ++out.registry_townships;
    for (std::size_t n : {2u, 4u, 6u}) ++townships_under[u.code.substr(0, n)];
  }
  std::set<std::string> gap_prefixes;
  // Provinces first, then prefectures, then counties: a gap's own areas are not listed again.
  for (const auto level : {model::UnitLevel::province, model::UnitLevel::prefecture, model::UnitLevel::county}) {
    for (const auto& u : expected.units) {
      if (u.level != level) continue;
      const std::string prefix = model::short_code(u.code, level);
      const auto held = townships_under.find(prefix);
      if (held == townships_under.end() || official_prefixes.count(prefix)) continue;
      const bool listed = official_codes.count(u.code) > 0;
      if (level != model::UnitLevel::province && !listed) continue;
      bool inside_gap = false;
      for (std::size_t n = 2; n < prefix.size(); n += 2) inside_gap |= gap_prefixes.count(prefix.substr(0, n)) > 0;
      if (inside_gap) continue;
      gap_prefixes.insert(prefix);
      out.gaps.push_back({u.code, u.name, level, held->second, listed});
      out.uncovered_townships += held->second;
    }
  }
  std::sort(out.gaps.begin(), out.gaps.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return out;
}

std::string describe_gaps(const Coverage& coverage, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < coverage.gaps.size() && i < shown; ++i) {
    const auto& g = coverage.gaps[i];
    if (!out.empty()) out += ", ";
    out += display_code(g.code) + " " + g.name + " (" + std::to_string(g.registry_townships) + " townships)";
  }
  if (coverage.gaps.size() > shown) out += " and " + std::to_string(coverage.gaps.size() - shown) + " more";
  return out;
}

}  // namespace quhua::registry
