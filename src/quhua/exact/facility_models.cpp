#include "quhua/exact/facility_models.hpp"

#include "quhua/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace quhua::exact {
namespace {

using facility::Index;
using facility::k_unassigned;
using facility::LocationProblem;
using facility::LocationResult;

/// One binary y_j per candidate, fixed to 1 or 0 where the problem says so; returns their indices.
std::vector<int> add_site_variables(MipModel& model, const LocationProblem& problem, double objective = 0) {
  std::vector<int> y(problem.candidate_count());
  for (std::size_t j = 0; j < y.size(); ++j) {
    const double lower = problem.is_fixed(j) ? 1 : 0;
    const double upper = problem.is_excluded(j) ? 0 : 1;
    y[j] = model.add_variable(lower, upper, objective, VariableKind::binary);
  }
  return y;
}

void add_count(MipModel& model, const std::vector<int>& y, double lower, double upper) {
  const std::vector<double> ones(y.size(), 1.0);
  model.add_constraint(y, ones, lower, upper);
}

/// Reads the open sites from a solution, fills status, bound and gap. `minimise` for the sign.
LocationResult read_result(const MipResult& mip, const std::vector<int>& y, bool minimise) {
  LocationResult result;
  result.method = "MIP (COIN-OR CBC)";
  result.iterations = static_cast<std::size_t>(mip.nodes);
  if (!mip.has_solution()) {
    result.stopped_early = mip.status == MipStatus::no_solution;
    return result;
  }
  for (std::size_t j = 0; j < y.size(); ++j) {
    if (mip.values[static_cast<std::size_t>(y[j])] > 0.5) result.open.push_back(static_cast<Index>(j));
  }
  result.objective = mip.objective;
  result.bound = mip.best_bound;
  result.proven_optimal = mip.status == MipStatus::optimal;
  result.stopped_early = mip.status == MipStatus::feasible;
  facility::set_gap(result, minimise, false);
  if (mip.status == MipStatus::optimal) {
    result.gap = 0;
    result.proven_optimal = true;
  }
  return result;
}

/// Assignment variables x_ij for reachable pairs, each demand assigned once, x_ij <= y_j. Returns
/// per demand the (candidate, variable) pairs. `objective(i, j)` is x_ij's objective coefficient.
template <typename Objective>
std::vector<std::vector<std::pair<Index, int>>> add_assignment(MipModel& model, const LocationProblem& problem,
                                                               const std::vector<int>& y, bool binary,
                                                               Objective objective) {
  std::vector<std::vector<std::pair<Index, int>>> x(problem.demand_count());
  for (std::size_t i = 0; i < problem.demand_count(); ++i) {
    std::vector<int> row;
    for (Index j = 0; j < problem.candidate_count(); ++j) {
      if (!std::isfinite(problem.cost(i, j)) || problem.is_excluded(j)) continue;
      const int v = model.add_variable(0, 1, objective(i, j), binary ? VariableKind::binary : VariableKind::continuous);
      x[i].emplace_back(j, v);
      row.push_back(v);
      const std::vector<int> link{v, y[j]};
      model.add_constraint(link, std::vector<double>{1.0, -1.0}, -k_infinity, 0);
    }
    if (!row.empty()) model.add_constraint(row, std::vector<double>(row.size(), 1.0), 1, 1);
  }
  return x;
}

std::size_t count_unreachable(const LocationProblem& problem,
                              const std::vector<std::vector<std::pair<Index, int>>>& x) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < x.size(); ++i) count += (x[i].empty() && problem.weight_of(i) > 0) ? 1 : 0;
  return count;
}

/// A demand's covering candidates (cost within radius, not excluded).
std::vector<int> covering_sites(const LocationProblem& problem, std::size_t i, double radius,
                                const std::vector<int>& y) {
  std::vector<int> out;
  for (Index j = 0; j < problem.candidate_count(); ++j) {
    if (!problem.is_excluded(j) && problem.cost(i, j) <= radius) out.push_back(y[j]);
  }
  return out;
}

}  // namespace

facility::LocationResult solve_p_median_mip(const LocationProblem& problem, std::size_t p, const MipOptions& options) {
  problem.validate();
  MipModel model;
  const auto y = add_site_variables(model, problem);
  add_count(model, y, static_cast<double>(p), static_cast<double>(p));
  const auto x = add_assignment(model, problem, y, false,
                                [&](std::size_t i, Index j) { return problem.weight_of(i) * problem.cost(i, j); });
  auto result = read_result(model.solve(options), y, true);
  if (!result.open.empty()) {
    result.objective = facility::assign_to_nearest(problem, result.open, result.assignment, result.unreachable_demands);
  }
  result.unreachable_demands = count_unreachable(problem, x);
  return result;
}

facility::LocationResult solve_capacitated_p_median_mip(const facility::CapacitatedProblem& problem, std::size_t p,
                                                        const MipOptions& options) {
  problem.validate();
  facility::validate_facility_count(problem.location, p, "capacitated p-median");
  problem.check_capacity(p);
  const LocationProblem& location = problem.location;
  MipModel model;
  const auto y = add_site_variables(model, location);
  add_count(model, y, static_cast<double>(p), static_cast<double>(p));
  const auto x = add_assignment(model, location, y, true,
                                [&](std::size_t i, Index j) { return location.weight_of(i) * location.cost(i, j); });
  // Capacity: sum_i d_i x_ij - Q_j y_j <= 0.
  std::vector<std::vector<int>> vars(location.candidate_count());
  std::vector<std::vector<double>> coefs(location.candidate_count());
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (const auto& [j, v] : x[i]) {
      vars[j].push_back(v);
      coefs[j].push_back(problem.demand_of(i));
    }
  }
  for (Index j = 0; j < location.candidate_count(); ++j) {
    vars[j].push_back(y[j]);
    coefs[j].push_back(-problem.capacity[j]);
    model.add_constraint(vars[j], coefs[j], -k_infinity, 0);
  }
  const MipResult mip = model.solve(options);
  auto result = read_result(mip, y, true);
  result.assignment.assign(location.demand_count(), k_unassigned);
  if (mip.has_solution()) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      for (const auto& [j, v] : x[i]) {
        if (mip.values[static_cast<std::size_t>(v)] > 0.5) result.assignment[i] = j;
      }
    }
  }
  result.unreachable_demands = count_unreachable(location, x);
  return result;
}

facility::LocationResult solve_p_center_mip(const LocationProblem& problem, std::size_t p, const MipOptions& options) {
  // Elloumi, Labbe & Pochet (2004), "A new formulation and resolution method for the p-center
  // problem", INFORMS J. Computing 16: over the sorted distinct costs D_0 < ... < D_K (D_0 the
  // least radius any solution needs), min D_0 + sum_k (D_k - D_{k-1}) u_k with
  // u_k + sum_{j: c_ij < D_k} y_j >= 1 for every demand i: u_k = 1 when the radius reaches D_k. Its LP
  // bound is far stronger than that of the classic min-z model.
  problem.validate();
  const std::size_t n = problem.demand_count();
  const std::size_t m = problem.candidate_count();
  double least = 0;
  std::size_t unreachable = 0;
  std::vector<double> values;
  for (std::size_t i = 0; i < n; ++i) {
    if (problem.weight_of(i) <= 0) continue;
    double cheapest = facility::k_unreachable;
    for (Index j = 0; j < m; ++j) {
      if (problem.is_excluded(j) || !std::isfinite(problem.cost(i, j))) continue;
      cheapest = std::min(cheapest, problem.cost(i, j));
      values.push_back(problem.cost(i, j));
    }
    if (std::isfinite(cheapest)) {
      least = std::max(least, cheapest);
    } else {
      ++unreachable;
    }
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  values.erase(values.begin(), std::lower_bound(values.begin(), values.end(), least));

  MipModel model;
  const auto y = add_site_variables(model, problem);
  add_count(model, y, static_cast<double>(p), static_cast<double>(p));
  std::vector<int> u(values.size(), -1);
  for (std::size_t k = 1; k < values.size(); ++k) {
    u[k] = model.add_variable(0, 1, values[k] - values[k - 1], VariableKind::binary);
    if (k > 1) model.add_constraint(std::vector<int>{u[k - 1], u[k]}, std::vector<double>{1.0, -1.0}, 0, k_infinity);
  }
  for (std::size_t i = 0; i < n && values.size() > 1; ++i) {
    if (problem.weight_of(i) <= 0) continue;
    std::vector<std::pair<double, Index>> row;
    for (Index j = 0; j < m; ++j) {
      if (!problem.is_excluded(j) && std::isfinite(problem.cost(i, j))) row.emplace_back(problem.cost(i, j), j);
    }
    if (row.empty()) continue;
    std::sort(row.begin(), row.end());
    // One row per change of the set {j : c_ij < D_k}: at k just above each of i's costs, and at K.
    std::vector<std::size_t> ks;
    for (const auto& entry : row) {
      const auto k =
          static_cast<std::size_t>(std::upper_bound(values.begin(), values.end(), entry.first) - values.begin());
      if (k >= 2) ks.push_back(k - 1);  // c == D_{k-1}
    }
    ks.push_back(values.size() - 1);
    std::sort(ks.begin(), ks.end());
    ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
    for (std::size_t k : ks) {
      std::vector<int> vars{u[k]};
      for (const auto& [c, j] : row) {
        if (c < values[k]) vars.push_back(y[j]);
      }
      model.add_constraint(vars, std::vector<double>(vars.size(), 1.0), 1, k_infinity);
    }
  }
  const MipResult mip = model.solve(options);
  auto result = read_result(mip, y, true);
  if (!values.empty() && mip.has_solution()) {
    result.bound = values.front() + mip.best_bound;
    std::size_t ignored = 0;
    facility::assign_to_nearest(problem, result.open, result.assignment, ignored);
    double worst = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const Index j = result.assignment[i];
      if (problem.weight_of(i) > 0 && j != k_unassigned) worst = std::max(worst, problem.cost(i, j));
    }
    result.objective = worst;
    facility::set_gap(result, true, false);
    if (mip.status == MipStatus::optimal) {
      result.gap = 0;
      result.proven_optimal = true;
    }
  }
  result.unreachable_demands = unreachable;
  return result;
}

facility::LocationResult solve_max_covering_mip(const LocationProblem& problem,
                                                const facility::CoverageOptions& coverage, std::size_t p,
                                                const MipOptions& options) {
  problem.validate();
  MipModel model;
  model.set_sense(Sense::maximize);
  const auto y = add_site_variables(model, problem);
  add_count(model, y, static_cast<double>(p), static_cast<double>(p));
  for (std::size_t i = 0; i < problem.demand_count(); ++i) {
    if (problem.weight_of(i) <= 0) continue;
    auto sites = covering_sites(problem, i, coverage.radius, y);
    if (sites.empty()) continue;
    const int zi = model.add_variable(0, 1, problem.weight_of(i), VariableKind::continuous);
    // z_i - sum y_j <= 0
    std::vector<double> coefs(sites.size(), -1.0);
    sites.push_back(zi);
    coefs.push_back(1.0);
    model.add_constraint(sites, coefs, -k_infinity, 0);
  }
  auto result = read_result(model.solve(options), y, false);
  if (!result.open.empty()) {
    facility::assign_to_nearest(problem, result.open, result.assignment, result.unreachable_demands);
  }
  return result;
}

facility::LocationResult solve_set_covering_mip(const LocationProblem& problem,
                                                const facility::CoverageOptions& coverage,
                                                const std::vector<double>& site_cost, const MipOptions& options) {
  problem.validate();
  MipModel model;
  std::vector<int> y(problem.candidate_count());
  for (std::size_t j = 0; j < y.size(); ++j) {
    const double cost = site_cost.empty() ? 1.0 : site_cost[j];
    y[j] = model.add_variable(problem.is_fixed(j) ? 1 : 0, problem.is_excluded(j) ? 0 : 1, cost, VariableKind::binary);
  }
  std::size_t uncoverable = 0;
  for (std::size_t i = 0; i < problem.demand_count(); ++i) {
    if (problem.weight_of(i) <= 0) continue;
    const auto sites = covering_sites(problem, i, coverage.radius, y);
    if (sites.empty()) {
      ++uncoverable;
      continue;
    }
    model.add_constraint(sites, std::vector<double>(sites.size(), 1.0), 1, k_infinity);
  }
  auto result = read_result(model.solve(options), y, true);
  if (!result.open.empty()) {
    std::size_t ignored = 0;
    facility::assign_to_nearest(problem, result.open, result.assignment, ignored);
  }
  result.unreachable_demands = uncoverable;
  return result;
}

facility::RelayoutResult solve_relayout_mip(const facility::RelayoutProblem& problem,
                                            const facility::RelayoutOptions& options, const MipOptions& mip_options) {
  problem.validate();
  const LocationProblem location = facility::relayout_location_problem(problem);
  const std::size_t m = problem.sites.size();
  MipModel model;
  // z_jk: site j runs option k. Objective: cost_weight * (option cost - closed cost); the closed
  // costs of all sites are a constant added back below.
  double closed_total = 0;
  std::vector<std::vector<int>> z(m);
  std::vector<int> all_z;
  std::vector<double> all_cost_delta;
  for (std::size_t j = 0; j < m; ++j) {
    const auto& site = problem.sites[j];
    closed_total += site.closed_cost;
    std::vector<int> row;
    for (const auto& option : site.options) {
      const double delta = option.cost - site.closed_cost;
      const int v = model.add_variable(0, site.must_close ? 0 : 1, options.cost_weight * delta, VariableKind::binary);
      z[j].push_back(v);
      all_z.push_back(v);
      all_cost_delta.push_back(delta);
      row.push_back(v);
    }
    model.add_constraint(row, std::vector<double>(row.size(), 1.0), site.must_open ? 1 : 0, 1);
  }
  const double max_open = options.max_open ? static_cast<double>(*options.max_open) : k_infinity;
  model.add_constraint(all_z, std::vector<double>(all_z.size(), 1.0), static_cast<double>(options.min_open), max_open);
  if (options.budget) model.add_constraint(all_z, all_cost_delta, -k_infinity, *options.budget - closed_total);

  // x_ij <= sum_k z_jk; sum_j x_ij = 1 for reachable demands.
  std::vector<std::vector<std::pair<Index, int>>> x(problem.cost.demand_count());
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::vector<int> row;
    for (Index j = 0; j < m; ++j) {
      if (!std::isfinite(problem.cost(i, j)) || problem.sites[j].must_close) continue;
      const int v = model.add_variable(0, 1, location.weight_of(i) * problem.cost(i, j),
                                       problem.capacitated() ? VariableKind::binary : VariableKind::continuous);
      x[i].emplace_back(j, v);
      row.push_back(v);
      std::vector<int> link{v};
      std::vector<double> coefs{1.0};
      for (int zv : z[j]) {
        link.push_back(zv);
        coefs.push_back(-1.0);
      }
      model.add_constraint(link, coefs, -k_infinity, 0);
    }
    if (!row.empty()) model.add_constraint(row, std::vector<double>(row.size(), 1.0), 1, 1);
  }
  if (problem.capacitated()) {
    for (Index j = 0; j < m; ++j) {
      std::vector<int> vars;
      std::vector<double> coefs;
      for (std::size_t i = 0; i < x.size(); ++i) {
        for (const auto& [site, v] : x[i]) {
          if (site != j) continue;
          vars.push_back(v);
          coefs.push_back(problem.demand[i]);
        }
      }
      for (std::size_t k = 0; k < z[j].size(); ++k) {
        const double capacity = problem.sites[j].options[k].capacity;
        vars.push_back(z[j][k]);
        coefs.push_back(-(std::isfinite(capacity) ? capacity : 1e15));
      }
      model.add_constraint(vars, coefs, -k_infinity, 0);
    }
  }

  const MipResult mip = model.solve(mip_options);
  facility::RelayoutResult result;
  result.location.method = "MIP (COIN-OR CBC)";
  result.location.iterations = static_cast<std::size_t>(mip.nodes);
  result.option_of.assign(m, -1);
  result.load.assign(m, 0.0);
  if (!mip.has_solution()) {
    result.feasible = false;
    result.infeasibility = mip.status == MipStatus::infeasible ? "the limits cannot all be met (proven by CBC)"
                                                               : "CBC found no solution in the time allowed";
    result.location.stopped_early = mip.status == MipStatus::no_solution;
    return result;
  }
  for (std::size_t j = 0; j < m; ++j) {
    for (std::size_t k = 0; k < z[j].size(); ++k) {
      if (mip.values[static_cast<std::size_t>(z[j][k])] > 0.5) result.option_of[j] = static_cast<int>(k);
    }
    if (result.option_of[j] >= 0) result.location.open.push_back(static_cast<Index>(j));
  }
  // Capacitated: the solution's x. Uncapacitated: the nearest open site (what an optimal x does; x
  // may split a demand between sites at equal cost).
  result.location.assignment.assign(x.size(), k_unassigned);
  if (!problem.capacitated()) {
    std::size_t ignored = 0;
    facility::assign_to_nearest(location, result.location.open, result.location.assignment, ignored);
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (problem.capacitated()) {
      for (const auto& [j, v] : x[i]) {
        if (mip.values[static_cast<std::size_t>(v)] > 0.5) result.location.assignment[i] = j;
      }
    }
    const Index j = result.location.assignment[i];
    if (j == k_unassigned) {
      if (location.weight_of(i) > 0) ++result.location.unreachable_demands;
      continue;
    }
    result.travel_cost += location.weight_of(i) * problem.cost(i, j);
    result.load[j] += problem.capacitated() ? problem.demand[i] : location.weight_of(i);
  }
  for (std::size_t j = 0; j < m; ++j) {
    result.site_cost += result.option_of[j] >= 0
                            ? problem.sites[j].options[static_cast<std::size_t>(result.option_of[j])].cost
                            : problem.sites[j].closed_cost;
  }
  result.location.objective = result.travel_cost + options.cost_weight * result.site_cost;
  result.location.bound = mip.best_bound + options.cost_weight * closed_total;
  result.location.proven_optimal = mip.status == MipStatus::optimal;
  facility::set_gap(result.location, true, false);
  if (mip.status == MipStatus::optimal) {
    result.location.gap = 0;
    result.location.proven_optimal = true;
  }
  result.location.stopped_early = mip.status == MipStatus::feasible;
  return result;
}

}  // namespace quhua::exact
