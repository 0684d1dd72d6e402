#include "quhua/algorithms/mcda/normalization.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cmath>

namespace quhua::mcda {

std::string_view normalization_name(Normalization method) {
  return method == Normalization::min_max ? "min-max" : "vector";
}

NormalizedMatrix normalize(const DecisionMatrix& matrix, Normalization method) {
  const std::size_t m = matrix.rows(), n = matrix.cols();
  NormalizedMatrix out;
  out.method = method;
  out.directions_folded = method == Normalization::min_max;
  out.rows = m;
  out.cols = n;
  out.values.assign(m * n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    const Indicator& indicator = matrix.indicators[j];
    const ErrorContext where{matrix.source, "", "", indicator.name};
    if (method == Normalization::min_max) {
      double lo = matrix.at(0, j), hi = lo;
      for (std::size_t i = 1; i < m; ++i) {
        lo = std::min(lo, matrix.at(i, j));
        hi = std::max(hi, matrix.at(i, j));
      }
      if (!(hi > lo)) {
        throw InputError(ErrorCode::input_value,
                         "indicator '" + indicator.name + "' has the same value (" + util::fixed(lo, 6) +
                             ") for every unit: min-max normalisation divides by max - min = 0 and the indicator "
                             "cannot tell units apart; remove it",
                         where);
      }
      const double range = hi - lo;
      require_finite(range, matrix, j, "max - min");
      for (std::size_t i = 0; i < m; ++i) {
        const double x = matrix.at(i, j);
        out.values[i * n + j] = indicator.direction == Direction::benefit ? (x - lo) / range : (hi - x) / range;
      }
    } else {
      double sum_sq = 0;
      for (std::size_t i = 0; i < m; ++i) sum_sq += matrix.at(i, j) * matrix.at(i, j);
      require_finite(sum_sq, matrix, j, "the sum of squares");
      if (!(sum_sq > 0)) {
        throw InputError(ErrorCode::input_value,
                         "indicator '" + indicator.name +
                             "' is 0 for every unit: vector normalisation divides by its length 0; remove it",
                         where);
      }
      const double norm = std::sqrt(sum_sq);
      for (std::size_t i = 0; i < m; ++i) out.values[i * n + j] = matrix.at(i, j) / norm;
    }
  }
  return out;
}

}  // namespace quhua::mcda
