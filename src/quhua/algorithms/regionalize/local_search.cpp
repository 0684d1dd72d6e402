#include "quhua/algorithms/regionalize/local_search.hpp"

#include <algorithm>
#include <cmath>
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

bool better(std::int64_t penalty_a, double objective_a, std::int64_t penalty_b, double objective_b) {
  return penalty_a != penalty_b ? penalty_a < penalty_b : objective_a < objective_b - 1e-9 * (1 + std::abs(objective_b));
}

}  // namespace

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
    if (delta.violations || delta.penalty_delta != 0) continue;
    if (delta.objective_delta > 0) uphill.push_back(delta.objective_delta);
  }
  if (uphill.empty()) return;
  std::nth_element(uphill.begin(), uphill.begin() + static_cast<std::ptrdiff_t>(uphill.size() / 2), uphill.end());
  const double start_temperature = uphill[uphill.size() / 2] / std::log(2.0);
  const double end_temperature = start_temperature * 1e-4;
  const double cooling = std::pow(end_temperature / start_temperature, 1.0 / static_cast<double>(moves));
  double temperature = start_temperature;

  std::vector<RegionId> best = state.assignment();
  std::int64_t best_penalty = state.penalty();
  double best_objective = state.objective();
  const std::size_t checkpoint = std::max<std::size_t>(1024, moves / 64);
  for (std::size_t i = 0; i < moves; ++i, temperature *= cooling) {
    if ((i & 1023) == 0 && control.should_stop()) break;
    if (i % checkpoint == checkpoint - 1) {
      const std::int64_t penalty = state.penalty();
      const double objective = state.objective();
      if (better(penalty, objective, best_penalty, best_objective)) {
        best = state.assignment();
        best_penalty = penalty;
        best_objective = objective;
      }
    }
    if (boundary.size() == 0) break;
    ++stats.moves_tried;
    const BlockId b = boundary[rng.below(boundary.size())];
    const RegionId to = random_target(state, b, rng);
    if (to == k_none || state.cheap_violations(b, to, true)) continue;
    const auto delta = state.move_delta(b, to);
    if (delta.violations || delta.penalty_delta > 0) continue;
    if (delta.penalty_delta == 0 && delta.objective_delta > 0 &&
        rng.uniform() >= std::exp(-delta.objective_delta / temperature)) {
      continue;
    }
    if (!state.removal_keeps_connected(b)) continue;
    state.apply_move(b, to);
    boundary.moved(b);
    ++stats.moves_accepted;
  }
  if (better(best_penalty, best_objective, state.penalty(), state.objective())) {
    state = PlanState(state.instance(), best);
  }
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
      RegionId best = k_none;
      std::int64_t best_penalty = 0;
      double best_objective = -1e-9 * (1 + std::abs(state.region_cost(own)));
      for (RegionId q : targets) {
        if (state.cheap_violations(b, q, true)) continue;
        const auto delta = state.move_delta(b, q);
        if (delta.violations) continue;
        if (delta.penalty_delta < best_penalty ||
            (delta.penalty_delta == best_penalty && delta.objective_delta < best_objective)) {
          best = q;
          best_penalty = delta.penalty_delta;
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
