#include "quhua/util/report_table.hpp"

#include <cmath>
#include <cstdio>

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::util {

Language parse_language(const std::string& text) {
  const std::string t = to_lower_ascii(trim(text));
  if (t == "en" || t.rfind("en-", 0) == 0 || t.rfind("en_", 0) == 0 || t == "english") return Language::en;
  if (t.empty() || t == "zh" || t.rfind("zh-", 0) == 0 || t.rfind("zh_", 0) == 0 || t == "chinese") return Language::zh;
  throw UsageError("unknown language '" + text + "' (use zh or en)");
}

void ReportTable::add_row(std::vector<Cell> row) {
  if (row.size() != columns.size()) {
    throw InternalError("table " + name + ": row of " + std::to_string(row.size()) + " cells for " +
                        std::to_string(columns.size()) + " columns");
  }
  rows.push_back(std::move(row));
}

std::optional<std::size_t> ReportTable::column_index(const std::string& key) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].key == key) return i;
  }
  return std::nullopt;
}

std::string cell_text(const Cell& cell, int decimals) {
  if (std::holds_alternative<std::monostate>(cell)) return {};
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  const double v = std::get<double>(cell);
  if (!std::isfinite(v)) return {};
  if (decimals >= 0) return fixed(v, decimals);
  // Shortest text that round-trips to 6 significant decimals, without trailing zeros.
  std::string text = fixed(v, 6);
  if (text.find('.') != std::string::npos) {
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

Cell number_cell(std::optional<double> value) {
  if (!value || !std::isfinite(*value)) return std::monostate{};
  return *value;
}

}  // namespace quhua::util
