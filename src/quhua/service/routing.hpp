// service routing: road networks and travel-cost matrices for the access and facilities jobs --
// load a road file (OSM or a GDAL line layer) into a router in a local metric CRS, locate points
// (tables or layers) in that CRS and snap them to the roads, and compute origin x destination
// travel times or distances; without a network, straight-line distance x a detour factor.
#pragma once

#include "quhua/graph/contraction_hierarchy.hpp"
#include "quhua/graph/road_network_builder.hpp"
#include "quhua/graph/road_router.hpp"
#include "quhua/graph/travel_matrix.hpp"
#include "quhua/io/road_reader.hpp"
#include "quhua/util/findings.hpp"
#include "quhua/util/report_table.hpp"
#include "quhua/util/run_control.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace quhua::service {

/// How to build the road network.
struct NetworkSpec {
  std::string path;            ///< OSM (.osm.pbf, .osm ...) or a line layer; empty: no network
  io::RoadLayerOptions layer;  ///< layer, class / one-way / speed / id fields, OSM bounds
  std::string speeds_file;     ///< table with columns class, speed_kmh (CSV or XLSX); overrides defaults
  std::vector<std::pair<std::string, double>> speeds;  ///< class = km/h, applied after the file
  std::optional<double> unknown_class_speed_kmh;       ///< speed for classes the table lacks (else left out)
  std::optional<double> snap_tolerance_m;              ///< vertex merging; default 0 for OSM, 1 m for layers
  std::optional<bool> split_at_crossings;              ///< default false for OSM, true for layers
  std::string source_crs;  ///< CRS of a layer that declares none (e.g. a shapefile without .prj)
  /// The metric CRS to route in (e.g. the units' working CRS, so that roads and units share one);
  /// empty: chosen from the roads' extent.
  std::string working_crs;
};

/// How network matrices are computed: one Dijkstra search per point of the smaller side, or a
/// contraction hierarchy (preprocessing about as costly as ~150 searches, then each query side
/// settles a few hundred nodes). Automatic: the hierarchy when both sides have at least 200 points
/// and the network at least 10,000 junctions (see docs/benchmarks.md).
enum class MatrixAlgorithm { automatic, dijkstra, hierarchy };

struct RoutingOptions {
  graph::Metric metric = graph::Metric::travel_time;
  MatrixAlgorithm algorithm = MatrixAlgorithm::automatic;
  double access_speed_kmh = 5;  ///< off-road leg from a point to its road (walking)
  double snap_warn_m = 1000;    ///< flag points farther than this from any road
  bool largest_component_only = true;
  int threads = 0;                 ///< 0: all cores
  std::optional<double> max_cost;  ///< cut-off in the metric's unit (s or m); farther pairs: no path
  // Without a network (Ballou, Rahardja & Sakai 2002 measured road/straight ratios of 1.2-1.4;
  // 1.3 is the middle):
  double detour_factor = 1.3;
  double fallback_speed_kmh = 30;
};

struct PointsSpec {
  std::string path;
  io::PointOptions options;
};

/// A road network ready for routing, in a metric CRS.
struct LoadedNetwork {
  std::unique_ptr<graph::RoadRouter> router;
  std::string crs;         ///< metric CRS of the router's coordinates
  std::string source_crs;  ///< CRS of the road file
  graph::RoadBuildReport build;
  Findings findings;

  /// The router's contraction hierarchy for `metric`, built on first use and kept, so the matrices of
  /// one run (before and after a plan, units and villages) share one build. Null when `control` stopped
  /// the build. Not thread-safe.
  const graph::ContractionHierarchy* hierarchy(graph::Metric metric, RunControl& control) const;

 private:
  mutable std::shared_ptr<const graph::ContractionHierarchy> m_hierarchy;
};

/// Reads, projects and builds. Throws InputError for unreadable files, unknown CRSs, no usable road.
LoadedNetwork load_network(const NetworkSpec& spec);

/// Points in the working CRS, with their snaps when a network is given.
struct LocatedPoints {
  std::vector<std::string> ids;
  std::vector<model::Point> points;  ///< working metric CRS
  util::CsvTable attributes;
  std::vector<std::string> row_refs;
  std::vector<graph::Snap> snaps;  ///< per point (empty without a network)
  std::string source;              ///< the file, for messages
};

/// Reads points and brings them into `working_crs` (empty: the points' own CRS must be metric or
/// geographic, and geographic points go to a local Gauss-Kruger zone, written back to working_crs).
LocatedPoints locate_points(const PointsSpec& spec, std::string& working_crs);

/// The network of `spec` when it names a file (its CRS written to `crs`, its findings appended to
/// `findings`), else nothing.
std::optional<LoadedNetwork> load_optional_network(const NetworkSpec& spec, std::string& crs, Findings& findings);

/// locate_points, then snap_points when a network is given.
LocatedPoints place_points(const PointsSpec& spec, std::string& crs, const LoadedNetwork* network,
                           const RoutingOptions& options, Findings& findings);

/// Index of a column of a point set's attributes (exact name, then ASCII case-insensitive), or nullopt.
std::optional<std::size_t> find_column(const LocatedPoints& points, const std::string& name);

/// Snaps points onto the network; far snaps and unsnappable points become findings.
void snap_points(LocatedPoints& points, const graph::RoadRouter& router, const RoutingOptions& options,
                 Findings& findings);

/// A matrix value (seconds or metres) in the unit users read and give limits in: minutes or km.
double to_unit(double value, graph::Metric metric);
/// That unit's short name: "min" (travel_time) or "km" (length).
const char* unit_name(graph::Metric metric);

/// Costs from every origin to every destination: seconds (travel_time) or metres (length), k_no_path
/// where no route exists. With a network: network travel plus access legs; without: straight line x
/// detour factor (at the fallback speed for time).
graph::Matrix cost_matrix(const LocatedPoints& from, const LocatedPoints& to, const LoadedNetwork* network,
                          const RoutingOptions& options, RunControl& control);

struct MatrixRequest {
  NetworkSpec network;
  PointsSpec from;
  PointsSpec to;
  RoutingOptions routing;
};

struct MatrixResult {
  LocatedPoints from;
  LocatedPoints to;
  graph::Matrix matrix;  ///< seconds or metres
  graph::Metric metric = graph::Metric::travel_time;
  bool network_used = false;
  std::string crs;
  graph::ComponentSummary components;
  std::size_t network_nodes = 0;
  std::size_t network_pieces = 0;
  double network_length_km = 0;
  double seconds = 0;  ///< wall time of the whole job
  double snap_warn_m = 1000;
  Findings findings;
};

MatrixResult compute_travel_matrix(const MatrixRequest& request, RunControl& control);

/// Tables: the matrix in long form (from_id, to_id, minutes or km), the snaps of both point sets,
/// and a summary. Minutes and kilometres, 2 decimals.
std::vector<util::ReportTable> matrix_tables(const MatrixResult& result);

/// Writes the matrix: .csv streamed in long form (from_id,to_id,travel_time_min | distance_km; empty
/// where no route), other formats through io::write_tables. Snaps go beside a .csv as
/// <stem>.snaps.csv.
void write_matrix(const std::string& path, const MatrixResult& result, util::Language language);

/// Snap report of one point set (id, snapped x, y, distance, flagged).
util::ReportTable snap_table(const LocatedPoints& points, const std::string& name, double warn_m);

}  // namespace quhua::service
