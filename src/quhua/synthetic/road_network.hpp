// The synthetic county's roads: a national road along the main valley through the county seat, two
// provincial roads from the seat out through the biggest towns, county roads linking every township
// seat (a spanning tree plus shortcuts), and township and village roads reaching every village. Roads
// run from village seat to village seat along the cell adjacency, preferring valleys over ridges.
#pragma once

#include <cstdint>

#include "quhua/model/road.hpp"
#include "quhua/synthetic/county_plan.hpp"

namespace quhua::synthetic::detail {

/// Builds the network. Every village seat is a junction, every road ends on one (or on the county
/// outline where it leaves the county). Deterministic in `seed`.
model::RoadSet build_roads(const CountyPlan& plan, std::uint64_t seed);

}  // namespace quhua::synthetic::detail
