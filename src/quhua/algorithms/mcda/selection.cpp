#include "quhua/algorithms/mcda/selection.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <map>
#include <unordered_map>
#include <unordered_set>

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
      if (!index.count(code))
        throw UsageError(std::string(what) + " code '" + code + "' is not among the units ranked");
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

PreparedRules prepare_rules(const SelectionRules& rules, const std::vector<std::string>& codes,
                            const std::vector<std::string>& parents) {
  validate_rules(rules, codes, parents);
  const auto index = index_codes(codes);
  PreparedRules out;
  out.k = rules.k;
  out.max_per_parent = rules.max_per_parent;
  for (const auto& code : rules.include) out.include.push_back(index.at(code));
  out.excluded.assign(codes.size(), false);
  for (const auto& code : rules.exclude) out.excluded[index.at(code)] = true;
  std::unordered_map<std::string, int> ids;
  out.parent_id.assign(codes.size(), -1);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (parents[i].empty()) continue;
    out.parent_id[i] = ids.emplace(parents[i], static_cast<int>(ids.size())).first->second;
  }
  out.parent_count = ids.size();
  return out;
}

std::vector<std::size_t> select_prepared(const PreparedRules& rules, const std::vector<std::size_t>& order) {
  std::vector<std::size_t> picked;
  if (rules.k == 0) return picked;
  std::vector<bool> taken(rules.excluded.size(), false);
  std::vector<std::size_t> used(rules.parent_count, 0);  // picks per parent
  auto take = [&](std::size_t i) {
    taken[i] = true;
    picked.push_back(i);
    if (rules.parent_id[i] >= 0) ++used[static_cast<std::size_t>(rules.parent_id[i])];
  };
  // Contracting the must-include set: feasible by validate_rules.
  for (std::size_t i : rules.include) take(i);
  for (std::size_t i : order) {
    if (picked.size() >= rules.k) break;
    if (taken[i] || rules.excluded[i]) continue;
    const int parent = rules.parent_id[i];
    if (rules.max_per_parent > 0 && parent >= 0 && used[static_cast<std::size_t>(parent)] >= rules.max_per_parent) {
      continue;
    }
    take(i);
  }
  return picked;
}

SelectionResult select_top_k(const SelectionRules& rules, const std::vector<std::string>& codes,
                             const std::vector<std::string>& parents, const std::vector<double>& scores,
                             const std::vector<std::size_t>& order) {
  const PreparedRules prepared = prepare_rules(rules, codes, parents);
  SelectionResult out;
  out.is_selected.assign(codes.size(), false);
  out.is_forced.assign(codes.size(), false);
  for (std::size_t i : prepared.include) out.is_forced[i] = true;
  out.selected = select_prepared(prepared, order);
  for (std::size_t i : out.selected) {
    out.is_selected[i] = true;
    out.total_score += scores[i];
  }
  if (rules.k > 0 && out.selected.size() < rules.k) {
    out.shortfall = rules.k - out.selected.size();
    out.findings.add(Severity::warning, "selection_shortfall",
                     "only " + std::to_string(out.selected.size()) + " of " + std::to_string(rules.k) +
                         " could be picked: every other unit is excluded or its parent already has " +
                         std::to_string(rules.max_per_parent) + " picked");
  }
  return out;
}

}  // namespace quhua::mcda
