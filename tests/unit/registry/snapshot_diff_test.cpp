// The snapshot diff, rule by rule, on a hand-made pair of editions; the partition property (every
// vanished code is explained by exactly one row, every new code by at least one); and the
// geometric rule with polygons.
#include "quhua/algorithms/registry/snapshot_diff.hpp"

#include "support/registry_fixture.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace quhua::registry {
namespace {

using test::code12;

const Snapshot& before() {
  static const Snapshot s = test::snapshot("A", "2019-10-31",
                                           {{"51", "四川省"},
                                            {"5101", "成都市"},
                                            {"510104", "锦江区"},
                                            {"510105", "青羊区"},
                                            {"510106", "金牛区"},
                                            {"510132", "新津县"},
                                            {"510104001", "督院街道办事处"},
                                            {"510104002", "盐市口街道"},
                                            {"510104003", "书院街道"},
                                            {"510104100", "三圣镇"},
                                            {"510104200", "柳江乡"},
                                            {"510104201", "红星乡"},
                                            {"510104202", "白果乡"},
                                            {"510104203", "城关乡"},
                                            {"510104104", "城关镇"},
                                            {"510104204", "东风乡"},
                                            {"510105001", "草市街道"},
                                            {"510105100", "兴隆镇"},
                                            {"510106101", "兴隆镇"},
                                            {"510106200", "日吾其乡"},
                                            {"510132100", "五津镇"},
                                            {"510132101", "花源镇"}});
  return s;
}

const Snapshot& after() {
  static const Snapshot s = test::snapshot(
      "B", "2020-06-30", {{"51", "四川省"},          {"5101", "成都市"},          {"510104", "锦江区"},
                          {"510105", "青羊区"},      {"510106", "金牛区"},        {"510118", "新津区"},
                          {"510104001", "督院街道"}, {"510104002", "盐市口街道"}, {"510104003", "书院街街道"},
                          {"510104101", "三圣镇"},   {"510104102", "柳江镇"},     {"510104103", "红星白果镇"},
                          {"510104104", "城关镇"},   {"510104005", "东湖街道"},   {"510106005", "草市街道"},
                          {"510104105", "兴隆镇"},   {"510106200", "秋窝乡"},     {"510118102", "新设镇"},
                          {"510118100", "五津镇"},   {"510118101", "花源镇"}});
  return s;
}

struct Row {
  std::string event;
  double confidence;
  std::string rule;
};

std::map<std::string, Row> by_pair(const DiffResult& r) {
  std::map<std::string, Row> out;
  for (const auto& row : r.rows) {
    const std::string key = (row.old_code.empty() ? "-" : model::short_code(row.old_code, row.level)) + ">" +
                            (row.new_code.empty() ? "-" : model::short_code(row.new_code, row.level));
    out[key] = Row{std::string(diff_event_name(row.event)), row.confidence, row.rule};
  }
  return out;
}

TEST(SnapshotDiff, InfersEachKindOfChange) {
  const auto result = diff_snapshots(before(), after());
  const auto rows = by_pair(result);
  auto expect = [&rows](const std::string& pair, const std::string& event, double confidence, const std::string& rule) {
    const auto it = rows.find(pair);
    ASSERT_NE(it, rows.end()) << pair;
    EXPECT_EQ(it->second.event, event) << pair;
    EXPECT_DOUBLE_EQ(it->second.confidence, confidence) << pair;
    EXPECT_EQ(it->second.rule, rule) << pair;
  };
  expect("510104003>510104003", "renamed", 0.95, "same_code_new_name");
  expect("510106200>510106200", "renamed", 0.75, "same_code_unrelated_name");
  expect("510104100>510104101", "moved", 0.95, "same_name_new_code");
  expect("510104200>510104102", "renamed", 0.9, "same_stem_new_code");
  expect("510104201>510104103", "merged", 0.85, "stems_in_new_name");
  expect("510104202>510104103", "merged", 0.85, "stems_in_new_name");
  expect("510104203>510104104", "merged", 0.8, "survivor_same_stem");
  expect("510104204>-", "abolished", 0.5, "absorber_unknown");
  expect("510105001>510106005", "moved", 0.85, "same_name_other_parent");
  expect("510132>510118", "renamed", 0.9, "same_stem_new_code");
  expect("510132100>510118100", "moved", 0.95, "same_name_recoded_parent");
  expect("510132101>510118101", "moved", 0.95, "same_name_recoded_parent");
  expect("->510104005", "established", 0.5, "established_beside_abolished");
  expect("->510118102", "established", 0.9, "new_code_new_name");
  // Two vanished 兴隆镇 and one new one: the tables cannot say which, so nothing is paired.
  expect("510105100>-", "abolished", 0.4, "ambiguous_candidates");
  expect("510106101>-", "abolished", 0.4, "ambiguous_candidates");
  expect("->510104105", "established", 0.4, "ambiguous_candidates");
  // 督院街道办事处 -> 督院街道 is a change of form: listed apart, not an event.
  EXPECT_EQ(rows.count("510104001>510104001"), 0u);
  ASSERT_EQ(result.form_changes.size(), 1u);
  EXPECT_EQ(result.form_changes[0].new_name, "督院街道");
  EXPECT_EQ(result.rows.size(), 17u);
  EXPECT_EQ(result.review_count, 5u);  // confidence below 0.7
}

TEST(SnapshotDiff, EveryVanishedCodeIsExplainedOnceAndEveryNewCodeAtLeastOnce) {
  const auto result = diff_snapshots(before(), after());
  std::set<std::string> a, b;
  for (const auto& u : before().units) a.insert(u.code);
  for (const auto& u : after().units) b.insert(u.code);
  std::map<std::string, int> old_seen, new_seen;
  for (const auto& row : result.rows) {
    if (!row.old_code.empty()) ++old_seen[row.old_code];
    if (!row.new_code.empty()) ++new_seen[row.new_code];
    EXPECT_GE(row.confidence, 0.0);
    EXPECT_LE(row.confidence, 1.0);
  }
  for (const auto& code : a) {
    if (!b.count(code)) {
      EXPECT_EQ(old_seen[code], 1) << code;
    }
  }
  for (const auto& code : b) {
    if (!a.count(code)) {
      EXPECT_GE(new_seen[code], 1) << code;
    }
  }
}

TEST(SnapshotDiff, CountsByProvince) {
  const auto result = diff_snapshots(before(), after());
  const auto& c = result.township_counts_by_province.at("51");
  EXPECT_EQ(c.units_before, 16u);
  EXPECT_EQ(c.units_after, 14u);
  EXPECT_EQ(c.abolished, 3u);
  EXPECT_EQ(c.established, 3u);
  EXPECT_EQ(c.renamed, 3u);
  EXPECT_EQ(c.moved, 4u);
  EXPECT_EQ(c.merged, 3u);
  EXPECT_EQ(c.form_only, 1u);
  EXPECT_EQ(result.totals.renamed, 4u);  // with the county
}

TEST(SnapshotDiff, IdenticalEditionsHaveNoRows) {
  const auto result = diff_snapshots(before(), before());
  EXPECT_TRUE(result.rows.empty());
  EXPECT_TRUE(result.form_changes.empty());
}

model::MultiPolygon square(double x0, double y0, double x1, double y1) {
  return {model::Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, {}}};
}

// Overlap of axis-aligned rectangles, enough for the test's polygons.
std::vector<std::pair<std::size_t, double>> rectangle_overlaps(const Snapshot& b, std::size_t i, const Snapshot& a) {
  std::vector<std::pair<std::size_t, double>> out;
  const auto g = model::bbox_of(b.units[i].geometry);
  for (std::size_t k = 0; k < a.units.size(); ++k) {
    if (a.units[k].geometry.empty()) continue;
    const auto h = model::bbox_of(a.units[k].geometry);
    const double w = std::min(g.max_x, h.max_x) - std::max(g.min_x, h.min_x);
    const double t = std::min(g.max_y, h.max_y) - std::max(g.min_y, h.min_y);
    if (w > 0 && t > 0) out.push_back({k, w * t / (g.width() * g.height())});
  }
  return out;
}

TEST(SnapshotDiff, PolygonsTellTheAbsorber) {
  auto a = test::snapshot("A", "2019-10-31",
                          {{"51", "四川省"},
                           {"5101", "成都市"},
                           {"510104", "锦江区"},
                           {"510104200", "甲乡"},
                           {"510104201", "乙乡"},
                           {"510104202", "丙乡"}});
  auto b = test::snapshot(
      "B", "2020-06-30",
      {{"51", "四川省"}, {"5101", "成都市"}, {"510104", "锦江区"}, {"510104100", "和平镇"}, {"510104202", "丙乡"}});
  a.units[3].geometry = square(0, 0, 10, 10);
  a.units[4].geometry = square(10, 0, 20, 10);
  a.units[5].geometry = square(20, 0, 30, 10);
  b.units[3].geometry = square(0, 0, 19, 10);  // and a sliver of 乙乡 went to 丙乡
  b.units[4].geometry = square(19, 0, 30, 10);

  const auto plain = by_pair(diff_snapshots(a, b));
  EXPECT_EQ(plain.at("510104200>-").event, "abolished");
  EXPECT_EQ(plain.at("->510104100").event, "established");

  DiffOptions options;
  options.overlap = rectangle_overlaps;
  const auto rows = by_pair(diff_snapshots(a, b, options));
  EXPECT_EQ(rows.at("510104200>510104100").event, "merged");
  EXPECT_DOUBLE_EQ(rows.at("510104200>510104100").confidence, 0.99);
  EXPECT_EQ(rows.at("510104201>510104100").event, "merged");
  EXPECT_NEAR(rows.at("510104201>510104100").confidence, 0.9, 1e-9);
  EXPECT_EQ(rows.count("->510104100"), 0u);  // explained by the mergers
}

}  // namespace
}  // namespace quhua::registry
