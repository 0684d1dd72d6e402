#include "quhua/geometry/contiguity.hpp"

#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace quhua::geometry {

namespace {

using model::Point;

constexpr std::uint32_t k_no_segment = 0xFFFFFFFFu;

/// The tolerance never drops below this fraction of the largest coordinate: far above the rounding of
/// a double (1e-16 relative), so a T-junction vertex computed on its neighbour's edge still touches it;
/// far below anything on the ground (4 mm at a Gauss-Krueger easting with zone prefix, 4e7 m).
constexpr double k_relative_floor = 1e-9;

/// Rook minimum in tolerances. Where two units meet only at a corner, the stretches of their boundaries
/// within the tolerance of each other add up to about two tolerances (a corner digitised twice, a little
/// apart: up to one along each direction leaving it); more only along a wedge of a third unit thinner
/// than the tolerance, which the tolerance says to ignore. Four tolerances keeps corner contacts out
/// without cutting any border that matters.
constexpr double k_rook_tolerance_factor = 4.0;

/// Euclidean length. Not model::distance: std::hypot guards against an overflow that metre coordinates
/// cannot reach, at several times the cost, and lengths are on the hot path.
double length(const Point& a, const Point& b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  return std::sqrt(dx * dx + dy * dy);
}

/// Boundary segments in two flat arrays: segment s runs from points[s] to points[s + 1] and belongs to
/// unit_of[s]; the last point of each ring has unit_of == k_no_segment. Half the memory of storing both
/// ends per segment, and no allocation per segment.
struct SegmentSoup {
  std::vector<Point> points;
  std::vector<std::uint32_t> unit_of;
  std::size_t segment_count = 0;
  double max_abs_coordinate = 0;
  model::BBox box;

  bool is_segment(std::size_t s) const { return unit_of[s] != k_no_segment; }
  double segment_length(std::size_t s) const { return length(points[s], points[s + 1]); }
};

void check_finite(const Point& p, std::size_t unit) {
  if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
    throw InputError(ErrorCode::input_geometry, "boundary coordinate is not finite",
                     ErrorContext{.feature = "unit " + std::to_string(unit)});
  }
}

/// Appends one ring, dropping duplicate consecutive vertices and closing it if open. Returns the number
/// of segments added (0 for a ring of fewer than two distinct points, which leaves no trace).
std::size_t append_ring(const model::Ring& ring, std::uint32_t unit, SegmentSoup& soup) {
  const std::size_t first = soup.points.size();
  for (const auto& p : ring) {
    check_finite(p, unit);
    if (soup.points.size() > first && soup.points.back() == p) continue;
    soup.points.push_back(p);
    soup.unit_of.push_back(unit);
  }
  if (soup.points.size() - first >= 2 && soup.points.back() != soup.points[first]) {
    soup.points.push_back(soup.points[first]);
    soup.unit_of.push_back(unit);
  }
  const std::size_t count = soup.points.size() - first;
  if (count < 2) {
    soup.points.resize(first);
    soup.unit_of.resize(first);
    return 0;
  }
  soup.unit_of.back() = k_no_segment;
  for (std::size_t i = first; i < soup.points.size(); ++i) {
    soup.box.expand(soup.points[i]);
    soup.max_abs_coordinate =
        std::max({soup.max_abs_coordinate, std::abs(soup.points[i].x), std::abs(soup.points[i].y)});
  }
  return count - 1;
}

/// All rings of all units; fills the report's multipart and empty-unit lists on the way.
SegmentSoup collect_segments(std::span<const model::MultiPolygon> units, ContiguityReport& report) {
  SegmentSoup soup;
  std::size_t vertices = 0;
  for (const auto& shape : units) vertices += model::vertex_count(shape);
  soup.points.reserve(vertices + units.size());
  soup.unit_of.reserve(vertices + units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    const auto unit = static_cast<std::uint32_t>(u);
    std::size_t unit_segments = 0;
    std::uint32_t parts = 0;
    for (const auto& polygon : units[u]) {
      const std::size_t outer = append_ring(polygon.outer, unit, soup);
      if (outer > 0) ++parts;
      unit_segments += outer;
      for (const auto& hole : polygon.holes) unit_segments += append_ring(hole, unit, soup);
    }
    soup.segment_count += unit_segments;
    if (unit_segments == 0) report.empty_units.push_back(unit);
    if (parts > 1) report.multipart_units.push_back({unit, parts});
  }
  return soup;
}

/// Median segment length from at most 65,536 evenly spaced segments (deterministic, O(S)).
double median_segment_length(const SegmentSoup& soup) {
  std::vector<double> lengths;
  const std::size_t stride = std::max<std::size_t>(1, soup.segment_count / 65536);
  std::size_t seen = 0;
  for (std::size_t s = 0; s + 1 < soup.points.size(); ++s) {
    if (soup.is_segment(s) && seen++ % stride == 0) lengths.push_back(soup.segment_length(s));
  }
  if (lengths.empty()) return 0;
  auto middle = lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2);
  std::nth_element(lengths.begin(), middle, lengths.end());
  return *middle;
}

/// Cuts every segment longer than `max_length_m` into equal pieces, so each covers at most a few grid
/// cells: one long straight border (a surveyed line across a desert county) would otherwise sit in
/// thousands of cells. Pieces are collinear with the original, so contacts and shared lengths do not
/// change.
void split_long_segments(SegmentSoup& soup, double max_length_m) {
  std::size_t extra = 0;
  for (std::size_t s = 0; s + 1 < soup.points.size(); ++s) {
    if (soup.is_segment(s)) extra += static_cast<std::size_t>(std::ceil(soup.segment_length(s) / max_length_m)) - 1;
  }
  if (extra == 0) return;
  std::vector<Point> points;
  std::vector<std::uint32_t> unit_of;
  points.reserve(soup.points.size() + extra);
  unit_of.reserve(soup.points.size() + extra);
  for (std::size_t s = 0; s < soup.points.size(); ++s) {
    points.push_back(soup.points[s]);
    unit_of.push_back(soup.unit_of[s]);
    if (!soup.is_segment(s)) continue;
    const Point a = soup.points[s];
    const Point b = soup.points[s + 1];
    const auto pieces = static_cast<std::size_t>(std::ceil(soup.segment_length(s) / max_length_m));
    for (std::size_t k = 1; k < pieces; ++k) {
      const double f = static_cast<double>(k) / static_cast<double>(pieces);
      points.push_back({a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f});
      unit_of.push_back(soup.unit_of[s]);
    }
  }
  soup.points = std::move(points);
  soup.unit_of = std::move(unit_of);
  soup.segment_count += extra;
}

/// A segment's bounding box grown by half the tolerance on every side: two segments within the
/// tolerance of each other have intersecting grown boxes.
struct SegmentBox {
  double min_x, min_y, max_x, max_y;
};

SegmentBox grown_box(const Point& a, const Point& b, double half_tolerance) {
  return {std::min(a.x, b.x) - half_tolerance, std::min(a.y, b.y) - half_tolerance, std::max(a.x, b.x) + half_tolerance,
          std::max(a.y, b.y) + half_tolerance};
}

/// Uniform grid over the segments' grown boxes, in CSR form: cell c holds entries[offsets[c] ..
/// offsets[c + 1]), segment ids ascending.
class SegmentGrid {
 public:
  SegmentGrid(const SegmentSoup& soup, double cell_size_m, double half_tolerance)
      : m_origin_x(soup.box.min_x - half_tolerance),
        m_origin_y(soup.box.min_y - half_tolerance),
        m_cell(cell_size_m),
        m_nx(cells_along(soup.box.width() + 2 * half_tolerance, cell_size_m)),
        m_ny(cells_along(soup.box.height() + 2 * half_tolerance, cell_size_m)) {
    m_offsets.assign(cell_count() + 1, 0);
    // Two passes of a counting sort: count per cell, then place. Entries end up in ascending segment
    // order within each cell, which makes the scan (and so the output) deterministic.
    for_each_cell_of_segments(soup, half_tolerance, [&](std::size_t cell, std::uint32_t) { ++m_offsets[cell + 1]; });
    std::size_t total = 0;
    for (auto& offset : m_offsets) {
      total += offset;
      if (total > std::numeric_limits<std::uint32_t>::max()) {
        throw InputError(ErrorCode::input_value, "layer too large for the contiguity builder (over 4e9 grid entries)");
      }
      offset = static_cast<std::uint32_t>(total);
    }
    m_entries.resize(total);
    std::vector<std::uint32_t> cursor(m_offsets.begin(), m_offsets.end() - 1);
    for_each_cell_of_segments(soup, half_tolerance,
                              [&](std::size_t cell, std::uint32_t s) { m_entries[cursor[cell]++] = s; });
  }

  std::size_t cell_count() const { return m_nx * m_ny; }
  std::size_t nx() const { return m_nx; }
  std::span<const std::uint32_t> cell(std::size_t c) const {
    return {m_entries.data() + m_offsets[c], m_entries.data() + m_offsets[c + 1]};
  }
  std::size_t cell_x(double x) const { return clamp_cell((x - m_origin_x) / m_cell, m_nx); }
  std::size_t cell_y(double y) const { return clamp_cell((y - m_origin_y) / m_cell, m_ny); }

  /// Cells along an extent: at least one.
  static std::size_t cells_along(double extent, double cell_size_m) {
    return static_cast<std::size_t>(std::floor(extent / cell_size_m)) + 1;
  }

 private:
  static std::size_t clamp_cell(double position, std::size_t n) {
    if (!(position > 0)) return 0;
    return std::min(static_cast<std::size_t>(position), n - 1);
  }

  template <typename Visit>
  void for_each_cell_of_segments(const SegmentSoup& soup, double half_tolerance, Visit&& visit) const {
    for (std::size_t s = 0; s + 1 < soup.points.size(); ++s) {
      if (!soup.is_segment(s)) continue;
      const auto box = grown_box(soup.points[s], soup.points[s + 1], half_tolerance);
      const std::size_t x0 = cell_x(box.min_x), x1 = cell_x(box.max_x);
      const std::size_t y0 = cell_y(box.min_y), y1 = cell_y(box.max_y);
      for (std::size_t y = y0; y <= y1; ++y) {
        for (std::size_t x = x0; x <= x1; ++x) visit(y * m_nx + x, static_cast<std::uint32_t>(s));
      }
    }
  }

  double m_origin_x, m_origin_y, m_cell;
  std::size_t m_nx, m_ny;
  std::vector<std::uint32_t> m_offsets;
  std::vector<std::uint32_t> m_entries;
};

/// Grid cell size: twice the median segment length, so a typical segment needs no cut and meets one to
/// four cells while a cell holds a few dozen segments (on the 200k synthetic layer, 1x the median took
/// 0.86 s, 2x 0.61 s, 3x 0.63 s); at least two tolerances, so a grown box covers few cells; and coarse
/// enough that the grid has at most about two cells per segment, whatever the layer's extent.
double choose_cell_size(const SegmentSoup& soup, double tolerance_m) {
  double cell = std::max(2 * median_segment_length(soup), 2 * tolerance_m);
  const double width = soup.box.width() + tolerance_m;
  const double height = soup.box.height() + tolerance_m;
  const double max_cells = std::max(4096.0, 2.0 * static_cast<double>(soup.segment_count));
  cell = std::max(cell, std::sqrt(width * height / max_cells));
  while (static_cast<double>(SegmentGrid::cells_along(width, cell)) *
             static_cast<double>(SegmentGrid::cells_along(height, cell)) >
         max_cells) {
    cell *= 1.25;
  }
  return cell;
}

double cross(double ax, double ay, double bx, double by) { return ax * by - ay * bx; }

double orientation(const Point& a, const Point& b, const Point& c) {
  return cross(b.x - a.x, b.y - a.y, c.x - a.x, c.y - a.y);
}

double point_segment_distance_sq(const Point& p, const Point& a, const Point& b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double length_sq = dx * dx + dy * dy;
  double t = length_sq > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length_sq : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return ex * ex + ey * ey;
}

/// True when segments pq and rs come within `tolerance` of each other (crossing included).
bool segments_touch(const Point& p, const Point& q, const Point& r, const Point& s, double tolerance) {
  const double o1 = orientation(r, s, p), o2 = orientation(r, s, q);
  const double o3 = orientation(p, q, r), o4 = orientation(p, q, s);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  const double tolerance_sq = tolerance * tolerance;
  return point_segment_distance_sq(p, r, s) <= tolerance_sq || point_segment_distance_sq(q, r, s) <= tolerance_sq ||
         point_segment_distance_sq(r, p, q) <= tolerance_sq || point_segment_distance_sq(s, p, q) <= tolerance_sq;
}

/// Length along which segments pq and rs run side by side within `tolerance`, measured on the longer
/// one: the part of the shorter one's projection onto it where it stays within the tolerance of the
/// longer one's line. Exact for collinear overlaps (a shared edge, a T-junction) and additive when
/// either segment is cut into pieces. A pair counts only when the shorter segment veers off the longer
/// one's line by at most two tolerances over its whole length, as two digitisations of one border do:
/// boundaries that cross or leave a common corner in different directions add nothing, however small
/// the tolerance (a floor-level tolerance would otherwise credit 1 / angle tolerances to a shallow
/// crossing).
double run_along_length(Point p, Point q, Point r, Point s, double tolerance) {
  double long_length = length(p, q);
  double short_length = length(r, s);
  if (short_length > long_length) {
    std::swap(p, r);
    std::swap(q, s);
    std::swap(long_length, short_length);
  }
  if (short_length <= 0) return 0;
  const double dx = (q.x - p.x) / long_length, dy = (q.y - p.y) / long_length;
  // r and s in the frame of pq: `a` along it from p, `o` the signed offset to its left.
  const double a0 = (r.x - p.x) * dx + (r.y - p.y) * dy;
  const double a1 = (s.x - p.x) * dx + (s.y - p.y) * dy;
  const double o0 = cross(dx, dy, r.x - p.x, r.y - p.y);
  const double o1 = cross(dx, dy, s.x - p.x, s.y - p.y);
  if (std::abs(o1 - o0) > 2 * tolerance || a0 == a1) return 0;
  double lo = std::max(std::min(a0, a1), 0.0);
  double hi = std::min(std::max(a0, a1), long_length);
  // The offset is linear in `a`; keep the stretch where |offset| <= tolerance.
  const double slope = (o1 - o0) / (a1 - a0);
  if (slope != 0) {
    const double enter = a0 + (-tolerance - o0) / slope;
    const double leave = a0 + (tolerance - o0) / slope;
    lo = std::max(lo, std::min(enter, leave));
    hi = std::min(hi, std::max(enter, leave));
  } else if (std::abs(o0) > tolerance) {
    return 0;
  }
  return std::max(hi - lo, 0.0);
}

/// One pair's contact found in one cell: the pair key (smaller unit in the high half) and the length
/// of border found there.
struct Contribution {
  std::uint64_t pair;
  double length_m;
  friend bool operator<(const Contribution& x, const Contribution& y) {
    return x.pair != y.pair ? x.pair < y.pair : x.length_m < y.length_m;
  }
};

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) {
  if (a > b) std::swap(a, b);
  return (std::uint64_t{a} << 32) | b;
}

/// Tests every pair of segments of different units sharing a cell, each pair once, and returns the
/// contributions (summed per pair within a cell, so the list stays near one entry per pair and cell).
std::vector<Contribution> find_contacts(const SegmentSoup& soup, const SegmentGrid& grid, double tolerance) {
  const double half = tolerance / 2;
  std::vector<Contribution> out;
  std::vector<Contribution> local;
  for (std::size_t c = 0; c < grid.cell_count(); ++c) {
    const auto entries = grid.cell(c);
    if (entries.size() < 2) continue;
    const std::size_t cx = c % grid.nx(), cy = c / grid.nx();
    local.clear();
    for (std::size_t i = 0; i + 1 < entries.size(); ++i) {
      const std::uint32_t s = entries[i];
      const Point& p = soup.points[s];
      const Point& q = soup.points[s + 1];
      const auto box_s = grown_box(p, q, half);
      for (std::size_t j = i + 1; j < entries.size(); ++j) {
        const std::uint32_t t = entries[j];
        if (soup.unit_of[t] == soup.unit_of[s]) continue;
        const Point& r = soup.points[t];
        const Point& u = soup.points[t + 1];
        const auto box_t = grown_box(r, u, half);
        if (box_s.min_x > box_t.max_x || box_t.min_x > box_s.max_x || box_s.min_y > box_t.max_y ||
            box_t.min_y > box_s.max_y) {
          continue;
        }
        // The pair meets in every cell both boxes cover; count it only in the cell holding the lower
        // left corner of the boxes' intersection, which both cover.
        if (grid.cell_x(std::max(box_s.min_x, box_t.min_x)) != cx ||
            grid.cell_y(std::max(box_s.min_y, box_t.min_y)) != cy) {
          continue;
        }
        if (!segments_touch(p, q, r, u, tolerance)) continue;
        const Contribution found{pair_key(soup.unit_of[s], soup.unit_of[t]), run_along_length(p, q, r, u, tolerance)};
        auto it = std::find_if(local.begin(), local.end(), [&](const Contribution& x) { return x.pair == found.pair; });
        if (it == local.end()) {
          local.push_back(found);
        } else {
          it->length_m += found.length_m;
        }
      }
    }
    out.insert(out.end(), local.begin(), local.end());
  }
  return out;
}

/// The pairs in contact (a < b) whose polygons overlap by more than a sliver within `tolerance`.
std::vector<Overlap> find_overlaps(std::span<const model::MultiPolygon> units, std::span<const model::BBox> boxes,
                                   std::vector<std::pair<graph::NodeId, graph::NodeId>> pairs, double tolerance) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<Overlap> out;
  for (const auto& [a, b] : pairs) {
    const model::BBox& x = boxes[a];
    const model::BBox& y = boxes[b];
    // An overlap wider than the tolerance needs the boxes to overlap by more than it both ways.
    if (std::min(x.max_x, y.max_x) - std::max(x.min_x, y.min_x) <= tolerance ||
        std::min(x.max_y, y.max_y) - std::max(x.min_y, y.min_y) <= tolerance) {
      continue;
    }
    const model::MultiPolygon common = intersection(units[a], units[b]);
    const double common_area = area(common);
    if (common_area > 0 && 2 * common_area > tolerance * perimeter(common)) out.push_back({a, b, common_area});
  }
  return out;
}

}  // namespace

void ContiguityOptions::validate() const {
  if (!std::isfinite(snap_tolerance_m) || snap_tolerance_m < 0) {
    throw UsageError("snap_tolerance_m must be a finite number >= 0, got " + std::to_string(snap_tolerance_m));
  }
  if (!std::isfinite(min_shared_border_m) || min_shared_border_m < 0) {
    throw UsageError("min_shared_border_m must be a finite number >= 0, got " + std::to_string(min_shared_border_m));
  }
}

ContiguityResult build_contiguity(std::span<const model::MultiPolygon> units, const ContiguityOptions& options) {
  options.validate();
  if (units.size() >= k_no_segment) {
    throw InputError(ErrorCode::input_value,
                     "too many units for the contiguity builder: " + std::to_string(units.size()));
  }
  ContiguityResult result;
  auto& report = result.report;
  SegmentSoup soup = collect_segments(units, report);

  std::vector<graph::Edge> edges;
  if (soup.segment_count > 0) {
    const double tolerance =
        std::max(options.snap_tolerance_m, k_relative_floor * std::max(1.0, soup.max_abs_coordinate));
    const double min_border = std::max(options.min_shared_border_m, k_rook_tolerance_factor * tolerance);
    report.cell_size_m = choose_cell_size(soup, tolerance);
    split_long_segments(soup, report.cell_size_m);
    if (soup.points.size() > k_no_segment) {
      throw InputError(ErrorCode::input_value,
                       "too many boundary vertices for the contiguity builder: " + std::to_string(soup.points.size()));
    }
    report.segment_count = soup.segment_count;

    auto contributions = find_contacts(soup, SegmentGrid(soup, report.cell_size_m, tolerance / 2), tolerance);
    // Sorting on (pair, length), a total order, fixes the order of summation whatever the sort algorithm.
    std::sort(contributions.begin(), contributions.end());
    for (std::size_t i = 0; i < contributions.size();) {
      const std::uint64_t pair = contributions[i].pair;
      double border_m = 0;
      for (; i < contributions.size() && contributions[i].pair == pair; ++i) border_m += contributions[i].length_m;
      const graph::Edge edge{static_cast<graph::NodeId>(pair >> 32), static_cast<graph::NodeId>(pair & 0xFFFFFFFFu),
                             border_m > min_border ? border_m : 0};
      if (edge.shared_border_m > 0 || options.contiguity == Contiguity::queen) {
        edges.push_back(edge);
      } else {
        report.point_contacts.push_back({edge.a, edge.b, border_m});
      }
    }
  }

  std::vector<std::pair<graph::NodeId, graph::NodeId>> overlap_candidates;
  if (options.find_overlaps) {
    for (const auto& e : edges) overlap_candidates.emplace_back(e.a, e.b);
    for (const auto& e : report.point_contacts) overlap_candidates.emplace_back(e.a, e.b);
  }
  result.graph = graph::ContiguityGraph::from_edges(units.size(), std::move(edges));
  for (graph::NodeId v = 0; v < units.size(); ++v) {
    if (result.graph.degree(v) == 0) report.islands.push_back(v);
  }
  report.components = graph::connected_components(result.graph);
  if (options.find_overlaps) {
    // A unit inside another without touching its boundary meets it nowhere: islands are checked against
    // every unit whose box holds theirs (islands are few).
    std::vector<model::BBox> boxes(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) boxes[u] = model::bbox_of(units[u]);
    for (graph::NodeId island : report.islands) {
      const model::BBox& inner = boxes[island];
      if (inner.empty()) continue;
      for (graph::NodeId v = 0; v < units.size(); ++v) {
        const model::BBox& outer = boxes[v];
        if (v != island && !outer.empty() && outer.min_x <= inner.min_x && outer.max_x >= inner.max_x &&
            outer.min_y <= inner.min_y && outer.max_y >= inner.max_y) {
          overlap_candidates.emplace_back(std::min(island, v), std::max(island, v));
        }
      }
    }
    report.overlaps =
        find_overlaps(units, boxes, std::move(overlap_candidates), std::max(options.snap_tolerance_m, 1e-9));
  }
  return result;
}

}  // namespace quhua::geometry
