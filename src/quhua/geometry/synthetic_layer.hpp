// A deterministic synthetic polygon layer for benchmarks and tests: a jittered brick grid (each brick a
// hexagon in topology, three units at every vertex, like real village boundaries) with wiggly shared
// edges and T-junctions. It exercises what real layers do to a contiguity builder at any size, with
// the answer known: every interior unit has exactly six rook neighbours and no corner-only contact.
#pragma once

#include "quhua/model/geometry.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quhua::geometry {

struct SyntheticLayerOptions {
  /// Number of units (bricks), filled row by row into a roughly square block. DEFAULT 10,000.
  std::size_t unit_count = 10000;
  /// Brick width; the height is 3/4 of it. DEFAULT 1,500 m, about the size of a village (1.7 km2).
  double cell_size_m = 1500;
  /// How far each grid vertex moves, as a fraction of the distance that would let neighbours cross.
  /// DEFAULT 0.5.
  double jitter = 0.5;
  /// Vertices inside each shared edge, identical for both units on it. DEFAULT 1 (two segments a side).
  std::uint32_t wiggle_points = 1;
  /// Share of edges on which one side alone has an extra vertex in the middle of each segment, on the
  /// straight line (a T-junction: vertex hashing alone misses the contact). DEFAULT 0.2.
  double t_junction_share = 0.2;
  /// South-west corner, in a projected CRS: coordinates of the size of a Gauss-Krueger 3-degree zone,
  /// so floating-point rounding is as in real data. DEFAULT (500 km, 3,300 km).
  double origin_x_m = 500000;
  double origin_y_m = 3300000;
  std::uint64_t seed = 1;
};

/// Units of the layer, each a MultiPolygon with one polygon without holes, in row-major brick order
/// from the south-west. Same options, same layer, bit for bit. O(unit_count).
/// Throws UsageError for a non-positive size, or jitter or t_junction_share outside [0, 1].
std::vector<model::MultiPolygon> synthetic_layer(const SyntheticLayerOptions& options);

/// Bricks per row the layer uses for `unit_count` units (rows hold this many, the last possibly fewer).
std::size_t synthetic_layer_columns(std::size_t unit_count);

}  // namespace quhua::geometry
