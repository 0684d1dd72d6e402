#include "support/county_map.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "quhua/util/random.hpp"

namespace quhua::test {

namespace rg = algorithms::regionalize;

namespace {

// Builds the problem from a grid of unit indices (-1: no unit), 1 km cells.
rg::PlanningProblem from_cells(const std::vector<std::vector<int>>& cells, std::size_t unit_count) {
  rg::PlanningProblem problem;
  problem.resize(unit_count);
  std::vector<double> sx(unit_count, 0), sy(unit_count, 0), count(unit_count, 0), perimeter(unit_count, 0);
  std::map<std::pair<int, int>, double> borders;
  const int height = static_cast<int>(cells.size());
  for (int y = 0; y < height; ++y) {
    const int width = static_cast<int>(cells[static_cast<std::size_t>(y)].size());
    for (int x = 0; x < width; ++x) {
      const int u = cells[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)];
      if (u < 0) continue;
      sx[static_cast<std::size_t>(u)] += x + 0.5;
      sy[static_cast<std::size_t>(u)] += -(y + 0.5);  // rows go south
      count[static_cast<std::size_t>(u)] += 1;
      const int dx[] = {1, -1, 0, 0};
      const int dy[] = {0, 0, 1, -1};
      for (int k = 0; k < 4; ++k) {
        const int nx = x + dx[k];
        const int ny = y + dy[k];
        int v = -1;
        if (ny >= 0 && ny < height && nx >= 0 && nx < static_cast<int>(cells[static_cast<std::size_t>(ny)].size())) {
          v = cells[static_cast<std::size_t>(ny)][static_cast<std::size_t>(nx)];
        }
        if (v == u) continue;
        perimeter[static_cast<std::size_t>(u)] += 1;
        if (v > u) borders[{u, v}] += 1;
      }
    }
  }
  std::vector<graph::Edge> edges;
  for (const auto& [pair, km] : borders) {
    edges.push_back({static_cast<graph::NodeId>(pair.first), static_cast<graph::NodeId>(pair.second), km * 1000.0});
  }
  problem.graph = graph::ContiguityGraph::from_edges(unit_count, edges);
  for (std::size_t u = 0; u < unit_count; ++u) {
    if (count[u] == 0) throw std::invalid_argument("county map: a unit has no cells");
    problem.area_km2[u] = count[u];
    problem.perimeter_m[u] = perimeter[u] * 1000.0;
    problem.x_m[u] = sx[u] / count[u] * 1000.0;
    problem.y_m[u] = sy[u] / count[u] * 1000.0;
    problem.types[u] = model::UnitType::township;
    problem.type_labels[u] = "乡";
  }
  return problem;
}

void set_type(rg::PlanningProblem& problem, std::size_t u, model::UnitType type) {
  problem.types[u] = type;
  problem.type_labels[u] = std::string(model::type_name_zh(type));
}

}  // namespace

rg::PlanningProblem county_map(std::string_view picture, const std::map<char, MapUnit>& units) {
  std::vector<std::vector<int>> cells;
  std::vector<char> letters;
  std::vector<int> index(256, -1);
  std::size_t start = 0;
  while (start <= picture.size()) {
    auto end = picture.find('\n', start);
    if (end == std::string_view::npos) end = picture.size();
    const auto line = picture.substr(start, end - start);
    std::vector<int> row;
    for (char c : line) {
      if (c == ' ' || c == '\t' || c == '\r') continue;
      if (c == '.') {
        row.push_back(-1);
        continue;
      }
      auto& i = index[static_cast<unsigned char>(c)];
      if (i < 0) {
        i = static_cast<int>(letters.size());
        letters.push_back(c);
      }
      row.push_back(i);
    }
    if (!row.empty()) cells.push_back(std::move(row));
    start = end + 1;
  }
  auto problem = from_cells(cells, letters.size());
  for (std::size_t u = 0; u < letters.size(); ++u) {
    problem.codes[u] = std::string(1, letters[u]);
    problem.names[u] = std::string(1, letters[u]);
    const auto it = units.find(letters[u]);
    if (it == units.end()) continue;
    problem.population[u] = it->second.population;
    set_type(problem, u, it->second.type);
    if (!it->second.parent.empty()) problem.parent[u] = problem.parent_index(it->second.parent);
  }
  return problem;
}

rg::PlanningProblem random_county(std::size_t unit_count, std::uint64_t seed, std::size_t parents) {
  Rng rng(seed);
  const int side = static_cast<int>(std::ceil(std::sqrt(6.0 * static_cast<double>(unit_count))));
  std::vector<std::vector<int>> cells(static_cast<std::size_t>(side), std::vector<int>(static_cast<std::size_t>(side), -1));
  std::vector<std::pair<int, int>> frontier;
  for (std::size_t u = 0; u < unit_count; ++u) {
    for (;;) {
      const int x = static_cast<int>(rng.below(static_cast<std::uint64_t>(side)));
      const int y = static_cast<int>(rng.below(static_cast<std::uint64_t>(side)));
      auto& cell = cells[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)];
      if (cell >= 0) continue;
      cell = static_cast<int>(u);
      frontier.emplace_back(x, y);
      break;
    }
  }
  // Random-order growth: take a random frontier cell, claim a free neighbour for its unit.
  while (!frontier.empty()) {
    const std::size_t i = rng.below(frontier.size());
    const auto [x, y] = frontier[i];
    const int dx[] = {1, -1, 0, 0};
    const int dy[] = {0, 0, 1, -1};
    std::vector<std::pair<int, int>> free;
    for (int k = 0; k < 4; ++k) {
      const int nx = x + dx[k];
      const int ny = y + dy[k];
      if (nx < 0 || ny < 0 || nx >= side || ny >= side) continue;
      if (cells[static_cast<std::size_t>(ny)][static_cast<std::size_t>(nx)] < 0) free.emplace_back(nx, ny);
    }
    if (free.empty()) {
      frontier[i] = frontier.back();
      frontier.pop_back();
      continue;
    }
    const auto [nx, ny] = free[rng.below(free.size())];
    cells[static_cast<std::size_t>(ny)][static_cast<std::size_t>(nx)] = cells[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)];
    frontier.emplace_back(nx, ny);
  }
  auto problem = from_cells(cells, unit_count);
  for (std::size_t u = 0; u < unit_count; ++u) {
    problem.codes[u] = "U" + std::to_string(1000 + u);
    problem.names[u] = problem.codes[u];
    problem.population[u] = std::round(rng.lognormal(std::log(8000.0), 0.8));
    if (rng.uniform() < 0.33) set_type(problem, u, model::UnitType::town);
    if (parents > 0) {
      const auto strip = static_cast<std::size_t>(problem.x_m[u] / 1000.0 / side * static_cast<double>(parents));
      problem.parent[u] = problem.parent_index("P" + std::to_string(std::min(strip, parents - 1)));
    }
  }
  return problem;
}

void add_travel_minutes(rg::PlanningProblem& problem, std::uint64_t seed, double cut_off_x_m) {
  Rng rng(seed);
  const std::size_t n = problem.size();
  problem.travel_minutes.assign(n * n, 0.0F);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b) continue;
      const double km = std::hypot(problem.x_m[a] - problem.x_m[b], problem.y_m[a] - problem.y_m[b]) / 1000.0;
      const bool across = (problem.x_m[a] >= cut_off_x_m) != (problem.x_m[b] >= cut_off_x_m);
      problem.travel_minutes[a * n + b] = across ? std::numeric_limits<float>::infinity()
                                                 : static_cast<float>(km * (1.2 + 0.6 * rng.uniform()) / 40.0 * 60.0);
    }
  }
}

}  // namespace quhua::test
