// Reading attribute tables as text cells: CSV (util/csv) or spreadsheets (XLSX, XLS, ODS through
// GDAL's drivers). Every table-shaped input of quhua (indicators, attribute joins, plans, key-town
// targets) goes through read_table, so each accepts CSV and Excel alike.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "quhua/util/csv.hpp"

namespace quhua::io {

struct TableReadOptions {
  std::string sheet;               ///< spreadsheet sheet name; empty: the first sheet
  util::CsvOptions csv;            ///< for CSV input
};

/// Reads a CSV/TXT/TSV file or a spreadsheet into header + rows of UTF-8 text. Numbers from
/// spreadsheets are written back as text without loss ("12345", "0.125"); cells kept as text (codes)
/// read the same as numbers. In a spreadsheet the header is found by find_header_row, so a title or a
/// note above it is skipped. In either, a 合计/总计/Total row (its first filled cell) is no data row. Throws InputError naming the file (and sheet) when it cannot be read, the
/// sheet is missing, or the table is empty.
util::CsvTable read_table(const std::string& path, const TableReadOptions& options = {});

/// How many rows from the top a header is looked for in.
inline constexpr std::size_t k_header_scan_rows = 20;
/// The header row of a sheet read without headers: the first of its first rows that fills at least
/// two cells and at least half as many as the widest row, none of them a number. A title ("某县乡镇
/// 人口统计表") or a note ("单位：人") above the header fills one cell and is passed over. 0 when no
/// row qualifies (a sheet of numbers only).
std::size_t find_header_row(const std::vector<std::vector<std::string>>& rows);

}  // namespace quhua::io
