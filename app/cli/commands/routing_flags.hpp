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

/// Raw values of the shared flags, turned into service structs by finish().
struct RoutingFlags {
  service::NetworkSpec network;
  service::RoutingOptions routing;
  io::PointOptions points;
  std::vector<std::string> speeds;  ///< CLASS=KMH
  std::string bbox;                 ///< min_lon,min_lat,max_lon,max_lat
  std::string metric = "time";
  std::string algorithm = "auto";
  double max_minutes = 0;
  double max_km = 0;
  bool all_components = false;
  double snap_tolerance_m = -1;
  std::string split_crossings;  ///< "", "yes", "no"

  /// Registers the flags on `cmd`.
  void add_to(CLI::App& cmd);
  /// Checks and converts (throws UsageError naming the bad flag).
  void finish();
  /// A point source: `path` read with the shared point flags (--id-field, --x-field ...) and its own
  /// layer (a GeoPackage holds several).
  service::PointsSpec points_at(const std::string& path, const std::string& layer) const;
};

/// The road-network flags alone, for commands that measure travel times between their own units
/// (`plan`, `evaluate`): --network, --network-layer, --class-field, --oneway-field, --speed-field,
/// --speeds, --speed, --unknown-speed, --snap-tolerance, --split-crossings, --network-crs, --bbox,
/// --access-speed, --snap-warn, --all-components, --matrix-algorithm.
struct NetworkFlags {
  service::NetworkSpec network;
  service::RoutingOptions routing;
  std::vector<std::string> speeds;  ///< CLASS=KMH
  std::string bbox;
  std::string algorithm = "auto";
  bool all_components = false;
  double snap_tolerance_m = -1;
  std::string split_crossings;

  void add_to(CLI::App& cmd);
  /// Checks and converts (throws UsageError naming the bad flag).
  void finish();
};

/// Prints findings (warnings and errors) to stderr.
void print_findings(const Findings& findings);

/// Writes all tables to `out` (when given) and shows the first on stdout as text, csv or json.
void show_tables(const std::vector<util::ReportTable>& tables, const std::string& out, const std::string& format,
                 const std::string& lang);

}  // namespace quhua::cli
