// Code rules: allocation inside the county's range and the type's band, and every refusal of
// validate_events, each shown by an event that breaks exactly that rule.
#include "quhua/algorithms/registry/code_rules.hpp"

#include "memory_view.hpp"

#include <gtest/gtest.h>

namespace quhua::registry {
namespace {

using model::UnitType;
using test::code12;
using test::day;
using test::draft;

EventDraft event(EventType type, std::vector<std::string> before, std::vector<UnitDraft> after,
                 const char* effective = "2020-01-01") {
  EventDraft e;
  e.type = type;
  e.effective = day(effective);
  e.document = "锦府发〔2020〕3号";
  for (auto& b : before) e.before.push_back(code12(b));
  e.after = std::move(after);
  return e;
}

std::set<std::string> errors(const Findings& f) {
  std::set<std::string> out;
  for (const auto& item : f.items()) {
    if (item.severity == Severity::error) out.insert(item.kind);
  }
  return out;
}

std::set<std::string> check(const std::vector<EventDraft>& events, const std::vector<std::string>& retired = {}) {
  test::MemoryView view(retired);
  return errors(validate_events(events, view));
}

using Kinds = std::set<std::string>;

TEST(CodeRules, BandsFollowTheNbsDigits) {
  EXPECT_EQ(township_band(UnitType::subdistrict)->low, 1);
  EXPECT_EQ(township_band(UnitType::subdistrict)->high, 99);
  EXPECT_EQ(township_band(UnitType::town)->low, 100);
  EXPECT_EQ(township_band(UnitType::ethnic_township)->high, 399);
  EXPECT_FALSE(township_band(UnitType::county));
  EXPECT_EQ(describe_band(UnitType::town), "100-199 镇");
  EXPECT_LT(township_type_rank(UnitType::township), township_type_rank(UnitType::town));
  EXPECT_LT(township_type_rank(UnitType::town), township_type_rank(UnitType::subdistrict));
}

TEST(CodeRules, AllocatesTheLowestNeverUsedCodeOfTheBand) {
  test::MemoryView view({"510104102"});  // 102 retired long ago
  const auto used = view.codes_within(code12("510104"));
  EXPECT_EQ(allocate_township_code(code12("510104"), UnitType::town, used, {}), code12("510104103"));
  EXPECT_EQ(allocate_township_code(code12("510104"), UnitType::town, used, {code12("510104103")}), code12("510104104"));
  EXPECT_EQ(allocate_township_code(code12("510104"), UnitType::subdistrict, used, {}), code12("510104002"));
  EXPECT_EQ(allocate_township_code(code12("510104"), UnitType::township, used, {}), code12("510104202"));
  // 东莞 has no counties: its townships sit right under the prefecture (441900xxx).
  EXPECT_EQ(allocate_township_code(code12("4419"), UnitType::town, {}, {}), code12("441900100"));
  std::set<std::string> full;
  for (int n = 1; n <= 99; ++n) full.insert(code12("510104" + std::string(n < 10 ? "00" : "0") + std::to_string(n)));
  EXPECT_FALSE(allocate_township_code(code12("510104"), UnitType::subdistrict, full, {}));
  EXPECT_FALSE(allocate_township_code(code12("51"), UnitType::town, {}, {}));
}

TEST(CodeRules, AcceptsAWellFormedBatch) {
  const std::vector<EventDraft> batch{
      event(EventType::renamed, {"510104001"}, {draft("510104001", "督院街街道", UnitType::subdistrict)}),
      event(EventType::upgraded, {"510104200"}, {draft("510104102", "柳江镇", UnitType::town)}),
      event(EventType::merged, {"510104100", "510104201"}, {draft("510104100", "牛市口镇", UnitType::town)}),
      event(EventType::split, {"510104101"},
            {draft("510104101", "三圣镇", UnitType::town), draft("510104002", "三圣街道", UnitType::subdistrict)}),
      event(EventType::transferred, {"510105002"}, {draft("510104003", "太升街道", UnitType::subdistrict)}),
      event(EventType::code_changed, {"510105001"}, {draft("510105003", "草市街道", UnitType::subdistrict)}),
      event(EventType::established, {}, {draft("510104004", "东湖街道", UnitType::subdistrict)}),
  };
  test::MemoryView view;
  const auto findings = validate_events(batch, view);
  EXPECT_FALSE(findings.has_errors()) << (findings.items().empty() ? "" : findings.items().front().describe());
}

TEST(CodeRules, RefusesAMissingEffectiveDateOrDocument) {
  auto e = event(EventType::renamed, {"510104001"}, {draft("510104001", "新街道", UnitType::subdistrict)});
  e.effective = Date();
  EXPECT_TRUE(check({e}).count("effective_missing"));
  auto d = event(EventType::renamed, {"510104001"}, {draft("510104001", "新街道", UnitType::subdistrict)});
  d.document = " ";
  EXPECT_EQ(check({d}), Kinds{"document_missing"});
  d.source = EventSource::nbs_inferred;  // inferred from the official tables: no document to cite
  EXPECT_EQ(check({d}), Kinds{});
}

TEST(CodeRules, RefusesEventsOfTheWrongShape) {
  EXPECT_EQ(check({event(EventType::merged, {"510104100"}, {draft("510104100", "牛市口镇", UnitType::town)})}),
            Kinds{"event_shape"});
  EXPECT_EQ(check({event(EventType::split, {"510104100"}, {draft("510104100", "牛市口镇", UnitType::town)})}),
            Kinds{"event_shape"});
  EXPECT_EQ(check({event(EventType::abolished, {"510104100"}, {draft("510104100", "牛市口镇", UnitType::town)})}),
            Kinds{"event_shape"});
  EXPECT_EQ(check({event(EventType::established, {}, {})}), Kinds{"event_shape"});
}

TEST(CodeRules, RefusesPredecessorsNotInForce) {
  EXPECT_EQ(check({event(EventType::abolished, {"510104299"}, {})}), Kinds{"before_not_in_force"});
  // Closed earlier in the same batch.
  EXPECT_EQ(check({event(EventType::abolished, {"510104201"}, {}),
                   event(EventType::abolished, {"510104201"}, {}, "2020-02-01")}),
            Kinds{"before_not_in_force"});
  EXPECT_EQ(check({event(EventType::abolished, {"510104201"}, {}, "2019-01-01")}), Kinds{"effective_not_after_start"});
}

TEST(CodeRules, RefusesMalformedCodesAndCodesOutsideTheParent) {
  auto bad = draft("510104002", "新街道", UnitType::subdistrict);
  bad.code = "5101040";
  EXPECT_EQ(check({event(EventType::established, {}, {bad})}), Kinds{"code_malformed"});
  auto outside = draft("510105003", "新街道", UnitType::subdistrict);
  outside.parent_code = code12("510104");
  EXPECT_EQ(check({event(EventType::established, {}, {outside})}), Kinds{"code_outside_parent"});
}

TEST(CodeRules, RefusesCodesOutsideTheTypeBand) {
  EXPECT_EQ(check({event(EventType::established, {}, {draft("510104150", "新街道", UnitType::subdistrict)})}),
            Kinds{"code_band"});
  EXPECT_EQ(check({event(EventType::upgraded, {"510104200"}, {draft("510104002", "柳江镇", UnitType::town)})}),
            Kinds{"code_band"});
}

TEST(CodeRules, RefusesATypeOfAnotherLevel) {
  EXPECT_EQ(check({event(EventType::established, {}, {draft("510104002", "新区", UnitType::district)})}),
            Kinds{"type_level_mismatch"});
}

TEST(CodeRules, RefusesRetiredCodes) {
  EXPECT_EQ(
      check({event(EventType::established, {}, {draft("510104002", "新街道", UnitType::subdistrict)})}, {"510104002"}),
      Kinds{"code_retired"});
  // Retired by an earlier event of the same batch.
  EXPECT_EQ(
      check({event(EventType::abolished, {"510104201"}, {}),
             event(EventType::established, {}, {draft("510104201", "新琉璃乡", UnitType::township)}, "2020-02-01")}),
      Kinds{"code_retired"});
}

TEST(CodeRules, RefusesCodesHeldByAnotherUnit) {
  EXPECT_EQ(check({event(EventType::established, {}, {draft("510104100", "另一镇", UnitType::town)})}),
            Kinds{"code_in_use"});
}

TEST(CodeRules, RefusesEmptyAndDuplicateNames) {
  EXPECT_EQ(check({event(EventType::established, {}, {draft("510104002", "", UnitType::subdistrict)})}),
            Kinds{"name_empty"});
  EXPECT_EQ(check({event(EventType::established, {}, {draft("510104002", "督院街道", UnitType::subdistrict)})}),
            Kinds{"name_not_unique"});
  EXPECT_EQ(
      check({event(EventType::split, {"510104101"},
                   {draft("510104101", "三圣镇", UnitType::town), draft("510104102", "三圣镇", UnitType::town)})}),
      Kinds{"name_not_unique"});
  // The same name under another county is fine, and a predecessor's name may be taken over.
  EXPECT_EQ(check({event(EventType::established, {}, {draft("510105003", "督院街道", UnitType::subdistrict)})}),
            Kinds{});
  EXPECT_EQ(
      check({event(EventType::merged, {"510104100", "510104101"}, {draft("510104102", "三圣镇", UnitType::town)})}),
      Kinds{});
}

TEST(CodeRules, RefusesAParentThatIsNotInForce) {
  auto orphan = event(EventType::code_changed, {"510105"}, {draft("510106", "青羊区", UnitType::district)});
  const auto kinds = check(
      {orphan, event(EventType::established, {}, {draft("510105003", "新街道", UnitType::subdistrict)}, "2020-02-01")});
  EXPECT_TRUE(kinds.count("parent_not_in_force"));
  EXPECT_TRUE(kinds.count("orphaned_children"));
}

TEST(CodeRules, RefusesLeavingChildrenUnderAClosedParent) {
  EXPECT_EQ(check({event(EventType::code_changed, {"510105"}, {draft("510106", "青羊区", UnitType::district)})}),
            Kinds{"orphaned_children"});
  // Moving the children in the same batch makes it whole.
  EXPECT_EQ(
      check({event(EventType::code_changed, {"510105"}, {draft("510106", "青羊区", UnitType::district)}),
             event(EventType::code_changed, {"510105001"}, {draft("510106001", "草市街道", UnitType::subdistrict)}),
             event(EventType::code_changed, {"510105002"}, {draft("510106002", "太升街道", UnitType::subdistrict)})}),
      Kinds{});
}

TEST(CodeRules, RefusesRenamesThatAreNotRenames) {
  EXPECT_EQ(check({event(EventType::renamed, {"510104001"}, {draft("510104002", "新街道", UnitType::subdistrict)})}),
            Kinds{"rename_changes_code"});
  EXPECT_EQ(check({event(EventType::renamed, {"510104001"}, {draft("510104001", "督院街道", UnitType::subdistrict)})}),
            Kinds{"rename_same_name"});
}

TEST(CodeRules, RefusesUpgradesThatAreNotUpward) {
  EXPECT_EQ(check({event(EventType::upgraded, {"510104100"}, {draft("510104202", "牛市口乡", UnitType::township)})}),
            Kinds{"upgrade_not_upward"});
  auto same = event(EventType::upgraded, {"510104200"}, {draft("510104200", "柳江镇", UnitType::town)});
  const auto kinds = check({same});
  EXPECT_TRUE(kinds.count("upgrade_keeps_code"));
  EXPECT_TRUE(kinds.count("code_band"));  // 200 is not a town's code either
}

TEST(CodeRules, RefusesTransfersToTheSameParent) {
  EXPECT_EQ(
      check({event(EventType::transferred, {"510104001"}, {draft("510104002", "督院街道", UnitType::subdistrict)})}),
      Kinds{"transfer_same_parent"});
}

TEST(CodeRules, RefusesSeatMovesThatChangeTheUnitOrNotTheSeat) {
  auto renamed = draft("510104001", "新街道", UnitType::subdistrict);
  renamed.seat = "驻某路";
  EXPECT_EQ(check({event(EventType::seat_moved, {"510104001"}, {renamed})}), Kinds{"seat_move_changes_unit"});
  EXPECT_EQ(
      check({event(EventType::seat_moved, {"510104001"}, {draft("510104001", "督院街道", UnitType::subdistrict)})}),
      Kinds{"seat_unchanged"});
}

TEST(CodeRules, RefusesCodeChangesThatKeepTheCode) {
  EXPECT_EQ(
      check({event(EventType::code_changed, {"510104001"}, {draft("510104001", "督院街道", UnitType::subdistrict)})}),
      Kinds{"code_unchanged"});
}

TEST(CodeRules, RefusesSharesThatDoNotSumToOne) {
  auto e = event(EventType::split, {"510104101"},
                 {draft("510104101", "三圣镇", UnitType::town), draft("510104002", "三圣街道", UnitType::subdistrict)});
  e.given_shares = {{0, 0, 0.5, 0.5}, {0, 1, 0.4, 0.5}};
  EXPECT_EQ(check({e}), Kinds{"shares_invalid"});
  e.given_shares = {{0, 0, 1.5, std::nullopt}, {0, 1, -0.5, std::nullopt}};
  EXPECT_EQ(check({e}), Kinds{"shares_invalid"});
  e.given_shares = {{0, 5, 1.0, 1.0}};
  EXPECT_EQ(check({e}), Kinds{"shares_invalid"});
  e.given_shares = {{0, 0, 0.7, 0.6}, {0, 1, 0.3, 0.4}};
  EXPECT_EQ(check({e}), Kinds{});
}

TEST(CodeRules, WarnsWhenTheNameReadsAsAnotherType) {
  test::MemoryView view;
  const auto f =
      validate_events({event(EventType::established, {}, {draft("510104102", "新乡", UnitType::town)})}, view);
  EXPECT_FALSE(f.has_errors());
  EXPECT_EQ(f.count_kind("name_suffix_type"), 1u);
}

}  // namespace
}  // namespace quhua::registry
