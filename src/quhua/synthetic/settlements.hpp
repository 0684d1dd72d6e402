// Where the synthetic county's people live: the county seat, the seats of the subdistricts around it,
// the other township seats and the village sites (驻地 of every village-level unit), placed on the
// terrain so that they gather along valleys and around market towns and thin out in the mountains.
#pragma once

#include <cstdint>
#include <vector>

#include "quhua/model/geometry.hpp"
#include "quhua/synthetic/county_options.hpp"
#include "quhua/synthetic/terrain.hpp"
#include "quhua/util/random.hpp"

namespace quhua::synthetic::detail {

enum class SiteKind : std::uint8_t {
  county_seat,       ///< 县政府驻地, seat of the county seat town (城关镇)
  subdistrict_seat,  ///< seat of a 街道
  township_seat,     ///< seat of a 镇 or 乡
  urban,             ///< a neighbourhood of the county seat's built-up area (社区)
  rural,             ///< a village (行政村)
};

/// True for the county seat's built-up area: its seat, the subdistrict seats and its neighbourhoods.
inline bool is_urban_core(SiteKind kind) {
  return kind == SiteKind::county_seat || kind == SiteKind::subdistrict_seat || kind == SiteKind::urban;
}

struct Settlements {
  std::vector<model::Point> sites;  ///< one per village-level unit
  std::vector<SiteKind> kinds;      ///< parallel to sites
  /// Site index of each township-level unit's seat: [0] the county seat town, then the subdistricts,
  /// then the other townships.
  std::vector<std::uint32_t> township_seats;
  /// Radius of the county seat's built-up area (where the 社区 of the seat are).
  double urban_radius_m = 0;
};

/// Places options.village_count sites, options.township_count of them township seats.
Settlements place_settlements(const CountyOptions& options, const Terrain& terrain, Rng& rng);

/// Greedy, density-weighted farthest-point selection (a blue-noise pattern whose local spacing shrinks
/// where `weights` is high): repeatedly takes the candidate maximising (distance to the nearest chosen or
/// `fixed` point) × weight, `count` times. Lazy evaluation: scores only fall, so a popped candidate whose
/// recomputed score still tops the heap is the true maximum. Returns candidate indices in pick order.
/// @pre fixed is not empty
std::vector<std::size_t> spread_points(const std::vector<model::Point>& candidates, const std::vector<double>& weights,
                                       const std::vector<model::Point>& fixed, std::size_t count);

}  // namespace quhua::synthetic::detail
