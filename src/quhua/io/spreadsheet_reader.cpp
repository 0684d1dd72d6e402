#include "quhua/io/spreadsheet_reader.hpp"

#include <gdal.h>
#include <cpl_conv.h>
#include <ogr_api.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <vector>

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::io {
namespace {

struct DatasetCloser {
  void operator()(void* ds) const { GDALClose(ds); }
};

std::string field_text(OGRFeatureH feature, int index) {
  if (!OGR_F_IsFieldSetAndNotNull(feature, index)) return {};
  OGRFieldDefnH defn = OGR_F_GetFieldDefnRef(feature, index);
  if (OGR_Fld_GetType(defn) == OFTReal) return util::general(OGR_F_GetFieldAsDouble(feature, index));
  std::string text = OGR_F_GetFieldAsString(feature, index);
  // A number cell in a column that also holds text comes as the workbook stores it, which may carry
  // digits past what the double needs ("0.10000000000000001" for 0.1); a code kept as text has no more than 17
  // digits and reads back unchanged.
  if (text.size() > 17 && text.find_first_not_of("0123456789") != std::string::npos) {
    if (const auto v = util::parse_double(text)) return util::general(*v);
  }
  return text;
}

/// Every row of the first (or named) sheet as text, with its spreadsheet row number.
struct RawSheet {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> row_numbers;
};

RawSheet read_raw_sheet(const std::string& path, const TableReadOptions& options) {
  GDALAllRegister();
  // No header guessing by the driver: it takes a first row of text over rows of text (codes kept as
  // text, as offices keep 12-digit codes) for data, and a title row above the header for the header.
  // find_header_row decides instead. XLS (libfreexl) reads the same setting as a config option.
  CPLSetThreadLocalConfigOption("OGR_XLS_HEADERS", "DISABLE");
  const char* open_options[] = {"HEADERS=DISABLE", "FIELD_TYPES=AUTO", nullptr};
  std::unique_ptr<void, DatasetCloser> ds(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr));
  CPLSetThreadLocalConfigOption("OGR_XLS_HEADERS", nullptr);
  if (!ds) {
    throw InputError(ErrorCode::input_format, std::string("cannot open as a spreadsheet: ") + CPLGetLastErrorMsg(),
                     ErrorContext{path, "", "", ""});
  }
  OGRLayerH layer = options.sheet.empty() ? GDALDatasetGetLayer(ds.get(), 0)
                                          : GDALDatasetGetLayerByName(ds.get(), options.sheet.c_str());
  if (!layer) {
    throw InputError(ErrorCode::input_missing, options.sheet.empty() ? "the workbook has no sheet" : "no such sheet",
                     ErrorContext{path, options.sheet, "", ""});
  }
  RawSheet sheet;
  const int fields = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer));
  OGR_L_ResetReading(layer);
  std::size_t row_number = 0;
  while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
    std::vector<std::string> row;
    bool blank = true;
    for (int i = 0; i < fields; ++i) {
      const std::string text = field_text(feature, i);
      row.emplace_back(util::trim(text));
      blank = blank && row.back().empty();
    }
    OGR_F_Destroy(feature);
    ++row_number;
    if (blank) continue;
    sheet.rows.push_back(std::move(row));
    sheet.row_numbers.push_back(row_number);
  }
  return sheet;
}

// A 合计 (total) row closes many office tables, quhua's workbooks among them; it is no unit.
bool is_total_row(const std::vector<std::string>& row) {
  const auto first = std::find_if(row.begin(), row.end(), [](const std::string& c) { return !util::trim(c).empty(); });
  if (first == row.end()) return false;
  std::string label;
  for (char c : *first) {
    if (c != ' ') label += c;
  }
  static const char* const k_total_labels[] = {"合计", "总计", "共计", "全县合计", "Total", "TOTAL", "total"};
  return std::any_of(std::begin(k_total_labels), std::end(k_total_labels), [&](const char* t) { return label == t; });
}

// Drops the total rows of a table read from CSV or a workbook alike, keeping row_lines beside the rows.
util::CsvTable without_total_rows(util::CsvTable table) {
  std::size_t kept = 0;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (is_total_row(table.rows[r])) continue;
    if (kept != r) {  // a self-move would empty the row
      table.rows[kept] = std::move(table.rows[r]);
      if (r < table.row_lines.size()) table.row_lines[kept] = table.row_lines[r];
    }
    ++kept;
  }
  table.rows.resize(kept);
  if (table.row_lines.size() > kept) table.row_lines.resize(kept);
  return table;
}

util::CsvTable read_spreadsheet(const std::string& path, const TableReadOptions& options) {
  RawSheet sheet = read_raw_sheet(path, options);
  if (sheet.rows.empty()) {
    throw InputError(ErrorCode::input_format, "sheet is empty (no header row)", ErrorContext{path, options.sheet, "", ""});
  }
  const std::size_t header_index = find_header_row(sheet.rows);
  util::CsvTable table;
  table.header = std::move(sheet.rows[header_index]);
  // Columns right of the header's last name hold nothing a reader can name; drop them when empty.
  std::size_t width = table.header.size();
  while (width > 0 && table.header[width - 1].empty()) --width;
  for (std::size_t r = header_index + 1; r < sheet.rows.size(); ++r) {
    auto& row = sheet.rows[r];
    bool beyond_header = false;
    for (std::size_t c = width; c < row.size(); ++c) beyond_header = beyond_header || !row[c].empty();
    if (!beyond_header) row.resize(width);
    table.rows.push_back(std::move(row));
    table.row_lines.push_back(sheet.row_numbers[r]);
  }
  if (std::all_of(table.rows.begin(), table.rows.end(), [&](const auto& row) { return row.size() == width; })) {
    table.header.resize(width);
  }
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    if (table.header[c].empty()) table.header[c] = "Field" + std::to_string(c + 1);
  }
  return table;
}

}  // namespace

std::size_t find_header_row(const std::vector<std::vector<std::string>>& rows) {
  const auto filled = [](const std::vector<std::string>& row) {
    return static_cast<std::size_t>(std::count_if(row.begin(), row.end(), [](const std::string& c) { return !c.empty(); }));
  };
  const std::size_t scan = std::min<std::size_t>(rows.size(), k_header_scan_rows);
  std::size_t widest = 0;
  for (std::size_t r = 0; r < scan; ++r) widest = std::max(widest, filled(rows[r]));
  const std::size_t needed = std::max<std::size_t>(std::min<std::size_t>(widest, 2), (widest + 1) / 2);
  for (std::size_t r = 0; r < scan; ++r) {
    const auto& row = rows[r];
    if (filled(row) < needed) continue;
    if (std::none_of(row.begin(), row.end(), [&](const std::string& c) { return util::parse_double(c).has_value(); })) return r;
  }
  return 0;
}

util::CsvTable read_table(const std::string& path, const TableReadOptions& options) {
  if (!std::filesystem::exists(path)) {
    throw InputError(ErrorCode::input_missing, "file not found", ErrorContext{path, "", "", ""});
  }
  const std::string ext = util::to_lower_ascii(std::filesystem::path(path).extension().string());
  if (ext == ".xlsx" || ext == ".xls" || ext == ".ods") return without_total_rows(read_spreadsheet(path, options));
  auto csv_options = options.csv;
  if (ext == ".tsv" && !csv_options.delimiter) csv_options.delimiter = '\t';
  return without_total_rows(util::read_csv(path, csv_options));
}

}  // namespace quhua::io
