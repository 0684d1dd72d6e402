#include "quhua/exact/mip_model.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace quhua::exact {

TEST(MipModel, SolvesKnapsackToOptimality) {
  // max 10a + 13b + 7c + 8d  s.t.  4a + 6b + 3c + 5d <= 10, binary. Optimum 23 (b + c, or a + b).
  MipModel model;
  model.set_sense(Sense::maximize);
  const std::vector<double> value{10, 13, 7, 8}, weight{4, 6, 3, 5};
  std::vector<int> vars;
  for (double v : value) vars.push_back(model.add_variable(0, 1, v, VariableKind::binary));
  model.add_constraint(vars, weight, -k_infinity, 10);
  const auto result = model.solve();
  ASSERT_EQ(result.status, MipStatus::optimal);
  EXPECT_NEAR(result.objective, 23, 1e-6);
  EXPECT_NEAR(result.gap, 0, 1e-9);
  double used = 0;
  for (std::size_t i = 0; i < vars.size(); ++i) used += weight[i] * result.values[i];
  EXPECT_LE(used, 10 + 1e-9);
}

TEST(MipModel, ReportsInfeasibility) {
  MipModel model;
  const int x = model.add_variable(0, 1, 1, VariableKind::binary);
  const int y = model.add_variable(0, 1, 1, VariableKind::binary);
  const std::vector<int> vars{x, y};
  const std::vector<double> ones{1, 1};
  model.add_constraint(vars, ones, 3, k_infinity);
  EXPECT_EQ(model.solve().status, MipStatus::infeasible);
}

TEST(MipModel, SolvesPureLp) {
  // min x + y s.t. x + 2y >= 4, 3x + y >= 6 -> x = 1.6, y = 1.2, objective 2.8.
  MipModel model;
  const int x = model.add_variable(0, k_infinity, 1);
  const int y = model.add_variable(0, k_infinity, 1);
  const std::vector<int> vars{x, y};
  model.add_constraint(vars, std::vector<double>{1, 2}, 4, k_infinity);
  model.add_constraint(vars, std::vector<double>{3, 1}, 6, k_infinity);
  const auto result = model.solve();
  ASSERT_EQ(result.status, MipStatus::optimal);
  EXPECT_NEAR(result.objective, 2.8, 1e-7);
}

}  // namespace quhua::exact
