#include "quhua/algorithms/facility/capacitated_assignment.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace quhua::algorithms::facility::detail {
namespace {

constexpr double k_capacity_tolerance = 1e-9;

/// A demand's two cheapest open candidates that still have room for it.
struct Choice {
  Index first = k_unassigned;
  Index second = k_unassigned;
  double first_cost = 0;
  double second_cost = 0;
};

}  // namespace

CapacitatedAssigner::CapacitatedAssigner(const WeightedCosts& costs, std::span<const double> demand)
    : m_costs(&costs), m_demand(demand) {}

CapacitatedAssignment CapacitatedAssigner::assign(std::span<const Index> open, std::span<const double> capacity,
                                                  bool improve_after) const {
  CapacitatedAssignment out;
  out.of.assign(m_costs->demand_count(), k_unassigned);
  out.load.assign(m_costs->candidate_count(), 0.0);
  complete(out, open, capacity, improve_after);
  return out;
}

void CapacitatedAssigner::complete(CapacitatedAssignment& out, std::span<const Index> open,
                                   std::span<const double> capacity, bool improve_after) const {
  const WeightedCosts& wc = *m_costs;
  const std::size_t n = wc.demand_count();
  std::vector<double> residual(wc.candidate_count(), 0.0);
  for (Index j : open) residual[j] = capacity[j] - out.load[j];

  auto choose = [&](std::size_t i) {
    Choice c;
    for (Index j : open) {
      const double cost = wc(i, j);
      if (cost >= wc.penalty() || residual[j] + k_capacity_tolerance < m_demand[i]) continue;
      if (c.first == k_unassigned || cost < c.first_cost || (cost == c.first_cost && j < c.first)) {
        c.second = c.first;
        c.second_cost = c.first_cost;
        c.first = j;
        c.first_cost = cost;
      } else if (c.second == k_unassigned || cost < c.second_cost || (cost == c.second_cost && j < c.second)) {
        c.second = j;
        c.second_cost = cost;
      }
    }
    return c;
  };

  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < n; ++i) {
    if (out.of[i] == k_unassigned) pending.push_back(i);
  }
  std::vector<Choice> choice(n);
  for (std::size_t i : pending) choice[i] = choose(i);
  out.unassigned = 0;
  while (!pending.empty()) {
    // The demand with the largest regret goes first; one with a single feasible site has infinite
    // regret; ties go to the larger demand (harder to place later), then the lower index.
    std::size_t pick = 0;
    double pick_regret = -1;
    for (std::size_t k = 0; k < pending.size(); ++k) {
      const std::size_t i = pending[k];
      const Choice& c = choice[i];
      double regret = 0;
      if (c.first == k_unassigned) {
        regret = std::numeric_limits<double>::infinity();
      } else if (c.second == k_unassigned) {
        regret = std::numeric_limits<double>::max();
      } else {
        regret = c.second_cost - c.first_cost;
      }
      const std::size_t best = pending[pick];
      if (k == 0 || regret > pick_regret ||
          (regret == pick_regret && (m_demand[i] > m_demand[best] || (m_demand[i] == m_demand[best] && i < best)))) {
        pick = k;
        pick_regret = regret;
      }
    }
    const std::size_t i = pending[pick];
    pending[pick] = pending.back();
    pending.pop_back();
    const Index site = choice[i].first;
    if (site == k_unassigned) {
      ++out.unassigned;  // nowhere left to go
      continue;
    }
    out.of[i] = site;
    out.load[site] += m_demand[i];
    out.cost += wc(i, site);
    residual[site] -= m_demand[i];
    for (std::size_t k : pending) {
      Choice& c = choice[k];
      if ((c.first == site || c.second == site) && residual[site] + k_capacity_tolerance < m_demand[k]) c = choose(k);
    }
  }
  if (improve_after) improve(out, open, capacity);
}

void CapacitatedAssigner::improve(CapacitatedAssignment& a, std::span<const Index> open,
                                  std::span<const double> capacity) const {
  const WeightedCosts& wc = *m_costs;
  const std::size_t n = wc.demand_count();
  const double eps = wc.epsilon();
  auto room = [&](Index j) { return capacity[j] - a.load[j]; };
  for (int pass = 0; pass < 100; ++pass) {
    bool changed = false;
    // Shift: each demand to its cheapest open site with room (placing unassigned ones first).
    for (std::size_t i = 0; i < n; ++i) {
      const Index from = a.of[i];
      Index best = k_unassigned;
      double best_cost = from == k_unassigned ? wc.penalty() : wc(i, from) - eps;
      for (Index j : open) {
        if (j == from || room(j) + k_capacity_tolerance < m_demand[i]) continue;
        const double cost = wc(i, j);
        if (cost < best_cost) {
          best = j;
          best_cost = cost;
        }
      }
      if (best == k_unassigned) continue;
      if (from == k_unassigned) {
        --a.unassigned;
      } else {
        a.load[from] -= m_demand[i];
        a.cost -= wc(i, from);
      }
      a.of[i] = best;
      a.load[best] += m_demand[i];
      a.cost += best_cost;
      changed = true;
    }
    // Swap: two demands at different sites trade places when both fit and the total falls.
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = i + 1; k < n; ++k) {
        const Index si = a.of[i], sk = a.of[k];
        if (si == k_unassigned || sk == k_unassigned || si == sk) continue;
        const double delta = wc(i, sk) + wc(k, si) - wc(i, si) - wc(k, sk);
        if (delta >= -eps) continue;
        if (room(sk) + m_demand[k] + k_capacity_tolerance < m_demand[i]) continue;
        if (room(si) + m_demand[i] + k_capacity_tolerance < m_demand[k]) continue;
        a.load[si] += m_demand[k] - m_demand[i];
        a.load[sk] += m_demand[i] - m_demand[k];
        a.of[i] = sk;
        a.of[k] = si;
        a.cost += delta;
        changed = true;
      }
    }
    if (!changed) break;
  }
  // Re-add from scratch: the running total drifts by rounding over many moves.
  a.cost = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (a.of[i] != k_unassigned) a.cost += wc(i, a.of[i]);
  }
}

}  // namespace quhua::algorithms::facility::detail

namespace quhua::algorithms::facility::detail {

void CapacitatedAssigner::polish(CapacitatedAssignment& a, std::span<const Index> open,
                                 std::span<const double> capacity) const {
  const WeightedCosts& wc = *m_costs;
  const std::size_t n = wc.demand_count();
  const double eps = wc.epsilon();
  auto room = [&](Index j) { return capacity[j] - a.load[j]; };
  improve(a, open, capacity);
  std::vector<std::vector<std::size_t>> members(wc.candidate_count());
  for (int round = 0; round < 50; ++round) {
    for (Index j : open) members[j].clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (a.of[i] != k_unassigned) members[a.of[i]].push_back(i);
    }
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      const Index from = a.of[i];
      const double old_cost = from == k_unassigned ? wc.penalty() : wc(i, from);
      double best_delta = -eps;
      Index best_b = k_unassigned, best_c = k_unassigned;
      std::size_t best_k = 0;
      for (Index b : open) {
        if (b == from || room(b) + k_capacity_tolerance >= m_demand[i]) continue;  // plain shifts: improve()
        const double into_b = wc(i, b) - old_cost;
        if (into_b >= wc.penalty()) continue;
        for (std::size_t k : members[b]) {
          if (room(b) + m_demand[k] + k_capacity_tolerance < m_demand[i]) continue;
          for (Index c : open) {
            if (c == b) continue;
            const double room_c = room(c) + (c == from ? m_demand[i] : 0.0);
            if (room_c + k_capacity_tolerance < m_demand[k]) continue;
            const double delta = into_b + wc(k, c) - wc(k, b);
            if (delta < best_delta) {
              best_delta = delta;
              best_b = b;
              best_c = c;
              best_k = k;
            }
          }
        }
      }
      if (best_b == k_unassigned) continue;
      // i: from -> b; k: b -> c.
      if (from == k_unassigned) {
        --a.unassigned;
      } else {
        a.load[from] -= m_demand[i];
        std::erase(members[from], i);
      }
      a.of[i] = best_b;
      a.load[best_b] += m_demand[i] - m_demand[best_k];
      a.of[best_k] = best_c;
      a.load[best_c] += m_demand[best_k];
      std::erase(members[best_b], best_k);
      members[best_b].push_back(i);
      members[best_c].push_back(best_k);
      changed = true;
    }
    improve(a, open, capacity);  // also re-adds the cost from scratch
    if (!changed) break;
  }
}

}  // namespace quhua::algorithms::facility::detail

namespace quhua::algorithms::facility::detail {

CapacitatedAssignment CapacitatedAssigner::round_transportation(const TransportationSolver& relaxation,
                                                                std::span<const Index> open,
                                                                std::span<const double> capacity) const {
  const WeightedCosts& wc = *m_costs;
  const std::size_t n = wc.demand_count();
  const std::size_t p = open.size();
  // Each demand to the site that holds most of it when it fits; the rest by regret.
  CapacitatedAssignment out;
  out.of.assign(n, k_unassigned);
  out.load.assign(wc.candidate_count(), 0.0);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto largest_share = [&](std::size_t i) {
    double best = 0;
    for (std::size_t k = 0; k < p; ++k) best = std::max(best, relaxation.share(i, k));
    return best;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return largest_share(a) > largest_share(b); });
  for (std::size_t i : order) {
    std::size_t best = p;
    for (std::size_t k = 0; k < p; ++k) {
      const double x = relaxation.share(i, k);
      if (x > k_capacity_tolerance && (best == p || x > relaxation.share(i, best))) best = k;
    }
    if (best == p) continue;
    const Index site = open[best];
    if (out.load[site] + m_demand[i] > capacity[site] + k_capacity_tolerance) continue;
    out.of[i] = site;
    out.load[site] += m_demand[i];
    out.cost += wc(i, site);
  }
  complete(out, open, capacity, false);
  polish(out, open, capacity);
  return out;
}

}  // namespace quhua::algorithms::facility::detail

namespace quhua::algorithms::facility::detail {

void CapacitatedAssigner::tabu_improve(CapacitatedAssignment& best, std::span<const Index> open,
                                       std::span<const double> capacity, std::size_t iterations,
                                       std::uint64_t seed) const {
  const WeightedCosts& wc = *m_costs;
  const std::size_t n = wc.demand_count();
  if (best.unassigned > 0 || open.size() < 2 || n < 2) return;
  const double eps = wc.epsilon();
  CapacitatedAssignment cur = best;
  double best_cost = best.cost;
  double total_demand = 0;
  for (std::size_t i = 0; i < n; ++i) total_demand += m_demand[i];
  double alpha = total_demand > 0 ? 2 * std::max(cur.cost, 1.0) / total_demand : 1.0;  // penalty per unit of overload
  auto over = [&](Index j, double load) { return std::max(0.0, load - capacity[j]); };
  // tabu_until[i * m + j]: iteration until which moving demand i (back) to site j is tabu.
  const std::size_t m = wc.candidate_count();
  std::vector<std::uint32_t> tabu_until(n * m, 0);
  std::uint64_t state = seed * 0x9E3779B97F4A7C15ULL + 1;
  auto tenure = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<std::uint32_t>(5 + state % (2 + n / 10));
  };
  for (std::uint32_t it = 1; it <= iterations; ++it) {
    double overload = 0;
    for (Index j : open) overload += over(j, cur.load[j]);
    // Best non-tabu move by penalised change: a shift (i -> j) or a swap (i <-> k).
    double best_delta = std::numeric_limits<double>::infinity();
    std::size_t mi = n, mk = n;
    Index mj = k_unassigned;
    for (std::size_t i = 0; i < n; ++i) {
      const Index a = cur.of[i];
      const double out_a = over(a, cur.load[a]) - over(a, cur.load[a] - m_demand[i]);
      for (Index j : open) {
        if (j == a) continue;
        const double delta_cost = wc(i, j) - wc(i, a);
        const double delta = delta_cost + alpha * (over(j, cur.load[j] + m_demand[i]) - over(j, cur.load[j]) - out_a);
        const bool tabu = tabu_until[i * m + j] >= it;
        // Aspiration: a tabu move is allowed when it reaches a feasible assignment better than any seen.
        const double overload_after = overload + over(j, cur.load[j] + m_demand[i]) - over(j, cur.load[j]) - out_a;
        const bool aspire = overload_after <= k_capacity_tolerance && cur.cost + delta_cost < best_cost - eps;
        if ((tabu && !aspire) || delta >= best_delta) continue;
        best_delta = delta;
        mi = i;
        mj = j;
        mk = n;
      }
      for (std::size_t k = i + 1; k < n; ++k) {
        const Index b = cur.of[k];
        if (b == a) continue;
        const double delta_cost = wc(i, b) + wc(k, a) - wc(i, a) - wc(k, b);
        if (delta_cost >= best_delta) continue;  // the penalty part cannot make up for it below
        const double la = cur.load[a] - m_demand[i] + m_demand[k], lb = cur.load[b] - m_demand[k] + m_demand[i];
        const double delta =
            delta_cost + alpha * (over(a, la) + over(b, lb) - over(a, cur.load[a]) - over(b, cur.load[b]));
        const bool tabu = tabu_until[i * m + b] >= it || tabu_until[k * m + a] >= it;
        if (tabu || delta >= best_delta) continue;
        best_delta = delta;
        mi = i;
        mk = k;
        mj = k_unassigned;
      }
    }
    if (mi == n) break;
    if (mk == n) {
      const Index a = cur.of[mi];
      cur.of[mi] = mj;
      cur.load[a] -= m_demand[mi];
      cur.load[mj] += m_demand[mi];
      cur.cost += wc(mi, mj) - wc(mi, a);
      tabu_until[mi * m + a] = it + tenure();
    } else {
      const Index a = cur.of[mi], b = cur.of[mk];
      cur.of[mi] = b;
      cur.of[mk] = a;
      cur.load[a] += m_demand[mk] - m_demand[mi];
      cur.load[b] += m_demand[mi] - m_demand[mk];
      cur.cost += wc(mi, b) + wc(mk, a) - wc(mi, a) - wc(mk, b);
      tabu_until[mi * m + a] = it + tenure();
      tabu_until[mk * m + b] = it + tenure();
    }
    double overload_now = 0;
    for (Index j : open) overload_now += over(j, cur.load[j]);
    const bool feasible = overload_now <= k_capacity_tolerance;
    // Strategic oscillation: a heavier penalty while infeasible, a lighter one while feasible.
    alpha *= feasible ? 0.9 : 1.15;
    if (feasible && cur.cost < best_cost - eps) {
      best_cost = cur.cost;
      best = cur;
    }
  }
  best.cost = 0;
  for (std::size_t i = 0; i < n; ++i) best.cost += wc(i, best.of[i]);
}

}  // namespace quhua::algorithms::facility::detail
