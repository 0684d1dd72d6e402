// SolverInstance: a PlanningProblem prepared for search. Must-merge groups are contracted into blocks
// (one node that always moves as a whole); locked units, units too large on their own and components
// that cannot reach the minimum are fixed (kept unchanged, with the reason); per-block aggregates are
// precomputed for every objective; zones are the components of free blocks over edges a merge may use.
// Contradictory rule lists (a must-merge group with a locked unit, a forbidden pair inside a group ...)
// throw UsageError here, naming the options and units.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "quhua/algorithms/regionalize/options.hpp"
#include "quhua/algorithms/regionalize/problem.hpp"
#include "quhua/graph/contiguity_graph.hpp"

namespace quhua::algorithms::regionalize {

using BlockId = std::uint32_t;

/// value < bound, with a little slack: populations and areas arrive as sums of doubles. A bound <= 0 is
/// inactive.
inline bool below_bound(double value, double bound) { return bound > 0 && value < bound * (1 - 1e-12) - 1e-9; }
/// value > bound, with the same slack (an infinite bound is inactive).
inline bool above_bound(double value, double bound) { return value > bound * (1 + 1e-12) + 1e-9; }

enum class CompactMeasure {
  polsby_popper,      ///< Σ over regions of P² / (4πA): needs areas, perimeters and shared-border lengths
  moment_of_inertia,  ///< Σ over regions of 2π·I / A² over members' anchors weighted by area (or 1)
};
std::string_view compact_measure_name(CompactMeasure measure);

/// Why a block is kept out of the search.
enum class FixedReason : std::uint8_t { none, locked, exceeds_upper_bound, infeasible_component };

struct SolverInstance {
  const PlanningProblem* problem = nullptr;
  PlanOptions options;

  // Derived modes.
  std::size_t target_regions = 0;  ///< total regions wanted (fixed ones included); 0: max-p
  bool max_p() const { return target_regions == 0; }
  bool penalise_viable_merges = false;  ///< max-p with keep_viable
  bool count_transfers = false;         ///< within_parent with allow_transfer
  bool single_parent = false;           ///< within_parent without allow_transfer
  CompactMeasure compact_measure = CompactMeasure::moment_of_inertia;
  bool has_anchors = false;
  /// Access costs and --max-seat-min in road minutes (PlanningProblem::travel_minutes); else access in
  /// straight-line km.
  bool travel_times = false;
  bool central_seats = false;  ///< --seat-rule central
  /// The seat decides part of the ranking: the access objective, a service-radius rule, or transfers
  /// counted from the seat's parent. When it does not (heterogeneity or compact without those rules),
  /// PlanState keeps the cheap `largest` seat during the search and the rule's seat is set at the end.
  bool seat_matters = false;

  // Per unit.
  std::vector<double> x_km, y_km;   ///< anchors, centred on their mean (0 when unknown)
  std::vector<double> seat_score;   ///< population × town weight: the highest-scoring member is the seat
  std::vector<double> seat_weight;  ///< --seat-town-weight for a 镇 or 街道, else 1 (the central rule)
  /// Units that reach each other by road in both directions share a class (all 0 without travel times);
  /// units of different classes never share a region.
  std::vector<std::uint32_t> reach_class;
  std::size_t reach_class_count = 1;
  std::size_t attribute_count = 0;  ///< z-scored heterogeneity attributes
  std::vector<double> z;            ///< unit × attribute_count
  std::vector<std::size_t> attribute_columns;  ///< problem attribute column of each z column

  // Blocks: a must-merge group, or one unit.
  std::vector<BlockId> block_of_unit;
  std::vector<std::uint32_t> block_offsets;  ///< CSR into block_units
  std::vector<UnitIndex> block_units;
  std::vector<double> block_population;
  std::vector<double> block_area;            ///< km², 0 when unknown
  std::vector<std::uint32_t> block_unit_count;
  std::vector<UnitIndex> block_seat;         ///< best seat candidate among the block's units
  std::vector<std::uint32_t> block_parent;   ///< common parent of the block's units (k_none: none or mixed)
  std::vector<std::uint32_t> block_class;    ///< reach class of the block's units (one per block)
  std::vector<std::uint8_t> block_viable;    ///< meets every rule on its own
  std::vector<FixedReason> block_fixed;      ///< none: free to move
  std::vector<std::string> fixed_note;       ///< why a fixed block is fixed, in words
  std::vector<double> block_attr_sum, block_attr_sumsq;  ///< block × attribute_count
  std::vector<double> block_w, block_wx, block_wy, block_wq;  ///< inertia sums (see plan_state.cpp)
  std::vector<double> block_perimeter_km;    ///< Σ unit perimeters − 2 × internal shared borders
  std::vector<std::uint32_t> block_parent_offsets;  ///< CSR into block_parent_units
  std::vector<std::pair<std::uint32_t, std::uint32_t>> block_parent_units;  ///< (parent, unit count)
  std::vector<std::uint32_t> forbid_offsets;  ///< CSR into forbid_targets
  std::vector<BlockId> forbid_targets;

  /// Adjacency between blocks (every shared border, also across parents and to fixed blocks); border
  /// lengths in km, summed over unit pairs.
  graph::ContiguityGraph block_graph;

  /// Zones: components of free blocks over allowed edges (k_none for fixed blocks).
  std::vector<std::uint32_t> zone_of_block;
  std::size_t zone_count = 0;
  std::size_t free_block_count = 0;
  std::size_t free_unit_count = 0;

  std::size_t block_count() const { return block_population.size(); }
  std::size_t unit_count() const { return block_of_unit.size(); }
  bool fixed(BlockId b) const { return block_fixed[b] != FixedReason::none; }
  std::span<const UnitIndex> units_of(BlockId b) const {
    return {block_units.data() + block_offsets[b], block_units.data() + block_offsets[b + 1]};
  }
  std::span<const BlockId> forbidden_of(BlockId b) const {
    return {forbid_targets.data() + forbid_offsets[b], forbid_targets.data() + forbid_offsets[b + 1]};
  }
  std::span<const std::pair<std::uint32_t, std::uint32_t>> parents_of(BlockId b) const {
    return {block_parent_units.data() + block_parent_offsets[b],
            block_parent_units.data() + block_parent_offsets[b + 1]};
  }
  /// A merge may use the edge a-b (both free and, with --within-parent alone, the same parent).
  /// Blocks of different reach classes never merge either.
  bool edge_allowed(BlockId a, BlockId b) const {
    return !fixed(a) && !fixed(b) && (!single_parent || block_parent[a] == block_parent[b]) &&
           block_class[a] == block_class[b];
  }
  /// a is preferred over b as a seat (higher score; ties: lower index).
  bool better_seat(UnitIndex a, UnitIndex b) const {
    return b == k_none || seat_score[a] > seat_score[b] || (seat_score[a] == seat_score[b] && a < b);
  }
  /// Straight-line distance between two units' anchors.
  double distance_km(UnitIndex a, UnitIndex b) const;
  /// Road minutes from `from` to `to` (+infinity: no route); needs travel_times.
  double travel_min(UnitIndex from, UnitIndex to) const { return problem->travel_min(from, to); }
  /// The access cost of one person of `from` with the seat at `seat`: road minutes with travel times,
  /// else straight-line km.
  double seat_cost(UnitIndex from, UnitIndex seat) const {
    return travel_times ? problem->travel_min(from, seat) : distance_km(from, seat);
  }
  /// "min" or "km": the unit of seat_cost and of the access objective.
  std::string_view cost_unit() const { return travel_times ? "min" : "km"; }
  /// Σ population × seat_cost (person·km or person·minutes) from the block's units to `seat`.
  double block_access_cost(BlockId b, UnitIndex seat) const;
  /// `u` keeps --max-seat-km and --max-seat-min with the seat at `seat` (true without such rules).
  bool within_seat_limits(UnitIndex u, UnitIndex seat) const;
  /// Every unit of the block keeps the service-radius rules with the seat at `seat`.
  bool block_within_seat_distance(BlockId b, UnitIndex seat) const;
  /// The seat the seat rule picks among `units` (largest: O(m); central: O(m²)); k_none when empty.
  UnitIndex seat_of_units(std::span<const UnitIndex> units) const;
  /// The same over the units of `blocks`.
  UnitIndex seat_of_blocks(std::span<const BlockId> blocks) const;
  /// The central rule over candidates whose Σ population × cost to them is given: the smallest
  /// cost / seat_weight, near-ties (1e-9 relative) broken by better_seat. O(m), order-independent.
  UnitIndex central_choice(std::span<const UnitIndex> candidates, std::span<const double> costs) const;
  bool meets_lower_bounds(double population, double area_km2) const;
  bool meets_upper_bounds(double population, double area_km2) const;
  /// Largest number of regions with the lower bounds that `population` and `area` could hold.
  std::size_t lower_bound_capacity(double population, double area_km2) const;
};

/// Prepares `problem` for search. Throws UsageError for contradictory rules and InputError when the
/// rules need data the input lacks (anchors for access and --max-seat-km, areas for area rules).
/// The instance keeps a pointer to `problem`: it must outlive the instance.
SolverInstance build_instance(const PlanningProblem& problem, const PlanOptions& options);

/// "A, B, C and 7 more": a short list of unit codes for messages.
std::string describe_units(const PlanningProblem& problem, std::span<const UnitIndex> units, std::size_t shown = 8);
/// 7200 -> "7,200"; 1234.5 -> "1,234.5".
std::string format_number(double value);

}  // namespace quhua::algorithms::regionalize
