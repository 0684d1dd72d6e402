// What issues 17 and 18 found the CLI doing with inputs it should have refused or reported, each run as
// the user ran it on the generated county (and the real 新绛县 layer, which has no population):
// outputs written over inputs, rule limits that switched their rule off, missing populations read as
// 0, several population columns guessed between.
#include "support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace quhua {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string quhua(const std::string& args) { return std::string(QUHUA_BINARY) + " " + args; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A plain CSV (no quoted cells, as quhua writes codes, names and numbers) as header + rows.
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t column(const std::string& name) const {
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c] == name) return c;
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

Csv read_csv(const fs::path& path) {
  auto text = test::read_file(path);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // BOM
  EXPECT_EQ(text.find('"'), std::string::npos) << "quoted cells: this reader does not handle them";
  Csv csv;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (csv.header.empty()) {
      csv.header = split(line);
    } else {
      csv.rows.push_back(split(line));
    }
  }
  return csv;
}

void write_csv(const fs::path& path, const Csv& csv) {
  std::string text;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) text += (c ? "," : "") + cells[c];
    text += "\n";
  };
  line(csv.header);
  for (const auto& row : csv.rows) line(row);
  test::write_file(path, text);
}

/// Great-circle distance in km (the evaluation measures in a local projected CRS: within 1 %).
double km_between(double lon1, double lat1, double lon2, double lat2) {
  constexpr double k_rad = 3.14159265358979323846 / 180.0;
  const double dlat = (lat2 - lat1) * k_rad, dlon = (lon2 - lon1) * k_rad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * k_rad) * std::cos(lat2 * k_rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0088 * std::asin(std::sqrt(a));
}

/// A layer as `quhua units --out FILE.csv` writes it (codes, populations, seat_lon/seat_lat ...).
Csv exported(const fs::path& layer, const fs::path& csv) {
  const auto run = test::run_command(quhua("units --units " + layer.string() + " --out " + csv.string()));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return read_csv(csv);
}

class InputChecks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new test::TempDir();
    const auto generated = test::run_command(quhua("generate --no-preview --out " + county().string()));
    ASSERT_EQ(generated.exit_code, 0) << generated.output;
    const auto planned = test::run_command(
        quhua("plan --units " + townships() + " --min-pop 10000 --threads 1 --out " + plan_dir().string()));
    ASSERT_EQ(planned.exit_code, 0) << planned.output;
  }
  static void TearDownTestSuite() { delete dir; }
  static fs::path county() { return dir->path() / "county"; }
  static fs::path plan_dir() { return dir->path() / "pd"; }
  static std::string townships() { return (county() / "townships.geojson").string(); }
  static std::string plan_csv() { return (plan_dir() / "plan.csv").string(); }
  /// `evaluate` of the planner's plan with these villages; `e` receives its JSON output.
  static test::CommandResult evaluate_with_villages(const fs::path& villages, json& e) {
    const auto out = fs::path(villages).replace_extension(".json");
    const auto run = test::run_command(quhua("evaluate --units " + townships() + " --plan " + plan_csv() +
                                             " --villages " + villages.string() + " --out " + out.string()));
    if (run.exit_code == 0) e = json::parse(test::read_file(out));
    return run;
  }
  static test::TempDir* dir;
};
test::TempDir* InputChecks::dir = nullptr;

// ---- Outputs over inputs (issue 18) ----

TEST_F(InputChecks, EvaluateRefusesToWriteOverItsPlan) {
  const auto before = test::read_file(plan_csv());
  const auto run =
      test::run_command(quhua("evaluate --units " + townships() + " --plan " + plan_csv() + " --out " + plan_csv()));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(contains(run.output, "would overwrite an input")) << run.output;
  EXPECT_EQ(test::read_file(plan_csv()), before);
  // The same file by another spelling of its path is the same file.
  const std::string other = (plan_dir() / ".." / "pd" / "." / "plan.csv").string();
  EXPECT_EQ(test::run_command(quhua("evaluate --units " + townships() + " --plan " + plan_csv() + " --out " + other))
                .exit_code,
            2);
  EXPECT_EQ(test::read_file(plan_csv()), before);
}

TEST_F(InputChecks, PlanRefusesAnOutputFolderThatWouldReplaceItsInput) {
  const auto regions = plan_dir() / "regions.geojson";
  const auto before = test::read_file(regions);
  const auto run =
      test::run_command(quhua("plan --units " + regions.string() + " --regions 5 --out " + plan_dir().string()));
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_TRUE(contains(run.output, "regions.geojson")) << run.output;
  EXPECT_EQ(test::read_file(regions), before);
  // Writing beside the input in the same folder is fine (only the input itself is protected).
  const auto beside = test::run_command(
      quhua("plan --units " + townships() + " --regions 20 --threads 1 --exact off --out " + county().string()));
  EXPECT_EQ(beside.exit_code, 0) << beside.output;
  EXPECT_TRUE(fs::exists(county() / "plan.csv"));
}

TEST_F(InputChecks, UnitsNeverReplacesAGeoPackageItReadsOrOneHoldingOtherLayers) {
  test::TempDir work;
  const auto gpkg = work / "c.gpkg";
  fs::copy_file(county() / "county.gpkg", gpkg);
  const auto size = fs::file_size(gpkg);
  const auto self =
      test::run_command(quhua("units --units " + gpkg.string() + " --layer townships --out " + gpkg.string()));
  EXPECT_EQ(self.exit_code, 2) << self.output;
  EXPECT_EQ(fs::file_size(gpkg), size);
  // Not an input, but holding five layers of other data: refused without --overwrite, naming them.
  const auto other = test::run_command(quhua("units --units " + townships() + " --out " + gpkg.string()));
  EXPECT_EQ(other.exit_code, 2) << other.output;
  EXPECT_TRUE(contains(other.output, "--overwrite") && contains(other.output, "villages")) << other.output;
  EXPECT_EQ(fs::file_size(gpkg), size);
  const auto forced = test::run_command(quhua("units --units " + townships() + " --overwrite --out " + gpkg.string()));
  EXPECT_EQ(forced.exit_code, 0) << forced.output;
  // Its own output (layers units and seats) is replaced on a second run without a flag.
  const auto again = test::run_command(quhua("units --units " + townships() + " --out " + gpkg.string()));
  EXPECT_EQ(again.exit_code, 0) << again.output;
}

// ---- Rule limits (issue 18) ----

TEST_F(InputChecks, ALimitThatCannotHoldIsAUsageErrorInPlanAndEvaluate) {
  const std::vector<std::pair<std::string, std::string>> limits{
      {"--max-seat-km", "0"}, {"--max-seat-min", "0"}, {"--max-pop", "0"},      {"--max-pop", "-5"},
      {"--min-pop", "-5"},    {"--max-seat-km", "-1"}, {"--min-area-km2", "0"}, {"--max-area-km2", "-2"}};
  for (const auto& [flag, value] : limits) {
    const auto plan = test::run_command(quhua("plan --units " + townships() + " --regions 20 " + flag + " " + value +
                                              " --out " + (dir->path() / "never").string()));
    EXPECT_EQ(plan.exit_code, 2) << flag << " " << value << ": " << plan.output;
    EXPECT_TRUE(contains(plan.output, flag + " " + value)) << plan.output;
    const auto evaluate = test::run_command(
        quhua("evaluate --units " + townships() + " --plan " + plan_csv() + " " + flag + " " + value));
    EXPECT_EQ(evaluate.exit_code, 2) << flag << " " << value << ": " << evaluate.output;
    EXPECT_TRUE(contains(evaluate.output, flag)) << evaluate.output;
  }
  EXPECT_FALSE(fs::exists(dir->path() / "never"));
  const auto diagnose = test::run_command(quhua("diagnose --min-pop 0"));
  EXPECT_EQ(diagnose.exit_code, 2) << diagnose.output;
  EXPECT_TRUE(contains(diagnose.output, "--min-pop")) << diagnose.output;
  EXPECT_EQ(test::run_command(quhua("demo --min-pop -1 --out " + (dir->path() / "demo").string())).exit_code, 2);
}

TEST_F(InputChecks, RegionsAndLockTypesThatMakeNoSenseAreRefused) {
  const auto negative =
      test::run_command(quhua("plan --units " + townships() + " --regions -3 --out " + (dir->path() / "x").string()));
  EXPECT_EQ(negative.exit_code, 2) << negative.output;
  EXPECT_TRUE(contains(negative.output, "--regions -3")) << negative.output;
  EXPECT_FALSE(contains(negative.output, "18446744073709551613")) << negative.output;
  EXPECT_EQ(
      test::run_command(quhua("plan --units " + townships() + " --regions 0 --out " + (dir->path() / "x").string()))
          .exit_code,
      2);
  EXPECT_EQ(
      test::run_command(quhua("plan --units " + townships() + " --reduce 1.5 --out " + (dir->path() / "x").string()))
          .exit_code,
      2);

  const auto mars = test::run_command(quhua(
      "plan --units " + townships() + " --min-pop 10000 --lock-type 火星乡 --out " + (dir->path() / "x").string()));
  EXPECT_EQ(mars.exit_code, 2) << mars.output;
  EXPECT_TRUE(contains(mars.output, "火星乡") && contains(mars.output, "民族乡")) << mars.output;  // the types present
  // evaluate: a type the county does not have (苏木) locks nothing: refused too.
  const auto sumu =
      test::run_command(quhua("evaluate --units " + townships() + " --plan " + plan_csv() + " --lock-type 苏木"));
  EXPECT_EQ(sumu.exit_code, 2) << sumu.output;
  EXPECT_FALSE(fs::exists(dir->path() / "x"));
}

// ---- Missing population (issue 17) ----

class RealLayerWithoutPopulation : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::shared_data_available(k_layer)) GTEST_SKIP() << "no " << k_layer;
  }
  static std::string layer() { return test::shared_data(k_layer).string(); }
  static constexpr const char* k_layer =
      "townships-real/xinjiang_county_shanxi_140825/xinjiang_140825_townships.geojson";
  test::TempDir dir;
};

TEST_F(RealLayerWithoutPopulation, PlanRefusesToPlanMissingPopulationAsZero) {
  for (const std::string rule : {"--min-pop 30000", "--regions 6"}) {
    const auto run =
        test::run_command(quhua("plan --units " + layer() + " " + rule + " --out " + (dir / "p").string()));
    EXPECT_EQ(run.exit_code, 3) << rule << ": " << run.output;
    EXPECT_TRUE(contains(run.output, "9 / 9") && contains(run.output, "population")) << run.output;
    EXPECT_TRUE(contains(run.output, "横桥乡") || contains(run.output, "龙兴镇")) << run.output;  // units named
    EXPECT_TRUE(contains(run.output, "--missing-population zero")) << run.output;                 // the way out
    EXPECT_FALSE(contains(run.output, "has total population 0")) << run.output;
  }
  EXPECT_FALSE(fs::exists(dir / "p"));
  // The user says how to treat it: planned as 0, and told so.
  const auto zero = test::run_command(quhua(
      "plan --units " + layer() + " --regions 6 --missing-population zero --threads 1 --out " + (dir / "z").string()));
  ASSERT_EQ(zero.exit_code, 0) << zero.output;
  EXPECT_TRUE(contains(zero.output, "population_taken_as_zero")) << zero.output;
  const auto summary = json::parse(test::read_file(dir / "z" / "summary.json"));
  EXPECT_EQ(summary["options"]["missing_population"], "zero");
}

TEST_F(RealLayerWithoutPopulation, EvaluateRefusesAPopulationRuleItCannotCheck) {
  const auto planned = test::run_command(quhua(
      "plan --units " + layer() + " --regions 6 --missing-population zero --threads 1 --out " + (dir / "z").string()));
  ASSERT_EQ(planned.exit_code, 0) << planned.output;
  const std::string plan = (dir / "z" / "plan.csv").string();
  const auto refused = test::run_command(quhua("evaluate --units " + layer() + " --plan " + plan + " --min-pop 30000"));
  EXPECT_EQ(refused.exit_code, 3) << refused.output;
  EXPECT_TRUE(contains(refused.output, "--min-pop") && contains(refused.output, "9 / 9")) << refused.output;
  // Without a population rule the evaluation runs, and the new units' population is unknown, not 0.
  const auto out = dir / "e.json";
  const auto run =
      test::run_command(quhua("evaluate --units " + layer() + " --plan " + plan + " --out " + out.string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto e = json::parse(test::read_file(out));
  EXPECT_EQ(e["after"]["population"]["count"], 0);
  EXPECT_TRUE(e["after"]["population"]["sum"].is_null()) << e["after"]["population"].dump();
  for (const auto& region : e["regions"]) EXPECT_TRUE(region["population"].is_null()) << region.dump();
}

TEST_F(RealLayerWithoutPopulation, DiagnosePrintsBlanksNotZeros) {
  const auto json_path = dir / "d.json";
  const auto run = test::run_command(quhua("diagnose --units " + layer() + " --out " + json_path.string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto d = json::parse(test::read_file(json_path));
  EXPECT_EQ(d["overall"]["population"]["count"], 0);
  EXPECT_TRUE(d["overall"]["population"]["sum"].is_null()) << d["overall"].dump();
  EXPECT_TRUE(d["overall"]["under_population"].is_null()) << d["overall"].dump();
  // The tables (terminal, CSV, XLSX): population, density and the count under the threshold blank, area kept.
  const auto csv_path = dir / "d.csv";
  ASSERT_EQ(test::run_command(quhua("diagnose --units " + layer() + " --out " + csv_path.string())).exit_code, 0);
  const auto overview = read_csv(csv_path);
  ASSERT_FALSE(overview.rows.empty());
  for (const auto& row : overview.rows) {
    EXPECT_EQ(row[overview.column("population")], "") << test::read_file(csv_path);
    EXPECT_EQ(row[overview.column("density_per_km2")], "") << test::read_file(csv_path);
    EXPECT_NE(row[overview.column("area_km2")], "") << test::read_file(csv_path);
  }
  const auto population = read_csv(dir / "d.population.csv");
  for (const auto& row : population.rows) {
    EXPECT_EQ(row[population.column("count")], "0");
    EXPECT_EQ(row[population.column("under")], "") << test::read_file(dir / "d.population.csv");
  }
}

// ---- Missing weights (issue 18) ----

TEST_F(InputChecks, VillagesWithoutPopulationAreLeftOutOfWeightedDistancesNotWeighedAsZero) {
  test::TempDir work;
  const auto villages = exported(county() / "villages.geojson", work / "v.csv");
  // The same villages without their population columns.
  Csv bare;
  std::vector<std::size_t> keep;
  for (std::size_t c = 0; c < villages.header.size(); ++c) {
    if (!contains(villages.header[c], "population")) keep.push_back(c);
  }
  for (auto c : keep) bare.header.push_back(villages.header[c]);
  for (const auto& row : villages.rows) {
    std::vector<std::string> cells;
    for (auto c : keep) cells.push_back(c < row.size() ? row[c] : "");
    bare.rows.push_back(cells);
  }
  write_csv(work / "bare.csv", bare);
  json e;
  const auto run = evaluate_with_villages(work / "bare.csv", e);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(contains(run.output, "distance_unweighted")) << run.output;
  EXPECT_TRUE(e["before"]["weighted_mean_distance_km"].is_null()) << e["before"].dump();
  EXPECT_TRUE(e["after"]["weighted_mean_distance_km"].is_null()) << e["after"].dump();
  EXPECT_EQ(e["before"]["unweighted_members"], villages.rows.size());
  EXPECT_EQ(e["before"]["measured_population_share"], 0.0);
}

TEST_F(InputChecks, VillagesOfOneTownshipMeasureThatTownshipNotTheOthersAtZero) {
  test::TempDir work;
  const auto villages = exported(county() / "villages.geojson", work / "v.csv");
  const auto towns = exported(townships(), work / "t.csv");
  const std::string first = towns.rows.front()[towns.column("code")];
  Csv one{villages.header, {}};
  for (const auto& row : villages.rows) {
    if (row[villages.column("parent_code")] == first) one.rows.push_back(row);
  }
  ASSERT_FALSE(one.rows.empty());
  write_csv(work / "one.csv", one);
  // Independent figure: the population-weighted mean distance of those villages to their township's seat.
  const auto& seat_row = towns.rows.front();
  const double seat_lon = std::stod(seat_row[towns.column("seat_lon")]);
  const double seat_lat = std::stod(seat_row[towns.column("seat_lat")]);
  double weighted = 0, weight = 0;
  for (const auto& row : one.rows) {
    const double pop = std::stod(row[one.column("resident_population")]);
    weighted += pop * km_between(std::stod(row[one.column("seat_lon")]), std::stod(row[one.column("seat_lat")]),
                                 seat_lon, seat_lat);
    weight += pop;
  }
  const double expected = weighted / weight;
  json e;
  const auto run = evaluate_with_villages(work / "one.csv", e);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(contains(run.output, "units_without_villages")) << run.output;
  // Before: the other 29 townships are not measured at 0 km from themselves (that gave 0.05 km).
  EXPECT_NEAR(e["before"]["weighted_mean_distance_km"].get<double>(), expected, 0.02 * expected) << e["before"].dump();
  EXPECT_EQ(e["before"]["units_without_villages"], towns.rows.size() - 1);
  const double share = e["before"]["measured_population_share"].get<double>();
  EXPECT_GT(share, 0.0);
  EXPECT_LT(share, 0.2);
}

// ---- Several population columns (issue 18) ----

TEST_F(InputChecks, ASecondPopulationColumnIsNotGuessedBetween) {
  test::TempDir work;
  auto table = exported(townships(), work / "t.csv");
  table.header.push_back("人口");
  for (auto& row : table.rows) row.push_back("100");
  write_csv(work / "t2.csv", table);
  const auto run = test::run_command(quhua("units --units " + (work / "t2.csv").string()));
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_TRUE(contains(run.output, "population_field_ambiguous")) << run.output;
  EXPECT_TRUE(contains(run.output, "人口") && contains(run.output, "resident_population")) << run.output;
  // The user chooses: the quhua column, and the figures are the original ones.
  const auto chosen =
      test::run_command(quhua("units --units " + (work / "t2.csv").string() +
                              " --fields population=resident_population --out " + (work / "t3.csv").string()));
  ASSERT_EQ(chosen.exit_code, 0) << chosen.output;
  const auto again = read_csv(work / "t3.csv");
  double before = 0, after = 0;
  for (const auto& row : table.rows) before += std::stod(row[table.column("resident_population")]);
  for (const auto& row : again.rows) after += std::stod(row[again.column("resident_population")]);
  EXPECT_DOUBLE_EQ(after, before);
}

}  // namespace
}  // namespace quhua
