// service::generate -- `quhua generate`: makes the synthetic county and writes its layers to a folder
// (CSV tables with WKT geometry, a metadata file and an SVG quick look). The tables are built once, as
// ReportTables, so other writers (GDAL layers, XLSX) take the same rows.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "quhua/synthetic/synthetic_county.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::service {

struct GenerateRequest {
  synthetic::CountyOptions options;
  std::filesystem::path out_dir;  ///< created when missing; existing files of the same names are replaced
  bool preview = true;            ///< also write preview.svg
};

struct GenerateResult {
  synthetic::SyntheticCounty county;
  std::vector<std::filesystem::path> files;  ///< every file written, by name (all moved in together at the end)
};

/// Generates the county and writes, into out_dir:
///   units.csv       county, townships and villages: code, name, level, type, type_zh, parent,
///                   population (常住), registered (户籍), area_km2, seat_x, seat_y, indicators
///   boundaries.csv  code, level, wkt (MULTIPOLYGON, working CRS metres)
///   roads.csv       id, ref, class, class_zh, speed_kmh, one_way, length_m, wkt (LINESTRING)
///   facilities.csv  id, name, type, type_zh, unit_code, township_code, x, y, capacity, capacity_unit,
///                   in_use, utilisation
///   rivers.csv      id, wkt (LINESTRING)
///   metadata.json   generator options, seed, CRS (PROJ string), counts and totals
///   preview.svg     quick-look map (when request.preview)
/// Throws UsageError for bad options, InputError when out_dir cannot be written.
GenerateResult generate(const GenerateRequest& request);

/// The county's tables: "units", "boundaries", "roads", "facilities", "rivers" (in that order).
std::vector<util::ReportTable> county_tables(const synthetic::SyntheticCounty& county);

/// One-table summary for the terminal: counts, totals and the files written.
util::ReportTable generate_summary(const GenerateResult& result);

}  // namespace quhua::service
