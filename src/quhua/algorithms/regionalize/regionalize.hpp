// regionalize(): the planner's heuristic. Many randomised constructions (in parallel, each with its own
// Rng stream split from the seed), the best few improved by recombination (one more region where the
// totals allow it), merging down to a target count, simulated annealing and a greedy descent. Plans are
// ranked by: units left in regions below the minimum (fewest first), then the region count (most in
// max-p; closest to the target otherwise), then the penalty (merged viable units + transfers), then the
// objective, then the assignment itself -- so the same seed gives the same plan whatever the threads.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "quhua/algorithms/regionalize/construction.hpp"
#include "quhua/algorithms/regionalize/local_search.hpp"
#include "quhua/algorithms/regionalize/plan_state.hpp"
#include "quhua/util/run_control.hpp"

namespace quhua::algorithms::regionalize {

struct PlanStatistics {
  unsigned threads = 1;
  std::size_t constructions = 0;           ///< randomised constructions run
  std::size_t starts = 0;                  ///< constructions improved by local search
  std::size_t moves_per_unit = 0;
  std::size_t best_construction_regions = 0;
  double best_construction_objective = 0;
  std::size_t recombination_gain = 0;      ///< regions gained by recombination (best start)
  std::size_t target_merges = 0;           ///< merges done to reach --regions / --reduce (best start)
  std::size_t best_start = 0;
  ConstructionStats construction;          ///< summed over constructions
  SearchStats search;                      ///< summed over starts
  double construction_seconds = 0;
  double search_seconds = 0;
  bool stopped_early = false;              ///< the time limit or a cancel cut the search short
};

struct RegionalizeResult {
  std::vector<RegionId> block_region;          ///< per block, dense ids in [0, region_count)
  std::vector<std::uint32_t> region_of_unit;   ///< per unit, dense ids numbered by each region's first unit
  std::vector<UnitIndex> seat_of_region;       ///< the seat unit of each region
  std::size_t region_count = 0;
  PlanKey key;
  PlanStatistics statistics;
};

/// Runs the heuristic. `control`: deadline, cancel and progress (reported from the calling thread).
RegionalizeResult regionalize(const SolverInstance& instance, const RunControl& control);

/// The unit-level form of a block assignment (dense region numbers by first unit, seats, key).
RegionalizeResult make_result(const SolverInstance& instance, std::span<const RegionId> block_region);

/// The automatic budgets for `free_units` units (constructions, starts, moves per unit).
void automatic_budget(std::size_t free_units, SearchOptions& search);

}  // namespace quhua::algorithms::regionalize
