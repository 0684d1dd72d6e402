#include "routing_flags.hpp"

#include "quhua/io/table_writer.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

namespace quhua::cli {

void NetworkFlags::add_to(CLI::App& cmd, const char* layer_flag, const char* algorithm_flag) {
  cmd.add_option("--network", network.path,
                 "road network: OSM (.osm.pbf, .osm) or a line layer (.shp, .geojson, .gpkg); none: straight lines");
  cmd.add_option(layer_flag, network.layer.layer, "layer of the road file (default: the first)");
  cmd.add_option("--class-field", network.layer.class_field,
                 "road class field (default: highway, fclass, class, 道路等级 ...)");
  cmd.add_option("--oneway-field", network.layer.oneway_field, "one-way field (yes/1/F/FT forward, -1/T/TF backward)");
  cmd.add_option("--speed-field", network.layer.speed_field, "field with each road's own speed, km/h");
  cmd.add_option("--road-id-field", network.layer.id_field, "road id field (for messages)");
  cmd.add_option("--speeds", network.speeds_file,
                 "speed table (CSV/XLSX with columns class, speed_kmh) overriding the defaults");
  cmd.add_option("--speed", speeds, "CLASS=KMH, e.g. --speed 县道=35 (repeatable)");
  cmd.add_option("--unknown-speed", network.unknown_class_speed_kmh,
                 "km/h for road classes the table lacks (default: leave them out)");
  cmd.add_option("--snap-tolerance", snap_tolerance_m,
                 "metres within which road vertices merge (default 0 for OSM, 1 for layers)");
  cmd.add_option("--split-crossings", split_crossings,
                 "yes/no: node roads where they cross (default no for OSM, yes for layers)");
  cmd.add_option("--network-crs", network.source_crs, "CRS of a road layer that declares none (e.g. EPSG:4547)");
  cmd.add_option("--bbox", bbox, "OSM only: min_lon,min_lat,max_lon,max_lat");
  cmd.add_option(algorithm_flag, algorithm, "matrix search: auto, dijkstra or ch (contraction hierarchy)")
      ->check(CLI::IsMember({"auto", "dijkstra", "ch"}));
  cmd.add_option("--access-speed", routing.access_speed_kmh,
                 "km/h on the off-road leg from a point to its road (default 5, walking)");
  cmd.add_option("--snap-warn", routing.snap_warn_m,
                 "flag points farther than this many metres from a road (default 1000)");
  cmd.add_flag("--all-components", all_components,
               "snap to any road, not only the largest connected part (points on separate networks are then "
               "unreachable from each other)");
}

void NetworkFlags::finish() {
  for (const auto& item : speeds) {
    const auto eq = item.rfind('=');
    const auto value = eq == std::string::npos ? std::nullopt : util::parse_double(item.substr(eq + 1));
    if (!value) throw UsageError("--speed wants CLASS=KMH, not '" + item + "'");
    network.speeds.emplace_back(item.substr(0, eq), *value);
  }
  if (!bbox.empty()) {
    const auto parts = util::split(bbox, ',');
    std::vector<double> v;
    for (const auto& p : parts) {
      const auto d = util::parse_double(p);
      if (!d) throw UsageError("--bbox: '" + p + "' is not a number (want min_lon,min_lat,max_lon,max_lat)");
      v.push_back(*d);
    }
    if (v.size() != 4 || v[0] >= v[2] || v[1] >= v[3]) throw UsageError("--bbox wants min_lon,min_lat,max_lon,max_lat");
    network.layer.bounds = model::BBox{v[0], v[1], v[2], v[3]};
  }
  routing.algorithm = algorithm == "ch"         ? service::MatrixAlgorithm::hierarchy
                      : algorithm == "dijkstra" ? service::MatrixAlgorithm::dijkstra
                                                : service::MatrixAlgorithm::automatic;
  routing.largest_component_only = !all_components;
  if (snap_tolerance_m >= 0) network.snap_tolerance_m = snap_tolerance_m;
  if (split_crossings == "yes") network.split_at_crossings = true;
  if (split_crossings == "no") network.split_at_crossings = false;
  if (!split_crossings.empty() && split_crossings != "yes" && split_crossings != "no") {
    throw UsageError("--split-crossings wants yes or no");
  }
  routing.metric = graph::Metric::travel_time;
}

void RoutingFlags::add_to(CLI::App& cmd) {
  NetworkFlags::add_to(cmd, "--layer", "--algorithm");
  cmd.add_option("--metric", metric, "time (minutes) or distance (km)")->check(CLI::IsMember({"time", "distance"}));
  cmd.add_option("--threads", routing.threads, "threads (default: all cores)");
  cmd.add_option("--max-minutes", max_minutes, "leave pairs farther than this many minutes empty");
  cmd.add_option("--max-km", max_km, "leave pairs farther than this many km empty");
  cmd.add_option("--detour", routing.detour_factor, "without a network: road / straight-line ratio (default 1.3)");
  cmd.add_option("--fallback-speed", routing.fallback_speed_kmh, "without a network: km/h (default 30)");
  cmd.add_option("--id-field", points.id_field, "point id column (default: id, code, 代码, name ...)");
  cmd.add_option("--x-field", points.x_field, "x column (default: lon/经度, else x)");
  cmd.add_option("--y-field", points.y_field, "y column (default: lat/纬度, else y)");
  cmd.add_option("--points-crs", points.crs, "CRS of x,y columns (default: the network's)");
}

void RoutingFlags::finish() {
  NetworkFlags::finish();
  routing.metric = metric == "distance" ? graph::Metric::length : graph::Metric::travel_time;
  // A cut-off is in the metric's own unit: minutes of travel, or km of road.
  if (max_minutes > 0 && max_km > 0) throw UsageError("give --max-minutes or --max-km, not both");
  if (max_minutes > 0 && routing.metric != graph::Metric::travel_time) {
    throw UsageError("--max-minutes goes with --metric time; with --metric distance use --max-km");
  }
  if (max_km > 0 && routing.metric != graph::Metric::length) {
    throw UsageError("--max-km goes with --metric distance; with --metric time use --max-minutes");
  }
  if (max_minutes > 0) routing.max_cost = max_minutes * 60;
  if (max_km > 0) routing.max_cost = max_km * 1000;
}

service::PointsSpec RoutingFlags::points_at(const std::string& path, const std::string& layer) const {
  service::PointsSpec spec{path, points};
  spec.options.layer = layer;
  return spec;
}

void print_findings(const Findings& findings) {
  for (const auto& line : summary_lines(findings, k_findings_shown_per_kind, false))
    std::cerr << "quhua: " << line << '\n';
}

void show_tables(const std::vector<util::ReportTable>& tables, const std::string& out, const std::string& format,
                 const std::string& lang) {
  const auto language = util::parse_language(lang);
  if (!out.empty()) {
    io::write_tables(out, tables, language);
    std::cout << "written to " << out << '\n';
  }
  if (tables.empty()) return;
  const std::vector<util::ReportTable> shown{tables.front()};
  if (format == "json") {
    std::cout << io::tables_to_json(shown).dump(2) << '\n';
  } else if (format == "csv") {
    std::cout << io::table_to_csv(shown.front());
  } else {
    std::cout << io::render_text(shown, language);
  }
}

}  // namespace quhua::cli
