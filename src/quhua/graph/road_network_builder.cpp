#include "quhua/graph/road_network_builder.hpp"

#include "quhua/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <unordered_map>

namespace quhua::graph {
namespace {

using model::Point;

/// A uniform grid of cells holding ids, for neighbourhood queries on points and segment boxes.
class Grid {
 public:
  explicit Grid(double cell) : m_cell(cell) {}

  std::int64_t coordinate(double v) const { return static_cast<std::int64_t>(std::floor(v / m_cell)); }
  static std::uint64_t key(std::int64_t ix, std::int64_t iy) {
    return (static_cast<std::uint64_t>(ix) << 32) ^ (static_cast<std::uint64_t>(iy) & 0xFFFFFFFFu);
  }
  std::uint64_t key_of(const Point& p) const { return key(coordinate(p.x), coordinate(p.y)); }

  void insert_box(std::uint32_t id, double min_x, double min_y, double max_x, double max_y) {
    for (auto ix = coordinate(min_x); ix <= coordinate(max_x); ++ix) {
      for (auto iy = coordinate(min_y); iy <= coordinate(max_y); ++iy) m_cells[key(ix, iy)].push_back(id);
    }
  }
  /// Ids in the cells a box around p of half-width r touches (an id may repeat).
  template <typename Fn>
  void near(const Point& p, double r, Fn fn) const {
    for (auto ix = coordinate(p.x - r); ix <= coordinate(p.x + r); ++ix) {
      for (auto iy = coordinate(p.y - r); iy <= coordinate(p.y + r); ++iy) {
        const auto it = m_cells.find(key(ix, iy));
        if (it == m_cells.end()) continue;
        for (std::uint32_t id : it->second) fn(id);
      }
    }
  }
  const std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>& cells() const { return m_cells; }

 private:
  double m_cell;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> m_cells;
};

double cross(double ax, double ay, double bx, double by) { return ax * by - ay * bx; }

struct Split {
  std::uint32_t segment = 0;  // index of the segment's first vertex
  double t = 0;               // position along it
  Point at;
};

struct Segment {
  std::uint32_t line = 0;
  std::uint32_t index = 0;
};

/// Adds split points where segments of different lines (or non-adjacent segments of one line)
/// cross, and where a line's end lies within `tolerance` of another line's interior.
std::size_t find_crossings(const std::vector<std::vector<Point>>& lines, double tolerance,
                           std::vector<std::vector<Split>>& splits) {
  std::vector<Segment> segments;
  double total = 0;
  for (std::uint32_t l = 0; l < lines.size(); ++l) {
    for (std::uint32_t k = 0; k + 1 < lines[l].size(); ++k) {
      segments.push_back({l, k});
      total += model::distance(lines[l][k], lines[l][k + 1]);
    }
  }
  if (segments.empty()) return 0;
  const double cell = std::clamp(total / static_cast<double>(segments.size()), 10.0, 5000.0);
  Grid grid(std::max(cell, 2 * tolerance));
  for (std::uint32_t s = 0; s < segments.size(); ++s) {
    const Point& a = lines[segments[s].line][segments[s].index];
    const Point& b = lines[segments[s].line][segments[s].index + 1];
    grid.insert_box(s, std::min(a.x, b.x) - tolerance, std::min(a.y, b.y) - tolerance, std::max(a.x, b.x) + tolerance,
                    std::max(a.y, b.y) + tolerance);
  }
  std::size_t added = 0;
  constexpr double k_eps = 1e-9;
  // Proper crossings, each handled in the cell that holds the crossing point.
  std::vector<std::pair<std::uint64_t, const std::vector<std::uint32_t>*>> cells;
  for (const auto& [key, ids] : grid.cells()) cells.emplace_back(key, &ids);
  std::sort(cells.begin(), cells.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const auto& [cell_key, members] : cells) {
    for (std::size_t u = 0; u < members->size(); ++u) {
      for (std::size_t v = u + 1; v < members->size(); ++v) {
        const Segment& sa = segments[(*members)[u]];
        const Segment& sb = segments[(*members)[v]];
        if (sa.line == sb.line && (sa.index + 1 == sb.index || sb.index + 1 == sa.index)) continue;
        const Point& p1 = lines[sa.line][sa.index];
        const Point& p2 = lines[sa.line][sa.index + 1];
        const Point& q1 = lines[sb.line][sb.index];
        const Point& q2 = lines[sb.line][sb.index + 1];
        const double rx = p2.x - p1.x, ry = p2.y - p1.y, sx = q2.x - q1.x, sy = q2.y - q1.y;
        const double d = cross(rx, ry, sx, sy);
        if (std::abs(d) <= 1e-12 * (rx * rx + ry * ry + sx * sx + sy * sy)) continue;  // parallel
        const double t = cross(q1.x - p1.x, q1.y - p1.y, sx, sy) / d;
        const double w = cross(q1.x - p1.x, q1.y - p1.y, rx, ry) / d;
        if (t < -k_eps || t > 1 + k_eps || w < -k_eps || w > 1 + k_eps) continue;
        const Point at{p1.x + t * rx, p1.y + t * ry};
        if (grid.key_of(at) != cell_key) continue;
        if (t > k_eps && t < 1 - k_eps) {
          splits[sa.line].push_back({sa.index, t, at});
          ++added;
        }
        if (w > k_eps && w < 1 - k_eps) {
          splits[sb.line].push_back({sb.index, w, at});
          ++added;
        }
      }
    }
  }
  // T-junctions: a line's end within the tolerance of another segment's interior splits it there.
  if (tolerance > 0) {
    for (std::uint32_t l = 0; l < lines.size(); ++l) {
      for (const std::size_t end : {std::size_t{0}, lines[l].size() - 1}) {
        const Point& e = lines[l][end];
        double best = tolerance;
        std::optional<std::pair<std::uint32_t, double>> pick;
        grid.near(e, tolerance, [&](std::uint32_t s) {
          const Segment& seg = segments[s];
          if (seg.line == l && (seg.index == end || seg.index + 1 == end)) return;
          const Point& a = lines[seg.line][seg.index];
          const Point& b = lines[seg.line][seg.index + 1];
          const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
          if (len2 <= 0) return;
          const double t = ((e.x - a.x) * dx + (e.y - a.y) * dy) / len2;
          if (t <= k_eps || t >= 1 - k_eps) return;
          const double dist = std::hypot(a.x + t * dx - e.x, a.y + t * dy - e.y);
          if (dist < best || (dist == best && pick && s < pick->first)) {
            best = dist;
            pick = std::make_pair(s, t);
          }
        });
        if (!pick) continue;
        const Segment& seg = segments[pick->first];
        const Point& a = lines[seg.line][seg.index];
        const Point& b = lines[seg.line][seg.index + 1];
        splits[seg.line].push_back(
            {seg.index, pick->second, {a.x + pick->second * (b.x - a.x), a.y + pick->second * (b.y - a.y)}});
        ++added;
      }
    }
  }
  return added;
}

/// Merges vertices within `tolerance` of a cluster's first vertex ("leader" clustering in input
/// order: deterministic); tolerance 0 merges equal coordinates only.
class VertexClusters {
 public:
  explicit VertexClusters(double tolerance) : m_tolerance(tolerance), m_grid(tolerance > 0 ? tolerance : 1.0) {}

  /// Cluster of p (a new one when no cluster's leader lies within the tolerance).
  std::uint32_t add(const Point& p, bool& moved) {
    moved = false;
    if (m_tolerance <= 0) {
      std::uint64_t bits[2];
      std::memcpy(&bits[0], &p.x, sizeof(double));
      std::memcpy(&bits[1], &p.y, sizeof(double));
      const auto [it, fresh] =
          m_exact.emplace(std::make_pair(bits[0], bits[1]), static_cast<std::uint32_t>(m_leaders.size()));
      if (fresh) m_leaders.push_back(p);
      return it->second;
    }
    std::uint32_t best = 0xFFFFFFFFu;
    double best_distance = m_tolerance;
    m_grid.near(p, m_tolerance, [&](std::uint32_t c) {
      const double d = model::distance(m_leaders[c], p);
      if (d < best_distance || (d == best_distance && c < best)) {
        best = c;
        best_distance = d;
      }
    });
    if (best != 0xFFFFFFFFu) {
      moved = best_distance > 0;
      return best;
    }
    const auto id = static_cast<std::uint32_t>(m_leaders.size());
    m_leaders.push_back(p);
    m_grid.insert_box(id, p.x, p.y, p.x, p.y);
    return id;
  }
  const Point& leader(std::uint32_t c) const { return m_leaders[c]; }
  std::size_t size() const { return m_leaders.size(); }

 private:
  struct PairHash {
    std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& k) const {
      return std::hash<std::uint64_t>()(k.first * 0x9E3779B97F4A7C15ULL ^ k.second);
    }
  };
  double m_tolerance;
  Grid m_grid;
  std::vector<Point> m_leaders;
  std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, std::uint32_t, PairHash> m_exact;
};

}  // namespace

model::RoadNetwork build_road_network(const std::vector<RoadLine>& lines, const RoadBuildOptions& options,
                                      RoadBuildReport& report, Findings& findings) {
  if (!(options.snap_tolerance_m >= 0)) throw UsageError("road network: the snap tolerance must be >= 0");
  report = {};
  report.lines_read = lines.size();
  model::RoadNetwork network;

  // 1. Speeds and classes; drop lines without a speed or without two distinct points.
  std::vector<std::vector<Point>> shapes;
  std::vector<std::uint32_t> origin;  // used line -> input line
  std::vector<double> speed;
  std::vector<std::uint16_t> class_index;
  std::map<std::string, std::size_t> unknown;
  std::map<std::string, std::uint16_t> class_ids;
  for (std::uint32_t l = 0; l < lines.size(); ++l) {
    const RoadLine& line = lines[l];
    std::vector<Point> pts;
    for (const Point& p : line.points) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
      if (pts.empty() || !(pts.back() == p)) pts.push_back(p);
    }
    if (pts.size() < 2) {
      ++report.lines_degenerate;
      continue;
    }
    std::optional<double> v = line.speed_kmh;
    if (v && !(*v > 0)) v.reset();
    if (!v) v = options.speeds.speed_for(line.road_class);
    if (!v) {
      ++report.lines_unknown_class;
      ++unknown[line.road_class];
      if (!options.unknown_class_speed_kmh) continue;
      v = *options.unknown_class_speed_kmh;
    }
    const std::string name = options.speeds.canonical(line.road_class);
    auto [it, fresh] = class_ids.emplace(name, static_cast<std::uint16_t>(network.classes.size()));
    if (fresh) {
      if (network.classes.size() >= 0xFFFF) throw InputError(ErrorCode::input_value, "too many road classes");
      network.classes.push_back(name);
    }
    shapes.push_back(std::move(pts));
    origin.push_back(l);
    speed.push_back(*v);
    class_index.push_back(it->second);
  }
  for (const auto& [name, count] : unknown) {
    findings.add(Severity::warning, "unknown_road_class",
                 std::to_string(count) + " lines of road class '" + name +
                     "' have no speed: " + (options.unknown_class_speed_kmh ? "given the fallback speed" : "left out") +
                     " (add the class to the speed table)");
  }
  if (report.lines_degenerate > 0) {
    findings.add(Severity::info, "degenerate_road_line",
                 std::to_string(report.lines_degenerate) + " lines with fewer than two distinct points were left out");
  }
  if (shapes.empty())
    throw InputError(ErrorCode::input_value, "no usable road line (check the class field and the speed table)");
  report.lines_used = shapes.size();

  // 2. Split points at crossings and T-junctions.
  std::vector<std::vector<std::uint8_t>> forced(shapes.size());
  if (options.split_at_crossings) {
    std::vector<std::vector<Split>> splits(shapes.size());
    report.crossings_split = find_crossings(shapes, options.snap_tolerance_m, splits);
    for (std::size_t l = 0; l < shapes.size(); ++l) {
      auto& s = splits[l];
      std::sort(s.begin(), s.end(), [](const Split& a, const Split& b) {
        return a.segment < b.segment || (a.segment == b.segment && a.t < b.t);
      });
      std::vector<Point> merged;
      std::vector<std::uint8_t> flags;
      std::size_t next = 0;
      for (std::uint32_t k = 0; k < shapes[l].size(); ++k) {
        merged.push_back(shapes[l][k]);
        flags.push_back(0);
        while (next < s.size() && s[next].segment == k) {
          if (!(merged.back() == s[next].at)) {
            merged.push_back(s[next].at);
            flags.push_back(1);
          } else {
            flags.back() = 1;
          }
          ++next;
        }
      }
      shapes[l] = std::move(merged);
      forced[l] = std::move(flags);
    }
  }

  // 3. Vertex clusters; a cluster is a junction when a line ends there, a split was made there, or
  //    lines (or one line twice) pass through it.
  VertexClusters clusters(options.snap_tolerance_m);
  std::vector<std::vector<std::uint32_t>> cluster_of(shapes.size());
  std::vector<std::uint32_t> uses;
  std::vector<std::uint8_t> junction;
  for (std::size_t l = 0; l < shapes.size(); ++l) {
    for (std::size_t k = 0; k < shapes[l].size(); ++k) {
      bool moved = false;
      const std::uint32_t c = clusters.add(shapes[l][k], moved);
      if (moved) ++report.vertices_merged;
      if (c >= uses.size()) {
        uses.resize(c + 1, 0);
        junction.resize(c + 1, 0);
      }
      if (!cluster_of[l].empty() && cluster_of[l].back() == c) continue;  // collapsed onto the previous vertex
      cluster_of[l].push_back(c);
      ++uses[c];
      if (!forced[l].empty() && forced[l][k]) junction[c] = 1;
    }
    if (cluster_of[l].size() >= 2) {
      junction[cluster_of[l].front()] = 1;
      junction[cluster_of[l].back()] = 1;
    }
  }
  for (std::size_t c = 0; c < uses.size(); ++c) {
    if (uses[c] >= 2) junction[c] = 1;
  }

  // 4. Pieces between junctions.
  std::vector<std::uint32_t> node_of(clusters.size(), 0xFFFFFFFFu);
  auto node = [&](std::uint32_t c) {
    if (node_of[c] == 0xFFFFFFFFu) {
      node_of[c] = static_cast<std::uint32_t>(network.nodes.size());
      network.nodes.push_back(clusters.leader(c));
    }
    return node_of[c];
  };
  for (std::size_t l = 0; l < shapes.size(); ++l) {
    const auto& seq = cluster_of[l];
    if (seq.size() < 2) {
      ++report.lines_degenerate;
      continue;
    }
    const RoadLine& source = lines[origin[l]];
    const auto source_index = static_cast<std::uint32_t>(network.source_ids.size());
    network.source_ids.push_back(source.source_id);
    model::RoadPiece piece;
    piece.from = node(seq[0]);
    piece.shape_begin = static_cast<std::uint32_t>(network.shape_points.size());
    network.shape_points.push_back(clusters.leader(seq[0]));
    for (std::size_t k = 1; k < seq.size(); ++k) {
      const Point& p = clusters.leader(seq[k]);
      piece.length_m += model::distance(network.shape_points.back(), p);
      network.shape_points.push_back(p);
      if (!junction[seq[k]]) continue;
      piece.to = node(seq[k]);
      piece.shape_end = static_cast<std::uint32_t>(network.shape_points.size());
      piece.speed_kmh = speed[l];
      piece.road_class = class_index[l];
      piece.direction = source.direction;
      piece.source_line = source_index;
      network.pieces.push_back(piece);
      if (k + 1 < seq.size()) {
        piece = model::RoadPiece{};
        piece.from = node(seq[k]);
        piece.shape_begin = static_cast<std::uint32_t>(network.shape_points.size());
        network.shape_points.push_back(p);
      }
    }
  }
  return network;
}

}  // namespace quhua::graph
