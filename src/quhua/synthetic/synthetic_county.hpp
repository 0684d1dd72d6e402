// generate_county: a deterministic, realistic synthetic Chinese county -- townships and villages with
// boundaries, seats, populations and indicators, a road network and public facilities -- so that every
// quhua job can run with no external data. What it makes and why: docs/synthetic-county.md.
#pragma once

#include <vector>

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/model/facility.hpp"
#include "quhua/model/road.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/synthetic/county_options.hpp"

namespace quhua::synthetic {

/// Names of the township indicators the generator fills (UnitTable::indicator_names()).
inline constexpr const char* k_gdp_indicator = "gdp_10k_yuan";                       ///< GDP, 万元
inline constexpr const char* k_fiscal_indicator = "fiscal_revenue_10k_yuan";         ///< 一般公共预算收入, 万元
inline constexpr const char* k_built_up_indicator = "built_up_area_km2";             ///< 建成区面积, km²

struct SyntheticCounty {
  CountyOptions options;
  /// The county itself: code <county_code>000000, outline, seat, population and indicator totals.
  model::Unit county;
  /// Township-level units in code order (街道 001.., 镇 101.., 乡 and 民族乡 201..), parent = county.
  /// Indicators: k_gdp_indicator, k_fiscal_indicator, k_built_up_indicator.
  model::UnitTable townships;
  /// Village-level units in code order, township by township (社区 001.., 村 201..), parent = township.
  model::UnitTable villages;
  /// Rook adjacency of the townships and of the villages (node = UnitId in the table), with shared
  /// border lengths in metres: what a contiguity builder must find on these polygons.
  graph::ContiguityGraph township_graph;
  graph::ContiguityGraph village_graph;
  model::RoadSet roads;
  std::vector<model::Facility> facilities;
  /// Rivers inside the county, the main river first (context for maps).
  std::vector<std::vector<model::Point>> rivers;
};

/// Generates the county. Same options (seed included) -> identical county, bit for bit.
/// Throws UsageError when the options are out of range or leave no room for the units asked for.
SyntheticCounty generate_county(const CountyOptions& options = {});

}  // namespace quhua::synthetic
