#include "quhua/algorithms/mcda/selection.hpp"

#include "support/test_support.hpp"

#include "quhua/algorithms/mcda/scoring.hpp"
#include "quhua/exact/mip_model.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/random.hpp"

#include <gtest/gtest.h>

#include <map>

namespace quhua::mcda {
namespace {

SelectionResult pick(const SelectionRules& rules, const std::vector<std::string>& codes,
                     const std::vector<std::string>& parents, const std::vector<double>& scores) {
  return select_top_k(rules, codes, parents, scores, order_by_score(scores, codes));
}

//   county P: a .9  b .8  c .7        county Q: d .6  e .5        no county: f .4
const std::vector<std::string> k_codes{"a", "b", "c", "d", "e", "f"};
const std::vector<std::string> k_parents{"P", "P", "P", "Q", "Q", ""};
const std::vector<double> k_scores{0.9, 0.8, 0.7, 0.6, 0.5, 0.4};

TEST(SelectTopK, WithoutRulesTakesTheKBest) {
  const auto r = pick({3, 0, {}, {}}, k_codes, k_parents, k_scores);
  EXPECT_EQ(r.selected, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_NEAR(r.total_score, 2.4, 1e-12);
}

TEST(SelectTopK, AtMostNPerParentSkipsToTheNextCounty) {
  const auto r = pick({3, 1, {}, {}}, k_codes, k_parents, k_scores);
  EXPECT_EQ(r.selected, (std::vector<std::size_t>{0, 3, 5}));  // a (P), d (Q), f (no county)
}

TEST(SelectTopK, IncludesComeFirstAndCountAgainstTheirCounty) {
  const auto r = pick({3, 2, {"e"}, {"a"}}, k_codes, k_parents, k_scores);
  EXPECT_EQ(r.selected, (std::vector<std::size_t>{4, 1, 2}));  // e forced; a excluded; b, c (P has room for 2)
  EXPECT_TRUE(r.is_forced[4]);
}

TEST(SelectTopK, ReportsShortfallAsAnAnswer) {
  const auto r = pick({5, 1, {}, {"f"}}, k_codes, k_parents, k_scores);
  EXPECT_EQ(r.selected.size(), 2u);
  EXPECT_EQ(r.shortfall, 3u);
  EXPECT_EQ(r.findings.count_kind("selection_shortfall"), 1u);
}

TEST(SelectTopK, RefusesContradictoryRulesNamingCodes) {
  EXPECT_THROW(pick({2, 0, {"zz"}, {}}, k_codes, k_parents, k_scores), UsageError);
  EXPECT_THROW(pick({2, 0, {"a"}, {"a"}}, k_codes, k_parents, k_scores), UsageError);
  EXPECT_THROW(pick({1, 0, {"a", "b"}, {}}, k_codes, k_parents, k_scores), UsageError);
  try {
    pick({3, 1, {"a", "b"}, {}}, k_codes, k_parents, k_scores);
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("parent P"), std::string::npos) << e.what();
  }
}

// The greedy is exact on this matroid; check it against CBC on random instances: maximise the number
// picked first (up to K), then the total score.
TEST(SelectTopK, MatchesMipOptimumOnRandomInstances) {
  Rng rng(quhua::test::test_seed());
  for (int instance = 0; instance < 60; ++instance) {
    const std::size_t m = 4 + rng.below(20);
    std::vector<std::string> codes, parents;
    std::vector<double> scores;
    for (std::size_t i = 0; i < m; ++i) {
      codes.push_back("t" + std::to_string(100 + i));
      const auto p = rng.below(5);
      parents.push_back(p == 4 ? "" : "p" + std::to_string(p));
      scores.push_back(static_cast<double>(rng.below(1000)) / 1000.0);  // ties happen
    }
    SelectionRules rules;
    rules.k = 1 + rng.below(m);
    rules.max_per_parent = rng.below(4);
    std::map<std::string, std::size_t> forced_per_parent;
    for (std::size_t i = 0; i < m; ++i) {
      const auto roll = rng.below(10);
      if (roll == 0 && rules.include.size() < rules.k &&
          (rules.max_per_parent == 0 || parents[i].empty() || forced_per_parent[parents[i]] < rules.max_per_parent)) {
        rules.include.push_back(codes[i]);
        ++forced_per_parent[parents[i]];
      } else if (roll == 1) {
        rules.exclude.push_back(codes[i]);
      }
    }
    const auto greedy = pick(rules, codes, parents, scores);

    exact::MipModel model;
    model.set_sense(exact::Sense::maximize);
    std::vector<int> x;
    for (std::size_t i = 0; i < m; ++i) {
      const bool forced = std::find(rules.include.begin(), rules.include.end(), codes[i]) != rules.include.end();
      const bool banned = std::find(rules.exclude.begin(), rules.exclude.end(), codes[i]) != rules.exclude.end();
      x.push_back(model.add_variable(forced ? 1 : 0, banned ? 0 : 1, 10.0 + scores[i], exact::VariableKind::binary));
    }
    std::vector<double> ones(m, 1.0);
    model.add_constraint(x, ones, 0, static_cast<double>(rules.k));
    if (rules.max_per_parent > 0) {
      std::map<std::string, std::vector<int>> blocks;
      for (std::size_t i = 0; i < m; ++i) {
        if (!parents[i].empty()) blocks[parents[i]].push_back(x[i]);
      }
      for (const auto& [parent, vars] : blocks) {
        model.add_constraint(vars, std::vector<double>(vars.size(), 1.0), 0, static_cast<double>(rules.max_per_parent));
      }
    }
    const auto mip = model.solve();
    ASSERT_EQ(mip.status, exact::MipStatus::optimal) << instance;
    double mip_count = 0;
    for (double v : mip.values) mip_count += v;
    EXPECT_NEAR(static_cast<double>(greedy.selected.size()), mip_count, 1e-6) << instance;
    EXPECT_NEAR(greedy.total_score + 10.0 * static_cast<double>(greedy.selected.size()), mip.objective, 1e-6)
        << instance;
  }
}

}  // namespace
}  // namespace quhua::mcda
