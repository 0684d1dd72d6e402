// The diff on the real NBS editions 2016-2023 (../shared/data/nbs-division-codes), checked against
// an independent count: the files are read here with a plain line parser, and per province the
// vanished and new codes (set differences of codes) and the changed names (set difference of
// (code, name) pairs) are counted without any of the diff's code. The diff must account for every
// one of them exactly, and must pair the obvious continuations a simple rule finds.
#include "support/test_support.hpp"

#include "quhua/algorithms/registry/snapshot_diff.hpp"
#include "quhua/service/registry.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace quhua {
namespace {

const char* k_editions[] = {"2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023"};

// code (9 digits) -> name, from streets.csv; the crawler's placeholder rows (a county listed as its
// own township, code ending in 000) are not townships.
std::map<std::string, std::string> townships(const std::string& edition) {
  std::ifstream in(test::shared_data("nbs-division-codes/" + edition + "/streets.csv"));
  std::map<std::string, std::string> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto c1 = line.find(',');
    const auto q1 = line.find('"', c1);
    const auto q2 = line.find('"', q1 + 1);
    const std::string code = line.substr(0, c1);
    if (code.substr(6) == "000") continue;
    out[code] = line.substr(q1 + 1, q2 - q1 - 1);
  }
  return out;
}

std::string short9(const std::string& code12) { return code12.substr(0, 9); }

struct Independent {
  std::size_t before = 0, after = 0, gone = 0, fresh = 0, same_code_changed = 0, office_suffix_only = 0;
};

class NbsDiff : public ::testing::TestWithParam<int> {};

TEST_P(NbsDiff, AccountsForEveryChangedCodeAndName) {
  if (!test::shared_data_available("nbs-division-codes/2023/streets.csv")) {
    GTEST_SKIP() << "../shared/data/nbs-division-codes is absent";
  }
  const std::string a_name = k_editions[GetParam()], b_name = k_editions[GetParam() + 1];
  const auto a = townships(a_name), b = townships(b_name);

  // The independent count, per province.
  std::map<std::string, Independent> expect;
  std::set<std::string> gone, fresh;
  for (const auto& [code, name] : a) {
    auto& e = expect[code.substr(0, 2)];
    ++e.before;
    const auto it = b.find(code);
    if (it == b.end()) {
      ++e.gone;
      gone.insert(code);
    } else if (it->second != name) {
      ++e.same_code_changed;
      std::string n = name;
      if (n.size() > 9 && n.substr(n.size() - 9) == "办事处") n.erase(n.size() - 9);
      if (n == it->second) ++e.office_suffix_only;
    }
  }
  for (const auto& [code, name] : b) {
    ++expect[code.substr(0, 2)].after;
    if (!a.count(code)) {
      ++expect[code.substr(0, 2)].fresh;
      fresh.insert(code);
    }
  }

  service::DiffRequest request;
  request.before = test::shared_data("nbs-division-codes/" + a_name).string();
  request.after = test::shared_data("nbs-division-codes/" + b_name).string();
  const auto result = service::registry_diff(request).diff;

  // Per province: vanished codes, each once; new codes, each at least once; same-code name changes
  // split into renames and form-only changes.
  std::map<std::string, std::map<std::string, int>> old_seen, new_seen;
  std::map<std::string, std::size_t> renamed_same_code;
  for (const auto& row : result.rows) {
    if (row.level != model::UnitLevel::township) continue;
    const std::string o = row.old_code.empty() ? "" : short9(row.old_code);
    const std::string n = row.new_code.empty() ? "" : short9(row.new_code);
    if (!o.empty()) ++old_seen[o.substr(0, 2)][o];
    if (!n.empty()) ++new_seen[n.substr(0, 2)][n];
    if (!o.empty() && o == n) ++renamed_same_code[o.substr(0, 2)];
    EXPECT_TRUE(o.empty() || a.count(o)) << o;
    EXPECT_TRUE(n.empty() || b.count(n)) << n;
    if (row.event == registry::DiffEvent::abolished) {
      EXPECT_TRUE(gone.count(o)) << o;
    }
    if (row.event == registry::DiffEvent::established) {
      EXPECT_TRUE(fresh.count(n)) << n;
    }
  }
  std::map<std::string, std::size_t> form_only;
  for (const auto& f : result.form_changes) {
    if (f.level == model::UnitLevel::township) ++form_only[f.code.substr(0, 2)];
  }
  for (const auto& [province, e] : expect) {
    SCOPED_TRACE(a_name + "->" + b_name + " province " + province);
    std::size_t gone_rows = 0, fresh_codes = 0;
    for (const auto& [code, times] : old_seen[province]) {
      if (!gone.count(code)) continue;
      EXPECT_EQ(times, 1) << code;
      ++gone_rows;
    }
    for (const auto& [code, times] : new_seen[province]) fresh_codes += fresh.count(code);
    EXPECT_EQ(gone_rows, e.gone);
    EXPECT_EQ(fresh_codes, e.fresh);
    EXPECT_EQ(renamed_same_code[province] + form_only[province], e.same_code_changed);
    EXPECT_GE(form_only[province], e.office_suffix_only);
    const auto& counts = result.township_counts_by_province.at(province);
    EXPECT_EQ(counts.units_before, e.before);
    EXPECT_EQ(counts.units_after, e.after);
  }

  // The plainest continuation: a vanished code and a new code in the same county with the very same
  // name, each the other's only such partner. The diff must pair them as `moved`.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> gone_by_county_name, fresh_by_county_name;
  for (const auto& g : gone) gone_by_county_name[{g.substr(0, 6), a.at(g)}].push_back(g);
  for (const auto& h : fresh) fresh_by_county_name[{h.substr(0, 6), b.at(h)}].push_back(h);
  std::map<std::string, std::pair<std::string, registry::DiffEvent>> row_of_old;
  for (const auto& row : result.rows) {
    if (row.level == model::UnitLevel::township && !row.old_code.empty()) {
      row_of_old[short9(row.old_code)] = {row.new_code.empty() ? "" : short9(row.new_code), row.event};
    }
  }
  std::size_t plain_pairs = 0;
  for (const auto& [key, gs] : gone_by_county_name) {
    const auto it = fresh_by_county_name.find(key);
    if (gs.size() != 1 || it == fresh_by_county_name.end() || it->second.size() != 1) continue;
    ++plain_pairs;
    const auto& row = row_of_old.at(gs.front());
    EXPECT_EQ(row.first, it->second.front()) << gs.front() << " " << key.second;
    EXPECT_EQ(row.second, registry::DiffEvent::moved) << gs.front() << " " << key.second;
  }
  RecordProperty("plain_pairs", static_cast<int>(plain_pairs));
}

INSTANTIATE_TEST_SUITE_P(Editions, NbsDiff, ::testing::Range(0, 7), [](const auto& param_info) {
  return std::string(k_editions[param_info.param]) + "_" + k_editions[param_info.param + 1];
});

}  // namespace
}  // namespace quhua

namespace quhua {
namespace {

// 2019 -> 2020: Sichuan's township merger reform (乡镇行政区划和村级建制调整改革) stands out.
TEST(NbsDiff2020, SichuanReformStandsOut) {
  if (!test::shared_data_available("nbs-division-codes/2020/streets.csv")) {
    GTEST_SKIP() << "../shared/data/nbs-division-codes is absent";
  }
  const auto a = townships("2019"), b = townships("2020");
  std::map<std::string, std::size_t> vanished;
  for (const auto& [code, name] : a) vanished[code.substr(0, 2)] += b.count(code) ? 0 : 1;
  service::DiffRequest request;
  request.before = test::shared_data("nbs-division-codes/2019").string();
  request.after = test::shared_data("nbs-division-codes/2020").string();
  const auto result = service::registry_diff(request).diff;
  std::string top_vanished, top_ended;
  std::size_t most_vanished = 0, most_ended = 0;
  for (const auto& [province, n] : vanished) {
    if (n > most_vanished) {
      most_vanished = n;
      top_vanished = province;
    }
    const auto& c = result.township_counts_by_province.at(province);
    if (c.abolished + c.merged > most_ended) {
      most_ended = c.abolished + c.merged;
      top_ended = province;
    }
  }
  EXPECT_EQ(top_vanished, "51");
  EXPECT_EQ(top_ended, "51");
  const auto& sichuan = result.township_counts_by_province.at("51");
  EXPECT_GT(sichuan.abolished + sichuan.merged, 1000u);
  EXPECT_GT(sichuan.units_before - sichuan.units_after, 1000u);
}

}  // namespace
}  // namespace quhua
