#include "quhua/algorithms/facility/coverage.hpp"

#include "quhua/algorithms/facility/p_median.hpp"
#include "quhua/algorithms/facility/search_support.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quhua::algorithms::facility {
namespace {

/// Which demands each candidate covers and which candidates cover each demand (both CSR), over the
/// demands that count (positive weight); `weight` holds the weight each covered demand brings.
struct CoverSets {
  std::vector<std::uint32_t> site_offsets, demand_offsets;
  std::vector<Index> site_demands, demand_sites;
  std::vector<double> weight;
  std::vector<std::uint8_t> counts;  // demand counts (positive weight)

  std::span<const Index> covered_by(Index site) const {
    return {site_demands.data() + site_offsets[site], site_demands.data() + site_offsets[site + 1]};
  }
  std::span<const Index> covering(std::size_t demand) const {
    return {demand_sites.data() + demand_offsets[demand], demand_sites.data() + demand_offsets[demand + 1]};
  }
  /// Total weight of the demands some allowed candidate covers.
  double coverable_weight() const {
    double total = 0;
    for (std::size_t i = 0; i < weight.size(); ++i) {
      if (demand_offsets[i + 1] > demand_offsets[i]) total += weight[i];
    }
    return total;
  }
};

/// `unit_weights`: every counted demand weighs 1 (p-center, LSCP); otherwise its own weight.
CoverSets build_cover_sets(const LocationProblem& problem, double radius, bool unit_weights) {
  const std::size_t n = problem.demand_count();
  const std::size_t m = problem.candidate_count();
  CoverSets sets;
  sets.weight.assign(n, 0.0);
  sets.counts.assign(n, 0);
  sets.site_offsets.assign(m + 1, 0);
  sets.demand_offsets.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const double w = problem.weight_of(i);
    if (w <= 0) continue;
    sets.counts[i] = 1;
    sets.weight[i] = unit_weights ? 1.0 : w;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!sets.counts[i]) {
      sets.demand_offsets[i + 1] = sets.demand_offsets[i];
      continue;
    }
    const auto row = problem.cost.row(i);
    for (Index j = 0; j < m; ++j) {
      if (!problem.is_excluded(j) && row[j] <= radius) {
        sets.demand_sites.push_back(j);
        ++sets.site_offsets[j + 1];
      }
    }
    sets.demand_offsets[i + 1] = static_cast<std::uint32_t>(sets.demand_sites.size());
  }
  for (std::size_t j = 0; j < m; ++j) sets.site_offsets[j + 1] += sets.site_offsets[j];
  sets.site_demands.resize(sets.demand_sites.size());
  std::vector<std::uint32_t> fill(sets.site_offsets.begin(), sets.site_offsets.end() - 1);
  for (Index i = 0; i < n; ++i) {
    for (Index j : sets.covering(i)) sets.site_demands[fill[j]++] = i;
  }
  return sets;
}

/// Incremental state of a covering search: how many open sites cover each demand and, for demands
/// covered exactly once, which (the sum of the covering sites' indices is that site).
class CoverState {
 public:
  CoverState(const CoverSets& sets, std::size_t candidate_count)
      : m_sets(&sets),
        m_count(sets.weight.size(), 0),
        m_sum(sets.weight.size(), 0),
        m_position(candidate_count, k_unassigned) {}

  double covered() const { return m_covered; }
  const std::vector<Index>& open() const { return m_open; }
  bool is_open(Index j) const { return m_position[j] != k_unassigned; }
  std::uint32_t count(std::size_t demand) const { return m_count[demand]; }

  void add(Index j) {
    m_position[j] = static_cast<Index>(m_open.size());
    m_open.push_back(j);
    for (Index i : m_sets->covered_by(j)) {
      if (m_count[i]++ == 0) m_covered += m_sets->weight[i];
      m_sum[i] += j;
    }
  }
  void remove(Index j) {
    const Index pos = m_position[j];
    m_position[j] = k_unassigned;
    m_open[pos] = m_open.back();
    m_open.pop_back();
    if (pos < m_open.size()) m_position[m_open[pos]] = pos;
    for (Index i : m_sets->covered_by(j)) {
      if (--m_count[i] == 0) m_covered -= m_sets->weight[i];
      m_sum[i] -= j;
    }
  }
  void swap(Index in, Index out) {
    add(in);
    remove(out);
  }
  /// Weight newly covered if j opens.
  double gain(Index j) const {
    double g = 0;
    for (Index i : m_sets->covered_by(j)) {
      if (m_count[i] == 0) g += m_sets->weight[i];
    }
    return g;
  }

  /// The best (in, out) swap by change of covered weight (positive: better); ties to low indices.
  detail::Swap best_swap(std::span<const std::uint8_t> can_insert, std::span<const std::uint8_t> can_remove) const {
    const std::size_t p = m_open.size();
    detail::Swap best;
    if (p == 0) return best;
    std::vector<double> loss(p, 0.0);
    for (std::size_t k = 0; k < p; ++k) {
      for (Index i : m_sets->covered_by(m_open[k])) {
        if (m_count[i] == 1) loss[k] += m_sets->weight[i];
      }
    }
    std::vector<double> kept(p, 0.0);
    for (Index f = 0; f < m_position.size(); ++f) {
      if (!can_insert[f] || is_open(f)) continue;
      std::fill(kept.begin(), kept.end(), 0.0);
      double gain = 0;
      for (Index i : m_sets->covered_by(f)) {
        if (m_count[i] == 0) {
          gain += m_sets->weight[i];
        } else if (m_count[i] == 1) {
          kept[m_position[static_cast<Index>(m_sum[i])]] += m_sets->weight[i];  // f keeps i covered
        }
      }
      for (std::size_t k = 0; k < p; ++k) {
        if (!can_remove[m_open[k]]) continue;
        const double delta = gain - loss[k] + kept[k];
        if (!best.valid() || delta > best.delta) best = {f, m_open[k], delta};
      }
    }
    return best;
  }

 private:
  const CoverSets* m_sets;
  std::vector<std::uint32_t> m_count;
  std::vector<std::uint64_t> m_sum;
  std::vector<Index> m_position;
  std::vector<Index> m_open;
  double m_covered = 0;
};

/// Lagrangian upper bound for MCLP: relax z_i <= sum_{j covers i} y_j with mu_i >= 0; the relaxed
/// problem takes z_i = 1 where w_i > mu_i and opens the p sites of largest sum of mu over what they
/// cover.
double max_covering_bound(const LocationProblem& problem, const CoverSets& sets, std::size_t p, double lower_bound,
                          RunControl& control) {
  const std::size_t n = sets.weight.size();
  const std::size_t m = problem.candidate_count();
  std::vector<double> mu(n), value(m), gradient(n);
  for (std::size_t i = 0; i < n; ++i) mu[i] = sets.weight[i] / 2;
  std::vector<Index> free_sites;
  for (Index j = 0; j < m; ++j) {
    if (!problem.is_fixed(j) && !problem.is_excluded(j)) free_sites.push_back(j);
  }
  const std::size_t free_slots = p - problem.fixed_count();
  double best = sets.coverable_weight();
  double theta = 2.0;
  std::size_t idle = 0;
  std::vector<Index> selected;
  for (std::size_t it = 0; it < 1000 && theta > 1e-4; ++it) {
    if ((it & 15) == 0 && control.should_stop()) break;
    double bound = 0;
    for (std::size_t i = 0; i < n; ++i) {
      // a demand no site covers cannot be covered: z_i = 0 whatever mu_i
      if (sets.demand_offsets[i + 1] > sets.demand_offsets[i]) bound += std::max(0.0, sets.weight[i] - mu[i]);
    }
    for (Index j = 0; j < m; ++j) {
      value[j] = 0;
      for (Index i : sets.covered_by(j)) value[j] += mu[i];
    }
    selected.clear();
    for (Index j = 0; j < m; ++j) {
      if (problem.is_fixed(j)) selected.push_back(j);
    }
    if (free_slots > 0 && !free_sites.empty()) {
      const std::size_t k = std::min(free_slots, free_sites.size());
      std::nth_element(free_sites.begin(), free_sites.begin() + static_cast<std::ptrdiff_t>(k - 1), free_sites.end(),
                       [&](Index a, Index b) { return value[a] > value[b] || (value[a] == value[b] && a < b); });
      selected.insert(selected.end(), free_sites.begin(), free_sites.begin() + static_cast<std::ptrdiff_t>(k));
    }
    for (Index j : selected) bound += value[j];
    if (bound < best - 1e-12) {
      best = bound;
      idle = 0;
    } else if (++idle >= 25) {
      theta *= 0.5;
      idle = 0;
    }
    if (best <= lower_bound + 1e-9) break;
    for (std::size_t i = 0; i < n; ++i) {
      const bool reachable = sets.demand_offsets[i + 1] > sets.demand_offsets[i];
      gradient[i] = reachable && sets.weight[i] > mu[i] ? -1.0 : 0.0;
    }
    for (Index j : selected) {
      for (Index i : sets.covered_by(j)) gradient[i] += 1.0;
    }
    double norm = 0;
    for (double g : gradient) norm += g * g;
    if (norm == 0) break;
    const double step = theta * (bound - lower_bound) / norm;
    for (std::size_t i = 0; i < n; ++i) mu[i] = std::max(0.0, mu[i] - step * gradient[i]);
  }
  return best;
}

struct CoverSearchResult {
  std::vector<Index> open;
  double covered = 0;
  double bound = std::numeric_limits<double>::quiet_NaN();
  std::size_t shakes = 0;
  bool stopped = false;
};

void cover_descent(CoverState& state, std::span<const std::uint8_t> can_insert,
                   std::span<const std::uint8_t> can_remove, RunControl& control) {
  for (;;) {
    if (control.should_stop()) return;
    const auto move = state.best_swap(can_insert, can_remove);
    if (!move.valid() || move.delta <= 1e-9) return;
    state.swap(move.in, move.out);
  }
}

/// Greedy + swap descent + VNS for MCLP on given cover sets. Stops early when everything coverable is
/// covered or (with the bound) when the bound is met.
CoverSearchResult max_covering_search(const LocationProblem& problem, const CoverSets& sets, std::size_t p,
                                      std::uint64_t seed, std::size_t patience, bool with_bound, RunControl& control) {
  const std::size_t m = problem.candidate_count();
  std::vector<std::uint8_t> can_insert(m), can_remove(m);
  for (Index j = 0; j < m; ++j) {
    can_insert[j] = problem.is_excluded(j) ? 0 : 1;
    can_remove[j] = problem.is_fixed(j) ? 0 : 1;
  }
  CoverState state(sets, m);
  for (Index j = 0; j < m; ++j) {
    if (problem.is_fixed(j)) state.add(j);
  }
  while (state.open().size() < p) {
    Index pick = k_unassigned;
    double pick_gain = -1;
    for (Index j = 0; j < m; ++j) {
      if (!can_insert[j] || state.is_open(j)) continue;
      const double g = state.gain(j);
      if (g > pick_gain) {
        pick = j;
        pick_gain = g;
      }
    }
    if (pick == k_unassigned) break;
    state.add(pick);
  }
  cover_descent(state, can_insert, can_remove, control);
  CoverState best = state;
  const double everything = sets.coverable_weight();
  CoverSearchResult out;
  double bound = everything;
  auto done = [&] { return best.covered() >= bound - 1e-9; };
  if (with_bound && !done()) bound = std::min(bound, max_covering_bound(problem, sets, p, best.covered(), control));

  const std::size_t free_open = p - problem.fixed_count();
  const std::size_t closed = problem.allowed_count() - std::min(problem.allowed_count(), p);
  const std::size_t k_max = std::max<std::size_t>(1, std::min({free_open, closed, std::size_t{10}}));
  Rng rng(seed);
  if (free_open > 0 && closed > 0) {
    const auto outcome = detail::variable_neighbourhood_search(
        best, {patience, 20 * patience, k_max}, can_insert, can_remove, rng, control,
        [&](CoverState& s) { cover_descent(s, can_insert, can_remove, control); },
        [](const CoverState& a, const CoverState& b) { return a.covered() > b.covered() + 1e-9; }, done);
    out.shakes = outcome.shakes;
    out.stopped = outcome.stopped;
  }
  out.open = best.open();
  std::sort(out.open.begin(), out.open.end());
  out.covered = best.covered();
  if (with_bound || done()) out.bound = bound;
  return out;
}

}  // namespace

LocationResult solve_max_covering(const LocationProblem& problem, const MaxCoveringOptions& options,
                                  RunControl& control) {
  problem.validate();
  validate_facility_count(problem, options.p, "maximal covering");
  if (!(options.coverage.radius >= 0)) throw UsageError("maximal covering: the radius must be >= 0");
  const CoverSets sets = build_cover_sets(problem, options.coverage.radius, false);
  const std::size_t patience = options.max_shakes_without_improvement > 0 ? options.max_shakes_without_improvement
                                                                          : std::max<std::size_t>(100, 2 * options.p);
  const auto search =
      max_covering_search(problem, sets, options.p, options.seed, patience, options.lagrangian_bound, control);
  LocationResult result;
  result.method = "greedy + swap descent + VNS";
  if (options.lagrangian_bound) result.method += "; Lagrangian bound";
  result.open = search.open;
  assign_to_nearest(problem, result.open, result.assignment, result.unreachable_demands);
  result.objective = search.covered;
  result.iterations = search.shakes;
  result.stopped_early = search.stopped;
  result.bound = search.bound;
  set_gap(result, false, has_integral_data(problem));
  return result;
}

LocationResult solve_set_covering(const LocationProblem& problem, const SetCoveringOptions& options,
                                  RunControl& control) {
  problem.validate();
  const std::size_t m = problem.candidate_count();
  if (!(options.coverage.radius >= 0)) throw UsageError("set covering: the radius must be >= 0");
  if (!options.site_cost.empty() && options.site_cost.size() != m) {
    throw UsageError("set covering: " + std::to_string(options.site_cost.size()) + " site costs for " +
                     std::to_string(m) + " candidates");
  }
  for (double c : options.site_cost) {
    if (!(c > 0) || !std::isfinite(c)) throw UsageError("set covering: site costs must be positive");
  }
  auto cost_of = [&](Index j) { return options.site_cost.empty() ? 1.0 : options.site_cost[j]; };
  const bool unit_costs =
      std::all_of(options.site_cost.begin(), options.site_cost.end(), [&](double c) { return c == cost_of(0); });
  const CoverSets sets = build_cover_sets(problem, options.coverage.radius, true);
  const std::size_t n = problem.demand_count();
  std::vector<std::uint8_t> coverable(n, 0);
  std::size_t need = 0, uncoverable = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!sets.counts[i]) continue;
    if (sets.covering(i).empty()) {
      ++uncoverable;
    } else {
      coverable[i] = 1;
      ++need;
    }
  }

  // Randomised greedy (Chvatal's ratio rule; restarts draw among the near-best) then dropping
  // redundant sites, most expensive first.
  Rng rng(options.seed);
  std::vector<Index> best_open;
  double best_cost = std::numeric_limits<double>::infinity();
  std::vector<std::uint32_t> cover(n);
  for (std::size_t run = 0; run <= options.restarts; ++run) {
    if (control.should_stop()) break;
    std::fill(cover.begin(), cover.end(), 0);
    std::vector<std::uint8_t> open(m, 0);
    std::size_t covered = 0;
    auto open_site = [&](Index j) {
      open[j] = 1;
      for (Index i : sets.covered_by(j)) {
        if (cover[i]++ == 0 && coverable[i]) ++covered;
      }
    };
    for (Index j = 0; j < m; ++j) {
      if (problem.is_fixed(j)) open_site(j);
    }
    while (covered < need) {
      std::vector<std::pair<double, Index>> scored;
      for (Index j = 0; j < m; ++j) {
        if (open[j] || problem.is_excluded(j)) continue;
        std::size_t fresh = 0;
        for (Index i : sets.covered_by(j)) fresh += (cover[i] == 0 && coverable[i]) ? 1 : 0;
        if (fresh > 0) scored.emplace_back(static_cast<double>(fresh) / cost_of(j), j);
      }
      std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
      });
      std::size_t pick = 0;
      if (run > 0) {
        std::size_t near_best = 0;
        while (near_best < scored.size() && scored[near_best].first >= 0.7 * scored[0].first) ++near_best;
        pick = rng.below(near_best);
      }
      open_site(scored[pick].second);
    }
    std::vector<Index> chosen;
    for (Index j = 0; j < m; ++j) {
      if (open[j]) chosen.push_back(j);
    }
    std::stable_sort(chosen.begin(), chosen.end(), [&](Index a, Index b) { return cost_of(a) > cost_of(b); });
    for (Index j : chosen) {
      if (problem.is_fixed(j)) continue;
      const auto demands = sets.covered_by(j);
      if (std::all_of(demands.begin(), demands.end(), [&](Index i) { return !coverable[i] || cover[i] >= 2; })) {
        open[j] = 0;
        for (Index i : demands) --cover[i];
      }
    }
    double total = 0;
    std::vector<Index> result_open;
    for (Index j = 0; j < m; ++j) {
      if (open[j]) {
        result_open.push_back(j);
        total += cost_of(j);
      }
    }
    if (total < best_cost - 1e-9) {
      best_cost = total;
      best_open = result_open;
    }
  }

  // With equal costs, fewer sites is better: ask the MCLP search whether one site fewer still covers
  // everything coverable.
  if (unit_costs) {
    while (best_open.size() > std::max<std::size_t>(1, problem.fixed_count()) && !control.should_stop()) {
      const auto trial = max_covering_search(problem, sets, best_open.size() - 1, options.seed, 60, false, control);
      if (trial.covered < static_cast<double>(need) - 1e-9) break;
      best_open = trial.open;
      best_cost = cost_of(0) * static_cast<double>(best_open.size());
    }
  }

  LocationResult result;
  result.method = "randomised greedy + redundancy removal + MCLP reduction";
  result.open = best_open;
  std::size_t unreachable = 0;
  assign_to_nearest(problem, result.open, result.assignment, unreachable);
  result.unreachable_demands = uncoverable;
  result.objective = best_cost;
  result.iterations = options.restarts + 1;

  if (options.lagrangian_bound) {
    // Beasley (1990): relax the covering rows with u_i >= 0; a site opens when its cost is below the
    // sum of the multipliers of what it covers.
    result.method += "; Lagrangian bound";
    std::vector<double> u(n, 0.0), gradient(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (!coverable[i]) continue;
      double cheapest = std::numeric_limits<double>::infinity();
      for (Index j : sets.covering(i)) {
        cheapest = std::min(cheapest, cost_of(j) / static_cast<double>(sets.covered_by(j).size()));
      }
      u[i] = cheapest;
    }
    double best = -std::numeric_limits<double>::infinity();
    double theta = 2.0;
    std::size_t idle = 0;
    std::vector<std::uint8_t> take(m);
    for (std::size_t it = 0; it < 1000 && theta > 1e-4; ++it) {
      if ((it & 15) == 0 && control.should_stop()) break;
      double value = 0;
      for (std::size_t i = 0; i < n; ++i) value += coverable[i] ? u[i] : 0.0;
      for (Index j = 0; j < m; ++j) {
        take[j] = 0;
        if (problem.is_excluded(j)) continue;
        double reduced = cost_of(j);
        for (Index i : sets.covered_by(j)) reduced -= coverable[i] ? u[i] : 0.0;
        if (reduced < 0 || problem.is_fixed(j)) {
          take[j] = 1;
          value += reduced;
        }
      }
      if (value > best + 1e-12) {
        best = value;
        idle = 0;
      } else if (++idle >= 25) {
        theta *= 0.5;
        idle = 0;
      }
      const double target = unit_costs ? std::ceil(best / cost_of(0) - 1e-6) * cost_of(0) : best;
      if (target >= best_cost - 1e-9) break;
      for (std::size_t i = 0; i < n; ++i) gradient[i] = coverable[i] ? 1.0 : 0.0;
      for (Index j = 0; j < m; ++j) {
        if (!take[j]) continue;
        for (Index i : sets.covered_by(j)) gradient[i] -= coverable[i] ? 1.0 : 0.0;
      }
      double norm = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (u[i] <= 0 && gradient[i] < 0) gradient[i] = 0;  // projected: u stays >= 0
        norm += gradient[i] * gradient[i];
      }
      if (norm == 0) break;
      const double step = theta * (best_cost - value) / norm;
      for (std::size_t i = 0; i < n; ++i) u[i] = std::max(0.0, u[i] + step * gradient[i]);
    }
    result.bound = best;
    if (unit_costs) result.bound = std::ceil(best / cost_of(0) - 1e-6) * cost_of(0);
    set_gap(result, true, false);
  }
  return result;
}

LocationResult solve_p_center(const LocationProblem& problem, const PCenterOptions& options, RunControl& control) {
  problem.validate();
  validate_facility_count(problem, options.p, "p-center");
  const std::size_t n = problem.demand_count();
  const std::size_t m = problem.candidate_count();

  // Every counted demand needs some allowed site: its cheapest one bounds the optimum from below.
  double trivial_bound = 0;
  std::size_t unreachable = 0;
  std::vector<double> values;
  for (std::size_t i = 0; i < n; ++i) {
    if (problem.weight_of(i) <= 0) continue;
    double cheapest = k_unreachable;
    const auto row = problem.cost.row(i);
    for (Index j = 0; j < m; ++j) {
      if (problem.is_excluded(j) || !std::isfinite(row[j])) continue;
      cheapest = std::min(cheapest, row[j]);
      values.push_back(row[j]);
    }
    if (std::isfinite(cheapest)) {
      trivial_bound = std::max(trivial_bound, cheapest);
    } else {
      ++unreachable;
    }
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  values.erase(values.begin(), std::lower_bound(values.begin(), values.end(), trivial_bound));

  auto radius_of = [&](std::span<const Index> open) {
    double worst = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (problem.weight_of(i) <= 0) continue;
      double nearest = k_unreachable;
      for (Index j : open) nearest = std::min(nearest, problem.cost(i, j));
      if (std::isfinite(nearest)) worst = std::max(worst, nearest);
    }
    return worst;
  };

  // A first solution from the p-median search (its radius is feasible).
  PMedianOptions start;
  start.p = options.p;
  start.seed = options.seed;
  start.lagrangian_bound = false;
  start.max_shakes_without_improvement = 20;
  std::vector<Index> best_open = solve_p_median(problem, start, control).open;
  double best_radius = radius_of(best_open);

  LocationResult result;
  result.method = "bisection over radii with MCLP search and Lagrangian bound";
  // Bisection over the distinct costs: lo = index of the largest radius known infeasible (-1: none),
  // hi = index of a radius known feasible.
  std::ptrdiff_t lo = -1;
  std::ptrdiff_t proven_lo = -1;  // largest index proven infeasible by the bound
  auto hi = std::lower_bound(values.begin(), values.end(), best_radius) - values.begin();
  while (hi - lo > 1) {
    if (control.should_stop()) {
      result.stopped_early = true;
      break;
    }
    const std::ptrdiff_t mid = lo + (hi - lo) / 2;
    const CoverSets sets = build_cover_sets(problem, values[static_cast<std::size_t>(mid)], true);
    const double everything = sets.coverable_weight();
    const auto search = max_covering_search(problem, sets, options.p, options.seed, 40, true, control);
    ++result.iterations;
    if (search.covered >= everything - 1e-9) {
      hi = mid;
      best_open = search.open;
      best_radius = radius_of(best_open);
      hi = std::min(hi, std::lower_bound(values.begin(), values.end(), best_radius) - values.begin());
    } else {
      lo = mid;
      if (!std::isnan(search.bound) && search.bound < everything - 1e-9) proven_lo = mid;
    }
  }
  result.open = best_open;
  std::sort(result.open.begin(), result.open.end());
  std::size_t ignored = 0;
  assign_to_nearest(problem, result.open, result.assignment, ignored);
  result.unreachable_demands = unreachable;
  result.objective = best_radius;
  result.bound = proven_lo >= 0 && static_cast<std::size_t>(proven_lo + 1) < values.size()
                     ? values[static_cast<std::size_t>(proven_lo + 1)]
                     : (values.empty() ? trivial_bound : values.front());
  set_gap(result, true, false);
  return result;
}

}  // namespace quhua::algorithms::facility
