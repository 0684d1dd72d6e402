// From a plan (code,region,seat_code) to events: mergers keep the seat's code, type changes take a
// new code, and every refusal of a malformed plan.
#include "quhua/algorithms/registry/plan_events.hpp"

#include "memory_view.hpp"

#include <gtest/gtest.h>

namespace quhua::registry {
namespace {

using test::code12;

PlanAssignment row(const std::string& code, const std::string& region, const std::string& seat) {
  return PlanAssignment{code12(code), region, code12(seat), "plan.csv row " + code};
}

PlanEvents run(const std::vector<PlanAssignment>& plan, const std::map<std::string, RegionName>& names = {},
               const std::map<std::string, UnitFacts>& facts = {}) {
  test::MemoryView view;
  return plan_to_events(plan, names, facts, view, PlanOptions{test::day("2020-01-01"), "川府民〔2019〕12号", ""});
}

std::set<std::string> errors(const PlanEvents& p) {
  std::set<std::string> out;
  for (const auto& f : p.findings.items()) {
    if (f.severity == Severity::error) out.insert(f.kind);
  }
  return out;
}

TEST(PlanEvents, MergerKeepsTheSeatCodeAndSumsFigures) {
  const auto p = run({row("510104100", "1", "510104100"), row("510104101", "1", "510104100"),
                      row("510104201", "1", "510104100"), row("510104001", "2", "510104001")});
  EXPECT_FALSE(p.findings.has_errors());
  ASSERT_EQ(p.events.size(), 1u);
  const auto& e = p.events[0];
  EXPECT_EQ(e.type, EventType::merged);
  EXPECT_EQ(e.before, (std::vector<std::string>{code12("510104100"), code12("510104101"), code12("510104201")}));
  ASSERT_EQ(e.after.size(), 1u);
  EXPECT_EQ(e.after[0].code, code12("510104100"));
  EXPECT_EQ(e.after[0].name, "牛市口镇");
  EXPECT_EQ(e.after[0].population, 56000.0);
  EXPECT_EQ(e.after[0].area_km2, 100.0);
  EXPECT_EQ(e.document, "川府民〔2019〕12号");
  EXPECT_EQ(e.source, EventSource::plan);
  ASSERT_EQ(p.regions.size(), 2u);
  EXPECT_EQ(p.regions[1].action, "unchanged");
}

TEST(PlanEvents, NamesTableRenamesAndRetypes) {
  std::map<std::string, RegionName> names{{"1", {"锦华街道", model::UnitType::subdistrict}},
                                          {"2", {"督院新街道", std::nullopt}},
                                          {"3", {"", model::UnitType::town}}};
  const auto p = run({row("510104100", "1", "510104101"), row("510104101", "1", "510104101"),
                      row("510104001", "2", "510104001"), row("510104200", "3", "510104200")},
                     names, {{code12("510104100"), {"", 31000, std::nullopt}}});
  ASSERT_EQ(p.events.size(), 3u);
  EXPECT_EQ(p.events[0].type, EventType::merged);
  EXPECT_TRUE(p.events[0].after[0].code.empty());  // a 街道 needs a code in 001-099: allocated later
  EXPECT_EQ(p.events[0].after[0].type, model::UnitType::subdistrict);
  EXPECT_EQ(p.events[0].after[0].population, 51000.0);         // the unit list's figure wins
  EXPECT_EQ(p.events[0].before.front(), code12("510104101"));  // the seat first
  EXPECT_EQ(p.events[1].type, EventType::renamed);
  EXPECT_EQ(p.events[1].after[0].code, code12("510104001"));
  EXPECT_EQ(p.events[2].type, EventType::upgraded);
  EXPECT_EQ(p.events[2].after[0].name, "柳江乡");  // no new name given: the validator warns of the suffix
}

TEST(PlanEvents, RefusesMalformedPlans) {
  EXPECT_EQ(errors(run({row("510104100", "1", "510104100"), row("510104100", "2", "510104100")})),
            std::set<std::string>{"plan_duplicate_code"});
  EXPECT_EQ(errors(run({row("510104999", "1", "510104999")})), std::set<std::string>{"plan_unit_unknown"});
  EXPECT_EQ(errors(run({row("510104", "1", "510104")})), std::set<std::string>{"plan_unit_unknown"});
  EXPECT_EQ(errors(run({row("510104100", "1", "510104100"), row("510104101", "1", "510104101")})),
            std::set<std::string>{"plan_seat_inconsistent"});
  EXPECT_EQ(errors(run({row("510104100", "1", "510104001"), row("510104101", "1", "510104001")})),
            std::set<std::string>{"plan_seat_missing"});
  EXPECT_EQ(errors(run({row("510104100", "1", "510104100"), row("510105001", "1", "510104100")})),
            std::set<std::string>{"plan_region_spans_parents"});
}

TEST(PlanEvents, WarnsWhenTheUnitListNamesAUnitOtherwise) {
  const auto p =
      run({row("510104100", "1", "510104100")}, {}, {{code12("510104100"), {"牛市镇", std::nullopt, std::nullopt}}});
  EXPECT_FALSE(p.findings.has_errors());
  EXPECT_EQ(p.findings.count_kind("plan_name_mismatch"), 1u);
}

}  // namespace
}  // namespace quhua::registry
