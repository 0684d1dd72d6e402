// Internal to algorithms/facility: the transportation relaxation of single-source capacitated
// assignment -- demands may split between open sites --
//   min sum_ij wc_ij x_ij   s.t.  sum_j x_ij = 1 (every demand),  sum_i d_i x_ij <= Q_j (open j),
// solved exactly by successive shortest paths (Busacker & Gowen 1960) in a form that exploits that
// the open sites are few: the flow starts with every demand at its cheapest site as far as room
// allows (a minimum-cost flow for its value), then each augmentation is a shortest path over the p
// sites alone, whose arcs "demand j moves from site k to site l" are the cheapest such moves
// (Bellman-Ford on p nodes; the residual graph of a minimum-cost flow has no negative cycle).
// O(n p + augmentations x (n p + p^3)); the augmentations are about the demands that do not fit at
// their cheapest site. Its value is a lower bound on every single-source assignment to the same sites,
// and at most p - 1 demands are split in the solution it returns, so it guides the capacitated
// p-median search and seeds its assignments.
#pragma once

#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/algorithms/facility/median_state.hpp"

#include <span>
#include <vector>

namespace quhua::algorithms::facility::detail {

class TransportationSolver {
 public:
  /// `demand` per demand point (capacity use; 0: uses none and goes to its cheapest site).
  TransportationSolver(const WeightedCosts& costs, std::span<const double> demand);

  /// Solves over the sites `open` (distinct) with per-candidate `capacity` (indexed by candidate).
  /// Returns the optimal value plus the penalty for every demand share that fits nowhere.
  double solve(std::span<const Index> open, std::span<const double> capacity);

  /// Of the last solve: the optimal value (without penalties), the share of demand i at the k-th
  /// open site (0..1), the demand left without room (in demand units; > 0 when the sites cannot
  /// hold everyone) and the number of augmentations.
  double value() const noexcept { return m_value; }
  double share(std::size_t demand, std::size_t position) const { return m_share[demand * m_p + position]; }
  double unrouted() const noexcept { return m_unrouted; }
  std::size_t augmentations() const noexcept { return m_augmentations; }
  std::size_t open_count() const noexcept { return m_p; }

 private:
  const WeightedCosts* m_costs;
  std::span<const double> m_demand;
  std::size_t m_p = 0;
  double m_value = 0;
  double m_unrouted = 0;
  std::size_t m_augmentations = 0;
  // Scratch, reused between solves (sizes n x p, p x p, p).
  std::vector<double> m_unit;   // per (demand, position): cost per unit of demand; +inf unreachable
  std::vector<double> m_flow;   // per (demand, position): units
  std::vector<double> m_share;  // per (demand, position): flow / demand
  std::vector<double> m_supply, m_room, m_arc, m_dist, m_source_dist;
  std::vector<std::size_t> m_via, m_pred, m_source;
};

}  // namespace quhua::algorithms::facility::detail
