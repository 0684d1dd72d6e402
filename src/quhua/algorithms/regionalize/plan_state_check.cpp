// The PlanState pieces that answer questions about a whole region rather than sums: whether removing a
// block keeps its region connected, the full recomputation check, and the ranking of a state.
#include <algorithm>
#include <cmath>

#include "quhua/algorithms/regionalize/plan_state.hpp"
#include "quhua/util/error.hpp"

namespace quhua::algorithms::regionalize {

bool PlanState::removal_keeps_connected(BlockId b) const {
  const auto& g = m_instance->block_graph;
  const RegionId a = m_region_of[b];
  if (m_regions[a].members.size() <= 2) return true;
  // The neighbours of b inside its region: removing b keeps the region connected iff they stay connected.
  constexpr std::size_t k_max_sources = 64;
  BlockId inside[k_max_sources];
  std::size_t count = 0;
  for (BlockId v : g.neighbors(b)) {
    if (m_region_of[v] != a) continue;
    if (count == k_max_sources) return connected_without_slow(b);
    inside[count++] = v;
  }
  if (count <= 1) return true;
  // Local test first: the neighbours linked among themselves (the ring around b) settle most cases.
  std::uint8_t group[k_max_sources];
  for (std::size_t i = 0; i < count; ++i) group[i] = static_cast<std::uint8_t>(i);
  const auto find = [&group](std::uint8_t x) {
    while (group[x] != x) x = group[x] = group[group[x]];
    return x;
  };
  std::size_t sets = count;
  const auto unite = [&](std::uint8_t x, std::uint8_t y) {
    x = find(x);
    y = find(y);
    if (x == y) return;
    group[std::max(x, y)] = std::min(x, y);
    --sets;
  };
  for (std::size_t i = 0; i < count && sets > 1; ++i) {
    for (std::size_t j = i + 1; j < count && sets > 1; ++j) {
      if (g.adjacent(inside[i], inside[j])) unite(static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(j));
    }
  }
  if (sets == 1) return true;

  // Interleaved searches inside the region without b, one per neighbour of b, one step each in turn.
  // Searches that meet join; the answer is "connected" once one group is left, and "disconnected" as
  // soon as a group runs out of nodes -- after exploring only the smaller side of the cut.
  if (++m_stamp == 0) {
    std::fill(m_mark.begin(), m_mark.end(), 0);
    m_stamp = 1;
  }
  if (m_label.size() < m_mark.size()) m_label.resize(m_mark.size());
  m_queues.resize(k_max_sources);
  std::size_t heads[k_max_sources];
  m_mark[b] = m_stamp;
  for (std::size_t i = 0; i < count; ++i) {
    m_queues[i].assign(1, inside[i]);
    heads[i] = 0;
    m_mark[inside[i]] = m_stamp;
    m_label[inside[i]] = static_cast<std::uint8_t>(i);
  }
  for (;;) {
    for (std::size_t i = 0; i < count; ++i) {
      if (heads[i] == m_queues[i].size()) continue;
      const BlockId x = m_queues[i][heads[i]++];
      for (BlockId v : g.neighbors(x)) {
        if (m_region_of[v] != a) continue;
        if (m_mark[v] != m_stamp) {
          m_mark[v] = m_stamp;
          m_label[v] = static_cast<std::uint8_t>(i);
          m_queues[i].push_back(v);
        } else if (v != b) {
          unite(static_cast<std::uint8_t>(i), m_label[v]);
          if (sets == 1) return true;
        }
      }
    }
    // A group whose searches are all exhausted is a piece cut off from the others.
    bool open[k_max_sources] = {};
    for (std::size_t i = 0; i < count; ++i) {
      if (heads[i] < m_queues[i].size()) open[find(static_cast<std::uint8_t>(i))] = true;
    }
    for (std::size_t i = 0; i < count; ++i) {
      if (find(static_cast<std::uint8_t>(i)) == i && !open[i]) return false;
    }
  }
}

bool PlanState::connected_without_slow(BlockId b) const {
  // Plain BFS from one neighbour (only for blocks with more than 64 neighbours in their region).
  const auto& g = m_instance->block_graph;
  const RegionId a = m_region_of[b];
  if (++m_stamp == 0) {
    std::fill(m_mark.begin(), m_mark.end(), 0);
    m_stamp = 1;
  }
  m_mark[b] = m_stamp;
  BlockId start = k_none;
  for (BlockId v : g.neighbors(b)) {
    if (m_region_of[v] == a) {
      start = v;
      break;
    }
  }
  m_queue.assign(1, start);
  m_mark[start] = m_stamp;
  for (std::size_t head = 0; head < m_queue.size(); ++head) {
    for (BlockId v : g.neighbors(m_queue[head])) {
      if (m_region_of[v] == a && m_mark[v] != m_stamp) {
        m_mark[v] = m_stamp;
        m_queue.push_back(v);
      }
    }
  }
  return m_queue.size() + 1 == m_regions[a].members.size();
}

void PlanState::verify() const {
  const auto fail = [](const std::string& what) { throw InternalError("PlanState::verify: " + what); };
  std::size_t nonempty = 0;
  PlanState fresh(*this);
  for (RegionId r = 0; r < m_regions.size(); ++r) {
    const Region& R = m_regions[r];
    for (std::size_t i = 0; i < R.members.size(); ++i) {
      const BlockId b = R.members[i];
      if (m_region_of[b] != r) fail("block " + std::to_string(b) + " listed in region " + std::to_string(r));
      if (m_position[b] != i) fail("position of block " + std::to_string(b));
    }
    if (R.members.empty()) {
      if (R.units != 0 || R.population != 0) fail("empty region " + std::to_string(r) + " has totals");
      continue;
    }
    ++nonempty;
    fresh.recompute_region(r);
    const Region& F = fresh.m_regions[r];
    const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-6 * std::max({1.0, std::abs(a), std::abs(b)}); };
    const std::string where = " of region " + std::to_string(r);
    if (F.units != R.units) fail("unit count" + where);
    if (!close(F.population, R.population)) fail("population" + where);
    if (!close(F.area, R.area)) fail("area" + where);
    if (F.seat != R.seat || F.seat_block != R.seat_block) fail("seat" + where);
    if (!close(F.access, R.access)) fail("access cost" + where);
    if (!close(F.w, R.w) || !close(F.wx, R.wx) || !close(F.wy, R.wy) || !close(F.wq, R.wq)) fail("inertia sums" + where);
    if (!close(F.perimeter, R.perimeter)) fail("perimeter" + where);
    if (F.viable_units != R.viable_units) fail("viable units" + where);
    if (F.fixed != R.fixed) fail("fixed flag" + where);
    if (!close(F.cost, R.cost)) {
      fail("cost" + where + ": incremental " + std::to_string(R.cost) + ", recomputed " + std::to_string(F.cost));
    }
    if (F.penalty != R.penalty) fail("penalty" + where);
    if (m_central) {
      for (BlockId b : R.members) {
        for (UnitIndex u : m_instance->units_of(b)) {
          if (!close(fresh.m_seat_cost[u], m_seat_cost[u])) fail("central seat cost of unit " + std::to_string(u) + where);
        }
      }
    }
  }
  if (nonempty != m_nonempty) fail("region count");
  for (RegionId r : m_free) {
    if (!m_regions[r].members.empty()) fail("free list holds non-empty region " + std::to_string(r));
  }
}

PlanKey plan_key(const PlanState& state) {
  const auto& I = state.instance();
  PlanKey key;
  std::int64_t meeting = 0;
  for (RegionId r = 0; r < state.region_capacity(); ++r) {
    if (state.empty(r)) continue;
    if (state.meets_lower_bounds(r)) {
      ++meeting;
    } else if (!state.fixed_region(r)) {
      key.exception_units += state.unit_count(r);
    }
  }
  key.count_term = I.max_p() ? -meeting
                             : std::abs(static_cast<std::int64_t>(state.region_count()) -
                                        static_cast<std::int64_t>(I.target_regions));
  key.penalty = state.penalty();
  key.objective = state.objective();
  return key;
}

}  // namespace quhua::algorithms::regionalize
