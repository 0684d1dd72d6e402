// Small builders shared by the MCDA tests: a decision matrix from rows written in the test body, and
// the published data sets the tests reproduce.
#pragma once

#include "quhua/algorithms/mcda/decision_matrix.hpp"

#include <string>
#include <vector>

namespace quhua::mcda::fixtures {

/// Alternatives A1..Am (codes "A1"...), indicators X1..Xn, all benefit unless listed in `cost`.
inline DecisionMatrix make_matrix(const std::vector<std::vector<double>>& rows,
                                  const std::vector<std::size_t>& cost = {},
                                  const std::vector<std::string>& parents = {}) {
  DecisionMatrix m;
  m.source = "test";
  const std::size_t n = rows.empty() ? 0 : rows.front().size();
  for (std::size_t j = 0; j < n; ++j) m.indicators.push_back({"X" + std::to_string(j + 1), Direction::benefit, ""});
  for (std::size_t j : cost) m.indicators[j].direction = Direction::cost;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    m.codes.push_back("A" + std::to_string(i + 1));
    m.names.emplace_back();
    m.parents.push_back(i < parents.size() ? parents[i] : std::string());
    m.source_rows.push_back(i + 2);
    m.values.insert(m.values.end(), rows[i].begin(), rows[i].end());
  }
  return m;
}

/// Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and Applications.
/// Springer (Lecture Notes in Economics and Mathematical Systems 186), pp. 133-134: the fighter
/// aircraft example. X1 max speed (Mach), X2 ferry range (NM), X3 max payload (lb), X4 acquisition
/// cost (10^6 $, the only cost attribute), X5 reliability, X6 maneuverability (ratings as numbers).
inline DecisionMatrix fighter_aircraft() {
  return make_matrix({{2.0, 1500, 20000, 5.5, 5, 9},
                      {2.5, 2700, 18000, 6.5, 3, 5},
                      {1.8, 2000, 21000, 4.5, 7, 7},
                      {2.2, 1800, 20000, 5.0, 5, 5}},
                     {3});
}

}  // namespace quhua::mcda::fixtures
