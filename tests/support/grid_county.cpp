#include "support/grid_county.hpp"

#include <stdexcept>

#include "quhua/geometry/polygon_ops.hpp"

namespace quhua::test {

GridCounty::GridCounty(const std::vector<std::string>& rows, const std::map<char, double>& population, double cell_m) {
  const int height = static_cast<int>(rows.size());
  std::map<char, std::vector<model::MultiPolygon>> cells;
  std::vector<char> order;
  for (int r = 0; r < height; ++r) {
    for (int c = 0; c < static_cast<int>(rows[r].size()); ++c) {
      const char letter = rows[r][c];
      if (letter == '.' || letter == ' ') continue;
      const double x = c * cell_m, y = (height - 1 - r) * cell_m;
      cells[letter].push_back({model::Polygon{{{x, y}, {x + cell_m, y}, {x + cell_m, y + cell_m}, {x, y + cell_m}, {x, y}}, {}}});
      if (cells[letter].size() == 1) order.push_back(letter);
    }
  }
  for (char letter : order) {
    model::Unit u;
    u.code = std::string(1, letter);
    u.name = u.code + "镇";
    u.type = model::UnitType::town;
    u.parent_code = "P";
    const auto it = population.find(letter);
    if (it != population.end()) u.resident_population = it->second;
    std::vector<const model::MultiPolygon*> parts;
    for (const auto& cell : cells[letter]) parts.push_back(&cell);
    u.geometry = geometry::union_all(parts);
    u.area_km2 = geometry::area(u.geometry) / 1e6;
    const auto& first = cells[letter].front()[0].outer;
    u.seat = model::Point{first[0].x + cell_m / 2, first[0].y + cell_m / 2};
    u.centroid = geometry::centroid(u.geometry);
    perimeter_m.push_back(geometry::perimeter(u.geometry));
    units.add(u);
  }
  std::map<std::pair<model::UnitId, model::UnitId>, double> shared;
  auto at = [&](int r, int c) -> char {
    if (r < 0 || r >= height || c < 0 || c >= static_cast<int>(rows[r].size())) return '.';
    return rows[r][c];
  };
  for (int r = 0; r < height; ++r) {
    for (int c = 0; c < static_cast<int>(rows[r].size()); ++c) {
      const char a = at(r, c);
      if (a == '.' || a == ' ') continue;
      for (auto [dr, dc] : {std::pair{0, 1}, std::pair{1, 0}}) {
        const char b = at(r + dr, c + dc);
        if (b == '.' || b == ' ' || b == a) continue;
        auto ia = id(a), ib = id(b);
        if (ia > ib) std::swap(ia, ib);
        shared[{ia, ib}] += cell_m;
      }
    }
  }
  std::vector<graph::Edge> edges;
  for (const auto& [pair, length] : shared) edges.push_back({pair.first, pair.second, length});
  graph = graph::ContiguityGraph::from_edges(units.size(), edges);
}

model::UnitId GridCounty::id(char letter) const {
  const auto found = units.find(std::string(1, letter));
  if (!found) throw std::invalid_argument(std::string("no unit ") + letter);
  return *found;
}

model::Plan GridCounty::plan(const std::vector<std::string>& groups) const {
  model::Plan p;
  p.region_of.assign(units.size(), 0);
  for (model::RegionIndex r = 0; r < groups.size(); ++r) {
    p.region_ids.push_back("R" + std::to_string(r + 1));
    p.region_names.emplace_back();
    p.seat_of.emplace_back(id(groups[r][0]));
    for (char letter : groups[r]) p.region_of[id(letter)] = r;
  }
  return p;
}

}  // namespace quhua::test
