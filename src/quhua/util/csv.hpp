// CSV reading and writing (RFC 4180: quoted fields, doubled quotes, CRLF or LF, embedded newlines),
// with the encoding guessed or given and a UTF-8 BOM dropped. Knows nothing of townships.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quhua/util/encoding.hpp"

namespace quhua::util {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  ///< each padded or checked to header.size()
  std::vector<std::size_t> row_lines;          ///< 1-based line number where each row starts
  Encoding encoding = Encoding::utf8;          ///< what the file was decoded from

  /// Index of a column by exact name, or nullopt.
  std::optional<std::size_t> column(std::string_view name) const;
};

struct CsvOptions {
  char delimiter = 0;                   ///< 0: guess from the header line (',', ';', '\t', '|')
  std::optional<Encoding> encoding;     ///< nullopt: detect (UTF-8, else GB18030)
  bool allow_ragged = false;            ///< false: a row with a different field count is an error
};

/// Parses CSV text. Throws InputError (context: `source_name`, line) on unbalanced quotes, ragged
/// rows (unless allowed), undecodable text or an empty input.
CsvTable parse_csv(std::string_view bytes, const CsvOptions& options = {}, const std::string& source_name = "");

/// Reads and parses a file. Throws InputError(input_missing) when it cannot be opened.
CsvTable read_csv(const std::string& path, const CsvOptions& options = {});

/// Quotes a field when it holds the delimiter, a quote, CR or LF.
std::string csv_escape(std::string_view field, char delimiter = ',');
/// Writes one CSV line (LF) of escaped fields.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields, char delimiter = ',');

}  // namespace quhua::util
