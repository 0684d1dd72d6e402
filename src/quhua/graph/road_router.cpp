#include "quhua/graph/road_router.hpp"

#include "quhua/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quhua::graph {
namespace {

/// Interleaves the bits of two 16-bit coordinates (Z-order / Morton code).
std::uint32_t morton(std::uint32_t x, std::uint32_t y) {
  auto spread = [](std::uint32_t v) {
    v &= 0xFFFF;
    v = (v | (v << 8)) & 0x00FF00FF;
    v = (v | (v << 4)) & 0x0F0F0F0F;
    v = (v | (v << 2)) & 0x33333333;
    v = (v | (v << 1)) & 0x55555555;
    return v;
  };
  return spread(x) | (spread(y) << 1);
}

}  // namespace

RoadRouter::RoadRouter(model::RoadNetwork network) : m_network(std::move(network)) {
  const std::size_t n = m_network.nodes.size();
  // Renumber nodes along a Z-order curve: neighbours in space become neighbours in memory.
  model::BBox box;
  for (const auto& p : m_network.nodes) box.expand(p);
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  if (n > 0) {
    const double w = std::max(box.width(), 1e-9), h = std::max(box.height(), 1e-9);
    std::vector<std::uint32_t> code(n);
    for (std::size_t v = 0; v < n; ++v) {
      const auto x = static_cast<std::uint32_t>((m_network.nodes[v].x - box.min_x) / w * 65535.0);
      const auto y = static_cast<std::uint32_t>((m_network.nodes[v].y - box.min_y) / h * 65535.0);
      code[v] = morton(x, y);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return code[a] < code[b]; });
  }
  m_graph_node.assign(n, 0);
  for (std::uint32_t k = 0; k < n; ++k) m_graph_node[order[k]] = k;

  std::vector<RoadArc> arcs;
  arcs.reserve(2 * m_network.pieces.size());
  for (const auto& piece : m_network.pieces) {
    const NodeId a = m_graph_node[piece.from], b = m_graph_node[piece.to];
    if (piece.drivable_forward()) arcs.push_back({a, b, piece.travel_time_s(), piece.length_m});
    if (piece.drivable_backward()) arcs.push_back({b, a, piece.travel_time_s(), piece.length_m});
  }
  m_graph = RoadGraph::from_arcs(n, std::move(arcs));

  // Components: snapping prefers the largest strongly connected part, from which every node of it
  // can reach every other.
  const auto scc = strong_components(m_graph);
  m_summary.components = scc.count();
  m_summary.largest_nodes = scc.count() > 0 ? scc.sizes[scc.largest] : 0;
  m_summary.nodes_outside_largest = n - m_summary.largest_nodes;
  m_piece_in_largest.assign(m_network.pieces.size(), 0);
  for (std::size_t k = 0; k < m_network.pieces.size(); ++k) {
    const auto& piece = m_network.pieces[k];
    const bool inside = scc.count() > 0 && scc.component_of[m_graph_node[piece.from]] == scc.largest &&
                        scc.component_of[m_graph_node[piece.to]] == scc.largest;
    m_piece_in_largest[k] = inside ? 1 : 0;
    if (!inside) {
      ++m_summary.pieces_outside_largest;
      m_summary.length_outside_largest_m += piece.length_m;
    }
  }

  // Snap index: every road segment in the grid cells its bounding box touches.
  m_piece_offset_m.assign(m_network.shape_points.size(), 0.0);
  model::BBox extent;
  double total = 0;
  for (std::uint32_t k = 0; k < m_network.pieces.size(); ++k) {
    const auto& piece = m_network.pieces[k];
    double along = 0;
    for (std::uint32_t s = piece.shape_begin; s < piece.shape_end; ++s) {
      extent.expand(m_network.shape_points[s]);
      m_piece_offset_m[s] = along;
      if (s + 1 < piece.shape_end) {
        const double len = model::distance(m_network.shape_points[s], m_network.shape_points[s + 1]);
        along += len;
        total += len;
        m_segments.push_back({k, s});
      }
    }
  }
  if (m_segments.empty()) return;
  m_cell = std::max(1.0, 2 * total / static_cast<double>(m_segments.size()));
  // Keep the grid to a few cells per segment.
  while ((extent.width() / m_cell + 1) * (extent.height() / m_cell + 1) >
         4.0 * static_cast<double>(m_segments.size()) + 16) {
    m_cell *= 1.5;
  }
  m_min_x = extent.min_x;
  m_min_y = extent.min_y;
  m_columns = static_cast<std::uint32_t>(extent.width() / m_cell) + 1;
  m_rows = static_cast<std::uint32_t>(extent.height() / m_cell) + 1;
  auto cells_of = [&](const Segment& seg, auto fn) {
    const auto& a = m_network.shape_points[seg.point];
    const auto& b = m_network.shape_points[seg.point + 1];
    const auto x0 = static_cast<std::uint32_t>((std::min(a.x, b.x) - m_min_x) / m_cell);
    const auto x1 = static_cast<std::uint32_t>((std::max(a.x, b.x) - m_min_x) / m_cell);
    const auto y0 = static_cast<std::uint32_t>((std::min(a.y, b.y) - m_min_y) / m_cell);
    const auto y1 = static_cast<std::uint32_t>((std::max(a.y, b.y) - m_min_y) / m_cell);
    for (std::uint32_t y = y0; y <= std::min(y1, m_rows - 1); ++y) {
      for (std::uint32_t x = x0; x <= std::min(x1, m_columns - 1); ++x) fn(y * m_columns + x);
    }
  };
  m_cell_start.assign(static_cast<std::size_t>(m_columns) * m_rows + 1, 0);
  for (const auto& seg : m_segments) cells_of(seg, [&](std::uint32_t c) { ++m_cell_start[c + 1]; });
  for (std::size_t c = 1; c < m_cell_start.size(); ++c) m_cell_start[c] += m_cell_start[c - 1];
  m_cell_segments.resize(m_cell_start.back());
  std::vector<std::uint32_t> fill(m_cell_start.begin(), m_cell_start.end() - 1);
  for (std::uint32_t s = 0; s < m_segments.size(); ++s) {
    cells_of(m_segments[s], [&](std::uint32_t c) { m_cell_segments[fill[c]++] = s; });
  }
}

Snap RoadRouter::snap(const model::Point& p, bool largest_component_only) const {
  Snap best;
  if (m_segments.empty() || !std::isfinite(p.x) || !std::isfinite(p.y)) return best;
  const auto clamp_cell = [](double v, std::uint32_t limit) {
    return static_cast<std::int64_t>(std::clamp(v, 0.0, static_cast<double>(limit - 1)));
  };
  const std::int64_t cx = clamp_cell(std::floor((p.x - m_min_x) / m_cell), m_columns);
  const std::int64_t cy = clamp_cell(std::floor((p.y - m_min_y) / m_cell), m_rows);
  // Distance from p to the grid rectangle: rings closer than the best found so far are searched.
  const double outside = std::hypot(std::max({0.0, m_min_x - p.x, p.x - (m_min_x + m_columns * m_cell)}),
                                    std::max({0.0, m_min_y - p.y, p.y - (m_min_y + m_rows * m_cell)}));
  const std::int64_t max_ring = std::max<std::int64_t>(m_columns, m_rows);
  const auto visit = [&](std::int64_t x, std::int64_t y) {
    if (x < 0 || x >= m_columns || y < 0 || y >= m_rows) return;
    const auto c = static_cast<std::size_t>(y * m_columns + x);
    for (std::uint32_t k = m_cell_start[c]; k < m_cell_start[c + 1]; ++k) {
      const Segment& seg = m_segments[m_cell_segments[k]];
      if (largest_component_only && !m_piece_in_largest[seg.piece]) continue;
      const auto& a = m_network.shape_points[seg.point];
      const auto& b = m_network.shape_points[seg.point + 1];
      const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
      const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
      const model::Point at{a.x + t * dx, a.y + t * dy};
      const double d = std::hypot(p.x - at.x, p.y - at.y);
      const bool better = d < best.distance_m || (d == best.distance_m && (seg.piece < best.piece));
      if (!better) continue;
      const auto& piece = m_network.pieces[seg.piece];
      best.piece = seg.piece;
      best.distance_m = d;
      best.at = at;
      const double along = m_piece_offset_m[seg.point] + t * std::sqrt(len2);
      best.fraction = piece.length_m > 0 ? std::clamp(along / piece.length_m, 0.0, 1.0) : 0.0;
    }
  };
  for (std::int64_t ring = 0; ring <= max_ring; ++ring) {
    if (best.found() && outside + (static_cast<double>(ring) - 1) * m_cell > best.distance_m) break;
    if (ring == 0) {
      visit(cx, cy);
      continue;
    }
    // The ring's border only: its top and bottom rows in full, then the two sides between them (O(ring)
    // cells, so a point far from any road costs O(R²) cells in all, not O(R³)).
    for (std::int64_t x = cx - ring; x <= cx + ring; ++x) {
      visit(x, cy - ring);
      visit(x, cy + ring);
    }
    for (std::int64_t y = cy - ring + 1; y <= cy + ring - 1; ++y) {
      visit(cx - ring, y);
      visit(cx + ring, y);
    }
  }
  return best;
}

Attachment RoadRouter::attach(const Snap& snap, double access_speed_kmh) const {
  if (!snap.found()) return {};
  if (!(access_speed_kmh > 0)) throw UsageError("the access speed must be positive");
  const auto& piece = m_network.pieces[snap.piece];
  const double time = piece.travel_time_s();
  return Attachment::on_piece(snap.piece, m_graph_node[piece.from], m_graph_node[piece.to], snap.fraction,
                              piece.drivable_forward() ? time : k_no_path, piece.drivable_backward() ? time : k_no_path,
                              piece.drivable_forward() ? piece.length_m : k_no_path,
                              piece.drivable_backward() ? piece.length_m : k_no_path,
                              snap.distance_m / (access_speed_kmh / 3.6), snap.distance_m);
}

}  // namespace quhua::graph
