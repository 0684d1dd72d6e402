// Flags shared by `quhua access` and `quhua facilities`: the road network, routing options and point
// columns, parsed into the service's NetworkSpec / RoutingOptions / PointOptions.
#pragma once

#include "quhua/service/routing.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace quhua::cli {

/// The road-network flags: --network, the layer, --class-field, --oneway-field, --speed-field,
/// --road-id-field, --speeds, --speed, --unknown-speed, --snap-tolerance, --split-crossings, --network-crs,
/// --bbox, --access-speed, --snap-warn, --all-components and the matrix algorithm. `plan` and `evaluate`
/// use them alone (travel times between their own units); `access` and `facilities` through RoutingFlags.
struct NetworkFlags {
  service::NetworkSpec network;
  service::RoutingOptions routing;
  std::vector<std::string> speeds;  ///< CLASS=KMH
  std::string bbox;                 ///< min_lon,min_lat,max_lon,max_lat
  std::string algorithm = "auto";
  bool all_components = false;
  double snap_tolerance_m = -1;
  std::string split_crossings;  ///< "", "yes", "no"

  /// Registers the flags on `cmd`; the road layer and the matrix algorithm under the names given (the
  /// point-to-point commands say --layer and --algorithm, the planning ones --network-layer and
  /// --matrix-algorithm, where --layer already names the units' layer).
  void add_to(CLI::App& cmd, const char* layer_flag = "--network-layer", const char* algorithm_flag = "--matrix-algorithm");
  /// Checks and converts (throws UsageError naming the bad flag); travel time is the metric.
  void finish();
};

/// NetworkFlags plus what `quhua access` and `quhua facilities` add: the metric, cut-offs, the
/// straight-line fallback, threads and the point columns.
struct RoutingFlags : NetworkFlags {
  io::PointOptions points;
  std::string metric = "time";
  double max_minutes = 0;
  double max_km = 0;

  void add_to(CLI::App& cmd);
  void finish();
  /// A point source: `path` read with the shared point flags (--id-field, --x-field ...) and its own
  /// layer (a GeoPackage holds several).
  service::PointsSpec points_at(const std::string& path, const std::string& layer) const;
};

/// Prints findings (warnings and errors) to stderr.
void print_findings(const Findings& findings);

/// Writes all tables to `out` (when given) and shows the first on stdout as text, csv or json.
void show_tables(const std::vector<util::ReportTable>& tables, const std::string& out, const std::string& format,
                 const std::string& lang);

}  // namespace quhua::cli
