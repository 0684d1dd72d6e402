#include "quhua/algorithms/mcda/decision_matrix.hpp"

#include "quhua/model/division_code.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

namespace quhua::mcda {

std::string_view direction_name(Direction direction) { return direction == Direction::benefit ? "benefit" : "cost"; }

std::optional<Direction> parse_direction(std::string_view text) {
  const std::string t = util::to_lower_ascii(util::trim(text));
  if (t == "+" || t == "benefit" || t == "max" || t == "positive" || t == "正向" || t == "效益型") {
    return Direction::benefit;
  }
  if (t == "-" || t == "cost" || t == "min" || t == "negative" || t == "负向" || t == "成本型") return Direction::cost;
  return std::nullopt;
}

std::vector<double> DecisionMatrix::column(std::size_t j) const {
  std::vector<double> out(rows());
  for (std::size_t i = 0; i < rows(); ++i) out[i] = at(i, j);
  return out;
}

std::optional<std::size_t> DecisionMatrix::indicator_index(std::string_view name) const {
  for (std::size_t j = 0; j < indicators.size(); ++j) {
    if (indicators[j].name == name) return j;
  }
  return std::nullopt;
}

std::string DecisionMatrix::describe_row(std::size_t i) const {
  std::string out;
  if (i < source_rows.size() && source_rows[i] > 0) out = "line " + std::to_string(source_rows[i]) + " ";
  out += "(" + (i < codes.size() ? codes[i] : std::to_string(i)) + ")";
  return out;
}

void require_finite(double value, const DecisionMatrix& matrix, std::size_t j, std::string_view what) {
  if (std::isfinite(value)) return;
  const std::string& name = matrix.indicators[j].name;
  double largest = 0;
  for (std::size_t i = 0; i < matrix.rows(); ++i) largest = std::max(largest, std::abs(matrix.at(i, j)));
  throw InputError(ErrorCode::input_value,
                   "indicator '" + name + "': " + std::string(what) + " of its values overflows (|values| up to " +
                       util::general(largest) + "); rescale the indicator (e.g. to thousands or millions)",
                   ErrorContext{matrix.source, "", "", name});
}

void DecisionMatrix::validate() const {
  const ErrorContext where{source, "", "", ""};
  if (indicators.empty()) throw InputError(ErrorCode::input_missing, "the decision matrix has no indicator", where);
  if (rows() < 2) {
    throw InputError(ErrorCode::input_value,
                     "the decision matrix has " + std::to_string(rows()) + " alternative(s); ranking needs at least 2",
                     where);
  }
  if (values.size() != rows() * cols() || names.size() != rows() || parents.size() != rows()) {
    throw InternalError("decision matrix sizes disagree");
  }
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < rows(); ++i) {
    if (!seen.insert(codes[i]).second) {
      throw InputError(ErrorCode::input_duplicate, "code '" + codes[i] + "' occurs twice",
                       ErrorContext{source, "", describe_row(i), ""});
    }
    for (std::size_t j = 0; j < cols(); ++j) {
      if (!std::isfinite(at(i, j))) {
        throw InputError(ErrorCode::input_value, "missing or non-finite value",
                         ErrorContext{source, "", describe_row(i), indicators[j].name});
      }
    }
  }
}

namespace {

std::string derived_parent(const std::string& code) {
  if (!model::looks_like_division_code(code)) return {};
  const std::string code12 = model::pad_code(code);
  const std::string parent12 = model::parent_of_code(code12);
  if (parent12.empty()) return {};
  return model::short_code(parent12, model::level_of_code(parent12));
}

}  // namespace

DecisionMatrix decision_matrix_from_table(const util::CsvTable& table, const TableColumns& columns,
                                          const std::string& source) {
  auto require = [&](const std::string& name, const char* role) {
    const auto index = table.column(name);
    if (!index) {
      throw InputError(
          ErrorCode::input_missing,
          std::string("no ") + role + " column '" + name + "' (columns: " + util::join(table.header, ", ") + ")",
          ErrorContext{source, "", "", name});
    }
    return *index;
  };
  const std::size_t code_col = require(columns.code_column, "code");
  const std::optional<std::size_t> name_col = table.column(columns.name_column);
  std::optional<std::size_t> parent_col;
  if (!columns.parent_column.empty()) {
    parent_col = require(columns.parent_column, "parent");
  } else if (auto p = table.column("parent")) {
    parent_col = p;
  } else if (auto pc = table.column("parent_code")) {
    parent_col = pc;
  }

  std::vector<std::size_t> indicator_cols;
  std::vector<std::string> indicator_names = columns.indicators;
  if (indicator_names.empty()) {
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      if (c == code_col || (name_col && c == *name_col) || (parent_col && c == *parent_col)) continue;
      indicator_names.push_back(table.header[c]);
    }
  }
  std::set<std::string> unique_names;
  for (const auto& name : indicator_names) {
    if (!unique_names.insert(name).second) {
      throw UsageError("indicator '" + name + "' is named twice");
    }
    indicator_cols.push_back(require(name, "indicator"));
  }
  for (const auto& [name, direction] : columns.directions) {
    if (!unique_names.count(name)) {
      throw UsageError("a direction is given for '" + name +
                       "', which is not an indicator column (indicators: " + util::join(indicator_names, ", ") + ")");
    }
  }

  DecisionMatrix m;
  m.source = source;
  for (const auto& name : indicator_names) {
    Indicator indicator{name, Direction::benefit, ""};
    if (auto d = columns.directions.find(name); d != columns.directions.end()) indicator.direction = d->second;
    if (auto u = columns.units.find(name); u != columns.units.end()) indicator.unit = u->second;
    m.indicators.push_back(std::move(indicator));
  }
  const std::size_t n = indicator_cols.size();
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const std::size_t line = r < table.row_lines.size() ? table.row_lines[r] : r + 2;
    std::string code(util::trim(row[code_col]));
    if (code.empty()) {
      throw InputError(ErrorCode::input_value, "empty code",
                       ErrorContext{source, "", "line " + std::to_string(line), columns.code_column});
    }
    m.codes.push_back(code);
    m.names.emplace_back(name_col ? std::string(util::trim(row[*name_col])) : std::string());
    m.parents.push_back(parent_col ? std::string(util::trim(row[*parent_col])) : derived_parent(code));
    m.source_rows.push_back(line);
    for (std::size_t j = 0; j < n; ++j) {
      const std::string& text = row[indicator_cols[j]];
      const auto value = util::parse_double(text);
      if (!value) {
        const std::string what = util::trim(text).empty() ? "missing value (empty cell)"
                                                          : "not a number: '" + std::string(util::trim(text)) + "'";
        throw InputError(ErrorCode::input_value, what + "; every indicator needs a number for every unit",
                         ErrorContext{source, "", m.describe_row(m.rows() - 1), indicator_names[j]});
      }
      m.values.push_back(*value);
    }
  }
  m.validate();
  return m;
}

DecisionMatrix decision_matrix_from_units(const model::UnitTable& units, const std::vector<std::string>& indicators,
                                          const std::map<std::string, Direction>& directions,
                                          const std::string& source) {
  DecisionMatrix m;
  m.source = source;
  for (const auto& name : indicators) {
    Indicator indicator{name, Direction::benefit, ""};
    if (auto d = directions.find(name); d != directions.end()) indicator.direction = d->second;
    if (name == "resident_population" || name == "registered_population") indicator.unit = "persons";
    if (name == "area_km2") indicator.unit = "km2";
    m.indicators.push_back(std::move(indicator));
  }
  for (model::UnitId id = 0; id < units.size(); ++id) {
    const auto& unit = units[id];
    m.codes.push_back(unit.code);
    m.names.push_back(unit.name);
    m.parents.push_back(unit.parent_code);
    m.source_rows.push_back(0);
    for (const auto& name : indicators) {
      double value = std::nan("");
      if (name == "resident_population") {
        value = unit.resident_population.value_or(std::nan(""));
      } else if (name == "registered_population") {
        value = unit.registered_population.value_or(std::nan(""));
      } else if (name == "area_km2") {
        value = unit.area_km2.value_or(std::nan(""));
      } else if (auto column = units.indicator_index(name)) {
        value = units.indicator(*column, id);
      } else {
        throw InputError(ErrorCode::input_missing, "the unit table has no indicator '" + name + "'",
                         ErrorContext{m.source, "", "", name});
      }
      m.values.push_back(value);
    }
  }
  m.validate();
  return m;
}

}  // namespace quhua::mcda
