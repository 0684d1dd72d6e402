// ReportTable: a named table of typed cells with bilingual column headers. Every command's tabular
// result is turned into ReportTables; io/table_writer renders them as a terminal table, CSV, JSON or an
// XLSX workbook, so all outputs of one result carry the same numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace quhua::util {

/// Empty, number, integer or text.
using Cell = std::variant<std::monostate, double, std::int64_t, std::string>;

enum class Language { zh, en };
/// Parses "zh", "zh-CN", "en" ... (default zh).
Language parse_language(const std::string& text);

struct Column {
  std::string key;        ///< stable machine name (CSV/JSON header), e.g. "population_min"
  std::string header_zh;  ///< 最小人口
  std::string header_en;  ///< Min. population
  int decimals = -1;      ///< digits after the point for doubles; -1: as needed (up to 6)
  bool summed = false;    ///< a workbook closes the table with a 合计 (total) row summing this column
  const std::string& header(Language language) const { return language == Language::zh ? header_zh : header_en; }
};

struct ReportTable {
  std::string name;      ///< sheet / file stem, ASCII, e.g. "counties"
  std::string title_zh;  ///< 各县乡镇概况
  std::string title_en;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;

  const std::string& title(Language language) const { return language == Language::zh ? title_zh : title_en; }
  /// Appends a row; throws InternalError when its width differs from the columns'.
  void add_row(std::vector<Cell> row);
  std::optional<std::size_t> column_index(const std::string& key) const;
};

/// Text of a cell as written to CSV and terminals (numbers rounded to the column's decimals).
std::string cell_text(const Cell& cell, int decimals = -1);

/// Convenience: a double cell, or empty when the optional is empty or the value is NaN.
Cell number_cell(std::optional<double> value);

}  // namespace quhua::util
