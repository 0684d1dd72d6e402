// Internal to algorithms/facility: the incremental state of a median-type local search -- for each
// demand its nearest and second-nearest open candidate -- and Whitaker's fast interchange, which
// finds the best (insert, remove) swap in O(m (n + p)) (Whitaker 1983, "A fast algorithm for the greedy
// interchange for large-scale clustering and median location problems", INFOR 21: 95-108; the form
// used by Hansen & Mladenovic 1997, "Variable neighborhood search for the p-median", Location Science 5).
#pragma once

#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/algorithms/facility/search_support.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace quhua::algorithms::facility::detail {

/// Weighted costs weight_i * cost_ij stored candidate-major (one contiguous column per candidate),
/// unreachable entries replaced by `penalty`, a cost larger than any sum of real ones.
class WeightedCosts {
 public:
  explicit WeightedCosts(const LocationProblem& problem);
  std::size_t demand_count() const noexcept { return m_n; }
  std::size_t candidate_count() const noexcept { return m_m; }
  double operator()(std::size_t demand, std::size_t candidate) const { return m_values[candidate * m_n + demand]; }
  std::span<const double> column(std::size_t candidate) const { return {m_values.data() + candidate * m_n, m_n}; }
  double penalty() const noexcept { return m_penalty; }
  /// Tolerance below which a change of objective counts as no change.
  double epsilon() const noexcept { return m_epsilon; }

 private:
  std::size_t m_n = 0;
  std::size_t m_m = 0;
  std::vector<double> m_values;
  double m_penalty = 0;
  double m_epsilon = 1e-9;
};

class MedianState {
 public:
  explicit MedianState(const WeightedCosts& costs);

  /// Opens exactly `open` (replacing the current set) and recomputes every demand's two nearest.
  void reset(std::span<const Index> open);
  void add(Index candidate);
  void remove(Index candidate);
  void swap(Index in, Index out);

  double objective() const noexcept { return m_objective; }
  const std::vector<Index>& open() const noexcept { return m_open; }
  bool is_open(Index candidate) const { return m_position[candidate] != k_unassigned; }
  Index nearest(std::size_t demand) const { return m_near1[demand]; }
  double nearest_cost(std::size_t demand) const { return m_d1[demand]; }

  /// Objective change when `candidate` opens: sum over demands of min(0, c(i, candidate) - d1(i)).
  double add_delta(Index candidate) const;
  /// The best swap with `in` drawn from candidates where can_insert[j] and `out` from open
  /// candidates where can_remove[j]; invalid when no pair exists. Ties go to the lowest indices.
  Swap best_swap(std::span<const std::uint8_t> can_insert, std::span<const std::uint8_t> can_remove) const;
  /// The best candidate to add (most negative add_delta) among can_insert; k_unassigned when none.
  Index best_add(std::span<const std::uint8_t> can_insert, double* delta = nullptr) const;

 private:
  void recompute(std::size_t demand);

  const WeightedCosts* m_costs;
  std::vector<Index> m_open;
  std::vector<Index> m_position;  // per candidate: index in m_open, or k_unassigned when closed
  std::vector<Index> m_near1, m_near2;
  std::vector<double> m_d1, m_d2;
  double m_objective = 0;
  mutable std::vector<double> m_loss;  // scratch for best_swap
};

}  // namespace quhua::algorithms::facility::detail
