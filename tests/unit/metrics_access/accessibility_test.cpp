#include "quhua/metrics/accessibility.hpp"

#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace quhua::metrics {
namespace {

// The hand-worked example. Two-step floating catchment area (Luo & Wang 2003, Environment and
// Planning B 30: 865-884): step 1, R_j = S_j / sum of P_k over villages within d0 of facility j;
// step 2, A_i = sum of R_j over facilities within d0 of village i.
//
//   villages: A 1000 people, B 500, C 2000; facilities: X 10 doctors, Y 5 doctors; d0 = 30 min
//   travel minutes     X    Y
//                A    10   40
//                B    25   20
//                C    50   15
// Step 1: X reaches A and B: R_X = 10 / (1000 + 500) = 0.0066667
//         Y reaches B and C: R_Y =  5 / (500 + 2000) = 0.002
// Step 2: A_A = R_X = 0.0066667;  A_B = R_X + R_Y = 0.0086667;  A_C = R_Y = 0.002
const std::vector<double> k_minutes{10, 40, 25, 20, 50, 15};
const std::vector<double> k_population{1000, 500, 2000};
const std::vector<double> k_doctors{10, 5};

TEST(FloatingCatchment, TwoStepMatchesTheHandWorkedExample) {
  DistanceDecay decay;
  decay.kind = DecayKind::binary;
  decay.catchment = 30;
  const auto r = floating_catchment({k_minutes, 3, 2}, k_population, k_doctors, decay);
  EXPECT_NEAR(r.supply_ratio[0], 10.0 / 1500, 1e-12);
  EXPECT_NEAR(r.supply_ratio[1], 5.0 / 2500, 1e-12);
  EXPECT_NEAR(r.accessibility[0], 10.0 / 1500, 1e-12);
  EXPECT_NEAR(r.accessibility[1], 10.0 / 1500 + 5.0 / 2500, 1e-12);
  EXPECT_NEAR(r.accessibility[2], 5.0 / 2500, 1e-12);
  // Supply is conserved: population-weighted accessibility adds up to the supply reached.
  double total = 0;
  for (int i = 0; i < 3; ++i) total += k_population[i] * r.accessibility[i];
  EXPECT_NEAR(total, 15, 1e-9);
}

// Enhanced 2SFCA (Luo & Qi 2009, Health & Place 15): zones 0-10, 10-20, 20-30 min weighted 1, 0.68,
// 0.22 in both steps.
//   X: A at 10 min (zone 1, w 1), B at 25 (zone 3, w 0.22): R_X = 10 / (1000 + 110) = 0.0090090
//   Y: B at 20 (zone 2, w 0.68), C at 15 (zone 2, w 0.68): R_Y = 5 / (340 + 1360) = 0.0029412
//   A_A = 1 x R_X = 0.0090090; A_B = 0.22 R_X + 0.68 R_Y = 0.0039820; A_C = 0.68 R_Y = 0.0020000
TEST(FloatingCatchment, EnhancedTwoStepMatchesTheHandWorkedExample) {
  DistanceDecay decay;
  decay.kind = DecayKind::stepwise;
  decay.steps = {{10, 1.0}, {20, 0.68}, {30, 0.22}};
  const auto r = floating_catchment({k_minutes, 3, 2}, k_population, k_doctors, decay);
  const double rx = 10.0 / 1110, ry = 5.0 / 1700;
  EXPECT_NEAR(r.supply_ratio[0], rx, 1e-12);
  EXPECT_NEAR(r.supply_ratio[1], ry, 1e-12);
  EXPECT_NEAR(r.accessibility[0], rx, 1e-12);
  EXPECT_NEAR(r.accessibility[1], 0.22 * rx + 0.68 * ry, 1e-12);
  EXPECT_NEAR(r.accessibility[2], 0.68 * ry, 1e-12);
}

TEST(DistanceDecay, GaussianIsOneAtZeroAndZeroAtTheCatchment) {
  DistanceDecay decay;
  decay.kind = DecayKind::gaussian;
  decay.catchment = 30;
  EXPECT_DOUBLE_EQ(decay.weight(0), 1);
  EXPECT_NEAR(decay.weight(30), 0, 1e-12);
  EXPECT_DOUBLE_EQ(decay.weight(31), 0);
  EXPECT_GT(decay.weight(10), decay.weight(20));
  EXPECT_DOUBLE_EQ(decay.weight(std::numeric_limits<double>::infinity()), 0);
}

TEST(Accessibility, GravityWithCompetitionIsTwoStepWithPowerDecay) {
  DistanceDecay decay;
  decay.kind = DecayKind::power;
  decay.beta = 1;
  const auto r = floating_catchment({k_minutes, 3, 2}, k_population, k_doctors, decay);
  const double vx = 1000.0 / 10 + 500.0 / 25 + 2000.0 / 50, vy = 1000.0 / 40 + 500.0 / 20 + 2000.0 / 15;
  EXPECT_NEAR(r.accessibility[0], 10 / 10.0 / vx + 5 / 40.0 / vy, 1e-12);
  const auto hansen = potential_accessibility({k_minutes, 3, 2}, k_doctors, decay);
  EXPECT_NEAR(hansen[0], 10 / 10.0 + 5 / 40.0, 1e-12);
}

TEST(Accessibility, NearestAndShareWithin) {
  const auto nearest = nearest_cost({k_minutes, 3, 2});
  EXPECT_EQ(nearest, (std::vector<double>{10, 20, 15}));
  const auto share = share_within(nearest, k_population, 15);
  EXPECT_DOUBLE_EQ(share.population_within, 3000);
  EXPECT_DOUBLE_EQ(share.share, 3000.0 / 3500);
  EXPECT_NEAR(weighted_mean(nearest, k_population), (10000.0 + 10000 + 30000) / 3500, 1e-12);
}

TEST(Accessibility, RejectsMismatchedSizes) {
  DistanceDecay decay;
  decay.catchment = 30;
  EXPECT_THROW(floating_catchment({k_minutes, 3, 2}, std::vector<double>{1, 2}, k_doctors, decay), UsageError);
  EXPECT_THROW(floating_catchment({k_minutes, 2, 2}, {}, {}, decay), UsageError);
  decay.catchment = 0;
  EXPECT_THROW(floating_catchment({k_minutes, 3, 2}, {}, {}, decay), UsageError);
}

}  // namespace
}  // namespace quhua::metrics
