// service::import_units -- the one door through which every job reads administrative units: a vector
// layer (Shapefile, GeoJSON, GeoPackage ...) or a CSV/XLSX table, with an optional attribute table and
// seat layer, into a model::UnitTable in a local equal-area working CRS, with findings for everything
// that was repaired, assumed or wrong. Rules and finding kinds: docs/import.md.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "quhua/io/attribute_join.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/findings.hpp"

namespace quhua::service {

using io::JoinOn;

struct ImportRequest {
  std::string units_path;  ///< vector file, or a CSV/TSV/XLSX/XLS/ODS table (units without geometry)
  std::string layer;       ///< layer (or sheet) to read; empty: the first
  std::string fields;      ///< "code=XZQDM,name=XZQMC,population=POP" (roles: docs/import.md)
  std::string mapping_path;  ///< TOML mapping file; `fields` wins over it where both name a role
  /// "GDP,revenue=CZSR": only these numeric fields become indicators. Empty: every numeric field no
  /// role uses (see io::FieldMapping::indicators).
  std::string indicators;
  std::string attributes_path;   ///< CSV/XLSX joined onto the units
  std::string attributes_sheet;  ///< sheet of an XLSX attribute table; empty: the first
  JoinOn join_on = JoinOn::code;
  std::string seats_path;       ///< point layer of seats (驻地)
  std::string seats_layer;      ///< its layer; empty: the first
  std::string seat_code_field;  ///< its field holding the unit code; empty: the default code names
  std::string encoding;         ///< "GBK" or "UTF-8": overrides .cpg files and detection
  std::string crs;              ///< the units' CRS ("EPSG:4490", WKT, PROJ): assumed when the file has none,
                                ///< and used instead of the file's when it has one
  std::optional<model::CodeScheme> code_scheme;  ///< nullopt: detect (NBS codes or free ids)
  bool keep_going = false;  ///< report bad features and leave them out instead of failing

  /// Throws UsageError naming the bad option.
  void validate() const;
};

struct ImportResult {
  model::UnitTable units;
  Findings findings;
  std::string units_file;
  std::string layer;          ///< layer or sheet read
  std::string driver;         ///< GDAL driver, or "CSV"/"XLSX" for tables
  std::string encoding_note;  ///< how text was decoded
  std::string fields_used;    ///< "code <- XZQDM, name <- XZQMC, ..."
  std::string source_crs_name;  ///< PROJ's name of the source CRS; empty without geometry
  std::size_t features_read = 0;
  std::size_t features_left_out = 0;  ///< bad features dropped with keep_going
  std::size_t geometries_repaired = 0;
  bool has_geometry = false;
};

/// The import failed: InputError with the first error's message and place, carrying every finding
/// so that a front end can show them all.
class ImportFailed : public InputError {
 public:
  ImportFailed(ErrorCode code, const std::string& message, ErrorContext context, Findings findings)
      : InputError(code, message, std::move(context)), m_findings(std::move(findings)) {}
  const Findings& findings() const noexcept { return m_findings; }

 private:
  Findings m_findings;
};

/// Imports units as `request` says. Every bad feature or value is a finding naming file, feature and
/// field. At the end, if any finding is an error and `keep_going` is false, throws ImportFailed; with
/// `keep_going`, features with errors are left out and counted (features_left_out finding). Problems
/// after which nothing can be read (no file, layer or code field, an empty layer, an unknown CRS) throw
/// ImportFailed at once. Bad options throw UsageError.
ImportResult import_units(const ImportRequest& request);

}  // namespace quhua::service
