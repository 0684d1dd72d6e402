// `quhua generate` and `quhua diagnose` as a new user runs them: no data needed, same seed same bytes,
// readable reports, files in every format, usage errors with exit code 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace quhua {
namespace {

const std::string k_quhua = QUHUA_BINARY;

TEST(CliSynthetic, GenerateIsByteIdenticalForTheSameSeed) {
  test::TempDir dir;
  const auto a = test::run_command(k_quhua + " generate --out " + (dir / "a").string());
  ASSERT_EQ(a.exit_code, 0) << a.output;
  const auto b = test::run_command(k_quhua + " generate --seed 20240611 --out " + (dir / "b").string());
  ASSERT_EQ(b.exit_code, 0) << b.output;
  const auto c = test::run_command(k_quhua + " generate --seed 9 --no-preview --out " + (dir / "c").string());
  ASSERT_EQ(c.exit_code, 0) << c.output;
  for (const char* file : {"units.csv", "boundaries.csv", "roads.csv", "facilities.csv", "rivers.csv", "metadata.json", "preview.svg"}) {
    EXPECT_EQ(test::read_file(dir / "a" / file), test::read_file(dir / "b" / file)) << file;
  }
  EXPECT_NE(test::read_file(dir / "a" / "units.csv"), test::read_file(dir / "c" / "units.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "c" / "preview.svg"));
  EXPECT_NE(a.output.find("青岚县"), std::string::npos);
}

TEST(CliSynthetic, GenerateSizesAndBadOptions) {
  test::TempDir dir;
  const auto small = test::run_command(k_quhua + " generate --townships 10 --villages 60 --out " + (dir / "s").string());
  ASSERT_EQ(small.exit_code, 0) << small.output;
  const auto units = test::read_file(dir / "s" / "units.csv");
  EXPECT_EQ(std::count(units.begin(), units.end(), '\n'), 1 + 1 + 10 + 60);
  const auto bad = test::run_command(k_quhua + " generate --townships 10 --villages 20 --out " + (dir / "x").string());
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("villages"), std::string::npos);
  EXPECT_EQ(test::run_command(k_quhua + " generate").exit_code, 2);  // --out is required
}

TEST(CliSynthetic, DiagnoseWorksOutOfTheBox) {
  const auto zh = test::run_command(k_quhua + " diagnose");
  ASSERT_EQ(zh.exit_code, 0) << zh.output;
  for (const char* text : {"概况", "常住人口分布", "面积分布", "驻地密度与间距", "低于阈值的单位", "青岚县", "城关镇"}) {
    EXPECT_NE(zh.output.find(text), std::string::npos) << text;
  }
  const auto en = test::run_command(k_quhua + " diagnose --level village --lang en --limit 5");
  ASSERT_EQ(en.exit_code, 0) << en.output;
  EXPECT_NE(en.output.find("Overview"), std::string::npos);
  EXPECT_NE(en.output.find("the first 5 are listed"), std::string::npos);
}

TEST(CliSynthetic, DiagnoseWritesEveryFormat) {
  test::TempDir dir;
  for (const char* name : {"d.json", "d.csv", "d.xlsx", "d.txt"}) {
    const auto r = test::run_command(k_quhua + " diagnose --min-pop 8000 --min-area-km2 15 --out " + (dir / name).string());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(std::filesystem::exists(dir / name)) << name;
  }
  const auto j = nlohmann::json::parse(test::read_file(dir / "d.json"));
  EXPECT_EQ(j["thresholds"]["min_population"], 8000);
  EXPECT_EQ(j["thresholds"]["min_area_km2"], 15);
  for (const auto& unit : j["flagged"]) {
    EXPECT_TRUE(unit["population"].get<double>() < 8000 || unit["area_km2"].get<double>() < 15) << unit["name"];
  }
  const auto stdout_json = test::run_command(k_quhua + " diagnose --format json --population registered");
  ASSERT_EQ(stdout_json.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(stdout_json.output)["population_kind"], "registered");
}

TEST(CliSynthetic, DiagnoseUsageErrorsExitWithTwo) {
  for (const char* args : {"--level county", "--min-pop -5", "--population both", "--format xml", "--lang fr", "--out d.doc"}) {
    const auto r = test::run_command(k_quhua + " diagnose " + args);
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.output;
  }
}

TEST(CliSynthetic, DemoRunsTheWholeReformEndToEnd) {
  // The main job of README's first command: every step, every file, the figures consistent with each
  // other, and the same plan on a second run.
  test::TempDir dir;
  const auto run = test::run_command(k_quhua + " demo --out " + (dir / "a").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* step : {"生成示范县", "建立区划代码库", "现状诊断", "生成撤并方案", "方案评估", "便民服务中心可达性", "方案入库"}) {
    EXPECT_NE(run.output.find(step), std::string::npos) << step << " missing from\n" << run.output;
  }
  for (const char* file : {"quhua.sqlite", "diagnosis.xlsx", "diagnosis.json", "plan/plan.csv", "plan/summary.json",
                           "report.html", "evaluation.xlsx", "evaluation.json", "new_townships.geojson",
                           "services.xlsx", "services/villages.csv", "services/centres_before.csv",
                           "services/centres_after.csv"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / "a" / file)) << file;
  }
  const auto summary = nlohmann::json::parse(test::read_file(dir / "a" / "plan" / "summary.json"));
  EXPECT_TRUE(summary["hard_rules_hold"].get<bool>());
  EXPECT_EQ(summary["objective"]["cost_unit"], "minutes_by_road");
  const auto evaluation = nlohmann::json::parse(test::read_file(dir / "a" / "evaluation.json"));
  EXPECT_TRUE(evaluation["all_rules_pass"].get<bool>());
  EXPECT_EQ(evaluation["before"]["units"], 30);
  const auto after = evaluation["after"]["units"].get<std::size_t>();
  EXPECT_EQ(after, summary["counts"]["regions_after"].get<std::size_t>());
  EXPECT_LT(after, 30u);
  // One service centre per township before; after, only those at the new units' seats.
  const auto lines = [](const std::string& text) { return std::count(text.begin(), text.end(), '\n') - 1; };
  EXPECT_EQ(lines(test::read_file(dir / "a" / "services" / "centres_before.csv")), 30);
  EXPECT_EQ(static_cast<std::size_t>(lines(test::read_file(dir / "a" / "services" / "centres_after.csv"))), after);
  EXPECT_EQ(lines(test::read_file(dir / "a" / "services" / "villages.csv")), 400);

  const auto again = test::run_command(k_quhua + " demo --out " + (dir / "b").string());
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(test::read_file(dir / "a" / "plan" / "plan.csv"), test::read_file(dir / "b" / "plan" / "plan.csv"));
  EXPECT_EQ(test::read_file(dir / "a" / "services" / "centres_after.csv"),
            test::read_file(dir / "b" / "services" / "centres_after.csv"));
}

}  // namespace
}  // namespace quhua
