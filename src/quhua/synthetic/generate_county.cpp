// generate_county: runs the generator's stages in order -- terrain, settlements, village cells,
// townships, types, names and codes, people and indicators, roads, facilities -- and assembles the
// result into UnitTables and graphs. Each stage draws from its own random stream, so tuning one stage
// leaves the others' draws alone.
#include "quhua/synthetic/synthetic_county.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/synthetic/county_plan.hpp"
#include "quhua/synthetic/facilities.hpp"
#include "quhua/synthetic/partition.hpp"
#include "quhua/synthetic/place_names.hpp"
#include "quhua/synthetic/population.hpp"
#include "quhua/synthetic/road_network.hpp"
#include "quhua/synthetic/settlements.hpp"
#include "quhua/synthetic/terrain.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

namespace quhua::synthetic {
namespace {

using detail::CountyPlan;
using detail::SiteKind;
using model::UnitType;

constexpr double k_pi = 3.14159265358979323846;
constexpr std::size_t k_min_villages_per_township = 3;

/// Townships from the grown partition: members of each, seat first, then by distance from the seat.
void collect_townships(CountyPlan& plan, const std::vector<std::uint32_t>& owner) {
  const auto& sites = plan.settlements.sites;
  plan.townships.resize(plan.settlements.township_seats.size());
  plan.villages.resize(sites.size());
  for (std::uint32_t t = 0; t < plan.townships.size(); ++t) plan.townships[t].seat_site = plan.settlements.township_seats[t];
  for (std::uint32_t v = 0; v < sites.size(); ++v) {
    plan.villages[v].site = sites[v];
    plan.villages[v].kind = plan.settlements.kinds[v];
    plan.villages[v].township = owner[v];
    plan.townships[owner[v]].villages.push_back(v);
  }
  for (auto& town : plan.townships) {
    const model::Point seat = sites[town.seat_site];
    std::stable_sort(town.villages.begin(), town.villages.end(), [&](std::uint32_t a, std::uint32_t b) {
      if ((a == town.seat_site) != (b == town.seat_site)) return a == town.seat_site;
      return model::distance(sites[a], seat) < model::distance(sites[b], seat);
    });
  }
}

void assign_names(CountyPlan& plan, Rng& rng) {
  detail::NameBook book(rng);
  const auto& sites = plan.settlements.sites;
  const model::Point county_seat = sites[plan.townships[0].seat_site];
  int ethnic = 0;
  for (std::size_t t = 0; t < plan.townships.size(); ++t) {
    auto& town = plan.townships[t];
    auto& seat_village = plan.villages[town.seat_site];
    if (t == 0) {
      town.name = "城关镇";
      book.reserve(town.name);
      continue;  // its seat is a neighbourhood of the county seat, named below
    }
    switch (town.type) {
      case UnitType::subdistrict: {
        const model::Point p = sites[town.seat_site];
        const double angle = std::atan2(p.y - county_seat.y, p.x - county_seat.x);
        town.name = book.subdistrict_name(static_cast<int>(std::lround(angle / (k_pi / 2))));
        break;
      }
      case UnitType::town: {
        const std::string root = book.township_name("镇");
        town.name = root + "镇";
        seat_village.name = root + "社区";
        break;
      }
      case UnitType::ethnic_township: {
        const std::string suffix = ethnic++ % 2 == 0 ? "彝族乡" : "藏族乡";
        const std::string root = book.ethnic_township_name(suffix);
        town.name = root + suffix;
        seat_village.name = root + "村";
        break;
      }
      default: {
        const std::string root = book.township_name("乡");
        town.name = root + "乡";
        seat_village.name = root + "村";
        break;
      }
    }
    if (!seat_village.name.empty()) book.reserve(seat_village.name);
  }
  for (const auto& town : plan.townships) {
    for (const auto v : town.villages) {
      auto& village = plan.villages[v];
      if (!village.name.empty()) continue;
      if (village.community) {
        village.name = book.community_name();
        continue;
      }
      const double river = plan.terrain.river_distance_m.sample(village.site);
      const double height = plan.terrain.elevation(village.site);
      village.name = book.village_name(river < 700 ? detail::Landform::river
                                       : height > 900 ? detail::Landform::mountain
                                                      : detail::Landform::plain);
    }
  }
}

/// NBS-style codes: 街道 001.., 镇 101.. (城关镇 first), 乡 and 民族乡 201..; each group by distance from
/// the county seat. Villages: 社区 001.., 村 201.., in their township's order. Returns the township
/// indices in code order.
std::vector<std::uint32_t> assign_codes(const CountyOptions& options, CountyPlan& plan) {
  const auto& sites = plan.settlements.sites;
  const model::Point seat = sites[plan.townships[0].seat_site];
  const auto group = [](UnitType type) { return type == UnitType::subdistrict ? 0 : type == UnitType::town ? 1 : 2; };
  std::vector<std::uint32_t> order(plan.townships.size());
  for (std::uint32_t t = 0; t < order.size(); ++t) order[t] = t;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int ga = group(plan.townships[a].type), gb = group(plan.townships[b].type);
    if (ga != gb) return ga < gb;
    if ((a == 0) != (b == 0)) return a == 0;
    return model::distance(sites[plan.townships[a].seat_site], seat) < model::distance(sites[plan.townships[b].seat_site], seat);
  });
  int next[3] = {1, 101, 201};
  char digits[16];
  for (const auto t : order) {
    auto& town = plan.townships[t];
    std::snprintf(digits, sizeof digits, "%03d", next[group(town.type)]++);
    town.code = options.county_code + digits + "000";
    int community = 1, village = 201;
    for (const auto v : town.villages) {
      auto& unit = plan.villages[v];
      const int number = unit.community ? community++ : village++;
      if (community > 200 || village > 400) {
        throw UsageError("synthetic county: township " + town.name + " has more villages than NBS codes allow (199 社区, 200 村)");
      }
      std::snprintf(digits, sizeof digits, "%03d", number);
      unit.code = town.code.substr(0, 9) + digits;
    }
  }
  return order;
}

model::Unit make_unit(std::string code, std::string name, UnitType type, std::string parent, double resident,
                      double registered, model::Point seat, model::MultiPolygon shape, double area_km2) {
  model::Unit unit;
  unit.level = model::level_of_type(type);
  unit.type = type;
  unit.type_label = std::string(model::type_name_zh(type));
  unit.code = std::move(code);
  unit.name = std::move(name);
  unit.parent_code = std::move(parent);
  unit.resident_population = resident;
  unit.registered_population = registered;
  unit.area_km2 = area_km2;
  unit.seat = seat;
  unit.seat_source = model::SeatSource::given;
  unit.centroid = geometry::centroid(shape);
  unit.geometry = std::move(shape);
  unit.source_feature = "synthetic:" + unit.code;
  return unit;
}

}  // namespace

SyntheticCounty generate_county(const CountyOptions& options) {
  options.validate();
  const Rng root(options.seed);
  Rng terrain_rng = root.split(1), settlement_rng = root.split(2), partition_rng = root.split(3),
      name_rng = root.split(5), people_rng = root.split(6), indicator_rng = root.split(7), road_rng = root.split(8),
      facility_rng = root.split(9);

  CountyPlan plan;
  plan.terrain = detail::make_terrain(options, terrain_rng);
  plan.settlements = detail::place_settlements(options, plan.terrain, settlement_rng);
  const auto& sites = plan.settlements.sites;
  plan.cells = detail::build_village_cells(sites, plan.terrain.outline, partition_rng.next());
  plan.village_graph = graph::ContiguityGraph::from_edges(sites.size(), plan.cells.adjacency);

  // Townships grow from their seats; the county seat town and the subdistricts share the built-up area.
  // Subdistricts claim nothing beyond the built-up area (3.5 km of their seats in the default county).
  const std::size_t township_count = plan.settlements.township_seats.size();
  std::vector<double> reach(township_count), max_distance_m(township_count, std::numeric_limits<double>::infinity());
  for (std::size_t t = 0; t < township_count; ++t) {
    const bool subdistrict = t >= 1 && t <= static_cast<std::size_t>(options.subdistrict_count);
    reach[t] = t == 0 ? 0.8 : subdistrict ? 0.7 : partition_rng.uniform(0.7, 1.4);
    if (subdistrict) max_distance_m[t] = plan.settlements.urban_radius_m;
  }
  const auto owner = detail::grow_townships(sites, plan.village_graph, plan.settlements.township_seats, reach, max_distance_m,
                                            plan.terrain, k_min_villages_per_township);
  collect_townships(plan, owner);
  detail::assign_township_types(options, plan);
  for (std::uint32_t v = 0; v < plan.villages.size(); ++v) {
    const auto& town = plan.townships[plan.villages[v].township];
    plan.villages[v].community = detail::is_urban_core(plan.villages[v].kind) || (town.seat_site == v && town.type == UnitType::town);
    plan.villages[v].area_km2 = geometry::area(plan.cells.cells[v]) / 1e6;
  }
  for (auto& town : plan.townships) {
    for (const auto v : town.villages) town.area_km2 += plan.villages[v].area_km2;
  }
  assign_names(plan, name_rng);
  const auto order = assign_codes(options, plan);
  detail::assign_populations(options, plan, people_rng);
  detail::assign_indicators(plan, indicator_rng);

  // Assemble the tables in code order.
  SyntheticCounty out;
  out.options = options;
  const std::string county_code = options.county_code + "000000";
  std::vector<std::uint32_t> village_id(sites.size()), township_id(plan.townships.size());
  std::vector<model::MultiPolygon> township_shapes(plan.townships.size());
  for (const auto t : order) {
    const auto& town = plan.townships[t];
    std::vector<const model::MultiPolygon*> parts;
    std::vector<std::pair<std::string, std::uint32_t>> by_code;
    for (const auto v : town.villages) by_code.emplace_back(plan.villages[v].code, v);
    std::sort(by_code.begin(), by_code.end());
    for (const auto& [code, v] : by_code) {
      const auto& village = plan.villages[v];
      village_id[v] = out.villages.add(make_unit(village.code, village.name, village.community ? UnitType::community : UnitType::village,
                                                 town.code, village.resident, village.registered, village.site, plan.cells.cells[v],
                                                 village.area_km2));
      parts.push_back(&plan.cells.cells[v]);
    }
    township_shapes[t] = geometry::union_all(parts);
  }
  const std::size_t gdp = out.townships.add_indicator(k_gdp_indicator);
  const std::size_t fiscal = out.townships.add_indicator(k_fiscal_indicator);
  const std::size_t built = out.townships.add_indicator(k_built_up_indicator);
  double resident = 0, registered = 0, area_km2 = 0;
  std::vector<const model::MultiPolygon*> township_parts;
  for (const auto t : order) {
    const auto& town = plan.townships[t];
    township_id[t] = out.townships.add(make_unit(town.code, town.name, town.type, county_code, town.resident, town.registered,
                                                 sites[town.seat_site], township_shapes[t], town.area_km2));
    out.townships.set_indicator(gdp, township_id[t], town.gdp_10k_yuan);
    out.townships.set_indicator(fiscal, township_id[t], town.fiscal_revenue_10k_yuan);
    out.townships.set_indicator(built, township_id[t], town.built_up_area_km2);
    resident += town.resident;
    registered += town.registered;
    area_km2 += town.area_km2;
    township_parts.push_back(&township_shapes[t]);
  }
  out.county = make_unit(county_code, options.county_name, UnitType::county, options.county_code.substr(0, 4) + "00000000", resident,
                         registered, sites[plan.townships[0].seat_site], geometry::union_all(township_parts), area_km2);
  for (auto* table : {&out.townships, &out.villages}) {
    table->code_scheme = model::CodeScheme::nbs;
    table->crs = {options.crs, options.crs, true};
  }

  // Graphs over table ids: villages as built, townships from the village borders that cross them.
  std::vector<graph::Edge> village_edges, township_edges;
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> township_borders;
  for (const auto& e : plan.cells.adjacency) {
    village_edges.push_back({village_id[e.a], village_id[e.b], e.shared_border_m});
    const auto ta = township_id[owner[e.a]], tb = township_id[owner[e.b]];
    if (ta != tb) township_borders[{std::min(ta, tb), std::max(ta, tb)}] += e.shared_border_m;
  }
  for (const auto& [pair, length] : township_borders) township_edges.push_back({pair.first, pair.second, length});
  out.village_graph = graph::ContiguityGraph::from_edges(out.villages.size(), std::move(village_edges));
  out.township_graph = graph::ContiguityGraph::from_edges(out.townships.size(), std::move(township_edges));

  out.roads = detail::build_roads(plan, road_rng.next());
  out.facilities = detail::build_facilities(options, plan, facility_rng.next());
  for (const auto& river : plan.terrain.rivers) {
    for (auto& part : detail::clip_to_outline(river, plan.terrain)) out.rivers.push_back(std::move(part));
  }
  return out;
}

}  // namespace quhua::synthetic
