// MipModel: a small mixed-integer programming model builder solved by COIN-OR CBC (exact/ is CBC's
// one home). Exact formulations (planner, facility location) build a MipModel and read a MipResult;
// they never see CBC's own types.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace quhua::exact {

constexpr double k_infinity = std::numeric_limits<double>::infinity();

enum class VariableKind { continuous, integer, binary };
enum class Sense { minimize, maximize };

enum class MipStatus {
  optimal,         ///< proven optimal (within the gap tolerance)
  feasible,        ///< a solution was found, optimality not proven (time limit)
  infeasible,      ///< proven infeasible
  unbounded,
  no_solution,     ///< stopped (time limit) before any feasible solution was found
};
std::string_view mip_status_name(MipStatus status);

struct MipOptions {
  double time_limit_s = 60;         ///< wall-clock limit; <= 0: none
  double relative_gap = 1e-9;       ///< stop when (incumbent - bound) / |incumbent| is below this
  int threads = 1;                  ///< CBC threads (1: deterministic)
  bool log = false;                 ///< CBC log on stdout
  std::uint64_t seed = 1;           ///< CBC's random seed, for reproducible runs
};

struct MipResult {
  MipStatus status = MipStatus::no_solution;
  double objective = std::numeric_limits<double>::quiet_NaN();   ///< incumbent value
  double best_bound = std::numeric_limits<double>::quiet_NaN();  ///< proven bound on the optimum
  double gap = std::numeric_limits<double>::quiet_NaN();         ///< relative gap |obj - bound| / |obj|
  std::vector<double> values;  ///< one per variable; empty when no solution
  double seconds = 0;
  std::int64_t nodes = 0;
  bool has_solution() const { return status == MipStatus::optimal || status == MipStatus::feasible; }
};

class MipModel {
 public:
  /// Adds a variable and returns its index. Binary forces bounds [0, 1].
  int add_variable(double lower, double upper, double objective, VariableKind kind = VariableKind::continuous);
  /// Adds lower <= sum(coefficients[k] * x[variables[k]]) <= upper (use ±k_infinity for one side).
  void add_constraint(std::span<const int> variables, std::span<const double> coefficients, double lower, double upper);
  void set_sense(Sense sense) { m_sense = sense; }
  void set_objective(int variable, double coefficient) { m_objective[static_cast<std::size_t>(variable)] = coefficient; }
  /// A known feasible solution to start from (CBC uses it as the first incumbent).
  void set_start(std::vector<double> values) { m_start = std::move(values); }

  std::size_t variable_count() const { return m_lower.size(); }
  std::size_t constraint_count() const { return m_row_lower.size(); }

  /// Solves with CBC (cuts and heuristics on, as the cbc command does).
  MipResult solve(const MipOptions& options = {}) const;

 private:
  std::vector<double> m_lower, m_upper, m_objective;
  std::vector<VariableKind> m_kind;
  std::vector<std::int64_t> m_row_start{0};
  std::vector<int> m_row_index;
  std::vector<double> m_row_value;
  std::vector<double> m_row_lower, m_row_upper;
  std::vector<double> m_start;
  Sense m_sense = Sense::minimize;
};

}  // namespace quhua::exact
