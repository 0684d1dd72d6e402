#include "support/test_support.hpp"

#include "quhua/service/keytowns.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace quhua::service {
namespace {

TEST(RankMethod, ParsesEveryCombinationAndRefusesOthers) {
  EXPECT_EQ(parse_rank_method("entropy-topsis").weights, WeightSource::entropy);
  EXPECT_EQ(parse_rank_method("AHP-TOPSIS").weights, WeightSource::ahp);
  EXPECT_EQ(parse_rank_method("weights-wsm").ranker, Ranker::weighted_sum);
  EXPECT_EQ(parse_rank_method("combined-topsis").weights, WeightSource::combined);
  EXPECT_EQ(rank_method_name(parse_rank_method("given-saw")), "weights-wsm");
  EXPECT_THROW(parse_rank_method("entropy"), UsageError);
  EXPECT_THROW(parse_rank_method("vikor-topsis"), UsageError);
}

struct Files {
  test::TempDir dir;
  std::string indicators = (dir / "i.csv").string();
  std::string ahp = (dir / "ahp.csv").string();
  Files() {
    test::write_file(indicators,
                     "code,name,pop,gdp,debt\nt1,一,30000,12,0.5\nt2,二,12000,30,0.2\nt3,三,45000,25,0.9\n");
    test::write_file(ahp, ",pop,gdp,debt\npop,1,2,4\ngdp,,1,2\ndebt,,,1\n");  // consistent: 4 : 2 : 1
  }
  RankRequest request(const std::string& method) const {
    RankRequest r;
    r.indicators_path = indicators;
    r.method = parse_rank_method(method);
    r.columns.directions = {{"debt", mcda::Direction::cost}};
    return r;
  }
};

TEST(RankKeytowns, AhpWeightsFollowTheMatrixLabelsAndCombineWithEntropy) {
  Files f;
  auto request = f.request("ahp-topsis");
  request.ahp_path = f.ahp;
  const auto ahp = rank_keytowns(request, RunControl{});
  EXPECT_NEAR(ahp.weights[0], 4.0 / 7, 1e-9);
  EXPECT_NEAR(ahp.weights[2], 1.0 / 7, 1e-9);
  EXPECT_NEAR(ahp.ahp->cr, 0.0, 1e-9);

  request.method = parse_rank_method("combined-topsis");
  request.alpha = 0.25;
  const auto combined = rank_keytowns(request, RunControl{});
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(combined.weights[j], 0.25 * ahp.weights[j] + 0.75 * combined.entropy->weights[j], 1e-12);
  }
  request.combination = Combination::multiplicative;
  const auto product = rank_keytowns(request, RunControl{});
  double sum = 0;
  for (std::size_t j = 0; j < 3; ++j) sum += ahp.weights[j] * product.entropy->weights[j];
  EXPECT_NEAR(product.weights[1], ahp.weights[1] * product.entropy->weights[1] / sum, 1e-12);
}

TEST(RankKeytowns, FlagsThatDoNotFitTheMethodAreRefused) {
  Files f;
  auto request = f.request("entropy-topsis");
  request.weights = {{"pop", 1}, {"gdp", 1}, {"debt", 1}};
  EXPECT_THROW(rank_keytowns(request, RunControl{}), UsageError);  // weights with entropy
  request = f.request("weights-wsm");
  EXPECT_THROW(rank_keytowns(request, RunControl{}), UsageError);  // no weights
  request.weights = {{"pop", 1}, {"gdp", 1}, {"debt", 1}};
  request.normalization = mcda::Normalization::vector;
  EXPECT_THROW(rank_keytowns(request, RunControl{}), UsageError);  // the weighted sum needs min-max
  request.normalization.reset();
  const auto wsm = rank_keytowns(request, RunControl{});
  EXPECT_EQ(wsm.normalization, mcda::Normalization::min_max);
  EXPECT_FALSE(wsm.topsis);
  // AHP labels must be the indicators.
  test::write_file(f.ahp, ",pop,gdp\npop,1,2\ngdp,,1\n");
  request = f.request("ahp-topsis");
  request.ahp_path = f.ahp;
  EXPECT_THROW(rank_keytowns(request, RunControl{}), InputError);
}

TEST(RankKeytowns, ScoreTableIsCodeScoreRankInRankOrder) {
  Files f;
  auto request = f.request("entropy-topsis");
  request.selection.k = 2;
  request.robustness_samples = 50;
  const auto result = rank_keytowns(request, RunControl{});
  const auto table = rank_score_table(result);
  ASSERT_EQ(table.columns.size(), 3u);
  EXPECT_EQ(table.columns[0].key, "code");
  EXPECT_EQ(table.columns[1].key, "score");
  EXPECT_EQ(table.columns[2].key, "rank");
  EXPECT_EQ(std::get<std::int64_t>(table.rows[0][2]), 1);
  const auto tables = rank_tables(result);
  ASSERT_EQ(tables.size(), 3u);  // ranking, weights, robustness
  EXPECT_TRUE(tables[0].column_index("p_selected"));
  EXPECT_TRUE(tables[0].column_index("rank_p95"));
}

TEST(AssessmentRules, JsonRoundTripAndStrictKeys) {
  const auto rules = parse_assessment_rules(
      R"({"warning_floor":0.85,"warning_years":2,"rectification_years":2,"missing_actual":"shortfall",)"
      R"("severe_to_rectification":false})",
      "rules.json");
  EXPECT_DOUBLE_EQ(rules.warning_floor, 0.85);
  EXPECT_TRUE(rules.missing_actual_is_shortfall);
  EXPECT_FALSE(rules.severe_to_rectification);
  const auto again = parse_assessment_rules(assessment_rules_json(rules), "x");
  EXPECT_EQ(again.warning_years, 2);
  EXPECT_EQ(again.rectification_years, 2);
  EXPECT_THROW(parse_assessment_rules(R"({"warning_flor":0.8})", "r"), InputError);
  EXPECT_THROW(parse_assessment_rules(R"({"warning_years":"two"})", "r"), InputError);
  EXPECT_THROW(parse_assessment_rules(R"({"rectification_years":0})", "r"), UsageError);
  EXPECT_THROW(parse_assessment_rules("[1]", "r"), InputError);
}

TEST(AssessKeytowns, EveryMissingFigureIsListedAndNothingIsStored) {
  test::TempDir dir;
  test::write_file(dir / "towns.csv", "code,name\nA,甲\nB,乙\nC,丙\n");
  test::write_file(dir / "targets.csv",
                   "code,indicator,year,target\nA,gdp,2024,10\nB,gdp,2024,10\nC,gdp,2024,10\n"
                   "A,residents,2024,100\n");
  test::write_file(dir / "actuals.csv", "code,gdp,residents\nA,12,\nB,11,\n");  // A residents and C gdp missing
  AssessRequest request;
  request.db_path = (dir / "k.sqlite").string();
  request.year = 2024;
  request.towns_path = (dir / "towns.csv").string();
  request.targets_path = (dir / "targets.csv").string();
  request.actuals_path = (dir / "actuals.csv").string();
  request.actor = "tester";
  try {
    assess_keytowns(request);
    FAIL();
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("2 target(s)"), std::string::npos) << message;
    EXPECT_NE(message.find("A residents"), std::string::npos) << message;
    EXPECT_NE(message.find("C gdp"), std::string::npos) << message;
  }
  KeytownHistoryRequest history;
  history.db_path = request.db_path;
  EXPECT_TRUE(keytown_history(history).towns.empty());  // the whole assessment rolled back

  request.rules.missing_actual_is_shortfall = true;
  const auto result = assess_keytowns(request);
  EXPECT_EQ(result.findings.count_kind("missing_actual"), 2u);
  ASSERT_EQ(result.outcomes.size(), 3u);
  EXPECT_EQ(result.outcomes[0].to, keytowns::TownStatus::rectification);  // A: residents 0 of 100
  EXPECT_EQ(result.outcomes[1].to, keytowns::TownStatus::on_track);       // B: gdp 11 >= 10
  history.audit = true;
  EXPECT_EQ(keytown_history(history).records.size(), 3u);
}

TEST(AssessKeytowns, TownsOrTargetsListedTwiceAreRefusedNamingTheRow) {
  // The second row would otherwise overwrite the first and be logged as a change nobody made.
  test::TempDir dir;
  test::write_file(dir / "actuals.csv", "code,gdp\nA,12\n");
  AssessRequest request;
  request.db_path = (dir / "k.sqlite").string();
  request.year = 2024;
  request.actuals_path = (dir / "actuals.csv").string();
  request.actor = "tester";
  const auto refused = [&](const std::string& what) {
    try {
      assess_keytowns(request);
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), ErrorCode::input_duplicate) << e.what();
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
      return;
    }
    ADD_FAILURE() << "accepted: " << what;
  };
  test::write_file(dir / "towns.csv", "code,name\nA,甲\nA,乙\n");
  request.towns_path = (dir / "towns.csv").string();
  refused("town listed twice: A");
  test::write_file(dir / "towns.csv", "code,name\nA,甲\n");
  test::write_file(dir / "targets.csv", "code,indicator,year,target\nA,gdp,2024,10\nA,gdp,2024,12\n");
  request.targets_path = (dir / "targets.csv").string();
  refused("target set twice for A, gdp, 2024");
}

TEST(FundKeytowns, TopKPerTownBoundsAndExactTotal) {
  test::TempDir dir;
  test::write_file(dir / "s.csv", "code,score,min_yuan,max_yuan\nT1,0.9,,100.50\nT2,0.5,,\nT3,0.4,450,\nT4,0.1,,\n");
  FundRequest request;
  request.scores_path = (dir / "s.csv").string();
  request.rules.budget_fen = 100000;  // 1,000.00 yuan
  request.top = 3;
  const auto result = fund_keytowns(request);
  ASSERT_EQ(result.codes, (std::vector<std::string>{"T1", "T2", "T3"}));
  EXPECT_EQ(result.allocation.allocation_fen[0], 10050);  // capped at 100.50 yuan
  EXPECT_EQ(result.allocation.allocation_fen[2], 45000);  // floored at 450 yuan (its share would be 359.60)
  EXPECT_EQ(result.allocation.allocation_fen[1], 44950);  // the rest
  EXPECT_EQ(std::accumulate(result.allocation.allocation_fen.begin(), result.allocation.allocation_fen.end(), 0LL),
            100000);
  test::write_file(dir / "bad.csv", "code,score,min_yuan\nT1,0.9,12.345\n");
  request.scores_path = (dir / "bad.csv").string();
  try {
    fund_keytowns(request);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().field, "min_yuan");
    EXPECT_EQ(e.context().feature, "line 2");
  }
}

}  // namespace
}  // namespace quhua::service
