#include "quhua/service/unit_travel.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "quhua/geometry/projection.hpp"
#include "quhua/graph/components.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service {
namespace {

// "A, B, C and 4 more".
std::string list_codes(const model::UnitTable& units, const std::vector<model::UnitId>& ids, std::size_t shown = 8) {
  std::string text;
  for (std::size_t i = 0; i < ids.size() && i < shown; ++i) {
    const auto& unit = units[ids[i]];
    text += (i ? ", " : "") + unit.code + (unit.name.empty() ? "" : " " + unit.name);
  }
  if (ids.size() > shown) text += " and " + std::to_string(ids.size() - shown) + " more";
  return text;
}

// The planner and the evaluation keep a dense n × n matrix.
void check_travel_unit_count(std::size_t n) {
  if (n > k_max_travel_units) {
    throw UsageError("--network: " + std::to_string(n) + " units are more than the " +
                     std::to_string(k_max_travel_units) +
                     " a full travel-time matrix is kept for (n × n minutes in memory); plan each county "
                     "(or township) separately, or leave --network out for straight-line distances");
  }
}

}  // namespace

LoadedNetwork load_network_for_units(const model::UnitTable& units, const TravelSpec& spec, Findings& findings) {
  if (!units.crs.is_projected || units.crs.working.empty()) {
    throw UsageError("--network needs units placed on the map (polygons or coordinates) to route between");
  }
  NetworkSpec network = spec.network;
  network.working_crs = units.crs.working;
  auto loaded = load_network(network);
  findings.append(loaded.findings);
  return loaded;
}

std::vector<model::Point> anchors_in_crs(const model::UnitTable& table, const std::string& crs, const std::string& file) {
  std::vector<model::Point> points;
  points.reserve(table.size());
  for (model::UnitId u = 0; u < table.size(); ++u) {
    const auto anchor = table[u].anchor();
    if (!anchor) {
      throw InputError(ErrorCode::input_missing,
                       "travel times need a seat or centroid for every unit; unit " + table[u].code + " has none",
                       ErrorContext{file, "", table[u].code, "seat"});
    }
    points.push_back(*anchor);
  }
  if (!crs.empty() && !table.crs.working.empty() && table.crs.working != crs) {
    geometry::Projector(table.crs.working, crs).forward(points);
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (!std::isfinite(points[i].x) || !std::isfinite(points[i].y)) {
        throw InputError(ErrorCode::input_crs, "the anchor cannot be transformed to the units' working CRS",
                         ErrorContext{file, "", table[static_cast<model::UnitId>(i)].code, ""});
      }
    }
  }
  return points;
}

TravelMinutes travel_minutes(const std::vector<std::string>& from_ids, const std::vector<model::Point>& from,
                             const std::vector<std::string>& to_ids, const std::vector<model::Point>& to,
                             const LoadedNetwork& network, const RoutingOptions& routing, RunControl& control,
                             Findings& findings, const std::string& source) {
  RoutingOptions options = routing;
  options.metric = graph::Metric::travel_time;
  options.max_cost.reset();
  LocatedPoints origins, destinations;
  origins.ids = from_ids;
  origins.points = from;
  origins.source = source;
  snap_points(origins, *network.router, options, findings);
  const bool same = &from == &to;
  if (!same) {
    destinations.ids = to_ids;
    destinations.points = to;
    destinations.source = source;
    snap_points(destinations, *network.router, options, findings);
  }
  const LocatedPoints& targets = same ? origins : destinations;
  const auto seconds = cost_matrix(origins, targets, &network, options, control);
  TravelMinutes out;
  out.rows = seconds.rows;
  out.cols = seconds.cols;
  out.minutes.resize(seconds.values.size());
  for (std::size_t i = 0; i < seconds.values.size(); ++i) {
    const double v = seconds.values[i];
    out.minutes[i] = std::isfinite(v) ? static_cast<float>(to_unit(v, graph::Metric::travel_time))
                                      : std::numeric_limits<float>::infinity();
  }
  out.row_snaps = origins.snaps;
  out.col_snaps = targets.snaps;
  return out;
}

UnitTravelTimes unit_travel_times(const model::UnitTable& units, const TravelSpec& spec, RunControl& control,
                                  Findings& findings, const std::string& source) {
  check_travel_unit_count(units.size());  // before reading the roads
  const auto network = load_network_for_units(units, spec, findings);
  return unit_travel_times(units, network, spec.routing, control, findings, source);
}

UnitTravelTimes unit_travel_times(const model::UnitTable& units, const LoadedNetwork& network,
                                  const RoutingOptions& routing, RunControl& control, Findings& findings,
                                  const std::string& source) {
  const auto started = std::chrono::steady_clock::now();
  const std::size_t n = units.size();
  check_travel_unit_count(n);
  UnitTravelTimes out;
  out.crs = network.crs;
  out.network_nodes = network.router->network().nodes.size();
  out.network_length_km = network.router->network().total_length_m() / 1000.0;
  const auto anchors = anchors_in_crs(units, network.crs, source);
  std::vector<std::string> ids;
  ids.reserve(n);
  for (const auto& unit : units) ids.push_back(unit.code);
  out.matrix = travel_minutes(ids, anchors, ids, anchors, network, routing, control, findings, source);
  for (std::size_t u = 0; u < n; ++u) {
    // A unit is its own seat: no travel, whatever its snap.
    out.matrix.minutes[u * n + u] = 0.0f;
    const auto& snap = out.matrix.row_snaps[u];
    if (snap.found() && snap.distance_m > out.farthest_snap_m) {
      out.farthest_snap_m = snap.distance_m;
      out.farthest_snap_code = units[static_cast<model::UnitId>(u)].code;
    }
  }

  // Groups of units reachable both ways.
  const auto groups = graph::mutual_reach(out.matrix.minutes, n);
  out.reach_groups.resize(groups.count());
  for (std::size_t u = 0; u < n; ++u) out.reach_groups[groups.component_of[u]].push_back(static_cast<model::UnitId>(u));
  std::stable_sort(out.reach_groups.begin(), out.reach_groups.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  if (out.reach_groups.size() > 1) {
    std::vector<model::UnitId> cut;
    for (std::size_t g = 1; g < out.reach_groups.size(); ++g) {
      cut.insert(cut.end(), out.reach_groups[g].begin(), out.reach_groups[g].end());
    }
    std::sort(cut.begin(), cut.end());
    findings.add(Severity::warning, "unreachable_units",
                 std::to_string(cut.size()) + " units cannot reach the " + std::to_string(out.reach_groups[0].size()) +
                     " others by road (or be reached from them): " + list_codes(units, cut) + " (" +
                     std::to_string(out.reach_groups.size()) +
                     " groups in all); units of different groups never share a new unit",
                 ErrorContext{source, "", units[cut.front()].code, ""});
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

nlohmann::json travel_summary(const UnitTravelTimes& travel, const std::function<std::string(std::size_t)>& code_of) {
  nlohmann::json groups = nlohmann::json::array();
  for (std::size_t g = 1; g < travel.reach_groups.size(); ++g) {
    nlohmann::json members = nlohmann::json::array();
    for (auto u : travel.reach_groups[g]) members.push_back(code_of(u));
    groups.push_back(members);
  }
  return {{"crs", travel.crs},
          {"network_nodes", travel.network_nodes},
          {"network_length_km", travel.network_length_km},
          {"farthest_snap_m", travel.farthest_snap_m},
          {"farthest_snap_code", travel.farthest_snap_code},
          {"reach_groups", travel.reach_groups.size()},
          {"cut_off_groups", groups},
          {"seconds", travel.seconds}};
}

}  // namespace quhua::service
