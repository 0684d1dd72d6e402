#include "quhua/algorithms/facility/location_problem.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cmath>

namespace quhua::algorithms::facility {

double CostMatrix::max_finite() const {
  double best = 0;
  for (double c : m_cost) {
    if (std::isfinite(c)) best = std::max(best, c);
  }
  return best;
}

std::size_t LocationProblem::fixed_count() const {
  return static_cast<std::size_t>(std::count_if(fixed_open.begin(), fixed_open.end(), [](auto f) { return f != 0; }));
}

std::size_t LocationProblem::allowed_count() const {
  const auto excluded_count =
      static_cast<std::size_t>(std::count_if(excluded.begin(), excluded.end(), [](auto f) { return f != 0; }));
  return candidate_count() - excluded_count;
}

double LocationProblem::total_weight() const {
  double total = 0;
  for (std::size_t i = 0; i < demand_count(); ++i) total += weight_of(i);
  return total;
}

void LocationProblem::validate() const {
  const std::size_t n = demand_count();
  const std::size_t m = candidate_count();
  if (!weight.empty() && weight.size() != n) {
    throw UsageError("location problem: " + std::to_string(weight.size()) + " weights for " + std::to_string(n) +
                     " demand points");
  }
  if (!fixed_open.empty() && fixed_open.size() != m) throw UsageError("location problem: fixed-open flags size");
  if (!excluded.empty() && excluded.size() != m) throw UsageError("location problem: excluded flags size");
  for (std::size_t i = 0; i < weight.size(); ++i) {
    if (!(weight[i] >= 0) || !std::isfinite(weight[i])) {
      throw UsageError("location problem: demand " + std::to_string(i) + " has a negative or invalid weight");
    }
  }
  for (double c : cost.values()) {
    if (std::isnan(c) || c < 0) throw UsageError("location problem: a cost is negative or NaN");
  }
  // Weighted costs, their sums and the penalty that stands for an unserved demand must stay finite and
  // exact: an infinite or NaN objective makes every comparison false and a search never ends.
  const double pairs = (static_cast<double>(n) + 1) * (static_cast<double>(n) + 1);
  const double limit = k_max_weighted_total / pairs;
  double total_weight = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = weight_of(i);
    total_weight += w;
    double largest = 0;
    for (double c : cost.row(i)) {
      if (std::isfinite(c)) largest = std::max(largest, c);
    }
    if (!(w * largest <= limit)) {
      throw InputError(ErrorCode::input_value,
                       "demand point " + std::to_string(i + 1) + ": weight " + util::general(w) + " x cost " +
                           util::general(largest) + " is too large to add up (at most " + util::general(limit) +
                           " for " + std::to_string(n) + " demand points); rescale the weights or costs");
    }
  }
  if (!(total_weight <= limit)) {
    throw InputError(ErrorCode::input_value, "the demand weights sum to " + util::general(total_weight) +
                                                 ", too large to add up (at most " + util::general(limit) +
                                                 "); rescale the weights");
  }
  for (std::size_t j = 0; j < m; ++j) {
    if (is_fixed(j) && is_excluded(j)) {
      throw UsageError("location problem: candidate " + std::to_string(j) + " is both fixed open and excluded");
    }
  }
}

void set_gap(LocationResult& result, bool minimise, bool integral, double tolerance) {
  if (std::isnan(result.bound) || std::isnan(result.objective)) return;
  double bound = result.bound;
  if (integral) bound = minimise ? std::ceil(bound - 1e-6) : std::floor(bound + 1e-6);
  // A bound can never be on the wrong side of a feasible objective; rounding noise can put it there.
  bound = minimise ? std::min(bound, result.objective) : std::max(bound, result.objective);
  result.bound = bound;
  const double diff = std::abs(result.objective - bound);
  result.gap = result.objective == 0 ? (diff == 0 ? 0.0 : 1.0) : diff / std::abs(result.objective);
  if (result.gap <= tolerance) {
    result.gap = 0;
    result.proven_optimal = true;
  }
}

double assign_to_nearest(const LocationProblem& problem, std::span<const Index> open, std::vector<Index>& assignment,
                         std::size_t& unreachable) {
  const std::size_t n = problem.demand_count();
  assignment.assign(n, k_unassigned);
  unreachable = 0;
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = problem.cost.row(i);
    double best = k_unreachable;
    for (Index j : open) {
      if (row[j] < best) {
        best = row[j];
        assignment[i] = j;
      }
    }
    if (std::isfinite(best)) {
      total += problem.weight_of(i) * best;
    } else {
      assignment[i] = k_unassigned;
      if (problem.weight_of(i) > 0) ++unreachable;
    }
  }
  return total;
}

bool has_integral_data(const LocationProblem& problem) {
  for (double c : problem.cost.values()) {
    if (std::isfinite(c) && c != std::floor(c)) return false;
  }
  for (double w : problem.weight) {
    if (w != std::floor(w)) return false;
  }
  return true;
}

void validate_facility_count(const LocationProblem& problem, std::size_t p, const std::string& model) {
  if (p == 0) throw UsageError(model + ": p must be at least 1");
  if (p > problem.allowed_count()) {
    throw UsageError(model + ": p = " + std::to_string(p) + " but only " + std::to_string(problem.allowed_count()) +
                     " candidates may open");
  }
  if (p < problem.fixed_count()) {
    throw UsageError(model + ": p = " + std::to_string(p) + " is below the " + std::to_string(problem.fixed_count()) +
                     " candidates that must stay open");
  }
}

}  // namespace quhua::algorithms::facility
