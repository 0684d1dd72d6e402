// Covering models, where a candidate serves a demand only within a service radius (服务半径) in the
// cost's unit (minutes, metres):
//  - maximal covering, MCLP (Church & ReVelle 1974): p sites covering the most weight;
//  - location set covering, LSCP (Toregas, Swain, ReVelle & Bergman 1971): the fewest (or cheapest)
//    sites covering every demand that can be covered;
//  - p-center (Hakimi 1964): p sites making the largest cost to the nearest site least.
// Heuristics: greedy, swap descent with incremental cover counts, VNS; Lagrangian bounds (MCLP: the
// coverage constraints relaxed, Galvao & ReVelle 1996; LSCP: Beasley 1990); p-center by bisection
// over the distinct costs, each radius tested by the MCLP search and its bound.
#pragma once

#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/util/run_control.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quhua::algorithms::facility {

struct CoverageOptions {
  double radius = 0;  ///< a candidate covers a demand when cost <= radius (same unit as the costs)
};

struct MaxCoveringOptions {
  std::size_t p = 1;
  CoverageOptions coverage;
  std::uint64_t seed = 1;
  std::size_t max_shakes_without_improvement = 0;  ///< 0: automatic
  bool lagrangian_bound = true;
};

/// MCLP. objective = covered weight (maximised); bound = Lagrangian upper bound; assignment = nearest
/// open site (covered or not). Demands of zero weight are ignored.
LocationResult solve_max_covering(const LocationProblem& problem, const MaxCoveringOptions& options,
                                  RunControl& control);

struct SetCoveringOptions {
  CoverageOptions coverage;
  std::vector<double> site_cost;  ///< per candidate, > 0; empty: 1 each (fewest sites)
  std::uint64_t seed = 1;
  std::size_t restarts = 30;  ///< randomised greedy restarts (GRASP)
  bool lagrangian_bound = true;
};

/// LSCP. objective = total site cost (the count for unit costs); demands of positive weight that no
/// allowed candidate covers are counted in unreachable_demands and left out; bound = Lagrangian
/// lower bound.
LocationResult solve_set_covering(const LocationProblem& problem, const SetCoveringOptions& options,
                                  RunControl& control);

struct PCenterOptions {
  std::size_t p = 1;
  std::uint64_t seed = 1;
};

/// p-center over demands of positive weight (weights otherwise ignored). objective = the largest
/// cost from a demand to its nearest open site; bound = the largest radius proven infeasible's
/// successor (a lower bound); unreachable demands are counted and left out.
LocationResult solve_p_center(const LocationProblem& problem, const PCenterOptions& options, RunControl& control);

}  // namespace quhua::algorithms::facility
