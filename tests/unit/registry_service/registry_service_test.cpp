// The registry service end to end on small NBS-style folders written to a temp dir: import and
// seed, recording events with defaults and code allocation, approved plans (and their refusals),
// crosswalks with conversion, drift, diff; and input errors that name file, row and field.
#include "support/registry_fixture.hpp"
#include "support/test_support.hpp"

#include "quhua/service/registry.hpp"
#include "quhua/storage/database.hpp"
#include "quhua/util/error.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace quhua::service {
namespace {

namespace fs = std::filesystem;
using registry::EventType;
using test::code12;
using test::day;

// An edition folder laid out like ../shared/data/nbs-division-codes/YEAR.
void write_edition(const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& townships,
                   const std::string& extra_areas = "") {
  fs::create_directories(dir);
  test::write_file(dir / "provinces.csv", "code,name\n51,\"四川省\"\n44,\"广东省\"\n");
  test::write_file(dir / "cities.csv", "code,name,provinceCode\n5101,\"成都市\",51\n4419,\"东莞市\",44\n");
  test::write_file(dir / "areas.csv",
                   "code,name,cityCode,provinceCode\n510104,\"锦江区\",5101,51\n510105,\"青羊区\",5101,51\n"
                   "441900,\"东莞市\",4419,44\n" +
                       extra_areas);
  std::string streets = "code,name,areaCode,provinceCode,cityCode\n";
  for (const auto& [code, name] : townships) {
    const std::string county = code.substr(0, 6);
    streets += code + ",\"" + name + "\"," + county + "," + code.substr(0, 2) + "," + code.substr(0, 4) + "\n";
  }
  test::write_file(dir / "streets.csv", streets);
}

const std::vector<std::pair<std::string, std::string>> k_2019{
    {"510104001", "督院街道办事处"}, {"510104100", "牛市口镇"}, {"510104101", "三圣镇"}, {"510104200", "柳江乡"},
    {"510104201", "琉璃乡"},         {"510105001", "草市街道"}, {"441900100", "石龙镇"}};

class RegistryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db.path = (dir / "q.sqlite").string();
    db.actor = "科员甲";
    db.command = "test";
    write_edition(dir / "2019", k_2019);
    registry_init(db);
    ImportSnapshotRequest import;
    import.db = db;
    import.source = dir / "2019";
    import.name = "2019";
    import.seed = true;
    const auto r = registry_import_snapshot(import);
    ASSERT_EQ(r.units_by_level.at(model::UnitLevel::township), 7u);
    ASSERT_EQ(r.units_by_level.at(model::UnitLevel::county), 2u);  // 441900 is 东莞市 itself, skipped
    ASSERT_EQ(r.seeded_units, 13u);
  }

  registry::EventDraft event(EventType type, std::vector<std::string> before, std::vector<registry::UnitDraft> after,
                             const char* effective = "2020-01-01") {
    registry::EventDraft e;
    e.type = type;
    e.effective = day(effective);
    e.document = "锦府发〔2020〕1号";
    for (auto& b : before) e.before.push_back(code12(b));
    e.after = std::move(after);
    return e;
  }

  static registry::UnitDraft named(const std::string& name, model::UnitType type = model::UnitType::other) {
    registry::UnitDraft d;
    d.name = name;
    d.type = type;
    return d;
  }

  test::TempDir dir;
  RegistryDb db;
};

// import-nbs --seed writes the units and the snapshot in one transaction: when the second part fails
// (a full disk, simulated by a trigger) nothing of the first is left, and the same import runs again.
// It used to leave a seeded registry without its snapshot, and the re-run was refused ("code 51 is
// already in the registry").
TEST(RegistryImport, SeedAndSnapshotAreOneTransaction) {
  test::TempDir dir;
  const RegistryDb db{(dir / "q.sqlite").string(), "科员甲", "test"};
  write_edition(dir / "2019", k_2019);
  registry_init(db);
  {
    storage::Database raw(db.path, storage::OpenMode::existing);
    raw.execute(
        "CREATE TRIGGER disk_full BEFORE INSERT ON registry_snapshot BEGIN SELECT RAISE(ABORT, 'database or disk is "
        "full'); END");
  }
  const ImportSnapshotRequest import{db, dir / "2019", "2019", std::nullopt, false, true, ""};
  EXPECT_THROW(registry_import_snapshot(import), StorageError);
  EXPECT_TRUE(registry_tree(db, day("2019-10-31"), "").units.empty());
  EXPECT_TRUE(registry_snapshots(db).empty());
  EXPECT_TRUE(registry_audit(db, 10).empty());
  storage::Database(db.path, storage::OpenMode::existing).execute("DROP TRIGGER disk_full");
  EXPECT_EQ(registry_import_snapshot(import).seeded_units, 13u);
  EXPECT_EQ(registry_snapshots(db).size(), 1u);
}

// A name is one line: an edition whose name holds a newline is refused naming file, row and field, and
// so is an event's new name; nothing is written.
TEST_F(RegistryServiceTest, NamesWithControlCharactersAreRefused) {
  auto broken = k_2019;
  broken[1].second = "牛市口\n镇";
  write_edition(dir / "broken", broken);
  try {
    registry_import_snapshot(ImportSnapshotRequest{db, dir / "broken", "broken", day("2020-01-01"), false, false, ""});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(e.context().file.find("streets.csv"), std::string::npos);
    EXPECT_EQ(e.context().field, "name");
    EXPECT_NE(std::string(e.what()).find("U+000A"), std::string::npos) << e.what();
  }
  EXPECT_EQ(registry_snapshots(db).size(), 1u);
  const auto r = registry_record(db, {event(EventType::renamed, {"510104001"}, {named("督院街\r\n街道")})});
  EXPECT_FALSE(r.accepted);
  EXPECT_EQ(r.findings.count_kind("name_control_character"), 1u);
  EXPECT_TRUE(registry_events(db, {}).events.empty());
}

TEST_F(RegistryServiceTest, ImportedEditionSeedsTypesFromCodesAndNames) {
  const auto tree = registry_tree(db, day("2019-10-31"), "510104");
  ASSERT_EQ(tree.units.size(), 6u);
  EXPECT_EQ(tree.units[0].name, "锦江区");
  EXPECT_EQ(tree.depth[1], 1);
  EXPECT_EQ(tree.units[1].type, model::UnitType::subdistrict);
  EXPECT_EQ(tree.units[2].type, model::UnitType::town);
  EXPECT_EQ(tree.units[4].type, model::UnitType::township);
  const auto dongguan = registry_show(db, "441900100");
  EXPECT_EQ(dongguan.versions[0].parent_code, code12("4419"));
  EXPECT_TRUE(registry_tree(db, day("2019-10-30"), "").units.empty());
  EXPECT_EQ(registry_snapshots(db).size(), 1u);
  const auto audit = registry_audit(db, 10);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].actor, "科员甲");
}

TEST_F(RegistryServiceTest, RecordFillsWhatARenameOrSeatMoveLeavesOut) {
  auto rename = event(EventType::renamed, {"510104001"}, {named("督院街街道")});
  auto seat = event(EventType::seat_moved, {"510104100"}, {}, "2020-02-01");
  seat.after.push_back(named(""));
  seat.after[0].seat = "驻牛王庙";
  auto upgrade = event(EventType::upgraded, {"510104200"}, {named("柳江镇", model::UnitType::town)}, "2020-03-01");
  const auto r = registry_record(db, {rename, seat, upgrade});
  ASSERT_TRUE(r.accepted) << (r.findings.items().empty() ? "" : r.findings.items().front().describe());
  ASSERT_EQ(r.event_ids.size(), 3u);
  EXPECT_EQ(r.events[0].after[0].code, code12("510104001"));
  EXPECT_EQ(r.events[0].after[0].type, model::UnitType::subdistrict);
  EXPECT_EQ(r.events[1].after[0].name, "牛市口镇");
  EXPECT_EQ(r.events[2].after[0].code, code12("510104102"));  // first free town code of 锦江区
  const auto history = registry_history(db, "510104100");
  ASSERT_EQ(history.versions.size(), 2u);
  EXPECT_EQ(history.versions[1].seat, "驻牛王庙");
  EXPECT_EQ(history.events.events.size(), 1u);
  const auto events = registry_events(db, storage::EventFilter{"510104", day("2020-01-01"), day("2020-02-28")});
  EXPECT_EQ(events.events.size(), 2u);
}

TEST_F(RegistryServiceTest, RecordRefusesWithReasonsAndWritesNothing) {
  const auto r = registry_record(db, {event(EventType::renamed, {"510104001"}, {named("三圣镇")})});
  EXPECT_FALSE(r.accepted);
  EXPECT_EQ(r.findings.count_kind("name_not_unique"), 1u);
  EXPECT_TRUE(r.event_ids.empty());
  EXPECT_EQ(registry_events(db, {}).events.size(), 0u);
  // Dry run: accepted, still nothing written.
  const auto dry = registry_record(db, {event(EventType::renamed, {"510104001"}, {named("督院街街道")})}, true);
  EXPECT_TRUE(dry.accepted);
  EXPECT_EQ(registry_events(db, {}).events.size(), 0u);
}

TEST_F(RegistryServiceTest, RefusesANewCodeWhenTheBandIsFull) {
  std::vector<std::pair<std::string, std::string>> full = k_2019;
  for (int n = 2; n <= 99; ++n) {
    full.push_back({"510105" + std::string(n < 10 ? "00" : "0") + std::to_string(n), "街道" + std::to_string(n)});
  }
  write_edition(dir / "full", full);
  RegistryDb other{(dir / "full.sqlite").string(), "", ""};
  registry_init(other);
  registry_import_snapshot(ImportSnapshotRequest{other, dir / "full", "2019", std::nullopt, false, true, ""});
  const auto r = registry_record(other, {event(EventType::established, {}, {[] {
                                                 auto d = named("新街道", model::UnitType::subdistrict);
                                                 d.parent_code = code12("510105");
                                                 return d;
                                               }()})});
  EXPECT_FALSE(r.accepted);
  EXPECT_EQ(r.findings.count_kind("code_not_allocatable"), 1u);
}

TEST_F(RegistryServiceTest, ApprovedPlanBecomesEventsWithNewCodes) {
  test::write_file(dir / "plan.csv",
                   "code,region,seat_code\n510104100,R1,510104100\n510104200,R1,510104100\n510104201,R1,510104100\n"
                   "510104101,R2,510104101\n510104001,R3,510104001\n");
  test::write_file(dir / "units.csv",
                   "code,name,population,area_km2\n510104100,牛市口镇,30000,20\n510104200,柳江乡,8000,40\n"
                   "510104201,琉璃乡,6000,50\n510104101,三圣镇,20000,30\n");
  test::write_file(dir / "names.csv", "region,name,type\nR2,三圣街道,街道\n");
  ApplyPlanRequest request;
  request.db = db;
  request.plan = dir / "plan.csv";
  request.units = dir / "units.csv";
  request.names = dir / "names.csv";
  request.effective = day("2020-05-01");
  request.document = "川府民〔2020〕7号";
  request.dry_run = true;
  const auto dry = registry_apply_plan(request);
  ASSERT_TRUE(dry.record.accepted);
  EXPECT_TRUE(dry.record.event_ids.empty());
  EXPECT_EQ(registry_events(db, {}).events.size(), 0u);

  request.dry_run = false;
  const auto r = registry_apply_plan(request);
  ASSERT_TRUE(r.record.accepted);
  ASSERT_EQ(r.record.event_ids.size(), 2u);
  ASSERT_EQ(r.regions.size(), 3u);
  EXPECT_EQ(r.regions[0].action, "merged");
  EXPECT_EQ(r.regions[1].action, "upgraded");
  EXPECT_EQ(r.regions[2].action, "unchanged");
  const auto& merged = r.record.events[0];
  EXPECT_EQ(merged.after[0].code, code12("510104100"));
  EXPECT_EQ(merged.after[0].population, 44000.0);
  EXPECT_EQ(merged.links.size(), 3u);
  EXPECT_EQ(r.record.events[1].after[0].code, code12("510104002"));  // 三圣街道: first free 街道 code
  const auto tree = registry_tree(db, day("2020-05-01"), "510104");
  EXPECT_EQ(tree.units.size(), 4u);  // 锦江区, 督院街道办事处, 三圣街道, 牛市口镇
  const auto show = registry_show(db, "510104201");
  EXPECT_TRUE(show.status->retired_on);
  ASSERT_EQ(show.successors.units.size(), 2u);
  EXPECT_EQ(show.successors.units[1].unit.name, "牛市口镇");
  EXPECT_EQ(show.successors.events[0].document, "川府民〔2020〕7号");

  // Applying it again is refused: its townships are no longer in force.
  const auto again = registry_apply_plan(request);
  EXPECT_FALSE(again.record.accepted);
  EXPECT_GE(again.record.findings.count_kind("plan_unit_unknown"), 2u);
}

TEST_F(RegistryServiceTest, PlanRefusalsNameTheRule) {
  test::write_file(dir / "plan.csv", "code,region,seat_code\n510104100,R1,510104100\n510105001,R1,510104100\n");
  ApplyPlanRequest request{db, dir / "plan.csv", {}, {}, day("2020-05-01"), "川府民〔2020〕7号", "", false};
  const auto r = registry_apply_plan(request);
  EXPECT_FALSE(r.record.accepted);
  EXPECT_EQ(r.record.findings.count_kind("plan_region_spans_parents"), 1u);
  EXPECT_EQ(registry_events(db, {}).events.size(), 0u);
  // A merged unit named like a neighbour that stays.
  test::write_file(dir / "plan2.csv", "code,region,seat_code\n510104200,R1,510104200\n510104201,R1,510104200\n");
  test::write_file(dir / "names2.csv", "region,name\nR1,三圣镇\n");
  request.plan = dir / "plan2.csv";
  request.names = dir / "names2.csv";
  const auto clash = registry_apply_plan(request);
  EXPECT_FALSE(clash.record.accepted);
  EXPECT_EQ(clash.record.findings.count_kind("name_not_unique"), 1u);
  request.document = "";
  EXPECT_THROW(registry_apply_plan(request), UsageError);
}

TEST_F(RegistryServiceTest, PlanInputErrorsNameFileRowAndField) {
  test::write_file(dir / "plan.csv", "code,region,seat_code\n510104100,R1,510104100\n5101041,R1,510104100\n");
  ApplyPlanRequest request{db, dir / "plan.csv", {}, {}, day("2020-05-01"), "文号", "", false};
  try {
    registry_apply_plan(request);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, "row 3");
    EXPECT_EQ(e.context().field, "code");
    EXPECT_NE(e.context().file.find("plan.csv"), std::string::npos);
  }
  test::write_file(dir / "plan.csv", "code,region\n510104100,R1\n");
  EXPECT_THROW(registry_apply_plan(request), InputError);
}

TEST_F(RegistryServiceTest, CrosswalkConvertsAStatisticKeepingTheTotal) {
  auto merge =
      event(EventType::merged, {"510104100", "510104200", "510104201"}, {named("牛市口镇", model::UnitType::town)});
  merge.after[0].code = code12("510104100");
  auto split =
      event(EventType::split, {"510104101"},
            {named("三圣镇", model::UnitType::town), named("三圣街道", model::UnitType::subdistrict)}, "2020-06-01");
  split.after[0].code = code12("510104101");
  split.after[0].population = 15000;
  split.after[1].population = 5000;
  ASSERT_TRUE(registry_record(db, {merge, split}).accepted);
  test::write_file(dir / "gdp.csv",
                   "code,name,gdp\n510104100,牛市口镇,300\n510104101,三圣镇,200\n510104200,柳江乡,80\n"
                   "510104201,琉璃乡,60\n510104001,督院街道,400\n");
  CrosswalkRequest request;
  request.db = db;
  request.from = "2019";  // the snapshot's date
  request.to = "2020-12-31";
  request.within = "510104";
  request.values = dir / "gdp.csv";
  const auto r = registry_crosswalk(request);
  EXPECT_EQ(r.value_column, "gdp");
  ASSERT_TRUE(r.conversion);
  EXPECT_DOUBLE_EQ(r.conversion->source_total, 1040);
  EXPECT_NEAR(r.conversion->converted_total, 1040, 1e-9);
  std::map<std::string, double> by_code;
  for (const auto& v : r.conversion->values) by_code[v.new_code] = v.value;
  EXPECT_NEAR(by_code[code12("510104100")], 440, 1e-9);
  EXPECT_NEAR(by_code[code12("510104101")], 150, 1e-9);
  EXPECT_NEAR(by_code[code12("510104002")], 50, 1e-9);
  EXPECT_EQ(r.crosswalk.rows.size(), 6u);
  request.to = "2019-01-01";
  EXPECT_THROW(registry_crosswalk(request), UsageError);
}

TEST_F(RegistryServiceTest, DriftListsUnrecordedChangesUntilTheyAreRecorded) {
  auto y2020 = k_2019;
  y2020.erase(y2020.begin() + 4);  // 琉璃乡 gone
  y2020[3] = {"510104102", "柳江镇"};
  y2020.push_back({"510104002", "东湖街道"});
  write_edition(dir / "2020", y2020);
  ImportSnapshotRequest import{db, dir / "2020", "2020", std::nullopt, false, false, ""};
  registry_import_snapshot(import);
  DriftRequest request{db, "2020", std::nullopt, false};
  auto drift = registry_drift(request);
  EXPECT_EQ(drift.as_of, day("2020-06-30"));
  EXPECT_EQ(drift.drift.differences, 3u);  // 柳江 re-coded, 琉璃乡 gone, 东湖街道 new
  auto upgrade = event(EventType::upgraded, {"510104200"}, {named("柳江镇", model::UnitType::town)});
  auto absorb = event(EventType::merged, {"510104100", "510104201"}, {named("牛市口镇", model::UnitType::town)});
  absorb.after[0].code = code12("510104100");
  auto fresh = event(EventType::established, {}, {named("东湖街道", model::UnitType::subdistrict)});
  fresh.after[0].parent_code = code12("510104");
  const auto recorded = registry_record(db, {upgrade, absorb, fresh});
  ASSERT_TRUE(recorded.accepted) << (recorded.findings.items().empty() ? ""
                                                                       : recorded.findings.items().front().describe());
  drift = registry_drift(request);
  EXPECT_EQ(drift.drift.differences, 0u);
  EXPECT_EQ(drift.drift.rows.size(), 0u);
}

TEST_F(RegistryServiceTest, SyncRecordsWhatTheOfficialEditionChanged) {
  auto y2020 = k_2019;
  y2020.erase(y2020.begin() + 4);        // 琉璃乡 gone
  y2020[3] = {"510104102", "柳江镇"};    // 撤乡设镇
  y2020[4] = {"510105002", "草市街道"};  // re-coded
  y2020.push_back({"510104002", "东湖街道"});
  write_edition(dir / "2020", y2020);
  registry_import_snapshot(ImportSnapshotRequest{db, dir / "2020", "2020", std::nullopt, false, false, ""});
  SyncRequest request;
  request.db = db;
  request.snapshot = "2020";
  request.dry_run = true;
  // 琉璃乡's absorber is unknown and 东湖街道 may be its successor (both 0.5): below the default floor.
  // Recorded, the abolition is 1 of 7 townships, beyond the default share.
  EXPECT_EQ(registry_sync(request).below_confidence, 2u);
  request.min_confidence = 0.0;
  request.max_abolish_share = 0.2;
  auto dry = registry_sync(request);
  EXPECT_EQ(dry.record.events.size(), 4u);
  EXPECT_TRUE(dry.record.event_ids.empty());
  EXPECT_EQ(registry_drift(DriftRequest{db, "2020", std::nullopt, false}).drift.differences, 4u);
  request.dry_run = false;
  const auto r = registry_sync(request);
  ASSERT_EQ(r.record.event_ids.size(), 4u);
  EXPECT_TRUE(r.skipped.empty());
  EXPECT_EQ(registry_drift(DriftRequest{db, "2020", std::nullopt, false}).drift.differences, 0u);
  const auto history = registry_history(db, "510104200");
  ASSERT_EQ(history.events.events.size(), 1u);
  EXPECT_EQ(history.events.events[0].type, EventType::upgraded);
  EXPECT_EQ(history.events.events[0].source, registry::EventSource::nbs_inferred);
  EXPECT_DOUBLE_EQ(*history.events.events[0].confidence, 0.9);
  EXPECT_TRUE(registry_sync(request).record.events.empty());  // nothing left to follow
}

// The message of the InputError that registry_sync throws for `request`; empty when it throws none.
std::string sync_refusal(const SyncRequest& request) {
  try {
    registry_sync(request);
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

// An edition cut short (广东's townships missing, as in a streets.csv truncated after Sichuan) is
// refused before anything is recorded, naming the area and the counts, in a dry run too; the part
// it covers can be followed with --within. It used to record every missing township as abolished.
TEST_F(RegistryServiceTest, SyncRefusesAnEditionThatCoversLessThanTheRegistry) {
  auto cut = k_2019;
  cut.pop_back();                    // 石龙镇, 广东's only township
  cut[3] = {"510104102", "柳江镇"};  // 撤乡设镇, inside what the edition covers
  write_edition(dir / "cut", cut);
  SyncRequest request;
  request.db = db;
  request.snapshot = (dir / "cut").string();
  request.as_of = day("2020-06-30");
  request.min_confidence = 0.0;
  for (const bool dry_run : {true, false}) {
    request.dry_run = dry_run;
    const std::string what = sync_refusal(request);
    EXPECT_NE(what.find("44 广东省 (1 townships)"), std::string::npos) << what;
    EXPECT_NE(what.find("1 of the 7 townships"), std::string::npos) << what;
    EXPECT_NE(what.find("--within"), std::string::npos) << what;
  }
  EXPECT_TRUE(registry_events(db, {}).events.empty());
  request.within = "51";
  const auto r = registry_sync(request);
  ASSERT_EQ(r.record.event_ids.size(), 1u);
  EXPECT_EQ(r.record.events[0].type, EventType::upgraded);
  EXPECT_EQ(r.coverage.registry_townships, 6u);
  EXPECT_TRUE(registry_show(db, "441900100").versions.back().valid_to == std::nullopt);  // 石龙镇 untouched
}

// Abolitions beyond --max-abolish-share are refused with the counts unless the user raises the share;
// by default an abolition with no known absorber (0.5) is below the confidence floor anyway.
TEST_F(RegistryServiceTest, SyncRefusesMassAbolitionUnlessConfirmed) {
  auto y2020 = k_2019;
  y2020.erase(y2020.begin() + 3, y2020.begin() + 5);  // 柳江乡, 琉璃乡 gone, no absorber named
  write_edition(dir / "2020", y2020);
  SyncRequest request;
  request.db = db;
  request.snapshot = (dir / "2020").string();
  const auto by_default = registry_sync(request);
  EXPECT_TRUE(by_default.record.event_ids.empty());
  EXPECT_EQ(by_default.below_confidence, 2u);
  request.min_confidence = 0.0;
  const std::string what = sync_refusal(request);
  EXPECT_NE(what.find("would abolish 2 of the registry's 7 townships (28.6%"), std::string::npos) << what;
  EXPECT_NE(what.find("most in 51 四川省 2"), std::string::npos) << what;
  EXPECT_TRUE(registry_events(db, {}).events.empty());
  request.max_abolish_share = 0.3;
  const auto confirmed = registry_sync(request);
  EXPECT_EQ(confirmed.record.event_ids.size(), 2u);
  EXPECT_EQ(confirmed.abolished_townships, 2u);
  request.max_abolish_share = 1.5;
  EXPECT_THROW(registry_sync(request), UsageError);
}

TEST_F(RegistryServiceTest, SyncSkipsWhatTheRulesRefuse) {
  // The official table brings back a code the registry retired: that event is skipped, the rest
  // recorded, and the drift keeps showing it.
  ASSERT_TRUE(registry_record(db, {event(EventType::abolished, {"510104201"}, {})}).accepted);
  auto y2020 = k_2019;
  y2020[4] = {"510104201", "新琉璃乡"};
  y2020[3] = {"510104102", "柳江镇"};
  write_edition(dir / "2020", y2020);
  const auto r = registry_sync(SyncRequest{db, (dir / "2020").string(), std::nullopt, 0.0, false, false});
  EXPECT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.record.event_ids.size(), 1u);
  EXPECT_EQ(r.record.findings.count_kind("sync_skipped_code_retired"), 1u);
  EXPECT_EQ(registry_drift(DriftRequest{db, (dir / "2020").string(), std::nullopt, false}).drift.differences, 1u);
}

TEST_F(RegistryServiceTest, DiffReadsFoldersWithoutADatabase) {
  auto y2020 = k_2019;
  y2020[0] = {"510104001", "督院街道"};
  y2020[3] = {"510104102", "柳江镇"};
  write_edition(dir / "2020", y2020);
  DiffRequest request;
  request.before = (dir / "2019").string();
  request.after = (dir / "2020").string();
  const auto r = registry_diff(request);
  EXPECT_EQ(r.before_name, "2019");
  ASSERT_EQ(r.diff.rows.size(), 1u);
  EXPECT_EQ(r.diff.rows[0].event, registry::DiffEvent::renamed);
  EXPECT_EQ(r.diff.form_changes.size(), 1u);
  EXPECT_EQ(r.province_names.at("51"), "四川省");
  request.after = "no-such-snapshot";
  EXPECT_THROW(registry_diff(request), InputError);
}

TEST_F(RegistryServiceTest, EditionErrorsNameFileRowAndField) {
  write_edition(dir / "bad", {{"510104001", "督院街道"}, {"510104001", "重复"}});
  try {
    registry_diff(DiffRequest{(dir / "bad").string(), (dir / "2019").string(), std::nullopt, 0.7});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_duplicate);
    EXPECT_EQ(e.context().feature, "row 3");
  }
  write_edition(dir / "bad2", {{"510104001", "督院街道"}}, "510106,\"金牛区\",5102,51\n");
  try {
    registry_diff(DiffRequest{(dir / "bad2").string(), (dir / "2019").string(), std::nullopt, 0.7});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().field, "cityCode");
    EXPECT_NE(std::string(e.what()).find("contradicts"), std::string::npos);
  }
  fs::remove(dir / "bad2" / "areas.csv");
  EXPECT_THROW(registry_diff(DiffRequest{(dir / "bad2").string(), (dir / "2019").string(), std::nullopt, 0.7}),
               InputError);
  for (const auto mode : {storage::OpenMode::read_only, storage::OpenMode::existing}) {
    EXPECT_THROW(open_registry(RegistryDb{(dir / "none.sqlite").string(), "", ""}, mode), InputError);
  }
  EXPECT_FALSE(fs::exists(dir / "none.sqlite"));
}

}  // namespace
}  // namespace quhua::service
