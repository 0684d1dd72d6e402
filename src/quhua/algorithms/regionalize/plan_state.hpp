// PlanState: a plan under construction or editing -- which new unit (region) each block belongs to --
// with per-region sums kept up to date so that evaluating a move (block b from its region to region r)
// costs O(degree + attributes) in the common case: the objective delta, the penalty delta and the status
// of every hard rule. A seat change costs O(region size). With --seat-rule central (and a seat that
// matters: access objective, service radius or transfers) every evaluation costs O(|from| + |to|) per
// unit of the block: per-unit sums of the cost to each candidate seat are kept up to date. Contiguity of the region a block leaves is
// checked locally (neighbours of b within its region linked among themselves), else by a BFS inside
// the region that stops once every such neighbour is reached. verify() recomputes everything from
// scratch (tests and debug builds).
//
// The interactive map editor and the local search share this class. It is not thread-safe: const
// evaluations use scratch buffers; give each thread its own copy.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "quhua/algorithms/regionalize/instance.hpp"

namespace quhua::algorithms::regionalize {

using RegionId = std::uint32_t;

/// Hard rules a move (or merge) would break: a bit set in MoveEvaluation::violations.
enum MoveViolation : std::uint32_t {
  violation_no_op = 1u << 0,                   ///< the block is already in that region
  violation_fixed = 1u << 1,                   ///< the block or the target region is fixed (locked ...)
  violation_not_adjacent = 1u << 2,            ///< the block shares no border with the target region
  violation_breaks_contiguity = 1u << 3,       ///< the source region would fall apart
  violation_empties_region = 1u << 4,          ///< the source region would disappear (one region fewer)
  violation_source_min_population = 1u << 5,  ///< the source region would fall below --min-pop
  violation_source_min_area = 1u << 6,        ///< ... below --min-area-km2
  violation_target_min_population = 1u << 7,  ///< a new region of this block alone would be below --min-pop
  violation_target_min_area = 1u << 8,
  violation_target_max_population = 1u << 9,  ///< the target region would exceed --max-pop
  violation_target_max_area = 1u << 10,
  violation_seat_distance = 1u << 11,         ///< a member would be beyond --max-seat-km from its seat
  violation_forbidden_pair = 1u << 12,        ///< the target region holds a --forbid partner
  violation_cross_parent = 1u << 13,          ///< across a parent boundary under --within-parent
  violation_unreachable = 1u << 14,           ///< the block and the region cannot reach each other by road
};
/// "breaks_contiguity, target_max_population": stable keys of the set bits.
std::string violation_names(std::uint32_t violations);

struct MoveEvaluation {
  std::uint32_t violations = 0;   ///< MoveViolation bits; 0: every hard rule holds after the move
  double objective_delta = 0;     ///< new objective − old (lower is better)
  std::int64_t penalty_delta = 0; ///< change of merged viable units + transfers (compared before objective)
  int region_count_delta = 0;     ///< −1 when the source region disappears, +1 for a new region
  /// Change of the units in free regions below a lower bound (the plan's first ranking tier).
  std::int64_t exception_delta = 0;
  /// Change of the number of free regions meeting the lower bounds.
  int meeting_delta = 0;
  bool allowed() const { return violations == 0; }
};

class PlanState {
 public:
  /// Every block in a region of its own (region id = block id).
  explicit PlanState(const SolverInstance& instance);
  /// The given assignment: region_of_block[b] for every block (any ids; empty ids stay free).
  PlanState(const SolverInstance& instance, std::span<const RegionId> region_of_block);

  const SolverInstance& instance() const { return *m_instance; }
  std::size_t block_count() const { return m_region_of.size(); }
  RegionId region_of(BlockId b) const { return m_region_of[b]; }
  RegionId region_of_unit(UnitIndex u) const { return m_region_of[m_instance->block_of_unit[u]]; }
  /// Region ids are in [0, region_capacity()); some may be empty.
  std::size_t region_capacity() const { return m_regions.size(); }
  std::size_t region_count() const { return m_nonempty; }
  bool empty(RegionId r) const { return m_regions[r].members.empty(); }
  std::span<const BlockId> members(RegionId r) const { return m_regions[r].members; }
  double population(RegionId r) const { return m_regions[r].population; }
  double area_km2(RegionId r) const { return m_regions[r].area; }
  std::uint32_t unit_count(RegionId r) const { return m_regions[r].units; }
  UnitIndex seat(RegionId r) const { return m_regions[r].seat; }
  bool fixed_region(RegionId r) const { return m_regions[r].fixed; }
  double region_cost(RegionId r) const { return m_regions[r].cost; }
  std::int64_t region_penalty(RegionId r) const { return m_regions[r].penalty; }
  /// Population-weighted cost to the seat (person·km, or person·minutes with travel times); tracked for
  /// the access objective (and, with --seat-rule central, whenever the seat matters).
  double access_cost(RegionId r) const { return m_regions[r].access; }
  bool meets_lower_bounds(RegionId r) const;
  /// A free, non-empty region below a lower bound (its units are exceptions unless fixed).
  bool short_region(RegionId r) const { return !empty(r) && !fixed_region(r) && !meets_lower_bounds(r); }

  /// Sum of region costs (the objective) and of region penalties.
  double objective() const;
  std::int64_t penalty() const;

  /// Evaluates moving block b to region `to` (an empty region id opens a new region). With
  /// stop_at_first the evaluation may return as soon as one violation is found (violations then holds
  /// at least that one; the deltas may be incomplete).
  MoveEvaluation try_move(BlockId b, RegionId to, bool stop_at_first = false) const;
  /// The unit's block (its must-merge group moves with it).
  MoveEvaluation try_move_unit(UnitIndex u, RegionId to) const { return try_move(m_instance->block_of_unit[u], to); }
  /// Moves b to `to` whatever the rules say (callers check first).
  void apply_move(BlockId b, RegionId to);

  /// Pieces of try_move for searches that test the cheap parts first.
  std::uint32_t cheap_violations(BlockId b, RegionId to, bool stop_at_first) const;
  /// Objective and penalty deltas (and seat-distance and lower-bound violations found on the way).
  MoveEvaluation move_delta(BlockId b, RegionId to) const;
  /// Removing b leaves its region connected (true for a region of one block).
  bool removal_keeps_connected(BlockId b) const;
  bool adjacent_to_region(BlockId b, RegionId r) const;

  /// Evaluates merging region `from` into `into` (violations as for moves; region_count_delta −1).
  MoveEvaluation try_merge(RegionId from, RegionId into) const;
  void merge(RegionId from, RegionId into);

  /// An empty region id (reused, else new).
  RegionId open_region();
  /// Reassigns many blocks at once and recomputes the touched regions (O(their size)).
  void assign_blocks(std::span<const BlockId> blocks, std::span<const RegionId> regions);

  std::vector<RegionId> assignment() const { return m_region_of; }
  /// Recomputes every region from scratch and throws InternalError on any mismatch.
  void verify() const;

 private:
  struct Region {
    std::vector<BlockId> members;
    std::uint32_t units = 0;
    double population = 0;
    double area = 0;
    UnitIndex seat = k_none;
    BlockId seat_block = k_none;
    double access = 0;
    double w = 0, wx = 0, wy = 0, wq = 0;
    double perimeter = 0;
    std::uint32_t viable_units = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> parent_units;  // (parent, units); transfers only
    bool fixed = false;
    double cost = 0;
    std::int64_t penalty = 0;
  };
  struct Side {
    double cost = 0;
    std::int64_t penalty = 0;
    std::uint32_t violations = 0;
  };

  Side removal(RegionId a, BlockId b) const;
  Side addition(RegionId r, BlockId b) const;
  double heterogeneity_with(RegionId r, BlockId b, double sign) const;
  std::int64_t penalty_of(std::size_t blocks, std::uint32_t units, std::uint32_t viable_units, UnitIndex seat,
                          const Region& region, BlockId b, int sign) const;
  double border_to_region(BlockId b, RegionId r) const;
  bool connected_without_slow(BlockId b) const;
  void recompute_region(RegionId r);
  void accumulate(RegionId r, BlockId b, int sign);  // adds (+1) or removes (−1) b's sums, not its borders
  void choose_seat(RegionId r);                       // seat and access cost from the members
  void compute_seat_costs(RegionId r);                // central rule: m_seat_cost of every unit of r, O(|r|²)
  // Central rule: the seat and its cost among `m_candidates` / `m_costs` (filled by the caller).
  UnitIndex central_seat(double& cost) const;
  void refresh_cost(RegionId r);
  void add_parents(Region& region, BlockId b, int sign);
  void ensure_capacity(RegionId r);
  double* sums(RegionId r) { return m_attr.data() + static_cast<std::size_t>(r) * 2 * m_instance->attribute_count; }
  const double* sums(RegionId r) const {
    return m_attr.data() + static_cast<std::size_t>(r) * 2 * m_instance->attribute_count;
  }

  const SolverInstance* m_instance;
  std::vector<RegionId> m_region_of;
  std::vector<std::uint32_t> m_position;
  std::vector<Region> m_regions;
  std::vector<double> m_attr;  // per region: attribute_count sums, then attribute_count sums of squares
  std::vector<RegionId> m_free;
  std::size_t m_nonempty = 0;
  bool m_track_access = false;
  // --seat-rule central where the seat matters: per unit, Σ population × cost from the units of its
  // region to it (the cost of the region with its seat there). A move updates it in O(|from| + |to|)
  // per unit of the block; evaluating one costs the same.
  bool m_central = false;
  std::vector<double> m_seat_cost;
  mutable std::vector<UnitIndex> m_candidates;
  mutable std::vector<double> m_costs;

  mutable std::vector<std::uint32_t> m_mark;
  mutable std::uint32_t m_stamp = 0;
  mutable std::vector<BlockId> m_queue;
  mutable std::vector<std::uint8_t> m_label;
  mutable std::vector<std::vector<BlockId>> m_queues;
};

/// The ranking of a plan: lower is better, compared field by field.
struct PlanKey {
  std::int64_t exception_units = 0;  ///< units in free regions below a lower bound
  std::int64_t count_term = 0;       ///< max-p: −(regions meeting the bounds); target: |regions − target|
  std::int64_t penalty = 0;
  double objective = 0;
  friend bool operator<(const PlanKey& a, const PlanKey& b) {
    if (a.exception_units != b.exception_units) return a.exception_units < b.exception_units;
    if (a.count_term != b.count_term) return a.count_term < b.count_term;
    if (a.penalty != b.penalty) return a.penalty < b.penalty;
    return a.objective < b.objective;
  }
};
/// The ranking of a state. O(regions).
PlanKey plan_key(const PlanState& state);

}  // namespace quhua::algorithms::regionalize
