#include "quhua/report/plan_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "quhua/report/html_document.hpp"
#include "quhua/report/palette.hpp"
#include "quhua/report/plan_tables.hpp"
#include "quhua/report/svg_map.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::report {
namespace {

using util::Language;

struct Text {
  Language language;
  std::string operator()(const std::string& zh, const std::string& en) const { return language == Language::zh ? zh : en; }
};

std::string range_label(double lo, double hi, int decimals) {
  return format_number(lo, decimals) + " – " + format_number(hi, decimals);
}

/// Adds choropleth classes of `values` (one per unit) to the map's polygons and legend.
void add_choropleth(SvgMap& map, const model::UnitTable& units, const std::vector<double>& values, bool blues,
                    int decimals, const std::string& legend_title, const std::vector<std::string>& tooltips,
                    std::vector<double> breaks = {}) {
  if (breaks.empty()) breaks = quantile_breaks(values, 5);
  const auto colors = sequential_palette(std::max<std::size_t>(breaks.size(), 1), blues);
  std::vector<MapPolygon> layer;
  for (model::UnitId u = 0; u < units.size(); ++u) {
    if (units[u].geometry.empty()) continue;
    MapPolygon p;
    p.shape = &units[u].geometry;
    p.fill = std::isfinite(values[u]) && !breaks.empty() ? colors[class_of(values[u], breaks)] : "#eeeeee";
    p.tooltip = tooltips[u];
    layer.push_back(p);
  }
  map.polygon_layers.push_back(std::move(layer));
  map.legend_title = legend_title;
  double lo = std::numeric_limits<double>::infinity();
  for (double v : values) lo = std::isfinite(v) ? std::min(lo, v) : lo;
  for (std::size_t k = 0; k < breaks.size(); ++k) {
    const std::string label = k == 0 && breaks[0] == lo ? format_number(lo, decimals)
                                                        : range_label(k == 0 ? lo : breaks[k - 1], breaks[k], decimals);
    map.legend.push_back({colors[k], label});
  }
}

graph::ContiguityGraph region_graph(const graph::ContiguityGraph* unit_graph, const model::Plan& plan) {
  std::vector<graph::Edge> edges;
  if (unit_graph) {
    for (const auto& e : unit_graph->edges()) {
      const auto a = plan.region_of[e.a], b = plan.region_of[e.b];
      if (a != b) edges.push_back({a, b, 0});
    }
  }
  return graph::ContiguityGraph::from_edges(plan.region_count(), std::move(edges));
}

std::string before_map(const PlanReportInput& in, const Text& t) {
  const auto& units = *in.units;
  SvgMap map;
  map.title = t("调整前：各单位常住人口", "Before: resident population");
  std::vector<double> values(units.size());
  std::vector<std::string> tips(units.size());
  for (model::UnitId u = 0; u < units.size(); ++u) {
    values[u] = units[u].population();
    tips[u] = units[u].name + " " + format_number(values[u], 0) + t(" 人", " residents");
  }
  add_choropleth(map, units, values, false, 0, t("常住人口（人）", "Population"), tips);
  // Labels go where they collide with nothing, the most populous units' first; the rest stay as tooltips.
  const bool label = units.size() <= 400;
  for (model::UnitId u = 0; u < units.size(); ++u) {
    const auto& unit = units[u];
    if (auto at = unit.anchor()) {
      const int priority = std::isfinite(values[u]) ? static_cast<int>(std::clamp(values[u], 0.0, 2e9)) : 0;
      map.points.push_back({*at, label ? unit.name : "", "#333333", 2.2, false, unit.name, priority});
    }
  }
  return render_svg(map);
}

std::string after_map(const PlanReportInput& in, const PlanReportEntry& entry, const Text& t) {
  const auto& units = *in.units;
  const auto& plan = *entry.plan;
  SvgMap map;
  map.title = t("调整后：新单位与驻地", "After: new units and seats");
  const auto colors = greedy_coloring(region_graph(in.graph, plan));
  const auto& palette = qualitative_palette();
  std::vector<MapPolygon> members;
  for (model::UnitId u = 0; u < units.size(); ++u) {
    if (units[u].geometry.empty()) continue;
    const auto r = plan.region_of[u];
    MapPolygon p;
    p.shape = &units[u].geometry;
    p.fill = palette[colors[r] % palette.size()];
    p.stroke = "#ffffff";
    p.stroke_width_px = 0.5;
    p.tooltip = units[u].name + " → " + plan.region_ids[r];
    members.push_back(p);
  }
  map.polygon_layers.push_back(std::move(members));
  std::vector<MapPolygon> outlines;
  for (const auto& shape : entry.region_shapes) {
    MapPolygon p;
    p.shape = &shape;
    p.fill = "none";
    p.fill_opacity = 0;
    p.stroke = "#333333";
    p.stroke_width_px = 1.6;
    outlines.push_back(p);
  }
  map.polygon_layers.push_back(std::move(outlines));
  for (const auto& region : entry.evaluation->regions) {
    if (!region.seat) continue;
    const auto at = units[*region.seat].anchor();
    if (!at) continue;
    const std::string tip = region.name + " " + format_number(region.population, 0) + t(" 人", " residents");
    map.points.push_back({*at, region.name, "#8b1a1a", 3.2, true, tip});
  }
  return render_svg(map);
}

std::string distance_map(const PlanReportInput& in, const PlanReportEntry& entry, const Text& t) {
  const auto& units = *in.units;
  SvgMap map;
  map.title = t("调整后：各原单位到新驻地的距离", "After: distance from each former unit to its new seat");
  std::vector<double> values(units.size(), std::nan(""));
  std::vector<std::string> tips(units.size());
  for (const auto& region : entry.evaluation->regions) {
    const auto seat_at = region.seat ? units[*region.seat].anchor() : std::nullopt;
    for (auto u : region.members) {
      const auto from = units[u].anchor();
      if (seat_at && from) values[u] = model::distance(*from, *seat_at) / 1000.0;
      tips[u] = units[u].name + " → " + region.name + " " + format_number(values[u], 1) + " km";
    }
  }
  // Fixed classes people read at a glance; the last class holds everything farther.
  double farthest = 0;
  for (double v : values) farthest = std::isfinite(v) ? std::max(farthest, v) : farthest;
  std::vector<double> breaks{0.0};
  for (double b : {5.0, 10.0, 15.0, 20.0, 30.0}) {
    if (b < farthest) breaks.push_back(b);
  }
  if (farthest > 0) breaks.push_back(farthest);
  add_choropleth(map, units, values, true, 1, t("到驻地距离（km）", "Distance to seat (km)"), tips, breaks);
  for (const auto& region : entry.evaluation->regions) {
    if (region.seat) {
      if (auto at = units[*region.seat].anchor()) map.points.push_back({*at, "", "#8b1a1a", 3, true, region.name});
    }
  }
  return render_svg(map);
}

std::string travel_map(const PlanReportInput& in, const PlanReportEntry& entry, const Text& t) {
  const auto& units = *in.units;
  const std::size_t n = units.size();
  const auto& minutes = *in.unit_minutes;
  SvgMap map;
  map.title = t("调整后：各原单位到新驻地的车程", "After: travel time by road from each former unit to its new seat");
  std::vector<double> values(n, std::nan(""));
  std::vector<std::string> tips(n);
  for (const auto& region : entry.evaluation->regions) {
    for (auto u : region.members) {
      if (region.seat) {
        const double v = minutes[static_cast<std::size_t>(u) * n + *region.seat];
        if (std::isfinite(v)) values[u] = v;
      }
      tips[u] = units[u].name + " → " + region.name + " " +
                (std::isfinite(values[u]) ? format_number(values[u], 1) + t(" 分钟", " min") : t("无道路可达", "no road"));
    }
  }
  double longest = 0;
  for (double v : values) longest = std::isfinite(v) ? std::max(longest, v) : longest;
  std::vector<double> breaks{0.0};
  for (double b : {10.0, 20.0, 30.0, 45.0, 60.0}) {
    if (b < longest) breaks.push_back(b);
  }
  if (longest > 0) breaks.push_back(longest);
  add_choropleth(map, units, values, true, 0, t("到驻地车程（分钟）", "Travel time to seat (min)"), tips, breaks);
  for (const auto& region : entry.evaluation->regions) {
    if (region.seat) {
      if (auto at = units[*region.seat].anchor()) map.points.push_back({*at, "", "#8b1a1a", 3, true, region.name});
    }
  }
  return render_svg(map);
}

std::string population_chart(const PlanReportInput& in, const PlanReportEntry& entry, const Text& t) {
  BarChart chart;
  chart.title = t("调整后各单位常住人口", "Population of the new units");
  chart.value_label = t("常住人口（人）", "Residents");
  BarSeries series{t("常住人口", "Population"), "#c0504d", {}};
  auto regions = entry.evaluation->regions;
  std::sort(regions.begin(), regions.end(), [](const auto& a, const auto& b) { return a.population > b.population; });
  for (const auto& r : regions) {
    chart.categories.push_back(r.name);
    series.values.push_back(r.population);
  }
  chart.series.push_back(std::move(series));
  if (in.rules.min_population) {
    chart.reference = *in.rules.min_population;
    chart.reference_label = t("人口下限 ", "minimum ") + format_number(*in.rules.min_population, 0);
  }
  return render_bar_chart(chart);
}

void plan_section(HtmlDocument& doc, const PlanReportInput& in, const PlanReportEntry& entry, const Text& t,
                  bool with_heading) {
  const auto& e = *entry.evaluation;
  if (with_heading) doc.heading(t("方案：", "Plan: ") + entry.label, 2);
  const double before = static_cast<double>(e.before.units), after = static_cast<double>(e.after.units);
  const double cut = before - after;
  const std::string pct = before > 0 ? util::fixed(100.0 * cut / before, 1) : "0";
  doc.paragraph(t("单位数量从 " + format_number(before, 0) + " 个减为 " + format_number(after, 0) + " 个，减少 " +
                      format_number(cut, 0) + " 个，减幅 " + pct + "%。",
                  "Units go from " + format_number(before, 0) + " to " + format_number(after, 0) + " (" +
                      format_number(cut, 0) + " fewer, -" + pct + "%)."));
  std::size_t failed = 0;
  for (const auto& r : e.rules) failed += r.pass ? 0 : 1;
  std::vector<KeyFigure> figures{
      {t("单位数量", "Units"), format_number(before, 0) + " → " + format_number(after, 0),
       t("减少 " + format_number(cut, 0) + " 个（-" + pct + "%）", format_number(cut, 0) + " fewer (-" + pct + "%)")},
      {t("平均常住人口", "Mean population"),
       format_number(e.before.population.mean, 0) + " → " + format_number(e.after.population.mean, 0), t("人", "residents")},
      {t("人口低于下限的单位", "Units under the population threshold"),
       std::to_string(e.before.under_population) + " → " + std::to_string(e.after.under_population), t("个", "units")},
      {t("人口加权平均到驻地距离", "Mean distance to seat"),
       format_number(e.before.weighted_mean_distance_km, 1) + " → " + format_number(e.after.weighted_mean_distance_km, 1),
       t("公里；最远 ", "km; farthest ") + format_number(e.after.max_distance_km, 1) + " km"},
  };
  if (std::isfinite(e.after.weighted_mean_travel_min)) {
    // Beside the straight-line distance, before the rule checks.
    std::string within;
    for (const auto& [limit, share] : e.after.share_within_min) {
      if (limit == 30) within = t("；30 分钟内 ", "; within 30 min ") + format_number(100 * share, 0) + "%";
    }
    figures.push_back(
        {t("人口加权平均到驻地车程", "Mean travel time to seat"),
         format_number(e.before.weighted_mean_travel_min, 1) + " → " + format_number(e.after.weighted_mean_travel_min, 1),
         t("分钟；最远 ", "min; longest ") + format_number(e.after.max_travel_min, 1) + t(" 分钟", " min") + within});
  }
  figures.push_back({t("规则检查", "Rule checks"),
                     failed == 0 ? t("全部符合", "all pass") : std::to_string(failed) + t(" 项不符合", " failed"),
                     std::to_string(e.rules.size()) + t(" 项规则", " rules checked")});
  doc.key_figures(figures);
  // Offenders are region ids or unit codes: show them by name.
  std::map<std::string, std::string> names;
  for (const auto& region : e.regions) names[region.id] = region.name;
  for (const auto& unit : *in.units) names[unit.code] = unit.name;
  for (const auto& r : e.rules) {
    if (r.pass) continue;
    std::vector<std::string> who;
    for (std::size_t i = 0; i < r.offenders.size() && i < 12; ++i) {
      const auto it = names.find(r.offenders[i]);
      who.push_back(it != names.end() && it->second != r.offenders[i] ? it->second + "（" + r.offenders[i] + "）" : r.offenders[i]);
    }
    std::string list = util::join(who, "、");
    if (r.offenders.size() > 12) list += " …";
    doc.alert(rule_sentence(r, in.language) + (list.empty() ? "" : t("。涉及：", ". Concerned: ") + list), true);
  }
  if (!e.merged_viable_units.empty()) {
    std::vector<std::string> viable;
    for (auto u : e.merged_viable_units) viable.push_back((*in.units)[u].name);
    doc.alert(t("以下单位单独即达到规模要求，但被并入其他单位，请核实是否必要：",
                "These units meet the size thresholds alone but were merged into another; check that this is needed: ") +
                  util::join(viable, "、"),
              false);
  }
  const bool has_geometry = std::any_of(in.units->begin(), in.units->end(), [](const auto& u) { return !u.geometry.empty(); });
  if (has_geometry) {
    doc.figure_pair(before_map(in, t), t("图 1 调整前各单位常住人口（分位数分级）", "Figure 1. Population before (quantile classes)"),
                    after_map(in, entry, t), t("图 2 调整后新单位（星号为新驻地）", "Figure 2. New units (stars: new seats)"));
    doc.figure(distance_map(in, entry, t), t("图 3 各原单位到新驻地的直线距离", "Figure 3. Straight-line distance to the new seat"));
    if (in.unit_minutes && in.unit_minutes->size() == in.units->size() * in.units->size()) {
      doc.figure(travel_map(in, entry, t),
                 t("图 3b 各原单位到新驻地的车程（路网最短时间）", "Figure 3b. Travel time by road to the new seat (fastest route)"));
    }
  }
  doc.figure(population_chart(in, entry, t), t("图 4 调整后各单位常住人口", "Figure 4. Population of the new units"));
  doc.table(indicator_table(e, in.language));
  doc.table(rule_table(e, in.language));
  doc.table(region_table(*in.units, e));
  doc.table(crosswalk_table(*in.units, *entry.plan, e, in.language), 400);
}

}  // namespace

std::string plan_report_html(const PlanReportInput& in) {
  const Text t{in.language};
  HtmlDocument doc(in.title, in.language);
  if (!in.comparison.empty()) {
    doc.heading(t("方案比较", "Plan comparison"), 2);
    doc.paragraph(t("综合得分按各指标在方案间的最小—最大标准化后加权求和（1 为最好）；不符合硬性规则的方案排在所有符合规则的方案之后。",
                    "Scores are weighted sums of indicators min-max normalised across the plans (1 = best); plans that "
                    "break a hard rule rank after all plans that keep them."));
    doc.table(comparison_table(in.comparison, in.language));
  }
  for (const auto& entry : in.plans) plan_section(doc, in, entry, t, in.plans.size() > 1);
  return doc.render();
}

}  // namespace quhua::report
