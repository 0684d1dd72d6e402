// Scoring alternatives: TOPSIS (Hwang & Yoon 1981) and the simple weighted sum (SAW), and turning
// scores into ranks. The normalisation each uses by default is fixed and documented:
//   TOPSIS:       vector normalisation (Hwang & Yoon's original); min-max may be chosen instead.
//   weighted sum: min-max normalisation (so every indicator lies in [0, 1], larger is better).
#pragma once

#include "quhua/algorithms/mcda/decision_matrix.hpp"
#include "quhua/algorithms/mcda/normalization.hpp"

#include <cstddef>
#include <vector>

namespace quhua::mcda {

/// Every intermediate of TOPSIS, so that a published worked example can be checked step by step.
struct TopsisResult {
  NormalizedMatrix normalized;         ///< r_ij
  std::vector<double> weighted;        ///< v_ij = w_j r_ij, row-major
  std::vector<double> ideal_best;      ///< A+_j: max_i v_ij for benefit, min_i v_ij for cost
  std::vector<double> ideal_worst;     ///< A−_j: min_i v_ij for benefit, max_i v_ij for cost
  std::vector<double> distance_best;   ///< S+_i = sqrt(Σ_j (v_ij − A+_j)²)
  std::vector<double> distance_worst;  ///< S−_i = sqrt(Σ_j (v_ij − A−_j)²)
  std::vector<double> closeness;       ///< C_i = S−_i / (S+_i + S−_i) ∈ [0, 1]; the score
};

/// TOPSIS with `weights` (one per indicator, Σ = 1). With min-max normalisation the directions are
/// already folded, so the ideal is the column maximum everywhere. An alternative with S+ = S− = 0
/// (possible only when every alternative is identical) gets closeness 0.5.
TopsisResult topsis(const DecisionMatrix& matrix, const std::vector<double>& weights,
                    Normalization normalization = Normalization::vector);
/// The same from an already normalised matrix (robustness reuses one normalisation for every draw).
TopsisResult topsis(const DecisionMatrix& matrix, const NormalizedMatrix& normalized,
                    const std::vector<double>& weights);

/// Simple additive weighting: s_i = Σ_j w_j r_ij on min-max normalised (direction-folded) values.
std::vector<double> weighted_sum(const NormalizedMatrix& normalized, const std::vector<double>& weights);

/// Competition ranks ("1224"), rank 1 = highest score; equal scores share the best rank among them.
std::vector<int> ranks_from_scores(const std::vector<double>& scores);

/// Alternatives in order of decreasing score, ties broken by code (so the order is total and stable).
std::vector<std::size_t> order_by_score(const std::vector<double>& scores, const std::vector<std::string>& codes);

}  // namespace quhua::mcda
