#include "quhua/io/spreadsheet_reader.hpp"

#include <gdal.h>
#include <ogr_api.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

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
  if (OGR_Fld_GetType(defn) == OFTReal) {
    // %.17g round-trips every double; trim it to the shortest form that still does.
    const double v = OGR_F_GetFieldAsDouble(feature, index);
    char buffer[40];
    for (int precision = 1; precision <= 17; ++precision) {
      std::snprintf(buffer, sizeof buffer, "%.*g", precision, v);
      if (std::strtod(buffer, nullptr) == v) break;
    }
    return buffer;
  }
  return OGR_F_GetFieldAsString(feature, index);
}

util::CsvTable read_spreadsheet(const std::string& path, const TableReadOptions& options) {
  GDALAllRegister();
  // Headers: let the driver decide (first row of text over rows of numbers is a header), which is
  // what every spreadsheet quhua reads has; field types guessed so numbers keep their precision.
  const char* open_options[] = {"HEADERS=AUTO", "FIELD_TYPES=AUTO", nullptr};
  std::unique_ptr<void, DatasetCloser> ds(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr));
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
  util::CsvTable table;
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const int fields = OGR_FD_GetFieldCount(defn);
  for (int i = 0; i < fields; ++i) {
    table.header.emplace_back(util::trim(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i))));
  }
  OGR_L_ResetReading(layer);
  std::size_t row_number = 1;  // spreadsheet row 1 is the header
  while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
    std::vector<std::string> row;
    bool blank = true;
    for (int i = 0; i < fields; ++i) {
      row.push_back(field_text(feature, i));
      blank = blank && util::trim(row.back()).empty();
    }
    OGR_F_Destroy(feature);
    ++row_number;
    if (blank) continue;
    table.rows.push_back(std::move(row));
    table.row_lines.push_back(row_number);
  }
  if (table.header.empty()) {
    throw InputError(ErrorCode::input_format, "sheet is empty (no header row)", ErrorContext{path, options.sheet, "", ""});
  }
  return table;
}

}  // namespace

util::CsvTable read_table(const std::string& path, const TableReadOptions& options) {
  if (!std::filesystem::exists(path)) {
    throw InputError(ErrorCode::input_missing, "file not found", ErrorContext{path, "", "", ""});
  }
  const std::string ext = util::to_lower_ascii(std::filesystem::path(path).extension().string());
  if (ext == ".xlsx" || ext == ".xls" || ext == ".ods") return read_spreadsheet(path, options);
  auto csv_options = options.csv;
  if (ext == ".tsv" && !csv_options.delimiter) csv_options.delimiter = '\t';
  return util::read_csv(path, csv_options);
}

}  // namespace quhua::io
