// The synthetic county's boundaries: village cells (a Voronoi coverage of the village sites clipped to
// the county outline, with wandering borders) and townships grown over village adjacency from their
// seats, so townships tile the county exactly, are contiguous and nest their villages.
#pragma once

#include <cstdint>
#include <vector>

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/model/geometry.hpp"
#include "quhua/synthetic/terrain.hpp"

namespace quhua::synthetic::detail {

struct VillageCells {
  std::vector<model::MultiPolygon> cells;  ///< one single-part polygon per site, containing the site
  /// Rook adjacency of the cells (a < b, sorted) with the length of the shared border in metres.
  std::vector<graph::Edge> adjacency;
};

/// Cells of `sites` tiling `outline` exactly. A piece that the outline cuts off a cell goes to the
/// neighbour it shares most border with, so every cell is one polygon. Borders between cells are then
/// bent into irregular lines (seeded by `seed`, the same border the same way from both sides), kept
/// inside the two Voronoi triangles they separate so that no border crosses another.
/// @pre sites distinct and inside outline
VillageCells build_village_cells(const std::vector<model::Point>& sites, const model::Ring& outline, std::uint64_t seed);

/// Township of every site: a multi-source Dijkstra over the cell adjacency from the seat sites, where
/// a step costs its length (more across ridges) divided by the township's `reach`, so each township is
/// the set of villages whose cheapest path leads to its seat: compact, contiguous, bounded by ridges. A
/// township claims no site farther than `max_distance_m[t]` from its seat (the subdistricts stay in town).
/// Afterwards townships with fewer than `min_villages` take border villages from neighbours that can
/// spare them without breaking apart. Returns the township index of every site.
std::vector<std::uint32_t> grow_townships(const std::vector<model::Point>& sites, const graph::ContiguityGraph& adjacency,
                                          const std::vector<std::uint32_t>& seats, const std::vector<double>& reach,
                                          const std::vector<double>& max_distance_m, const Terrain& terrain,
                                          std::size_t min_villages);

/// True when the sites in `members` induce a connected subgraph of `adjacency`.
bool is_connected(const graph::ContiguityGraph& adjacency, const std::vector<std::uint32_t>& members);

}  // namespace quhua::synthetic::detail
