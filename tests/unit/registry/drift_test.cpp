// Drift: every difference between the registry's expected state and an official table is listed,
// with the unrecorded change that would explain it; the official table is scoped to the registry's
// counties unless asked otherwise.
#include "quhua/algorithms/registry/drift.hpp"

#include "support/registry_fixture.hpp"

#include <gtest/gtest.h>

#include <set>

namespace quhua::registry {
namespace {

const Snapshot expected = test::snapshot("registry", "2020-06-30",
                                         {{"51", "四川省"},
                                          {"5101", "成都市"},
                                          {"510104", "锦江区"},
                                          {"510104001", "督院街道办事处"},
                                          {"510104002", "盐市口街道"},
                                          {"510104100", "三圣镇"},
                                          {"510104200", "柳江乡"},
                                          {"510104201", "琉璃乡"},
                                          {"510104202", "红星乡"},
                                          {"510104203", "白果乡"}});
const Snapshot official = test::snapshot("2020", "2020-06-30",
                                         {{"51", "四川省"},
                                          {"5101", "成都市"},
                                          {"510104", "锦江区"},
                                          {"510105", "青羊区"},
                                          {"510104001", "督院街道"},
                                          {"510104002", "春熙路街道"},
                                          {"510104100", "三圣镇"},
                                          {"510104102", "柳江镇"},
                                          {"510104003", "东湖街道"},
                                          {"510104104", "红星白果镇"},
                                          {"510105001", "草市街道"}});

TEST(Drift, ListsEveryDifferenceWithItsLikelyEvent) {
  const auto r = check_drift(expected, official);
  std::map<std::string, std::string> kinds;
  for (const auto& row : r.rows) {
    kinds[display_code(row.registry_code) + ">" + display_code(row.official_code)] =
        std::string(drift_kind_name(row.kind));
  }
  EXPECT_EQ(kinds.at("510104002>510104002"), "name_differs");
  EXPECT_EQ(kinds.at("510104200>510104102"), "code_differs");
  EXPECT_EQ(kinds.at("510104201>"), "missing_in_official");
  EXPECT_EQ(kinds.at(">510104003"), "missing_in_registry");
  EXPECT_EQ(kinds.at("510104202>510104104"), "missing_in_official");  // merged into a unit the registry lacks ...
  EXPECT_EQ(kinds.at(">510104104"), "missing_in_registry");           // ... which is listed too
  EXPECT_EQ(kinds.at("510104001>510104001"), "name_form_differs");
  EXPECT_EQ(r.differences, r.rows.size() - 1);
  // 青羊区 is outside the registry: not compared.
  EXPECT_EQ(kinds.count(">510105"), 0u);
  EXPECT_EQ(kinds.count(">510105001"), 0u);
  EXPECT_EQ(r.official_units, 9u);
}

TEST(Drift, EveryCodeOnOneSideOnlyHasARow) {
  DriftOptions options;
  options.limit_to_registry_scope = false;
  const auto r = check_drift(expected, official, options);
  std::set<std::string> registry_codes, official_codes, in_rows_registry, in_rows_official;
  for (const auto& u : expected.units) registry_codes.insert(u.code);
  for (const auto& u : official.units) official_codes.insert(u.code);
  for (const auto& row : r.rows) {
    in_rows_registry.insert(row.registry_code);
    in_rows_official.insert(row.official_code);
  }
  for (const auto& c : registry_codes) {
    if (!official_codes.count(c)) {
      EXPECT_TRUE(in_rows_registry.count(c)) << c;
    }
  }
  for (const auto& c : official_codes) {
    if (!registry_codes.count(c)) {
      EXPECT_TRUE(in_rows_official.count(c)) << c;
    }
  }
  EXPECT_TRUE(in_rows_official.count(test::code12("510105")));
}

TEST(Drift, AgreementHasNoRows) {
  const auto r = check_drift(expected, expected);
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(r.differences, 0u);
}

}  // namespace
}  // namespace quhua::registry
