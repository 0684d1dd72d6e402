// Local search on a complete plan: simulated annealing over AZP-style boundary moves (one block to a
// neighbouring region) that keep every hard rule and never worsen the ranking tiers before the
// objective (exceptions, region count, penalty), followed by a greedy descent to a local optimum. Deterministic for a given Rng stream; the
// RunControl deadline is the only outside influence.
#pragma once

#include <cstddef>

#include "quhua/algorithms/regionalize/plan_state.hpp"
#include "quhua/util/random.hpp"
#include "quhua/util/run_control.hpp"

namespace quhua::algorithms::regionalize {

struct SearchStats {
  std::size_t moves_tried = 0;     ///< annealing proposals
  std::size_t moves_accepted = 0;  ///< annealing moves applied
  std::size_t descent_moves = 0;   ///< improving moves applied by the descent
};

/// The ranking change of a move before the objective: units in regions below a lower bound, the count
/// term (regions meeting the bounds in max-p; distance to the target otherwise), the penalty.
struct TierDelta {
  std::int64_t exceptions = 0;
  std::int64_t count = 0;
  std::int64_t penalty = 0;
  /// −1: the move ranks better before the objective is looked at, +1 worse, 0 the same.
  int sign() const;
};
TierDelta tier_delta(const PlanState& state, const MoveEvaluation& evaluation);

/// The violations a search accepts: none, except that a region already below a lower bound may lose
/// blocks or vanish (that only shrinks the exceptions).
bool search_allows(const PlanState& state, BlockId b, std::uint32_t violations);

/// Simulated annealing: `moves` proposals, geometric cooling from a temperature at which a typical
/// uphill move is accepted half the time down to 1/10,000 of it; the best plan seen is kept.
void anneal(PlanState& state, Rng& rng, std::size_t moves, const RunControl& control, SearchStats& stats);

/// Applies the best improving boundary move of each block (penalty, then objective) in sweeps until a
/// sweep finds none (or `max_sweeps`).
void descend(PlanState& state, const RunControl& control, SearchStats& stats, std::size_t max_sweeps = 100);

}  // namespace quhua::algorithms::regionalize
