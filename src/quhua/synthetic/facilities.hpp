// The synthetic county's public facilities: a service centre and a health centre at every township
// seat, central primary schools and a few village schools, middle schools in the county seat and the
// big towns, nursing homes, village clinics -- with capacities and current use that show the usual
// picture: overcrowded classes (大班额) in the county seat, half-empty rural schools and nursing homes.
#pragma once

#include <cstdint>
#include <vector>

#include "quhua/model/facility.hpp"
#include "quhua/synthetic/county_options.hpp"
#include "quhua/synthetic/county_plan.hpp"

namespace quhua::synthetic::detail {

/// Facilities of the county; each lies inside the cell of the village whose code it carries.
/// Deterministic in `seed`. Needs names, codes and populations in `plan`.
std::vector<model::Facility> build_facilities(const CountyOptions& options, const CountyPlan& plan, std::uint64_t seed);

}  // namespace quhua::synthetic::detail
