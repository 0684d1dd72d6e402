// The contiguity builder: units' polygons in, a ContiguityGraph (rook or queen, edges weighted by the
// shared border length in metres) and a report of islands, components, multipart units and
// point-only contacts out. Geometry stays here; everything above geometry/ sees only the graph.
//
// Hand-written rather than built on GEOS: GEOS has no operation for "the length along which two
// boundaries run within a tolerance of each other, for all pairs of a layer". Done pairwise -- candidate
// pairs by their boxes, then the intersection of the two boundaries and its length per pair -- it is
// 13-21x slower on one core (bench/contiguity_bench.cpp, docs/benchmarks.md), and it is exact-only:
// it misses the nearly-shared borders of simplified or separately digitised data, the normal case for
// county and village layers, and adding a tolerance (snap or buffer per pair) makes it slower still.
// GEOS serves instead as the reference the tests compare against.
//
// How it works: every ring is cut into boundary segments (duplicate consecutive vertices dropped,
// unclosed rings closed, segments longer than a grid cell split), the segments go into a uniform grid
// whose cell size follows the median segment length, and each pair of segments of different units that
// share a cell is tested once: contact when they come within the snap tolerance, shared length when
// they run along each other (nearly parallel) within it. Vertex hashing alone would miss T-junctions
// (one unit's vertex in the middle of its neighbour's edge) and nearly-but-not-exactly shared borders;
// segment-against-segment tests catch both.
#pragma once

#include "quhua/graph/components.hpp"
#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/model/geometry.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace quhua::geometry {

/// Which contact makes two units neighbours (邻接).
enum class Contiguity {
  rook,   ///< a shared border of positive length (共边)
  queen,  ///< any contact, a single shared point included (共点)
};

struct ContiguityOptions {
  /// DEFAULT rook: a township merger must keep a town connected along borders, not through a corner.
  Contiguity contiguity = Contiguity::rook;

  /// Boundaries that come closer than this count as touching, and stretches of two boundaries that run
  /// within this distance of each other count as shared border. DEFAULT 1.0 m: larger than the
  /// rounding of coordinates stored with 5 decimal degrees (about 1.1 m on the ground, so a rounded
  /// T-junction vertex sits up to about 0.8 m off its neighbour's edge) and than the slivers and gaps
  /// of careful digitising, and far below the width of anything that really separates two villages.
  /// Raise it for generalised data (50 m for web-simplified county boundaries). 0 means exact contact
  /// only, up to a floor of 1e-9 of the largest coordinate that absorbs floating-point rounding.
  double snap_tolerance_m = 1.0;

  /// Rook only: two units are neighbours when their shared border is longer than
  /// max(min_shared_border_m, 4 * snap_tolerance_m). DEFAULT 0, i.e. 4 * snap_tolerance_m decides.
  /// The tolerance term keeps corner contacts out: where two units meet at a corner, boundaries within
  /// the tolerance of each other run side by side for up to about two tolerances on each side of it
  /// without being a border.
  double min_shared_border_m = 0;

  /// Also measure where touching units overlap (report.overlaps): a GEOS intersection per pair of
  /// units in contact whose boxes overlap by more than the tolerance both ways. DEFAULT false: it costs
  /// one overlay per such pair, which diagnosis and `quhua graph` pay and the planner does not.
  bool find_overlaps = false;

  /// Throws UsageError naming the bad option (negative or not finite).
  void validate() const;
};

/// Two units whose polygons overlap (a defect of the layer: land counted twice), with the overlap's area.
struct Overlap {
  graph::NodeId a = 0;
  graph::NodeId b = 0;  ///< a < b
  double area_m2 = 0;
};

/// A unit whose geometry has more than one polygon part: an exclave (飞地) or an island group.
struct MultipartUnit {
  graph::NodeId unit = 0;
  std::uint32_t part_count = 0;
};

/// Findings about the layer, reported as values (none of them stops the build).
struct ContiguityReport {
  /// Units with no neighbour (孤立单元), ascending; includes empty units.
  std::vector<graph::NodeId> islands;
  /// Units without a single boundary segment (no polygon, or rings of fewer than two distinct points).
  std::vector<graph::NodeId> empty_units;
  /// Connected components of the graph.
  graph::Components components;
  /// Units with more than one polygon part, ascending by unit.
  std::vector<MultipartUnit> multipart_units;
  /// Rook only: pairs that touch but do not share a border longer than the rook minimum -- a corner
  /// contact (or a border shorter than the minimum, whose length is given). Sorted by (a, b), a < b.
  std::vector<graph::Edge> point_contacts;
  /// With find_overlaps: pairs whose polygons overlap by more than a sliver -- the overlap's mean width
  /// (2 x area / perimeter) above the snap tolerance, so digitising slivers within it are not reported.
  /// Sorted by (a, b). Such a pair is still in the graph with the border found along it.
  std::vector<Overlap> overlaps;

  /// Boundary segments tested (after splitting long ones) and the grid cell size used, for benchmarks.
  std::size_t segment_count = 0;
  double cell_size_m = 0;
};

struct ContiguityResult {
  graph::ContiguityGraph graph;
  ContiguityReport report;
};

/// Builds the contiguity graph of `units` (node i = units[i]); an edge's weight is the length in metres
/// of the border the two units share (0 for a queen edge that is a point contact). Coordinates must be
/// in a projected metric CRS. Holes count as boundary, so a unit inside another's hole is its neighbour.
/// Deterministic: the same input and options give the same graph, bit for bit.
/// Throws UsageError for bad options and InputError (input_geometry) for a coordinate that is not finite.
/// Complexity: O(S log S) for S boundary segments, given a layer that tiles the plane without huge
/// overlaps; memory about 60 bytes per segment at its peak.
ContiguityResult build_contiguity(std::span<const model::MultiPolygon> units, const ContiguityOptions& options = {});

}  // namespace quhua::geometry
