#include "quhua/metrics/inequality.hpp"

#include "quhua/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quhua::metrics {
namespace {

void check(std::span<const double> values, std::span<const double> weights) {
  if (!weights.empty() && weights.size() != values.size()) {
    throw UsageError("inequality: " + std::to_string(weights.size()) + " weights for " + std::to_string(values.size()) +
                     " values");
  }
  for (double v : values) {
    if (!(v >= 0) || !std::isfinite(v)) throw UsageError("inequality: values must be finite and non-negative");
  }
  for (double w : weights) {
    if (!(w >= 0) || !std::isfinite(w)) throw UsageError("inequality: weights must be finite and non-negative");
  }
}

double weight_at(std::span<const double> weights, std::size_t i) { return weights.empty() ? 1.0 : weights[i]; }

}  // namespace

double gini(std::span<const double> values, std::span<const double> weights) {
  check(values, weights);
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  double people = 0, amount = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    people += weight_at(weights, i);
    amount += weight_at(weights, i) * values[i];
  }
  if (people <= 0 || amount <= 0) return 0;
  double area = 0, cumulative = 0;  // twice the area under the Lorenz curve
  for (std::size_t i : order) {
    const double p = weight_at(weights, i) / people;
    const double share = weight_at(weights, i) * values[i] / amount;
    area += p * (2 * cumulative + share);
    cumulative += share;
  }
  return std::max(0.0, 1 - area);
}

double theil(std::span<const double> values, std::span<const double> weights) {
  check(values, weights);
  double people = 0, amount = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    people += weight_at(weights, i);
    amount += weight_at(weights, i) * values[i];
  }
  if (people <= 0 || amount <= 0) return 0;
  const double mean = amount / people;
  double t = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double ratio = values[i] / mean;
    if (ratio > 0) t += weight_at(weights, i) / people * ratio * std::log(ratio);
  }
  return std::max(0.0, t);
}

TheilDecomposition theil_decomposition(std::span<const double> values, std::span<const double> weights,
                                       std::span<const std::uint32_t> groups) {
  check(values, weights);
  if (groups.size() != values.size()) throw UsageError("inequality: one group id per value is needed");
  TheilDecomposition out;
  out.total = theil(values, weights);
  const std::size_t group_count = groups.empty() ? 0 : *std::max_element(groups.begin(), groups.end()) + 1;
  std::vector<double> people(group_count, 0.0), amount(group_count, 0.0);
  double all_people = 0, all_amount = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double w = weight_at(weights, i);
    people[groups[i]] += w;
    amount[groups[i]] += w * values[i];
    all_people += w;
    all_amount += w * values[i];
  }
  out.group_theil.assign(group_count, 0.0);
  out.group_share.assign(group_count, 0.0);
  if (all_amount <= 0) return out;
  std::vector<std::vector<double>> group_values(group_count), group_weights(group_count);
  for (std::size_t i = 0; i < values.size(); ++i) {
    group_values[groups[i]].push_back(values[i]);
    group_weights[groups[i]].push_back(weight_at(weights, i));
  }
  const double mean = all_amount / all_people;
  for (std::size_t g = 0; g < group_count; ++g) {
    out.group_theil[g] = theil(group_values[g], group_weights[g]);
    out.group_share[g] = amount[g] / all_amount;
    out.within += out.group_share[g] * out.group_theil[g];
    if (people[g] > 0 && amount[g] > 0) {
      const double ratio = (amount[g] / people[g]) / mean;
      out.between += people[g] / all_people * ratio * std::log(ratio);
    }
  }
  return out;
}

}  // namespace quhua::metrics
