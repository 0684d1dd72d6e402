#include "support/grid_county.hpp"

#include <stdexcept>

#include "quhua/geometry/contiguity.hpp"
#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/util/strings.hpp"
#include "support/ascii_map.hpp"

namespace quhua::test {

GridCounty::GridCounty(const std::vector<std::string>& rows, const std::map<char, double>& population, double cell_m) {
  const AsciiLayer layer = ascii_layer(util::join(rows, "\n"), cell_m);
  for (std::size_t i = 0; i < layer.letters.size(); ++i) {
    const char letter = layer.letters[i];
    model::Unit u;
    u.code = std::string(1, letter);
    u.name = u.code + "镇";
    u.type = model::UnitType::town;
    u.parent_code = "P";
    if (const auto it = population.find(letter); it != population.end()) u.resident_population = it->second;
    u.geometry = layer.units[i];
    u.area_km2 = geometry::area(u.geometry) / 1e6;
    u.centroid = geometry::centroid(u.geometry);
    // Seat at the centre of the letter's first cell in reading order (north-west first).
    for (std::size_t r = 0; r < rows.size() && !u.seat; ++r) {
      const auto c = rows[r].find(letter);
      if (c != std::string::npos) {
        u.seat = model::Point{(static_cast<double>(c) + 0.5) * cell_m, (static_cast<double>(rows.size() - r) - 0.5) * cell_m};
      }
    }
    perimeter_m.push_back(geometry::perimeter(u.geometry));
    units.add(u);
  }
  graph = geometry::build_contiguity(layer.units).graph;
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
