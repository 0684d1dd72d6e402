#include "quhua/algorithms/facility/capacitated_p_median.hpp"

#include "quhua/algorithms/facility/capacitated_assignment.hpp"
#include "quhua/algorithms/facility/median_state.hpp"
#include "quhua/algorithms/facility/p_median.hpp"
#include "quhua/algorithms/facility/search_support.hpp"
#include "quhua/algorithms/facility/transportation.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <unordered_map>

namespace quhua::algorithms::facility {
namespace {

using detail::CapacitatedAssigner;
using detail::CapacitatedAssignment;
using detail::TransportationSolver;
using detail::WeightedCosts;

constexpr std::size_t k_lagrangian_iterations = 800;
// Median sets kept for integer assignment (the best by relaxation seen so far).
constexpr std::size_t k_pool_size = 24;
// After the search, the best few sets by relaxation get a tabu search on their assignment: the
// relaxation ranks sets well but not exactly (pmedcap1-15's optimal set is 4th by relaxation, where
// rounding gives 1096 and 2,000 tabu iterations 1091). Tabu search on every local optimum instead
// found nothing more on pmedcap1 and doubled the time.
constexpr std::size_t k_tabu_sets = 6;
constexpr std::size_t k_tabu_iterations = 2000;
// Relaxation values remembered by median set (the descents revisit sets often); cleared when full.
constexpr std::size_t k_relaxation_cache_limit = 1 << 16;
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
  double value = std::numeric_limits<double>::infinity();  // penalised cost
};

/// Median sets by their transportation-relaxation value: the best few distinct sets seen, each a
/// candidate for an integer assignment while its relaxation stays below the incumbent.
class ElitePool {
 public:
  explicit ElitePool(std::size_t size) : m_size(size) {}

  void offer(const std::vector<Index>& open, double relaxed) {
    if (m_entries.size() >= m_size && relaxed >= m_entries.back().relaxed) return;
    std::vector<Index> sorted = open;
    std::sort(sorted.begin(), sorted.end());
    for (const auto& e : m_entries) {
      if (e.open == sorted) return;
    }
    Entry entry{std::move(sorted), relaxed};
    const auto at = std::upper_bound(m_entries.begin(), m_entries.end(), relaxed,
                                     [](double v, const Entry& e) { return v < e.relaxed; });
    m_entries.insert(at, std::move(entry));
    if (m_entries.size() > m_size) m_entries.pop_back();
  }

  struct Entry {
    std::vector<Index> open;  // ascending
    double relaxed = 0;
  };
  const std::vector<Entry>& entries() const { return m_entries; }

 private:
  std::size_t m_size;
  std::vector<Entry> m_entries;  // by relaxed value, ascending
};

/// The median search. Median sets are compared by their transportation relaxation (an exact
/// minimum-cost flow, the lower bound of every single-source assignment to them), which ranks them
/// far more faithfully than a greedy assignment; integer assignments are built only for sets whose
/// relaxation could still beat the incumbent (rounding, ejection chains, then tabu search).
class CapacitatedSearch {
 public:
  CapacitatedSearch(const CapacitatedProblem& problem, const WeightedCosts& costs, const std::vector<double>& demand,
                    std::size_t neighbours, bool integral)
      : m_problem(problem),
        m_costs(costs),
        m_assigner(costs, demand),
        m_relaxation(costs, demand),
        m_neighbours(neighbours),
        m_integral(integral) {}

  /// Solves the relaxation over `open`, leaving its flow in the solver (for shares and rounding).
  double solve(std::span<const Index> open) { return m_relaxation.solve(open, m_problem.capacity); }

  /// The relaxation value of `open`, remembered by set.
  double relaxed(const std::vector<Index>& open) {
    m_key.assign(open.begin(), open.end());
    std::sort(m_key.begin(), m_key.end());
    if (const auto it = m_cache.find(m_key); it != m_cache.end()) return it->second;
    if (m_cache.size() >= k_relaxation_cache_limit) m_cache.clear();
    const double value = solve(open);
    m_cache.emplace(m_key, value);
    return value;
  }

  /// The least integer value a set with this relaxation could reach.
  double floor_of(double value) const { return m_integral ? std::ceil(value - 1e-6) : value; }

  /// First-improvement descent over (median, neighbour) swaps by relaxation value, the scan resuming
  /// after the last improving position. Every set tried goes to the pool. Returns the relaxation
  /// value of the local optimum `open` ends at.
  double descend(std::vector<Index>& open, ElitePool& pool, RunControl& control) {
    const double eps = m_costs.epsilon();
    double value = solve(open);
    pool.offer(open, value);
    std::vector<Index> trial;
    std::size_t start = 0;
    for (bool improved = true; improved;) {
      improved = false;
      const auto candidates = neighbour_lists(open);  // from the relaxation of `open`, solved last
      for (std::size_t step = 0; step < open.size() && !improved; ++step) {
        if (control.should_stop()) return value;
        const std::size_t pos = (start + step) % open.size();
        for (Index f : candidates[pos]) {
          trial = open;
          trial[pos] = f;
          const double v = relaxed(trial);
          pool.offer(trial, v);
          if (v < value - eps) {
            open = trial;
            value = v;
            start = pos + 1;
            improved = true;
            solve(open);  // the next neighbour lists read its flow
            break;
          }
        }
      }
    }
    return value;
  }

  /// An integer assignment to `open`: the relaxation rounded and polished, then (while above what
  /// the relaxation allows) `tabu_iterations` of tabu search. Becomes the incumbent when better.
  void try_integer(const std::vector<Index>& open, double relaxed_value, Incumbent& best, std::uint64_t seed,
                   std::size_t tabu_iterations) {
    const double eps = m_costs.epsilon();
    if (floor_of(relaxed_value) >= best.value - eps) return;
    solve(open);
    Incumbent trial;
    trial.open = open;
    trial.assignment = m_assigner.round_transportation(m_relaxation, open, m_problem.capacity);
    trial.value = trial.assignment.penalised(m_costs.penalty());
    if (tabu_iterations > 0 && trial.value > floor_of(relaxed_value) + eps && trial.assignment.unassigned == 0) {
      m_assigner.tabu_improve(trial.assignment, open, m_problem.capacity, tabu_iterations, seed);
      trial.value = trial.assignment.penalised(m_costs.penalty());
    }
    if (trial.value < best.value - eps) best = std::move(trial);
  }

  /// Integer assignments for the pool's sets whose relaxation is below the incumbent, in order of
  /// relaxation: the first `deep` with tabu search, the rest rounded only.
  void harvest(const ElitePool& pool, Incumbent& best, std::uint64_t seed, std::size_t deep, RunControl& control) {
    std::size_t rank = 0;
    for (const auto& entry : pool.entries()) {
      if (floor_of(entry.relaxed) >= best.value - m_costs.epsilon()) break;  // sorted: none further can
      if (control.should_stop()) break;
      try_integer(entry.open, entry.relaxed, best, seed, rank++ < deep ? k_tabu_iterations : 0);
    }
  }

 private:
  struct SetHash {
    std::size_t operator()(const std::vector<Index>& set) const noexcept {
      std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the (sorted) members
      for (Index j : set) h = (h ^ j) * 1099511628211ull;
      return static_cast<std::size_t>(h);
    }
  };

  /// Per open position: the closed candidates cheapest for the demand it holds in the relaxation
  /// just solved (re-centring its cluster), or, when it holds none, those saving most overall.
  std::vector<std::vector<Index>> neighbour_lists(const std::vector<Index>& open) const {
    const LocationProblem& location = m_problem.location;
    const std::size_t n = m_costs.demand_count(), m = m_costs.candidate_count();
    std::vector<std::uint8_t> is_open(m, 0);
    for (Index j : open) is_open[j] = 1;
    std::vector<std::vector<Index>> out(open.size());
    std::vector<std::pair<double, Index>> scored;
    for (std::size_t pos = 0; pos < open.size(); ++pos) {
      if (location.is_fixed(open[pos])) continue;
      double held = 0;
      for (std::size_t i = 0; i < n; ++i) held += m_relaxation.share(i, pos);
      scored.clear();
      for (Index f = 0; f < m; ++f) {
        if (is_open[f] || location.is_excluded(f) || m_problem.capacity[f] <= 0) continue;
        double score = 0;
        const auto column = m_costs.column(f);
        for (std::size_t i = 0; i < n; ++i) {
          if (held > 0) {
            const double x = m_relaxation.share(i, pos);
            if (x > 0) score += x * column[i];
          } else {
            double current = m_costs.penalty();
            for (std::size_t k = 0; k < open.size(); ++k) {
              if (m_relaxation.share(i, k) > 0) current = std::min(current, m_costs(i, open[k]));
            }
            score += std::min(0.0, column[i] - current);
          }
        }
        scored.emplace_back(score, f);
      }
      const std::size_t k = std::min(m_neighbours, scored.size());
      std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(k), scored.end());
      for (std::size_t t = 0; t < k; ++t) out[pos].push_back(scored[t].second);
    }
    return out;
  }

  const CapacitatedProblem& m_problem;
  const WeightedCosts& m_costs;
  CapacitatedAssigner m_assigner;
  TransportationSolver m_relaxation;
  std::size_t m_neighbours;
  bool m_integral;
  std::unordered_map<std::vector<Index>, double, SetHash> m_cache;
  std::vector<Index> m_key;
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

void CapacitatedProblem::check_capacity(std::size_t p) const {
  const std::size_t n = location.demand_count(), m = location.candidate_count();
  double total_demand = 0, largest_demand = 0;
  std::size_t largest_at = 0;
  for (std::size_t i = 0; i < n; ++i) {
    total_demand += demand_of(i);
    if (demand_of(i) > largest_demand) {
      largest_demand = demand_of(i);
      largest_at = i;
    }
  }
  double fixed_capacity = 0, largest_capacity = 0;
  std::vector<double> free_capacity;
  for (std::size_t j = 0; j < m; ++j) {
    if (location.is_excluded(j)) continue;
    largest_capacity = std::max(largest_capacity, capacity[j]);
    if (location.is_fixed(j)) {
      fixed_capacity += capacity[j];
    } else {
      free_capacity.push_back(capacity[j]);
    }
  }
  const std::size_t free_slots = std::min(p - std::min(p, location.fixed_count()), free_capacity.size());
  std::partial_sort(free_capacity.begin(), free_capacity.begin() + static_cast<std::ptrdiff_t>(free_slots),
                    free_capacity.end(), std::greater<>());
  double most = fixed_capacity;
  for (std::size_t k = 0; k < free_slots; ++k) most += free_capacity[k];
  const double slack = 1e-9 * std::max(1.0, total_demand);
  if (most + slack < total_demand) {
    throw InputError(ErrorCode::input_value,
                     "capacitated p-median is infeasible: " + std::to_string(p) + " facilities hold at most " +
                         util::general(most) + " (the largest capacities that may open) but the demand totals " +
                         util::general(total_demand) + "; open more facilities or give them more capacity");
  }
  if (largest_demand > largest_capacity + slack) {
    throw InputError(ErrorCode::input_value,
                     "capacitated p-median is infeasible: demand point " + std::to_string(largest_at + 1) + " needs " +
                         util::general(largest_demand) + " but no candidate that may open holds more than " +
                         util::general(largest_capacity) + " (each demand point is served by one facility)");
  }
}

void CapacitatedPMedianOptions::validate(const CapacitatedProblem& problem) const {
  PMedianOptions base;
  base.p = p;
  base.validate(problem.location);
  problem.check_capacity(p);
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
  CapacitatedSearch search(problem, costs, demand, std::max<std::size_t>(1, options.neighbours), integral);
  ElitePool pool(k_pool_size);

  // Start from the uncapacitated p-median solution, descend on the relaxation, assign.
  PMedianOptions start_options;
  start_options.p = options.p;
  start_options.seed = options.seed;
  start_options.lagrangian_bound = false;
  start_options.max_shakes_without_improvement = 20;
  std::vector<Index> open = solve_p_median(location, start_options, control).open;
  const double start_relaxed = search.descend(open, pool, control);
  Incumbent best;
  search.try_integer(open, start_relaxed, best, options.seed, 0);
  // The shakes start from the best set by relaxation, not the incumbent: the relaxation is the
  // smoother landscape, and the integer optimum is usually among its best few sets.
  std::vector<Index> center = open;
  double center_relaxed = start_relaxed;

  LocationResult result;
  result.method = "median swaps ranked by the transportation relaxation (min-cost flow), rounding + ejection chains "
                  "+ tabu assignment, VNS";
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
    open = center;
    for (std::size_t s = 0; s < k; ++s) {
      const Index out = detail::random_member(open, can_remove, rng);
      const Index in = detail::random_closed(
          can_insert, [&](Index j) { return std::find(open.begin(), open.end(), j) != open.end(); }, rng);
      if (out == k_unassigned || in == k_unassigned) break;
      *std::find(open.begin(), open.end(), out) = in;
    }
    const double relaxed = search.descend(open, pool, control);
    search.try_integer(open, relaxed, best, options.seed + shakes, 0);  // rounding: an incumbent to prune by
    if (relaxed < center_relaxed - eps) {
      center = open;
      center_relaxed = relaxed;
      k = 1;
      idle = 0;
    } else {
      k = k % k_max + 1;
      ++idle;
    }
  }
  search.harvest(pool, best, options.seed, k_tabu_sets, control);
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
