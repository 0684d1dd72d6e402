#include "quhua/util/csv.hpp"

#include <fstream>
#include <ostream>
#include <sstream>

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

}  // namespace

CsvTable parse_csv(std::string_view bytes, const CsvOptions& options, const std::string& source_name) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  CsvTable table;
  const auto encoding = options.encoding ? options.encoding : detect_encoding(bytes);
  if (!encoding) {
    throw InputError(ErrorCode::input_encoding, "text is neither UTF-8 nor GBK/GB18030 (binary file?)",
                     ErrorContext{source_name, "", "", ""});
  }
  table.encoding = *encoding;
  std::string text;
  try {
    text = to_utf8(bytes, *encoding);
  } catch (const Error& e) {
    throw InputError(ErrorCode::input_encoding, e.bare_message(), ErrorContext{source_name, "", "", ""});
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
