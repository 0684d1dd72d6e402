#include "quhua/io/table_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
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
      for (std::size_t c = 0; c < row.size(); ++c) {
        // A number that is not known (missing population, nothing to measure) reads "—", never 0 or blank.
        const auto* d = std::get_if<double>(&row[c]);
        const bool unknown = std::holds_alternative<std::monostate>(row[c]) || (d && !std::isfinite(*d));
        cells.push_back(unknown && align[c] == util::TextTable::Align::right ? "—"
                                                                              : util::cell_text(row[c], table.columns[c].decimals));
      }
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
// A sheet is named by the table's title in the workbook's language (a reader sees 调整前后对照表, not
// "crosswalk"), else by its machine name: at most 31 characters, none of []:*?/\, unique in the book.
std::string sheet_name(const util::ReportTable& table, util::Language language, std::size_t index,
                       std::set<std::string>& used) {
  const std::string& title = table.title(language);
  const std::string& source = title.empty() ? table.name : title;
  std::string base;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < source.size() && characters < 31;) {
    std::size_t length = 1;
    const auto lead = static_cast<unsigned char>(source[i]);
    if (lead >= 0xF0) length = 4;
    else if (lead >= 0xE0) length = 3;
    else if (lead >= 0xC0) length = 2;
    std::string character = source.substr(i, length);
    if (character.size() == 1 && std::string("[]:*?/\\").find(character[0]) != std::string::npos) character = "_";
    base += character;
    characters += length == 4 ? 2 : 1;  // Excel counts UTF-16 units
    i += length;
  }
  if (base.empty()) base = "sheet" + std::to_string(index + 1);
  std::string name = base;
  for (int n = 2; used.count(name) != 0; ++n) {
    const std::string suffix = "(" + std::to_string(n) + ")";
    name = base.substr(0, base.size() > 31 - suffix.size() ? 31 - suffix.size() : base.size());
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
    if (!name.empty() && static_cast<unsigned char>(name.back()) >= 0xC0) name.pop_back();
    name += suffix;
  }
  used.insert(name);
  return name;
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

struct SheetFormats {
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* total_label = nullptr;
};

// Layout of a sheet: row 0 the table's title, row 1 the header (frozen, filtered, repeated on every
// printed page), then the rows, then a 合计 row when a column is marked `summed`. The title row is how
// offices head their tables; quhua's own reader (find_header_row) passes over it.
void write_sheet(lxw_workbook* workbook, const util::ReportTable& table, const std::string& name,
                 util::Language language, const SheetFormats& styles, const std::filesystem::path& path) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (!sheet) throw StorageError("cannot add sheet " + name, ErrorContext{path.string()});
  std::vector<lxw_format*> formats;
  std::vector<lxw_format*> total_formats;
  for (const auto& column : table.columns) {
    lxw_format* format = workbook_add_format(workbook);
    format_set_num_format(format, number_format(column.decimals).c_str());
    formats.push_back(format);
    lxw_format* total = workbook_add_format(workbook);
    format_set_num_format(total, number_format(column.decimals).c_str());
    format_set_bold(total);
    format_set_top(total, LXW_BORDER_THIN);
    total_formats.push_back(total);
  }
  const lxw_row_t title_row = 0;
  const lxw_row_t header_row = 1;
  const std::string title = table.title(language);
  const auto last_column = static_cast<lxw_col_t>(table.columns.empty() ? 0 : table.columns.size() - 1);
  if (last_column > 0) {
    check(worksheet_merge_range(sheet, title_row, 0, title_row, last_column, title.c_str(), styles.title), path, "title");
  } else {
    check(worksheet_write_string(sheet, title_row, 0, title.c_str(), styles.title), path, "title");
  }
  worksheet_set_row(sheet, title_row, 24, nullptr);
  std::vector<std::size_t> widths(table.columns.size(), 8);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const std::string& header = table.columns[c].header(language);
    check(worksheet_write_string(sheet, header_row, static_cast<lxw_col_t>(c), header.c_str(), styles.header), path,
          "header");
    widths[c] = std::max(widths[c], util::display_width(header) + 2);
  }
  std::vector<double> totals(table.columns.size(), 0.0);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto row_index = static_cast<lxw_row_t>(header_row + 1 + r);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto& cell = table.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      lxw_error rc = LXW_NO_ERROR;
      if (const auto* d = std::get_if<double>(&cell)) {
        if (std::isfinite(*d)) {
          rc = worksheet_write_number(sheet, row_index, col, *d, formats[c]);
          totals[c] += *d;
        }
      } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        rc = worksheet_write_number(sheet, row_index, col, static_cast<double>(*i), nullptr);
        totals[c] += static_cast<double>(*i);
      } else if (const auto* s = std::get_if<std::string>(&cell)) {
        rc = worksheet_write_string(sheet, row_index, col, s->c_str(), nullptr);
      }
      check(rc, path, "cell");
      widths[c] = std::max(widths[c], util::display_width(util::cell_text(cell, table.columns[c].decimals)) + 2);
    }
  }
  const bool with_total = !table.rows.empty() &&
                          std::any_of(table.columns.begin(), table.columns.end(), [](const auto& c) { return c.summed; });
  if (with_total) {
    // The label goes in the first column that is not summed; the sums as values (not formulas), so a
    // reader without recalculation (GDAL, pandas) sees them too.
    const auto total_row = static_cast<lxw_row_t>(header_row + 1 + table.rows.size());
    bool labelled = false;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      if (table.columns[c].summed) {
        check(worksheet_write_number(sheet, total_row, col, totals[c], total_formats[c]), path, "total");
      } else if (!labelled) {
        check(worksheet_write_string(sheet, total_row, col, language == util::Language::zh ? "合计" : "Total",
                                     styles.total_label),
              path, "total");
        labelled = true;
      }
    }
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         static_cast<double>(std::min<std::size_t>(widths[c], 60)), nullptr);
  }
  worksheet_freeze_panes(sheet, header_row + 1, 0);
  if (!table.rows.empty() && !table.columns.empty()) {
    worksheet_autofilter(sheet, header_row, 0, static_cast<lxw_row_t>(header_row + table.rows.size()), last_column);
  }
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_repeat_rows(sheet, header_row, header_row);
  worksheet_fit_to_pages(sheet, 1, 0);
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
    SheetFormats styles;
    styles.title = workbook_add_format(workbook);
    format_set_bold(styles.title);
    format_set_font_size(styles.title, 14);
    format_set_align(styles.title, LXW_ALIGN_CENTER);
    format_set_align(styles.title, LXW_ALIGN_VERTICAL_CENTER);
    styles.header = workbook_add_format(workbook);
    format_set_bold(styles.header);
    format_set_bg_color(styles.header, 0xDDEBF7);
    format_set_border(styles.header, LXW_BORDER_THIN);
    format_set_text_wrap(styles.header);
    styles.total_label = workbook_add_format(workbook);
    format_set_bold(styles.total_label);
    format_set_top(styles.total_label, LXW_BORDER_THIN);
    try {
      std::set<std::string> used;
      for (std::size_t i = 0; i < tables.size(); ++i) {
        write_sheet(workbook, tables[i], sheet_name(tables[i], language, i, used), language, styles, path);
      }
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
