// `quhua evaluate` as a user runs it: on the generated county and on the real Sichuan layer, checking
// the JSON against an independent computation, the workbook against the JSON, and the report in a
// real browser.
#include <gdal.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace quhua {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string quhua(const std::string& args) { return std::string(QUHUA_BINARY) + " " + args; }

/// A generated county with a plan made by the planner, shared by the tests of this file.
class GeneratedCounty : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new test::TempDir();
    ASSERT_EQ(test::run_command(quhua("generate --no-preview --out " + (dir->path() / "county").string())).exit_code, 0);
    const auto planned = test::run_command(quhua("plan --units " + townships() + " --min-pop 10000 --within-parent" +
                                                 " --lock-type 民族乡 --threads 1 --out " + (dir->path() / "plan").string()));
    ASSERT_EQ(planned.exit_code, 0) << planned.output;
  }
  static void TearDownTestSuite() { delete dir; }
  static std::string townships() { return (dir->path() / "county" / "townships.geojson").string(); }
  static std::string plan_csv() { return (dir->path() / "plan" / "plan.csv").string(); }
  static test::TempDir* dir;
};
test::TempDir* GeneratedCounty::dir = nullptr;

TEST_F(GeneratedCounty, JsonKeepsItsDocumentedShapeAndAgreesWithThePlan) {
  const auto out = dir->path() / "e.json";
  const auto run = test::run_command(quhua("evaluate --units " + townships() + " --plan " + plan_csv() +
                                           " --min-pop 10000 --within-parent --lock-type 民族乡 --out " + out.string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto e = json::parse(test::read_file(out));
  EXPECT_EQ(e["before"]["units"], 30);
  // Independent count: the distinct regions of plan.csv.
  std::ifstream plan(plan_csv());
  std::string line;
  std::getline(plan, line);
  std::map<std::string, int> regions;
  while (std::getline(plan, line)) regions[line.substr(line.find(',') + 1, line.find(',', line.find(',') + 1) - line.find(',') - 1)]++;
  EXPECT_EQ(e["after"]["units"], regions.size());
  EXPECT_LE(e["after"]["population"]["min"].get<double>(), e["after"]["population"]["max"].get<double>());
  ASSERT_TRUE(e["rules"].is_array());
  for (const auto& rule : e["rules"]) {
    EXPECT_TRUE(rule.contains("rule") && rule.contains("pass") && rule.contains("offenders")) << rule.dump();
    EXPECT_TRUE(rule["pass"].get<bool>()) << rule.dump();  // the planner's plan keeps every rule
  }
  EXPECT_EQ(e["plans"].size(), 1u);
  EXPECT_DOUBLE_EQ(e["before"]["population"]["sum"].get<double>(), e["after"]["population"]["sum"].get<double>());
}

TEST_F(GeneratedCounty, WorkbookNumbersEqualTheJson) {
  const auto xlsx = dir->path() / "e.xlsx";
  const auto out = dir->path() / "e2.json";
  ASSERT_EQ(test::run_command(quhua("evaluate --units " + townships() + " --plan " + plan_csv() + " --min-pop 10000 --out " +
                                    xlsx.string() + " --out " + out.string()))
                .exit_code,
            0);
  const auto e = json::parse(test::read_file(out));
  GDALAllRegister();
  GDALDatasetH ds = GDALOpenEx(xlsx.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  ASSERT_NE(ds, nullptr);
  OGRLayerH sheet = GDALDatasetGetLayerByName(ds, "indicators");
  ASSERT_NE(sheet, nullptr);
  std::map<std::string, std::pair<double, double>> rows;  // key -> (before, after)
  OGR_L_ResetReading(sheet);
  while (OGRFeatureH f = OGR_L_GetNextFeature(sheet)) {
    rows[OGR_F_GetFieldAsString(f, 1)] = {OGR_F_GetFieldAsDouble(f, 2), OGR_F_GetFieldAsDouble(f, 3)};
    OGR_F_Destroy(f);
  }
  EXPECT_EQ(rows.at("units").second, e["after"]["units"].get<double>());
  EXPECT_DOUBLE_EQ(rows.at("population_min").second, e["after"]["population"]["min"].get<double>());
  EXPECT_DOUBLE_EQ(rows.at("population_max").second, e["after"]["population"]["max"].get<double>());
  EXPECT_NEAR(rows.at("weighted_mean_distance_km").second, e["after"]["weighted_mean_distance_km"].get<double>(), 1e-9);
  OGRLayerH crosswalk = GDALDatasetGetLayerByName(ds, "crosswalk");
  ASSERT_NE(crosswalk, nullptr);
  EXPECT_EQ(OGR_L_GetFeatureCount(crosswalk, TRUE), 30);  // one row per former township
  GDALClose(ds);
}

TEST_F(GeneratedCounty, ReportRendersInAHeadlessBrowser) {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "Debian chromium is not installed (scripts/install-deps.sh installs it)";
  const auto html = dir->path() / "report.html";
  ASSERT_EQ(test::run_command(quhua("evaluate --units " + townships() + " --plan " + plan_csv() +
                                    " --villages " + (dir->path() / "county" / "villages.geojson").string() +
                                    " --min-pop 10000 --out " + html.string()))
                .exit_code,
            0);
  const std::string flags = " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                            " --disable-background-networking --disable-component-update --disable-sync"
                            " --user-data-dir=" + (dir->path() / "chromium-profile").string();
  const auto png = dir->path() / "report.png";
  const auto shot = test::run_command("timeout 120 " + std::string(chromium) + flags + " --window-size=1280,2400 --enable-logging=stderr --v=0" +
                                      " --screenshot=" + png.string() + " file://" + html.string());
  ASSERT_TRUE(fs::exists(png)) << shot.output;
  EXPECT_GT(fs::file_size(png), 50'000u);  // maps and charts drawn, not a blank page
  EXPECT_EQ(shot.output.find("Uncaught"), std::string::npos) << shot.output;
  const auto dom = test::run_command("timeout 120 " + std::string(chromium) + flags + " --dump-dom file://" + html.string());
  EXPECT_NE(dom.output.find("乡镇行政区划调整前后对照表"), std::string::npos);
  std::size_t maps = 0;
  for (auto p = dom.output.find("class=\"map\""); p != std::string::npos; p = dom.output.find("class=\"map\"", p + 1)) ++maps;
  EXPECT_EQ(maps, 3u);
}

TEST_F(GeneratedCounty, HandMadePlanWithMistakesIsRefusedNamingTheRow) {
  const auto bad = dir->path() / "bad.csv";
  test::write_file(bad, "code,region\n519921101,A\n519921101,B\n");
  const auto run = test::run_command(quhua("evaluate --units " + townships() + " --plan " + bad.string()));
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.output.find("bad.csv"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("row 3"), std::string::npos) << run.output;
}

TEST(EvaluateRealData, SichuanCountiesMergedByPrefectureMatchAnIndependentSum) {
  const std::string layer = "china-county-census2020/sichuan_counties_2020census.geojson";
  if (!test::shared_data_available(layer)) GTEST_SKIP() << "../shared/data/" << layer << " is absent";
  test::TempDir dir;
  // The plan: every county into its prefecture (first four digits) -- a real, if coarse, layout.
  const auto source = json::parse(test::read_file(test::shared_data(layer)));
  std::map<std::string, double> prefecture_population;
  std::ofstream plan(dir / "plan.csv");
  plan << "code,region\n";
  for (const auto& feature : source["features"]) {
    const std::string code = feature["properties"]["CODE"].get<std::string>();
    const auto& pop = feature["properties"]["POPU"];
    prefecture_population[code.substr(0, 4)] += pop.is_number() ? pop.get<double>() : 0.0;
    plan << code << "," << code.substr(0, 4) << "\n";
  }
  plan.close();
  const auto out = dir / "e.json";
  const auto run = test::run_command(quhua("evaluate --units " + test::shared_data(layer).string() +
                                           " --fields code=CODE,name=NAME,population=POPU --snap-m 50 --plan " +
                                           (dir / "plan.csv").string() + " --out " + out.string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto e = json::parse(test::read_file(out));
  EXPECT_EQ(e["before"]["units"], 186);
  EXPECT_EQ(e["after"]["units"], prefecture_population.size());
  EXPECT_DOUBLE_EQ(e["after"]["population"]["sum"].get<double>(), 83674866.0);
  for (const auto& region : e["regions"]) {
    EXPECT_DOUBLE_EQ(region["population"].get<double>(), prefecture_population.at(region["region"].get<std::string>()))
        << region["region"];
  }
}

}  // namespace
}  // namespace quhua
