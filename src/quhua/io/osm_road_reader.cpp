// OpenStreetMap roads through libosmium (header-only; zlib, bzip2 and expat linked by io/).
#include "quhua/io/road_reader.hpp"
#include "quhua/util/error.hpp"

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include <cstring>
#include <filesystem>
#include <map>

namespace quhua::io {
namespace {

// highway=* values no car drives on: left out silently (counted in one finding).
constexpr const char* k_not_for_cars[] = {
    "footway",     "path",     "cycleway", "steps",        "pedestrian",    "bridleway", "corridor",
    "elevator",    "platform", "proposed", "construction", "abandoned",     "raceway",   "bus_stop",
    "via_ferrata", "escape",   "services", "rest_area",    "emergency_bay", "busway",    "bus_guideway"};

bool is_one_of(const char* value, std::initializer_list<const char*> options) {
  for (const char* o : options) {
    if (std::strcmp(value, o) == 0) return true;
  }
  return false;
}

class RoadHandler : public osmium::handler::Handler {
 public:
  explicit RoadHandler(const RoadLayerOptions& options) : m_options(options) {}

  void way(const osmium::Way& way) {
    const char* highway = way.tags()["highway"];
    if (!highway) return;
    for (const char* skip : k_not_for_cars) {
      if (std::strcmp(highway, skip) == 0) {
        ++m_not_for_cars;
        return;
      }
    }
    const char* area = way.tags()["area"];
    if (area && std::strcmp(area, "yes") == 0) return;
    for (const char* key : {"access", "motor_vehicle", "motorcar"}) {
      const char* v = way.tags()[key];
      if (v && is_one_of(v, {"no", "private"})) {
        ++m_no_access;
        return;
      }
    }
    graph::RoadLine line;
    line.road_class = highway;
    line.source_id = "way/" + std::to_string(way.id());
    // One-way: explicit tag, else implied for roundabouts and motorways (OSM wiki, Key:oneway).
    const char* oneway = way.tags()["oneway"];
    const char* junction = way.tags()["junction"];
    if (oneway) {
      line.direction = parse_oneway(oneway);
    } else if ((junction && std::strcmp(junction, "roundabout") == 0) || std::strcmp(highway, "motorway") == 0) {
      line.direction = model::Direction::forward;
    }
    bool inside = !m_options.bounds;
    for (const auto& ref : way.nodes()) {
      if (!ref.location().valid()) {
        ++m_missing_nodes;
        continue;
      }
      const model::Point p{ref.location().lon(), ref.location().lat()};
      if (m_options.bounds && !inside) {
        const auto& b = *m_options.bounds;
        inside = p.x >= b.min_x && p.x <= b.max_x && p.y >= b.min_y && p.y <= b.max_y;
      }
      line.points.push_back(p);
    }
    if (!inside) return;
    m_lines.push_back(std::move(line));
  }

  std::vector<graph::RoadLine>& lines() { return m_lines; }
  std::size_t not_for_cars() const { return m_not_for_cars; }
  std::size_t no_access() const { return m_no_access; }
  std::size_t missing_nodes() const { return m_missing_nodes; }

 private:
  const RoadLayerOptions& m_options;
  std::vector<graph::RoadLine> m_lines;
  std::size_t m_not_for_cars = 0;
  std::size_t m_no_access = 0;
  std::size_t m_missing_nodes = 0;
};

}  // namespace

RoadSource read_osm_roads(const std::string& path, const RoadLayerOptions& options) {
  if (!std::filesystem::exists(path))
    throw InputError(ErrorCode::input_missing, "no such file", ErrorContext{path, "", "", ""});
  RoadSource out;
  out.crs = "EPSG:4326";
  out.is_osm = true;
  RoadHandler handler(options);
  try {
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations(index);
    locations.ignore_errors();  // ways whose nodes are missing (cut extracts) keep the nodes that exist
    osmium::io::Reader reader(path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
    osmium::apply(reader, locations, handler);
    reader.close();
  } catch (const std::exception& e) {
    throw InputError(ErrorCode::input_format, std::string("cannot read as OpenStreetMap data: ") + e.what(),
                     ErrorContext{path, "", "", ""});
  }
  out.lines = std::move(handler.lines());
  if (handler.not_for_cars() > 0) {
    out.findings.add(
        Severity::info, "osm_not_for_cars",
        std::to_string(handler.not_for_cars()) + " ways for walking, cycling or under construction left out",
        ErrorContext{path, "", "", "highway"});
  }
  if (handler.no_access() > 0) {
    out.findings.add(
        Severity::info, "osm_no_access",
        std::to_string(handler.no_access()) + " ways closed to motor vehicles (access=no/private) left out",
        ErrorContext{path, "", "", "access"});
  }
  if (handler.missing_nodes() > 0) {
    out.findings.add(Severity::warning, "osm_missing_nodes",
                     std::to_string(handler.missing_nodes()) + " way nodes are missing from the file (a cut extract?)",
                     ErrorContext{path, "", "", ""});
  }
  if (out.lines.empty())
    throw InputError(ErrorCode::input_value, "no roads (highway=*) in the file", ErrorContext{path, "", "", ""});
  return out;
}

}  // namespace quhua::io
