// RecordSet: rows of named, typed values as every importer sees them, whether they came from a vector
// layer's features or a CSV/XLSX table's rows. Field mapping, unit building and attribute joins all
// work on RecordSets, so a Shapefile and a spreadsheet are read by the same rules.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quhua/util/csv.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::io {

struct RecordSet {
  std::string file;
  std::string layer;                  ///< layer or sheet name; empty for a CSV file
  std::vector<std::string> fields;    ///< UTF-8 names, in file order
  std::vector<bool> numeric;          ///< per field: holds numbers (typed numeric, or text that all parses)
  std::vector<std::vector<util::Cell>> rows;  ///< one value per field; std::monostate for null/empty
  std::vector<std::string> row_ids;   ///< per row, how a user finds it: feature id, or "line 12"
  std::vector<std::uint8_t> row_bad;  ///< per row: an error finding was recorded (left out with --keep-going)

  std::size_t size() const noexcept { return rows.size(); }
  /// Where a row (and field) sits, for findings.
  ErrorContext where(std::size_t row, std::string_view field = {}) const;
  /// Where a field sits (no row).
  ErrorContext where_field(std::string_view field) const;
  void mark_bad(std::size_t row) { row_bad[row] = 1; }
};

/// Text of a cell: numbers without a spurious ".0" (513324.0 -> "513324"), empty for null.
std::string value_text(const util::Cell& cell);
/// Number of a cell: numbers as they are, text parsed (blanks trimmed, thousands separators allowed).
/// nullopt for null, blank, or text that is not a number.
std::optional<double> value_number(const util::Cell& cell);
/// True for null, or text that is blank after trimming.
bool value_blank(const util::Cell& cell);

/// A RecordSet from a table read by io::read_table: text cells, blank cells null, a column numeric
/// when every non-blank value parses as a number (and one at least does). Row ids are "line N".
RecordSet records_from_table(const util::CsvTable& table, const std::string& file, const std::string& sheet = {});

}  // namespace quhua::io
