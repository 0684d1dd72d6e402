// From diff rows to recordable events (registry sync): mergers grouped with their survivor,
// upgrades, re-codes, transfers, county re-codes before their townships.
#include "quhua/algorithms/registry/diff_events.hpp"

#include "support/registry_fixture.hpp"

#include <gtest/gtest.h>

namespace quhua::registry {
namespace {

using test::code12;

const Snapshot before = test::snapshot("registry", "2019-10-31",
                                       {{"51", "四川省"},
                                        {"5101", "成都市"},
                                        {"510104", "锦江区"},
                                        {"510105", "青羊区"},
                                        {"510106", "金牛区"},
                                        {"510132", "新津县"},
                                        {"510104100", "三圣镇"},
                                        {"510104200", "柳江乡"},
                                        {"510104201", "红星乡"},
                                        {"510104202", "白果乡"},
                                        {"510104203", "城关乡"},
                                        {"510104104", "城关镇"},
                                        {"510104204", "东风乡"},
                                        {"510105001", "草市街道"},
                                        {"510132100", "五津镇"}});
const Snapshot after = test::snapshot("2020", "2020-06-30",
                                      {{"51", "四川省"},
                                       {"5101", "成都市"},
                                       {"510104", "锦江区"},
                                       {"510105", "青羊区"},
                                       {"510106", "金牛区"},
                                       {"510118", "新津区"},
                                       {"510104101", "三圣镇"},
                                       {"510104102", "柳江镇"},
                                       {"510104103", "红星白果镇"},
                                       {"510104104", "城关镇"},
                                       {"510106005", "草市街道"},
                                       {"510118100", "五津镇"},
                                       {"510104005", "东湖街道"}});

std::string describe(const EventDraft& e) {
  std::string out(event_type_name(e.type));
  for (const auto& b : e.before) out += " " + display_code(b);
  out += " ->";
  for (const auto& a : e.after) out += " " + display_code(a.code);
  return out;
}

TEST(DiffEvents, MapsInferredChangesToRecordableEvents) {
  const auto diff = diff_snapshots(before, after);
  const auto events = events_from_diff(diff, before, after, "国家统计局 2020");
  std::vector<std::string> got;
  for (const auto& e : events) got.push_back(describe(e.draft));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "code_changed 510132 -> 510118",            // 新津县 -> 新津区, before its townships
                     "established -> 510104005",                 // 东湖街道
                     "code_changed 510104100 -> 510104101",      // 三圣镇 re-coded in its county
                     "upgraded 510104200 -> 510104102",          // 撤乡设镇
                     "merged 510104201 510104202 -> 510104103",  // 红星乡 + 白果乡
                     "merged 510104104 510104203 -> 510104104",  // 城关乡 into the surviving 城关镇
                     "abolished 510104204 ->",                   // 东风乡, absorber unknown
                     "transferred 510105001 -> 510106005",       // 草市街道 划转 to 金牛区
                     "code_changed 510132100 -> 510118100",      // its county was re-coded
                 }));
  for (const auto& e : events) {
    EXPECT_EQ(e.draft.source, EventSource::nbs_inferred);
    EXPECT_EQ(e.draft.effective, test::day("2020-06-30"));
    EXPECT_EQ(e.draft.document, "国家统计局 2020");
    ASSERT_TRUE(e.draft.confidence);
    EXPECT_FALSE(e.rows.empty());
  }
  EXPECT_EQ(events[3].draft.after[0].type, model::UnitType::town);
  EXPECT_DOUBLE_EQ(*events[6].draft.confidence, 0.5);
  EXPECT_NE(events[6].draft.note.find("absorber_unknown"), std::string::npos);
}

TEST(DiffEvents, LeavesOutRowsBelowTheMinimumConfidence) {
  const auto diff = diff_snapshots(before, after);
  const auto events = events_from_diff(diff, before, after, "", 0.7);
  for (const auto& e : events) {
    EXPECT_GE(*e.draft.confidence, 0.7);
    EXPECT_NE(e.draft.type, EventType::abolished);
    EXPECT_NE(e.draft.type, EventType::established);
  }
  EXPECT_EQ(events.size(), 7u);
}

}  // namespace
}  // namespace quhua::registry
