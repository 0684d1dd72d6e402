// Picking K alternatives by score under the rules key-town selection uses: at most N per parent
// (county), a must-include list and an exclude list.
//
// The greedy below is exact. Feasible selections without the cardinality are the independent sets
// of a partition matroid (blocks = parents, capacity N); truncating it to size K, contracting the
// must-include set I and deleting the exclude set E keep it a matroid. On a matroid, taking elements
// in order of decreasing score while independence holds yields a maximum-weight basis (Rado 1957,
// Edmonds 1971): here, the K-set of largest total score among all feasible K-sets, and moreover the
// lexicographically largest sorted score vector, which is what "the top K under the rules" means.
// Ties are broken by code, so the result is unique. A MIP cross-check lives in the tests.
#pragma once

#include "quhua/util/findings.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace quhua::mcda {

struct SelectionRules {
  std::size_t k = 0;                 ///< how many to pick (0: no selection)
  std::size_t max_per_parent = 0;    ///< 0: no limit
  std::vector<std::string> include;  ///< codes that must be picked
  std::vector<std::string> exclude;  ///< codes that must not be picked
};

struct SelectionResult {
  std::vector<std::size_t> selected;  ///< alternative indices, in pick order (includes first, then by score)
  std::vector<bool> is_selected;      ///< per alternative
  std::vector<bool> is_forced;        ///< per alternative: on the include list
  double total_score = 0;
  /// Fewer than K could be picked (every remaining candidate was excluded or its parent full):
  /// an answer, reported here and as a finding, not an error.
  std::size_t shortfall = 0;
  Findings findings;
};

/// Validates the rules against the alternatives: unknown codes, a code both included and excluded,
/// more includes than K, or includes that alone break the per-parent limit throw UsageError naming the
/// codes (and the parent).
void validate_rules(const SelectionRules& rules, const std::vector<std::string>& codes,
                    const std::vector<std::string>& parents);

/// The rules resolved to indices once (validated), for callers that select many times (robustness).
struct PreparedRules {
  std::size_t k = 0;
  std::size_t max_per_parent = 0;
  std::vector<std::size_t> include;  ///< alternative indices
  std::vector<bool> excluded;        ///< per alternative
  std::vector<int> parent_id;        ///< per alternative; -1: no parent
  std::size_t parent_count = 0;
};
PreparedRules prepare_rules(const SelectionRules& rules, const std::vector<std::string>& codes,
                            const std::vector<std::string>& parents);
/// The greedy on prepared rules: the picked indices, includes first, then in `order`.
std::vector<std::size_t> select_prepared(const PreparedRules& rules, const std::vector<std::size_t>& order);

/// The exact greedy. `order` is the alternatives by decreasing score with ties broken (order_by_score);
/// alternatives with an empty parent form one block each (no limit applies to them).
SelectionResult select_top_k(const SelectionRules& rules, const std::vector<std::string>& codes,
                             const std::vector<std::string>& parents, const std::vector<double>& scores,
                             const std::vector<std::size_t>& order);

}  // namespace quhua::mcda
