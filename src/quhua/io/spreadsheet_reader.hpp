// Reading attribute tables as text cells: CSV (util/csv) or spreadsheets (XLSX, XLS, ODS through
// GDAL's drivers). Every table-shaped input of quhua (indicators, attribute joins, plans, key-town
// targets) goes through read_table, so each accepts CSV and Excel alike.
#pragma once

#include <string>

#include "quhua/util/csv.hpp"

namespace quhua::io {

struct TableReadOptions {
  std::string sheet;               ///< spreadsheet sheet name; empty: the first sheet
  util::CsvOptions csv;            ///< for CSV input
};

/// Reads a CSV/TXT/TSV file or a spreadsheet into header + rows of UTF-8 text. Numbers from
/// spreadsheets are written back as text without loss ("12345", "0.125"). Throws InputError naming
/// the file (and sheet) when it cannot be read, the sheet is missing, or the table is empty.
util::CsvTable read_table(const std::string& path, const TableReadOptions& options = {});

}  // namespace quhua::io
