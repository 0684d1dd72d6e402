// Spatial accessibility (可达性) of facilities from demand points (villages) over a demand x supply cost
// matrix (travel minutes, metres):
//  - two-step floating catchment area, 2SFCA (Luo & Wang 2003, "Measures of spatial accessibility to
//    health care in a GIS environment", Environment and Planning B 30: 865-884);
//  - enhanced 2SFCA with stepwise weights (Luo & Qi 2009, Health & Place 15: 1100-1107) or a Gaussian
//    decay inside the catchment (Dai 2010, Health & Place 16: 1038-1052);
//  - gravity access, plain (Hansen 1959) or with competition for supply (Joseph & Bantock 1982;
//    Shen 1998) -- the latter is the 2SFCA family with a power decay and no catchment;
//  - nearest-facility cost and the share of people within a radius or time.
// Pure: plain vectors in, vectors out.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace quhua::metrics {

/// A row-major view of demand x supply costs; +inf where a pair is unreachable.
struct CostView {
  std::span<const double> values;
  std::size_t rows = 0;  ///< demand points
  std::size_t cols = 0;  ///< facilities
  double operator()(std::size_t demand, std::size_t supply) const { return values[demand * cols + supply]; }
  /// Throws UsageError when values.size() != rows * cols.
  void validate() const;
};

enum class DecayKind {
  binary,       ///< weight 1 within the catchment, 0 beyond (classic 2SFCA)
  stepwise,     ///< weights by cost zones (E2SFCA)
  gaussian,     ///< (exp(-(d/d0)^2/2) - exp(-1/2)) / (1 - exp(-1/2)) within d0, 0 beyond (Dai 2010)
  power,        ///< d^-beta with d floored at min_cost, no catchment unless one is set (gravity)
  exponential,  ///< exp(-beta d), no catchment unless one is set
};

struct StepZone {
  double upper = 0;   ///< zone holds costs <= upper (and above the previous zone's upper)
  double weight = 1;  ///< weight of the zone, in [0, 1]
};

struct DistanceDecay {
  DecayKind kind = DecayKind::binary;
  double catchment = 0;         ///< d0; for power and exponential 0 means none
  std::vector<StepZone> steps;  ///< stepwise zones, by increasing upper; beyond the last: 0
  double beta = 1;              ///< power / exponential parameter
  double min_cost = 1;          ///< power: costs below this count as this (avoids d = 0)

  /// Weight of a pair at `cost` (+inf: 0).
  double weight(double cost) const;
  /// Throws UsageError naming the bad setting.
  void validate() const;
};

struct CatchmentResult {
  std::vector<double> supply_ratio;     ///< R_j = S_j / sum_k P_k W(d_kj) (0 where nobody is in reach)
  std::vector<double> accessibility;    ///< A_i = sum_j R_j W(d_ij)
  std::vector<double> demand_in_reach;  ///< per facility: sum_k P_k W(d_kj)
};

/// 2SFCA / E2SFCA / Gaussian 2SFCA / gravity with competition, by the decay. `population` per
/// demand point, `supply` per facility (doctors, beds, places). O(rows x cols).
CatchmentResult floating_catchment(const CostView& costs, std::span<const double> population,
                                   std::span<const double> supply, const DistanceDecay& decay);

/// Hansen's potential A_i = sum_j S_j W(d_ij), without competition for supply.
std::vector<double> potential_accessibility(const CostView& costs, std::span<const double> supply,
                                            const DistanceDecay& decay);

/// Per demand point: cost to the nearest facility (+inf when none is reachable).
std::vector<double> nearest_cost(const CostView& costs);

struct ShareWithin {
  double threshold = 0;
  double population_within = 0;
  double population_total = 0;
  double share = 0;  ///< population_within / population_total (0 when there is no population)
};
/// People whose nearest facility is within `threshold` (cost <= threshold).
ShareWithin share_within(std::span<const double> nearest, std::span<const double> population, double threshold);

/// Population-weighted mean of finite values (NaN when the finite ones weigh nothing).
double weighted_mean(std::span<const double> values, std::span<const double> weights);

}  // namespace quhua::metrics
