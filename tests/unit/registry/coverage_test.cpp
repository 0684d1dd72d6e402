// An edition's coverage of the registry: provinces with no township, listed prefectures and counties
// left empty (a truncated file), and areas the edition dropped (re-coded, merged), which are no gap.
#include "quhua/algorithms/registry/coverage.hpp"

#include "support/registry_fixture.hpp"

#include <gtest/gtest.h>

namespace quhua::registry {
namespace {

using test::snapshot;

const std::vector<std::pair<std::string, std::string>> k_registry{
    {"51", "四川省"},          {"5101", "成都市"},        {"510104", "锦江区"},      {"510104001", "督院街道"},
    {"510104100", "牛市口镇"}, {"510105", "青羊区"},      {"510105001", "草市街道"}, {"5103", "自贡市"},
    {"510302", "自流井区"},    {"510302001", "五星街道"}, {"53", "云南省"},          {"5301", "昆明市"},
    {"530102", "五华区"},      {"530102001", "华山街道"}, {"530102002", "护国街道"}};

TEST(Coverage, ACompleteEditionHasNoGap) {
  const auto registry = snapshot("registry", "2020-06-30", k_registry);
  auto official = registry;
  official.units.erase(official.units.begin() + 4);  // 牛市口镇 abolished: the county is still covered
  const auto c = edition_coverage(registry, official);
  EXPECT_TRUE(c.gaps.empty());
  EXPECT_EQ(c.registry_townships, 6u);
  EXPECT_EQ(c.official_townships, 5u);
  EXPECT_EQ(c.uncovered_townships, 0u);
}

TEST(Coverage, ATruncatedEditionNamesEveryAreaItLeftEmpty) {
  const auto registry = snapshot("registry", "2020-06-30", k_registry);
  // Every area listed, townships cut after 草市街道 (as the first rows of streets.csv).
  auto official = registry;
  std::erase_if(official.units, [](const SnapshotUnit& u) {
    return u.level == model::UnitLevel::township && u.code > test::code12("510105001");
  });
  const auto c = edition_coverage(registry, official);
  ASSERT_EQ(c.gaps.size(), 2u);
  EXPECT_EQ(c.gaps[0].code, test::code12("5103"));  // listed, empty: its county is not listed again
  EXPECT_EQ(c.gaps[0].level, model::UnitLevel::prefecture);
  EXPECT_TRUE(c.gaps[0].listed);
  EXPECT_EQ(c.gaps[1].code, test::code12("53"));
  EXPECT_EQ(c.gaps[1].registry_townships, 2u);
  EXPECT_EQ(c.uncovered_townships, 3u);
  EXPECT_EQ(describe_gaps(c), "5103 自贡市 (1 townships), 53 云南省 (2 townships)");
  EXPECT_EQ(describe_gaps(c, 1), "5103 自贡市 (1 townships) and 1 more");
}

TEST(Coverage, OneProvincesEditionAgainstANationalRegistry) {
  const auto registry = snapshot("registry", "2020-06-30", k_registry);
  auto official = registry;
  std::erase_if(official.units, [](const SnapshotUnit& u) { return u.code.compare(0, 2, "53") == 0; });
  const auto c = edition_coverage(registry, official);
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(c.gaps[0].name, "云南省");
  EXPECT_FALSE(c.gaps[0].listed);
}

TEST(Coverage, AnAreaTheEditionDroppedIsNoGap) {
  // 自流井区 re-coded: the edition lacks the county (and its old township code); the diff explains it.
  const auto registry = snapshot("registry", "2020-06-30", k_registry);
  auto official = registry;
  std::erase_if(official.units, [](const SnapshotUnit& u) { return u.code.compare(0, 6, "510302") == 0; });
  official.units.push_back(snapshot("x", "2020-06-30", {{"510303", "新区"}}).units[0]);
  official.units.push_back(snapshot("x", "2020-06-30", {{"510303001", "五星街道"}}).units[0]);
  EXPECT_TRUE(edition_coverage(registry, official).gaps.empty());
  // The old county still listed, with no township: a gap (its prefecture is covered by the new one).
  official.units.push_back(snapshot("x", "2020-06-30", {{"510302", "自流井区"}}).units[0]);
  auto c = edition_coverage(registry, official);
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(c.gaps[0].code, test::code12("510302"));
  EXPECT_EQ(c.gaps[0].level, model::UnitLevel::county);
  // Without the new county the prefecture is empty: the gap is the prefecture, the county inside it.
  std::erase_if(official.units, [](const SnapshotUnit& u) { return u.code.compare(0, 6, "510303") == 0; });
  c = edition_coverage(registry, official);
  ASSERT_EQ(c.gaps.size(), 1u);
  EXPECT_EQ(c.gaps[0].code, test::code12("5103"));
}

}  // namespace
}  // namespace quhua::registry
