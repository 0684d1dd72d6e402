// The capacitated p-median problem (single-source): open p candidates and assign each demand to one of
// them, within each candidate's capacity, at least total weighted cost -- school places, clinic beds.
// Solved by a median-swap local search whose moves re-centre clusters (candidates cheapest for the
// demands a median serves) and whose median sets are ranked by the transportation relaxation
// (transportation.hpp), VNS shaking, the relaxation rounded to assignments and tabu search on those of
// the best few sets; a Lagrangian bound (assignment constraints relaxed, one 0-1 knapsack per candidate) certifies or
// gives the gap (as in Osman & Christofides 1994's test set; bound after Mulvey & Beck 1984).
#pragma once

#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/util/run_control.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quhua::algorithms::facility {

struct CapacitatedProblem {
  LocationProblem location;      ///< costs, objective weights, fixed-open and excluded candidates
  std::vector<double> demand;    ///< per demand point: capacity it uses (pupils); empty: its weight
  std::vector<double> capacity;  ///< per candidate: capacity when open

  double demand_of(std::size_t i) const { return demand.empty() ? location.weight_of(i) : demand[i]; }
  /// The demand vector in full (weights when `demand` is empty).
  std::vector<double> demands() const;
  /// Throws UsageError for size mismatches and negative or NaN demands or capacities.
  void validate() const;
  /// Throws InputError (input_value) when no choice of `p` facilities can hold the demand: the fixed
  /// candidates' capacities plus the largest of the others that may open fall short of the total demand,
  /// or one demand point needs more than any candidate holds (each is served by one facility). The
  /// message names both totals. @pre validate() passes and p is a valid facility count.
  void check_capacity(std::size_t p) const;
};

struct CapacitatedPMedianOptions {
  std::size_t p = 1;
  std::uint64_t seed = 1;
  std::size_t max_shakes_without_improvement = 0;  ///< 0: automatic
  std::size_t max_shakes = 0;                      ///< 0: automatic
  std::size_t neighbours = 12;  ///< candidates tried in place of each median (cheapest for its cluster)
  bool lagrangian_bound = true;
  std::size_t lagrangian_iterations = 0;  ///< 0: automatic

  void validate(const CapacitatedProblem& problem) const;
};

/// Solves the capacitated p-median problem. The result's assignment respects the capacities; demands
/// that fit nowhere stay k_unassigned and are counted in unassigned_demands (the bound is then not
/// given). Deterministic for a given seed.
LocationResult solve_capacitated_p_median(const CapacitatedProblem& problem, const CapacitatedPMedianOptions& options,
                                          RunControl& control);

}  // namespace quhua::algorithms::facility
