// Writers for ReportTables: terminal text, CSV, JSON and XLSX (libxlsxwriter; io/ is its one home).
// Every file is written atomically (util/atomic_file.hpp).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "quhua/util/report_table.hpp"

namespace quhua::io {

enum class TableFormat { text, csv, json, xlsx };

/// From a file extension (".csv", ".json", ".xlsx") or a format name ("text", "csv" ...).
/// Unknown -> nullopt.
std::optional<TableFormat> table_format_from(const std::string& extension_or_name);

/// Terminal rendering: each table's title, then an aligned table; an empty cell of a number column reads "—".
std::string render_text(const std::vector<util::ReportTable>& tables, util::Language language);

/// JSON: {"<table name>": [ {column key: value, ...}, ... ], ...}; numbers stay numbers, empty -> null.
nlohmann::json tables_to_json(const std::vector<util::ReportTable>& tables);

/// CSV of one table with the column keys as header (stable for scripts), UTF-8 with BOM when
/// `excel_bom` (so Excel on Chinese Windows opens it right).
std::string table_to_csv(const util::ReportTable& table, bool excel_bom = false);

/// Writes an XLSX workbook, one sheet per table, named by the table's title in `language`: the title in
/// row 1, the header in `language` in row 2 (frozen, auto-filtered, repeated on printed pages), column
/// widths fitted, number formats from the columns' decimals, a 合计/Total row summing the columns
/// marked `summed`, landscape, fit to page width. io::read_table reads it back (title row skipped).
void write_xlsx(const std::filesystem::path& path, const std::vector<util::ReportTable>& tables,
                util::Language language);

/// Writes by the path's extension: .csv (first table at `path`, further tables at
/// <stem>.<table name>.csv beside it), .json, .xlsx, .txt. Throws UsageError for other extensions.
void write_tables(const std::filesystem::path& path, const std::vector<util::ReportTable>& tables,
                  util::Language language);

}  // namespace quhua::io
