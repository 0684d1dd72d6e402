#include "quhua/algorithms/facility/transportation.hpp"

#include <algorithm>
#include <limits>

namespace quhua::algorithms::facility::detail {
namespace {

constexpr double k_inf = std::numeric_limits<double>::infinity();
constexpr double k_flow_tolerance = 1e-9;

}  // namespace

TransportationSolver::TransportationSolver(const WeightedCosts& costs, std::span<const double> demand)
    : m_costs(&costs), m_demand(demand) {}

double TransportationSolver::solve(std::span<const Index> open, std::span<const double> capacity) {
  const WeightedCosts& wc = *m_costs;
  const std::size_t n = wc.demand_count();
  const std::size_t p = open.size();
  m_p = p;
  m_value = 0;
  m_unrouted = 0;
  m_augmentations = 0;
  m_unit.assign(n * p, k_inf);
  m_flow.assign(n * p, 0.0);
  m_share.assign(n * p, 0.0);
  m_supply.assign(n, 0.0);
  m_room.resize(p);
  for (std::size_t k = 0; k < p; ++k) {
    m_room[k] = capacity[open[k]];
    const auto column = wc.column(open[k]);
    for (std::size_t i = 0; i < n; ++i) {
      if (column[i] >= wc.penalty()) continue;
      m_unit[i * p + k] = m_demand[i] > 0 ? column[i] / m_demand[i] : column[i];
    }
  }
  double penalties = 0;
  // Start: every demand at its cheapest site as far as there is room. Each unit then sits at its
  // demand's cheapest site, so every residual cycle costs >= 0: a minimum-cost flow for its value.
  for (std::size_t i = 0; i < n; ++i) {
    const double* unit = &m_unit[i * p];
    std::size_t best = p;
    for (std::size_t k = 0; k < p; ++k) {
      if (unit[k] < k_inf && (best == p || unit[k] < unit[best])) best = k;
    }
    if (best == p) {  // no open site reaches it (or none is open)
      m_unrouted += std::max(m_demand[i], 0.0);
      penalties += wc.penalty();
      continue;
    }
    if (m_demand[i] <= 0) {
      m_share[i * p + best] = 1;
      m_value += unit[best];
      continue;
    }
    const double amount = std::min(m_demand[i], std::max(0.0, m_room[best]));
    m_flow[i * p + best] = amount;
    m_room[best] -= amount;
    m_supply[i] = m_demand[i] - amount;
  }

  m_arc.resize(p * p);
  m_via.resize(p * p);
  m_dist.resize(p);
  m_source_dist.resize(p);
  m_source.resize(p);
  m_pred.resize(p);
  for (std::size_t guard = 0; guard < 4 * (n + p) + 16; ++guard) {
    // Entry arcs: from the demands with units left to every site.
    std::fill(m_source_dist.begin(), m_source_dist.end(), k_inf);
    bool any = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (m_supply[i] <= k_flow_tolerance) continue;
      any = true;
      const double* unit = &m_unit[i * p];
      for (std::size_t l = 0; l < p; ++l) {
        if (unit[l] < m_source_dist[l]) {
          m_source_dist[l] = unit[l];
          m_source[l] = i;
        }
      }
    }
    if (!any) break;
    // Site-to-site arcs: the cheapest demand at k to move on to l.
    std::fill(m_arc.begin(), m_arc.end(), k_inf);
    for (std::size_t j = 0; j < n; ++j) {
      const double* unit = &m_unit[j * p];
      const double* flow = &m_flow[j * p];
      for (std::size_t k = 0; k < p; ++k) {
        if (flow[k] <= k_flow_tolerance) continue;
        double* arc = &m_arc[k * p];
        std::size_t* via = &m_via[k * p];
        for (std::size_t l = 0; l < p; ++l) {
          const double d = unit[l] - unit[k];
          if (l != k && d < arc[l]) {
            arc[l] = d;
            via[l] = j;
          }
        }
      }
    }
    // Bellman-Ford over the sites (arcs may be negative; no negative cycle in a minimum-cost flow).
    std::copy(m_source_dist.begin(), m_source_dist.end(), m_dist.begin());
    std::fill(m_pred.begin(), m_pred.end(), p);
    for (std::size_t round = 0; round < p; ++round) {
      bool changed = false;
      for (std::size_t k = 0; k < p; ++k) {
        if (m_dist[k] == k_inf) continue;
        const double* arc = &m_arc[k * p];
        for (std::size_t l = 0; l < p; ++l) {
          const double d = m_dist[k] + arc[l];
          if (d < m_dist[l] - 1e-12) {
            m_dist[l] = d;
            m_pred[l] = k;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    std::size_t end = p;
    for (std::size_t l = 0; l < p; ++l) {
      if (m_room[l] > k_flow_tolerance && m_dist[l] < k_inf && (end == p || m_dist[l] < m_dist[end])) end = l;
    }
    if (end == p) break;  // no room reachable: the rest fits nowhere
    // The path back from `end` to its entry site; the bottleneck over room, moved flows and supply.
    double amount = m_room[end];
    std::size_t l = end, steps = 0;
    for (; m_pred[l] != p && steps <= p; ++steps) {
      const std::size_t k = m_pred[l];
      amount = std::min(amount, m_flow[m_via[k * p + l] * p + k]);
      l = k;
    }
    if (steps > p) break;  // rounding made a cycle: stop with the flow so far (still feasible)
    const std::size_t source = m_source[l];
    amount = std::min(amount, m_supply[source]);
    m_flow[source * p + l] += amount;
    m_supply[source] -= amount;
    m_room[end] -= amount;
    for (l = end; m_pred[l] != p;) {
      const std::size_t k = m_pred[l];
      const std::size_t j = m_via[k * p + l];
      m_flow[j * p + k] -= amount;
      m_flow[j * p + l] += amount;
      l = k;
    }
    ++m_augmentations;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (m_demand[i] <= 0) continue;
    for (std::size_t k = 0; k < p; ++k) {
      const double x = m_flow[i * p + k];
      if (x <= k_flow_tolerance) continue;
      m_share[i * p + k] = x / m_demand[i];
      m_value += x * m_unit[i * p + k];
    }
    if (m_supply[i] > k_flow_tolerance) {
      m_unrouted += m_supply[i];
      penalties += wc.penalty() * m_supply[i] / m_demand[i];
    }
  }
  return m_value + penalties;
}

}  // namespace quhua::algorithms::facility::detail
