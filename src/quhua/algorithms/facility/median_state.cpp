#include "quhua/algorithms/facility/median_state.hpp"

#include <algorithm>
#include <cmath>

namespace quhua::algorithms::facility::detail {

WeightedCosts::WeightedCosts(const LocationProblem& problem)
    : m_n(problem.demand_count()), m_m(problem.candidate_count()), m_values(m_n * m_m) {
  double max_weighted = 0;
  for (std::size_t i = 0; i < m_n; ++i) {
    const double w = problem.weight_of(i);
    const auto row = problem.cost.row(i);
    for (std::size_t j = 0; j < m_m; ++j) {
      if (std::isfinite(row[j])) max_weighted = std::max(max_weighted, w * row[j]);
    }
  }
  // Larger than any total of reachable costs, so a solution that leaves a demand unserved always
  // loses to one that serves it; small enough that sums of a few penalties stay exact in a double.
  m_penalty = (max_weighted + 1.0) * static_cast<double>(m_n + 1);
  m_epsilon = 1e-10 * std::max(1.0, max_weighted) * static_cast<double>(std::max<std::size_t>(m_n, 1));
  for (std::size_t i = 0; i < m_n; ++i) {
    const double w = problem.weight_of(i);
    const auto row = problem.cost.row(i);
    for (std::size_t j = 0; j < m_m; ++j) {
      m_values[j * m_n + i] = std::isfinite(row[j]) ? w * row[j] : (w > 0 ? m_penalty : 0.0);
    }
  }
}

MedianState::MedianState(const WeightedCosts& costs)
    : m_costs(&costs),
      m_position(costs.candidate_count(), k_unassigned),
      m_near1(costs.demand_count(), k_unassigned),
      m_near2(costs.demand_count(), k_unassigned),
      m_d1(costs.demand_count(), costs.penalty()),
      m_d2(costs.demand_count(), costs.penalty()) {
  m_objective = costs.penalty() * static_cast<double>(costs.demand_count());
}

void MedianState::recompute(std::size_t i) {
  const WeightedCosts& c = *m_costs;
  Index n1 = k_unassigned, n2 = k_unassigned;
  double d1 = c.penalty(), d2 = c.penalty();
  for (Index j : m_open) {
    const double d = c(i, j);
    if (n1 == k_unassigned || d < d1 || (d == d1 && j < n1)) {
      n2 = n1;
      d2 = d1;
      n1 = j;
      d1 = d;
    } else if (n2 == k_unassigned || d < d2 || (d == d2 && j < n2)) {
      n2 = j;
      d2 = d;
    }
  }
  m_near1[i] = n1;
  m_near2[i] = n2;
  m_d1[i] = d1;
  m_d2[i] = d2;
}

void MedianState::reset(std::span<const Index> open) {
  for (Index j : m_open) m_position[j] = k_unassigned;
  m_open.assign(open.begin(), open.end());
  for (std::size_t k = 0; k < m_open.size(); ++k) m_position[m_open[k]] = static_cast<Index>(k);
  m_objective = 0;
  for (std::size_t i = 0; i < m_d1.size(); ++i) {
    recompute(i);
    m_objective += m_d1[i];
  }
}

void MedianState::add(Index candidate) {
  m_position[candidate] = static_cast<Index>(m_open.size());
  m_open.push_back(candidate);
  const auto column = m_costs->column(candidate);
  m_objective = 0;
  for (std::size_t i = 0; i < m_d1.size(); ++i) {
    const double d = column[i];
    if (m_near1[i] == k_unassigned || d < m_d1[i]) {
      m_near2[i] = m_near1[i];
      m_d2[i] = m_d1[i];
      m_near1[i] = candidate;
      m_d1[i] = d;
    } else if (m_near2[i] == k_unassigned || d < m_d2[i]) {
      m_near2[i] = candidate;
      m_d2[i] = d;
    }
    m_objective += m_d1[i];
  }
}

void MedianState::remove(Index candidate) {
  const Index pos = m_position[candidate];
  m_position[candidate] = k_unassigned;
  m_open[pos] = m_open.back();
  m_open.pop_back();
  if (pos < m_open.size()) m_position[m_open[pos]] = pos;
  m_objective = 0;
  for (std::size_t i = 0; i < m_d1.size(); ++i) {
    if (m_near1[i] == candidate || m_near2[i] == candidate) recompute(i);
    m_objective += m_d1[i];
  }
}

void MedianState::swap(Index in, Index out) {
  const Index pos = m_position[out];
  m_position[out] = k_unassigned;
  m_open[pos] = in;
  m_position[in] = pos;
  const auto column = m_costs->column(in);
  m_objective = 0;
  for (std::size_t i = 0; i < m_d1.size(); ++i) {
    if (m_near1[i] == out || m_near2[i] == out) {
      recompute(i);
    } else {
      const double d = column[i];
      if (d < m_d1[i]) {
        m_near2[i] = m_near1[i];
        m_d2[i] = m_d1[i];
        m_near1[i] = in;
        m_d1[i] = d;
      } else if (d < m_d2[i]) {
        m_near2[i] = in;
        m_d2[i] = d;
      }
    }
    m_objective += m_d1[i];
  }
}

double MedianState::add_delta(Index candidate) const {
  const auto column = m_costs->column(candidate);
  double delta = 0;
  for (std::size_t i = 0; i < m_d1.size(); ++i) delta += std::min(0.0, column[i] - m_d1[i]);
  return delta;
}

Index MedianState::best_add(std::span<const std::uint8_t> can_insert, double* delta) const {
  Index best = k_unassigned;
  double best_delta = 0;
  for (Index j = 0; j < m_position.size(); ++j) {
    if (!can_insert[j] || is_open(j)) continue;
    const double d = add_delta(j);
    if (best == k_unassigned || d < best_delta) {
      best = j;
      best_delta = d;
    }
  }
  if (delta) *delta = best_delta;
  return best;
}

Swap MedianState::best_swap(std::span<const std::uint8_t> can_insert, std::span<const std::uint8_t> can_remove) const {
  const std::size_t p = m_open.size();
  const std::size_t n = m_d1.size();
  Swap best;
  if (p == 0) return best;
  // loss[k]: objective increase if m_open[k] closes with nothing opened (each of its demands falls
  // back to its second nearest).
  std::vector<double> base(p, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    if (m_near1[i] != k_unassigned) base[m_position[m_near1[i]]] += m_d2[i] - m_d1[i];
  }
  m_loss.resize(p);
  for (Index f = 0; f < m_position.size(); ++f) {
    if (!can_insert[f] || is_open(f)) continue;
    std::copy(base.begin(), base.end(), m_loss.begin());
    const auto column = m_costs->column(f);
    double gain = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double d = column[i];
      if (d < m_d1[i]) {
        // i moves to f whatever closes; closing its nearest no longer costs the fallback.
        gain += m_d1[i] - d;
        m_loss[m_position[m_near1[i]]] -= m_d2[i] - m_d1[i];
      } else if (d < m_d2[i]) {
        // if its nearest closes, i falls back to f instead of its second nearest.
        m_loss[m_position[m_near1[i]]] -= m_d2[i] - d;
      }
    }
    for (std::size_t k = 0; k < p; ++k) {
      const Index r = m_open[k];
      if (!can_remove[r]) continue;
      const double delta = m_loss[k] - gain;
      if (!best.valid() || delta < best.delta ||
          (delta == best.delta && (f < best.in || (f == best.in && r < best.out)))) {
        best = {f, r, delta};
      }
    }
  }
  return best;
}

}  // namespace quhua::algorithms::facility::detail
