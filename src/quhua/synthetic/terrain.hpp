// The synthetic county's landscape, in the generator's "straight" working space (before the final
// smooth warp, see warp.hpp): an irregular county outline, a main river with tributaries, and an
// elevation field with a mountain zone and carved valleys. Settlements, boundaries and roads are all
// placed on it, so villages gather in valleys and thin out in the mountains.
#pragma once

#include <cstdint>
#include <vector>

#include "quhua/model/geometry.hpp"
#include "quhua/synthetic/county_options.hpp"
#include "quhua/util/random.hpp"

namespace quhua::synthetic::detail {

/// A regular grid of values over a box, sampled bilinearly (values outside the grid are clamped).
class Raster {
 public:
  Raster() = default;
  Raster(const model::BBox& box, double cell_m, float fill);
  double sample(const model::Point& p) const;
  bool empty() const { return m_values.empty(); }
  int nx() const { return m_nx; }
  int ny() const { return m_ny; }
  model::Point cell_centre(int ix, int iy) const { return {m_min_x + (ix + 0.5) * m_cell, m_min_y + (iy + 0.5) * m_cell}; }
  float& at(int ix, int iy) { return m_values[static_cast<std::size_t>(iy) * static_cast<std::size_t>(m_nx) + static_cast<std::size_t>(ix)]; }
  float at(int ix, int iy) const { return m_values[static_cast<std::size_t>(iy) * static_cast<std::size_t>(m_nx) + static_cast<std::size_t>(ix)]; }
  double cell_m() const { return m_cell; }
  /// Lowers each cell within `reach_m` of segment a-b to its distance from the segment.
  void lower_to_segment_distance(const model::Point& a, const model::Point& b, double reach_m);

 private:
  double m_min_x = 0, m_min_y = 0, m_cell = 1;
  int m_nx = 0, m_ny = 0;
  std::vector<float> m_values;
};

/// A smooth random field: a sum of plane waves with random directions, wavelengths and phases, each
/// of amplitude 1.
class WaveField {
 public:
  WaveField(Rng& rng, int waves, double min_wavelength_m, double max_wavelength_m);
  double operator()(const model::Point& p) const;

 private:
  struct Wave {
    double kx, ky, phase;
  };
  std::vector<Wave> m_waves;
};

struct Terrain {
  model::Ring outline;  ///< closed, counter-clockwise
  model::BBox box;      ///< of the outline
  model::Point centre;
  model::Point axis;    ///< unit vector along the main river, downstream
  double half_length_m = 0;  ///< half extent of the outline along the axis
  double half_width_m = 0;   ///< half extent across the axis
  int mountain_side = 1;     ///< +1: mountains lie left of the river (looking downstream); -1: right
  /// [0] the main river, then tributaries; polylines that run on past the outline.
  std::vector<std::vector<model::Point>> rivers;
  /// Where the main river crosses the outline, upstream end first.
  model::Point river_entry, river_exit;

  Raster elevation_m;       ///< metres above sea level
  Raster river_distance_m;  ///< to the nearest river, capped
  Raster outline_distance_m;  ///< to the outline, capped; meaningful inside
  Raster inside_m;            ///< 1 inside the outline, 0 outside (by cell centre)

  double elevation(const model::Point& p) const { return elevation_m.sample(p); }
  /// Relative density of settlement in (0, 1]: high on low valley floors near rivers, low in mountains.
  double habitability(const model::Point& p) const;
  /// Exact point-in-polygon test against the outline.
  bool inside(const model::Point& p) const;
  /// True when p is inside and at least `margin_m` (approximately) from the outline.
  bool inside_with_margin(const model::Point& p, double margin_m) const {
    return inside(p) && outline_distance_m.sample(p) >= margin_m;
  }
  /// Signed offset of p across the axis from the main river (positive on the mountain side).
  double across_river_m(const model::Point& p) const;
};

/// The parts of a polyline inside the terrain's outline, cut where it crosses (to a few millimetres).
std::vector<std::vector<model::Point>> clip_to_outline(const std::vector<model::Point>& line, const Terrain& terrain);

/// Builds the landscape for the options' area. Deterministic in `rng`'s state.
Terrain make_terrain(const CountyOptions& options, Rng& rng);

/// Distance from p to segment a-b.
double segment_distance(const model::Point& p, const model::Point& a, const model::Point& b);

}  // namespace quhua::synthetic::detail
