#include "quhua/exact/mip_model.hpp"

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinMessageHandler.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include <chrono>
#include <cmath>
#include <string>

#include "quhua/util/error.hpp"

namespace quhua::exact {

std::string_view mip_status_name(MipStatus status) {
  switch (status) {
    case MipStatus::optimal: return "optimal";
    case MipStatus::feasible: return "feasible";
    case MipStatus::infeasible: return "infeasible";
    case MipStatus::unbounded: return "unbounded";
    case MipStatus::no_solution: return "no_solution";
  }
  return "no_solution";
}

int MipModel::add_variable(double lower, double upper, double objective, VariableKind kind) {
  if (kind == VariableKind::binary) {
    lower = std::max(lower, 0.0);
    upper = std::min(upper, 1.0);
  }
  m_lower.push_back(lower);
  m_upper.push_back(upper);
  m_objective.push_back(objective);
  m_kind.push_back(kind);
  return static_cast<int>(m_lower.size() - 1);
}

void MipModel::add_constraint(std::span<const int> variables, std::span<const double> coefficients, double lower,
                              double upper) {
  if (variables.size() != coefficients.size()) throw InternalError("MIP constraint: index and value counts differ");
  for (int v : variables) {
    if (v < 0 || static_cast<std::size_t>(v) >= m_lower.size()) throw InternalError("MIP constraint: unknown variable");
  }
  m_row_index.insert(m_row_index.end(), variables.begin(), variables.end());
  m_row_value.insert(m_row_value.end(), coefficients.begin(), coefficients.end());
  m_row_start.push_back(static_cast<std::int64_t>(m_row_index.size()));
  m_row_lower.push_back(lower);
  m_row_upper.push_back(upper);
}

MipResult MipModel::solve(const MipOptions& options) const {
  const auto started = std::chrono::steady_clock::now();
  const int n = static_cast<int>(m_lower.size());
  const int m = static_cast<int>(m_row_lower.size());

  OsiClpSolverInterface solver;
  const double inf = solver.getInfinity();
  auto finite = [inf](double v) { return std::isinf(v) ? (v > 0 ? inf : -inf) : v; };
  std::vector<double> col_lower(m_lower.size()), col_upper(m_upper.size()), row_lower(m_row_lower.size()),
      row_upper(m_row_upper.size());
  for (std::size_t j = 0; j < m_lower.size(); ++j) {
    col_lower[j] = finite(m_lower[j]);
    col_upper[j] = finite(m_upper[j]);
  }
  for (std::size_t i = 0; i < m_row_lower.size(); ++i) {
    row_lower[i] = finite(m_row_lower[i]);
    row_upper[i] = finite(m_row_upper[i]);
  }
  std::vector<CoinBigIndex> starts(m_row_start.begin(), m_row_start.end());
  std::vector<int> lengths(static_cast<std::size_t>(m));
  for (int i = 0; i < m; ++i) lengths[static_cast<std::size_t>(i)] = static_cast<int>(m_row_start[i + 1] - m_row_start[i]);
  const CoinPackedMatrix matrix(false, n, m, static_cast<CoinBigIndex>(m_row_index.size()), m_row_value.data(),
                                m_row_index.data(), starts.data(), lengths.data());
  solver.loadProblem(matrix, col_lower.data(), col_upper.data(), m_objective.data(), row_lower.data(), row_upper.data());
  solver.setObjSense(m_sense == Sense::minimize ? 1.0 : -1.0);
  for (int j = 0; j < n; ++j) {
    if (m_kind[static_cast<std::size_t>(j)] != VariableKind::continuous) solver.setInteger(j);
  }
  if (!options.log) solver.messageHandler()->setLogLevel(0);

  CbcModel model(solver);
  if (!options.log) model.messageHandler()->setLogLevel(0);
  model.setRandomSeed(static_cast<int>(options.seed % 2147483647));
  if (!m_start.empty() && m_start.size() == m_lower.size()) {
    model.setBestSolution(m_start.data(), n, 1e100, true);
  }
  CbcSolverUsefulData data;
  data.noPrinting_ = !options.log;
  CbcMain0(model, data);
  std::vector<std::string> args{"quhua", "-log", options.log ? "1" : "0", "-slog", options.log ? "1" : "0",
                                "-ratioGap", std::to_string(options.relative_gap),
                                "-threads", std::to_string(std::max(1, options.threads))};
  if (options.time_limit_s > 0) {
    args.push_back("-seconds");
    args.push_back(std::to_string(options.time_limit_s));
  }
  args.push_back("-solve");
  args.push_back("-quit");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  CbcMain1(static_cast<int>(argv.size()), argv.data(), model, [](CbcModel*, int) { return 0; }, data);

  MipResult result;
  result.nodes = model.getNodeCount();
  const double* best = model.bestSolution();
  if (best) {
    result.values.assign(best, best + n);
    result.objective = model.getObjValue();
    result.best_bound = model.getBestPossibleObjValue();
    // An integer-free model is an LP: the incumbent is optimal when CBC says so.
    if (model.isProvenOptimal()) result.best_bound = result.objective;
    result.gap = std::abs(result.objective - result.best_bound) / std::max(1e-9, std::abs(result.objective));
  }
  if (model.isProvenInfeasible()) {
    result.status = MipStatus::infeasible;
  } else if (model.isContinuousUnbounded()) {
    result.status = MipStatus::unbounded;
  } else if (best && model.isProvenOptimal()) {
    result.status = MipStatus::optimal;
  } else if (best) {
    result.status = MipStatus::feasible;
  } else {
    result.status = MipStatus::no_solution;
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace quhua::exact
