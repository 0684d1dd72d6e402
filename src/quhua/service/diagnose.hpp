// service::diagnose -- `quhua diagnose`: the diagnosis of a unit table (metrics/diagnosis.hpp) with its
// report: terminal tables, CSV, XLSX, and a documented JSON shape (docs/diagnose.md). With no input it
// diagnoses the synthetic county, so it works out of the box.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/metrics/diagnosis.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/synthetic/county_options.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::service {

struct DiagnoseRequest {
  /// Level (DEFAULT township), thresholds, population kind.
  metrics::DiagnosisOptions options;
  /// The synthetic county diagnosed when no unit table is given.
  synthetic::CountyOptions synthetic;
};

struct DiagnoseResult {
  /// What was diagnosed, for the report, in Chinese and English ("合成县 青岚县 519921，种子 20240611").
  std::string source_zh, source_en;
  model::UnitTable units;  ///< the table the diagnosis refers to
  /// Where the contiguity graph came from; empty when none was given.
  std::string contiguity_zh, contiguity_en;
  metrics::DiagnosisResult diagnosis;
};

/// Diagnoses the synthetic county of request.synthetic at request.options.level (township when unset:
/// townships per county; village: villages per township), with the generator's exact adjacency as the
/// contiguity graph.
DiagnoseResult diagnose_synthetic(const DiagnoseRequest& request);

/// Diagnoses a given table; `graph` (nullable) is a contiguity graph over it. The result's source and
/// contiguity descriptions are left for the caller to fill. The entry point for imported data.
DiagnoseResult diagnose_table(model::UnitTable units, const graph::ContiguityGraph* graph, const DiagnoseRequest& request);

/// Imports units (request.units), builds their rook contiguity graph when they have polygons, and
/// diagnoses them; fills the source and contiguity descriptions. The entry point of `diagnose --units`.
DiagnoseResult diagnose_units(const ImportRequest& units, const DiagnoseRequest& request, Findings* import_findings);

/// Report tables: overview, population, area, seats, below_threshold, notes. `max_listed` caps the rows
/// of below_threshold (a note says how many were left out); nullopt lists all.
std::vector<util::ReportTable> diagnosis_tables(const DiagnoseResult& result, util::Language language,
                                                std::optional<std::size_t> max_listed = std::nullopt);

/// The JSON document described in docs/diagnose.md (schema "quhua.diagnosis/1").
nlohmann::ordered_json diagnosis_json(const DiagnoseResult& result);

/// Writes by extension: .json the document above, .csv/.xlsx/.txt the report tables.
void write_diagnosis(const std::filesystem::path& path, const DiagnoseResult& result, util::Language language);

}  // namespace quhua::service
