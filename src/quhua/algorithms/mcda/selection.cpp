#include "quhua/algorithms/mcda/selection.hpp"

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::mcda {

namespace {

std::unordered_map<std::string, std::size_t> index_codes(const std::vector<std::string>& codes) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < codes.size(); ++i) index.emplace(codes[i], i);
  return index;
}

}  // namespace

void validate_rules(const SelectionRules& rules, const std::vector<std::string>& codes,
                    const std::vector<std::string>& parents) {
  const auto index = index_codes(codes);
  auto check_known = [&](const std::vector<std::string>& list, const char* what) {
    for (const auto& code : list) {
      if (!index.count(code)) throw UsageError(std::string(what) + " code '" + code + "' is not among the units ranked");
    }
  };
  check_known(rules.include, "--include");
  check_known(rules.exclude, "--exclude");
  const std::unordered_set<std::string> excluded(rules.exclude.begin(), rules.exclude.end());
  std::unordered_set<std::string> included;
  for (const auto& code : rules.include) {
    if (excluded.count(code)) throw UsageError("code '" + code + "' is both included and excluded");
    if (!included.insert(code).second) throw UsageError("code '" + code + "' is included twice");
  }
  if (rules.k == 0 && !rules.include.empty()) throw UsageError("--include needs --top K");
  if (included.size() > rules.k) {
    throw UsageError(std::to_string(included.size()) + " codes must be included but only " + std::to_string(rules.k) +
                     " are to be picked (--top)");
  }
  if (rules.max_per_parent > 0) {
    std::map<std::string, std::vector<std::string>> by_parent;
    for (const auto& code : rules.include) {
      const auto& parent = parents[index.at(code)];
      if (!parent.empty()) by_parent[parent].push_back(code);
    }
    for (const auto& [parent, members] : by_parent) {
      if (members.size() > rules.max_per_parent) {
        throw UsageError("the must-include list has " + std::to_string(members.size()) + " units in parent " + parent +
                         " (" + util::join(members, ", ") + ") but at most " + std::to_string(rules.max_per_parent) +
                         " per parent are allowed");
      }
    }
  }
}

SelectionResult select_top_k(const SelectionRules& rules, const std::vector<std::string>& codes,
                             const std::vector<std::string>& parents, const std::vector<double>& scores,
                             const std::vector<std::size_t>& order) {
  validate_rules(rules, codes, parents);
  const std::size_t m = codes.size();
  SelectionResult out;
  out.is_selected.assign(m, false);
  out.is_forced.assign(m, false);
  if (rules.k == 0) return out;
  const auto index = index_codes(codes);
  std::vector<bool> excluded(m, false);
  for (const auto& code : rules.exclude) excluded[index.at(code)] = true;
  std::unordered_map<std::string, std::size_t> used;  // picks per parent
  auto take = [&](std::size_t i) {
    out.is_selected[i] = true;
    out.selected.push_back(i);
    out.total_score += scores[i];
    if (!parents[i].empty()) ++used[parents[i]];
  };
  // Contracting the must-include set: feasible by validate_rules.
  for (const auto& code : rules.include) {
    const std::size_t i = index.at(code);
    out.is_forced[i] = true;
    take(i);
  }
  for (std::size_t i : order) {
    if (out.selected.size() >= rules.k) break;
    if (out.is_selected[i] || excluded[i]) continue;
    if (rules.max_per_parent > 0 && !parents[i].empty() && used[parents[i]] >= rules.max_per_parent) continue;
    take(i);
  }
  if (out.selected.size() < rules.k) {
    out.shortfall = rules.k - out.selected.size();
    out.findings.add(Severity::warning, "selection_shortfall",
                     "only " + std::to_string(out.selected.size()) + " of " + std::to_string(rules.k) +
                         " could be picked: every other unit is excluded or its parent already has " +
                         std::to_string(rules.max_per_parent) + " picked");
  }
  return out;
}

}  // namespace quhua::mcda
