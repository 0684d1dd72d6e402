#include "quhua/io/record_set.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "quhua/util/strings.hpp"

namespace quhua::io {

ErrorContext RecordSet::where(std::size_t row, std::string_view field) const {
  return ErrorContext{file, layer, row < row_ids.size() ? row_ids[row] : std::to_string(row), std::string(field)};
}

ErrorContext RecordSet::where_field(std::string_view field) const {
  return ErrorContext{file, layer, "", std::string(field)};
}

std::string value_text(const util::Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&cell)) {
    const double v = *real;
    if (std::isfinite(v) && v == std::trunc(v) && std::abs(v) < 1e15) {
      return std::to_string(static_cast<long long>(v));
    }
    // Shortest text that reads back as the same double.
    char buffer[40];
    for (int precision = 1; precision <= 17; ++precision) {
      std::snprintf(buffer, sizeof buffer, "%.*g", precision, v);
      if (std::strtod(buffer, nullptr) == v) break;
    }
    return buffer;
  }
  return {};
}

std::optional<double> value_number(const util::Cell& cell) {
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*integer);
  if (const auto* real = std::get_if<double>(&cell)) return *real;
  if (const auto* text = std::get_if<std::string>(&cell)) return util::parse_double(*text);
  return std::nullopt;
}

bool value_blank(const util::Cell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return true;
  if (const auto* text = std::get_if<std::string>(&cell)) return util::trim(*text).empty();
  return false;
}

RecordSet records_from_table(const util::CsvTable& table, const std::string& file, const std::string& sheet) {
  RecordSet out;
  out.file = file;
  out.layer = sheet;
  out.fields = table.header;
  const std::size_t width = table.header.size();
  std::vector<std::size_t> numbers(width, 0), texts(width, 0);
  out.rows.reserve(table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    std::vector<util::Cell> row(width);
    for (std::size_t c = 0; c < width && c < table.rows[r].size(); ++c) {
      const std::string& text = table.rows[r][c];
      if (util::trim(text).empty()) continue;
      row[c] = text;
      if (util::parse_double(text)) {
        ++numbers[c];
      } else {
        ++texts[c];
      }
    }
    out.rows.push_back(std::move(row));
    const std::size_t line = r < table.row_lines.size() ? table.row_lines[r] : r + 2;
    out.row_ids.push_back("line " + std::to_string(line));
  }
  out.numeric.resize(width);
  for (std::size_t c = 0; c < width; ++c) out.numeric[c] = numbers[c] > 0 && texts[c] == 0;
  out.row_bad.assign(out.rows.size(), 0);
  return out;
}

}  // namespace quhua::io
