#include "quhua/service/evaluate.hpp"

#include "quhua/geometry/contiguity.hpp"
#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/geometry/projection.hpp"
#include "quhua/io/layer_writer.hpp"
#include "quhua/io/plan_io.hpp"
#include "quhua/io/table_writer.hpp"
#include "quhua/report/plan_report.hpp"
#include "quhua/report/plan_tables.hpp"
#include "quhua/util/atomic_file.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/limits.hpp"
#include "quhua/util/strings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace quhua::service {

using nlohmann::json;

void EvaluateRequest::validate() const {
  units.validate();
  if (villages) villages->validate();
  if (plan_paths.empty()) throw UsageError("give at least one --plan file");
  util::require_limit("--min-pop", rules.min_population);
  util::require_limit("--max-pop", rules.max_population);
  util::require_limit("--min-area-km2", rules.min_area_km2);
  util::require_limit("--max-area-km2", rules.max_area_km2);
  util::require_limit("--max-seat-km", rules.max_seat_km);
  util::require_limit("--max-seat-min", rules.max_seat_minutes);
  if (rules.max_seat_minutes && !travel.given()) {
    throw UsageError("--max-seat-min needs travel times over a road network: give --network");
  }
  if (rules.min_population && rules.max_population && *rules.min_population > *rules.max_population) {
    throw UsageError("--min-pop is larger than --max-pop");
  }
  if (!(snap_tolerance_m >= 0)) throw UsageError("--snap-m must be >= 0");
}

namespace {

// A plan's label (sheet, layer and column names): its file name, with its folder when two plans share
// a file name (a/plan.csv, b/plan.csv -> a_plan, b_plan), numbered if that is not enough.
std::string plan_label(const std::vector<std::string>& paths, const std::string& path,
                       const std::vector<std::string>& taken) {
  const std::filesystem::path p(path);
  std::string label = p.stem().string();
  std::size_t same_stem = 0;
  for (const auto& other : paths) same_stem += std::filesystem::path(other).stem() == p.stem() ? 1 : 0;
  if (same_stem > 1) {
    const auto folder = std::filesystem::absolute(p).parent_path().filename().string();
    if (!folder.empty()) label = folder + "_" + label;
  }
  const std::string base = label;
  for (int k = 2; std::find(taken.begin(), taken.end(), label) != taken.end(); ++k) label = base + "_" + std::to_string(k);
  return label;
}

// Moves `table` (anchors and shapes) into the CRS of `target`; nothing to do when they already share one.
void reproject_units(model::UnitTable& table, const model::CrsInfo& target) {
  if (!target.is_projected || target.working.empty() || table.crs.working.empty() ||
      table.crs.working == target.working) {
    return;
  }
  const geometry::Projector projector(table.crs.working, target.working);
  for (model::UnitId u = 0; u < table.size(); ++u) {
    auto& unit = table[u];
    if (unit.seat) unit.seat = projector.forward(*unit.seat);
    if (unit.centroid) unit.centroid = projector.forward(*unit.centroid);
    if (!unit.geometry.empty()) projector.forward(unit.geometry);
  }
  table.crs.working = target.working;
}

}  // namespace

std::vector<std::string> plan_labels(const std::vector<std::string>& plan_paths) {
  std::vector<std::string> labels;
  for (const auto& path : plan_paths) labels.push_back(plan_label(plan_paths, path, labels));
  return labels;
}

EvaluateResult evaluate(const EvaluateRequest& request) {
  request.validate();
  EvaluateResult result;
  result.import = import_units(request.units);
  if (request.rules.min_population || request.rules.max_population) {
    require_population(result.import.units, request.missing_population,
                       request.rules.min_population ? "--min-pop" : "--max-pop", request.units.units_path,
                       result.import.findings);
  } else if (request.missing_population == MissingPopulation::zero) {
    require_population(result.import.units, request.missing_population, "", request.units.units_path,
                       result.import.findings);
  }
  if (request.missing_population == MissingPopulation::zero) fill_missing_population(result.import.units);
  const model::UnitTable& units = result.import.units;
  if (request.villages) result.villages = import_units(*request.villages);

  result.options.rules = request.rules;
  for (const auto type : request.rules.locked_types) {
    // A type that matches nothing locks nothing: most likely a typo, never a silent no-op.
    if (std::none_of(units.begin(), units.end(), [type](const model::Unit& u) { return u.type == type; })) {
      std::set<std::string> present;
      for (const auto& unit : units) present.insert(std::string(model::type_name_zh(unit.type)));
      const std::string types = util::join(std::vector<std::string>(present.begin(), present.end()), "、");
      throw UsageError("--lock-type " + std::string(model::type_name_zh(type)) +
                       "：没有这种类型的单位（数据中的类型：" + types +
                       "） / no unit has this type (types present: " + types + ")");
    }
  }
  if (result.villages) {
    // Villages are measured against the units' seats: bring them into the units' working CRS (each
    // import chooses its own local CRS from its own extent).
    reproject_units(result.villages->units, units.crs);
    result.options.villages = &result.villages->units;
  }
  if (request.travel.given()) {
    RunControl control;
    const auto network = load_network_for_units(units, request.travel, result.travel_findings);
    auto travel = unit_travel_times(units, network, request.travel.routing, control, result.travel_findings,
                                    request.units.units_path);
    result.options.unit_minutes = std::make_shared<const std::vector<float>>(std::move(travel.matrix.minutes));
    travel.matrix.minutes = {};
    if (result.villages) {
      const auto& villages = result.villages->units;
      if (villages.size() * units.size() > 25'000'000) {
        throw UsageError("--network with --villages: " + std::to_string(villages.size()) + " villages × " +
                         std::to_string(units.size()) + " units is too large a matrix (limit 25 million pairs)");
      }
      std::vector<std::string> village_ids, unit_ids;
      for (const auto& v : villages) village_ids.push_back(v.code);
      for (const auto& u : units) unit_ids.push_back(u.code);
      const auto from = anchors_in_crs(villages, network.crs, request.villages->units_path);
      const auto to = anchors_in_crs(units, network.crs, request.units.units_path);
      auto minutes = travel_minutes(village_ids, from, unit_ids, to, network, request.travel.routing, control,
                                    result.travel_findings, request.villages->units_path);
      result.options.village_minutes = std::make_shared<const std::vector<float>>(std::move(minutes.minutes));
    }
    result.travel = std::move(travel);
  }
  if (result.import.has_geometry) {
    std::vector<model::MultiPolygon> shapes;
    shapes.reserve(units.size());
    for (const auto& unit : units) {
      shapes.push_back(unit.geometry);
      result.options.unit_perimeter_m.push_back(geometry::perimeter(unit.geometry));
    }
    geometry::ContiguityOptions contiguity;
    contiguity.snap_tolerance_m = request.snap_tolerance_m;
    result.graph = geometry::build_contiguity(shapes, contiguity).graph;
  }
  const std::vector<std::string> labels = plan_labels(request.plan_paths);
  std::vector<metrics::PlanEvaluation> evaluations;
  for (std::size_t p = 0; p < request.plan_paths.size(); ++p) {
    const auto& path = request.plan_paths[p];
    EvaluatedPlan entry;
    entry.label = labels[p];
    entry.plan = io::read_plan(path, units).plan;
    entry.evaluation =
        metrics::evaluate_plan(units, result.graph ? &*result.graph : nullptr, entry.plan, result.options);
    if (result.import.has_geometry) {
      for (const auto& members : entry.plan.members()) {
        std::vector<const model::MultiPolygon*> parts;
        for (auto u : members) parts.push_back(&units[u].geometry);
        entry.region_shapes.push_back(geometry::union_all(parts));
      }
    }
    evaluations.push_back(entry.evaluation);
    result.plans.push_back(std::move(entry));
  }
  if (!result.plans.empty()) {
    // What the population-weighted distances leave out (the same before every plan): reported, never 0.
    const auto& before = result.plans.front().evaluation.before;
    const std::string share = std::isfinite(before.measured_population_share)
                                  ? util::fixed(100 * before.measured_population_share, 1) + "%"
                                  : std::string("unknown");
    if (before.unweighted_members > 0) {
      const std::string file = request.villages ? request.villages->units_path : request.units.units_path;
      result.findings.add(Severity::warning, "distance_unweighted",
                          std::to_string(before.unweighted_members) + (request.villages ? " villages" : " units") +
                              " have no population and are left out of the population-weighted distances (not "
                              "weighed as 0); the figures cover " +
                              share + " of the units' population",
                          ErrorContext{file, "", "", "population"});
    }
    if (before.units_without_villages > 0) {
      result.findings.add(Severity::warning, "units_without_villages",
                          std::to_string(before.units_without_villages) + " of " + std::to_string(units.size()) +
                              " units have no villages in " + request.villages->units_path +
                              " and are left out of the distances; the figures cover " + share +
                              " of the units' population",
                          ErrorContext{request.villages->units_path, "", "", "parent"});
    }
  }
  if (result.plans.size() > 1) result.comparison = metrics::compare_plans(labels, evaluations, request.weights);
  result.title = request.title;
  return result;
}

namespace {

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json travel_shares(const std::vector<std::pair<double, double>>& shares) {
  json out = json::object();
  for (const auto& [minutes, share] : shares) out[util::fixed(minutes, 0)] = number(share);
  return out;
}

json distribution_json(const metrics::Distribution& d) {
  return {{"count", d.count},         {"missing", d.missing}, {"sum", number(d.sum)}, {"min", number(d.min)},
          {"median", number(d.median)}, {"mean", number(d.mean)}, {"max", number(d.max)}, {"sd", number(d.sd)},
          {"cv", number(d.cv)}};
}

json layout_json(const metrics::LayoutIndicators& l) {
  json by_type = json::object();
  for (const auto& [type, n] : l.by_type) by_type[std::string(model::type_name(type))] = n;
  json shares = json::object();
  for (const auto& [radius, share] : l.share_within_km) shares[util::fixed(radius, 0)] = number(share);
  json out = {{"units", l.units},
              {"by_type", by_type},
              {"population", distribution_json(l.population)},
              {"area_km2", distribution_json(l.area_km2)},
              {"under_population", l.under_population},
              {"under_area", l.under_area},
              {"weighted_mean_distance_km", number(l.weighted_mean_distance_km)},
              {"unweighted_members", l.unweighted_members},
              {"units_without_villages", l.units_without_villages},
              {"measured_population_share", number(l.measured_population_share)},
              {"max_distance_km", number(l.max_distance_km)},
              {"share_within_km", shares},
              {"compactness", distribution_json(l.compactness)},
              {"members", distribution_json(l.members)}};
  if (l.villages) out["villages"] = distribution_json(*l.villages);
  // Travel times by road (null / empty without --network).
  out["weighted_mean_travel_min"] = number(l.weighted_mean_travel_min);
  out["max_travel_min"] = number(l.max_travel_min);
  out["share_within_min"] = travel_shares(l.share_within_min);
  out["unreachable_population"] = number(l.unreachable_population);
  return out;
}

json plan_json(const model::UnitTable& units, const EvaluatedPlan& entry) {
  const auto& e = entry.evaluation;
  json rules = json::array();
  for (const auto& r : e.rules) {
    rules.push_back({{"rule", r.rule}, {"pass", r.pass}, {"offenders", r.offenders}, {"exceptions", r.exceptions},
                     {"detail", r.detail},
                     {"limit", number(r.limit)}, {"worst", number(r.worst)}});
  }
  json regions = json::array();
  for (const auto& r : e.regions) {
    json members = json::array();
    for (auto u : r.members) members.push_back(units[u].code);
    regions.push_back({{"region", r.id},
                       {"name", r.name},
                       {"seat_code", r.seat ? json(units[*r.seat].code) : json(nullptr)},
                       {"type", std::string(model::type_name(r.type))},
                       {"members", members},
                       {"population", number(r.population)},
                       {"registered_population", r.registered_population},
                       {"area_km2", number(r.area_km2)},
                       {"villages", r.villages},
                       {"weighted_mean_distance_km", number(r.weighted_mean_distance_km)},
                       {"max_distance_km", number(r.max_distance_km)},
                       {"compactness", number(r.compactness)},
                       {"contiguous", r.contiguous},
                       {"weighted_mean_travel_min", number(r.weighted_mean_travel_min)},
                       {"max_travel_min", number(r.max_travel_min)}});
  }
  auto codes = [&](const std::vector<model::UnitId>& ids) {
    json out = json::array();
    for (auto u : ids) out.push_back(units[u].code);
    return out;
  };
  const double before = static_cast<double>(e.before.units), after = static_cast<double>(e.after.units);
  return {{"label", entry.label},
          {"before", layout_json(e.before)},
          {"after", layout_json(e.after)},
          {"change", {{"units", after - before}, {"units_pct", before > 0 ? 100.0 * (after - before) / before : 0.0}}},
          {"rules", rules},
          {"all_rules_pass", e.all_rules_pass()},
          {"regions", regions},
          {"transfers", codes(e.transfers)},
          {"merged_viable_units", codes(e.merged_viable_units)}};
}

io::OutputLayer region_layer(const model::UnitTable& units, const EvaluatedPlan& entry) {
  io::OutputLayer layer;
  layer.name = entry.label.empty() ? "new_units" : entry.label;
  layer.crs = units.crs.working;
  layer.fields = {"region", "name", "seat_code", "seat_name", "type", "members", "member_count",
                  "population", "registered_population", "area_km2", "villages", "weighted_mean_distance_km",
                  "max_distance_km", "compactness", "contiguous", "weighted_mean_travel_min", "max_travel_min"};
  const auto& regions = entry.evaluation.regions;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const auto& region = regions[r];
    std::vector<std::string> codes;
    for (auto u : region.members) codes.push_back(units[u].code);
    io::OutputFeature feature;
    // evaluation regions follow plan order with empty regions dropped; match shapes by region id.
    for (std::size_t k = 0; k < entry.plan.region_ids.size() && k < entry.region_shapes.size(); ++k) {
      if (entry.plan.region_ids[k] == region.id) feature.geometry = entry.region_shapes[k];
    }
    feature.values = {region.id,
                      region.name,
                      region.seat ? util::Cell{units[*region.seat].code} : util::Cell{},
                      region.seat ? util::Cell{units[*region.seat].name} : util::Cell{},
                      std::string(model::type_name_zh(region.type)),
                      util::join(codes, ","),
                      static_cast<std::int64_t>(region.members.size()),
                      util::number_cell(region.population),
                      region.registered_population,
                      util::number_cell(region.area_km2),
                      static_cast<std::int64_t>(region.villages),
                      util::number_cell(region.weighted_mean_distance_km),
                      util::number_cell(region.max_distance_km),
                      util::number_cell(region.compactness),
                      static_cast<std::int64_t>(region.contiguous ? 1 : 0),
                      util::number_cell(region.weighted_mean_travel_min),
                      util::number_cell(region.max_travel_min)};
    layer.features.push_back(std::move(feature));
  }
  return layer;
}

}  // namespace

nlohmann::json evaluation_json(const EvaluateResult& result) {
  const auto& units = result.import.units;
  json plans = json::array();
  for (const auto& entry : result.plans) plans.push_back(plan_json(units, entry));
  json out = plans.empty() ? json::object() : plans[0];
  out["units_file"] = result.import.units_file;
  out["plans"] = plans;
  json comparison = json::array();
  for (const auto& s : result.comparison) {
    json values = json::object();
    for (const auto& [key, v] : s.values) values[key] = number(v);
    comparison.push_back({{"plan", s.plan}, {"rank", s.rank}, {"score", s.score}, {"rules_pass", s.rules_pass},
                          {"values", values}});
  }
  out["comparison"] = comparison;
  json travel = nullptr;
  if (result.travel) {
    travel = travel_summary(*result.travel, [&](std::size_t u) { return units[u].code; });
    travel["from"] = result.options.village_minutes ? "villages" : "units";
  }
  out["travel"] = travel;
  return out;
}

std::vector<util::ReportTable> evaluation_tables(const EvaluateResult& result, util::Language language) {
  std::vector<util::ReportTable> tables;
  if (!result.comparison.empty()) tables.push_back(report::comparison_table(result.comparison, language));
  for (const auto& entry : result.plans) {
    for (auto& table : report::plan_tables(result.import.units, entry.plan, entry.evaluation, language)) {
      if (result.plans.size() > 1) {
        table.name = entry.label + "_" + table.name;
        table.title_zh = entry.label + "：" + table.title_zh;
        table.title_en = entry.label + ": " + table.title_en;
      }
      tables.push_back(std::move(table));
    }
  }
  return tables;
}

void write_evaluation(const EvaluateResult& result, const std::filesystem::path& path, util::Language language) {
  const std::string ext = util::to_lower_ascii(path.extension().string());
  if (ext == ".json") {
    util::write_text_file(path, evaluation_json(result).dump(2) + "\n");
  } else if (ext == ".html" || ext == ".htm") {
    report::PlanReportInput input;
    input.title = !result.title.empty() ? result.title
                  : language == util::Language::zh ? "乡镇行政区划调整方案评估"
                                                   : "Township division adjustment: plan evaluation";
    input.language = language;
    input.units = &result.import.units;
    input.graph = result.graph ? &*result.graph : nullptr;
    input.rules = result.options.rules;
    for (const auto& entry : result.plans) {
      input.plans.push_back({entry.label, &entry.plan, &entry.evaluation, entry.region_shapes});
    }
    input.comparison = result.comparison;
    input.unit_minutes = result.options.unit_minutes;
    util::write_text_file(path, report::plan_report_html(input));
  } else if (ext == ".geojson" || ext == ".gpkg") {
    if (!result.import.has_geometry) {
      throw UsageError("the units have no geometry: cannot write " + path.string() + " (use .json, .xlsx or .html)");
    }
    std::vector<io::OutputLayer> layers;
    for (const auto& entry : result.plans) layers.push_back(region_layer(result.import.units, entry));
    if (ext == ".geojson") layers.resize(1);
    io::write_layers(path, layers);
  } else if (io::table_format_from(ext)) {
    io::write_tables(path, evaluation_tables(result, language), language);
  } else {
    throw UsageError("cannot tell the output format of '" + path.string() +
                     "': use .json, .xlsx, .csv, .txt, .html, .geojson or .gpkg");
  }
}

}  // namespace quhua::service
