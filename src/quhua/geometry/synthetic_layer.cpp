#include "quhua/geometry/synthetic_layer.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace quhua::geometry {

namespace {

using model::Point;

// The layer lives on a lattice of vertices (i, j): x = i * width / 2, y = j * height. Brick (r, c)
// spans lattice columns a .. a + 2 with a = 2c + (r odd), rows r .. r + 1, so the vertical walls of
// neighbouring rows alternate and every vertex joins three bricks. A brick's ring visits six lattice
// vertices: the middle ones of its bottom and top sides are corners of the bricks below and above.
//
// Every vertex and every edge draws its randomness from its own generator, seeded by its lattice
// position, so the two bricks on an edge compute the very same points without storing them.

enum class EdgeKind : std::uint64_t { horizontal = 1, vertical = 2 };

class Lattice {
 public:
  explicit Lattice(const SyntheticLayerOptions& options)
      : m_options(options), m_width(options.cell_size_m), m_height(0.75 * options.cell_size_m) {}

  Point vertex(std::uint64_t i, std::uint64_t j) const {
    Rng rng = generator(0, i, j);
    return {m_options.origin_x_m + static_cast<double>(i) * m_width / 2 +
                rng.uniform(-1, 1) * m_options.jitter * m_width / 4,
            m_options.origin_y_m + static_cast<double>(j) * m_height +
                rng.uniform(-1, 1) * m_options.jitter * m_height / 2};
  }

  /// Appends the edge from lattice vertex (i, j) to its right (horizontal) or upper (vertical)
  /// neighbour, walked forward or backward, without its last point (the next edge starts there).
  /// The unit walking it forward carries the T-junction vertices, if the edge has them.
  void append_edge(EdgeKind kind, std::uint64_t i, std::uint64_t j, bool forward, model::Ring& ring) {
    const Point a = vertex(i, j);
    const Point b = kind == EdgeKind::horizontal ? vertex(i + 1, j) : vertex(i, j + 1);
    Rng rng = generator(static_cast<std::uint64_t>(kind), i, j);
    m_line.clear();
    m_line.push_back(a);
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double steps = m_options.wiggle_points + 1.0;
    for (std::uint32_t k = 1; k <= m_options.wiggle_points; ++k) {
      // Along the straight line, pushed sideways by up to a tenth of the edge: a river or a ridge.
      const double f = k / steps;
      const double side = rng.uniform(-0.1, 0.1);
      m_line.push_back({a.x + f * dx - side * dy, a.y + f * dy + side * dx});
    }
    m_line.push_back(b);
    const bool t_junctions = rng.uniform() < m_options.t_junction_share && forward;
    if (!forward) std::reverse(m_line.begin(), m_line.end());
    for (std::size_t k = 0; k + 1 < m_line.size(); ++k) {
      ring.push_back(m_line[k]);
      if (t_junctions) ring.push_back({(m_line[k].x + m_line[k + 1].x) / 2, (m_line[k].y + m_line[k + 1].y) / 2});
    }
  }

 private:
  Rng generator(std::uint64_t kind, std::uint64_t i, std::uint64_t j) const {
    return Rng(m_options.seed ^ (0x9E3779B97F4A7C15ULL * ((kind << 60) ^ (i << 30) ^ j)));
  }

  const SyntheticLayerOptions& m_options;
  double m_width, m_height;
  std::vector<Point> m_line;  // reused for every edge: no allocation per edge
};

}  // namespace

std::size_t synthetic_layer_columns(std::size_t unit_count) {
  return std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(unit_count)))));
}

std::vector<model::MultiPolygon> synthetic_layer(const SyntheticLayerOptions& options) {
  if (!(options.cell_size_m > 0) || !std::isfinite(options.cell_size_m)) {
    throw UsageError("synthetic layer: cell_size_m must be positive, got " + std::to_string(options.cell_size_m));
  }
  if (!(options.jitter >= 0 && options.jitter <= 1) ||
      !(options.t_junction_share >= 0 && options.t_junction_share <= 1)) {
    throw UsageError("synthetic layer: jitter and t_junction_share must lie in [0, 1]");
  }
  const std::size_t columns = synthetic_layer_columns(options.unit_count);
  Lattice lattice(options);
  std::vector<model::MultiPolygon> units(options.unit_count);
  for (std::size_t u = 0; u < options.unit_count; ++u) {
    const std::uint64_t r = u / columns;
    const std::uint64_t a = 2 * (u % columns) + (r & 1);
    model::Ring& ring = units[u].emplace_back().outer;
    ring.reserve(6 * (options.wiggle_points + 1) * 2 + 1);
    // Counter-clockwise from the lower left corner.
    lattice.append_edge(EdgeKind::horizontal, a, r, true, ring);
    lattice.append_edge(EdgeKind::horizontal, a + 1, r, true, ring);
    lattice.append_edge(EdgeKind::vertical, a + 2, r, true, ring);
    lattice.append_edge(EdgeKind::horizontal, a + 1, r + 1, false, ring);
    lattice.append_edge(EdgeKind::horizontal, a, r + 1, false, ring);
    lattice.append_edge(EdgeKind::vertical, a, r, false, ring);
    ring.push_back(ring.front());
  }
  return units;
}

}  // namespace quhua::geometry
