#include "quhua/algorithms/facility/p_median.hpp"

#include "quhua/algorithms/facility/median_state.hpp"
#include "quhua/algorithms/facility/search_support.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace quhua::algorithms::facility {
namespace {

using detail::MedianState;
using detail::WeightedCosts;

/// The Lagrangian dual of the p-median problem, kept between rounds so a later round continues from
/// the multipliers an earlier one reached.
class PMedianLagrangian {
 public:
  PMedianLagrangian(const LocationProblem& problem, const WeightedCosts& costs, std::size_t p)
      : m_problem(problem), m_costs(costs), m_p(p), m_n(costs.demand_count()), m_m(costs.candidate_count()) {
    // Each demand's candidates by increasing weighted cost: an iteration visits only the prefix
    // cheaper than lambda_i, usually a handful of entries.
    m_order.resize(m_n * m_m);
    for (std::size_t i = 0; i < m_n; ++i) {
      auto* first = m_order.data() + i * m_m;
      std::iota(first, first + m_m, Index{0});
      std::stable_sort(first, first + m_m, [&](Index a, Index b) { return m_costs(i, a) < m_costs(i, b); });
    }
    m_lambda.assign(m_n, 0.0);
    m_rho.assign(m_m, 0.0);
    m_selected.assign(m_m, 0);
  }

  /// Starts the multipliers at each demand's cost in a known solution (a dual-feasible guess).
  void start_from(const MedianState& state) {
    for (std::size_t i = 0; i < m_n; ++i) m_lambda[i] = state.nearest_cost(i);
  }

  /// Runs up to `iterations` subgradient steps; returns the best bound seen so far (all rounds).
  double run(double upper_bound, std::size_t iterations, bool integral, RunControl& control) {
    std::vector<double> gradient(m_n);
    std::vector<Index> free_candidates;
    for (Index j = 0; j < m_m; ++j) {
      if (!m_problem.is_fixed(j) && !m_problem.is_excluded(j)) free_candidates.push_back(j);
    }
    const std::size_t free_slots = m_p - m_problem.fixed_count();
    std::size_t since_improvement = 0;
    for (std::size_t it = 0; it < iterations && m_theta > 1e-4; ++it) {
      if ((it & 15) == 0 && control.should_stop()) break;
      // rho_j = sum over demands of min(0, wc_ij - lambda_i), by the sorted prefixes.
      std::fill(m_rho.begin(), m_rho.end(), 0.0);
      double value = 0;
      for (std::size_t i = 0; i < m_n; ++i) {
        const double lambda = m_lambda[i];
        value += lambda;
        const Index* order = m_order.data() + i * m_m;
        for (std::size_t k = 0; k < m_m; ++k) {
          const double d = m_costs(i, order[k]);
          if (d >= lambda) break;
          m_rho[order[k]] += d - lambda;
        }
      }
      // Open the fixed candidates and the free ones with the most negative rho.
      std::fill(m_selected.begin(), m_selected.end(), 0);
      for (Index j = 0; j < m_m; ++j) {
        if (m_problem.is_fixed(j)) {
          m_selected[j] = 1;
          value += m_rho[j];
        }
      }
      if (free_slots > 0) {
        std::nth_element(free_candidates.begin(), free_candidates.begin() + static_cast<std::ptrdiff_t>(free_slots - 1),
                         free_candidates.end(),
                         [&](Index a, Index b) { return m_rho[a] < m_rho[b] || (m_rho[a] == m_rho[b] && a < b); });
        for (std::size_t k = 0; k < free_slots; ++k) {
          m_selected[free_candidates[k]] = 1;
          value += m_rho[free_candidates[k]];
        }
      }
      if (value > m_best + m_costs.epsilon()) {
        m_best = value;
        m_best_selection.clear();
        for (Index j = 0; j < m_m; ++j) {
          if (m_selected[j]) m_best_selection.push_back(j);
        }
        since_improvement = 0;
      } else if (++since_improvement >= 25) {
        m_theta *= 0.5;
        since_improvement = 0;
      }
      const double target = integral ? std::ceil(m_best - 1e-6) : m_best;
      if (target >= upper_bound - m_costs.epsilon()) break;
      // Subgradient of the relaxed constraints: 1 - (number of selected candidates serving i).
      double norm = 0;
      for (std::size_t i = 0; i < m_n; ++i) {
        double g = 1;
        const Index* order = m_order.data() + i * m_m;
        for (std::size_t k = 0; k < m_m; ++k) {
          if (m_costs(i, order[k]) >= m_lambda[i]) break;
          if (m_selected[order[k]]) g -= 1;
        }
        gradient[i] = g;
        norm += g * g;
      }
      if (norm == 0) break;  // the relaxed solution is feasible: its value is optimal
      const double step = m_theta * (upper_bound - value) / norm;
      for (std::size_t i = 0; i < m_n; ++i) m_lambda[i] = std::max(0.0, m_lambda[i] + step * gradient[i]);
    }
    return m_best;
  }

  double best() const { return m_best; }
  /// The candidates the relaxation opened at its best bound: a good start for a local search.
  const std::vector<Index>& best_selection() const { return m_best_selection; }

 private:
  const LocationProblem& m_problem;
  const WeightedCosts& m_costs;
  std::size_t m_p, m_n, m_m;
  std::vector<Index> m_order;
  std::vector<double> m_lambda, m_rho;
  std::vector<std::uint8_t> m_selected;
  std::vector<Index> m_best_selection;
  double m_best = -std::numeric_limits<double>::infinity();
  double m_theta = 2.0;
};

void local_search(MedianState& state, const std::vector<std::uint8_t>& can_insert,
                  const std::vector<std::uint8_t>& can_remove, double epsilon, RunControl& control) {
  for (;;) {
    if (control.should_stop()) return;
    const auto move = state.best_swap(can_insert, can_remove);
    if (!move.valid() || move.delta >= -epsilon) return;
    state.swap(move.in, move.out);
  }
}

// Subgradient steps per round. The step halves after 25 steps without progress, so a round ends by
// itself well before this on most instances (the step falls below 1e-4 of its start).
constexpr std::size_t k_lagrangian_iterations = 1500;

}  // namespace

void PMedianOptions::validate(const LocationProblem& problem) const {
  validate_facility_count(problem, p, "p-median");
}

double p_median_lagrangian_bound(const LocationProblem& problem, std::size_t p, double upper_bound,
                                 std::size_t iterations, RunControl& control) {
  PMedianOptions options;
  options.p = p;
  options.validate(problem);
  const WeightedCosts costs(problem);
  PMedianLagrangian dual(problem, costs, p);
  return dual.run(upper_bound, iterations == 0 ? k_lagrangian_iterations : iterations, has_integral_data(problem),
                  control);
}

LocationResult solve_p_median(const LocationProblem& problem, const PMedianOptions& options, RunControl& control) {
  problem.validate();
  options.validate(problem);
  const WeightedCosts costs(problem);
  const std::size_t m = problem.candidate_count();
  const bool integral = has_integral_data(problem);
  const double eps = costs.epsilon();

  std::vector<std::uint8_t> can_insert(m), can_remove(m);
  for (Index j = 0; j < m; ++j) {
    can_insert[j] = problem.is_excluded(j) ? 0 : 1;
    can_remove[j] = problem.is_fixed(j) ? 0 : 1;
  }

  // Greedy construction (Kuehn & Hamburger 1963): the fixed candidates, then repeatedly the one
  // that lowers the objective most.
  MedianState state(costs);
  for (Index j = 0; j < m; ++j) {
    if (problem.is_fixed(j)) state.add(j);
  }
  while (state.open().size() < options.p) state.add(state.best_add(can_insert));
  local_search(state, can_insert, can_remove, eps, control);
  MedianState best = state;

  LocationResult result;
  result.method = "greedy + fast interchange + VNS";
  std::optional<PMedianLagrangian> dual;
  double lower = -std::numeric_limits<double>::infinity();
  auto proven = [&] {
    if (!dual) return false;
    const double target = integral ? std::ceil(lower - 1e-6) : lower;
    return target >= best.objective() - eps;
  };
  const std::size_t lr_iterations =
      options.lagrangian_iterations > 0 ? options.lagrangian_iterations : k_lagrangian_iterations;
  if (options.lagrangian_bound) {
    dual.emplace(problem, costs, options.p);
    dual->start_from(best);
    lower = dual->run(best.objective(), lr_iterations, integral, control);
    // Lagrangian heuristic: the relaxation's choice of facilities, improved by interchange.
    if (!proven() && !dual->best_selection().empty()) {
      state.reset(dual->best_selection());
      local_search(state, can_insert, can_remove, eps, control);
      if (state.objective() < best.objective() - eps) best = state;
    }
    result.method += "; Lagrangian bound";
  }

  // Variable neighbourhood search: shake the best solution by k random swaps, descend, keep it when
  // better; k grows after each failure and returns to 1 after each success.
  const std::size_t free_open = options.p - problem.fixed_count();
  const std::size_t closed = problem.allowed_count() - options.p;
  const std::size_t k_max = std::max<std::size_t>(1, std::min({free_open, closed, std::size_t{10}}));
  const std::size_t patience = options.max_shakes_without_improvement > 0 ? options.max_shakes_without_improvement
                                                                          : std::max<std::size_t>(200, 4 * options.p);
  const std::size_t cap = options.max_shakes > 0 ? options.max_shakes : 20 * patience;
  Rng rng(options.seed);
  std::size_t shakes = 0;
  if (free_open > 0 && closed > 0) {
    const auto outcome = detail::variable_neighbourhood_search(
        best, {patience, cap, k_max}, can_insert, can_remove, rng, control,
        [&](MedianState& s) { local_search(s, can_insert, can_remove, eps, control); },
        [&](const MedianState& a, const MedianState& b) { return a.objective() < b.objective() - eps; }, proven);
    shakes = outcome.shakes;
    result.stopped_early = outcome.stopped;
  }
  // A second bound round starts from the multipliers the first reached, with the better incumbent.
  if (dual && !proven() && !result.stopped_early) lower = dual->run(best.objective(), lr_iterations, integral, control);

  std::vector<Index> open = best.open();
  std::sort(open.begin(), open.end());
  result.open = open;
  result.objective = assign_to_nearest(problem, open, result.assignment, result.unreachable_demands);
  result.iterations = shakes;
  // With unserved demands the search minimised penalised costs: its bound says nothing of the
  // objective reported (the cost of the served demands), so none is given.
  if (dual && result.unreachable_demands == 0) {
    result.bound = lower;
    set_gap(result, true, integral, 1e-12);
  }
  return result;
}

}  // namespace quhua::algorithms::facility
