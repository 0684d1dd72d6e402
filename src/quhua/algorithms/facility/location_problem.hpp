// The data every location-allocation model works on: a dense demand x candidate cost matrix (travel
// time, distance or any additive cost), demand weights (population, pupils), candidates that must stay
// open or may not open, and the result shape all models return. Pure: no files, no clocks.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace quhua::algorithms::facility {

using Index = std::uint32_t;
constexpr Index k_unassigned = 0xFFFFFFFFu;
constexpr double k_unreachable = std::numeric_limits<double>::infinity();
/// Memory a solve takes per demand x candidate pair, every copy counted (the caller's travel matrix, the
/// CostMatrix, the searches' weighted copy and sorted orders): what a caller checks against the machine
/// (util::require_memory) before sizing anything by an input's counts.
constexpr std::size_t k_bytes_per_pair = 32;
/// Largest weighted cost sum the searches work with: a penalty for an unserved demand must exceed the
/// sum of all real costs and still add up exactly, so weight x cost x (n + 1)^2 must stay below this.
constexpr double k_max_weighted_total = 1e300;

/// Demand x candidate costs, row-major (row = demand point, column = candidate site). A cost of
/// k_unreachable (+inf) means the candidate cannot serve the demand (no route).
class CostMatrix {
 public:
  CostMatrix() = default;
  CostMatrix(std::size_t demands, std::size_t candidates, double fill = 0)
      : m_rows(demands), m_cols(candidates), m_cost(demands * candidates, fill) {}

  std::size_t demand_count() const noexcept { return m_rows; }
  std::size_t candidate_count() const noexcept { return m_cols; }
  double operator()(std::size_t demand, std::size_t candidate) const { return m_cost[demand * m_cols + candidate]; }
  double& at(std::size_t demand, std::size_t candidate) { return m_cost[demand * m_cols + candidate]; }
  std::span<const double> row(std::size_t demand) const { return {m_cost.data() + demand * m_cols, m_cols}; }
  const std::vector<double>& values() const noexcept { return m_cost; }
  /// Largest finite entry (0 for an empty or all-unreachable matrix).
  double max_finite() const;

 private:
  std::size_t m_rows = 0;
  std::size_t m_cols = 0;
  std::vector<double> m_cost;
};

/// A demand-weighted location problem. Objectives weigh each demand's cost by `weight` (people).
struct LocationProblem {
  CostMatrix cost;
  std::vector<double> weight;            ///< per demand, >= 0; empty: every demand weighs 1
  std::vector<std::uint8_t> fixed_open;  ///< per candidate, 1 = must be open; empty: none
  std::vector<std::uint8_t> excluded;    ///< per candidate, 1 = may not open; empty: none

  std::size_t demand_count() const { return cost.demand_count(); }
  std::size_t candidate_count() const { return cost.candidate_count(); }
  double weight_of(std::size_t demand) const { return weight.empty() ? 1.0 : weight[demand]; }
  bool is_fixed(std::size_t candidate) const { return !fixed_open.empty() && fixed_open[candidate] != 0; }
  bool is_excluded(std::size_t candidate) const { return !excluded.empty() && excluded[candidate] != 0; }
  std::size_t fixed_count() const;
  std::size_t allowed_count() const;  ///< candidates that are not excluded
  double total_weight() const;

  /// Throws UsageError when sizes disagree, a weight or cost is negative or NaN, or a candidate is
  /// both fixed and excluded; InputError (input_value) naming the demand when its weight times a cost
  /// is so large that sums of them overflow (see k_max_weighted_total), or the weights sum past it.
  void validate() const;
};

/// What every model returns. `objective` is the model's own (total weighted cost for medians, the
/// largest cost for p-center, covered weight for MCLP, facility count or cost for LSCP).
struct LocationResult {
  std::vector<Index> open;        ///< open candidates, ascending
  std::vector<Index> assignment;  ///< per demand: serving candidate, or k_unassigned
  double objective = std::numeric_limits<double>::quiet_NaN();
  /// Best proven bound on the optimum (lower for minimisation, upper for MCLP); NaN when none known.
  double bound = std::numeric_limits<double>::quiet_NaN();
  double gap = std::numeric_limits<double>::quiet_NaN();  ///< |objective - bound| / |objective|
  bool proven_optimal = false;
  bool stopped_early = false;           ///< the RunControl stopped the search (time limit, cancel)
  std::size_t unreachable_demands = 0;  ///< demands (weight > 0) with no open candidate reachable
  std::size_t unassigned_demands = 0;   ///< capacitated models: demands left without a site (no room)
  std::size_t iterations = 0;           ///< search iterations (VNS shakes, restarts)
  std::string method;                   ///< e.g. "greedy+interchange+vns; lagrangian bound"
};

/// Sets `gap` (and `proven_optimal` when the gap closes within `tolerance`) from objective and bound.
/// `integral`: the objective takes integer values only, so a fractional bound rounds towards it.
void set_gap(LocationResult& result, bool minimise, bool integral, double tolerance = 1e-9);

/// Assigns every demand to its cheapest open candidate; returns the weighted cost of the reachable
/// demands and counts the unreachable ones.
double assign_to_nearest(const LocationProblem& problem, std::span<const Index> open, std::vector<Index>& assignment,
                         std::size_t& unreachable);

/// True when every cost and weight is a whole number (then objectives are integral and bounds round up).
bool has_integral_data(const LocationProblem& problem);

/// Checks a facility count for `model` (e.g. "p-median", "p-center"): at least 1, at most the candidates
/// allowed to open, at least those that must stay open. Throws UsageError naming the model.
void validate_facility_count(const LocationProblem& problem, std::size_t p, const std::string& model);

}  // namespace quhua::algorithms::facility
