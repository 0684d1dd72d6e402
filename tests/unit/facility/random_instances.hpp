// Small random location problems for the facility tests: points in a 10 km square, Euclidean costs
// (rounded to whole metres so objectives are integral), integer weights.
#pragma once

#include "quhua/algorithms/facility/location_problem.hpp"
#include "quhua/util/random.hpp"

#include <cmath>
#include <cstdint>

namespace quhua::algorithms::facility::testing {

inline LocationProblem random_problem(std::size_t demands, std::size_t candidates, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> dx(demands), dy(demands), cx(candidates), cy(candidates);
  for (std::size_t i = 0; i < demands; ++i) {
    dx[i] = rng.uniform(0, 10000);
    dy[i] = rng.uniform(0, 10000);
  }
  for (std::size_t j = 0; j < candidates; ++j) {
    cx[j] = rng.uniform(0, 10000);
    cy[j] = rng.uniform(0, 10000);
  }
  LocationProblem problem;
  problem.cost = CostMatrix(demands, candidates);
  for (std::size_t i = 0; i < demands; ++i) {
    for (std::size_t j = 0; j < candidates; ++j)
      problem.cost.at(i, j) = std::round(std::hypot(dx[i] - cx[j], dy[i] - cy[j]));
  }
  problem.weight.resize(demands);
  for (auto& w : problem.weight) w = static_cast<double>(1 + rng.below(20));
  return problem;
}

}  // namespace quhua::algorithms::facility::testing
