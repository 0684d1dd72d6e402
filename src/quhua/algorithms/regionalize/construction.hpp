// Building and reshaping whole plans: the randomised construction (viable units kept, the rest cut from
// random spanning trees into as many parts as the rules allow, region growing where trees fail,
// enclaves merged into neighbours), the repair of regions below the minimum, merging down to a target
// count, and recombination of neighbouring regions into one more region (raises the count in max-p).
#pragma once

#include <cstdint>
#include <vector>

#include "quhua/algorithms/regionalize/plan_state.hpp"
#include "quhua/util/random.hpp"
#include "quhua/util/run_control.hpp"

namespace quhua::algorithms::regionalize {

struct ConstructionStats {
  std::size_t tree_partitions = 0;  ///< clusters cut from spanning trees
  std::size_t grown_clusters = 0;   ///< clusters where trees failed and regions were grown
  std::size_t enclaves = 0;         ///< blocks left to join a neighbouring region
};

/// A complete assignment (region per block): fixed blocks alone; in each zone, with keep_viable, every
/// viable block alone; the remaining blocks cut into as many regions meeting the rules as found; blocks
/// that fit nowhere alone as their own regions (repair_exceptions merges them afterwards).
/// `compact_trees`: cut randomised minimum spanning trees (compact parts) instead of random trees.
std::vector<RegionId> construct(const SolverInstance& instance, Rng& rng, ConstructionStats& stats,
                                bool compact_trees = false);

/// Merges regions below the lower bounds into adjacent regions while a merge keeps every other rule:
/// first into regions that meet the bounds (best penalty, then objective), then into other regions
/// below the bounds. Returns the number of merges.
std::size_t repair_exceptions(PlanState& state);

/// Greedy merges of adjacent regions (cheapest penalty, then objective) until `target` regions remain
/// or no merge keeps the rules. Returns the number of merges.
std::size_t merge_to_target(PlanState& state, std::size_t target, const RunControl& control);

/// Tries to re-cut pairs and triples of neighbouring regions into one region more (max-p). Returns the
/// number of regions gained.
std::size_t recombine(PlanState& state, Rng& rng, std::size_t attempts, const RunControl& control);

}  // namespace quhua::algorithms::regionalize
