// Test counties: drawn as ASCII maps (one character per 1 km × 1 km cell, one letter per unit) or
// generated at random, as planner inputs (algorithms::regionalize::PlanningProblem) with areas,
// perimeters, shared-border lengths and anchors derived from the cells.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "quhua/algorithms/regionalize/problem.hpp"
#include "quhua/model/division_code.hpp"

namespace quhua::test {

struct MapUnit {
  double population = 0;
  model::UnitType type = model::UnitType::township;  ///< 乡 by default; town = 镇
  std::string parent;                               ///< parent code; empty: none
};

/// Draws a county. Every non-blank, non-'.' character is a cell of the unit with that code; rows are
/// lines (leading blanks and blank lines ignored; cells may be separated by blanks). Units sharing a cell
/// edge are adjacent (rook) with 1 km of border per shared edge; area = cells (km²); perimeter = cell
/// edges on the unit's boundary; anchor = the mean of the unit's cell centres. Units missing from
/// `units` get population 0. Example:
///     county_map(R"(
///       A A B
///       A C B
///     )", {{'A', {5000}}, {'B', {12000, model::UnitType::town}}, {'C', {800}}});
algorithms::regionalize::PlanningProblem county_map(std::string_view picture, const std::map<char, MapUnit>& units);

/// A random county of `unit_count` units: a grid of about 6 cells per unit split among random sites by
/// a multi-source breadth-first growth in random order (every unit connected), log-normal populations
/// around 8,000, about a third of the units towns (镇), and `parents` parents as vertical strips.
algorithms::regionalize::PlanningProblem random_county(std::size_t unit_count, std::uint64_t seed,
                                                      std::size_t parents = 0);

/// Gives `problem` road travel minutes between its units' anchors: straight-line distance × a random
/// detour factor in [1.2, 1.8] at 40 km/h, drawn independently per direction (one-way roads make the
/// matrix asymmetric). Units with x >= `cut_off_x_m` lie beyond a river without a bridge: no route
/// between them and the rest (+infinity both ways). Deterministic in `seed`.
void add_travel_minutes(algorithms::regionalize::PlanningProblem& problem, std::uint64_t seed,
                        double cut_off_x_m = 1e300);

}  // namespace quhua::test
