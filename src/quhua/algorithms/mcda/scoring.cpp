#include "quhua/algorithms/mcda/scoring.hpp"

#include "quhua/algorithms/mcda/weighting.hpp"
#include "quhua/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quhua::mcda {

TopsisResult topsis(const DecisionMatrix& matrix, const std::vector<double>& weights, Normalization normalization) {
  return topsis(matrix, normalize(matrix, normalization), weights);
}

TopsisResult topsis(const DecisionMatrix& matrix, const NormalizedMatrix& normalized,
                    const std::vector<double>& weights) {
  const std::size_t m = normalized.rows, n = normalized.cols;
  if (m != matrix.rows() || n != matrix.cols()) throw InternalError("topsis: normalised matrix shape differs");
  check_weights(weights, n, "TOPSIS weights");
  TopsisResult out;
  out.normalized = normalized;
  out.weighted.resize(m * n);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      out.weighted[i * n + j] = weights[j] * normalized.at(i, j);
      require_finite(out.weighted[i * n + j], matrix, j, "the weighted normalised value");
    }
  }
  out.ideal_best.resize(n);
  out.ideal_worst.resize(n);
  for (std::size_t j = 0; j < n; ++j) {
    double lo = out.weighted[j], hi = lo;
    for (std::size_t i = 1; i < m; ++i) {
      lo = std::min(lo, out.weighted[i * n + j]);
      hi = std::max(hi, out.weighted[i * n + j]);
    }
    const bool larger_is_better = normalized.directions_folded || matrix.indicators[j].direction == Direction::benefit;
    out.ideal_best[j] = larger_is_better ? hi : lo;
    out.ideal_worst[j] = larger_is_better ? lo : hi;
  }
  out.distance_best.resize(m);
  out.distance_worst.resize(m);
  out.closeness.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    double best = 0, worst = 0;
    for (std::size_t j = 0; j < n; ++j) {
      const double v = out.weighted[i * n + j];
      best += (v - out.ideal_best[j]) * (v - out.ideal_best[j]);
      worst += (v - out.ideal_worst[j]) * (v - out.ideal_worst[j]);
    }
    out.distance_best[i] = std::sqrt(best);
    out.distance_worst[i] = std::sqrt(worst);
    const double sum = out.distance_best[i] + out.distance_worst[i];
    out.closeness[i] = sum > 0 ? out.distance_worst[i] / sum : 0.5;
  }
  return out;
}

std::vector<double> weighted_sum(const NormalizedMatrix& normalized, const std::vector<double>& weights) {
  if (!normalized.directions_folded) {
    throw InternalError("weighted sum needs direction-folded (min-max) normalisation");
  }
  check_weights(weights, normalized.cols, "weighted-sum weights");
  std::vector<double> out(normalized.rows, 0.0);
  for (std::size_t i = 0; i < normalized.rows; ++i) {
    for (std::size_t j = 0; j < normalized.cols; ++j) out[i] += weights[j] * normalized.at(i, j);
  }
  return out;
}

std::vector<int> ranks_from_scores(const std::vector<double>& scores) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  std::vector<int> ranks(scores.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool tie = k > 0 && scores[order[k]] == scores[order[k - 1]];
    ranks[order[k]] = tie ? ranks[order[k - 1]] : static_cast<int>(k) + 1;
  }
  return ranks;
}

std::vector<std::size_t> order_by_score(const std::vector<double>& scores, const std::vector<std::string>& codes) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (scores[a] != scores[b]) return scores[a] > scores[b];
    return codes[a] < codes[b];
  });
  return order;
}

}  // namespace quhua::mcda
