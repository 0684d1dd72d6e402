#include "quhua/algorithms/mcda/ahp.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <array>
#include <cmath>
#include <optional>

namespace quhua::mcda {

double saaty_random_index(std::size_t n) {
  static constexpr std::array<double, 11> k_ri{0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
  if (n == 0) throw UsageError("an AHP matrix needs at least one element");
  if (n >= k_ri.size()) {
    throw UsageError("an AHP matrix of " + std::to_string(n) +
                     " elements is beyond Saaty's random index table (n <= 10); group the criteria into a "
                     "hierarchy of smaller matrices");
  }
  return k_ri[n];
}

void validate_pairwise(const PairwiseMatrix& matrix, const AhpOptions& options) {
  const std::size_t n = matrix.size();
  const ErrorContext where{matrix.name, "", "", ""};
  if (n == 0) throw InputError(ErrorCode::input_value, "AHP matrix is empty", where);
  if (matrix.values.size() != n * n) {
    throw InputError(ErrorCode::input_format, "AHP matrix is not square", where);
  }
  auto entry = [&](std::size_t i, std::size_t j) { return matrix.labels[i] + " vs " + matrix.labels[j]; };
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double a = matrix.at(i, j);
      if (!std::isfinite(a) || !(a > 0)) {
        throw InputError(ErrorCode::input_value, "judgement must be a positive number, not " + util::fixed(a, 6),
                         ErrorContext{matrix.name, "", entry(i, j), ""});
      }
      if (i == j && std::abs(a - 1.0) > 1e-9) {
        throw InputError(ErrorCode::input_value, "a diagonal judgement must be 1, not " + util::fixed(a, 6),
                         ErrorContext{matrix.name, "", entry(i, j), ""});
      }
      if (i < j && std::abs(a * matrix.at(j, i) - 1.0) > options.reciprocal_tolerance) {
        throw InputError(ErrorCode::input_value,
                         "judgements are not reciprocal: a_ij = " + util::fixed(a, 4) +
                             " but a_ji = " + util::fixed(matrix.at(j, i), 4) + " (a_ji must be 1 / a_ij)",
                         ErrorContext{matrix.name, "", entry(i, j), ""});
      }
    }
  }
}

AhpResult ahp_priorities(const PairwiseMatrix& matrix, const AhpOptions& options) {
  validate_pairwise(matrix, options);
  const std::size_t n = matrix.size();
  AhpResult out;
  out.ri = saaty_random_index(n);
  // Power iteration on a positive matrix converges to the Perron vector (Perron-Frobenius); with the
  // iterate scaled to Σ w = 1, Σ_i (A w)_i converges to λmax.
  std::vector<double> w(n, 1.0 / static_cast<double>(n)), next(n);
  double lambda = 0;
  for (out.iterations = 1; out.iterations <= options.max_iterations; ++out.iterations) {
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0;
      for (std::size_t j = 0; j < n; ++j) s += matrix.at(i, j) * w[j];
      next[i] = s;
    }
    lambda = 0;
    for (double v : next) lambda += v;
    double change = 0;
    for (std::size_t i = 0; i < n; ++i) {
      next[i] /= lambda;
      change = std::max(change, std::abs(next[i] - w[i]));
    }
    w.swap(next);
    if (change < options.tolerance) break;
  }
  if (out.iterations > options.max_iterations) {
    throw InternalError("AHP power iteration did not converge for " + matrix.name);
  }
  out.weights = w;
  out.lambda_max = lambda;
  if (n > 2) {
    out.ci = (lambda - static_cast<double>(n)) / static_cast<double>(n - 1);
    out.cr = out.ci / out.ri;
  }
  double worst = -1;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double deviation = std::abs(std::log(matrix.at(i, j) * w[j] / w[i]));
      if (deviation > worst) {
        worst = deviation;
        out.worst_i = i;
        out.worst_j = j;
        out.worst_ratio = w[i] / w[j];
      }
    }
  }
  return out;
}

void require_consistent(const PairwiseMatrix& matrix, const AhpResult& result, const AhpOptions& options) {
  if (result.cr < options.max_cr) return;
  std::string message = "AHP matrix '" + matrix.name + "' is not consistent enough: CR = " + util::fixed(result.cr, 3) +
                        " >= " + util::fixed(options.max_cr, 2) +
                        " (lambda_max = " + util::fixed(result.lambda_max, 3) + ", CI = " + util::fixed(result.ci, 3) +
                        ", RI = " + util::fixed(result.ri, 2) + ", n = " + std::to_string(matrix.size()) +
                        "); revise the judgements";
  if (matrix.size() > 2) {
    message += ", starting with " + matrix.labels[result.worst_i] + " vs " + matrix.labels[result.worst_j] +
               " (given " + util::fixed(matrix.at(result.worst_i, result.worst_j), 3) +
               ", the other judgements imply about " + util::fixed(result.worst_ratio, 3) + ")";
  }
  throw InputError(ErrorCode::input_value, message, ErrorContext{matrix.name, "", "", ""});
}

namespace {

std::optional<double> parse_judgement(std::string_view text) {
  text = util::trim(text);
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return util::parse_double(text);
  const auto num = util::parse_double(text.substr(0, slash));
  const auto den = util::parse_double(text.substr(slash + 1));
  if (!num || !den || !(*den > 0)) return std::nullopt;
  return *num / *den;
}

}  // namespace

PairwiseMatrix pairwise_from_table(const util::CsvTable& table, const std::string& name) {
  PairwiseMatrix m;
  m.name = name;
  const std::size_t n = table.rows.size();
  if (n == 0 || table.header.size() != n + 1) {
    throw InputError(ErrorCode::input_format,
                     "an AHP matrix file has a header of n labels after a corner cell and n rows of a label and n "
                     "judgements; found " +
                         std::to_string(table.header.size()) + " header cells and " + std::to_string(n) + " rows",
                     ErrorContext{name, "", "", ""});
  }
  for (std::size_t i = 0; i < n; ++i) m.labels.emplace_back(util::trim(table.header[i + 1]));
  m.values.assign(n * n, std::nan(""));
  for (std::size_t i = 0; i < n; ++i) {
    const auto& row = table.rows[i];
    const std::string line = "line " + std::to_string(i < table.row_lines.size() ? table.row_lines[i] : i + 2);
    if (std::string(util::trim(row[0])) != m.labels[i]) {
      throw InputError(ErrorCode::input_format,
                       "row label '" + std::string(util::trim(row[0])) + "' differs from column label '" + m.labels[i] +
                           "' (rows must be in the header's order)",
                       ErrorContext{name, "", line, ""});
    }
    for (std::size_t j = 0; j < n; ++j) {
      const std::string_view cell = util::trim(row[j + 1]);
      if (cell.empty()) continue;  // filled below
      const auto value = parse_judgement(cell);
      if (!value) {
        throw InputError(ErrorCode::input_value, "not a judgement: '" + std::string(cell) + "'",
                         ErrorContext{name, "", line, m.labels[j]});
      }
      m.values[i * n + j] = *value;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(m.values[i * n + i])) m.values[i * n + i] = 1.0;
    for (std::size_t j = 0; j < n; ++j) {
      if (!std::isnan(m.values[i * n + j])) continue;
      const double mirror = m.values[j * n + i];
      if (i > j && !std::isnan(mirror) && mirror > 0) {
        m.values[i * n + j] = 1.0 / mirror;
      } else {
        throw InputError(ErrorCode::input_value, "missing judgement (only cells below the diagonal may be left empty)",
                         ErrorContext{name, "", m.labels[i] + " vs " + m.labels[j], ""});
      }
    }
  }
  return m;
}

}  // namespace quhua::mcda
