// Indicator weights that are not AHP (ahp.hpp): the entropy method (objective, from the data), weights
// given by the decision maker, and the two usual ways of combining a subjective and an objective
// vector. Every function returns weights that are ≥ 0 and sum to 1, in the matrix's indicator order.
#pragma once

#include "quhua/algorithms/mcda/decision_matrix.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace quhua::mcda {

/// What the entropy method reads.
///   raw_share (default; Hwang & Yoon 1981, Zeleny 1982): p_ij = x_ij / Σ_i x_ij on the raw values,
///     which must be ≥ 0 with a positive column sum; the direction does not enter (it only says which
///     end is good, not how much a column varies).
///   min_max (common in Chinese practice, 极差标准化后熵权): p_ij = r_ij / Σ_i r_ij on the min-max
///     normalised, direction-folded values r (normalization.hpp); a constant column is refused there.
enum class EntropyBasis { raw_share, min_max };
std::string_view entropy_basis_name(EntropyBasis basis);  ///< "raw" / "min-max"

struct EntropyResult {
  EntropyBasis basis = EntropyBasis::raw_share;
  std::vector<double> entropy;     ///< e_j = −(1/ln m) Σ_i p_ij ln p_ij  (0 ln 0 = 0), in [0, 1]
  std::vector<double> divergence;  ///< d_j = 1 − e_j (clamped at 0 against rounding)
  std::vector<double> weights;     ///< w_j = d_j / Σ_k d_k
};

/// Entropy weights. A column with the same value for every unit has e = 1 and weight 0 (it carries no
/// information); when every column is like that, throws InputError. Negative values (raw basis) throw
/// naming the row and the column.
EntropyResult entropy_weights(const DecisionMatrix& matrix, EntropyBasis basis = EntropyBasis::raw_share);

/// Weights given by name ("POPU" → 3, "GDP" → 1 ...), normalised to sum 1. Every indicator needs one;
/// unknown names, negative or non-finite weights, and an all-zero vector throw UsageError.
std::vector<double> given_weights(const DecisionMatrix& matrix, const std::map<std::string, double>& by_name);

/// α·subjective + (1 − α)·objective, α ∈ [0, 1]; both vectors must have the same size and sum to 1.
std::vector<double> combine_linear(const std::vector<double>& subjective, const std::vector<double>& objective,
                                   double alpha);
/// Multiplicative synthesis w_j = a_j b_j / Σ_k a_k b_k. Throws InputError when Σ a_k b_k = 0 (the two
/// vectors put weight on disjoint indicators).
std::vector<double> combine_multiplicative(const std::vector<double>& a, const std::vector<double>& b);

/// Throws UsageError unless `weights` has one entry per indicator, each finite and ≥ 0, summing to 1
/// within 1e-9. `what` names the vector in the message.
void check_weights(const std::vector<double>& weights, std::size_t indicators, std::string_view what);

}  // namespace quhua::mcda
