// The brute-force reference the contiguity builder is checked against: every pair of units whose
// boxes meet, compared with GEOS (reentrant C API) on their boundaries. Slow (a GEOS overlay per
// pair) and exact-only for shared lengths: fine for a few hundred units in a test, and the pairwise
// GEOS baseline of bench/contiguity_bench.cpp.
#pragma once

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/model/geometry.hpp"

#include <span>
#include <vector>

namespace quhua::test {

/// Pairs (a < b, sorted) whose boundaries intersect; shared_border_m is the length of the
/// intersection (0 where it is points only).
std::vector<graph::Edge> geos_boundary_contacts(std::span<const model::MultiPolygon> units);

/// Pairs (a < b, sorted) whose boundaries come within `distance_m` of each other (GEOSDistance).
std::vector<graph::Edge> geos_pairs_within(std::span<const model::MultiPolygon> units, double distance_m);

}  // namespace quhua::test
