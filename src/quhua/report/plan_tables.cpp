#include "quhua/report/plan_tables.hpp"

#include <cmath>
#include <map>

#include "quhua/report/html_document.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::report {

using util::Cell;
using util::Column;
using util::ReportTable;

namespace {

struct RuleName {
  const char* key;
  const char* zh;
  const char* en;
};

constexpr RuleName k_rule_names[] = {
    {"codes", "代码与驻地", "Codes and seats"},
    {"contiguity", "空间连通", "Contiguity"},
    {"min_population", "人口下限", "Minimum population"},
    {"max_population", "人口上限", "Maximum population"},
    {"min_area", "面积下限", "Minimum area"},
    {"max_area", "面积上限", "Maximum area"},
    {"max_seat_distance", "服务半径（到驻地距离）", "Service radius (distance to seat)"},
    {"max_seat_minutes", "服务半径（到驻地车程）", "Service radius (travel time to seat)"},
    {"within_parent", "不跨上级行政区", "Within parent boundary"},
    {"locked", "保留单位不调整", "Locked units unchanged"},
    {"forbidden_pairs", "禁止合并的组合", "Forbidden pairs"},
    {"must_merge", "必须合并的组合", "Must-merge groups"},
};

Cell opt(double v) { return std::isfinite(v) ? Cell{v} : Cell{}; }
Cell count(std::size_t n) { return Cell{static_cast<std::int64_t>(n)}; }

std::string type_label(model::UnitType type) { return std::string(model::type_name_zh(type)); }

}  // namespace

std::string rule_label(const std::string& key, util::Language language) {
  for (const auto& r : k_rule_names) {
    if (key == r.key) return language == util::Language::zh ? r.zh : r.en;
  }
  return key;
}

std::string rule_sentence(const metrics::RuleCheck& r, util::Language language) {
  const bool zh = language == util::Language::zh;
  const std::string n = std::to_string(r.offenders.size());
  auto num = [](double v, int d) { return format_number(v, d); };
  std::string text = rule_label(r.rule, language);
  if (r.rule == "min_population" || r.rule == "max_population") {
    text += zh ? " " + num(r.limit, 0) + " 人" : " " + num(r.limit, 0) + " residents";
    if (!r.pass) text += zh ? "：" + n + " 个单位不符合（" + (r.rule == "min_population" ? "最低 " : "最高 ") + num(r.worst, 0) + " 人）"
                            : ": " + n + " units outside (" + (r.rule == "min_population" ? "lowest " : "highest ") + num(r.worst, 0) + ")";
  } else if (r.rule == "min_area" || r.rule == "max_area") {
    text += " " + num(r.limit, 1) + " km²";
    if (!r.pass) text += zh ? "：" + n + " 个单位不符合" : ": " + n + " units outside";
  } else if (r.rule == "max_seat_distance") {
    text += " " + num(r.limit, 1) + " km";
    text += zh ? "（最远 " + num(r.worst, 1) + " km）" : " (farthest " + num(r.worst, 1) + " km)";
    if (!r.pass) text += zh ? "：" + n + " 个原单位超出" : ": " + n + " former units beyond it";
  } else if (r.rule == "max_seat_minutes") {
    text += zh ? " " + num(r.limit, 0) + " 分钟" : " " + num(r.limit, 0) + " min";
    if (std::isfinite(r.worst)) text += zh ? "（最远 " + num(r.worst, 1) + " 分钟）" : " (farthest " + num(r.worst, 1) + " min)";
    if (!r.pass) {
      text += r.offenders.empty() ? (zh ? "：无法检查（未提供路网）" : ": cannot be checked (no road network)")
                                  : (zh ? "：" + n + " 个原单位超出" : ": " + n + " former units beyond it");
    }
  } else if (r.rule == "contiguity" && !r.pass && r.offenders.empty()) {
    text += zh ? "：无法检查（缺少边界几何）" : ": cannot be checked (no boundaries)";
  } else if (!r.pass) {
    text += zh ? "：" + n + " 处不符合" : ": " + n + " offenders";
  }
  if (r.pass) text += zh ? "：符合" : ": pass";
  if (!r.exceptions.empty()) {
    const std::string n_ex = std::to_string(r.exceptions.size());
    text += zh ? "（另有 " + n_ex + " 个例外：保留单位或孤立单位，无法调整）" : " (" + n_ex + " exceptions: locked or isolated units)";
  }
  return text;
}

namespace {

// English labels of the indicator rows (the zh label is given with each row).
std::string indicator_label_en(const std::string& key) {
  static const std::map<std::string, std::string> labels = {
      {"units", "Units"},
      {"population_mean", "Mean resident population"},
      {"population_median", "Median resident population"},
      {"population_min", "Smallest resident population"},
      {"population_max", "Largest resident population"},
      {"population_cv", "Population coefficient of variation"},
      {"area_mean_km2", "Mean area (km²)"},
      {"area_min_km2", "Smallest area (km²)"},
      {"area_max_km2", "Largest area (km²)"},
      {"under_population", "Units under the population minimum"},
      {"under_area", "Units under the area minimum"},
      {"weighted_mean_distance_km", "Population-weighted mean distance to seat (km)"},
      {"max_distance_km", "Farthest distance to seat (km)"},
      {"weighted_mean_travel_min", "Population-weighted mean travel time to seat (min)"},
      {"max_travel_min", "Longest travel time to seat (min)"},
      {"unreachable_population", "People with no road to their seat"},
      {"compactness_mean", "Mean compactness (Polsby-Popper)"},
      {"members_mean", "Mean former units per unit"},
      {"villages_mean", "Mean villages per unit"},
      {"transfers", "Transferred units"},
  };
  const auto it = labels.find(key);
  return it == labels.end() ? key : it->second;
}

}  // namespace

util::ReportTable indicator_table(const metrics::PlanEvaluation& e, util::Language language) {
  const bool zh = language == util::Language::zh;
  ReportTable t;
  t.name = "indicators";
  t.title_zh = "调整前后主要指标";
  t.title_en = "Key indicators before and after";
  t.columns = {{"indicator", "指标", "Indicator"},
               {"indicator_en", "指标（英文）", "Indicator (key)"},
               {"before", "调整前", "Before", 2},
               {"after", "调整后", "After", 2},
               {"change", "变化", "Change", 2},
               {"change_pct", "变化率（%）", "Change (%)", 1}};
  auto row = [&](const std::string& label_zh, const std::string& key, double before, double after,
                 bool integer = false, const std::string& label_en = {}) {
    const std::string label = zh ? label_zh : (label_en.empty() ? indicator_label_en(key) : label_en);
    const double change = after - before;
    const double pct = before != 0 && std::isfinite(before) ? 100.0 * change / before : std::nan("");
    if (integer) {
      t.add_row({label, key, Cell{static_cast<std::int64_t>(before)},
                 Cell{static_cast<std::int64_t>(after)}, Cell{static_cast<std::int64_t>(change)}, opt(pct)});
    } else {
      t.add_row({label, key, opt(before), opt(after), opt(change), opt(pct)});
    }
  };
  const auto& b = e.before;
  const auto& a = e.after;
  row("单位数量（个）", "units", static_cast<double>(b.units), static_cast<double>(a.units), true);
  row("平均常住人口（人）", "population_mean", b.population.mean, a.population.mean);
  row("常住人口中位数（人）", "population_median", b.population.median, a.population.median);
  row("最小常住人口（人）", "population_min", b.population.min, a.population.min);
  row("最大常住人口（人）", "population_max", b.population.max, a.population.max);
  row("人口变异系数", "population_cv", b.population.cv, a.population.cv);
  row("平均面积（km²）", "area_mean_km2", b.area_km2.mean, a.area_km2.mean);
  row("最小面积（km²）", "area_min_km2", b.area_km2.min, a.area_km2.min);
  row("最大面积（km²）", "area_max_km2", b.area_km2.max, a.area_km2.max);
  row("人口低于下限的单位（个）", "under_population", static_cast<double>(b.under_population),
      static_cast<double>(a.under_population), true);
  row("面积低于下限的单位（个）", "under_area", static_cast<double>(b.under_area), static_cast<double>(a.under_area), true);
  row("人口加权平均到驻地距离（km）", "weighted_mean_distance_km", b.weighted_mean_distance_km, a.weighted_mean_distance_km);
  row("最远到驻地距离（km）", "max_distance_km", b.max_distance_km, a.max_distance_km);
  // One row per radius or time limit: share of population within it, before and after.
  const auto share_rows = [&](const auto& before_shares, const auto& after_shares, const std::string& zh_unit,
                              const std::string& key_unit, const std::string& en_unit) {
    for (std::size_t i = 0; i < after_shares.size(); ++i) {
      const double limit = after_shares[i].first;
      const double before = i < before_shares.size() ? before_shares[i].second : std::nan("");
      const std::string key = "share_within_" + util::fixed(limit, 0) + key_unit;
      row(util::fixed(limit, 0) + zh_unit, key, 100 * before, 100 * after_shares[i].second, false,
          "Share of population within " + util::fixed(limit, 0) + en_unit);
    }
  };
  share_rows(b.share_within_km, a.share_within_km, " km 内人口比例（%）", "km_pct", " km (%)");
  if (std::isfinite(a.weighted_mean_travel_min)) {
    // Only with a road network: the tables without one keep their rows.
    row("人口加权平均到驻地车程（分钟）", "weighted_mean_travel_min", b.weighted_mean_travel_min, a.weighted_mean_travel_min);
    row("最远到驻地车程（分钟）", "max_travel_min", b.max_travel_min, a.max_travel_min);
    share_rows(b.share_within_min, a.share_within_min, " 分钟车程内人口比例（%）", "min_pct", " min by road (%)");
    if (b.unreachable_population > 0 || a.unreachable_population > 0) {
      row("无法经道路到达驻地的人口（人）", "unreachable_population", b.unreachable_population, a.unreachable_population);
    }
  }
  row("平均紧凑度（Polsby-Popper）", "compactness_mean", b.compactness.mean, a.compactness.mean);
  row("平均构成单位数（个）", "members_mean", b.members.mean, a.members.mean);
  if (b.villages && a.villages) row("平均辖村数（个）", "villages_mean", b.villages->mean, a.villages->mean);
  row("划转单位（个）", "transfers", 0, static_cast<double>(e.transfers.size()), true);
  return t;
}

util::ReportTable crosswalk_table(const model::UnitTable& units, const model::Plan& plan,
                                  const metrics::PlanEvaluation& e, util::Language language) {
  const bool zh = language == util::Language::zh;
  (void)plan;  // the evaluation's regions already carry the plan's grouping and seats
  ReportTable t;
  t.name = "crosswalk";
  t.title_zh = "乡镇行政区划调整前后对照表";
  t.title_en = "Units before and after the adjustment";
  t.columns = {{"old_name", "原单位名称", "Former unit"},
               {"old_code", "原代码", "Former code"},
               {"old_type", "原类型", "Former type"},
               {"old_area_km2", "原面积（km²）", "Former area (km²)", 2},
               {"old_population", "原常住人口（人）", "Former population", 0},
               {"old_registered", "原户籍人口（人）", "Former registered pop.", 0},
               {"old_villages", "原辖村数", "Former villages", 0},
               {"new_name", "调整后名称", "New unit"},
               {"new_region", "调整后单位编号", "New unit id"},
               {"new_seat", "驻地", "Seat"},
               {"new_area_km2", "调整后面积（km²）", "New area (km²)", 2},
               {"new_population", "调整后常住人口（人）", "New population", 0},
               {"new_villages", "调整后辖村数", "New villages", 0},
               {"action", "调整方式", "Change"}};
  // One row per former unit: its own figures add up to the county's (the new unit's repeat per member).
  for (const char* key : {"old_area_km2", "old_population", "old_registered", "old_villages"}) {
    t.columns[*t.column_index(key)].summed = true;
  }
  std::map<model::UnitId, bool> transferred;
  for (auto u : e.transfers) transferred[u] = true;
  for (const auto& region : e.regions) {
    const model::Unit* seat = region.seat ? &units[*region.seat] : nullptr;
    for (auto u : region.members) {
      const auto& unit = units[u];
      const std::size_t villages = u < e.villages_per_unit.size() ? e.villages_per_unit[u] : 0;
      std::string action;
      if (region.members.size() == 1) {
        action = zh ? "保留" : "kept";
      } else if (seat && &unit == seat) {
        action = zh ? "合并（驻地）" : "merged (seat)";
      } else {
        action = zh ? "撤销，并入" + region.name : "abolished, joins " + region.name;
      }
      if (transferred.count(u)) action += zh ? "（划转）" : " (transfer)";
      t.add_row({unit.name, unit.code, type_label(unit.type), util::number_cell(unit.area_km2),
                 util::number_cell(unit.resident_population), util::number_cell(unit.registered_population),
                 villages ? Cell{static_cast<std::int64_t>(villages)} : Cell{}, region.name, region.id,
                 seat ? Cell{seat->name} : Cell{}, opt(region.area_km2), opt(region.population),
                 region.villages ? count(region.villages) : Cell{}, action});
    }
  }
  return t;
}

util::ReportTable region_table(const model::UnitTable& units, const metrics::PlanEvaluation& e) {
  ReportTable t;
  t.name = "new_units";
  t.title_zh = "调整后单位一览";
  t.title_en = "New units";
  t.columns = {{"region", "编号", "Id"},
               {"name", "名称", "Name"},
               {"type", "类型", "Type"},
               {"seat", "驻地", "Seat"},
               {"seat_code", "驻地代码", "Seat code"},
               {"members", "构成", "Members"},
               {"member_count", "构成单位数", "Member count", 0},
               {"area_km2", "面积（km²）", "Area (km²)", 2},
               {"population", "常住人口（人）", "Population", 0},
               {"registered_population", "户籍人口（人）", "Registered pop.", 0},
               {"villages", "辖村数", "Villages", 0},
               {"weighted_mean_distance_km", "平均到驻地距离（km）", "Mean distance to seat (km)", 2},
               {"max_distance_km", "最远到驻地距离（km）", "Max distance to seat (km)", 2},
               {"compactness", "紧凑度", "Compactness", 3},
               {"contiguous", "空间连通", "Contiguous"}};
  for (const char* key : {"member_count", "area_km2", "population", "registered_population", "villages"}) {
    t.columns[*t.column_index(key)].summed = true;
  }
  const bool travel = std::isfinite(e.after.weighted_mean_travel_min);
  if (travel) {
    t.columns.push_back({"weighted_mean_travel_min", "平均到驻地车程（分钟）", "Mean travel time to seat (min)", 1});
    t.columns.push_back({"max_travel_min", "最远到驻地车程（分钟）", "Max travel time to seat (min)", 1});
  }
  for (const auto& r : e.regions) {
    std::vector<std::string> names;
    for (auto u : r.members) names.push_back(units[u].name);
    const model::Unit* seat = r.seat ? &units[*r.seat] : nullptr;
    std::vector<Cell> row{r.id, r.name, type_label(r.type), seat ? Cell{seat->name} : Cell{}, seat ? Cell{seat->code} : Cell{},
                          util::join(names, "、"), count(r.members.size()), opt(r.area_km2), opt(r.population),
                          r.registered_population > 0 ? Cell{r.registered_population} : Cell{},
                          r.villages ? count(r.villages) : Cell{}, opt(r.weighted_mean_distance_km), opt(r.max_distance_km),
                          opt(r.compactness), std::string(r.contiguous ? "是" : "否")};
    if (travel) {
      row.push_back(opt(r.weighted_mean_travel_min));
      row.push_back(opt(r.max_travel_min));
    }
    t.add_row(std::move(row));
  }
  return t;
}

util::ReportTable rule_table(const metrics::PlanEvaluation& e, util::Language language) {
  const bool zh = language == util::Language::zh;
  ReportTable t;
  t.name = "rules";
  t.title_zh = "规则检查";
  t.title_en = "Rule checks";
  t.columns = {{"rule", "规则", "Rule"},
               {"rule_key", "规则代码", "Rule key"},
               {"pass", "是否符合", "Pass"},
               {"offender_count", "不符合数", "Offenders", 0},
               {"offenders", "不符合对象", "Offending units"},
               {"exceptions", "例外", "Exceptions"},
               {"detail", "说明", "Detail"}};
  for (const auto& r : e.rules) {
    t.add_row({rule_label(r.rule, language), r.rule, std::string(r.pass ? (zh ? "符合" : "pass") : (zh ? "不符合" : "fail")),
               count(r.offenders.size()), util::join(r.offenders, ", "), util::join(r.exceptions, ", "),
               rule_sentence(r, language)});
  }
  return t;
}

util::ReportTable comparison_table(const std::vector<metrics::PlanScore>& scores, util::Language language) {
  const bool zh = language == util::Language::zh;
  ReportTable t;
  t.name = "comparison";
  t.title_zh = "方案比较";
  t.title_en = "Plan comparison";
  t.columns = {{"plan", "方案", "Plan"}, {"rank", "排名", "Rank", 0}, {"score", "综合得分", "Score", 3},
               {"rules_pass", "规则全部符合", "All rules pass"}};
  // An indicator no plan has (travel times without a road network) gets no empty column.
  std::vector<metrics::ComparisonIndicator> shown;
  for (const auto& indicator : metrics::comparison_indicators()) {
    bool any = false;
    for (const auto& s : scores) any = any || std::isfinite(s.values.at(indicator.key));
    if (!any) continue;
    shown.push_back(indicator);
    t.columns.push_back({indicator.key, indicator.label_zh, indicator.label_en, 2});
  }
  for (const auto& s : scores) {
    std::vector<Cell> row{s.plan, count(s.rank), s.score,
                          std::string(s.rules_pass ? (zh ? "是" : "yes") : (zh ? "否" : "no"))};
    for (const auto& indicator : shown) row.push_back(opt(s.values.at(indicator.key)));
    t.add_row(std::move(row));
  }
  return t;
}

std::vector<util::ReportTable> plan_tables(const model::UnitTable& units, const model::Plan& plan,
                                           const metrics::PlanEvaluation& evaluation, util::Language language) {
  return {indicator_table(evaluation, language), crosswalk_table(units, plan, evaluation, language),
          region_table(units, evaluation), rule_table(evaluation, language)};
}

}  // namespace quhua::report
