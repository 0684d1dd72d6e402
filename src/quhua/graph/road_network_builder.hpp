// Builds a RoadNetwork from imported road lines (projected metres): vertices within a snap tolerance
// are merged, lines are joined where they share a vertex and, for layers that were not noded, split
// where they cross or where one ends on another (T-junction); each resulting piece gets a speed from
// its class (model::SpeedTable) or its own speed field, and a direction. Pure geometry on plain
// points with a uniform grid index; no GEOS.
#pragma once

#include "quhua/model/road_network.hpp"
#include "quhua/model/road_speeds.hpp"
#include "quhua/util/findings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace quhua::graph {

/// One imported road line (an OSM way, a feature of a line layer; multi-lines arrive as several).
struct RoadLine {
  std::vector<model::Point> points;  ///< projected metres
  std::string road_class;            ///< as in the data: "primary", "县道", "G105", a code ...
  std::optional<double> speed_kmh;   ///< the line's own speed (a field), overriding the class
  model::Direction direction = model::Direction::both;
  std::string source_id;  ///< for messages: feature id or "way/123"
};

struct RoadBuildOptions {
  model::SpeedTable speeds = model::SpeedTable::defaults();
  double snap_tolerance_m = 0;      ///< vertices closer than this become one (0: equal coordinates only)
  bool split_at_crossings = false;  ///< node lines where they cross or one ends on another
  /// Lines of a class the table does not know: dropped (a warning per class) unless this is set,
  /// then they get this speed.
  std::optional<double> unknown_class_speed_kmh;
};

struct RoadBuildReport {
  std::size_t lines_read = 0;
  std::size_t lines_used = 0;
  std::size_t lines_unknown_class = 0;  ///< dropped, or given the fallback speed
  std::size_t lines_degenerate = 0;     ///< fewer than two distinct points
  std::size_t vertices_merged = 0;      ///< vertices moved onto another within the tolerance
  std::size_t crossings_split = 0;      ///< split points added at crossings and T-junctions
};

/// Builds the network. Findings: one warning per unknown class (with its line count), one for
/// degenerate lines. Throws InputError when no usable line remains.
model::RoadNetwork build_road_network(const std::vector<RoadLine>& lines, const RoadBuildOptions& options,
                                      RoadBuildReport& report, Findings& findings);

}  // namespace quhua::graph
