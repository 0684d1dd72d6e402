#include "quhua/service/demo.hpp"

#include "quhua/io/table_writer.hpp"
#include "quhua/service/access.hpp"
#include "quhua/service/diagnose.hpp"
#include "quhua/service/evaluate.hpp"
#include "quhua/service/generate.hpp"
#include "quhua/service/plan.hpp"
#include "quhua/service/registry.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/limits.hpp"
#include "quhua/util/strings.hpp"

#include <fstream>
#include <iomanip>
#include <set>

namespace quhua::service {
namespace {

std::string count(std::size_t n) { return std::to_string(n); }

// A point table in the county's working CRS (x, y in metres): what `quhua access` reads. Names hold no
// commas (generated Chinese names).
void write_points(const std::filesystem::path& path, const std::string& extra_header,
                  const std::vector<std::pair<std::string, model::Point>>& points,
                  const std::vector<std::string>& extra) {
  std::ofstream out(path, std::ios::binary);
  out << "id,x,y" << (extra_header.empty() ? "" : "," + extra_header) << "\n" << std::setprecision(12);
  for (std::size_t i = 0; i < points.size(); ++i) {
    out << points[i].first << "," << points[i].second.x << "," << points[i].second.y
        << (extra_header.empty() ? "" : "," + extra[i]) << "\n";
  }
  if (!out) throw StorageError("cannot write " + path.string());
}

}  // namespace

DemoResult run_demo(const DemoRequest& request) {
  namespace fs = std::filesystem;
  if (request.out_dir.empty()) throw UsageError("demo: an output folder is required (--out DIR)");
  util::require_limit("--min-pop", request.min_population);
  DemoResult out;
  const fs::path dir = request.out_dir;
  const fs::path county_dir = dir / "county";
  const fs::path plan_dir = dir / "plan";
  const fs::path db_path = dir / "quhua.sqlite";
  const std::string min_pop = util::fixed(request.min_population, 0);

  // 1. The county, as GIS layers and tables.
  GenerateRequest generate_request;
  generate_request.options = request.county;
  generate_request.out_dir = county_dir;
  const auto generated = generate(generate_request);
  out.files.insert(out.files.end(), generated.files.begin(), generated.files.end());
  const auto& county = generated.county;
  out.townships_before = county.townships.size();
  out.steps.push_back({"生成示范县", "generate the county",
                       county.county.name + "：乡级 " + count(county.townships.size()) + " 个，村级 " +
                           count(county.villages.size()) + " 个，道路 " + count(county.roads.roads.size()) + " 段",
                       county.county.name + ": " + count(county.townships.size()) + " townships, " +
                           count(county.villages.size()) + " villages, " + count(county.roads.roads.size()) +
                           " road segments"});

  // 2. The registry: a fresh SQLite store holding the current divisions as its baseline.
  fs::remove(db_path);
  fs::remove(fs::path(db_path.string() + "-wal"));
  fs::remove(fs::path(db_path.string() + "-shm"));
  RegistryDb db{db_path.string(), "quhua demo", "quhua demo"};
  registry_init(db);
  ImportSnapshotRequest snapshot;
  snapshot.db = db;
  snapshot.source = county_dir / "units.csv";
  snapshot.name = "baseline";
  snapshot.as_of = registry::Date::parse("2025-06-30");
  snapshot.seed = true;
  const auto imported = registry_import_snapshot(snapshot);
  out.files.push_back(db_path);
  out.steps.push_back({"建立区划代码库", "registry baseline",
                       "SQLite 代码库，现行单位 " + count(imported.seeded_units) + " 个",
                       "SQLite registry, " + count(imported.seeded_units) + " units in force"});

  // 3. Diagnosis of the townships as they are.
  ImportRequest townships;
  townships.units_path = (county_dir / "townships.geojson").string();
  DiagnoseRequest diagnose_request;
  diagnose_request.options.level = model::UnitLevel::township;
  diagnose_request.options.min_population = request.min_population;
  const auto diagnosis = diagnose_units(townships, diagnose_request, nullptr);
  for (const char* file : {"diagnosis.xlsx", "diagnosis.json"}) {
    write_diagnosis(dir / file, diagnosis, request.language);
    out.files.push_back(dir / file);
  }
  std::size_t under = 0;
  for (const auto& unit : diagnosis.units) under += unit.population() < request.min_population ? 1 : 0;
  out.steps.push_back({"现状诊断", "diagnosis",
                       "常住人口不足 " + min_pop + " 人的乡镇 " + count(under) + " 个",
                       count(under) + " townships under " + min_pop + " residents"});

  // The county's own roads (county.gpkg, layer roads: each road's speed and one-way flag) give travel
  // times for both the plan and its evaluation.
  TravelSpec roads;
  roads.network.path = (county_dir / "county.gpkg").string();
  roads.network.layer.layer = "roads";
  roads.network.layer.speed_field = "speed_kmh";
  roads.network.layer.oneway_field = "one_way";

  // 4. The plan: every new township at least the minimum, within the county, ethnic townships kept,
  // access measured in minutes by road.
  PlanRequest plan_request;
  plan_request.travel = roads;
  plan_request.units = townships;
  plan_request.rules.min_population = request.min_population;
  plan_request.rules.within_parent = true;
  plan_request.lists.lock_types = {"民族乡"};
  plan_request.search.seed = request.plan_seed;
  plan_request.out_dir = plan_dir.string();
  plan_request.language = request.language;
  RunControl control;
  const auto planned = plan(plan_request, control);
  for (const auto& file : planned.files) out.files.emplace_back(file);
  out.townships_after = planned.report.regions_after;
  out.rules_hold = planned.report.hard_rules_hold;
  out.steps.push_back({"生成撤并方案", "merger plan",
                       "乡镇 " + count(planned.report.units_before) + " → " + count(planned.report.regions_after) +
                           " 个，合并 " + count(planned.report.merged_regions) + " 处，例外 " +
                           count(planned.report.exceptions.size()) + " 个" +
                           (planned.report.hard_rules_hold ? "，硬性规则全部满足" : "，有硬性规则未满足"),
                       count(planned.report.units_before) + " → " + count(planned.report.regions_after) +
                           " townships, " + count(planned.report.merged_regions) + " mergers, " +
                           count(planned.report.exceptions.size()) + " exceptions" +
                           (planned.report.hard_rules_hold ? ", all hard rules hold" : ", hard rules broken")});

  // 5. Evaluation: figures before and after, rules, maps, the official tables.
  EvaluateRequest evaluate_request;
  evaluate_request.units = townships;
  ImportRequest villages;
  villages.units_path = (county_dir / "villages.geojson").string();
  evaluate_request.villages = villages;
  evaluate_request.plan_paths = {(plan_dir / "plan.csv").string()};
  evaluate_request.travel = roads;
  evaluate_request.rules.min_population = request.min_population;
  evaluate_request.rules.within_parent = true;
  evaluate_request.rules.locked_types = {model::UnitType::ethnic_township};
  evaluate_request.title = county.county.name + "乡镇行政区划调整方案评估（示范）";
  const auto evaluation = evaluate(evaluate_request);
  for (const char* file : {"report.html", "evaluation.xlsx", "evaluation.json", "new_townships.geojson"}) {
    write_evaluation(evaluation, dir / file, request.language);
    out.files.push_back(dir / file);
  }
  const auto& e = evaluation.plans.front().evaluation;
  out.steps.push_back({"方案评估", "evaluation",
                       "人口加权平均到驻地距离 " + util::fixed(e.before.weighted_mean_distance_km, 2) + " → " +
                           util::fixed(e.after.weighted_mean_distance_km, 2) + " km，车程 " +
                           util::fixed(e.before.weighted_mean_travel_min, 1) + " → " +
                           util::fixed(e.after.weighted_mean_travel_min, 1) + " 分钟；规则" +
                           (e.all_rules_pass() ? "全部符合" : "有不符合项"),
                       "mean distance to seat " + util::fixed(e.before.weighted_mean_distance_km, 2) + " → " +
                           util::fixed(e.after.weighted_mean_distance_km, 2) + " km, by road " +
                           util::fixed(e.before.weighted_mean_travel_min, 1) + " → " +
                           util::fixed(e.after.weighted_mean_travel_min, 1) + " min; rules " +
                           (e.all_rules_pass() ? "all pass" : "some fail")});

  // 6. Public services after the merger: each township has a one-stop service centre (便民服务中心);
  // those of the abolished seats close. How long do villagers then travel to the nearest one?
  const fs::path services_dir = dir / "services";
  fs::create_directories(services_dir);
  std::vector<std::pair<std::string, model::Point>> village_points;
  std::vector<std::string> village_extra;
  for (const auto& v : county.villages) {
    if (!v.seat) continue;
    village_points.emplace_back(v.code, *v.seat);
    village_extra.push_back(v.parent_code + "," + util::fixed(v.population(), 0));
  }
  std::set<std::string> seats_after;
  for (const auto& region : planned.report.regions) seats_after.insert(planned.problem->codes[region.seat]);
  std::vector<std::pair<std::string, model::Point>> centres_before, centres_after;
  for (const auto& f : county.facilities) {
    if (f.type != model::FacilityType::service_center) continue;
    centres_before.emplace_back(f.id, f.location);
    // The facility's unit is a village; its township is the first nine digits of the code.
    if (seats_after.count(f.unit_code.substr(0, 9) + "000")) centres_after.emplace_back(f.id, f.location);
  }
  write_points(services_dir / "villages.csv", "township,population", village_points, village_extra);
  write_points(services_dir / "centres_before.csv", "", centres_before, {});
  write_points(services_dir / "centres_after.csv", "", centres_after, {});
  AccessRequest access;
  access.network = roads.network;
  access.routing.metric = graph::Metric::travel_time;
  const auto points = [&](const char* file) {
    PointsSpec spec;
    spec.path = (services_dir / file).string();
    spec.options.crs = county.townships.crs.working;
    return spec;
  };
  access.demand = points("villages.csv");
  access.population_field = "population";
  access.group_field = "township";
  access.supply = points("centres_before.csv");
  access.supply_after = points("centres_after.csv");
  access.catchment = 30;
  access.threshold = 15;
  const auto services = measure_access(access, control);
  io::write_tables(dir / "services.xlsx", access_tables(services), request.language);
  for (const char* file : {"villages.csv", "centres_before.csv", "centres_after.csv"}) out.files.push_back(services_dir / file);
  out.files.push_back(dir / "services.xlsx");
  const auto& sb = services.before;
  const auto& sa = *services.after;
  out.service_share_before = sb.share_within;
  out.service_share_after = sa.share_within;
  out.steps.push_back({"便民服务中心可达性", "service centres",
                       "中心 " + count(centres_before.size()) + " → " + count(centres_after.size()) +
                           " 个；村民到最近中心车程 " + util::fixed(sb.mean_nearest, 1) + " → " +
                           util::fixed(sa.mean_nearest, 1) + " 分钟，15 分钟内人口 " +
                           util::fixed(100 * sb.share_within, 1) + "% → " + util::fixed(100 * sa.share_within, 1) + "%",
                       count(centres_before.size()) + " → " + count(centres_after.size()) +
                           " centres; villagers to the nearest " + util::fixed(sb.mean_nearest, 1) + " → " +
                           util::fixed(sa.mean_nearest, 1) + " min, within 15 min " +
                           util::fixed(100 * sb.share_within, 1) + "% → " + util::fixed(100 * sa.share_within, 1) + "%"});

  // 7. The approved plan becomes change events in the registry.
  ApplyPlanRequest apply;
  apply.db = db;
  apply.plan = plan_dir / "plan.csv";
  apply.units = county_dir / "units.csv";
  apply.effective = registry::Date::parse("2026-01-01");
  apply.document = county.county.name.substr(0, 3) + "府函〔2025〕1号（示范）";
  apply.note = "quhua demo";
  const auto applied = registry_apply_plan(apply);
  if (!applied.record.accepted) {
    throw InternalError("the registry refused the demo plan: " +
                        (applied.record.findings.empty() ? std::string("no reason given")
                                                         : applied.record.findings.items().front().describe()));
  }
  out.events_recorded = applied.record.event_ids.size();
  out.steps.push_back({"方案入库", "registry events",
                       "记录变更事件 " + count(out.events_recorded) + " 条（生效日期 2026-01-01）",
                       count(out.events_recorded) + " change events recorded (effective 2026-01-01)"});
  return out;
}

util::ReportTable demo_table(const DemoResult& result, util::Language language) {
  const bool zh = language == util::Language::zh;
  util::ReportTable table{"demo", "示范流程", "Demo run", {{"step", "步骤", "Step"}, {"outcome", "结果", "Outcome"}}, {}};
  for (const auto& s : result.steps) table.add_row({zh ? s.name_zh : s.name_en, zh ? s.outcome_zh : s.outcome_en});
  return table;
}

}  // namespace quhua::service
