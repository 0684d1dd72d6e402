#include "support/ascii_map.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <utility>

namespace quhua::test {

namespace {

// Ring tracing on the lattice of cell corners: every cell side between a cell of a group and a cell
// outside it is a directed edge with the group on its left. Following edges and turning left whenever
// a corner offers a choice splits the edges into rings that touch but never cross.

struct Corner {
  int x = 0, y = 0;
  friend auto operator<=>(const Corner&, const Corner&) = default;
};

constexpr std::array<Corner, 4> k_step = {{{1, 0}, {0, 1}, {-1, 0}, {0, -1}}};  // east, north, west, south

struct SideEdge {
  Corner from;
  int direction = 0;  // index into k_step
  bool used = false;
};

std::vector<std::string> rows_of(std::string_view map) {
  std::vector<std::string> rows;
  std::size_t start = 0;
  while (start <= map.size()) {
    std::size_t end = map.find('\n', start);
    if (end == std::string_view::npos) end = map.size();
    std::string_view line = map.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t\r");
    const auto last = line.find_last_not_of(" \t\r");
    rows.emplace_back(first == std::string_view::npos ? std::string_view{} : line.substr(first, last - first + 1));
    start = end + 1;
  }
  while (!rows.empty() && rows.front().empty()) rows.erase(rows.begin());
  while (!rows.empty() && rows.back().empty()) rows.pop_back();
  return rows;
}

/// Rings of one group of cells (in_group(row, column)), traced as described above.
template <typename InGroup>
std::vector<std::vector<Corner>> trace_rings(int rows, int columns, InGroup in_group) {
  std::vector<SideEdge> edges;
  std::map<Corner, std::vector<std::size_t>> leaving;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      if (!in_group(r, c)) continue;
      const int y = rows - 1 - r;  // the cell's south side
      const auto add = [&](bool outside, Corner from, int direction) {
        if (!outside) return;
        leaving[from].push_back(edges.size());
        edges.push_back({from, direction});
      };
      add(!in_group(r + 1, c), {c, y}, 0);          // south side, walked east
      add(!in_group(r, c + 1), {c + 1, y}, 1);      // east side, walked north
      add(!in_group(r - 1, c), {c + 1, y + 1}, 2);  // north side, walked west
      add(!in_group(r, c - 1), {c, y + 1}, 3);      // west side, walked south
    }
  }
  std::vector<std::vector<Corner>> rings;
  for (std::size_t first = 0; first < edges.size(); ++first) {
    if (edges[first].used) continue;
    std::vector<Corner> ring;
    std::size_t current = first;
    while (!edges[current].used) {
      SideEdge& edge = edges[current];
      edge.used = true;
      const Corner to{edge.from.x + k_step[edge.direction].x, edge.from.y + k_step[edge.direction].y};
      const auto& options = leaving.at(to);
      // Turn left, else go straight, else turn right.
      std::size_t next = options.front();
      for (int turn : {1, 0, 3}) {
        const auto it = std::find_if(options.begin(), options.end(),
                                     [&](std::size_t e) { return edges[e].direction == (edge.direction + turn) % 4; });
        if (it != options.end()) {
          next = *it;
          break;
        }
      }
      // Keep a corner only where the ring turns.
      if (edges[next].direction != edge.direction) ring.push_back(to);
      current = next;
    }
    rings.push_back(std::move(ring));
  }
  return rings;
}

long long twice_signed_area(const std::vector<Corner>& ring) {
  long long sum = 0;
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const Corner& a = ring[i];
    const Corner& b = ring[(i + 1) % ring.size()];
    sum += static_cast<long long>(a.x) * b.y - static_cast<long long>(b.x) * a.y;
  }
  return sum;
}

model::Ring to_ring(const std::vector<Corner>& corners, double cell_m) {
  model::Ring ring;
  for (const Corner& c : corners) ring.push_back({c.x * cell_m, c.y * cell_m});
  ring.push_back(ring.front());
  return ring;
}

}  // namespace

graph::NodeId AsciiLayer::id(char letter) const {
  const auto at = letters.find(letter);
  if (at == std::string::npos) throw std::invalid_argument(std::string("no unit drawn with '") + letter + "'");
  return static_cast<graph::NodeId>(at);
}

AsciiLayer ascii_layer(std::string_view map, double cell_m) {
  const std::vector<std::string> rows = rows_of(map);
  const int row_count = static_cast<int>(rows.size());
  int column_count = 0;
  for (const auto& row : rows) column_count = std::max(column_count, static_cast<int>(row.size()));
  const auto at = [&](int r, int c) -> char {
    if (r < 0 || r >= row_count || c < 0 || c >= static_cast<int>(rows[r].size())) return '.';
    return rows[r][c];
  };

  AsciiLayer layer;
  for (const auto& row : rows) {
    for (char ch : row) {
      if (ch != '.' && layer.letters.find(ch) == std::string::npos) layer.letters.push_back(ch);
    }
  }
  std::sort(layer.letters.begin(), layer.letters.end());

  // Label 4-connected groups of equal letters, numbered in reading order.
  std::vector<int> group(static_cast<std::size_t>(row_count * column_count), -1);
  const auto group_at = [&](int r, int c) -> int& { return group[static_cast<std::size_t>(r * column_count + c)]; };
  std::vector<char> group_letter;
  for (int r = 0; r < row_count; ++r) {
    for (int c = 0; c < column_count; ++c) {
      if (at(r, c) == '.' || group_at(r, c) >= 0) continue;
      const int label = static_cast<int>(group_letter.size());
      group_letter.push_back(at(r, c));
      std::vector<std::pair<int, int>> stack{{r, c}};
      group_at(r, c) = label;
      while (!stack.empty()) {
        const auto [y, x] = stack.back();
        stack.pop_back();
        for (const Corner& step : k_step) {
          const int ny = y + step.y, nx = x + step.x;
          if (at(ny, nx) == at(r, c) && group_at(ny, nx) < 0) {
            group_at(ny, nx) = label;
            stack.emplace_back(ny, nx);
          }
        }
      }
    }
  }

  layer.units.resize(layer.letters.size());
  for (int label = 0; label < static_cast<int>(group_letter.size()); ++label) {
    const auto in_group = [&](int r, int c) { return at(r, c) != '.' && group_at(r, c) == label; };
    model::Polygon polygon;
    for (const auto& corners : trace_rings(row_count, column_count, in_group)) {
      if (twice_signed_area(corners) > 0) {
        if (!polygon.outer.empty()) throw std::logic_error("ascii_layer: a group traced to two outer rings");
        polygon.outer = to_ring(corners, cell_m);
      } else {
        polygon.holes.push_back(to_ring(corners, cell_m));
      }
    }
    layer.units[layer.id(group_letter[static_cast<std::size_t>(label)])].push_back(std::move(polygon));
  }
  return layer;
}

model::MultiPolygon rectangle(double min_x, double min_y, double max_x, double max_y) {
  return {model::Polygon{{{min_x, min_y}, {max_x, min_y}, {max_x, max_y}, {min_x, max_y}, {min_x, min_y}}, {}}};
}

}  // namespace quhua::test
