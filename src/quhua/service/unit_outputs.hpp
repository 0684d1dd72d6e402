// Imported units as outputs: a units table, a summary by level and type, the findings as a table, and
// the units and their seats as map layers -- what `quhua units --out` writes, and what other commands
// reuse when they hand units back to the user.
#pragma once

#include <filesystem>
#include <vector>

#include "quhua/io/layer_writer.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/util/findings.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::service {

/// One row per unit: code, name, level, type, type label, parent, populations, area, seat (WGS84
/// lon/lat and its source), then every indicator.
util::ReportTable units_table(const model::UnitTable& units);
/// Units by level and type: count, population, area.
util::ReportTable units_summary_table(const model::UnitTable& units);
/// One row per finding: severity, kind, its title in `language`, file, layer, feature, field, message.
util::ReportTable findings_table(const Findings& findings, util::Language language);

/// The units as a polygon layer (working CRS) with units_table's columns (seat lon/lat included).
io::OutputLayer units_layer(const model::UnitTable& units);
/// The seats as a point layer (working CRS): code, name, seat source.
io::OutputLayer seats_layer(const model::UnitTable& units);

/// Writes an import by the extension of `path`: .csv/.json/.xlsx -> the units and findings tables;
/// .geojson -> the units layer (WGS84); .gpkg -> units and seats layers in `gpkg_crs`: "" or "working"
/// the working CRS, "source" the input's CRS, else any CRS definition. Throws UsageError for another
/// extension.
void write_units(const std::filesystem::path& path, const ImportResult& result, util::Language language,
                 const std::string& gpkg_crs = "");

}  // namespace quhua::service
