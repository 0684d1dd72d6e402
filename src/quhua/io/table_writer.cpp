#include "quhua/io/table_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "quhua/util/atomic_file.hpp"
#include "quhua/util/csv.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"
#include "quhua/util/text_table.hpp"

namespace quhua::io {

std::optional<TableFormat> table_format_from(const std::string& extension_or_name) {
  std::string t = util::to_lower_ascii(extension_or_name);
  if (!t.empty() && t.front() == '.') t.erase(0, 1);
  if (t == "txt" || t == "text" || t == "table") return TableFormat::text;
  if (t == "csv") return TableFormat::csv;
  if (t == "json") return TableFormat::json;
  if (t == "xlsx") return TableFormat::xlsx;
  return std::nullopt;
}

std::string render_text(const std::vector<util::ReportTable>& tables, util::Language language) {
  std::string out;
  for (const auto& table : tables) {
    if (!out.empty()) out += '\n';
    const std::string& title = table.title(language);
    if (!title.empty()) out += title + "\n";
    std::vector<std::string> header;
    std::vector<util::TextTable::Align> align;
    for (const auto& column : table.columns) header.push_back(column.header(language));
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const bool numeric = std::any_of(table.rows.begin(), table.rows.end(), [&](const auto& row) {
        return std::holds_alternative<double>(row[c]) || std::holds_alternative<std::int64_t>(row[c]);
      });
      align.push_back(numeric ? util::TextTable::Align::right : util::TextTable::Align::left);
    }
    util::TextTable text(header, align);
    for (const auto& row : table.rows) {
      std::vector<std::string> cells;
      for (std::size_t c = 0; c < row.size(); ++c) cells.push_back(util::cell_text(row[c], table.columns[c].decimals));
      text.add_row(std::move(cells));
    }
    out += text.render();
  }
  return out;
}

namespace {

nlohmann::json cell_json(const util::Cell& cell) {
  if (const auto* d = std::get_if<double>(&cell)) {
    if (std::isfinite(*d)) return *d;
    return nullptr;
  }
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return *i;
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  return nullptr;
}

}  // namespace

nlohmann::json tables_to_json(const std::vector<util::ReportTable>& tables) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& table : tables) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : table.rows) {
      nlohmann::json object = nlohmann::json::object();
      for (std::size_t c = 0; c < row.size(); ++c) object[table.columns[c].key] = cell_json(row[c]);
      rows.push_back(std::move(object));
    }
    out[table.name] = std::move(rows);
  }
  return out;
}

std::string table_to_csv(const util::ReportTable& table, bool excel_bom) {
  std::ostringstream out;
  if (excel_bom) out << "\xEF\xBB\xBF";
  std::vector<std::string> header;
  for (const auto& column : table.columns) header.push_back(column.key);
  util::write_csv_row(out, header);
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    // Full precision in CSV: scripts read it; rounding is for people.
    for (const auto& cell : row) cells.push_back(util::cell_text(cell, -1));
    util::write_csv_row(out, cells);
  }
  return out.str();
}

namespace {

/// Excel forbids []:*?/\ in sheet names and caps them at 31 characters.
std::string sheet_name(const std::string& name, std::size_t index) {
  std::string out;
  for (char c : name) out += std::string("[]:*?/\\").find(c) == std::string::npos ? c : '_';
  if (out.empty()) out = "sheet" + std::to_string(index + 1);
  if (out.size() > 31) out.resize(31);
  return out;
}

std::string number_format(int decimals) {
  if (decimals == 0) return "#,##0";
  if (decimals > 0) return "#,##0." + std::string(static_cast<std::size_t>(decimals), '0');
  return "General";
}

void check(lxw_error error, const std::filesystem::path& path, const std::string& what) {
  if (error != LXW_NO_ERROR) {
    throw StorageError(what + ": " + lxw_strerror(error), ErrorContext{path.string(), "", "", ""});
  }
}

void write_sheet(lxw_workbook* workbook, const util::ReportTable& table, std::size_t index, util::Language language,
                 lxw_format* header_format, const std::filesystem::path& path) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name(table.name, index).c_str());
  if (!sheet) throw InputError(ErrorCode::input_format, "cannot add sheet " + table.name, ErrorContext{path.string()});
  std::vector<lxw_format*> formats;
  for (const auto& column : table.columns) {
    lxw_format* format = workbook_add_format(workbook);
    format_set_num_format(format, number_format(column.decimals).c_str());
    formats.push_back(format);
  }
  std::vector<std::size_t> widths(table.columns.size(), 8);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& header = table.columns[c].header(language);
    check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header.c_str(), header_format), path, "header");
    widths[c] = std::max(widths[c], util::display_width(header) + 2);
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto row_index = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto& cell = table.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      lxw_error rc = LXW_NO_ERROR;
      if (const auto* d = std::get_if<double>(&cell)) {
        if (std::isfinite(*d)) rc = worksheet_write_number(sheet, row_index, col, *d, formats[c]);
      } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        rc = worksheet_write_number(sheet, row_index, col, static_cast<double>(*i), nullptr);
      } else if (const auto* s = std::get_if<std::string>(&cell)) {
        rc = worksheet_write_string(sheet, row_index, col, s->c_str(), nullptr);
      }
      check(rc, path, "cell");
      widths[c] = std::max(widths[c], util::display_width(util::cell_text(cell, table.columns[c].decimals)) + 2);
    }
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         static_cast<double>(std::min<std::size_t>(widths[c], 60)), nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  if (!table.rows.empty() && !table.columns.empty()) {
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                         static_cast<lxw_col_t>(table.columns.size() - 1));
  }
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_repeat_rows(sheet, 0, 0);
  worksheet_fit_to_pages(sheet, 1, 0);
  const std::string title = table.title(language);
  if (!title.empty()) {
    // '&' starts a control code in Excel headers; double it.
    std::string escaped;
    for (char ch : title) escaped += ch == '&' ? std::string("&&") : std::string(1, ch);
    worksheet_set_header(sheet, ("&C&14" + escaped).c_str());
  }
  worksheet_set_footer(sheet, language == util::Language::zh ? "&C第 &P 页，共 &N 页" : "&CPage &P of &N");
}

}  // namespace

void write_xlsx(const std::filesystem::path& path, const std::vector<util::ReportTable>& tables,
                util::Language language) {
  util::write_atomically(path, [&](const std::filesystem::path& temp) {
    lxw_workbook* workbook = workbook_new(temp.c_str());
    if (!workbook) throw StorageError("cannot create workbook", ErrorContext{path.string()});
    lxw_format* header_format = workbook_add_format(workbook);
    format_set_bold(header_format);
    format_set_bg_color(header_format, 0xDDEBF7);
    format_set_border(header_format, LXW_BORDER_THIN);
    format_set_text_wrap(header_format);
    try {
      for (std::size_t i = 0; i < tables.size(); ++i) write_sheet(workbook, tables[i], i, language, header_format, path);
    } catch (...) {
      workbook_close(workbook);
      throw;
    }
    check(workbook_close(workbook), path, "cannot save workbook");
  });
}

void write_tables(const std::filesystem::path& path, const std::vector<util::ReportTable>& tables,
                  util::Language language) {
  const auto format = table_format_from(path.extension().string());
  if (!format) {
    throw UsageError("cannot tell the output format of '" + path.string() + "': use .csv, .json, .xlsx or .txt");
  }
  switch (*format) {
    case TableFormat::text:
      util::write_text_file(path, render_text(tables, language));
      return;
    case TableFormat::json:
      util::write_text_file(path, tables_to_json(tables).dump(2) + "\n");
      return;
    case TableFormat::xlsx:
      write_xlsx(path, tables, language);
      return;
    case TableFormat::csv:
      for (std::size_t i = 0; i < tables.size(); ++i) {
        auto target = path;
        if (i > 0) target = path.parent_path() / (path.stem().string() + "." + tables[i].name + ".csv");
        util::write_text_file(target, table_to_csv(tables[i]));
      }
      return;
  }
}

}  // namespace quhua::io
