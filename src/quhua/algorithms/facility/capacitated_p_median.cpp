#include "quhua/algorithms/facility/capacitated_p_median.hpp"

#include "quhua/algorithms/facility/capacitated_assignment.hpp"
#include "quhua/algorithms/facility/median_state.hpp"
#include "quhua/algorithms/facility/p_median.hpp"
#include "quhua/algorithms/facility/search_support.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace quhua::algorithms::facility {
namespace {

using detail::CapacitatedAssigner;
using detail::CapacitatedAssignment;
using detail::WeightedCosts;

constexpr std::size_t k_lagrangian_iterations = 800;
constexpr double k_intensify_band = 0.01;
constexpr std::size_t k_intensify_iterations = 800;
// Exact knapsack by dynamic programming while items x capacity stays below this; beyond it the
// linear relaxation (a weaker but still valid bound) is used.
constexpr double k_knapsack_table_limit = 4e6;

/// The Lagrangian dual with the assignment constraints relaxed: for multipliers lambda each candidate
/// j solves a 0-1 knapsack max sum_i (lambda_i - wc_ij) x_ij s.t. sum_i d_i x_ij <= Q_j; the p
/// candidates with the largest knapsack values open.
class CapacitatedLagrangian {
 public:
  CapacitatedLagrangian(const CapacitatedProblem& problem, const WeightedCosts& costs,
                        const std::vector<double>& demand, std::size_t p)
      : m_problem(problem), m_costs(costs), m_demand(demand), m_p(p), m_lambda(costs.demand_count(), 0.0) {}

  void start_from(const CapacitatedAssignment& a) {
    for (std::size_t i = 0; i < m_lambda.size(); ++i) {
      m_lambda[i] = a.of[i] == k_unassigned ? 0.0 : m_costs(i, a.of[i]);
    }
  }

  double run(double upper_bound, std::size_t iterations, bool integral, RunControl& control) {
    const std::size_t n = m_costs.demand_count();
    const std::size_t m = m_costs.candidate_count();
    const LocationProblem& location = m_problem.location;
    std::vector<double> rho(m, 0.0);
    std::vector<std::vector<std::pair<std::size_t, double>>> chosen(m);  // (demand, x) per candidate
    std::vector<Index> free_candidates;
    for (Index j = 0; j < m; ++j) {
      if (!location.is_fixed(j) && !location.is_excluded(j)) free_candidates.push_back(j);
    }
    const std::size_t free_slots = m_p - location.fixed_count();
    std::vector<double> gradient(n);
    std::size_t since_improvement = 0;
    for (std::size_t it = 0; it < iterations && m_theta > 1e-4; ++it) {
      if ((it & 7) == 0 && control.should_stop()) break;
      double value = std::accumulate(m_lambda.begin(), m_lambda.end(), 0.0);
      for (Index j = 0; j < m; ++j) {
        rho[j] = location.is_excluded(j) ? 0.0 : -knapsack(j, chosen[j]);
      }
      std::vector<Index> selected;
      for (Index j = 0; j < m; ++j) {
        if (location.is_fixed(j)) selected.push_back(j);
      }
      if (free_slots > 0) {
        std::nth_element(free_candidates.begin(), free_candidates.begin() + static_cast<std::ptrdiff_t>(free_slots - 1),
                         free_candidates.end(),
                         [&](Index a, Index b) { return rho[a] < rho[b] || (rho[a] == rho[b] && a < b); });
        selected.insert(selected.end(), free_candidates.begin(),
                        free_candidates.begin() + static_cast<std::ptrdiff_t>(free_slots));
      }
      for (Index j : selected) value += rho[j];
      if (value > m_best + m_costs.epsilon()) {
        m_best = value;
        since_improvement = 0;
      } else if (++since_improvement >= 20) {
        m_theta *= 0.5;
        since_improvement = 0;
      }
      const double target = integral ? std::ceil(m_best - 1e-6) : m_best;
      if (target >= upper_bound - m_costs.epsilon()) break;
      std::fill(gradient.begin(), gradient.end(), 1.0);
      for (Index j : selected) {
        for (const auto& [i, x] : chosen[j]) gradient[i] -= x;
      }
      double norm = 0;
      for (double g : gradient) norm += g * g;
      if (norm < 1e-12) break;
      const double step = m_theta * (upper_bound - value) / norm;
      for (std::size_t i = 0; i < n; ++i) m_lambda[i] = std::max(0.0, m_lambda[i] + step * gradient[i]);
    }
    return m_best;
  }

 private:
  /// Best knapsack value for candidate j under the current multipliers; `chosen` gets (demand, x).
  double knapsack(Index j, std::vector<std::pair<std::size_t, double>>& chosen) {
    chosen.clear();
    m_items.clear();
    double value = 0;
    bool integral = std::floor(m_problem.capacity[j]) == m_problem.capacity[j];
    for (std::size_t i = 0; i < m_lambda.size(); ++i) {
      const double profit = m_lambda[i] - m_costs(i, j);
      if (profit <= 0) continue;
      if (m_demand[i] <= 0) {
        value += profit;  // free to take
        chosen.emplace_back(i, 1.0);
        continue;
      }
      if (m_demand[i] > m_problem.capacity[j]) continue;
      integral = integral && std::floor(m_demand[i]) == m_demand[i];
      m_items.push_back({i, profit, m_demand[i]});
    }
    if (m_items.empty()) return value;
    const double capacity = m_problem.capacity[j];
    if (integral && static_cast<double>(m_items.size()) * (capacity + 1) <= k_knapsack_table_limit) {
      const auto cap = static_cast<std::size_t>(capacity);
      const std::size_t k = m_items.size();
      m_table.assign(cap + 1, 0.0);
      m_take.assign(k * (cap + 1), 0);
      for (std::size_t t = 0; t < k; ++t) {
        const auto w = static_cast<std::size_t>(m_items[t].weight);
        for (std::size_t c = cap; c >= w; --c) {
          const double with = m_table[c - w] + m_items[t].profit;
          if (with > m_table[c]) {
            m_table[c] = with;
            m_take[t * (cap + 1) + c] = 1;
          }
          if (c == 0) break;
        }
      }
      std::size_t c = cap;
      for (std::size_t t = k; t-- > 0;) {
        if (m_take[t * (cap + 1) + c]) {
          chosen.emplace_back(m_items[t].demand, 1.0);
          c -= static_cast<std::size_t>(m_items[t].weight);
        }
      }
      return value + m_table[cap];
    }
    // Linear relaxation (Dantzig): by profit per unit of demand, the last item in part.
    std::sort(m_items.begin(), m_items.end(), [](const Item& a, const Item& b) {
      return a.profit * b.weight > b.profit * a.weight ||
             (a.profit * b.weight == b.profit * a.weight && a.demand < b.demand);
    });
    double room = capacity;
    for (const Item& item : m_items) {
      if (room <= 0) break;
      const double x = std::min(1.0, room / item.weight);
      value += x * item.profit;
      room -= x * item.weight;
      chosen.emplace_back(item.demand, x);
    }
    return value;
  }

  struct Item {
    std::size_t demand;
    double profit;
    double weight;
  };
  const CapacitatedProblem& m_problem;
  const WeightedCosts& m_costs;
  const std::vector<double>& m_demand;
  std::size_t m_p;
  std::vector<double> m_lambda;
  std::vector<Item> m_items;
  std::vector<double> m_table;
  std::vector<std::uint8_t> m_take;
  double m_best = -std::numeric_limits<double>::infinity();
  double m_theta = 2.0;
};

struct Incumbent {
  std::vector<Index> open;
  CapacitatedAssignment assignment;
  double value = 0;  // penalised cost
};

class CapacitatedSearch {
 public:
  CapacitatedSearch(const CapacitatedProblem& problem, const WeightedCosts& costs, const std::vector<double>& demand,
                    std::size_t neighbours)
      : m_problem(problem), m_costs(costs), m_assigner(costs, demand), m_neighbours(neighbours) {}

  Incumbent evaluate(std::vector<Index> open) const {
    Incumbent out;
    out.assignment = m_assigner.assign(open, m_problem.capacity, true);
    out.value = out.assignment.penalised(m_costs.penalty());
    out.open = std::move(open);
    return out;
  }

  /// `inc` with the median at `pos` replaced by `in`, re-placing only the demands it served first.
  Incumbent exchange(const Incumbent& inc, std::size_t pos, Index in) const {
    Incumbent out;
    out.open = inc.open;
    out.open[pos] = in;
    out.assignment = m_assigner.exchange(inc.assignment, out.open, inc.open[pos], m_problem.capacity);
    out.value = out.assignment.penalised(m_costs.penalty());
    return out;
  }

  /// Tabu search on the assignment of a promising incumbent (the median set kept).
  void intensify(Incumbent& inc, std::size_t iterations, std::uint64_t seed) const {
    m_assigner.tabu_improve(inc.assignment, inc.open, m_problem.capacity, iterations, seed);
    inc.value = inc.assignment.penalised(m_costs.penalty());
  }

  /// Deeper assignment descent (ejection chains) on an incumbent.
  void polish(Incumbent& inc) const {
    m_assigner.polish(inc.assignment, inc.open, m_problem.capacity);
    inc.value = inc.assignment.penalised(m_costs.penalty());
    auto other = m_assigner.assign_by_transportation(inc.open, m_problem.capacity);
    const double value = other.penalised(m_costs.penalty());
    if (value < inc.value - m_costs.epsilon()) {
      inc.assignment = std::move(other);
      inc.value = value;
    }
  }

  /// Candidates to try in place of open `r`: the closed ones cheapest for the demands r serves
  /// (re-centring its cluster), or for all demands' current costs when r serves none.
  std::vector<Index> neighbours_of(Index r, const Incumbent& inc) const {
    const LocationProblem& location = m_problem.location;
    const std::size_t n = m_costs.demand_count();
    std::vector<std::size_t> cluster;
    for (std::size_t i = 0; i < n; ++i) {
      if (inc.assignment.of[i] == r) cluster.push_back(i);
    }
    std::vector<std::pair<double, Index>> scored;
    for (Index f = 0; f < m_costs.candidate_count(); ++f) {
      if (location.is_excluded(f) || m_problem.capacity[f] <= 0 ||
          std::find(inc.open.begin(), inc.open.end(), f) != inc.open.end()) {
        continue;
      }
      double score = 0;
      if (!cluster.empty()) {
        for (std::size_t i : cluster) score += m_costs(i, f);
      } else {
        for (std::size_t i = 0; i < n; ++i) {
          const Index a = inc.assignment.of[i];
          score += std::min(0.0, m_costs(i, f) - (a == k_unassigned ? m_costs.penalty() : m_costs(i, a)));
        }
      }
      scored.emplace_back(score, f);
    }
    const std::size_t k = std::min(m_neighbours, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(k), scored.end());
    std::vector<Index> out;
    for (std::size_t t = 0; t < k; ++t) out.push_back(scored[t].second);
    return out;
  }

  /// First-improvement descent over (median, neighbour) swaps, then a polish of the assignment;
  /// repeated while the polish finds more.
  void descend(Incumbent& inc, RunControl& control) const {
    const double eps = m_costs.epsilon();
    for (;;) {
      for (bool improved = true; improved;) {
        improved = false;
        for (std::size_t pos = 0; pos < inc.open.size(); ++pos) {
          if (control.should_stop()) return;
          const Index r = inc.open[pos];
          if (m_problem.location.is_fixed(r)) continue;
          for (Index f : neighbours_of(r, inc)) {
            auto trial = exchange(inc, pos, f);
            if (trial.value < inc.value - eps) {
              inc = std::move(trial);
              improved = true;
              break;
            }
          }
        }
      }
      const double before = inc.value;
      polish(inc);
      if (inc.value >= before - eps) return;
    }
  }

 private:
  const CapacitatedProblem& m_problem;
  const WeightedCosts& m_costs;
  CapacitatedAssigner m_assigner;
  std::size_t m_neighbours;
};

}  // namespace

std::vector<double> CapacitatedProblem::demands() const {
  std::vector<double> out(location.demand_count());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = demand_of(i);
  return out;
}

void CapacitatedProblem::validate() const {
  location.validate();
  if (!demand.empty() && demand.size() != location.demand_count()) {
    throw UsageError("capacitated problem: " + std::to_string(demand.size()) + " demands for " +
                     std::to_string(location.demand_count()) + " demand points");
  }
  if (capacity.size() != location.candidate_count()) {
    throw UsageError("capacitated problem: " + std::to_string(capacity.size()) + " capacities for " +
                     std::to_string(location.candidate_count()) + " candidates");
  }
  for (double d : demand) {
    if (!(d >= 0) || !std::isfinite(d)) throw UsageError("capacitated problem: a demand is negative or invalid");
  }
  for (double q : capacity) {
    if (!(q >= 0) || std::isnan(q)) throw UsageError("capacitated problem: a capacity is negative or invalid");
  }
}

void CapacitatedPMedianOptions::validate(const CapacitatedProblem& problem) const {
  PMedianOptions base;
  base.p = p;
  base.validate(problem.location);
}

LocationResult solve_capacitated_p_median(const CapacitatedProblem& problem, const CapacitatedPMedianOptions& options,
                                          RunControl& control) {
  problem.validate();
  options.validate(problem);
  const LocationProblem& location = problem.location;
  const WeightedCosts costs(location);
  const std::vector<double> demand = problem.demands();
  const bool integral = has_integral_data(location);
  const double eps = costs.epsilon();
  CapacitatedSearch search(problem, costs, demand, std::max<std::size_t>(1, options.neighbours));

  // Start from the uncapacitated p-median solution, then make it fit.
  PMedianOptions start_options;
  start_options.p = options.p;
  start_options.seed = options.seed;
  start_options.lagrangian_bound = false;
  start_options.max_shakes_without_improvement = 20;
  const auto start = solve_p_median(location, start_options, control);
  Incumbent best = search.evaluate(start.open);
  search.descend(best, control);
  search.intensify(best, k_intensify_iterations, options.seed);

  LocationResult result;
  result.method = "regret assignment + median swap descent + VNS";
  std::optional<CapacitatedLagrangian> dual;
  double lower = -std::numeric_limits<double>::infinity();
  const std::size_t lr_iterations =
      options.lagrangian_iterations > 0 ? options.lagrangian_iterations : k_lagrangian_iterations;
  auto proven = [&] {
    if (!dual || best.assignment.unassigned > 0) return false;
    return (integral ? std::ceil(lower - 1e-6) : lower) >= best.value - eps;
  };
  if (options.lagrangian_bound && best.assignment.unassigned == 0) {
    dual.emplace(problem, costs, demand, options.p);
    dual->start_from(best.assignment);
    lower = dual->run(best.value, lr_iterations, integral, control);
    result.method += "; Lagrangian bound";
  }

  std::vector<std::uint8_t> can_remove(location.candidate_count()), can_insert(location.candidate_count());
  for (Index j = 0; j < location.candidate_count(); ++j) {
    can_remove[j] = location.is_fixed(j) ? 0 : 1;
    can_insert[j] = (location.is_excluded(j) || problem.capacity[j] <= 0) ? 0 : 1;
  }
  const std::size_t free_open = options.p - location.fixed_count();
  const std::size_t k_max = std::max<std::size_t>(1, std::min<std::size_t>(free_open, 5));
  const std::size_t patience = options.max_shakes_without_improvement > 0 ? options.max_shakes_without_improvement
                                                                          : std::max<std::size_t>(30, 3 * options.p);
  const std::size_t cap = options.max_shakes > 0 ? options.max_shakes : 10 * patience;
  Rng rng(options.seed);
  std::size_t k = 1, idle = 0, shakes = 0;
  while (free_open > 0 && !proven() && idle < patience && shakes < cap) {
    if (control.should_stop()) {
      result.stopped_early = true;
      break;
    }
    ++shakes;
    auto open = best.open;
    for (std::size_t s = 0; s < k; ++s) {
      const Index out = detail::random_member(open, can_remove, rng);
      const Index in = detail::random_closed(
          can_insert, [&](Index j) { return std::find(open.begin(), open.end(), j) != open.end(); }, rng);
      if (out == k_unassigned || in == k_unassigned) break;
      *std::find(open.begin(), open.end(), out) = in;
    }
    Incumbent trial = search.evaluate(std::move(open));
    search.descend(trial, control);
    // Median sets within 1% of the best get a tabu search on their assignment: tight capacities
    // make the assignment, not the medians, the hard part (pmedcap1-15: descent 1096, tabu 1091).
    if (trial.value < best.value * (1 + k_intensify_band))
      search.intensify(trial, k_intensify_iterations, options.seed + shakes);
    if (trial.value < best.value - eps) {
      best = std::move(trial);
      k = 1;
      idle = 0;
    } else {
      k = k % k_max + 1;
      ++idle;
    }
  }
  if (dual && !proven() && !result.stopped_early && best.assignment.unassigned == 0) {
    lower = dual->run(best.value, lr_iterations, integral, control);
  }

  result.open = best.open;
  std::sort(result.open.begin(), result.open.end());
  result.assignment = best.assignment.of;
  result.unassigned_demands = best.assignment.unassigned;
  result.objective = 0;
  for (std::size_t i = 0; i < location.demand_count(); ++i) {
    const Index j = result.assignment[i];
    if (j != k_unassigned) result.objective += location.weight_of(i) * location.cost(i, j);
  }
  result.iterations = shakes;
  if (dual && result.unassigned_demands == 0) {
    result.bound = lower;
    set_gap(result, true, integral, 1e-9);
  }
  return result;
}

}  // namespace quhua::algorithms::facility
