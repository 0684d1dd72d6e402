// `quhua plan` driven as a user would: exit codes, outputs, determinism across thread counts, and the
// smallest peer graph (North Carolina counties) when ../shared/data is present.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "support/test_support.hpp"

namespace quhua {

namespace {

const char* k_nodes =
    "id,population,x_km,y_km,type\n"
    "a,9000,0.5,1.5,镇\nb,2000,1.5,1.5,乡\nc,3000,2.5,1.5,乡\n"
    "d,2000,0.5,0.5,乡\ne,8000,1.5,0.5,乡\nf,12000,2.5,0.5,镇\n";
const char* k_edges = "a,b\na,b\nb,c\nd,e\ne,f\na,d\nb,e\nc,f\n";

struct County {
  test::TempDir dir;
  std::string graph;
  County() {
    test::write_file(dir / "nodes.csv", k_nodes);
    test::write_file(dir / "edges.csv", k_edges);
    graph = " --nodes " + (dir / "nodes.csv").string() + " --edges " + (dir / "edges.csv").string();
  }
  test::CommandResult plan(const std::string& flags) const {
    return test::run_command(std::string(QUHUA_BINARY) + " plan" + graph + " " + flags);
  }
};

}  // namespace

TEST(PlanCommand, WritesThePlanAndPrintsASummary) {
  County county;
  const auto out = (county.dir / "out").string();
  const auto run = county.plan("--min-pop 10000 --out " + out + " --lang en");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Plan summary"), std::string::npos) << run.output;
  EXPECT_NE(test::read_file(county.dir / "out" / "plan.csv").find("code,region,seat_code"), std::string::npos);
  const auto json = county.plan("--min-pop 10000 --format json --out " + out);
  ASSERT_EQ(json.exit_code, 0) << json.output;
  const auto summary = nlohmann::json::parse(json.output);
  EXPECT_EQ(summary["counts"]["units_before"], 6);
}

TEST(PlanCommand, UsageAndInputErrorsHaveTheirExitCodes) {
  County county;
  const auto out = " --out " + (county.dir / "out").string();
  EXPECT_EQ(county.plan("--min-pop 10000").exit_code, 2);  // no --out
  EXPECT_EQ(county.plan(out).exit_code, 2);                // nothing to plan
  const auto lock = county.plan("--min-pop 10000 --lock zz" + out);
  EXPECT_EQ(lock.exit_code, 2);
  EXPECT_NE(lock.output.find("--lock: unit code 'zz'"), std::string::npos) << lock.output;
  const auto units = test::run_command(std::string(QUHUA_BINARY) + " plan --units /nonexistent/county.shp --min-pop 1" + out);
  EXPECT_EQ(units.exit_code, 3);
  EXPECT_NE(units.output.find("county.shp"), std::string::npos) << units.output;
  const auto both = test::run_command(std::string(QUHUA_BINARY) + " plan --units county.shp --nodes a.csv --min-pop 1" + out);
  EXPECT_EQ(both.exit_code, 2) << both.output;
  const auto missing = test::run_command(std::string(QUHUA_BINARY) + " plan --nodes /nonexistent.csv --edges /x.csv --min-pop 1" + out);
  EXPECT_EQ(missing.exit_code, 3) << missing.output;
  EXPECT_EQ(county.plan("--min-pop 10000 --max-pop 5000" + out).exit_code, 2);
}

TEST(PlanCommand, SameSeedSamePlanWithOneOrTwoThreads) {
  County county;
  const auto one = (county.dir / "one").string();
  const auto two = (county.dir / "two").string();
  ASSERT_EQ(county.plan("--min-pop 6000 --seed 7 --threads 1 --exact off --out " + one).exit_code, 0);
  ASSERT_EQ(county.plan("--min-pop 6000 --seed 7 --threads 2 --exact off --out " + two).exit_code, 0);
  EXPECT_EQ(test::read_file(county.dir / "one" / "plan.csv"), test::read_file(county.dir / "two" / "plan.csv"));
}

TEST(PlanCommand, NorthCarolinaCountiesBeatThePeers) {
  if (!test::shared_data_available("peer-graphs/sids2")) GTEST_SKIP() << "../shared/data/peer-graphs/sids2 is absent";
  test::TempDir dir;
  const auto graph = test::shared_data("peer-graphs/sids2");
  // RESULTS.md: minimum = total / 20 (329,962 births / 20), SSD of z-scored x_km, y_km.
  const auto run = test::run_command(std::string(QUHUA_BINARY) + " plan --nodes " + (graph / "nodes.csv").string() +
                                     " --edges " + (graph / "edges.csv").string() +
                                     " --min-pop 16498.1 --objective heterogeneity:x_km,y_km --format json --out " +
                                     (dir / "out").string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto summary = nlohmann::json::parse(run.output);
  EXPECT_TRUE(summary["hard_rules_hold"].get<bool>());
  EXPECT_GE(summary["counts"]["regions_after"].get<int>(), 16);   // spopt 16, libgeoda 15
  EXPECT_LT(summary["objective"]["terms"]["ssd"].get<double>(), 14.97);  // spopt's SSD at 16 regions
}

}  // namespace quhua
