// DecisionMatrix: the alternatives (towns, counties ...) × indicators table every MCDA method reads,
// with each indicator's direction (benefit/cost) and unit, and the builders that fill it from a text
// table (CSV/XLSX read by io::read_table) or from a UnitTable. Missing or non-numeric cells are
// refused here, naming the row and the column, so no method downstream ever sees a NaN.
#pragma once

#include "quhua/util/csv.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quhua::model {
class UnitTable;
}

namespace quhua::mcda {

/// Benefit: larger is better (population, GDP). Cost: smaller is better (distance, debt ratio).
enum class Direction { benefit, cost };
std::string_view direction_name(Direction direction);  ///< "benefit" / "cost"
/// "+", "benefit", "max", "正向" -> benefit; "-", "cost", "min", "负向" -> cost. Unknown -> nullopt.
std::optional<Direction> parse_direction(std::string_view text);

struct Indicator {
  std::string name;  ///< column name as in the input (e.g. "POPU")
  Direction direction = Direction::benefit;
  std::string unit;  ///< free text for reports ("persons", "%"); may be empty
};

/// m alternatives × n indicators, row-major. Every value is finite (the builders guarantee it).
struct DecisionMatrix {
  std::vector<std::string> codes;    ///< one per alternative, unique
  std::vector<std::string> names;    ///< one per alternative (may be empty strings)
  std::vector<std::string> parents;  ///< parent code per alternative (empty when unknown)
  std::vector<Indicator> indicators;
  std::vector<double> values;            ///< values[i * n + j]
  std::string source;                    ///< file name, for messages
  std::vector<std::size_t> source_rows;  ///< line/row number in the source per alternative (0: none)

  std::size_t rows() const { return codes.size(); }
  std::size_t cols() const { return indicators.size(); }
  double at(std::size_t i, std::size_t j) const { return values[i * cols() + j]; }
  double& at(std::size_t i, std::size_t j) { return values[i * cols() + j]; }
  std::vector<double> column(std::size_t j) const;
  std::optional<std::size_t> indicator_index(std::string_view name) const;

  /// Throws InputError naming the alternative (row) and indicator (column) of the first
  /// non-finite value, and when sizes disagree, codes repeat, or there are < 2 alternatives or
  /// no indicator.
  void validate() const;
  /// "indicators.csv, feature line 12 (510104)": where alternative i came from, for messages.
  std::string describe_row(std::size_t i) const;
};

/// Throws InputError (input_value) naming the matrix's source and indicator `j` when `value`, an
/// intermediate result computed from that indicator's values (`what`: "the sum of squares", "max - min"
/// ...), is not finite: values so large that arithmetic on them overflows. A method never goes on with
/// such a result, where it would silently drop or distort the indicator.
void require_finite(double value, const DecisionMatrix& matrix, std::size_t j, std::string_view what);

/// How to read a table into a DecisionMatrix.
struct TableColumns {
  std::string code_column = "code";  ///< required
  std::string name_column = "name";  ///< optional: used when present
  /// Column with the parent's code (county of a town). Empty: "parent" or "parent_code" when present,
  /// else derived from the code when it is an NBS division code, else none.
  std::string parent_column;
  /// Indicator columns in order. Empty: every other column (not code/name/parent).
  std::vector<std::string> indicators;
  /// Directions by indicator name; indicators not listed are benefit.
  std::map<std::string, Direction> directions;
  /// Units by indicator name (reports only).
  std::map<std::string, std::string> units;
};

/// Builds a matrix from a text table. Numbers are parsed without locale ("12,345" and "1.5e3" are
/// accepted); an empty or non-numeric cell throws InputError naming `source`, the row's line and
/// code, and the column. Duplicate codes, unknown columns named in `columns`, and direction entries
/// for columns that are not indicators throw too.
DecisionMatrix decision_matrix_from_table(const util::CsvTable& table, const TableColumns& columns,
                                          const std::string& source);

/// Builds a matrix from a UnitTable's named indicators (resident population is available as
/// "resident_population", area as "area_km2"). Parents come from the units' parent codes. `source`
/// names the units in messages (a missing value: source, unit and indicator).
DecisionMatrix decision_matrix_from_units(const model::UnitTable& units, const std::vector<std::string>& indicators,
                                          const std::map<std::string, Direction>& directions = {},
                                          const std::string& source = "unit table");

}  // namespace quhua::mcda
