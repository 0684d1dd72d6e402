#include "quhua/algorithms/keytowns/funding.hpp"

#include "support/test_support.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace quhua::keytowns {
namespace {

std::vector<FundingRecipient> towns(const std::vector<double>& scores) {
  std::vector<FundingRecipient> out;
  for (std::size_t i = 0; i < scores.size(); ++i) out.push_back({"T" + std::to_string(i + 1), scores[i], {}, {}});
  return out;
}

Fen sum(const FundingResult& r) { return std::accumulate(r.allocation_fen.begin(), r.allocation_fen.end(), Fen{0}); }

TEST(ParseYuan, ExactFenWithoutFloatingPoint) {
  EXPECT_EQ(parse_yuan("68000000", "budget"), 6'800'000'000);
  EXPECT_EQ(parse_yuan("1,250.5", "budget"), 125'050);
  EXPECT_EQ(parse_yuan("0.01", "budget"), 1);
  EXPECT_EQ(parse_yuan(" 0.10 ", "budget"), 10);
  EXPECT_EQ(parse_yuan("12.", "budget"), 1200);
  EXPECT_THROW(parse_yuan("1.234", "budget"), UsageError);
  EXPECT_THROW(parse_yuan("-5", "budget"), UsageError);
  EXPECT_THROW(parse_yuan("5e6", "budget"), UsageError);
  EXPECT_THROW(parse_yuan("", "budget"), UsageError);
  EXPECT_EQ(format_yuan(6'800'000'000), "68000000.00");
  EXPECT_EQ(format_yuan(5), "0.05");
}

TEST(AllocateBudget, EqualScoresSplitByLargestRemainderInInputOrder) {
  const auto r = allocate_budget(towns({1, 1, 1}), {10'000, 0, {}});
  EXPECT_EQ(r.allocation_fen, (std::vector<Fen>{3334, 3333, 3333}));
  EXPECT_EQ(r.total_fen, 10'000);
}

TEST(AllocateBudget, ProportionalWhenNoBoundBinds) {
  // 1 : 2 : 7 of 1,000.00 yuan.
  const auto r = allocate_budget(towns({0.1, 0.2, 0.7}), {100'000, 0, {}});
  EXPECT_EQ(r.allocation_fen, (std::vector<Fen>{10'000, 20'000, 70'000}));
}

TEST(AllocateBudget, MaximumCapsAndTheRestIsRedistributed) {
  // 10 : 1 : 1 of 1000 fen would give 833.33 to T1; capped at 600, the rest 400 splits 1 : 1.
  const auto r = allocate_budget(towns({10, 1, 1}), {1000, 0, Fen{600}});
  EXPECT_EQ(r.allocation_fen, (std::vector<Fen>{600, 200, 200}));
  EXPECT_EQ(r.state[0], BoundState::at_max);
  EXPECT_EQ(r.state[1], BoundState::free);
}

TEST(AllocateBudget, MinimumFloorsAndTheRestIsShared) {
  // 10 : 1 : 1 of 1000 gives T2, T3 83.33 each, below the 300 floor; T1 keeps the remaining 400.
  const auto r = allocate_budget(towns({10, 1, 1}), {1000, 300, {}});
  EXPECT_EQ(r.allocation_fen, (std::vector<Fen>{400, 300, 300}));
  EXPECT_EQ(r.state[1], BoundState::at_min);
}

TEST(AllocateBudget, FloorsAndCapsTogetherNeedTheExactMultiplier) {
  // Scores 8 4 2 1 1, budget 10,000 fen, min 1,000, max 4,000. Proportional: 5000 2500 1250 625 625;
  // T1 capped at 4000, T4/T5 lifted to 1000; the free T2, T3 share 4000 as 2 : 1.
  const auto r = allocate_budget(towns({8, 4, 2, 1, 1}), {10'000, 1'000, Fen{4'000}});
  EXPECT_EQ(r.allocation_fen, (std::vector<Fen>{4000, 2667, 1333, 1000, 1000}));
  EXPECT_EQ(sum(r), 10'000);
}

TEST(AllocateBudget, PerTownBoundsOverrideTheCommonOnes) {
  auto recipients = towns({1, 1});
  recipients[1].max_fen = 100;
  const auto r = allocate_budget(recipients, {1000, 0, {}});
  EXPECT_EQ(r.allocation_fen, (std::vector<Fen>{900, 100}));
}

TEST(AllocateBudget, InfeasibleMinimumsAreRefusedWithTheFigures) {
  try {
    allocate_budget(towns({1, 2, 3, 4, 5, 6, 7}), {parse_yuan("6800000", "b"), parse_yuan("1000000", "m"), {}});
    FAIL();
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("infeasible"), std::string::npos);
    EXPECT_NE(message.find("7,000,000.00 yuan"), std::string::npos) << message;
    EXPECT_NE(message.find("6,800,000.00 yuan"), std::string::npos) << message;
  }
  EXPECT_THROW(allocate_budget(towns({1, 2}), {1000, 0, Fen{400}}), InputError);  // maximums too small
  auto bad = towns({1, 2});
  bad[0].min_fen = 500;
  bad[0].max_fen = 100;
  EXPECT_THROW(allocate_budget(bad, {1000, 0, {}}), InputError);
  EXPECT_THROW(allocate_budget(towns({1, -2}), {1000, 0, {}}), InputError);
  EXPECT_THROW(allocate_budget({}, {1000, 0, {}}), InputError);
}

TEST(AllocateBudget, ZeroScoresShareEquallyAndOnlyAfterTheScoredAreFull) {
  EXPECT_EQ(allocate_budget(towns({0, 0}), {101, 0, {}}).allocation_fen, (std::vector<Fen>{51, 50}));
  // T1 is capped at 350; the two zero-score towns share the remaining 650.
  EXPECT_EQ(allocate_budget(towns({5, 0, 0}), {1000, 0, Fen{350}}).allocation_fen, (std::vector<Fen>{350, 325, 325}));
  EXPECT_EQ(allocate_budget(towns({5, 0, 0}), {1000, 100, {}}).allocation_fen, (std::vector<Fen>{800, 100, 100}));
}

// The 68-million-yuan case of the key-town programme: 14 towns, floors and caps, exact to the fen.
TEST(AllocateBudget, SixtyEightMillionAmongFourteenTownsSumsExactly) {
  const std::vector<double> scores{0.81, 0.77, 0.74, 0.66, 0.61, 0.6, 0.52, 0.49, 0.45, 0.41, 0.33, 0.3, 0.21, 0.13};
  const FundingRules rules{parse_yuan("68000000", "budget"), parse_yuan("2000000", "min"),
                           parse_yuan("8000000", "max")};
  const auto r = allocate_budget(towns(scores), rules);
  EXPECT_EQ(sum(r), 6'800'000'000);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    EXPECT_GE(r.allocation_fen[i], 200'000'000);
    EXPECT_LE(r.allocation_fen[i], 800'000'000);
    if (i > 0) {
      EXPECT_LE(r.allocation_fen[i], r.allocation_fen[i - 1]);  // higher score, no less money
    }
  }
}

// Random instances: sum exact, bounds kept, and each free town within one fen of its exact quota.
TEST(AllocateBudget, RandomInstancesKeepEveryGuarantee) {
  Rng rng(test::test_seed());
  for (int instance = 0; instance < 300; ++instance) {
    const std::size_t m = 1 + rng.below(30);
    std::vector<FundingRecipient> recipients;
    Fen sum_lo = 0, sum_hi = 0;
    for (std::size_t i = 0; i < m; ++i) {
      FundingRecipient r{"T" + std::to_string(i), rng.below(4) == 0 ? 0.0 : rng.uniform(0, 1), {}, {}};
      const Fen lo = static_cast<Fen>(rng.below(1'000'000));
      const Fen hi = lo + static_cast<Fen>(rng.below(50'000'000));
      r.min_fen = lo;
      r.max_fen = hi;
      sum_lo += lo;
      sum_hi += hi;
      recipients.push_back(r);
    }
    const Fen budget = sum_lo + static_cast<Fen>(rng.uniform() * static_cast<double>(sum_hi - sum_lo));
    const auto r = allocate_budget(recipients, {budget, 0, {}});
    ASSERT_EQ(sum(r), budget) << instance;
    for (std::size_t i = 0; i < m; ++i) {
      ASSERT_GE(r.allocation_fen[i], *recipients[i].min_fen) << instance;
      ASSERT_LE(r.allocation_fen[i], *recipients[i].max_fen) << instance;
      if (r.state[i] == BoundState::free && recipients[i].score > 0) {
        // free towns get λ·w within one fen (w = 1e12 · s / max s)
        double max_score = 0;
        for (const auto& x : recipients) max_score = std::max(max_score, x.score);
        const double quota = r.lambda * std::round(recipients[i].score / max_score * 1e12);
        ASSERT_LE(std::abs(static_cast<double>(r.allocation_fen[i]) - quota), 1.0 + 1e-6 * quota) << instance;
      }
    }
  }
}

}  // namespace
}  // namespace quhua::keytowns
