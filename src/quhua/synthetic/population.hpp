// People and money in the synthetic county: township types from their land and size, village resident
// and registered populations (skewed, log-normal, with out-migration from the countryside to the county
// seat), and township indicators (GDP, fiscal revenue, built-up area) that follow population and type.
#pragma once

#include "quhua/synthetic/county_options.hpp"
#include "quhua/synthetic/county_plan.hpp"
#include "quhua/util/random.hpp"

namespace quhua::synthetic::detail {

/// Sets TownshipPlan::type: [0] 城关镇 (town), the subdistricts, then among the rest the most mountainous
/// become ethnic townships, the most populous-looking towns and the remainder 乡.
void assign_township_types(const CountyOptions& options, CountyPlan& plan);

/// Sets resident and registered populations of every village (and the township sums), scaled so the
/// county's resident population is options.population. Rural villages stay within 300-4,000 residents.
void assign_populations(const CountyOptions& options, CountyPlan& plan, Rng& rng);

/// Sets GDP, fiscal revenue and built-up area of every township from its population and type.
void assign_indicators(CountyPlan& plan, Rng& rng);

/// Limits of village populations, residents.
inline constexpr double k_min_village_population = 300;
inline constexpr double k_max_village_population = 4000;

}  // namespace quhua::synthetic::detail
