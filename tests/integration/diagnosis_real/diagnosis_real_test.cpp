// Diagnosis on real data in ../shared/data (skipped when absent): Sichuan's township-level units in the
// NBS code tables before and after the 2019-2020 township merger reform, and Sichuan's counties with
// their 2020 census population. Every figure is checked against a count made here by other means
// (plain line splitting, plain sums), not by the code under test.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "quhua/metrics/diagnosis.hpp"
#include "quhua/util/csv.hpp"
#include "support/test_support.hpp"

namespace quhua::metrics {
namespace {

std::string unquote(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

/// Township-level units of one province from an edition's streets.csv, through the CSV reader.
model::UnitTable township_table(const std::string& edition, const std::string& province) {
  const auto csv = util::read_csv(test::shared_data("nbs-division-codes/" + edition + "/streets.csv").string());
  const auto code = *csv.column("code"), name = *csv.column("name"), county = *csv.column("areaCode"), prov = *csv.column("provinceCode");
  model::UnitTable table;
  for (const auto& row : csv.rows) {
    if (row[prov] != province) continue;
    model::Unit u;
    u.code = model::pad_code(row[code]);
    u.name = row[name];
    u.level = model::UnitLevel::township;
    u.type = model::type_from_name(u.name) == model::UnitType::ethnic_township ? model::UnitType::ethnic_township
                                                                                 : model::township_type_from_code(u.code).value();
    u.parent_code = model::pad_code(row[county]);
    table.add(std::move(u));
  }
  return table;
}

/// Independent count: county code -> [街道, 镇, 乡 (民族乡 included), other] from raw lines.
std::map<std::string, std::array<int, 4>> count_by_line(const std::string& edition, const std::string& province) {
  std::ifstream in(test::shared_data("nbs-division-codes/" + edition + "/streets.csv"));
  std::map<std::string, std::array<int, 4>> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, ',');) f.push_back(unquote(x));
    if (f.size() < 5 || f[3] != province) continue;
    const int n = std::stoi(f[0].substr(6, 3));
    out[f[2]][n < 100 ? 0 : n < 200 ? 1 : n < 400 ? 2 : 3]++;
  }
  return out;
}

TEST(DiagnosisOnNbsCodes, TypeCountsPerCountyMatchARawCountBeforeAndAfterTheSichuanReform) {
  if (!test::shared_data_available("nbs-division-codes/2019/streets.csv") ||
      !test::shared_data_available("nbs-division-codes/2020/streets.csv")) {
    GTEST_SKIP() << "../shared/data/nbs-division-codes is absent";
  }
  std::map<std::string, std::size_t> totals;
  for (const std::string edition : {"2019", "2020"}) {
    const auto table = township_table(edition, "51");
    const auto result = diagnose(table, nullptr);
    const auto expected = count_by_line(edition, "51");
    ASSERT_EQ(result.parents.size(), expected.size()) << edition;
    for (const auto& g : result.parents) {
      const auto& e = expected.at(g.parent_code.substr(0, 6));
      const auto count = [&](model::UnitType t) { return static_cast<int>(g.type_counts[static_cast<std::size_t>(t)]); };
      EXPECT_EQ(count(model::UnitType::subdistrict), e[0]) << edition << " " << g.parent_code;
      EXPECT_EQ(count(model::UnitType::town), e[1]) << edition << " " << g.parent_code;
      EXPECT_EQ(count(model::UnitType::township) + count(model::UnitType::ethnic_township), e[2]) << edition << " " << g.parent_code;
      EXPECT_EQ(count(model::UnitType::township_zone), e[3]) << edition << " " << g.parent_code;
    }
    totals[edition] = result.overall.unit_count;
    // No populations, areas or seats in code tables: the findings say so instead of inventing them.
    EXPECT_EQ(result.findings.count_kind("population_missing"), 1u);
    EXPECT_EQ(result.findings.count_kind("seat_missing"), 1u);
    EXPECT_EQ(result.overall.under_population, 0u);
  }
  // The reform cut Sichuan's township-level units by about a quarter (4,346 -> 3,240 rows here).
  EXPECT_EQ(totals["2019"], 4346u);
  EXPECT_EQ(totals["2020"], 3240u);
}

TEST(DiagnosisOnCensus, SichuanCountiesPerPrefectureMatchPlainSums) {
  const std::string file = "china-county-census2020/sichuan_counties_2020census.geojson";
  if (!test::shared_data_available(file)) GTEST_SKIP() << "../shared/data/" << file << " is absent";
  const auto doc = nlohmann::json::parse(test::read_file(test::shared_data(file)));
  model::UnitTable table;
  std::map<std::string, std::pair<double, std::size_t>> population_by_prefecture;  // independent sums
  std::map<std::string, std::vector<double>> areas_by_prefecture;
  double total = 0;
  for (const auto& feature : doc["features"]) {
    const auto& p = feature["properties"];
    model::Unit u;
    u.code = model::pad_code(p["CODE"].get<std::string>());
    u.name = p["NAME"].get<std::string>();
    u.level = model::UnitLevel::county;
    u.type = model::UnitType::county;
    u.parent_code = model::parent_of_code(u.code);
    u.area_km2 = p["area_km2"].get<double>();
    if (p["POPU"].is_number()) u.resident_population = p["POPU"].get<double>();
    const std::string prefecture = u.parent_code;
    if (u.resident_population) {
      population_by_prefecture[prefecture].first += *u.resident_population;
      total += *u.resident_population;
    }
    ++population_by_prefecture[prefecture].second;
    areas_by_prefecture[prefecture].push_back(*u.area_km2);
    table.add(std::move(u));
  }
  DiagnosisOptions options;
  options.min_population = 100000;
  options.min_area_km2 = 1000;
  const auto result = diagnose(table, nullptr, options);
  EXPECT_EQ(result.overall.unit_count, 186u);
  EXPECT_NEAR(result.overall.population.sum, 83674866, 0.5);
  EXPECT_NEAR(total, 83674866, 0.5);
  ASSERT_EQ(result.parents.size(), population_by_prefecture.size());
  for (const auto& g : result.parents) {
    const auto& [sum, n] = population_by_prefecture.at(g.parent_code);
    EXPECT_EQ(g.unit_count, n) << g.parent_code;
    EXPECT_NEAR(g.population.sum, sum, 0.5) << g.parent_code;
    auto areas = areas_by_prefecture.at(g.parent_code);
    std::sort(areas.begin(), areas.end());
    const double median = areas.size() % 2 ? areas[areas.size() / 2] : (areas[areas.size() / 2 - 1] + areas[areas.size() / 2]) / 2;
    EXPECT_DOUBLE_EQ(g.area_km2.median, median) << g.parent_code;
    EXPECT_EQ(g.under_area, static_cast<std::size_t>(std::count_if(areas.begin(), areas.end(), [](double a) { return a < 1000; })));
  }
}

}  // namespace
}  // namespace quhua::metrics
