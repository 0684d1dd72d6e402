#include "quhua/service/access.hpp"

#include "quhua/metrics/inequality.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <chrono>
#include <cmath>
#include <map>

namespace quhua::service {
namespace {

metrics::DistanceDecay decay_for(const AccessRequest& r) {
  metrics::DistanceDecay d;
  d.catchment = r.catchment;
  switch (r.method) {
    case AccessMethod::two_step:
      d.kind = metrics::DecayKind::binary;
      break;
    case AccessMethod::enhanced_two_step:
      // Luo & Qi (2009): three travel-time zones of the catchment weighted 1.00, 0.68 and 0.22
      // (a Gaussian with beta = 100 sampled at the zone centres).
      d.kind = metrics::DecayKind::stepwise;
      d.steps = {{r.catchment / 3, 1.0}, {2 * r.catchment / 3, 0.68}, {r.catchment, 0.22}};
      break;
    case AccessMethod::gaussian_two_step:
      d.kind = metrics::DecayKind::gaussian;
      break;
    case AccessMethod::gravity:
      d.kind = metrics::DecayKind::power;
      d.beta = r.beta;
      d.catchment = 0;
      d.min_cost = 1;  // one minute / one km: closer counts as that close
      break;
  }
  return d;
}

AccessScenario score(const graph::Matrix& matrix, graph::Metric metric, const std::vector<double>& population,
                     const std::vector<double>& supply, const AccessRequest& request,
                     const std::vector<std::uint32_t>* groups) {
  // Minutes or km, the units the catchment and threshold are given in.
  std::vector<double> costs(matrix.values.size());
  for (std::size_t k = 0; k < costs.size(); ++k) costs[k] = to_unit(matrix.values[k], metric);
  const metrics::CostView view{costs, matrix.rows, matrix.cols};
  AccessScenario s;
  const auto catchment = metrics::floating_catchment(view, population, supply, decay_for(request));
  s.accessibility = catchment.accessibility;
  s.supply_ratio = catchment.supply_ratio;
  s.nearest = metrics::nearest_cost(view);
  s.mean_nearest = metrics::weighted_mean(s.nearest, population);
  for (double v : s.nearest) {
    if (std::isfinite(v)) {
      s.max_nearest = std::max(s.max_nearest, v);
    } else {
      ++s.unreachable;
    }
  }
  s.share_within = metrics::share_within(s.nearest, population, request.threshold).share;
  s.mean_accessibility = metrics::weighted_mean(s.accessibility, population);
  s.gini = metrics::gini(s.accessibility, population);
  if (groups) {
    const auto t = metrics::theil_decomposition(s.accessibility, population, *groups);
    s.theil = t.total;
    s.theil_between = t.between;
    s.theil_within = t.within;
  } else {
    s.theil = metrics::theil(s.accessibility, population);
  }
  return s;
}

}  // namespace

AccessMethod parse_access_method(const std::string& name) {
  const std::string n = util::to_lower_ascii(util::trim(name));
  if (n == "2sfca") return AccessMethod::two_step;
  if (n == "e2sfca") return AccessMethod::enhanced_two_step;
  if (n == "g2sfca" || n == "gaussian") return AccessMethod::gaussian_two_step;
  if (n == "gravity") return AccessMethod::gravity;
  throw UsageError("unknown accessibility method '" + name + "' (use 2sfca, e2sfca, g2sfca or gravity)");
}

std::vector<double> numeric_column(const LocatedPoints& points, const std::string& column, double fallback) {
  std::vector<double> out(points.ids.size(), fallback);
  if (column.empty()) return out;
  const auto& table = points.attributes;
  const auto index = find_column(points, column);
  if (!index) throw InputError(ErrorCode::input_missing, "no such column", ErrorContext{points.source, "", "", column});
  for (std::size_t k = 0; k < out.size(); ++k) {
    const auto v = util::parse_double(table.rows[k][*index]);
    if (!v || !(*v >= 0) || !std::isfinite(*v)) {
      throw InputError(ErrorCode::input_value, "'" + table.rows[k][*index] + "' is not a non-negative number",
                       ErrorContext{points.source, "", points.row_refs[k], column});
    }
    out[k] = *v;
  }
  return out;
}

AccessResult measure_access(const AccessRequest& request, RunControl& control) {
  const auto started = std::chrono::steady_clock::now();
  if (!(request.catchment > 0) && request.method != AccessMethod::gravity) {
    throw UsageError("the catchment must be positive");
  }
  AccessResult result;
  result.request = request;
  result.unit = unit_name(request.routing.metric);
  std::string crs;
  auto network = load_optional_network(request.network, crs, result.findings);
  const LoadedNetwork* net = network ? &*network : nullptr;
  result.demand = place_points(request.demand, crs, net, request.routing, result.findings);
  result.supply = place_points(request.supply, crs, net, request.routing, result.findings);
  if (request.supply_after)
    result.supply_after = place_points(*request.supply_after, crs, net, request.routing, result.findings);
  result.population = numeric_column(result.demand, request.population_field, 1.0);
  result.supply_amount = numeric_column(result.supply, request.supply_field, 1.0);

  std::vector<std::uint32_t> groups;
  if (!request.group_field.empty()) {
    const auto index = find_column(result.demand, request.group_field);
    if (!index) {
      throw InputError(ErrorCode::input_missing, "no such column",
                       ErrorContext{request.demand.path, "", "", request.group_field});
    }
    std::map<std::string, std::uint32_t> ids;
    for (const auto& row : result.demand.attributes.rows) {
      groups.push_back(ids.emplace(row[*index], static_cast<std::uint32_t>(ids.size())).first->second);
    }
    result.grouped = true;
  }
  const auto before = cost_matrix(result.demand, result.supply, net, request.routing, control);
  result.before = score(before, request.routing.metric, result.population, result.supply_amount, request,
                        result.grouped ? &groups : nullptr);
  if (result.supply_after) {
    result.supply_after_amount = numeric_column(*result.supply_after, request.supply_field, 1.0);
    const auto after = cost_matrix(result.demand, *result.supply_after, net, request.routing, control);
    result.after = score(after, request.routing.metric, result.population, result.supply_after_amount, request,
                         result.grouped ? &groups : nullptr);
  }
  if (result.before.unreachable > 0) {
    result.findings.add(Severity::warning, "no_facility_reachable",
                        std::to_string(result.before.unreachable) + " villages reach no facility");
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::vector<util::ReportTable> access_tables(const AccessResult& r) {
  const bool km = r.unit == "km";
  const std::string unit_zh = km ? "公里" : "分钟";
  const std::string unit_en = km ? "km" : "min";
  util::ReportTable summary;
  summary.name = "access_summary";
  summary.title_zh = "可达性与公平概况";
  summary.title_en = "Accessibility and equity";
  summary.columns = {{"indicator", "指标代码", "Indicator"},
                     {"indicator_zh", "指标", "Indicator (zh)"},
                     {"before", "现状", "Now", 4},
                     {"after", "规划后", "After the plan", 4},
                     {"change", "变化", "Change", 4}};
  auto row = [&](const std::string& zh, const std::string& en, double a, std::optional<double> b) {
    summary.add_row({en, zh, a, util::number_cell(b), b ? util::Cell{*b - a} : util::Cell{}});
  };
  const auto* after = r.after ? &*r.after : nullptr;
  auto pick = [&](auto field) -> std::optional<double> {
    return after ? std::optional<double>((*after).*field) : std::nullopt;
  };
  row("人口加权平均最近设施" + unit_zh, "mean_nearest_" + unit_en, r.before.mean_nearest,
      pick(&AccessScenario::mean_nearest));
  row("最远村到最近设施" + unit_zh, "max_nearest_" + unit_en, r.before.max_nearest, pick(&AccessScenario::max_nearest));
  row("服务半径内人口比例", "share_within_" + util::fixed(r.request.threshold, 0) + unit_en, r.before.share_within,
      pick(&AccessScenario::share_within));
  row("人口加权平均可达性", "mean_accessibility", r.before.mean_accessibility,
      pick(&AccessScenario::mean_accessibility));
  row("可达性基尼系数", "gini", r.before.gini, pick(&AccessScenario::gini));
  row("可达性泰尔指数", "theil", r.before.theil, pick(&AccessScenario::theil));
  if (r.grouped) {
    row("泰尔指数(组间)", "theil_between_groups", r.before.theil_between, pick(&AccessScenario::theil_between));
    row("泰尔指数(组内)", "theil_within_groups", r.before.theil_within, pick(&AccessScenario::theil_within));
  }
  row("无可达设施村数", "villages_without_facility", static_cast<double>(r.before.unreachable),
      after ? std::optional<double>(static_cast<double>(after->unreachable)) : std::nullopt);

  util::ReportTable villages;
  villages.name = "villages";
  villages.title_zh = "各村可达性";
  villages.title_en = "Accessibility by village";
  villages.columns = {{"id", "编号", "ID"},
                      {"population", "人口", "Population", 0},
                      {"nearest_before", "现状最近设施(" + unit_zh + ")", "Nearest now (" + unit_en + ")", 2},
                      {"access_before", "现状可达性", "Accessibility now", 6},
                      {"nearest_after", "规划后最近设施(" + unit_zh + ")", "Nearest after (" + unit_en + ")", 2},
                      {"access_after", "规划后可达性", "Accessibility after", 6}};
  for (std::size_t i = 0; i < r.demand.ids.size(); ++i) {
    villages.add_row({r.demand.ids[i], r.population[i], util::number_cell(r.before.nearest[i]),
                      r.before.accessibility[i], after ? util::number_cell(after->nearest[i]) : util::Cell{},
                      after ? util::Cell{after->accessibility[i]} : util::Cell{}});
  }
  util::ReportTable facilities;
  facilities.name = "facilities";
  facilities.title_zh = "设施供需比";
  facilities.title_en = "Supply-to-demand ratio by facility";
  facilities.columns = {{"scenario", "情景", "Scenario"},
                        {"id", "编号", "ID"},
                        {"supply", "供给量", "Supply", 2},
                        {"supply_ratio", "供需比", "Supply ratio", 6}};
  for (std::size_t j = 0; j < r.supply.ids.size(); ++j) {
    facilities.add_row({std::string("before"), r.supply.ids[j], r.supply_amount[j], r.before.supply_ratio[j]});
  }
  if (after) {
    for (std::size_t j = 0; j < r.supply_after->ids.size(); ++j) {
      facilities.add_row(
          {std::string("after"), r.supply_after->ids[j], r.supply_after_amount[j], after->supply_ratio[j]});
    }
  }
  return {summary, villages, facilities};
}

}  // namespace quhua::service
