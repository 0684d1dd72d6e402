// Internal to algorithms/facility: single-source capacitated assignment of demands to a fixed set of
// open candidates (a generalised assignment problem). Regret construction (Martello & Toth 1981:
// assign first the demand that would lose most by missing its best feasible site), then shift and
// swap descent. Used by the capacitated p-median and by the re-layout model.
#pragma once

#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/algorithms/facility/median_state.hpp"
#include "quhua/algorithms/facility/transportation.hpp"

#include <span>
#include <vector>

namespace quhua::algorithms::facility::detail {

struct CapacitatedAssignment {
  std::vector<Index> of;       ///< per demand: candidate, or k_unassigned (no capacity left / unreachable)
  std::vector<double> load;    ///< per candidate: demand assigned to it
  double cost = 0;             ///< sum of weighted costs of the assigned demands
  std::size_t unassigned = 0;  ///< demands with positive demand or weight left without a site
  /// cost plus a penalty per unassigned demand: what the searches minimise.
  double penalised(double penalty) const { return cost + penalty * static_cast<double>(unassigned); }
};

class CapacitatedAssigner {
 public:
  /// `demand` per demand point (capacity use), `capacity` per candidate (may differ per call via
  /// the span passed to assign()).
  CapacitatedAssigner(const WeightedCosts& costs, std::span<const double> demand);

  /// Regret construction over `open` with per-candidate `capacity`, then descent (shift, swap) when
  /// `improve`. Deterministic.
  CapacitatedAssignment assign(std::span<const Index> open, std::span<const double> capacity, bool improve) const;
  /// Completes a partial assignment (loads consistent with it, no demand at a closed site): places
  /// every unassigned demand by regret, then descends when `improve`.
  void complete(CapacitatedAssignment& assignment, std::span<const Index> open, std::span<const double> capacity,
                bool improve) const;
  /// Shift and swap descent on an existing assignment (capacities respected throughout).
  void improve(CapacitatedAssignment& assignment, std::span<const Index> open, std::span<const double> capacity) const;
  /// Deeper descent for incumbents: shift, swap and ejection chains (a demand moves to a full site
  /// that sends one of its demands on to a third site with room).
  void polish(CapacitatedAssignment& assignment, std::span<const Index> open, std::span<const double> capacity) const;
  /// Assignment from a transportation relaxation already solved over `open` (transportation.hpp;
  /// demands may split): each demand goes where most of it went, the few split ones (at most
  /// |open| - 1) are placed by regret, then polish(). Much closer to the optimum than assign() when
  /// capacities are tight.
  CapacitatedAssignment round_transportation(const TransportationSolver& relaxation, std::span<const Index> open,
                                             std::span<const double> capacity) const;
  /// Tabu search with strategic oscillation (after Diaz & Fernandez 2001, "A tabu search heuristic
  /// for the generalized assignment problem", EJOR 132): shift and swap moves, overload allowed at an
  /// adaptive penalty, a recent move's reversal tabu for a few iterations. Returns the best feasible
  /// assignment seen (the input when none is better). O(iterations x n (n + p)).
  void tabu_improve(CapacitatedAssignment& assignment, std::span<const Index> open, std::span<const double> capacity,
                    std::size_t iterations, std::uint64_t seed) const;

  const WeightedCosts& costs() const { return *m_costs; }

 private:
  const WeightedCosts* m_costs;
  std::span<const double> m_demand;
};

}  // namespace quhua::algorithms::facility::detail
