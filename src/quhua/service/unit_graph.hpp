// service::unit_graph -- the contiguity graph of imported units and the `quhua graph` job: one place
// that turns a UnitTable's polygons into a graph (rook or queen, with snap tolerance), so diagnosis,
// planning and evaluation all see the same adjacency.
#pragma once

#include <filesystem>
#include <vector>

#include "quhua/geometry/contiguity.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::service {

/// The contiguity of the units' geometry. Units without geometry become islands (reported as empty).
geometry::ContiguityResult unit_contiguity(const model::UnitTable& units, const geometry::ContiguityOptions& options);

struct GraphRequest {
  ImportRequest units;
  geometry::ContiguityOptions contiguity;
};

struct GraphResult {
  ImportResult import;
  geometry::ContiguityResult contiguity;
};

/// "the polygons overlap by 1.25 km2: land counted in both ...": how an overlap is reported.
std::string overlap_detail(double area_m2);

/// Imports the units and builds their graph (overlaps measured too: they are reported, see
/// contiguity_report_table). Throws UsageError when the units have no geometry.
GraphResult build_graph(const GraphRequest& request);

/// One row per undirected edge: a_code, b_code, shared_border_m (the `quhua graph` CSV, in that column
/// order), sorted by a then b.
util::ReportTable edge_table(const model::UnitTable& units, const graph::ContiguityGraph& graph);
/// Islands, components, multi-part units (飞地), point-only contacts, overlaps: one row per finding.
util::ReportTable contiguity_report_table(const model::UnitTable& units, const geometry::ContiguityReport& report);

}  // namespace quhua::service
