#include "quhua/algorithms/mcda/weighting.hpp"

#include "quhua/algorithms/mcda/normalization.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <cmath>
#include <numeric>

namespace quhua::mcda {

std::string_view entropy_basis_name(EntropyBasis basis) { return basis == EntropyBasis::raw_share ? "raw" : "min-max"; }

EntropyResult entropy_weights(const DecisionMatrix& matrix, EntropyBasis basis) {
  const std::size_t m = matrix.rows(), n = matrix.cols();
  // The values p is built from: raw data, or min-max normalised data.
  std::vector<double> x(matrix.values);
  if (basis == EntropyBasis::min_max) {
    x = normalize(matrix, Normalization::min_max).values;
  } else {
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        if (matrix.at(i, j) < 0) {
          throw InputError(ErrorCode::input_value,
                           "negative value " + util::fixed(matrix.at(i, j), 6) +
                               ": the entropy method on raw values needs values >= 0 (use the min-max basis, or shift "
                               "the indicator)",
                           ErrorContext{matrix.source, "", matrix.describe_row(i), matrix.indicators[j].name});
        }
      }
    }
  }
  EntropyResult out;
  out.basis = basis;
  const double k = 1.0 / std::log(static_cast<double>(m));
  for (std::size_t j = 0; j < n; ++j) {
    double sum = 0;
    for (std::size_t i = 0; i < m; ++i) sum += x[i * n + j];
    require_finite(sum, matrix, j, "the sum");
    if (!(sum > 0)) {
      throw InputError(ErrorCode::input_value,
                       "indicator '" + matrix.indicators[j].name +
                           "' sums to 0 over all units: the entropy method cannot form shares p = x / sum",
                       ErrorContext{matrix.source, "", "", matrix.indicators[j].name});
    }
    double h = 0;
    bool constant = true;
    for (std::size_t i = 0; i < m; ++i) {
      const double p = x[i * n + j] / sum;
      if (p > 0) h -= p * std::log(p);
      constant = constant && x[i * n + j] == x[j];
    }
    // A constant column has e = 1 exactly (uniform shares); rounding must not give it a 1e-15 weight.
    const double e = constant ? 1.0 : k * h;
    out.entropy.push_back(e);
    out.divergence.push_back(std::max(0.0, 1.0 - e));
  }
  const double total = std::accumulate(out.divergence.begin(), out.divergence.end(), 0.0);
  if (!(total > 0)) {
    throw InputError(ErrorCode::input_value,
                     "every indicator has the same value for all units (entropy 1): the entropy method gives no "
                     "weights",
                     ErrorContext{matrix.source, "", "", ""});
  }
  for (double d : out.divergence) out.weights.push_back(d / total);
  return out;
}

void check_weights(const std::vector<double>& weights, std::size_t indicators, std::string_view what) {
  if (weights.size() != indicators) {
    throw UsageError(std::string(what) + ": " + std::to_string(weights.size()) + " weights for " +
                     std::to_string(indicators) + " indicators");
  }
  double sum = 0;
  for (double w : weights) {
    if (!std::isfinite(w) || w < 0) throw UsageError(std::string(what) + ": weights must be finite and >= 0");
    sum += w;
  }
  if (std::abs(sum - 1.0) > 1e-9) {
    throw UsageError(std::string(what) + ": weights sum to " + util::fixed(sum, 9) + ", not 1");
  }
}

std::vector<double> given_weights(const DecisionMatrix& matrix, const std::map<std::string, double>& by_name) {
  for (const auto& [name, w] : by_name) {
    if (!matrix.indicator_index(name)) {
      std::vector<std::string> names;
      for (const auto& indicator : matrix.indicators) names.push_back(indicator.name);
      throw UsageError("a weight is given for '" + name +
                       "', which is not an indicator (indicators: " + util::join(names, ", ") + ")");
    }
    if (!std::isfinite(w) || w < 0) {
      throw UsageError("the weight of '" + name + "' must be a finite number >= 0, not " + util::fixed(w, 6));
    }
  }
  std::vector<double> out;
  double sum = 0;
  for (const auto& indicator : matrix.indicators) {
    const auto it = by_name.find(indicator.name);
    if (it == by_name.end()) {
      throw UsageError("no weight is given for indicator '" + indicator.name +
                       "' (give one for every indicator, 0 to leave it out)");
    }
    out.push_back(it->second);
    sum += it->second;
  }
  if (!(sum > 0)) throw UsageError("the given weights are all 0");
  for (double& w : out) w /= sum;
  return out;
}

std::vector<double> combine_linear(const std::vector<double>& subjective, const std::vector<double>& objective,
                                   double alpha) {
  if (!(alpha >= 0 && alpha <= 1)) throw UsageError("alpha must lie in [0, 1], not " + util::fixed(alpha, 6));
  check_weights(subjective, subjective.size(), "subjective weights");
  check_weights(objective, subjective.size(), "objective weights");
  std::vector<double> out(subjective.size());
  for (std::size_t j = 0; j < out.size(); ++j) out[j] = alpha * subjective[j] + (1 - alpha) * objective[j];
  const double sum = std::accumulate(out.begin(), out.end(), 0.0);
  for (double& w : out) w /= sum;  // exact 1 despite rounding
  return out;
}

std::vector<double> combine_multiplicative(const std::vector<double>& a, const std::vector<double>& b) {
  check_weights(a, a.size(), "first weights");
  check_weights(b, a.size(), "second weights");
  std::vector<double> out(a.size());
  double sum = 0;
  for (std::size_t j = 0; j < out.size(); ++j) {
    out[j] = a[j] * b[j];
    sum += out[j];
  }
  if (!(sum > 0)) {
    throw InputError(ErrorCode::input_value,
                     "multiplicative combination: the two weight vectors have no indicator in common with weight > 0");
  }
  for (double& w : out) w /= sum;
  return out;
}

}  // namespace quhua::mcda
