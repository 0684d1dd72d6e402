// Drives `quhua keytowns rank|assess|history|fund` as a user would: files in, exit codes, stdout.
#include "support/test_support.hpp"

#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/io/table_writer.hpp"
#include "quhua/util/csv.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <vector>

namespace quhua {
namespace {

const std::string k_quhua = QUHUA_BINARY;

// Hwang & Yoon's fighter aircraft (1981, pp. 133-134) as an indicators file; "cost" is the cost attribute.
const char* k_fighters =
    "code,name,speed,range,payload,cost,reliability,maneuver\n"
    "A1,Fighter 1,2.0,1500,20000,5.5,5,9\n"
    "A2,Fighter 2,2.5,2700,18000,6.5,3,5\n"
    "A3,Fighter 3,1.8,2000,21000,4.5,7,7\n"
    "A4,Fighter 4,2.2,1800,20000,5.0,5,5\n";

std::string quote(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

TEST(KeytownsCli, RankCsvIsExactlyCodeScoreRank) {
  test::TempDir dir;
  test::write_file(dir / "f.csv", k_fighters);
  const auto r = test::run_command(k_quhua + " keytowns rank --indicators " + quote(dir / "f.csv") +
                                   " --method weights-topsis --directions cost=- --format csv"
                                   " --weights speed=0.2,range=0.1,payload=0.1,cost=0.1,reliability=0.2,maneuver=0.3");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Hwang & Yoon's closeness .643 .268 .613 .312 -> A1 > A3 > A4 > A2.
  EXPECT_EQ(r.output,
            "code,score,rank\n"
            "A1,0.643277,1\n"
            "A3,0.613542,2\n"
            "A4,0.312291,3\n"
            "A2,0.268384,4\n");
}

TEST(KeytownsCli, RankFromAUnitLayerEqualsRankFromItsTable) {
  // --units reads the towns (--types 镇) of a layer with their resident population, area and indicator
  // fields; the same figures written out as an --indicators table must rank identically.
  test::TempDir dir;
  ASSERT_EQ(test::run_command(k_quhua + " generate --no-preview --out " + quote(dir / "county")).exit_code, 0);
  const auto layer = nlohmann::json::parse(test::read_file(dir / "county" / "townships.geojson"));
  std::ostringstream table;
  table << std::setprecision(17)
        << "code,name,resident_population,area_km2,gdp_10k_yuan,fiscal_revenue_10k_yuan,built_up_area_km2\n";
  int towns = 0;
  for (const auto& feature : layer["features"]) {
    const auto& p = feature["properties"];
    if (p["type_zh"] != "镇") continue;
    ++towns;
    table << p["code"].get<std::string>() << "," << p["name"].get<std::string>() << ","
          << p["resident_population"].get<double>() << "," << p["area_km2"].get<double>() << ","
          << p["gdp_10k_yuan"].get<double>() << "," << p["fiscal_revenue_10k_yuan"].get<double>() << ","
          << p["built_up_area_km2"].get<double>() << "\n";
  }
  ASSERT_GT(towns, 10);
  test::write_file(dir / "towns.csv", table.str());
  const auto from_table = test::run_command(k_quhua + " keytowns rank --indicators " + quote(dir / "towns.csv") +
                                            " --method entropy-topsis --format csv");
  ASSERT_EQ(from_table.exit_code, 0) << from_table.output;
  // The import's notes go to stderr; stdout is the CSV alone.
  const auto from_units =
      test::run_command("{ " + k_quhua + " keytowns rank --units " + quote(dir / "county" / "townships.geojson") +
                        " --types 镇 --method entropy-topsis --format csv 2>/dev/null; }");
  ASSERT_EQ(from_units.exit_code, 0) << from_units.output;
  // Same order; scores equal to the printed precision but for the area, which the layer rounds and
  // the import measures on the geometry (a relative difference below 1e-5).
  const auto rows = [](const std::string& csv) {
    std::vector<std::pair<std::string, double>> out;
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto a = line.find(','), b = line.rfind(',');
      out.emplace_back(line.substr(0, a) + "#" + line.substr(b + 1), std::stod(line.substr(a + 1, b - a - 1)));
    }
    return out;
  };
  const auto by_units = rows(from_units.output), by_table = rows(from_table.output);
  ASSERT_EQ(by_units.size(), static_cast<std::size_t>(towns));
  ASSERT_EQ(by_table.size(), by_units.size());
  for (std::size_t i = 0; i < by_units.size(); ++i) {
    EXPECT_EQ(by_units[i].first, by_table[i].first) << "rank " << i + 1;
    EXPECT_NEAR(by_units[i].second, by_table[i].second, 1e-5) << by_units[i].first;
  }

  const auto both = test::run_command(k_quhua + " keytowns rank --units " + quote(dir / "county" / "townships.geojson") +
                                      " --indicators " + quote(dir / "towns.csv"));
  EXPECT_EQ(both.exit_code, 2) << both.output;
  const auto no_type = test::run_command(k_quhua + " keytowns rank --units " +
                                         quote(dir / "county" / "townships.geojson") + " --types 苏木");
  EXPECT_EQ(no_type.exit_code, 2) << no_type.output;
  EXPECT_NE(no_type.output.find("--types"), std::string::npos) << no_type.output;
}

TEST(KeytownsCli, RankReadsXlsxAndWritesEveryFormat) {
  test::TempDir dir;
  util::ReportTable input;
  input.name = "indicators";
  input.columns = {{"code", "code", "code"}, {"pop", "pop", "pop"}, {"gdp", "gdp", "gdp"}};
  input.add_row({std::string("t1"), 30000.0, 12.0});
  input.add_row({std::string("t2"), 12000.0, 30.0});
  input.add_row({std::string("t3"), 45000.0, 25.0});
  io::write_tables(dir / "in.xlsx", {input}, util::Language::en);
  for (const std::string ext : {"xlsx", "json", "csv", "txt"}) {
    const auto out = dir / ("out." + ext);
    const auto r = test::run_command(k_quhua + " keytowns rank --indicators " + quote(dir / "in.xlsx") +
                                     " --method entropy-wsm --top 2 --out " + quote(out) + " --format json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(std::filesystem::exists(out)) << ext;
  }
  const auto ranking = io::read_table((dir / "out.xlsx").string());
  ASSERT_EQ(ranking.rows.size(), 3u);
  EXPECT_EQ(ranking.header[0], "排名");  // --lang defaults to zh
  EXPECT_EQ(ranking.rows[0][1], "t3");   // best on both scales after min-max: 45000 and 25 of 30
}

TEST(KeytownsCli, InconsistentAhpIsRefusedWithTheCr) {
  test::TempDir dir;
  test::write_file(dir / "f.csv", "code,a,b,c\nx,1,2,3\ny,3,1,2\nz,2,3,1\n");
  // a > b (3), b > c (3), but c > a (3): a cycle.
  test::write_file(dir / "ahp.csv", ",a,b,c\na,1,3,1/3\nb,,1,3\nc,,,1\n");
  const auto r = test::run_command(k_quhua + " keytowns rank --indicators " + quote(dir / "f.csv") +
                                   " --method ahp-topsis --ahp " + quote(dir / "ahp.csv"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("not consistent enough: CR = "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("ahp.csv"), std::string::npos) << r.output;
}

TEST(KeytownsCli, MissingValueNamesRowAndColumn) {
  test::TempDir dir;
  test::write_file(dir / "f.csv", "code,pop,gdp\nt1,100,5\nt2,,6\n");
  const auto r = test::run_command(k_quhua + " keytowns rank --indicators " + quote(dir / "f.csv"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("line 3 (t2), field pop"), std::string::npos) << r.output;
}

TEST(KeytownsCli, UsageErrorsExitTwo) {
  test::TempDir dir;
  test::write_file(dir / "f.csv", k_fighters);
  const std::string base = k_quhua + " keytowns rank --indicators " + quote(dir / "f.csv");
  EXPECT_EQ(test::run_command(base + " --method best-guess").exit_code, 2);
  EXPECT_EQ(test::run_command(base + " --method ahp-topsis").exit_code, 2);  // no --ahp
  EXPECT_EQ(test::run_command(base + " --directions speed=up").exit_code, 2);
  EXPECT_EQ(test::run_command(base + " --top 1 --include A1,A2").exit_code, 2);
}

TEST(KeytownsCli, AssessOverYearsKeepsTheHistory) {
  test::TempDir dir;
  const auto db = dir / "k.sqlite";
  test::write_file(dir / "towns.csv", "code,name,parent\nT1,甲镇,C1\nT2,乙镇,C1\n");
  test::write_file(dir / "targets.csv",
                   "code,indicator,year,target\nT1,resident_population,2024,26000\nT2,resident_population,2024,26000\n"
                   "T1,resident_population,2025,28000\nT2,resident_population,2025,28000\n");
  test::write_file(dir / "a2024.csv", "code,resident_population\nT1,25000\nT2,27000\n");
  test::write_file(dir / "a2025.csv",
                   "code,indicator,value,year\nT1,resident_population,29000,2025\n"
                   "T2,resident_population,20000,2025\n");
  const std::string assess = k_quhua + " keytowns assess --db " + quote(db) + " --actor tester --lang en";
  auto r = test::run_command(assess + " --year 2024 --towns " + quote(dir / "towns.csv") + " --targets " +
                             quote(dir / "targets.csv") + " --actuals " + quote(dir / "a2024.csv") + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("T1,甲镇,0.961538,on_track,warning,warned"), std::string::npos) << r.output;
  r = test::run_command(assess + " --year 2025 --actuals " + quote(dir / "a2025.csv") + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("T1,甲镇,1,warning,on_track,recovered"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("T2,乙镇,0.714286,on_track,rectification,rectification_ordered,2026"), std::string::npos)
      << r.output;
  // The same year again is refused, and nothing changes.
  EXPECT_EQ(test::run_command(assess + " --year 2025 --actuals " + quote(dir / "a2025.csv")).exit_code, 3);
  r = test::run_command(k_quhua + " keytowns history --db " + quote(db) + " --lang en --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::istringstream lines(r.output);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) rows += line.rfind("202", 0) == 0 ? 1 : 0;
  EXPECT_EQ(rows, 4);  // 2 towns x 2 years
  // A figure for another year in the file is refused, naming the row.
  test::write_file(dir / "a2026.csv", "code,indicator,value,year\nT1,resident_population,29000,2025\n");
  r = test::run_command(assess + " --year 2026 --actuals " + quote(dir / "a2026.csv"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("line 2, field year"), std::string::npos) << r.output;
}

TEST(KeytownsCli, FundSumsToTheBudgetAndRefusesInfeasibleMinimums) {
  test::TempDir dir;
  test::write_file(dir / "s.csv", "code,score\nT1,0.9\nT2,0.7\nT3,0.4\nT4,0.2\n");
  const std::string fund = k_quhua + " keytowns fund --scores " + quote(dir / "s.csv") + " --lang en";
  auto r = test::run_command(fund + " --budget-yuan 68000000 --min-yuan 5000000 --max-yuan 30000000 --out " +
                             quote(dir / "f.json") + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto table = util::parse_csv(r.output);
  long long total = 0;
  for (const auto& row : table.rows) total += std::stoll(row[*table.column("allocation_fen")]);
  EXPECT_EQ(total, 6'800'000'000LL);
  r = test::run_command(fund + " --budget-yuan 10000000 --min-yuan 3000000");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("infeasible: the minimums of 4 towns need 12,000,000.00 yuan"), std::string::npos)
      << r.output;
  EXPECT_EQ(test::run_command(fund + " --budget-yuan 1.234").exit_code, 2);
}

// history and fund only read the store: a mistyped --db is refused rather than created empty (fund
// used to pay a disqualified town from an empty store), and a file that is no key-town store (a
// GeoPackage) is refused untouched rather than turned to WAL with key-town tables added.
TEST(KeytownsCli, ReadOnlyCommandsRefuseAMissingOrForeignStoreAndWriteNothing) {
  test::TempDir dir;
  test::write_file(dir / "s.csv", "code,score\nT1,0.9\nT2,0.7\n");
  const auto typo = dir / "typo.sqlite";
  auto r = test::run_command(k_quhua + " keytowns fund --scores " + quote(dir / "s.csv") +
                             " --budget-yuan 1000 --lang en --db " + quote(typo));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("typo.sqlite"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(typo));
  r = test::run_command(k_quhua + " keytowns history --db " + quote(typo));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_FALSE(std::filesystem::exists(typo));

  ASSERT_EQ(test::run_command(k_quhua + " generate --out " + quote(dir / "county") + " --townships 4 --villages 40")
                .exit_code,
            0);
  const auto gpkg = dir / "county" / "county.gpkg";
  const std::string before = test::read_file(gpkg);
  const std::vector<std::string> commands{
      " keytowns history --db ", " keytowns fund --budget-yuan 1000 --scores " + quote(dir / "s.csv") + " --db "};
  for (const auto& command : commands) {
    r = test::run_command(k_quhua + command + quote(gpkg));
    EXPECT_EQ(r.exit_code, 3) << command << r.output;
    EXPECT_NE(r.output.find("county.gpkg"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("not a quhua database"), std::string::npos) << r.output;
  }
  EXPECT_TRUE(test::read_file(gpkg) == before);
  EXPECT_FALSE(std::filesystem::exists(gpkg.string() + "-wal"));
}

}  // namespace
}  // namespace quhua
