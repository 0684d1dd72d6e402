#include "quhua/algorithms/regionalize/local_search.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

namespace quhua::algorithms::regionalize {

namespace {

// Blocks with a neighbour in another region they may move to, kept up to date move by move.
class BoundarySet {
 public:
  explicit BoundarySet(const PlanState& state) : m_state(state), m_position(state.block_count(), k_none) {
    for (BlockId b = 0; b < state.block_count(); ++b) update(b);
  }
  std::size_t size() const { return m_list.size(); }
  BlockId operator[](std::size_t i) const { return m_list[i]; }
  void update(BlockId b) {
    const bool boundary = on_boundary(b);
    if (boundary && m_position[b] == k_none) {
      m_position[b] = static_cast<std::uint32_t>(m_list.size());
      m_list.push_back(b);
    } else if (!boundary && m_position[b] != k_none) {
      const std::uint32_t i = m_position[b];
      m_list[i] = m_list.back();
      m_position[m_list[i]] = i;
      m_list.pop_back();
      m_position[b] = k_none;
    }
  }
  void moved(BlockId b) {
    update(b);
    for (BlockId v : m_state.instance().block_graph.neighbors(b)) update(v);
  }

 private:
  bool on_boundary(BlockId b) const {
    const auto& I = m_state.instance();
    if (I.fixed(b)) return false;
    const RegionId r = m_state.region_of(b);
    for (BlockId v : I.block_graph.neighbors(b)) {
      if (m_state.region_of(v) != r && I.edge_allowed(b, v)) return true;
    }
    return false;
  }
  const PlanState& m_state;
  std::vector<std::uint32_t> m_position;
  std::vector<BlockId> m_list;
};

// A random region next to b that b may move to (k_none if none).
RegionId random_target(const PlanState& state, BlockId b, Rng& rng) {
  const auto& I = state.instance();
  const auto neighbours = I.block_graph.neighbors(b);
  const RegionId own = state.region_of(b);
  const std::size_t start = rng.below(neighbours.size());
  for (std::size_t k = 0; k < neighbours.size(); ++k) {
    const BlockId v = neighbours[(start + k) % neighbours.size()];
    if (state.region_of(v) != own && I.edge_allowed(b, v)) return state.region_of(v);
  }
  return k_none;
}

bool better(const PlanKey& a, const PlanKey& b) {
  PlanKey margin = b;
  margin.objective -= 1e-9 * (1 + std::abs(b.objective));
  return a < margin;
}

}  // namespace

int TierDelta::sign() const {
  for (const std::int64_t d : {exceptions, count, penalty}) {
    if (d != 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

TierDelta tier_delta(const PlanState& state, const MoveEvaluation& evaluation) {
  const auto& I = state.instance();
  TierDelta delta;
  delta.exceptions = evaluation.exception_delta;
  delta.penalty = evaluation.penalty_delta;
  if (I.max_p()) {
    delta.count = -evaluation.meeting_delta;
  } else {
    const auto before = static_cast<std::int64_t>(state.region_count());
    const auto target = static_cast<std::int64_t>(I.target_regions);
    delta.count = std::abs(before + evaluation.region_count_delta - target) - std::abs(before - target);
  }
  return delta;
}

bool search_allows(const PlanState& state, BlockId b, std::uint32_t violations) {
  if (state.short_region(state.region_of(b))) {
    violations &= ~(violation_source_min_population | violation_source_min_area | violation_empties_region);
  }
  return violations == 0;
}

void anneal(PlanState& state, Rng& rng, std::size_t moves, const RunControl& control, SearchStats& stats) {
  if (moves == 0) return;
  BoundarySet boundary(state);
  if (boundary.size() == 0) return;

  // Starting temperature: a median uphill move is accepted with probability 1/2.
  std::vector<double> uphill;
  for (std::size_t i = 0; i < 400 && uphill.size() < 100; ++i) {
    const BlockId b = boundary[rng.below(boundary.size())];
    const RegionId to = random_target(state, b, rng);
    if (to == k_none || state.cheap_violations(b, to, true)) continue;
    const auto delta = state.move_delta(b, to);
    if (delta.violations || tier_delta(state, delta).sign() != 0) continue;
    if (delta.objective_delta > 0) uphill.push_back(delta.objective_delta);
  }
  if (uphill.empty()) return;
  std::nth_element(uphill.begin(), uphill.begin() + static_cast<std::ptrdiff_t>(uphill.size() / 2), uphill.end());
  const double start_temperature = uphill[uphill.size() / 2] / std::log(2.0);
  const double end_temperature = start_temperature * 1e-4;
  const double cooling = std::pow(end_temperature / start_temperature, 1.0 / static_cast<double>(moves));
  double temperature = start_temperature;

  std::vector<RegionId> best = state.assignment();
  PlanKey best_key = plan_key(state);
  const std::size_t checkpoint = std::max<std::size_t>(1024, moves / 64);
  for (std::size_t i = 0; i < moves; ++i, temperature *= cooling) {
    if ((i & 1023) == 0 && control.should_stop()) break;
    if (i % checkpoint == checkpoint - 1) {
      const PlanKey key = plan_key(state);
      if (better(key, best_key)) {
        best = state.assignment();
        best_key = key;
      }
    }
    if (boundary.size() == 0) break;
    ++stats.moves_tried;
    const BlockId b = boundary[rng.below(boundary.size())];
    const RegionId to = random_target(state, b, rng);
    if (to == k_none || state.cheap_violations(b, to, true)) continue;
    const auto delta = state.move_delta(b, to);
    if (!search_allows(state, b, delta.violations)) continue;
    const int tiers = tier_delta(state, delta).sign();
    if (tiers > 0) continue;
    if (tiers == 0 && delta.objective_delta > 0 && rng.uniform() >= std::exp(-delta.objective_delta / temperature)) {
      continue;
    }
    if (!state.removal_keeps_connected(b)) continue;
    state.apply_move(b, to);
    boundary.moved(b);
    ++stats.moves_accepted;
  }
  if (better(best_key, plan_key(state))) state = PlanState(state.instance(), best);
}

void descend(PlanState& state, const RunControl& control, SearchStats& stats, std::size_t max_sweeps) {
  const auto& I = state.instance();
  std::vector<RegionId> targets;
  for (std::size_t sweep = 0; sweep < max_sweeps; ++sweep) {
    bool improved = false;
    for (BlockId b = 0; b < state.block_count(); ++b) {
      if (I.fixed(b)) continue;
      if ((b & 1023) == 0 && control.should_stop()) return;
      const RegionId own = state.region_of(b);
      targets.clear();
      for (BlockId v : I.block_graph.neighbors(b)) {
        const RegionId q = state.region_of(v);
        if (q != own && I.edge_allowed(b, v) && std::find(targets.begin(), targets.end(), q) == targets.end()) {
          targets.push_back(q);
        }
      }
      if (targets.empty()) continue;
      // The best move that improves the ranking: tiers first, then the objective.
      RegionId best = k_none;
      TierDelta best_tiers;
      double best_objective = -1e-9 * (1 + std::abs(state.region_cost(own)));
      for (RegionId q : targets) {
        if (state.cheap_violations(b, q, true)) continue;
        const auto delta = state.move_delta(b, q);
        if (!search_allows(state, b, delta.violations)) continue;
        const auto tiers = tier_delta(state, delta);
        const auto key = std::tuple(tiers.exceptions, tiers.count, tiers.penalty, delta.objective_delta);
        if (key < std::tuple(best_tiers.exceptions, best_tiers.count, best_tiers.penalty, best_objective)) {
          best = q;
          best_tiers = tiers;
          best_objective = delta.objective_delta;
        }
      }
      if (best == k_none || !state.removal_keeps_connected(b)) continue;
      state.apply_move(b, best);
      ++stats.descent_moves;
      improved = true;
    }
    if (!improved) return;
  }
}

}  // namespace quhua::algorithms::regionalize
