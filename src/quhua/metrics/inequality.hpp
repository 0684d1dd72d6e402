// Inequality of a quantity across units (villages, townships), each weighted by its people:
//  - Gini coefficient from the Lorenz curve: G = 1 - sum_i p_i (L_{i-1} + L_i) over values in
//    ascending order, p_i the population share, L the cumulative share of the quantity; with equal
//    weights this is sum_i sum_j |x_i - x_j| / (2 n^2 mean);
//  - Theil's T index: T = sum_i p_i (x_i / mean) ln(x_i / mean) (0 ln 0 = 0), between 0 and ln(n),
//    with its decomposition into between-group and within-group parts (Theil 1967; Shorrocks 1980).
// Used for the equity of accessibility (可达性公平) before and after a plan.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace quhua::metrics {

/// Weighted Gini in [0, 1). Values must be finite and >= 0; weights >= 0 (empty: 1 each). Returns 0
/// when the weighted total of the values is 0. Throws UsageError for bad input. O(n log n).
double gini(std::span<const double> values, std::span<const double> weights = {});

/// Weighted Theil T (same preconditions as gini). 0 when the total is 0.
double theil(std::span<const double> values, std::span<const double> weights = {});

struct TheilDecomposition {
  double total = 0;
  double between = 0;               ///< inequality of the group means
  double within = 0;                ///< sum over groups of (group's share of the quantity) x (group's own T)
  std::vector<double> group_theil;  ///< per group id 0..max
  std::vector<double> group_share;  ///< per group: share of the total quantity
};

/// T = between + within for groups (ids, one per value, e.g. township index).
TheilDecomposition theil_decomposition(std::span<const double> values, std::span<const double> weights,
                                       std::span<const std::uint32_t> groups);

}  // namespace quhua::metrics
