#include "quhua/algorithms/facility/relayout.hpp"

#include "quhua/algorithms/facility/capacitated_assignment.hpp"
#include "quhua/algorithms/facility/median_state.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

#include <algorithm>
#include <cmath>

namespace quhua::algorithms::facility {
namespace {

using State = std::vector<int>;  // per site: option index, -1 closed

/// A change of one or two sites' states.
struct Move {
  Index site = 0;
  int option = -1;
  Index other = k_unassigned;  // second site of a swap
  int other_option = -1;
};

struct Evaluation {
  double travel = 0;
  double site_cost = 0;
  std::size_t unassigned = 0;
  double value = 0;
  std::vector<Index> of;
  std::vector<double> load;
};

class RelayoutSearch {
 public:
  RelayoutSearch(const RelayoutProblem& problem, const RelayoutOptions& options, const detail::WeightedCosts& costs,
                 const std::vector<double>& demand)
      : m_problem(problem), m_options(options), m_costs(costs), m_demand(demand), m_assigner(costs, demand) {
    double most = 0;
    for (const Site& s : problem.sites) {
      double dearest = s.closed_cost;
      for (const auto& o : s.options) dearest = std::max(dearest, o.cost);
      most += dearest;
    }
    // Leaving a demand without a site must cost more than any saving on sites could repay.
    m_unassigned_penalty = costs.penalty() + options.cost_weight * most + 1;
  }

  std::size_t open_count(const State& s) const {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](int o) { return o >= 0; }));
  }
  double site_cost(const State& s) const {
    double total = 0;
    for (std::size_t j = 0; j < s.size(); ++j) {
      total +=
          s[j] >= 0 ? m_problem.sites[j].options[static_cast<std::size_t>(s[j])].cost : m_problem.sites[j].closed_cost;
    }
    return total;
  }
  bool count_ok(const State& s) const {
    const std::size_t open = open_count(s);
    return open >= m_options.min_open && (!m_options.max_open || open <= *m_options.max_open);
  }
  bool budget_ok(const State& s) const { return !m_options.budget || site_cost(s) <= *m_options.budget + 1e-9; }
  bool allowed(Index j, int option) const {
    const Site& site = m_problem.sites[j];
    return option >= 0 ? !site.must_close : !site.must_open;
  }

  Evaluation evaluate(const State& s) const {
    Evaluation e;
    std::vector<Index> open;
    std::vector<double> capacity(s.size(), 0.0);
    for (Index j = 0; j < s.size(); ++j) {
      if (s[j] < 0) continue;
      open.push_back(j);
      capacity[j] = m_problem.sites[j].options[static_cast<std::size_t>(s[j])].capacity;
    }
    const std::size_t n = m_costs.demand_count();
    if (m_problem.capacitated()) {
      auto a = m_assigner.assign(open, capacity, true);
      e.travel = a.cost;
      e.unassigned = a.unassigned;
      e.of = std::move(a.of);
      e.load = std::move(a.load);
    } else {
      e.of.assign(n, k_unassigned);
      e.load.assign(s.size(), 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        double best = m_costs.penalty();
        for (Index j : open) {
          if (m_costs(i, j) < best) {
            best = m_costs(i, j);
            e.of[i] = j;
          }
        }
        if (e.of[i] == k_unassigned) {
          if (m_problem.weight.empty() || m_problem.weight[i] > 0) ++e.unassigned;
          continue;
        }
        e.travel += best;
        e.load[e.of[i]] += m_demand.empty() ? (m_problem.weight.empty() ? 1.0 : m_problem.weight[i]) : m_demand[i];
      }
    }
    e.site_cost = site_cost(s);
    e.value = e.travel + m_options.cost_weight * e.site_cost + m_unassigned_penalty * static_cast<double>(e.unassigned);
    return e;
  }

  State apply(State s, const Move& move) const {
    s[move.site] = move.option;
    if (move.other != k_unassigned) s[move.other] = move.other_option;
    return s;
  }
  bool admissible(const State& s) const { return count_ok(s) && budget_ok(s); }

  /// Every admissible move from `s`: single-site changes, then swaps (close r, open f) with the
  /// partners swap_partners() picks.
  std::vector<Move> moves(const State& s, const Evaluation& e) const {
    std::vector<Move> out;
    const auto m = static_cast<Index>(s.size());
    for (Index j = 0; j < m; ++j) {
      const int options = static_cast<int>(m_problem.sites[j].options.size());
      for (int o = -1; o < options; ++o) {
        if (o == s[j] || !allowed(j, o)) continue;
        out.push_back({j, o});
      }
    }
    for (Index r = 0; r < m; ++r) {
      if (s[r] < 0 || !allowed(r, -1)) continue;
      for (Index f : swap_partners(r, s, e)) {
        const int options = static_cast<int>(m_problem.sites[f].options.size());
        for (int o = 0; o < options; ++o) out.push_back({r, -1, f, o});
      }
    }
    std::erase_if(out, [&](const Move& mv) { return !admissible(apply(s, mv)); });
    return out;
  }

  /// First-improvement descent; returns when no admissible move improves.
  void descend(State& s, Evaluation& e, RunControl& control) const {
    const double eps = m_costs.epsilon();
    for (bool improved = true; improved;) {
      improved = false;
      for (const Move& mv : moves(s, e)) {
        if (control.should_stop()) return;
        State trial = apply(s, mv);
        Evaluation te = evaluate(trial);
        if (te.value < e.value - eps) {
          s = std::move(trial);
          e = std::move(te);
          improved = true;
          break;
        }
      }
    }
  }

  /// Makes a state admissible if it can: sites close (least harm first) while too many are open or
  /// the budget is exceeded, and open (most good first) while too few are. False when it cannot.
  bool repair(State& s) const {
    for (int guard = 0; guard < 10000 && !admissible(s); ++guard) {
      const bool too_many = m_options.max_open && open_count(s) > *m_options.max_open;
      const bool too_few = open_count(s) < m_options.min_open;
      std::optional<Move> pick;
      double pick_value = std::numeric_limits<double>::infinity();
      for (Index j = 0; j < s.size(); ++j) {
        const int options = static_cast<int>(m_problem.sites[j].options.size());
        for (int o = -1; o < options; ++o) {
          if (o == s[j] || !allowed(j, o)) continue;
          if (too_many && !(s[j] >= 0 && o < 0)) continue;
          if (too_few && !(s[j] < 0 && o >= 0)) continue;
          State trial = s;
          trial[j] = o;
          if (!too_many && !too_few && site_cost(trial) >= site_cost(s)) continue;  // budget: must save
          const double v = evaluate(trial).value;
          if (v < pick_value) {
            pick_value = v;
            pick = Move{j, o};
          }
        }
      }
      if (!pick) return false;
      s = apply(s, *pick);
    }
    return admissible(s);
  }

  /// A random allowed change of one site, or a swap (close one, open another); a no-op when the
  /// drawn change is not allowed.
  Move random_move(const State& s, Rng& rng) const {
    const auto m = static_cast<Index>(s.size());
    const Index j = static_cast<Index>(rng.below(m));
    const auto options = static_cast<std::uint64_t>(m_problem.sites[j].options.size());
    if (s[j] >= 0 && rng.below(2) == 0) {
      const Index f = static_cast<Index>(rng.below(m));
      const int o = static_cast<int>(rng.below(static_cast<std::uint64_t>(m_problem.sites[f].options.size())));
      if (s[f] < 0 && allowed(j, -1) && allowed(f, o)) return {j, -1, f, o};
    }
    const int o = static_cast<int>(rng.below(options + 1)) - 1;
    return allowed(j, o) ? Move{j, o} : Move{j, s[j]};
  }

 private:
  std::vector<Index> swap_partners(Index r, const State& s, const Evaluation& e) const {
    std::vector<std::pair<double, Index>> scored;
    for (Index f = 0; f < s.size(); ++f) {
      if (s[f] >= 0 || !allowed(f, 0)) continue;
      double score = 0;
      for (std::size_t i = 0; i < e.of.size(); ++i) {
        if (e.of[i] == r) score += m_costs(i, f);
      }
      scored.emplace_back(score, f);
    }
    // Every closed site as a partner while there are few; beyond that the 8 cheapest for r's demands
    // (each swap is evaluated in full, so a county of hundreds of sites needs the restriction).
    const bool narrow = m_problem.capacitated() || s.size() > 40;
    const std::size_t keep = narrow ? std::min<std::size_t>(8, scored.size()) : scored.size();
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end());
    std::vector<Index> out;
    for (std::size_t k = 0; k < keep; ++k) out.push_back(scored[k].second);
    return out;
  }

  const RelayoutProblem& m_problem;
  const RelayoutOptions& m_options;
  const detail::WeightedCosts& m_costs;
  const std::vector<double>& m_demand;
  detail::CapacitatedAssigner m_assigner;
  double m_unassigned_penalty = 0;
};

}  // namespace

void RelayoutProblem::validate() const {
  const std::size_t n = cost.demand_count();
  if (cost.candidate_count() != sites.size()) {
    throw UsageError("re-layout: the cost matrix has " + std::to_string(cost.candidate_count()) + " columns for " +
                     std::to_string(sites.size()) + " sites");
  }
  if (!weight.empty() && weight.size() != n) throw UsageError("re-layout: weights do not match the demand points");
  if (!demand.empty() && demand.size() != n) throw UsageError("re-layout: demands do not match the demand points");
  for (double d : demand) {
    if (!(d >= 0) || !std::isfinite(d)) throw UsageError("re-layout: a demand is negative or invalid");
  }
  for (std::size_t j = 0; j < sites.size(); ++j) {
    const Site& s = sites[j];
    const std::string which = "re-layout: site " + std::to_string(j);
    if (s.options.empty()) throw UsageError(which + " has no way to operate (no option)");
    if (s.must_open && s.must_close) throw UsageError(which + " must both open and close");
    if (!(s.closed_cost >= 0) || !std::isfinite(s.closed_cost))
      throw UsageError(which + " has an invalid closing cost");
    for (const auto& o : s.options) {
      if (!(o.cost >= 0) || !std::isfinite(o.cost) || !(o.capacity >= 0)) {
        throw UsageError(which + " option '" + o.name + "' has an invalid cost or capacity");
      }
    }
  }
  relayout_location_problem(*this).validate();
}

LocationProblem relayout_location_problem(const RelayoutProblem& problem) {
  LocationProblem location;
  location.cost = problem.cost;
  location.weight = problem.weight;
  location.fixed_open.assign(problem.sites.size(), 0);
  location.excluded.assign(problem.sites.size(), 0);
  for (std::size_t j = 0; j < problem.sites.size(); ++j) {
    location.fixed_open[j] = problem.sites[j].must_open ? 1 : 0;
    location.excluded[j] = problem.sites[j].must_close ? 1 : 0;
  }
  return location;
}

RelayoutResult solve_relayout(const RelayoutProblem& problem, const RelayoutOptions& options, RunControl& control) {
  problem.validate();
  if (options.max_open && *options.max_open < options.min_open) {
    throw UsageError("re-layout: the most sites to open is below the fewest");
  }
  if (!(options.cost_weight >= 0)) throw UsageError("re-layout: the cost weight must be >= 0");
  const LocationProblem location = relayout_location_problem(problem);
  const detail::WeightedCosts costs(location);
  RelayoutSearch search(problem, options, costs, problem.demand);

  // Start from today: existing sites run their first option, new sites stay closed.
  State state(problem.sites.size(), -1);
  for (std::size_t j = 0; j < problem.sites.size(); ++j) {
    const Site& s = problem.sites[j];
    if ((s.existing || s.must_open) && !s.must_close) state[j] = 0;
  }
  RelayoutResult result;
  const bool admissible = search.repair(state);
  Evaluation evaluation = search.evaluate(state);
  std::size_t shakes = 0;
  if (admissible) {
    search.descend(state, evaluation, control);
    const std::size_t patience =
        options.max_shakes_without_improvement > 0 ? options.max_shakes_without_improvement : 40;
    Rng rng(options.seed);
    std::size_t idle = 0, k = 1;
    State best = state;
    Evaluation best_eval = evaluation;
    while (idle < patience && shakes < 20 * patience) {
      if (control.should_stop()) {
        result.location.stopped_early = true;
        break;
      }
      ++shakes;
      // Shake: k random changes, then back within the count and budget limits by the least harmful
      // closures and downgrades (so a costly opening can pay for itself elsewhere).
      State trial = best;
      for (std::size_t s = 0; s < k; ++s) trial = search.apply(trial, search.random_move(trial, rng));
      if (!search.repair(trial)) {
        ++idle;
        continue;
      }
      Evaluation trial_eval = search.evaluate(trial);
      search.descend(trial, trial_eval, control);
      if (trial_eval.value < best_eval.value - costs.epsilon()) {
        best = std::move(trial);
        best_eval = std::move(trial_eval);
        idle = 0;
        k = 1;
      } else {
        ++idle;
        k = k % 3 + 1;
      }
    }
    state = std::move(best);
    evaluation = std::move(best_eval);
  }

  result.option_of = state;
  result.location.method = "local search over site states (close, open, option, swap) + VNS";
  result.location.iterations = shakes;
  for (Index j = 0; j < state.size(); ++j) {
    if (state[j] >= 0) result.location.open.push_back(j);
  }
  result.location.assignment = evaluation.of;
  result.location.unassigned_demands = problem.capacitated() ? evaluation.unassigned : 0;
  result.location.unreachable_demands = problem.capacitated() ? 0 : evaluation.unassigned;
  result.load = evaluation.load;
  result.site_cost = evaluation.site_cost;
  result.travel_cost = 0;
  for (std::size_t i = 0; i < evaluation.of.size(); ++i) {
    if (evaluation.of[i] != k_unassigned)
      result.travel_cost += location.weight_of(i) * problem.cost(i, evaluation.of[i]);
  }
  result.location.objective = result.travel_cost + options.cost_weight * result.site_cost;
  if (!admissible) {
    result.feasible = false;
    result.infeasibility = "no choice of sites meets the count and budget limits";
  } else if (evaluation.unassigned > 0) {
    result.feasible = false;
    result.infeasibility =
        std::to_string(evaluation.unassigned) + " demand points could not be placed (no capacity or no route)";
  }
  return result;
}

}  // namespace quhua::algorithms::facility
