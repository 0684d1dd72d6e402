// `quhua evaluate` as a user runs it: on the generated county and on the real Sichuan layer, checking
// the JSON against an independent computation, the workbook against the JSON, and the report in a
// real browser.
#include <gdal.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>

#include "quhua/io/spreadsheet_reader.hpp"
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
  // Sheets are named by their titles in the output language (zh by default); the title row above the
  // header is passed over by quhua's reader.
  const auto indicators = io::read_table(xlsx.string(), {"调整前后主要指标", {}});
  std::map<std::string, std::pair<double, double>> rows;  // key -> (before, after)
  for (const auto& row : indicators.rows) rows[row.at(1)] = {std::stod(row.at(2)), std::stod(row.at(3))};
  EXPECT_EQ(rows.at("units").second, e["after"]["units"].get<double>());
  EXPECT_DOUBLE_EQ(rows.at("population_min").second, e["after"]["population"]["min"].get<double>());
  EXPECT_DOUBLE_EQ(rows.at("population_max").second, e["after"]["population"]["max"].get<double>());
  EXPECT_NEAR(rows.at("weighted_mean_distance_km").second, e["after"]["weighted_mean_distance_km"].get<double>(), 1e-9);
  const auto crosswalk = io::read_table(xlsx.string(), {"乡镇行政区划调整前后对照表", {}});
  EXPECT_EQ(crosswalk.rows.size(), 30u);  // one row per former township
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

TEST_F(GeneratedCounty, RoadTravelTimesAgreeAcrossPlanEvaluateAndTheAccessMatrix) {
  // The county's own roads (each road's speed and one-way flag) give travel times to the planner and to
  // the evaluation; `quhua access matrix` between the township seats is the independent computation.
  const std::string roads = " --network " + (dir->path() / "county" / "county.gpkg").string() +
                            " --network-layer roads --speed-field speed_kmh --oneway-field one_way";
  const auto plan_dir = dir->path() / "plan_road";
  const auto planned = test::run_command(quhua("plan --units " + townships() + roads + " --min-pop 10000" +
                                               " --within-parent --lock-type 民族乡 --max-seat-min 25 --threads 1 --out " +
                                               plan_dir.string()));
  ASSERT_EQ(planned.exit_code, 0) << planned.output;
  const auto summary = json::parse(test::read_file(plan_dir / "summary.json"));
  EXPECT_EQ(summary["objective"]["cost_unit"], "minutes_by_road");
  EXPECT_GT(summary["travel"]["network_nodes"].get<int>(), 100);
  EXPECT_EQ(summary["travel"]["reach_groups"], 1);
  const double plan_max = summary["objective"]["terms"]["max_seat_minutes"].get<double>();
  EXPECT_GT(plan_max, 0.0);
  EXPECT_LE(plan_max, 25.0);

  const auto out = dir->path() / "e_road.json";
  const auto run = test::run_command(quhua("evaluate --units " + townships() + roads + " --plan " +
                                           (plan_dir / "plan.csv").string() +
                                           " --min-pop 10000 --within-parent --lock-type 民族乡 --max-seat-min 25 --out " +
                                           out.string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto e = json::parse(test::read_file(out));
  const double mean_min = e["after"]["weighted_mean_travel_min"].get<double>();
  const double max_min = e["after"]["max_travel_min"].get<double>();
  EXPECT_NEAR(mean_min, summary["objective"]["terms"]["mean_access_min"].get<double>(), 1e-6 * (1 + mean_min));
  EXPECT_NEAR(max_min, plan_max, 1e-6 * (1 + max_min));
  bool checked = false;
  for (const auto& rule : e["rules"]) {
    if (rule["rule"] != "max_seat_minutes") continue;
    checked = true;
    EXPECT_TRUE(rule["pass"].get<bool>()) << rule.dump();
  }
  EXPECT_TRUE(checked) << "no max_seat_minutes rule in " << e["rules"].dump();

  // Independent: seat-to-seat minutes from `access matrix`, weighted by hand with the plan's seats.
  const auto source = json::parse(test::read_file(townships()));
  std::map<std::string, double> population;
  std::ofstream seats(dir->path() / "seats.csv");
  seats << std::setprecision(17) << "id,lon,lat\n";
  for (const auto& feature : source["features"]) {
    const auto& p = feature["properties"];
    population[p["code"].get<std::string>()] = p["resident_population"].get<double>();
    seats << p["code"].get<std::string>() << "," << p["seat_lon"].get<double>() << "," << p["seat_lat"].get<double>() << "\n";
  }
  seats.close();
  const auto matrix_csv = dir->path() / "m.csv";
  const auto matrix = test::run_command(quhua("access matrix --network " + (dir->path() / "county" / "county.gpkg").string() +
                                              " --layer roads --speed-field speed_kmh --oneway-field one_way --from " +
                                              (dir->path() / "seats.csv").string() + " --to " +
                                              (dir->path() / "seats.csv").string() + " --out " + matrix_csv.string()));
  ASSERT_EQ(matrix.exit_code, 0) << matrix.output;
  std::map<std::pair<std::string, std::string>, double> minutes;
  {
    std::ifstream in(matrix_csv);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto a = line.find(','), b = line.find(',', a + 1);
      minutes[{line.substr(0, a), line.substr(a + 1, b - a - 1)}] = std::stod(line.substr(b + 1));
    }
  }
  std::ifstream plan(plan_dir / "plan.csv");
  std::string line;
  std::getline(plan, line);
  double weighted = 0, total = 0, worst = 0;
  while (std::getline(plan, line)) {
    const std::string code = line.substr(0, line.find(','));
    const std::string seat = line.substr(line.rfind(',') + 1);
    const double m = code == seat ? 0.0 : minutes.at({code, seat});
    weighted += population.at(code) * m;
    total += population.at(code);
    worst = std::max(worst, m);
  }
  // The matrix CSV carries minutes to 0.01.
  EXPECT_NEAR(mean_min, weighted / total, 0.006);
  EXPECT_NEAR(max_min, worst, 0.006);

  // The same plan under a tighter limit fails, naming the far units.
  const auto tight = test::run_command(quhua("evaluate --units " + townships() + roads + " --plan " +
                                             (plan_dir / "plan.csv").string() + " --max-seat-min 5 --out " +
                                             (dir->path() / "e_tight.json").string()));
  ASSERT_EQ(tight.exit_code, 0) << tight.output;
  const auto tight_json = json::parse(test::read_file(dir->path() / "e_tight.json"));
  bool tight_checked = false;
  for (const auto& rule : tight_json["rules"]) {
    if (rule["rule"] != "max_seat_minutes") continue;
    tight_checked = true;
    EXPECT_FALSE(rule["pass"].get<bool>());
    ASSERT_FALSE(rule["offenders"].empty());
    for (const auto& code : rule["offenders"]) EXPECT_TRUE(population.count(code.get<std::string>())) << code;
  }
  EXPECT_TRUE(tight_checked);
}

TEST_F(GeneratedCounty, TwoPlansWithTheSameFileNameKeepApartInTheWorkbook) {
  // Planners name every file plan.csv: the labels take the folder, so sheets and columns stay distinct.
  for (const char* folder : {"option_a", "option_b"}) {
    fs::create_directories(dir->path() / folder);
    fs::copy_file(plan_csv(), dir->path() / folder / "plan.csv", fs::copy_options::overwrite_existing);
  }
  const auto out = dir->path() / "two";
  const auto run = test::run_command(quhua("evaluate --units " + townships() + " --plan " +
                                           (dir->path() / "option_a" / "plan.csv").string() + " --plan " +
                                           (dir->path() / "option_b" / "plan.csv").string() + " --out " +
                                           out.string() + ".xlsx --out " + out.string() + ".json"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto e = json::parse(test::read_file(out.string() + ".json"));
  ASSERT_EQ(e["plans"].size(), 2u);
  EXPECT_EQ(e["plans"][0]["label"], "option_a_plan");
  EXPECT_EQ(e["plans"][1]["label"], "option_b_plan");
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
