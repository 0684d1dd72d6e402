// The p-median problem (Hakimi 1964; ReVelle & Swain 1970): open p candidates so that the total
// weighted cost from each demand to its nearest open candidate is least. Solved by greedy
// construction, Whitaker's fast interchange and variable neighbourhood search (Hansen & Mladenovic
// 1997), with a Lagrangian lower bound by subgradient optimisation (Beasley 1985, "A note on solving
// large p-median problems", EJOR 21) that certifies optimality or gives the gap.
#pragma once

#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/util/run_control.hpp"

#include <cstddef>
#include <cstdint>

namespace quhua::algorithms::facility {

struct PMedianOptions {
  std::size_t p = 1;       ///< facilities to open (fixed-open candidates count towards p)
  std::uint64_t seed = 1;  ///< VNS shaking draws
  /// VNS stops after this many shakes in a row without improvement; 0: automatic (grows with p).
  std::size_t max_shakes_without_improvement = 0;
  std::size_t max_shakes = 0;             ///< hard cap on shakes; 0: automatic
  bool lagrangian_bound = true;           ///< compute the Lagrangian lower bound (and stop on a proof)
  std::size_t lagrangian_iterations = 0;  ///< subgradient steps per round; 0: automatic

  /// Throws UsageError when p is 0 or larger than the candidates allowed, or below the fixed ones.
  void validate(const LocationProblem& problem) const;
};

/// Solves the p-median problem. Deterministic for a given seed. The result's bound is the best
/// Lagrangian bound (NaN when disabled); proven_optimal when objective meets it.
LocationResult solve_p_median(const LocationProblem& problem, const PMedianOptions& options, RunControl& control);

/// Lagrangian lower bound alone: relaxes the assignment constraints sum_j x_ij = 1 with multipliers
/// lambda_i; for given lambda the relaxed problem opens the p candidates with the most negative
/// rho_j = sum_i min(0, w_i c_ij - lambda_i). `upper_bound` (a known objective) steers the steps.
/// Returns the best bound found (never above the optimum).
double p_median_lagrangian_bound(const LocationProblem& problem, std::size_t p, double upper_bound,
                                 std::size_t iterations, RunControl& control);

}  // namespace quhua::algorithms::facility
