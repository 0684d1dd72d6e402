// The analytic hierarchy process (层次分析法) for one pairwise comparison matrix: the principal
// eigenvector by power iteration, λmax, the consistency index CI = (λmax − n)/(n − 1), Saaty's random
// index RI and the consistency ratio CR = CI / RI (Saaty 1980, "The Analytic Hierarchy Process").
// A matrix with CR ≥ 0.1 is refused by require_consistent() with a message naming the matrix, its CR
// and the judgement that disagrees most with the derived weights.
#pragma once

#include "quhua/util/csv.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace quhua::mcda {

/// A positive reciprocal matrix a_ij = how many times element i matters more than element j.
struct PairwiseMatrix {
  std::string name;                 ///< for messages: file name or "criteria"
  std::vector<std::string> labels;  ///< one per row/column
  std::vector<double> values;       ///< row-major n × n
  std::size_t size() const { return labels.size(); }
  double at(std::size_t i, std::size_t j) const { return values[i * size() + j]; }
};

struct AhpOptions {
  int max_iterations = 100000;  ///< power-iteration cap (convergence is geometric; a few dozen suffice)
  double tolerance = 1e-13;     ///< stop when max |w_new − w| is below this
  /// a_ij · a_ji must be 1 within this relative tolerance ("0.33" for 1/3 is accepted).
  double reciprocal_tolerance = 0.02;
  double max_cr = 0.1;  ///< Saaty's threshold: CR ≥ max_cr is refused by require_consistent
};

struct AhpResult {
  std::vector<double> weights;  ///< principal right eigenvector, Σ = 1
  double lambda_max = 0;
  double ci = 0;  ///< (λmax − n) / (n − 1); 0 for n ≤ 2
  double ri = 0;  ///< Saaty's random index for n
  double cr = 0;  ///< CI / RI; 0 for n ≤ 2 (every 1×1 and 2×2 reciprocal matrix is consistent)
  int iterations = 0;
  /// The judgement a_ij (i < j) farthest from the derived ratio w_i / w_j (largest |ln(a_ij w_j / w_i)|):
  /// the first one to revisit when CR is too high.
  std::size_t worst_i = 0, worst_j = 0;
  double worst_ratio = 1;  ///< w_i / w_j at the worst judgement
};

/// Saaty's random consistency index RI(n) for n = 1..10: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
/// 1.45, 1.49 (Saaty 1980, Table 1.7; the table Saaty 1990 reprints). Throws UsageError for n > 10
/// (split the criteria into a hierarchy: Saaty advises at most 7 ± 2 elements per matrix).
double saaty_random_index(std::size_t n);

/// Checks the matrix (square, positive, finite, unit diagonal, reciprocal within tolerance) and throws
/// InputError naming the matrix and the entry otherwise.
void validate_pairwise(const PairwiseMatrix& matrix, const AhpOptions& options = {});

/// Priorities and consistency of a valid matrix (validate_pairwise is called first). Does not refuse
/// inconsistent matrices: see require_consistent.
AhpResult ahp_priorities(const PairwiseMatrix& matrix, const AhpOptions& options = {});

/// Throws InputError when result.cr ≥ options.max_cr: "AHP matrix 'criteria.csv' is not consistent
/// enough: CR = 0.169 >= 0.10 (λmax = 9.669, CI = 0.238, RI = 1.41) ...".
void require_consistent(const PairwiseMatrix& matrix, const AhpResult& result, const AhpOptions& options = {});

/// Reads a square table: the header is an empty (or any) corner cell followed by the labels; each row
/// starts with the label (same order as the header) followed by n judgements. A judgement is a number
/// or a fraction "1/3"; cells below the diagonal may be left empty and are filled with reciprocals;
/// the diagonal may be empty (taken as 1).
PairwiseMatrix pairwise_from_table(const util::CsvTable& table, const std::string& name);

}  // namespace quhua::mcda
