// The SQLite registry store: every event type and its inverse queries (predecessors, successors,
// code history), as-of states across chains of events, the never-reused code rule, the append-only
// triggers and the audit log.
#include "support/registry_fixture.hpp"
#include "support/test_support.hpp"

#include "quhua/algorithms/registry/event_links.hpp"
#include "quhua/storage/database.hpp"
#include "quhua/storage/registry_store.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

namespace quhua::storage {
namespace {

using model::UnitType;
using registry::EventDraft;
using registry::EventType;
using test::code12;
using test::day;
using test::draft;

const registry::WriteContext k_who{"tester", "unit test"};

class RegistryStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path = (dir / "registry.sqlite").string();
    store = open_sqlite_registry(path);
    store->seed(test::sample_units(), day("2019-01-01"), k_who);
  }

  // Records one event, with links computed as the service would.
  std::int64_t record(EventDraft e) {
    std::vector<registry::UnitVersion> before;
    for (const auto& code : e.before) before.push_back(store->versions_of_code(code).back());
    registry::compute_links(e, before);
    return store->record_events({e}, k_who).front();
  }

  std::string name_as_of(const std::string& code, const char* date) {
    for (const auto& u : store->units_as_of(day(date), UnitFilter{code12(code), std::nullopt})) {
      if (u.code == code12(code)) return u.name;
    }
    return "";
  }

  static EventDraft event(EventType type, const char* effective, std::vector<std::string> before,
                          std::vector<registry::UnitDraft> after) {
    EventDraft e;
    e.type = type;
    e.effective = day(effective);
    e.document = "锦府发〔2019〕1号";
    for (auto& b : before) e.before.push_back(code12(b));
    e.after = std::move(after);
    return e;
  }

  std::vector<std::string> codes(const Lineage& lineage) {
    std::vector<std::string> out;
    for (const auto& step : lineage.units)
      out.push_back(model::short_code(step.unit.code, step.unit.level) + "@" + step.unit.name);
    return out;
  }

  test::TempDir dir;
  std::string path;
  std::unique_ptr<RegistryStore> store;
};

TEST_F(RegistryStoreTest, SeedOpensFirstVersionsAndRefusesKnownCodes) {
  const auto units = store->units_as_of(day("2019-01-01"), {});
  EXPECT_EQ(units.size(), 11u);
  EXPECT_TRUE(store->units_as_of(day("2018-12-31"), {}).empty());
  EXPECT_THROW(store->seed({draft("510104001", "督院街道", UnitType::subdistrict)}, day("2019-01-01"), k_who),
               InputError);
  EXPECT_EQ(store->check_integrity(), std::vector<std::string>{});
}

TEST_F(RegistryStoreTest, RenameKeepsCodeAndLinksVersions) {
  const auto id = record(event(EventType::renamed, "2019-06-01", {"510104001"},
                               {draft("510104001", "督院街街道", UnitType::subdistrict)}));
  EXPECT_EQ(name_as_of("510104001", "2019-05-31"), "督院街道");
  EXPECT_EQ(name_as_of("510104001", "2019-06-01"), "督院街街道");
  const auto versions = store->versions_of_code(code12("510104001"));
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].valid_to, day("2019-06-01"));
  EXPECT_EQ(versions[0].ended_by, id);
  EXPECT_EQ(versions[1].created_by, id);
  EXPECT_FALSE(store->code_status(code12("510104001"))->retired_on);
  EXPECT_EQ(codes(store->lineage(versions[0].id, LineageDirection::successors)),
            (std::vector<std::string>{"510104001@督院街道", "510104001@督院街街道"}));
  EXPECT_EQ(codes(store->lineage(versions[1].id, LineageDirection::predecessors)),
            (std::vector<std::string>{"510104001@督院街街道", "510104001@督院街道"}));
}

TEST_F(RegistryStoreTest, UpgradeTakesNewCodeAndRetiresOld) {
  record(event(EventType::upgraded, "2019-07-01", {"510104200"}, {draft("510104102", "柳江镇", UnitType::town)}));
  EXPECT_EQ(name_as_of("510104200", "2019-06-30"), "柳江乡");
  EXPECT_EQ(name_as_of("510104200", "2019-07-01"), "");
  EXPECT_EQ(name_as_of("510104102", "2019-07-01"), "柳江镇");
  EXPECT_EQ(store->code_status(code12("510104200"))->retired_on, day("2019-07-01"));
  const auto old = store->versions_of_code(code12("510104200")).front();
  EXPECT_EQ(codes(store->lineage(old.id, LineageDirection::successors)),
            (std::vector<std::string>{"510104200@柳江乡", "510104102@柳江镇"}));
}

TEST_F(RegistryStoreTest, MergeIntoSurvivorRetiresAbsorbedCodes) {
  const auto id = record(event(EventType::merged, "2020-01-01", {"510104100", "510104101", "510104201"},
                               {draft("510104100", "牛市口镇", UnitType::town, 56000, 100.0)}));
  EXPECT_FALSE(store->code_status(code12("510104100"))->retired_on);
  EXPECT_TRUE(store->code_status(code12("510104101"))->retired_on);
  EXPECT_TRUE(store->code_status(code12("510104201"))->retired_on);
  const auto survivor = store->versions_of_code(code12("510104100")).back();
  const auto preds = store->lineage(survivor.id, LineageDirection::predecessors);
  EXPECT_EQ(codes(preds), (std::vector<std::string>{"510104100@牛市口镇", "510104100@牛市口镇", "510104101@三圣镇",
                                                    "510104201@琉璃乡"}));
  ASSERT_EQ(preds.events.size(), 1u);
  EXPECT_EQ(preds.events[0].id, id);
  EXPECT_EQ(preds.events[0].links.size(), 3u);
  const auto absorbed = store->versions_of_code(code12("510104201")).front();
  EXPECT_EQ(codes(store->lineage(absorbed.id, LineageDirection::successors)),
            (std::vector<std::string>{"510104201@琉璃乡", "510104100@牛市口镇"}));
  EXPECT_EQ(store->units_as_of(day("2020-01-01"), UnitFilter{code12("510104"), model::UnitLevel::township}).size(), 3u);
}

TEST_F(RegistryStoreTest, SplitSharesByPopulationOfThePieces) {
  record(event(EventType::split, "2020-06-01", {"510104101"},
               {draft("510104101", "三圣镇", UnitType::town, 15000, 18.0),
                draft("510104103", "三圣乡新镇", UnitType::town, 5000, 12.0)}));
  const auto old = store->versions_of_code(code12("510104101")).front();
  const auto succ = store->lineage(old.id, LineageDirection::successors);
  ASSERT_EQ(succ.units.size(), 3u);
  ASSERT_EQ(succ.events.size(), 1u);
  const auto& links = succ.events[0].links;
  ASSERT_EQ(links.size(), 2u);
  EXPECT_DOUBLE_EQ(links[0].population_share + links[1].population_share, 1.0);
  EXPECT_DOUBLE_EQ(links[0].population_share, 0.75);
  EXPECT_EQ(links[0].population_basis, registry::WeightBasis::population);
  EXPECT_DOUBLE_EQ(links[0].area_share, 0.6);
  EXPECT_EQ(links[0].area_basis, registry::WeightBasis::area);
  const auto piece = store->versions_of_code(code12("510104103")).front();
  EXPECT_EQ(codes(store->lineage(piece.id, LineageDirection::predecessors)),
            (std::vector<std::string>{"510104103@三圣乡新镇", "510104101@三圣镇"}));
}

TEST_F(RegistryStoreTest, TransferIsVisibleFromBothCounties) {
  auto moved = draft("510104002", "草市街道", UnitType::subdistrict);
  const auto id = record(event(EventType::transferred, "2020-07-01", {"510105001"}, {moved}));
  for (const char* county : {"510104", "510105"}) {
    const auto events = store->events(EventFilter{code12(county), day("2020-01-01"), day("2020-12-31")});
    ASSERT_EQ(events.size(), 1u) << county;
    EXPECT_EQ(events[0].id, id);
  }
  EXPECT_TRUE(store->events(EventFilter{code12("510105"), day("2020-07-02"), std::nullopt}).empty());
  EXPECT_EQ(name_as_of("510104002", "2020-07-01"), "草市街道");
  EXPECT_EQ(store->units_as_of(day("2020-07-01"), UnitFilter{code12("510105"), model::UnitLevel::township}).size(), 1u);
}

TEST_F(RegistryStoreTest, SeatMoveKeepsCodeAndName) {
  auto after = draft("510104001", "督院街道", UnitType::subdistrict);
  after.seat = "驻红星路二段";
  record(event(EventType::seat_moved, "2020-08-01", {"510104001"}, {after}));
  const auto versions = store->versions_of_code(code12("510104001"));
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].seat, "驻红星路二段");
  EXPECT_EQ(versions[1].name, versions[0].name);
}

TEST_F(RegistryStoreTest, CodeChangeRetiresTheOldCode) {
  record(
      event(EventType::code_changed, "2020-09-01", {"510104200"}, {draft("510104202", "柳江乡", UnitType::township)}));
  EXPECT_TRUE(store->code_status(code12("510104200"))->retired_on);
  const auto history = store->versions_of_code(code12("510104202"));
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(codes(store->lineage(history[0].id, LineageDirection::predecessors)),
            (std::vector<std::string>{"510104202@柳江乡", "510104200@柳江乡"}));
}

TEST_F(RegistryStoreTest, AbolitionEndsALineageAndEstablishmentStartsOne) {
  const auto abolished = record(event(EventType::abolished, "2021-01-01", {"510104201"}, {}));
  const auto old = store->versions_of_code(code12("510104201")).front();
  const auto succ = store->lineage(old.id, LineageDirection::successors);
  EXPECT_EQ(succ.units.size(), 1u);
  ASSERT_EQ(succ.events.size(), 1u);  // the abolition itself belongs to the lineage
  EXPECT_EQ(succ.events[0].id, abolished);
  const auto est =
      record(event(EventType::established, "2021-02-01", {}, {draft("510104003", "东湖街道", UnitType::subdistrict)}));
  const auto fresh = store->versions_of_code(code12("510104003")).front();
  const auto preds = store->lineage(fresh.id, LineageDirection::predecessors);
  EXPECT_EQ(preds.units.size(), 1u);
  ASSERT_EQ(preds.events.size(), 1u);
  EXPECT_EQ(preds.events[0].id, est);
}

TEST_F(RegistryStoreTest, AsOfQueriesFollowChainsOfEvents) {
  // 柳江乡 -> 柳江镇 (upgrade) -> absorbed with 琉璃乡 into 牛市口镇 -> split off again as 柳江街道.
  record(event(EventType::upgraded, "2019-07-01", {"510104200"}, {draft("510104102", "柳江镇", UnitType::town)}));
  record(event(EventType::merged, "2020-01-01", {"510104100", "510104102", "510104201"},
               {draft("510104100", "牛市口镇", UnitType::town, 44000, 110.0)}));
  record(event(EventType::split, "2021-01-01", {"510104100"},
               {draft("510104100", "牛市口镇", UnitType::town, 36000, 60.0),
                draft("510104004", "柳江街道", UnitType::subdistrict, 8000, 50.0)}));
  EXPECT_EQ(name_as_of("510104200", "2019-06-30"), "柳江乡");
  EXPECT_EQ(name_as_of("510104102", "2019-12-31"), "柳江镇");
  EXPECT_EQ(name_as_of("510104102", "2020-01-01"), "");
  EXPECT_EQ(name_as_of("510104004", "2021-01-01"), "柳江街道");
  auto townships = [&](const char* date) {
    return store->units_as_of(day(date), UnitFilter{code12("510104"), model::UnitLevel::township}).size();
  };
  EXPECT_EQ(townships("2019-06-30"), 5u);
  EXPECT_EQ(townships("2019-07-01"), 5u);
  EXPECT_EQ(townships("2020-01-01"), 3u);
  EXPECT_EQ(townships("2021-01-01"), 4u);
  // The first version's successors reach every later unit of the chain.
  const auto first = store->versions_of_code(code12("510104200")).front();
  const auto succ = store->lineage(first.id, LineageDirection::successors);
  EXPECT_EQ(codes(succ), (std::vector<std::string>{"510104200@柳江乡", "510104102@柳江镇", "510104100@牛市口镇",
                                                   "510104100@牛市口镇", "510104004@柳江街道"}));
  EXPECT_EQ(succ.units.back().depth, 3);
  EXPECT_EQ(succ.events.size(), 3u);
  // And 柳江街道's predecessors go back to 柳江乡 and 琉璃乡.
  const auto last = store->versions_of_code(code12("510104004")).front();
  const auto preds = codes(store->lineage(last.id, LineageDirection::predecessors));
  EXPECT_NE(std::find(preds.begin(), preds.end(), "510104200@柳江乡"), preds.end());
  EXPECT_NE(std::find(preds.begin(), preds.end(), "510104201@琉璃乡"), preds.end());
  EXPECT_EQ(store->events(EventFilter{code12("510104"), day("2019-01-01"), day("2020-12-31")}).size(), 2u);
  EXPECT_EQ(store->events_between(day("2019-07-01"), day("2021-01-01")).size(), 2u);  // (after, up_to]
  EXPECT_EQ(store->check_integrity(), std::vector<std::string>{});
}

TEST_F(RegistryStoreTest, RetiredCodeIsNeverUsedAgain) {
  record(event(EventType::abolished, "2020-01-01", {"510104201"}, {}));
  auto reuse = event(EventType::established, "2021-01-01", {}, {draft("510104201", "新琉璃乡", UnitType::township)});
  try {
    store->record_events({reuse}, k_who);
    FAIL() << "a retired code was reused";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("retired on 2020-01-01"), std::string::npos) << e.what();
  }
  // Nothing of the refused batch was written.
  EXPECT_EQ(store->counts().events, 1);
  // And the database itself refuses, whatever client writes.
  Database raw(path);
  EXPECT_THROW(raw.execute("INSERT INTO registry_unit(code, name, level, type, parent_code, valid_from) VALUES"
                           " ('510104201000', 'x', 4, 'township', '510104000000', '2022-01-01')"),
               StorageError);
  EXPECT_THROW(raw.execute("UPDATE registry_code SET retired_on = NULL, retired_by = NULL WHERE code = '510104201000'"),
               StorageError);
}

TEST_F(RegistryStoreTest, StoreRefusesBrokenEventsAtomically) {
  auto good =
      event(EventType::renamed, "2020-01-01", {"510104001"}, {draft("510104001", "督院街街道", UnitType::subdistrict)});
  auto in_use = event(EventType::established, "2020-01-01", {}, {draft("510104100", "另一个镇", UnitType::town)});
  EXPECT_THROW(store->record_events({good, in_use}, k_who), InputError);
  EXPECT_EQ(store->counts().events, 0);  // the good event went too
  EXPECT_EQ(store->versions_of_code(code12("510104001")).size(), 1u);
  auto not_in_force =
      event(EventType::renamed, "2020-01-01", {"510104999"}, {draft("510104999", "x镇", UnitType::town)});
  EXPECT_THROW(store->record_events({not_in_force}, k_who), InputError);
  auto too_early =
      event(EventType::renamed, "2019-01-01", {"510104001"}, {draft("510104001", "y街道", UnitType::subdistrict)});
  EXPECT_THROW(store->record_events({too_early}, k_who), InputError);
  EXPECT_EQ(store->check_integrity(), std::vector<std::string>{});
}

TEST_F(RegistryStoreTest, HistoryIsAppendOnlyAndAudited) {
  record(event(EventType::renamed, "2020-01-01", {"510104001"},
               {draft("510104001", "督院街街道", UnitType::subdistrict)}));
  const auto log = store->audit_log(10);
  ASSERT_EQ(log.size(), 2u);  // seed, then the event
  EXPECT_EQ(log[0].action, "record_event");
  EXPECT_EQ(log[0].actor, "tester");
  EXPECT_NE(log[0].detail.find("督院街街道"), std::string::npos);
  EXPECT_NE(log[0].detail.find("锦府发"), std::string::npos);
  EXPECT_EQ(log[1].action, "seed");
  Database raw(path);
  EXPECT_THROW(raw.execute("DELETE FROM registry_audit"), StorageError);
  EXPECT_THROW(raw.execute("UPDATE registry_audit SET actor = 'someone else'"), StorageError);
  EXPECT_THROW(raw.execute("DELETE FROM registry_event"), StorageError);
  EXPECT_THROW(raw.execute("UPDATE registry_event SET document = ''"), StorageError);
  EXPECT_THROW(raw.execute("UPDATE registry_unit SET name = 'x' WHERE valid_to IS NOT NULL"), StorageError);
  EXPECT_THROW(raw.execute("DELETE FROM registry_unit"), StorageError);
}

TEST_F(RegistryStoreTest, SnapshotsRoundTripAndRefuseDuplicates) {
  auto s = test::snapshot("2019", "2019-10-31",
                          {{"51", "四川省"}, {"5101", "成都市"}, {"510104", "锦江区"}, {"510104001", "督院街道"}});
  s.units.back().geometry = {model::Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, {}}};
  store->save_snapshot(s, false, k_who);
  EXPECT_THROW(store->save_snapshot(s, false, k_who), InputError);
  s.units.pop_back();
  store->save_snapshot(s, true, k_who);
  const auto loaded = store->load_snapshot("2019");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->units.size(), 3u);
  EXPECT_EQ(loaded->as_of, day("2019-10-31"));
  ASSERT_EQ(store->snapshots().size(), 1u);
  EXPECT_EQ(store->snapshots()[0].unit_count, 3);
  EXPECT_FALSE(store->load_snapshot("2020"));
  EXPECT_EQ(store->check_integrity(), std::vector<std::string>{});
}

TEST_F(RegistryStoreTest, ReopensWithWalAndForeignKeys) {
  store.reset();
  store = open_sqlite_registry(path);
  Database raw(path);
  auto mode = raw.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.column_text(0), "wal");
  auto fk = raw.prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.step());
  EXPECT_EQ(fk.column_int(0), 1);
  EXPECT_EQ(raw.schema_version("registry"), 1);
  EXPECT_EQ(store->counts().units_in_force, 11);
}

// The store refuses a name with a control character whatever the caller checked: in a seed, an event
// and a snapshot, each all or nothing.
TEST_F(RegistryStoreTest, RefusesNamesWithControlCharacters) {
  EXPECT_THROW(store->seed({draft("510105009", "草市\n街道", UnitType::subdistrict)}, day("2019-01-01"), k_who),
               InputError);
  EXPECT_TRUE(store->versions_of_code(code12("510105009")).empty());
  EXPECT_THROW(store->record_events({event(EventType::renamed, "2020-01-01", {"510104001"},
                                           {draft("510104001", "督院\t街道", UnitType::subdistrict)})},
                                    k_who),
               InputError);
  EXPECT_EQ(store->counts().events, 0);
  auto s = test::snapshot("2019", "2019-10-31", {{"51", "四川省"}, {"510104001", "督院\r街道"}});
  EXPECT_THROW(store->save_snapshot(s, false, k_who), InputError);
  EXPECT_TRUE(store->snapshots().empty());
  EXPECT_EQ(store->check_integrity(), std::vector<std::string>{});
}

// A registry opened read-only answers queries and writes nothing; writing through it fails as a
// storage error instead of changing the file.
TEST_F(RegistryStoreTest, ReadOnlyStoreReadsAndNeverWrites) {
  store.reset();
  const auto size_before = std::filesystem::file_size(path);
  auto reader = open_sqlite_registry(path, OpenMode::read_only);
  EXPECT_EQ(reader->counts().units_in_force, 11);
  EXPECT_THROW(reader->seed({draft("510105009", "草市街道", UnitType::subdistrict)}, day("2019-01-01"), k_who),
               StorageError);
  reader.reset();
  EXPECT_EQ(std::filesystem::file_size(path), size_before);
  EXPECT_EQ(open_sqlite_registry(path)->counts().units_in_force, 11);
}

// Each save_snapshot_and_seed is all or nothing: a code already there refuses both.
TEST_F(RegistryStoreTest, SnapshotAndSeedAreOneTransaction) {
  auto s = test::snapshot("2019", "2019-10-31", {{"51", "四川省"}, {"510105009", "草市街道"}});
  EXPECT_THROW(store->save_snapshot_and_seed(s, false,
                                             {draft("510105009", "草市街道", UnitType::subdistrict),
                                              draft("510104001", "督院街道", UnitType::subdistrict)},
                                             day("2019-10-31"), k_who, std::string()),
               InputError);
  EXPECT_TRUE(store->snapshots().empty());
  EXPECT_TRUE(store->versions_of_code(code12("510105009")).empty());
  EXPECT_TRUE(store->scopes().empty());
  store->save_snapshot_and_seed(s, false, {draft("510105009", "草市街道", UnitType::subdistrict)}, day("2019-10-31"),
                                k_who, std::string());
  EXPECT_EQ(store->snapshots().size(), 1u);
  EXPECT_EQ(store->versions_of_code(code12("510105009")).size(), 1u);
  EXPECT_EQ(store->check_integrity(), std::vector<std::string>{});
}

}  // namespace
}  // namespace quhua::storage
