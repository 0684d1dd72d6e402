#include "quhua/util/csv.hpp"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>

#include "quhua/util/encoding.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::util {

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

namespace {

char guess_delimiter(std::string_view text) {
  const auto eol = text.find('\n');
  const std::string_view first = text.substr(0, eol);
  char best = ',';
  std::size_t best_count = 0;
  for (char candidate : {',', '\t', ';', '|'}) {
    std::size_t count = 0;
    bool quoted = false;
    for (char c : first) {
      if (c == '"') quoted = !quoted;
      if (!quoted && c == candidate) ++count;
    }
    if (count > best_count) {
      best = candidate;
      best_count = count;
    }
  }
  return best;
}

/// Offset of the first byte of `bytes` that is not valid `encoding` text (bytes.size() when all are).
/// UTF-8 exactly; GB18030 by line, then by field (iconv says only that a conversion failed): the start
/// of the first field that does not convert.
std::size_t first_bad_byte(std::string_view bytes, Encoding encoding, char delimiter) {
  if (encoding == Encoding::utf8) return utf8_valid_prefix(bytes);
  auto converts = [](std::string_view piece) {
    try {
      to_utf8(piece, Encoding::gb18030);
      return true;
    } catch (const Error&) {
      return false;
    }
  };
  // '\n' and the delimiters (',', '\t', ';') never occur inside a GB18030 character.
  for (std::size_t start = 0; start < bytes.size();) {
    const std::size_t end = std::min(bytes.find('\n', start), bytes.size());
    const std::string_view line = bytes.substr(start, end - start);
    if (!converts(line)) {
      for (std::size_t field = 0; field <= line.size();) {
        const std::size_t stop = std::min(line.find(delimiter, field), line.size());
        if (!converts(line.substr(field, stop - field))) {
          for (std::size_t k = field; k < stop; ++k) {
            if (static_cast<unsigned char>(line[k]) >= 0x80) return start + k;
          }
          return start + field;
        }
        field = stop + 1;
      }
      return start;
    }
    start = end + 1;
  }
  return bytes.size();
}

/// Where a byte that is not valid text sits, for the error: "line N" and the header's name for its field
/// ("field K" when the header itself cannot be read there), counting delimiters outside quotes.
ErrorContext locate_byte(std::string_view bytes, std::size_t offset, Encoding encoding, char delimiter,
                         const std::string& source_name) {
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
  const std::size_t line_start = offset == 0 ? 0 : bytes.rfind('\n', offset - 1) + 1;  // npos + 1 == 0
  std::size_t field = 0;
  bool quoted = false;
  for (std::size_t k = line_start; k < offset; ++k) {
    if (bytes[k] == '"') quoted = !quoted;
    if (!quoted && bytes[k] == delimiter) ++field;
  }
  std::string name = "field " + std::to_string(field + 1);
  const std::string_view header = bytes.substr(0, std::min(bytes.find('\n'), bytes.size()));
  const auto names = split(header, delimiter);
  if (field < names.size() && first_bad_byte(names[field], encoding, delimiter) == names[field].size()) {
    const std::string decoded = std::string(trim(to_utf8(names[field], encoding)));
    if (!decoded.empty() && line > 1) name = decoded;
  }
  return ErrorContext{source_name, "", "line " + std::to_string(line), name};
}

std::string hex_byte(unsigned char byte) {
  constexpr char k_digits[] = "0123456789ABCDEF";
  return std::string("0x") + k_digits[byte >> 4] + k_digits[byte & 15];
}

}  // namespace

CsvTable parse_csv(std::string_view bytes, const CsvOptions& options, const std::string& source_name) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  CsvTable table;
  const auto encoding = options.encoding ? options.encoding : detect_encoding(bytes);
  const char byte_delimiter = options.delimiter ? options.delimiter : guess_delimiter(bytes);
  if (!encoding) {
    const std::size_t at = first_bad_byte(bytes, Encoding::utf8, byte_delimiter);
    throw InputError(ErrorCode::input_encoding,
                     "text is neither UTF-8 nor GBK/GB18030 (binary file?): byte " +
                         hex_byte(static_cast<unsigned char>(bytes[at])) + " is the first that is not UTF-8",
                     locate_byte(bytes, at, Encoding::utf8, byte_delimiter, source_name));
  }
  table.encoding = *encoding;
  std::string text;
  try {
    text = to_utf8(bytes, *encoding);
  } catch (const Error& e) {
    const std::size_t at = std::min(first_bad_byte(bytes, *encoding, byte_delimiter), bytes.size() - 1);
    throw InputError(ErrorCode::input_encoding,
                     "byte " + hex_byte(static_cast<unsigned char>(bytes[at])) + " is not valid " +
                         std::string(encoding_name(*encoding)) +
                         " text (pass the right --encoding): " + e.bare_message(),
                     locate_byte(bytes, at, *encoding, byte_delimiter, source_name));
  }
  if (trim(text).empty()) {
    throw InputError(ErrorCode::input_format, "file is empty (no header row)", ErrorContext{source_name, "", "", ""});
  }
  const char delimiter = options.delimiter ? options.delimiter : guess_delimiter(text);

  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false;
  bool field_was_quoted = false;
  std::size_t line = 1;
  std::size_t record_line = 1;
  bool have_header = false;

  auto finish_record = [&]() {
    record.push_back(field);
    field.clear();
    field_was_quoted = false;
    const bool blank = record.size() == 1 && trim(record[0]).empty();
    if (blank) {
      record.clear();
      return;
    }
    if (!have_header) {
      for (auto& name : record) name = std::string(trim(name));
      table.header = std::move(record);
      have_header = true;
    } else {
      if (record.size() != table.header.size()) {
        if (!options.allow_ragged) {
          throw InputError(ErrorCode::input_format,
                           "row has " + std::to_string(record.size()) + " fields, header has " +
                               std::to_string(table.header.size()),
                           ErrorContext{source_name, "", "line " + std::to_string(record_line), ""});
        }
        record.resize(table.header.size());
      }
      table.rows.push_back(std::move(record));
      table.row_lines.push_back(record_line);
    }
    record.clear();
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && (field.empty() || trim(field).empty()) && !field_was_quoted) {
      field.clear();
      in_quotes = true;
      field_was_quoted = true;
    } else if (c == delimiter) {
      record.push_back(field);
      field.clear();
      field_was_quoted = false;
    } else if (c == '\r') {
      // CR of CRLF (or a lone CR line end) ends the record at the LF or here.
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      finish_record();
      record_line = ++line;
    } else if (c == '\n') {
      finish_record();
      record_line = ++line;
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) {
    throw InputError(ErrorCode::input_format, "a quoted field is never closed",
                     ErrorContext{source_name, "", "line " + std::to_string(record_line), ""});
  }
  if (!field.empty() || !record.empty()) finish_record();
  if (!have_header) {
    throw InputError(ErrorCode::input_format, "file is empty (no header row)", ErrorContext{source_name, "", "", ""});
  }
  return table;
}

CsvTable read_csv(const std::string& path, const CsvOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(ErrorCode::input_missing, "cannot open file", ErrorContext{path, "", "", ""});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_csv(buffer.str(), options, path);
}

std::string csv_escape(std::string_view field, char delimiter) {
  if (field.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string_view::npos) {
    return std::string(field);
  }
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields, char delimiter) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out << delimiter;
    out << csv_escape(fields[i], delimiter);
  }
  out << '\n';
}

}  // namespace quhua::util
