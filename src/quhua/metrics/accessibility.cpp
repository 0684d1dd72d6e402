#include "quhua/metrics/accessibility.hpp"

#include "quhua/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace quhua::metrics {

void CostView::validate() const {
  if (values.size() != rows * cols) {
    throw UsageError("accessibility: a " + std::to_string(rows) + " x " + std::to_string(cols) + " matrix needs " +
                     std::to_string(rows * cols) + " values, got " + std::to_string(values.size()));
  }
}

double DistanceDecay::weight(double cost) const {
  if (!(cost >= 0) || !std::isfinite(cost)) return 0;
  switch (kind) {
    case DecayKind::binary:
      return cost <= catchment ? 1.0 : 0.0;
    case DecayKind::stepwise:
      for (const auto& zone : steps) {
        if (cost <= zone.upper) return zone.weight;
      }
      return 0;
    case DecayKind::gaussian: {
      if (cost > catchment) return 0;
      const double r = cost / catchment;
      const double tail = std::exp(-0.5);
      return (std::exp(-0.5 * r * r) - tail) / (1 - tail);
    }
    case DecayKind::power:
      if (catchment > 0 && cost > catchment) return 0;
      return std::pow(std::max(cost, min_cost), -beta);
    case DecayKind::exponential:
      if (catchment > 0 && cost > catchment) return 0;
      return std::exp(-beta * cost);
  }
  return 0;
}

void DistanceDecay::validate() const {
  if (!(catchment >= 0) || !std::isfinite(catchment)) throw UsageError("accessibility: the catchment must be >= 0");
  if ((kind == DecayKind::binary || kind == DecayKind::gaussian) && !(catchment > 0)) {
    throw UsageError("accessibility: this decay needs a positive catchment (radius or time)");
  }
  if (kind == DecayKind::stepwise) {
    if (steps.empty()) throw UsageError("accessibility: stepwise decay needs at least one zone");
    double previous = -1;
    for (const auto& zone : steps) {
      if (!(zone.upper > previous)) throw UsageError("accessibility: stepwise zones must increase");
      if (!(zone.weight >= 0 && zone.weight <= 1)) throw UsageError("accessibility: zone weights must lie in [0, 1]");
      previous = zone.upper;
    }
  }
  if ((kind == DecayKind::power || kind == DecayKind::exponential) && !(beta > 0)) {
    throw UsageError("accessibility: beta must be positive");
  }
  if (kind == DecayKind::power && !(min_cost > 0)) throw UsageError("accessibility: min cost must be positive");
}

namespace {

void check_sizes(const CostView& costs, std::span<const double> population, std::span<const double> supply) {
  costs.validate();
  if (!population.empty() && population.size() != costs.rows) {
    throw UsageError("accessibility: " + std::to_string(population.size()) + " populations for " +
                     std::to_string(costs.rows) + " demand points");
  }
  if (!supply.empty() && supply.size() != costs.cols) {
    throw UsageError("accessibility: " + std::to_string(supply.size()) + " supplies for " + std::to_string(costs.cols) +
                     " facilities");
  }
  for (double v : population) {
    if (!(v >= 0) || !std::isfinite(v)) throw UsageError("accessibility: a population is negative or invalid");
  }
  for (double v : supply) {
    if (!(v >= 0) || !std::isfinite(v)) throw UsageError("accessibility: a supply is negative or invalid");
  }
}

}  // namespace

CatchmentResult floating_catchment(const CostView& costs, std::span<const double> population,
                                   std::span<const double> supply, const DistanceDecay& decay) {
  check_sizes(costs, population, supply);
  decay.validate();
  CatchmentResult out;
  out.demand_in_reach.assign(costs.cols, 0.0);
  out.supply_ratio.assign(costs.cols, 0.0);
  out.accessibility.assign(costs.rows, 0.0);
  // Step 1: each facility's supply over the (decay-weighted) people in its catchment.
  for (std::size_t i = 0; i < costs.rows; ++i) {
    const double people = population.empty() ? 1.0 : population[i];
    if (people == 0) continue;
    for (std::size_t j = 0; j < costs.cols; ++j) out.demand_in_reach[j] += people * decay.weight(costs(i, j));
  }
  for (std::size_t j = 0; j < costs.cols; ++j) {
    const double s = supply.empty() ? 1.0 : supply[j];
    out.supply_ratio[j] = out.demand_in_reach[j] > 0 ? s / out.demand_in_reach[j] : 0.0;
  }
  // Step 2: each demand point sums the ratios of the facilities within its catchment.
  for (std::size_t i = 0; i < costs.rows; ++i) {
    double a = 0;
    for (std::size_t j = 0; j < costs.cols; ++j) a += out.supply_ratio[j] * decay.weight(costs(i, j));
    out.accessibility[i] = a;
  }
  return out;
}

std::vector<double> potential_accessibility(const CostView& costs, std::span<const double> supply,
                                            const DistanceDecay& decay) {
  check_sizes(costs, {}, supply);
  decay.validate();
  std::vector<double> out(costs.rows, 0.0);
  for (std::size_t i = 0; i < costs.rows; ++i) {
    for (std::size_t j = 0; j < costs.cols; ++j)
      out[i] += (supply.empty() ? 1.0 : supply[j]) * decay.weight(costs(i, j));
  }
  return out;
}

std::vector<double> nearest_cost(const CostView& costs) {
  costs.validate();
  std::vector<double> out(costs.rows, std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < costs.rows; ++i) {
    for (std::size_t j = 0; j < costs.cols; ++j) out[i] = std::min(out[i], costs(i, j));
  }
  return out;
}

ShareWithin share_within(std::span<const double> nearest, std::span<const double> population, double threshold) {
  if (!population.empty() && population.size() != nearest.size()) {
    throw UsageError("accessibility: populations do not match the demand points");
  }
  ShareWithin out;
  out.threshold = threshold;
  for (std::size_t i = 0; i < nearest.size(); ++i) {
    const double people = population.empty() ? 1.0 : population[i];
    out.population_total += people;
    if (nearest[i] <= threshold) out.population_within += people;
  }
  out.share = out.population_total > 0 ? out.population_within / out.population_total : 0.0;
  return out;
}

double weighted_mean(std::span<const double> values, std::span<const double> weights) {
  double sum = 0, total = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) continue;
    const double w = weights.empty() ? 1.0 : weights[i];
    sum += w * values[i];
    total += w;
  }
  return total > 0 ? sum / total : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace quhua::metrics
