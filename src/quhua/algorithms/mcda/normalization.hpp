// Normalisation of a decision matrix, column by column. Which method each ranking uses is fixed and
// documented in docs/keytowns.md:
//   min-max (极差标准化): benefit r = (x − min) / (max − min); cost r = (max − x) / (max − min).
//                         r ∈ [0, 1] and larger is always better afterwards.
//   vector  (向量归一化): r = x / sqrt(Σ_i x²) for both directions; the direction is kept and used
//                         where the ideal points are chosen (TOPSIS, Hwang & Yoon 1981).
#pragma once

#include "quhua/algorithms/mcda/decision_matrix.hpp"

#include <string_view>
#include <vector>

namespace quhua::mcda {

enum class Normalization { min_max, vector };
std::string_view normalization_name(Normalization method);  ///< "min-max" / "vector"

/// The normalised matrix, same shape as the input, row-major.
struct NormalizedMatrix {
  Normalization method = Normalization::vector;
  /// True when the direction has been folded in (min-max): every column is "larger is better".
  bool directions_folded = false;
  std::size_t rows = 0, cols = 0;
  std::vector<double> values;
  double at(std::size_t i, std::size_t j) const { return values[i * cols + j]; }
};

/// Normalises every column. Refuses, naming the column (and the value), what the method cannot
/// divide by: for min-max a constant column (max = min); for vector a column whose values are all 0.
/// @pre matrix.validate() passes.
NormalizedMatrix normalize(const DecisionMatrix& matrix, Normalization method);

}  // namespace quhua::mcda
