#include "quhua/storage/keytown_store.hpp"

#include "support/test_support.hpp"

#include "quhua/storage/database.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::storage {
namespace {

using keytowns::AssessmentEvent;
using keytowns::Comparison;
using keytowns::TownStatus;

struct Fixture {
  Database db{":memory:"};
  KeytownStore store{db};
  Fixture() {
    store.upsert_towns(
        {{"510121101", "城厢镇", "510121", 2023, {}, {}}, {"510121102", "五凤镇", "510121", 2023, {}, {}}}, "planner");
    store.upsert_targets({{"510121101", "resident_population", 2024, 30000, Comparison::at_least, "persons"},
                          {"510121102", "resident_population", 2024, 30000, Comparison::at_least, "persons"}},
                         "planner");
  }
  keytowns::AssessmentOutcome outcome(const std::string& code, TownStatus to, AssessmentEvent event,
                                      std::optional<int> deadline = {}) {
    keytowns::AssessmentOutcome o;
    o.code = code;
    o.year = 2024;
    o.to = to;
    o.event = event;
    o.deadline_year = deadline;
    o.attainment = 0.8;
    o.checks.push_back({"resident_population", 30000, Comparison::at_least, 24000.0, 0.8, false});
    return o;
  }
};

TEST(KeytownStore, RegistersTownsOnTrackAndMigratesUnderItsOwnModule) {
  Fixture f;
  const auto towns = f.store.towns();
  ASSERT_EQ(towns.size(), 2u);
  EXPECT_EQ(towns[0].name, "城厢镇");
  EXPECT_EQ(towns[0].state.status, TownStatus::on_track);
  EXPECT_EQ(f.db.schema_version("keytowns"), 1);
  EXPECT_EQ(f.db.schema_version("registry"), 0);
  KeytownStore again(f.db);  // idempotent
  EXPECT_EQ(again.towns().size(), 2u);
}

TEST(KeytownStore, ChangedTargetsAndFiguresAreAuditedWithTheOldValue) {
  Fixture f;
  f.store.upsert_targets({{"510121101", "resident_population", 2024, 28000, Comparison::at_least, "persons"}}, "chief");
  f.store.record_actuals({{"510121101", "resident_population", 2024, 27000}}, "clerk");
  f.store.record_actuals({{"510121101", "resident_population", 2024, 27500}}, "clerk");
  const auto log = f.store.audit();
  ASSERT_GE(log.size(), 5u);
  bool saw_target_change = false, saw_actual_change = false;
  for (const auto& e : log) {
    if (e.action == "target_changed") {
      saw_target_change = true;
      EXPECT_EQ(e.actor, "chief");
      EXPECT_NE(e.detail.find("30000.0000 -> >= 28000.0000"), std::string::npos) << e.detail;
    }
    if (e.action == "actual_changed") {
      saw_actual_change = true;
      EXPECT_NE(e.detail.find("27000.0000 -> 27500.0000"), std::string::npos) << e.detail;
    }
    EXPECT_FALSE(e.at.empty());
  }
  EXPECT_TRUE(saw_target_change);
  EXPECT_TRUE(saw_actual_change);
  EXPECT_DOUBLE_EQ(f.store.targets(2024)[0].value, 28000);
  EXPECT_DOUBLE_EQ(f.store.actuals(2024)[0].value, 27500);
}

TEST(KeytownStore, RecordsAssessmentHistoryAndNewStates) {
  Fixture f;
  const auto run = f.store.record_assessment(
      2024, R"({"warning_floor":0.9})", "annual review",
      {f.outcome("510121101", TownStatus::rectification, AssessmentEvent::rectification_ordered, 2025),
       f.outcome("510121102", TownStatus::warning, AssessmentEvent::warned)},
      "county civil affairs");
  EXPECT_GT(run, 0);
  const auto town = f.store.town("510121101");
  EXPECT_EQ(town->state.status, TownStatus::rectification);
  EXPECT_EQ(town->state.deadline_year, 2025);
  EXPECT_EQ(town->last_assessed_year, 2024);
  const auto history = f.store.history("510121101");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].assessed_by, "county civil affairs");
  EXPECT_EQ(history[0].outcome.event, AssessmentEvent::rectification_ordered);
  ASSERT_EQ(history[0].outcome.checks.size(), 1u);
  EXPECT_EQ(history[0].outcome.checks[0].actual, 24000.0);
  EXPECT_EQ(f.store.run_for_year(2024)->note, "annual review");
  EXPECT_EQ(f.store.history().size(), 2u);
}

TEST(KeytownStore, AYearIsAssessedOnceAndHistoryCannotBeRewritten) {
  Fixture f;
  f.store.record_assessment(2024, "{}", "", {f.outcome("510121101", TownStatus::warning, AssessmentEvent::warned)},
                            "a");
  try {
    f.store.record_assessment(2024, "{}", "", {}, "b");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("already assessed"), std::string::npos);
  }
  EXPECT_THROW(f.db.execute("UPDATE keytown_assessments SET to_status = 'on_track'"), StorageError);
  EXPECT_THROW(f.db.execute("DELETE FROM keytown_assessments"), StorageError);
  EXPECT_THROW(f.db.execute("DELETE FROM keytown_audit"), StorageError);
  EXPECT_THROW(f.db.execute("UPDATE keytown_checks SET met = 1"), StorageError);
}

TEST(KeytownStore, AFailedAssessmentLeavesNothingBehind) {
  Fixture f;
  const auto audit_before = f.store.audit().size();
  EXPECT_THROW(f.store.record_assessment(2024, "{}", "",
                                         {f.outcome("510121101", TownStatus::warning, AssessmentEvent::warned),
                                          f.outcome("999", TownStatus::warning, AssessmentEvent::warned)},
                                         "a"),
               InputError);
  EXPECT_FALSE(f.store.run_for_year(2024));
  EXPECT_TRUE(f.store.history().empty());
  EXPECT_EQ(f.store.town("510121101")->state.status, TownStatus::on_track);
  EXPECT_EQ(f.store.audit().size(), audit_before);
}

TEST(KeytownStore, WritesNestInsideACallersTransaction) {
  test::TempDir dir;
  Database db((dir / "k.sqlite").string());
  KeytownStore store(db);
  {
    Transaction tx(db);
    store.upsert_towns({{"t1", "甲镇", "", 2024, {}, {}}}, "x");
    // no commit: rolled back
  }
  EXPECT_TRUE(store.towns().empty());
  {
    Transaction tx(db);
    store.upsert_towns({{"t1", "甲镇", "", 2024, {}, {}}}, "x");
    store.upsert_targets({{"t1", "gdp", 2025, 10, Comparison::at_least, ""}}, "x");
    tx.commit();
  }
  EXPECT_EQ(store.towns().size(), 1u);
  EXPECT_THROW(store.upsert_targets({{"nope", "gdp", 2025, 1, Comparison::at_least, ""}}, "x"), InputError);
}

}  // namespace
}  // namespace quhua::storage
