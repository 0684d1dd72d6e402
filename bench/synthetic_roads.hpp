// A deterministic synthetic county road network for the routing benchmarks: a jittered grid of
// junctions 250 m apart with a hierarchy of road classes (a 国道 every 32 lines, a 县道 every 8, a
// 乡道 every 4, 村道 between) and some village roads missing, as rural networks have; plus random
// villages and facilities inside it.
#pragma once

#include "quhua/graph/road_network_builder.hpp"
#include "quhua/util/random.hpp"

#include <vector>

namespace quhua::bench {

inline std::vector<graph::RoadLine> synthetic_county_roads(int side, std::uint64_t seed) {
  Rng rng(seed);
  const double spacing = 250;
  std::vector<model::Point> at(static_cast<std::size_t>(side) * side);
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c)
      at[r * side + c] = {c * spacing + rng.uniform(-60, 60), r * spacing + rng.uniform(-60, 60)};
  }
  auto road_class = [](int line) {
    if (line % 32 == 0) return "国道";
    if (line % 8 == 0) return "县道";
    if (line % 4 == 0) return "乡道";
    return "村道";
  };
  std::vector<graph::RoadLine> lines;
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      for (int dir = 0; dir < 2; ++dir) {
        const int r2 = r + dir, c2 = c + 1 - dir;
        if (r2 >= side || c2 >= side) continue;
        const int line = dir == 0 ? r : c;  // a horizontal edge lies on row r, a vertical one on column c
        const std::string cls = road_class(line);
        if (cls == "村道" && rng.uniform() < 0.15) continue;  // missing village roads
        graph::RoadLine l;
        const auto& a = at[r * side + c];
        const auto& b = at[r2 * side + c2];
        // a bend in the middle, as real roads have
        l.points = {a, {(a.x + b.x) / 2 + rng.uniform(-20, 20), (a.y + b.y) / 2 + rng.uniform(-20, 20)}, b};
        l.road_class = cls;
        if (cls == "村道" && rng.uniform() < 0.02) l.direction = model::Direction::forward;
        lines.push_back(std::move(l));
      }
    }
  }
  return lines;
}

inline std::vector<model::Point> random_points(std::size_t count, double extent_m, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<model::Point> out(count);
  for (auto& p : out) p = {rng.uniform(0, extent_m), rng.uniform(0, extent_m)};
  return out;
}

}  // namespace quhua::bench
