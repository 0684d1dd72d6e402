#include "quhua/service/facilities.hpp"

#include "quhua/algorithms/facility/capacitated_p_median.hpp"
#include "quhua/algorithms/facility/coverage.hpp"
#include "quhua/algorithms/facility/p_median.hpp"
#include "quhua/algorithms/facility/relayout.hpp"
#include "quhua/exact/facility_models.hpp"
#include "quhua/service/access.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/memory.hpp"
#include "quhua/util/strings.hpp"

#include <chrono>
#include <cmath>

namespace quhua::service {
namespace {

namespace fac = algorithms::facility;

/// A numeric cell of an optional column: nullopt when the column is absent or the cell empty.
std::optional<double> optional_number(const LocatedPoints& points, std::optional<std::size_t> col, std::size_t row) {
  if (!col) return std::nullopt;
  const std::string& text = points.attributes.rows[row][*col];
  if (util::trim(text).empty()) return std::nullopt;
  const auto v = util::parse_double(text);
  if (!v || !(*v >= 0) || !std::isfinite(*v)) {
    throw InputError(ErrorCode::input_value, "'" + text + "' is not a non-negative number",
                     ErrorContext{points.source, "", points.row_refs[row], points.attributes.header[*col]});
  }
  return v;
}

/// existing / new / fixed / closed from the status column (English or Chinese words).
std::string parse_status(const std::string& raw, const LocatedPoints& points, std::size_t row) {
  const std::string v = util::to_lower_ascii(util::trim(raw));
  if (v.empty() || v == "new" || v == "candidate" || v == "新建" || v == "候选" || v == "拟建") return "new";
  if (v == "existing" || v == "现有" || v == "现状" || v == "已有") return "existing";
  if (v == "fixed" || v == "keep" || v == "must" || v == "保留" || v == "必须保留") return "fixed";
  if (v == "closed" || v == "excluded" || v == "close" || v == "撤并" || v == "关闭" || v == "不可用") return "closed";
  throw InputError(ErrorCode::input_value, "unknown status '" + raw + "' (existing, new, fixed or closed)",
                   ErrorContext{points.source, "", points.row_refs[row], "status"});
}

double places_from_classes(double classes, const std::optional<fac::SchoolLevel>& level) {
  return fac::standard_places(static_cast<int>(std::lround(classes)), level.value_or(fac::SchoolLevel::primary));
}

}  // namespace

FacilityModel parse_facility_model(const std::string& name) {
  const std::string n = util::to_lower_ascii(util::trim(name));
  if (n == "pmedian" || n == "p-median" || n == "median") return FacilityModel::p_median;
  if (n == "pcenter" || n == "p-center" || n == "center") return FacilityModel::p_center;
  if (n == "mclp" || n == "max-covering" || n == "maxcover") return FacilityModel::max_covering;
  if (n == "lscp" || n == "set-covering" || n == "setcover") return FacilityModel::set_covering;
  if (n == "capacitated" || n == "cpmp") return FacilityModel::capacitated;
  if (n == "relayout" || n == "re-layout") return FacilityModel::relayout;
  throw UsageError("unknown model '" + name + "' (use pmedian, pcenter, mclp, lscp, capacitated or relayout)");
}

std::string_view facility_model_name(FacilityModel model) {
  switch (model) {
    case FacilityModel::p_median:
      return "pmedian";
    case FacilityModel::p_center:
      return "pcenter";
    case FacilityModel::max_covering:
      return "mclp";
    case FacilityModel::set_covering:
      return "lscp";
    case FacilityModel::capacitated:
      return "capacitated";
    case FacilityModel::relayout:
      return "relayout";
  }
  return "pmedian";
}

FacilitiesResult solve_facilities(const FacilitiesRequest& request, RunControl& control) {
  const auto started = std::chrono::steady_clock::now();
  if (request.time_limit_s > 0) control.set_time_limit(request.time_limit_s);
  FacilitiesResult r;
  r.request = request;
  r.unit = unit_name(request.routing.metric);
  const bool needs_p = request.model != FacilityModel::set_covering && request.model != FacilityModel::relayout;
  if (needs_p && request.p == 0) throw UsageError("this model needs --p (the number of facilities)");
  const bool coverage = request.model == FacilityModel::max_covering || request.model == FacilityModel::set_covering;
  if (coverage && !(request.radius > 0)) throw UsageError("this model needs --radius (minutes or km)");
  if (!request.classes_field.empty() && !request.level) {
    throw UsageError("--classes-field needs --level primary (45 per class) or junior (50 per class)");
  }

  std::string crs;
  auto network = load_optional_network(request.network, crs, r.findings);
  r.demand = place_points(request.demand, crs, network ? &*network : nullptr, request.routing, r.findings);
  r.candidates = place_points(request.candidates, crs, network ? &*network : nullptr, request.routing, r.findings);
  util::require_memory(r.demand.ids.size(), r.candidates.ids.size(), fac::k_bytes_per_pair,
                       "the " + std::to_string(r.demand.ids.size()) + " villages x " +
                           std::to_string(r.candidates.ids.size()) + " candidates cost matrix");
  r.costs = cost_matrix(r.demand, r.candidates, network ? &*network : nullptr, request.routing, control);
  for (double& v : r.costs.values) v = to_unit(v, request.routing.metric);

  const std::size_t n = r.demand.ids.size(), m = r.candidates.ids.size();
  r.weight = numeric_column(r.demand, request.weight_field, 1.0);
  r.demand_amount = request.demand_field.empty() ? r.weight : numeric_column(r.demand, request.demand_field, 0.0);
  const auto status_col = find_column(r.candidates, "status");
  const auto capacity_col =
      request.capacity_field.empty() ? std::nullopt : find_column(r.candidates, request.capacity_field);
  if (!request.capacity_field.empty() && !capacity_col) {
    throw InputError(ErrorCode::input_missing, "no such column",
                     ErrorContext{r.candidates.source, "", "", request.capacity_field});
  }
  const auto classes_col =
      request.classes_field.empty() ? std::nullopt : find_column(r.candidates, request.classes_field);
  if (!request.classes_field.empty() && !classes_col) {
    throw InputError(ErrorCode::input_missing, "no such column",
                     ErrorContext{r.candidates.source, "", "", request.classes_field});
  }
  r.capacity.assign(m, std::numeric_limits<double>::infinity());
  r.classes.assign(m, -1);
  r.status.assign(m, "new");
  for (std::size_t j = 0; j < m; ++j) {
    if (status_col) r.status[j] = parse_status(r.candidates.attributes.rows[j][*status_col], r.candidates, j);
    if (const auto c = optional_number(r.candidates, classes_col, j)) {
      r.classes[j] = static_cast<int>(std::lround(*c));
      r.capacity[j] = places_from_classes(*c, request.level);
    }
    if (const auto q = optional_number(r.candidates, capacity_col, j)) r.capacity[j] = *q;
  }

  fac::LocationProblem problem;
  problem.cost = fac::CostMatrix(n, m);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < m; ++j) problem.cost.at(i, j) = r.costs(i, j);
  }
  problem.weight = r.weight;
  problem.fixed_open.assign(m, 0);
  problem.excluded.assign(m, 0);
  for (std::size_t j = 0; j < m; ++j) {
    problem.fixed_open[j] = r.status[j] == "fixed" ? 1 : 0;
    problem.excluded[j] = r.status[j] == "closed" ? 1 : 0;
  }
  exact::MipOptions mip;
  mip.time_limit_s = request.time_limit_s > 0 ? request.time_limit_s : 600;
  mip.seed = request.seed;

  switch (request.model) {
    case FacilityModel::p_median: {
      fac::PMedianOptions o;
      o.p = request.p;
      o.seed = request.seed;
      r.location =
          request.exact ? exact::solve_p_median_mip(problem, request.p, mip) : fac::solve_p_median(problem, o, control);
      break;
    }
    case FacilityModel::p_center: {
      fac::PCenterOptions o;
      o.p = request.p;
      o.seed = request.seed;
      r.location =
          request.exact ? exact::solve_p_center_mip(problem, request.p, mip) : fac::solve_p_center(problem, o, control);
      break;
    }
    case FacilityModel::max_covering: {
      fac::MaxCoveringOptions o;
      o.p = request.p;
      o.seed = request.seed;
      o.coverage.radius = request.radius;
      r.location = request.exact ? exact::solve_max_covering_mip(problem, o.coverage, request.p, mip)
                                 : fac::solve_max_covering(problem, o, control);
      break;
    }
    case FacilityModel::set_covering: {
      fac::SetCoveringOptions o;
      o.coverage.radius = request.radius;
      o.seed = request.seed;
      r.location = request.exact ? exact::solve_set_covering_mip(problem, o.coverage, {}, mip)
                                 : fac::solve_set_covering(problem, o, control);
      break;
    }
    case FacilityModel::capacitated: {
      fac::CapacitatedProblem cp;
      cp.location = problem;
      cp.demand = r.demand_amount;
      cp.capacity = r.capacity;
      for (double& q : cp.capacity) {
        if (!std::isfinite(q))
          throw UsageError("the capacitated model needs a capacity (or classes) for every candidate");
      }
      fac::CapacitatedPMedianOptions o;
      o.p = request.p;
      o.seed = request.seed;
      r.location = request.exact ? exact::solve_capacitated_p_median_mip(cp, request.p, mip)
                                 : fac::solve_capacitated_p_median(cp, o, control);
      break;
    }
    case FacilityModel::relayout: {
      fac::RelayoutProblem rp;
      rp.cost = problem.cost;
      rp.weight = r.weight;
      const bool capacitated = capacity_col || classes_col;
      if (capacitated) rp.demand = r.demand_amount;
      const auto keep_cost = find_column(r.candidates, "keep_cost"),
                 close_cost = find_column(r.candidates, "close_cost");
      const auto upgrade_cost = find_column(r.candidates, "upgrade_cost"),
                 build_cost = find_column(r.candidates, "build_cost");
      const auto upgrade_capacity = find_column(r.candidates, "upgrade_capacity"),
                 upgrade_classes = find_column(r.candidates, "upgrade_classes");
      const auto build_capacity = find_column(r.candidates, "build_capacity"),
                 build_classes = find_column(r.candidates, "build_classes");
      for (std::size_t j = 0; j < m; ++j) {
        fac::Site site;
        site.existing = r.status[j] == "existing" || r.status[j] == "fixed";
        site.must_open = r.status[j] == "fixed";
        site.must_close = r.status[j] == "closed";
        if (site.existing) {
          site.closed_cost = optional_number(r.candidates, close_cost, j).value_or(0);
          site.options.push_back({"keep", optional_number(r.candidates, keep_cost, j).value_or(0), r.capacity[j]});
          const auto up_cost = optional_number(r.candidates, upgrade_cost, j);
          std::optional<double> up_places = optional_number(r.candidates, upgrade_capacity, j);
          if (const auto extra = optional_number(r.candidates, upgrade_classes, j)) {
            up_places = places_from_classes(std::max(0, r.classes[j]) + *extra, request.level);
          }
          if (up_cost && up_places) site.options.push_back({"upgrade", *up_cost, *up_places});
        } else {
          std::optional<double> places = optional_number(r.candidates, build_capacity, j);
          if (const auto c = optional_number(r.candidates, build_classes, j))
            places = places_from_classes(*c, request.level);
          site.options.push_back(
              {"build", optional_number(r.candidates, build_cost, j).value_or(0), places.value_or(r.capacity[j])});
        }
        rp.sites.push_back(std::move(site));
      }
      fac::RelayoutOptions o;
      o.min_open = request.min_open;
      o.max_open = request.max_open;
      o.budget = request.budget;
      o.cost_weight = request.cost_weight;
      o.seed = request.seed;
      const auto solved = request.exact ? exact::solve_relayout_mip(rp, o, mip) : fac::solve_relayout(rp, o, control);
      r.location = solved.location;
      r.site_cost = solved.site_cost;
      r.feasible = solved.feasible;
      r.infeasibility = solved.infeasibility;
      r.option.assign(m, "close");
      for (std::size_t j = 0; j < m; ++j) {
        const int k = solved.option_of.empty() ? -1 : solved.option_of[j];
        if (k < 0) {
          r.option[j] = rp.sites[j].existing ? "close" : "not built";
          continue;
        }
        const auto& chosen = rp.sites[j].options[static_cast<std::size_t>(k)];
        r.option[j] = chosen.name;
        r.capacity[j] = chosen.capacity;
        if (chosen.name == "upgrade" && upgrade_classes) {
          r.classes[j] = std::max(0, r.classes[j]) +
                         static_cast<int>(std::lround(optional_number(r.candidates, upgrade_classes, j).value_or(0)));
        } else if (chosen.name == "build" && build_classes) {
          r.classes[j] = static_cast<int>(std::lround(optional_number(r.candidates, build_classes, j).value_or(0)));
        }
      }
      break;
    }
  }

  if (r.option.empty()) {
    r.option.assign(m, "closed");
    for (auto j : r.location.open) r.option[j] = "open";
  }
  r.load.assign(m, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto j = i < r.location.assignment.size() ? r.location.assignment[i] : fac::k_unassigned;
    if (j == fac::k_unassigned) continue;
    r.load[j] += r.demand_amount[i];
    r.travel_cost += r.weight[i] * r.costs(i, j);
  }
  if (r.location.unreachable_demands > 0) {
    r.findings.add(Severity::warning, "demand_unreachable",
                   std::to_string(r.location.unreachable_demands) + " villages can reach no open facility" +
                       (coverage ? " within the radius" : ""));
  }
  if (r.location.unassigned_demands > 0) {
    r.findings.add(Severity::warning, "demand_unplaced",
                   std::to_string(r.location.unassigned_demands) + " villages found no room at any open facility");
  }
  if (!r.feasible) r.findings.add(Severity::warning, "plan_infeasible", r.infeasibility);
  if (r.location.stopped_early) r.findings.add(Severity::info, "stopped_early", "the search stopped at the time limit");
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

std::vector<util::ReportTable> facilities_tables(const FacilitiesResult& r) {
  const bool km = r.unit == "km";
  const std::string u_zh = km ? "公里" : "分钟", u_en = km ? "km" : "min";
  double people = 0, within = 0, worst = 0;
  for (std::size_t i = 0; i < r.demand.ids.size(); ++i) {
    people += r.weight[i];
    const auto j = i < r.location.assignment.size() ? r.location.assignment[i] : fac::k_unassigned;
    if (j == fac::k_unassigned) continue;
    worst = std::max(worst, r.costs(i, j));
    if (r.request.radius > 0 && r.costs(i, j) <= r.request.radius) within += r.weight[i];
  }
  util::ReportTable summary;
  summary.name = "facilities_summary";
  summary.title_zh = "设施布局方案概况";
  summary.title_en = "Facility plan";
  summary.columns = {
      {"indicator", "指标代码", "Indicator"}, {"indicator_zh", "指标", "Indicator (zh)"}, {"value", "数值", "Value"}};
  auto add = [&](const char* key, const char* zh, util::Cell value) {
    summary.add_row({std::string(key), std::string(zh), std::move(value)});
  };
  add("model", "模型", std::string(facility_model_name(r.request.model)));
  add("method", "求解方法", r.location.method);
  add("open_sites", "开放设施数", static_cast<std::int64_t>(r.location.open.size()));
  add("objective", "目标函数值", util::number_cell(r.location.objective));
  add("bound", "界", util::number_cell(r.location.bound));
  add("gap", "相对差距", util::number_cell(r.location.gap));
  add("proven_optimal", "已证最优", std::string(r.location.proven_optimal ? "yes" : "no"));
  add(km ? "mean_travel_km" : "mean_travel_min", km ? "人均出行距离(公里)" : "人均出行时间(分钟)",
      util::number_cell(people > 0 ? r.travel_cost / people : std::numeric_limits<double>::quiet_NaN()));
  add(km ? "max_travel_km" : "max_travel_min", km ? "最远出行距离(公里)" : "最远出行时间(分钟)", worst);
  if (r.request.radius > 0) add("share_within_radius", "服务半径内人口比例", people > 0 ? within / people : 0.0);
  if (r.request.model == FacilityModel::relayout) add("site_cost_yuan", "设施费用(元)", r.site_cost);
  add("unreachable_villages", "无法到达的村", static_cast<std::int64_t>(r.location.unreachable_demands));
  add("unplaced_villages", "无学位的村", static_cast<std::int64_t>(r.location.unassigned_demands));
  add("seconds", "用时(秒)", r.seconds);

  util::ReportTable sites;
  sites.name = "sites";
  sites.title_zh = "设施点";
  sites.title_en = "Sites";
  sites.columns = {{"id", "编号", "ID"},
                   {"status", "现状", "Status"},
                   {"decision", "方案", "Decision"},
                   {"load", "服务量", "Load", 0},
                   {"capacity", "容量", "Capacity", 0},
                   {"utilisation", "利用率", "Utilisation", 3},
                   {"classes", "班数", "Classes"},
                   {"largest_class", "最大班额", "Largest class"},
                   {"class_band", "班额等级", "Class-size band"}};
  for (std::size_t j = 0; j < r.candidates.ids.size(); ++j) {
    const bool open = std::binary_search(r.location.open.begin(), r.location.open.end(), static_cast<fac::Index>(j));
    const bool finite = std::isfinite(r.capacity[j]);
    util::Cell classes, largest, band;
    if (open && r.request.level) {
      if (finite || r.classes[j] >= 0) {
        // Classes from the capacity only when it is finite (an unlimited site has no class count).
        const int rooms = r.classes[j] >= 0
                              ? r.classes[j]
                              : static_cast<int>(std::ceil(r.capacity[j] / fac::standard_class_size(*r.request.level)));
        const auto check = fac::check_class_size(r.load[j], rooms, *r.request.level);
        classes = static_cast<std::int64_t>(rooms);
        largest = static_cast<std::int64_t>(check.largest_class);
        band = std::string(fac::class_size_band_zh(check.band)) + " / " +
               std::string(fac::class_size_band_key(check.band));
      }
    }
    sites.add_row({r.candidates.ids[j], r.status[j], r.option[j], open ? util::Cell{r.load[j]} : util::Cell{},
                   finite ? util::Cell{r.capacity[j]} : util::Cell{},
                   open && finite && r.capacity[j] > 0 ? util::Cell{r.load[j] / r.capacity[j]} : util::Cell{}, classes,
                   largest, band});
  }

  util::ReportTable assignment;
  assignment.name = "assignment";
  assignment.title_zh = "村到设施的分配";
  assignment.title_en = "Villages and their facility";
  assignment.columns = {{"village_id", "村编号", "Village"},
                        {"weight", "人口", "People", 0},
                        {"site_id", "设施编号", "Facility"},
                        {km ? "distance_km" : "travel_min", "出行" + u_zh, "Travel (" + u_en + ")", 2},
                        {"within_radius", "服务半径内", "Within radius"}};
  for (std::size_t i = 0; i < r.demand.ids.size(); ++i) {
    const auto j = i < r.location.assignment.size() ? r.location.assignment[i] : fac::k_unassigned;
    if (j == fac::k_unassigned) {
      assignment.add_row({r.demand.ids[i], r.weight[i], util::Cell{}, util::Cell{}, util::Cell{}});
      continue;
    }
    const double c = r.costs(i, j);
    assignment.add_row(
        {r.demand.ids[i], r.weight[i], r.candidates.ids[j], c,
         r.request.radius > 0 ? util::Cell{std::string(c <= r.request.radius ? "yes" : "no")} : util::Cell{}});
  }
  return {summary, sites, assignment};
}

}  // namespace quhua::service
