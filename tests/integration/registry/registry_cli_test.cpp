// `quhua registry ...` driven as a user would: the whole flow on a small edition, exit codes of
// refusals, and the diff's CSV on the real editions.
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace quhua {
namespace {

namespace fs = std::filesystem;

std::string quote(const std::string& s) { return "'" + s + "'"; }

/// stdout and stderr together.
test::CommandResult quhua(const std::string& args) { return test::run_command(std::string(QUHUA_BINARY) + " " + args); }
/// stdout alone (the summary lines on stderr are dropped).
test::CommandResult quhua_stdout(const std::string& args) {
  return test::run_command("( " + std::string(QUHUA_BINARY) + " " + args + " 2>/dev/null )");
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class RegistryCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db = (dir / "q.sqlite").string();
    write_edition("2019",
                  "510104001,\"督院街道办事处\",510104,51,5101\n510104100,\"牛市口镇\",510104,51,5101\n"
                  "510104200,\"柳江乡\",510104,51,5101\n510104201,\"琉璃乡\",510104,51,5101\n");
    write_edition("2020",
                  "510104001,\"督院街道\",510104,51,5101\n510104100,\"牛市口镇\",510104,51,5101\n"
                  "510104101,\"柳江镇\",510104,51,5101\n");
  }
  void write_edition(const std::string& name, const std::string& streets) {
    const auto d = dir / name;
    fs::create_directories(d);
    test::write_file(d / "provinces.csv", "code,name\n51,\"四川省\"\n");
    test::write_file(d / "cities.csv", "code,name,provinceCode\n5101,\"成都市\",51\n");
    test::write_file(d / "areas.csv", "code,name,cityCode,provinceCode\n510104,\"锦江区\",5101,51\n");
    test::write_file(d / "streets.csv", "code,name,areaCode,provinceCode,cityCode\n" + streets);
  }
  std::string with_db(const std::string& args) { return args + " --db " + quote(db); }

  test::TempDir dir;
  std::string db;
};

TEST_F(RegistryCli, WholeFlowOnASmallEdition) {
  ASSERT_EQ(quhua(with_db("registry init")).exit_code, 0);
  auto r =
      quhua(with_db("registry import-nbs --dir " + quote((dir / "2019").string()) + " --as 2019 --seed --user 科员甲"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = quhua(with_db("registry import-nbs --dir " + quote((dir / "2020").string()) + " --as 2020"));
  ASSERT_EQ(r.exit_code, 0) << r.output;

  r = quhua_stdout(with_db("registry diff --before 2019 --after 2020 --format csv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.substr(0, r.output.find('\n')), "event,old_code,old_name,new_code,new_name,confidence");
  EXPECT_NE(r.output.find("renamed,510104200,柳江乡,510104101,柳江镇,0.9"), std::string::npos) << r.output;

  r = quhua(with_db("registry drift --against 2020 --format csv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("code_differs"), std::string::npos);
  EXPECT_NE(r.output.find("2 differences"), std::string::npos) << r.output;

  test::write_file(dir / "plan.csv", "code,region,seat_code\n510104100,1,510104100\n510104201,1,510104100\n");
  r = quhua(with_db("registry apply-plan --plan " + quote((dir / "plan.csv").string()) +
                    " --effective 2020-01-01 --document 锦府发〔2019〕9号 --dry-run --lang en"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("dry run"), std::string::npos);
  r = quhua(with_db("registry apply-plan --plan " + quote((dir / "plan.csv").string()) +
                    " --effective 2020-01-01 --document 锦府发〔2019〕9号 --out " +
                    quote((dir / "plan_out.xlsx").string())));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(dir / "plan_out.xlsx"));
  r =
      quhua(with_db("registry record --type upgraded --before 510104200 --after 柳江镇:镇 --effective 2020-01-01 "
                    "--document 川府民〔2019〕3号"));
  ASSERT_EQ(r.exit_code, 0) << r.output;

  r = quhua(with_db("registry drift --against 2020 --format json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("0 differences"), std::string::npos) << r.output;

  r = quhua(with_db("registry history 510104200 --format csv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("510104200"), std::string::npos);
  r = quhua(with_db("registry show 510104201 --lang en"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("牛市口镇"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Successors"), std::string::npos) << r.output;
  r = quhua_stdout(with_db("registry events --county 510104 --from 2020-01-01 --to 2020-12-31 --format csv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(count_lines(r.output), 3u) << r.output;  // header + 2 events
  r = quhua(with_db("registry tree --as-of 2020-01-01 --format csv"));
  EXPECT_NE(r.output.find("柳江镇"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("琉璃乡"), std::string::npos) << r.output;
  r = quhua_stdout(with_db("registry crosswalk --from 2019 --to 2020 --format csv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.substr(0, r.output.find('\n')),
            "old_code,old_name,new_code,new_name,population_weight,area_weight,population_basis,area_basis,events");
  EXPECT_NE(r.output.find("510104201,琉璃乡,510104100,牛市口镇,1,1,whole,whole,1"), std::string::npos) << r.output;
  r = quhua(with_db("registry audit --format csv"));
  EXPECT_NE(r.output.find("科员甲"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("record_event"), std::string::npos) << r.output;
}

TEST_F(RegistryCli, RefusalsAndErrorsExitWithTheirCodes) {
  auto r = quhua(with_db("registry tree --as-of 2020-01-01"));
  EXPECT_EQ(r.exit_code, 3) << r.output;  // no registry yet: never created by a read
  EXPECT_FALSE(fs::exists(db));
  ASSERT_EQ(quhua(with_db("registry init")).exit_code, 0);
  ASSERT_EQ(
      quhua(with_db("registry import-nbs --dir " + quote((dir / "2019").string()) + " --as 2019 --seed")).exit_code, 0);
  test::write_file(dir / "plan.csv", "code,region,seat_code\n510104100,1,510104100\n510104999,1,510104100\n");
  r = quhua(with_db("registry apply-plan --plan " + quote((dir / "plan.csv").string()) +
                    " --effective 2020-01-01 --document X"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("plan_unit_unknown"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nothing was written"), std::string::npos) << r.output;
  r = quhua(
      with_db("registry record --type renamed --before 510104100 --after 柳江乡 --effective 2020-01-01 --document X"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("name_not_unique"), std::string::npos) << r.output;
  r = quhua(with_db("registry tree --as-of 2020-02-30"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  r = quhua(with_db("registry crosswalk --from 2019"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = quhua(with_db("registry import-nbs --dir " + quote((dir / "2019").string()) + " --as 2019"));
  EXPECT_EQ(r.exit_code, 3) << r.output;  // already imported
  r = quhua(with_db("registry import-nbs --dir " + quote((dir / "2019").string()) + " --as county-list"));
  EXPECT_EQ(r.exit_code, 2) << r.output;  // unknown edition: --date needed
}

TEST(RegistryCliRealData, DiffCsvOfTwoEditions) {
  if (!test::shared_data_available("nbs-division-codes/2020/streets.csv")) {
    GTEST_SKIP() << "../shared/data/nbs-division-codes is absent";
  }
  const auto r =
      quhua_stdout("registry diff --before " + quote(test::shared_data("nbs-division-codes/2019").string()) +
                   " --after " + quote(test::shared_data("nbs-division-codes/2020").string()) + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.output.substr(0, 500);
  std::istringstream lines(r.output);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "event,old_code,old_name,new_code,new_name,confidence");
  std::size_t rows = 0;
  const std::set<std::string> events{"abolished", "established", "renamed", "moved", "merged"};
  while (std::getline(lines, line)) {
    ++rows;
    const auto event = line.substr(0, line.find(','));
    EXPECT_TRUE(events.count(event)) << line;
    const double confidence = std::stod(line.substr(line.rfind(',') + 1));
    EXPECT_GE(confidence, 0.0);
    EXPECT_LE(confidence, 1.0);
  }
  EXPECT_GT(rows, 3000u);
}

// Commands that only read never write the file they are given: a GeoPackage stays byte for byte what
// it was (it used to be turned to WAL with ten registry_* tables added), a mistyped --db is not created;
// both are input errors (exit 3) naming the file. Writers other than init refuse them too.
TEST_F(RegistryCli, ReadOnlyCommandsNeverWriteTheFileTheyAreGiven) {
  ASSERT_EQ(quhua("generate --out " + quote((dir / "county").string()) + " --townships 4 --villages 40").exit_code, 0);
  const auto gpkg = dir / "county" / "county.gpkg";
  const std::string before = test::read_file(gpkg);
  const std::vector<std::string> commands{"registry snapshots",
                                          "registry audit",
                                          "registry show 510104001",
                                          "registry tree --as-of 2020-01-01",
                                          "registry events",
                                          "registry history 510104001",
                                          "registry crosswalk --from 2019-01-01 --to 2020-01-01",
                                          "registry drift --against " + quote((dir / "2020").string()),
                                          "registry seed --snapshot " + quote((dir / "2019").string())};
  for (const auto& command : commands) {
    const auto r = quhua(command + " --db " + quote(gpkg.string()));
    EXPECT_EQ(r.exit_code, 3) << command << "\n" << r.output;
    EXPECT_NE(r.output.find("county.gpkg"), std::string::npos) << command << "\n" << r.output;
    EXPECT_NE(r.output.find("not a quhua database"), std::string::npos) << command << "\n" << r.output;
  }
  EXPECT_TRUE(test::read_file(gpkg) == before);
  EXPECT_FALSE(fs::exists(gpkg.string() + "-wal"));
  const auto typo = dir / "typo.sqlite";
  for (const auto& command : commands) {
    const auto r = quhua(command + " --db " + quote(typo.string()));
    EXPECT_EQ(r.exit_code, 3) << command << "\n" << r.output;
  }
  EXPECT_FALSE(fs::exists(typo));
}

// A registry in a folder nobody may write is still read (immutable), without SQLite's WAL error. Run
// as root, the check drops to user nobody with setpriv, where the folder's permissions hold.
TEST_F(RegistryCli, ARegistryInAReadOnlyFolderIsRead) {
  const auto folder = dir / "archive";
  fs::create_directories(folder);
  const std::string registry = (folder / "q.sqlite").string();
  ASSERT_EQ(quhua("registry init --db " + quote(registry)).exit_code, 0);
  ASSERT_EQ(
      quhua("registry import-nbs --dir " + quote((dir / "2019").string()) + " --as 2019 --seed --db " + quote(registry))
          .exit_code,
      0);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(registry, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  std::string prefix = std::string(QUHUA_BINARY) + " ";
  if (::geteuid() == 0) {
    if (test::run_command("setpriv --reuid=65534 --regid=65534 --clear-groups true").exit_code != 0) {
      fs::permissions(folder, fs::perms::owner_all, fs::perm_options::add);
      GTEST_SKIP() << "running as root without setpriv: cannot make a folder read-only";
    }
    prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups " + prefix;
  }
  const auto r = test::run_command(prefix + "registry tree --as-of 2019-10-31 --format csv --db " + quote(registry));
  const auto w = test::run_command(prefix + "registry seed --snapshot 2019 --db " + quote(registry));
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::add);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("督院街道办事处"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("WAL"), std::string::npos) << r.output;
  EXPECT_EQ(w.exit_code, 4) << w.output;  // a writer cannot write there: a storage error naming the file
  EXPECT_NE(w.output.find("q.sqlite"), std::string::npos) << w.output;
}

TEST_F(RegistryCli, APlanOfManyRepeatedRowsPrintsTheFirstFewRefusalsAndACount) {
  // Every repeated row was printed as its own refusal: 200 MB on the terminal for a large plan.
  ASSERT_EQ(quhua(with_db("registry init")).exit_code, 0);
  ASSERT_EQ(
      quhua(with_db("registry import-nbs --dir " + quote((dir / "2019").string()) + " --as 2019 --seed")).exit_code, 0);
  std::string plan = "code,region,seat_code\n510104201,1,510104100\n";
  for (int row = 0; row < 5000; ++row) plan += "510104100,1,510104100\n";
  test::write_file(dir / "plan.csv", plan);
  const auto r = quhua(with_db("registry apply-plan --plan " + quote((dir / "plan.csv").string()) +
                               " --effective 2020-01-01 --document X --lang en"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("... and 4979 more plan_duplicate_code"), std::string::npos) << r.output.substr(0, 4000);
  EXPECT_LT(count_lines(r.output), 100u);
}

}  // namespace
}  // namespace quhua
