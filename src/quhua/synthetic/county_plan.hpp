// The generator's working record of the county while it is being built: every village and township
// with its site, cell, type, name, code and people, in the order the sites were placed. The public
// SyntheticCounty (synthetic_county.hpp) is assembled from it at the end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/model/division_code.hpp"
#include "quhua/model/geometry.hpp"
#include "quhua/synthetic/partition.hpp"
#include "quhua/synthetic/settlements.hpp"
#include "quhua/synthetic/terrain.hpp"

namespace quhua::synthetic::detail {

struct VillagePlan {
  model::Point site;
  SiteKind kind = SiteKind::rural;
  std::uint32_t township = 0;
  bool community = false;  ///< 社区 (urban) rather than 行政村
  std::string name;
  std::string code;  ///< 12 digits
  double resident = 0;
  double registered = 0;
  double area_km2 = 0;
};

struct TownshipPlan {
  model::UnitType type = model::UnitType::township;
  std::uint32_t seat_site = 0;
  std::vector<std::uint32_t> villages;  ///< site indices, seat first, then by distance from the seat
  std::string name;
  std::string code;  ///< 12 digits
  double resident = 0;
  double registered = 0;
  double area_km2 = 0;
  double gdp_10k_yuan = 0;
  double fiscal_revenue_10k_yuan = 0;
  double built_up_area_km2 = 0;
};

struct CountyPlan {
  Terrain terrain;
  Settlements settlements;
  VillageCells cells;
  graph::ContiguityGraph village_graph;  ///< over site indices
  std::vector<VillagePlan> villages;     ///< parallel to settlements.sites
  std::vector<TownshipPlan> townships;   ///< [0] the county seat town, then subdistricts, then the rest
};

}  // namespace quhua::synthetic::detail
