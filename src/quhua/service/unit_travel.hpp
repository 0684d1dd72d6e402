// service unit_travel: travel times between administrative units (and their villages) over a road
// network, for the planner (`plan --network`) and the evaluation (`evaluate --network`). The roads are
// read into the units' own working CRS (UnitTable::crs.working), every unit's anchor (seat, else
// centroid) is snapped to them, and the matrix is computed by service::cost_matrix (Dijkstra or a
// contraction hierarchy). Units that cannot reach each other both ways are reported by name.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "quhua/model/unit.hpp"
#include "quhua/service/routing.hpp"
#include "quhua/util/findings.hpp"
#include "quhua/util/run_control.hpp"

namespace quhua::service {

/// Units above this many are refused with --network: the planner keeps a dense n × n float matrix
/// (5,000 units: 100 MB), enough for any county's townships or a township's villages.
inline constexpr std::size_t k_max_travel_units = 5000;

/// The road network and how points reach it (the flags of `quhua access`).
struct TravelSpec {
  NetworkSpec network;     ///< network.path empty: no network
  RoutingOptions routing;  ///< access speed, snap warning, components, algorithm, threads
  bool given() const { return !network.path.empty(); }
};

/// Travel minutes from each of `rows` points to each of `cols` points.
struct TravelMinutes {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<float> minutes;           ///< rows × cols, row-major (from, to); +infinity: no route
  std::vector<graph::Snap> row_snaps;   ///< where each origin meets the roads
  std::vector<graph::Snap> col_snaps;
  float operator()(std::size_t r, std::size_t c) const { return minutes[r * cols + c]; }
};

/// A units × units matrix for the planner and the evaluation, with what the network looked like.
struct UnitTravelTimes {
  TravelMinutes matrix;
  std::string crs;               ///< the CRS routed in (the units' working CRS)
  std::size_t network_nodes = 0;
  double network_length_km = 0;
  /// Groups of units that reach each other both ways; [0] is the largest. More than one group: units of
  /// different groups never share a new unit.
  std::vector<std::vector<model::UnitId>> reach_groups;
  double farthest_snap_m = 0;    ///< the longest off-road leg of a unit anchor
  std::string farthest_snap_code;
  double seconds = 0;
};

/// Reads and builds the network of `spec` in `units.crs.working`. Throws UsageError when the units have
/// no projected working CRS (no geometry and no coordinates), InputError for unreadable roads.
LoadedNetwork load_network_for_units(const model::UnitTable& units, const TravelSpec& spec, Findings& findings);

/// The anchors (seat, else centroid) of `table`'s units in `crs`. Throws InputError naming the first
/// unit without one (`file` for the message).
std::vector<model::Point> anchors_in_crs(const model::UnitTable& table, const std::string& crs,
                                         const std::string& file);

/// Travel minutes between two point sets (in the network's CRS; ids for messages), snapped to `network`.
/// Snap findings (far from a road, not snapped) go to `findings`.
TravelMinutes travel_minutes(const std::vector<std::string>& from_ids, const std::vector<model::Point>& from,
                             const std::vector<std::string>& to_ids, const std::vector<model::Point>& to,
                             const LoadedNetwork& network, const RoutingOptions& routing, RunControl& control,
                             Findings& findings, const std::string& source);

/// Units × units travel minutes (diagonal 0) over the network of `spec`, with the reach groups and a
/// finding naming the units cut off from the others. Throws UsageError above k_max_travel_units.
UnitTravelTimes unit_travel_times(const model::UnitTable& units, const TravelSpec& spec, RunControl& control,
                                  Findings& findings, const std::string& source);

/// The same on an already loaded network.
UnitTravelTimes unit_travel_times(const model::UnitTable& units, const LoadedNetwork& network,
                                  const RoutingOptions& routing, RunControl& control, Findings& findings,
                                  const std::string& source);

/// What the network looked like, for summary.json and evaluation.json: crs, network_nodes,
/// network_length_km, farthest_snap_m, farthest_snap_code, reach_groups, cut_off_groups (codes of the units
/// in every group but the largest) and seconds. `code_of(unit index)` names the units.
nlohmann::json travel_summary(const UnitTravelTimes& travel, const std::function<std::string(std::size_t)>& code_of);

}  // namespace quhua::service
