// Exact max-p / p-regions by mixed-integer programming (CBC through MipModel), to certify the planner
// on small instances (up to about 40 free units). Contiguity by flows (Shirabe 2005, 2009; the flow
// formulation of Duque, Anselin & Rey 2012): every member sends one unit of flow to its region's root
// along edges inside the region. The root of a region is its seat -- the member the seat rule picks --
// so the access objective (population-weighted distance to the seat) is linear.
//
// Two stages, as the planner ranks plans: (1) the ranking tiers as one integer -- units left in regions
// below a minimum, then the region count (most, or closest to the target), then the penalty (merged
// viable units, transfers); (2) for the access objective, the distance cost with stage 1's value fixed.
// Heterogeneity and compactness are not linear: for them only stage 1 is certified.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "quhua/algorithms/regionalize/instance.hpp"
#include "quhua/exact/mip_model.hpp"

namespace quhua::exact {

struct ExactPlanOptions {
  double time_limit_s = 60;     ///< both stages together
  std::size_t max_units = 40;   ///< larger free parts are not attempted (status no_solution, note says why)
  /// A known plan (region per block, as RegionalizeResult::block_region) to start CBC from.
  std::vector<std::uint32_t> start;
};

struct ExactPlanResult {
  bool attempted = false;        ///< false: too large (see note)
  MipStatus status = MipStatus::no_solution;  ///< of the last stage run
  bool tiers_optimal = false;    ///< stage 1 proven optimal
  bool objective_certified = false;  ///< stage 2 ran (access) and was proven optimal
  std::int64_t tier_value = 0;   ///< stage 1 objective (see regionalize_mip.cpp for its weights)
  double objective = std::numeric_limits<double>::quiet_NaN();  ///< stage 2 access cost (person·km), free part
  double bound = std::numeric_limits<double>::quiet_NaN();      ///< proven lower bound of that cost
  double gap = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::uint32_t> block_region;  ///< the MIP's plan (all blocks; fixed ones alone)
  double seconds = 0;
  std::int64_t nodes = 0;
  std::size_t variables = 0;
  std::size_t constraints = 0;
  std::string note;
};

/// Solves the instance's free part exactly (fixed blocks stay alone).
ExactPlanResult solve_exact(const algorithms::regionalize::SolverInstance& instance, const ExactPlanOptions& options);

/// The stage-1 tier value of a plan (same weights as the MIP), for comparing with the heuristic.
std::int64_t tier_value(const algorithms::regionalize::SolverInstance& instance,
                        const std::vector<std::uint32_t>& block_region);

}  // namespace quhua::exact
