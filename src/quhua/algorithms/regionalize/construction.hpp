// Building and reshaping whole plans: the randomised construction (viable units kept, the rest cut from
// random spanning trees into as many parts as the rules allow, region growing where trees fail,
// enclaves merged into neighbours), the repair of regions below the minimum, merging down to a target
// count, and recombination of neighbouring regions into one more region (raises the count in max-p).
#pragma once

#include <cstdint>
#include <unordered_map>
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

enum class ConstructionMethod {
  random_trees,   ///< cut random spanning trees (most regions)
  compact_trees,  ///< cut randomised minimum spanning trees (compact parts, a better objective)
  growth,         ///< grow regions one at a time (seat first under --max-seat-km, else from the edge)
};

/// Region counts reached per cluster (keyed by the cluster's smallest block), shared between
/// constructions: a construction tries one count above the hint briefly, then the hint and below, instead
/// of working down from the upper bound every time.
struct ConstructionHints {
  std::unordered_map<BlockId, std::size_t> parts;
};

/// A complete assignment (region per block): fixed blocks alone; in each zone, with keep_viable, every
/// viable block alone; the remaining blocks cut into as many regions meeting the rules as found (trees,
/// else growth); blocks that fit nowhere alone as their own regions (repair_exceptions merges them).
/// `hints` (may be null) start the count search; `learned` (may be null) records the counts reached.
std::vector<RegionId> construct(const SolverInstance& instance, Rng& rng, ConstructionStats& stats,
                                ConstructionMethod method = ConstructionMethod::random_trees,
                                const ConstructionHints* hints = nullptr, ConstructionHints* learned = nullptr);

/// Merges regions below the lower bounds into adjacent regions while a merge keeps every other rule:
/// first into regions that meet the bounds (best penalty, then objective), then into other regions
/// below the bounds. Returns the number of merges.
std::size_t repair_exceptions(PlanState& state);

/// Pulls blocks into each region below the lower bounds from neighbouring regions that can spare them
/// (every rule kept) until it meets the bounds; a region that cannot be filled is left as it was.
/// Returns the number of regions filled.
std::size_t fill_exceptions(PlanState& state);

/// repair_exceptions and fill_exceptions until neither changes anything. Returns the changes.
std::size_t resolve_exceptions(PlanState& state);

/// Greedy merges of adjacent regions (cheapest penalty, then objective) until `target` regions remain
/// or no merge keeps the rules. Returns the number of merges.
std::size_t merge_to_target(PlanState& state, std::size_t target, const RunControl& control);

/// Tries to re-cut pairs and triples of neighbouring regions into one region more (max-p). Returns the
/// number of regions gained.
std::size_t recombine(PlanState& state, Rng& rng, std::size_t attempts, const RunControl& control);

/// Re-cuts pairs of neighbouring regions from random spanning trees of their union (`tries` trees per
/// pair) and keeps a cut when the plan ranks better: moves whole chunks where single-block moves are
/// blocked by the rules. Returns the number of pairs improved.
std::size_t recut_pairs(PlanState& state, Rng& rng, std::size_t tries, const RunControl& control);

}  // namespace quhua::algorithms::regionalize
