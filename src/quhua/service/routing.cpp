#include "quhua/service/routing.hpp"

#include "quhua/geometry/projection.hpp"
#include "quhua/graph/contraction_hierarchy.hpp"
#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/io/table_writer.hpp"
#include "quhua/util/atomic_file.hpp"
#include "quhua/util/csv.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace quhua::service {
namespace {

std::optional<std::size_t> column_of(const util::CsvTable& table, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      if (util::iequals_ascii(util::trim(table.header[c]), name)) return c;
    }
  }
  return std::nullopt;
}

model::SpeedTable speed_table(const NetworkSpec& spec) {
  auto table = model::SpeedTable::defaults();
  if (!spec.speeds_file.empty()) {
    const auto file = io::read_table(spec.speeds_file);
    const auto cls = column_of(file, {"class", "road_class", "highway", "fclass", "道路等级", "等级", "类型"});
    const auto speed = column_of(file, {"speed_kmh", "speed", "速度", "时速", "速度_kmh"});
    if (!cls || !speed) {
      throw InputError(ErrorCode::input_missing, "a speed table needs columns class and speed_kmh",
                       ErrorContext{spec.speeds_file, "", "", !cls ? "class" : "speed_kmh"});
    }
    for (std::size_t r = 0; r < file.rows.size(); ++r) {
      const auto v = util::parse_double(file.rows[r][*speed]);
      if (!v || !(*v > 0)) {
        throw InputError(
            ErrorCode::input_value, "the speed must be a positive number (km/h)",
            ErrorContext{spec.speeds_file, "", "line " + std::to_string(file.row_lines[r]), file.header[*speed]});
      }
      table.set(file.rows[r][*cls], *v, "speed table " + spec.speeds_file);
    }
  }
  for (const auto& [cls, v] : spec.speeds) table.set(cls, v, "command line");
  return table;
}

/// The working CRS for data in `source`: the same local equal-area CRS the unit importer chooses
/// (geometry::choose_working_crs over the data's lon/lat extent), so roads, points and units measure
/// distances alike.
std::string working_crs_for(const std::string& source, std::span<const model::Point> points) {
  geometry::describe_crs(source);  // throws InputError(input_crs) naming an unknown CRS
  const geometry::Projector to_lonlat(source, geometry::k_wgs84);
  model::BBox lonlat;
  for (const auto& p : points) {
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    if (const auto q = to_lonlat.forward(p)) lonlat.expand(*q);
  }
  if (lonlat.empty()) throw InputError(ErrorCode::input_geometry, "no coordinates that can be placed on the map");
  return geometry::choose_working_crs(lonlat);
}

}  // namespace

double to_unit(double value, graph::Metric metric) {
  return metric == graph::Metric::travel_time ? value / 60.0 : value / 1000.0;
}

const char* unit_name(graph::Metric metric) { return metric == graph::Metric::travel_time ? "min" : "km"; }

LoadedNetwork load_network(const NetworkSpec& spec) {
  LoadedNetwork out;
  auto source = io::read_roads(spec.path, spec.layer);
  out.findings.append(source.findings);
  out.source_crs = !spec.source_crs.empty() ? spec.source_crs : source.crs;
  if (out.source_crs.empty()) {
    throw InputError(ErrorCode::input_crs,
                     "the road layer declares no coordinate reference system: name it with --network-crs",
                     ErrorContext{spec.path, spec.layer.layer, "", ""});
  }
  std::vector<model::Point> all;
  for (const auto& line : source.lines) all.insert(all.end(), line.points.begin(), line.points.end());
  out.crs = spec.working_crs.empty() ? working_crs_for(out.source_crs, all) : spec.working_crs;
  if (out.crs != out.source_crs) {
    // One projector for all lines: creating one reads PROJ's database (milliseconds each).
    const geometry::Projector projector(out.source_crs, out.crs);
    for (auto& line : source.lines) projector.forward(std::span<model::Point>(line.points));
  }
  graph::RoadBuildOptions options;
  options.speeds = speed_table(spec);
  options.snap_tolerance_m = spec.snap_tolerance_m.value_or(source.is_osm ? 0.0 : 1.0);
  options.split_at_crossings = spec.split_at_crossings.value_or(!source.is_osm);
  options.unknown_class_speed_kmh = spec.unknown_class_speed_kmh;
  auto network = graph::build_road_network(source.lines, options, out.build, out.findings);
  network.crs = out.crs;
  out.router = std::make_unique<graph::RoadRouter>(std::move(network));
  const auto& c = out.router->components();
  if (c.nodes_outside_largest > 0) {
    out.findings.add(Severity::warning, "road_islands",
                     std::to_string(c.nodes_outside_largest) + " junctions (" +
                         util::fixed(c.length_outside_largest_m / 1000, 1) +
                         " km of road) lie outside the largest connected part of the network (" +
                         std::to_string(c.components) + " parts in all); points are not snapped to them",
                     ErrorContext{spec.path, "", "", ""});
  }
  return out;
}

LocatedPoints locate_points(const PointsSpec& spec, std::string& working_crs) {
  auto layer = io::read_points(spec.path, spec.options);
  LocatedPoints out;
  out.source = spec.path;
  out.ids = std::move(layer.ids);
  out.points = std::move(layer.points);
  out.attributes = std::move(layer.attributes);
  out.row_refs = std::move(layer.row_refs);
  if (layer.crs.empty()) return out;  // x, y taken to be in the working CRS already
  if (working_crs.empty()) working_crs = working_crs_for(layer.crs, out.points);
  if (layer.crs != working_crs) {
    geometry::Projector(layer.crs, working_crs).forward(std::span<model::Point>(out.points));
  }
  for (std::size_t k = 0; k < out.points.size(); ++k) {
    if (!std::isfinite(out.points[k].x) || !std::isfinite(out.points[k].y)) {
      throw InputError(ErrorCode::input_crs, "the point cannot be transformed to the working CRS",
                       ErrorContext{spec.path, "", out.row_refs[k], ""});
    }
  }
  return out;
}

std::optional<LoadedNetwork> load_optional_network(const NetworkSpec& spec, std::string& crs, Findings& findings) {
  if (spec.path.empty()) return std::nullopt;
  auto network = load_network(spec);
  crs = network.crs;
  findings.append(network.findings);
  return network;
}

LocatedPoints place_points(const PointsSpec& spec, std::string& crs, const LoadedNetwork* network,
                           const RoutingOptions& options, Findings& findings) {
  auto points = locate_points(spec, crs);
  if (network) snap_points(points, *network->router, options, findings);
  return points;
}

std::optional<std::size_t> find_column(const LocatedPoints& points, const std::string& name) {
  const auto& header = points.attributes.header;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (util::trim(header[c]) == name) return c;
  }
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (util::iequals_ascii(util::trim(header[c]), name)) return c;
  }
  return std::nullopt;
}

void snap_points(LocatedPoints& points, const graph::RoadRouter& router, const RoutingOptions& options,
                 Findings& findings) {
  points.snaps.clear();
  std::size_t far = 0, missing = 0;
  double farthest = 0;
  std::string farthest_id;
  for (std::size_t k = 0; k < points.points.size(); ++k) {
    points.snaps.push_back(router.snap(points.points[k], options.largest_component_only));
    const auto& s = points.snaps.back();
    if (!s.found()) {
      ++missing;
      continue;
    }
    if (s.distance_m > options.snap_warn_m) ++far;
    if (s.distance_m > farthest) {
      farthest = s.distance_m;
      farthest_id = points.ids[k];
    }
  }
  if (far > 0) {
    findings.add(Severity::warning, "far_from_road",
                 std::to_string(far) + " points lie more than " + util::fixed(options.snap_warn_m, 0) +
                     " m from any road (farthest: " + farthest_id + ", " + util::fixed(farthest, 0) +
                     " m); their access leg is counted at the access speed",
                 ErrorContext{points.source, "", "", ""});
  }
  if (missing > 0) {
    findings.add(Severity::error, "not_snapped", std::to_string(missing) + " points could not be snapped to any road",
                 ErrorContext{points.source, "", "", ""});
  }
}

const graph::ContractionHierarchy* LoadedNetwork::hierarchy(graph::Metric metric, RunControl& control) const {
  if (!m_hierarchy || m_hierarchy->metric() != metric) {
    auto built = graph::ContractionHierarchy::build(router->graph(), metric, control);
    if (!built.valid()) return nullptr;
    m_hierarchy = std::make_shared<const graph::ContractionHierarchy>(std::move(built));
  }
  return m_hierarchy.get();
}

graph::Matrix cost_matrix(const LocatedPoints& from, const LocatedPoints& to, const LoadedNetwork* network,
                          const RoutingOptions& options, RunControl& control) {
  if (network) {
    std::vector<graph::Attachment> a, b;
    for (const auto& s : from.snaps) a.push_back(network->router->attach(s, options.access_speed_kmh));
    for (const auto& s : to.snaps) b.push_back(network->router->attach(s, options.access_speed_kmh));
    graph::MatrixOptions mo;
    mo.metric = options.metric;
    mo.threads = options.threads;
    if (options.max_cost) mo.max_cost = *options.max_cost;
    bool complete = true;
    const auto& graph = network->router->graph();
    const bool hierarchy = options.algorithm == MatrixAlgorithm::hierarchy ||
                           (options.algorithm == MatrixAlgorithm::automatic && std::min(a.size(), b.size()) >= 200 &&
                            graph.node_count() >= 10000);
    graph::Matrix matrix;
    if (hierarchy) {
      const auto* ch = network->hierarchy(options.metric, control);
      if (!ch) throw UsageError("the travel-time matrix was stopped before it was complete (time limit)");
      matrix = ch->matrix(a, b, mo, control, &complete);
    } else {
      matrix = graph::travel_matrix(graph, a, b, mo, control, &complete);
    }
    if (!complete) throw UsageError("the travel-time matrix was stopped before it was complete (time limit)");
    return matrix;
  }
  if (!(options.detour_factor >= 1) || !(options.fallback_speed_kmh > 0)) {
    throw UsageError("the detour factor must be >= 1 and the fallback speed positive");
  }
  graph::Matrix out;
  out.rows = from.points.size();
  out.cols = to.points.size();
  out.values.resize(out.rows * out.cols);
  for (std::size_t i = 0; i < out.rows; ++i) {
    for (std::size_t j = 0; j < out.cols; ++j) {
      const double metres = model::distance(from.points[i], to.points[j]) * options.detour_factor;
      double v = options.metric == graph::Metric::travel_time ? metres / (options.fallback_speed_kmh / 3.6) : metres;
      if (options.max_cost && v > *options.max_cost) v = graph::k_no_path;
      out.values[i * out.cols + j] = v;
    }
  }
  return out;
}

MatrixResult compute_travel_matrix(const MatrixRequest& request, RunControl& control) {
  const auto started = std::chrono::steady_clock::now();
  MatrixResult result;
  result.metric = request.routing.metric;
  result.snap_warn_m = request.routing.snap_warn_m;
  auto network = load_optional_network(request.network, result.crs, result.findings);
  if (network) {
    result.network_used = true;
    result.components = network->router->components();
    result.network_nodes = network->router->network().nodes.size();
    result.network_pieces = network->router->network().pieces.size();
    result.network_length_km = network->router->network().total_length_m() / 1000;
  }
  const LoadedNetwork* net = network ? &*network : nullptr;
  result.from = place_points(request.from, result.crs, net, request.routing, result.findings);
  result.to = place_points(request.to, result.crs, net, request.routing, result.findings);
  if (!network) {
    result.findings.add(Severity::info, "straight_line",
                        "no road network given: costs are straight-line distance x " +
                            util::fixed(request.routing.detour_factor, 2) +
                            (request.routing.metric == graph::Metric::travel_time
                                 ? " at " + util::fixed(request.routing.fallback_speed_kmh, 0) + " km/h"
                                 : std::string()));
  }
  result.matrix = cost_matrix(result.from, result.to, net, request.routing, control);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

util::ReportTable snap_table(const LocatedPoints& points, const std::string& name, double warn_m) {
  util::ReportTable t;
  t.name = name;
  t.title_zh = "点位捕捉到道路";
  t.title_en = "Points snapped to roads";
  t.columns = {{"id", "编号", "ID"},
               {"snap_x", "捕捉点X", "Snapped x", 1},
               {"snap_y", "捕捉点Y", "Snapped y", 1},
               {"snap_distance_m", "离路距离(米)", "Distance to road (m)", 1},
               {"far", "远离道路", "Far from road"}};
  for (std::size_t k = 0; k < points.ids.size(); ++k) {
    if (k >= points.snaps.size() || !points.snaps[k].found()) {
      t.add_row({points.ids[k], std::monostate{}, std::monostate{}, std::monostate{}, std::string("not snapped")});
      continue;
    }
    const auto& s = points.snaps[k];
    t.add_row({points.ids[k], s.at.x, s.at.y, s.distance_m, std::string(s.distance_m > warn_m ? "yes" : "")});
  }
  return t;
}

std::vector<util::ReportTable> matrix_tables(const MatrixResult& result) {
  const bool time = result.metric == graph::Metric::travel_time;
  util::ReportTable matrix;
  matrix.name = "matrix";
  matrix.title_zh = time ? "出行时间矩阵" : "出行距离矩阵";
  matrix.title_en = time ? "Travel-time matrix" : "Travel-distance matrix";
  matrix.columns = {{"from_id", "起点", "From"},
                    {"to_id", "终点", "To"},
                    time ? util::Column{"travel_time_min", "出行时间(分钟)", "Travel time (min)", 2}
                         : util::Column{"distance_km", "出行距离(公里)", "Distance (km)", 3}};
  for (std::size_t i = 0; i < result.matrix.rows; ++i) {
    for (std::size_t j = 0; j < result.matrix.cols; ++j) {
      const double v = result.matrix(i, j);
      matrix.add_row({result.from.ids[i], result.to.ids[j],
                      std::isfinite(v) ? util::Cell{to_unit(v, result.metric)} : util::Cell{}});
    }
  }
  std::vector<util::ReportTable> tables{std::move(matrix)};
  if (result.network_used) {
    tables.push_back(snap_table(result.from, "from_snaps", result.snap_warn_m));
    tables.push_back(snap_table(result.to, "to_snaps", result.snap_warn_m));
  }
  return tables;
}

void write_matrix(const std::string& path, const MatrixResult& result, util::Language language) {
  const std::filesystem::path target(path);
  if (util::to_lower_ascii(target.extension().string()) != ".csv") {
    io::write_tables(target, matrix_tables(result), language);
    return;
  }
  // Long CSV streamed: a 5,000 x 5,000 matrix is 25 million rows, too many for table cells.
  const bool time = result.metric == graph::Metric::travel_time;
  util::write_atomically(target, [&](const std::filesystem::path& temp) {
    std::ofstream out(temp, std::ios::binary);
    out << "from_id,to_id," << (time ? "travel_time_min" : "distance_km") << '\n';
    for (std::size_t i = 0; i < result.matrix.rows; ++i) {
      const std::string from = util::csv_escape(result.from.ids[i]);
      for (std::size_t j = 0; j < result.matrix.cols; ++j) {
        const double v = result.matrix(i, j);
        out << from << ',' << util::csv_escape(result.to.ids[j]) << ',';
        if (std::isfinite(v)) out << util::fixed(to_unit(v, result.metric), time ? 2 : 3);
        out << '\n';
      }
    }
    out.flush();
    if (!out) util::throw_write_error(path, errno);
  });
  if (result.network_used) {
    const auto snaps = target.parent_path() / (target.stem().string() + ".snaps.csv");
    auto from = snap_table(result.from, "from_snaps", result.snap_warn_m);
    const auto to = snap_table(result.to, "to_snaps", result.snap_warn_m);
    from.rows.insert(from.rows.end(), to.rows.begin(), to.rows.end());
    util::write_text_file(snaps, io::table_to_csv(from));
  }
}

}  // namespace quhua::service
