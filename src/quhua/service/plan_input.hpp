// Inputs of the planner: a contiguity graph given as two tables (nodes and edges, the layout of
// ../shared/data/peer-graphs) or imported units with their contiguity graph. Both end in one
// algorithms::regionalize::PlanningProblem, so `quhua plan` works the same on either.
#pragma once

#include <string>
#include <vector>

#include "quhua/algorithms/regionalize/problem.hpp"
#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/model/unit.hpp"

namespace quhua::service {

/// Reads a graph given as tables (CSV or a spreadsheet, through io::read_table).
///
/// nodes: `id` (or `code`) and `population` are required; optional `name`, `x_km`,`y_km` (or `x_m`,`y_m`:
/// the anchor in a projected metric CRS), `area_km2`, `perimeter_km` (or `perimeter_m`), `parent`,
/// `type` (镇, 乡, 民族乡, 街道, town ...). `attribute_fields` name further numeric columns for the
/// heterogeneity objective (x_km and y_km may be named too).
/// edges: `a`,`b` (node ids, each pair once or twice), optional `border_km` (or `border_m`): the shared
/// border length. Self-loops are dropped.
///
/// Throws InputError naming the file, row and field for a missing column, a bad number, a duplicate
/// id or an edge naming an unknown node.
algorithms::regionalize::PlanningProblem read_graph_problem(const std::string& nodes_path, const std::string& edges_path,
                                                            const std::vector<std::string>& attribute_fields);

}  // namespace quhua::service
