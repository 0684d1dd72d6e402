#include "quhua/service/diagnose.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "quhua/io/table_writer.hpp"
#include "quhua/service/unit_graph.hpp"
#include "quhua/synthetic/synthetic_county.hpp"
#include "quhua/util/atomic_file.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service {
namespace {

using util::Cell;
using util::Column;
using util::Language;
using util::ReportTable;

std::string text(Language language, const std::string& zh, const std::string& en) { return language == Language::zh ? zh : en; }

Cell km(std::optional<double> metres) { return metres ? util::number_cell(*metres / 1000) : Cell{}; }
Cell km(double metres) { return util::number_cell(std::isfinite(metres) ? std::optional<double>(metres / 1000) : std::nullopt); }
Cell value(double v) { return util::number_cell(v); }
Cell count(std::size_t n) { return static_cast<std::int64_t>(n); }
std::string number_text(double v) { return util::cell_text(Cell{v}); }

/// Rows of every group table: each parent, then the total when there is more than one parent.
std::vector<const metrics::GroupDiagnosis*> groups_of(const metrics::DiagnosisResult& d) {
  std::vector<const metrics::GroupDiagnosis*> out;
  for (const auto& g : d.parents) out.push_back(&g);
  if (d.parents.size() != 1) out.push_back(&d.overall);
  return out;
}

std::vector<Cell> group_head(const metrics::GroupDiagnosis& g, const metrics::DiagnosisResult& d, Language language) {
  if (&g == &d.overall) return {std::string(), text(language, "合计", "Total")};
  return {g.parent_code, g.parent_name};
}

std::vector<Column> head_columns() { return {{"parent_code", "上级代码", "Parent code"}, {"parent_name", "上级名称", "Parent"}}; }

nlohmann::ordered_json number_json(double v) {
  if (!std::isfinite(v)) return nullptr;
  return v;
}

nlohmann::ordered_json distribution_json(const metrics::Distribution& d) {
  return {{"count", d.count}, {"missing", d.missing}, {"sum", number_json(d.sum)}, {"min", number_json(d.min)},
          {"median", number_json(d.median)}, {"max", number_json(d.max)}, {"mean", number_json(d.mean)},
          {"sd", number_json(d.sd)}, {"cv", number_json(d.cv)}};
}

nlohmann::ordered_json group_json(const metrics::GroupDiagnosis& g) {
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  for (std::size_t t = 0; t < g.type_counts.size(); ++t) {
    if (g.type_counts[t] > 0) types[std::string(model::type_name(static_cast<model::UnitType>(t)))] = g.type_counts[t];
  }
  return {{"parent_code", g.parent_code},
          {"parent_name", g.parent_name},
          {"unit_count", g.unit_count},
          {"type_counts", types},
          {"population", distribution_json(g.population)},
          {"area_km2", distribution_json(g.area_km2)},
          // No population known: no count under the threshold (null), never 0.
          {"under_population", g.population.count > 0 ? nlohmann::ordered_json(g.under_population) : nullptr},
          {"under_area", g.under_area},
          {"under_both", g.under_both},
          {"seats", g.seats},
          {"seat_density_per_100km2", g.seat_density_per_100km2 ? number_json(*g.seat_density_per_100km2) : nullptr},
          {"nearest_seat_in_parent_m", distribution_json(g.nearest_seat_in_parent_m)},
          {"nearest_seat_any_m", distribution_json(g.nearest_seat_any_m)},
          {"islands", g.islands ? nlohmann::ordered_json(*g.islands) : nlohmann::ordered_json(nullptr)},
          {"multipart", g.multipart}};
}

}  // namespace

DiagnoseResult diagnose_table(model::UnitTable units, const graph::ContiguityGraph* graph, const DiagnoseRequest& request) {
  DiagnoseResult result;
  result.diagnosis = metrics::diagnose(units, graph, request.options);
  result.units = std::move(units);
  return result;
}

DiagnoseResult diagnose_units(const ImportRequest& units, const DiagnoseRequest& request, Findings* import_findings) {
  request.options.validate();
  ImportResult imported = import_units(units);
  if (import_findings) *import_findings = imported.findings;
  std::optional<geometry::ContiguityResult> contiguity;
  if (imported.has_geometry) {
    geometry::ContiguityOptions options;
    options.find_overlaps = true;
    contiguity = unit_contiguity(imported.units, options);
  }
  const std::string file = std::filesystem::path(imported.units_file).filename().string();
  DiagnoseResult result = diagnose_table(std::move(imported.units), contiguity ? &contiguity->graph : nullptr, request);
  if (contiguity) {
    // Overlapping polygons are a defect of the layer (land counted twice), not a long shared border.
    for (const auto& o : contiguity->report.overlaps) {
      const auto& a = result.units[o.a];
      const auto& b = result.units[o.b];
      result.diagnosis.findings.add(
          Severity::warning, "units_overlap",
          a.code + " " + a.name + " and " + b.code + " " + b.name + ": " + overlap_detail(o.area_m2),
          ErrorContext{file, "", a.code + " / " + b.code, ""});
    }
  }
  result.source_zh = "文件 " + file;
  result.source_en = "file " + file;
  if (contiguity) {
    result.contiguity_zh = "由边界计算（共边相邻，容差 1 米）";
    result.contiguity_en = "computed from the boundaries (rook, 1 m tolerance)";
  }
  return result;
}

DiagnoseResult diagnose_synthetic(const DiagnoseRequest& request) {
  request.options.validate();
  const auto level = request.options.level.value_or(model::UnitLevel::township);
  if (level != model::UnitLevel::township && level != model::UnitLevel::village) {
    throw UsageError("the synthetic county has township and village levels only");
  }
  auto county = synthetic::generate_county(request.synthetic);
  DiagnoseRequest adjusted = request;
  adjusted.options.level = level;
  adjusted.options.parent_names.emplace(county.county.code, county.county.name);
  if (level == model::UnitLevel::village) {
    for (const auto& township : county.townships) adjusted.options.parent_names.emplace(township.code, township.name);
  }
  const bool villages = level == model::UnitLevel::village;
  DiagnoseResult result = villages ? diagnose_table(std::move(county.villages), &county.village_graph, adjusted)
                                   : diagnose_table(std::move(county.townships), &county.township_graph, adjusted);
  const std::string code = county.county.code.substr(0, 6), seed = std::to_string(request.synthetic.seed);
  result.source_zh = "合成县（虚构）" + county.county.name + " " + code + "，种子 " + seed;
  result.source_en = "synthetic (fictional) county " + county.county.name + " " + code + ", seed " + seed;
  result.contiguity_zh = "生成器的精确边邻接（rook）";
  result.contiguity_en = "the generator's exact rook adjacency";
  return result;
}

std::vector<ReportTable> diagnosis_tables(const DiagnoseResult& result, Language language, std::optional<std::size_t> max_listed) {
  const auto& d = result.diagnosis;
  const auto groups = groups_of(d);
  const std::string pop_limit = number_text(d.min_population), area_limit = number_text(d.min_area_km2);

  // Overview: unit counts by type (the types present), totals, islands and exclaves.
  ReportTable overview{"overview", "概况", "Overview", head_columns(), {}};
  overview.columns.push_back({"units", "单位数", "Units"});
  std::vector<std::size_t> types;
  for (std::size_t t = 0; t < d.overall.type_counts.size(); ++t) {
    if (d.overall.type_counts[t] == 0) continue;
    types.push_back(t);
    const auto type = static_cast<model::UnitType>(t);
    overview.columns.push_back({"n_" + std::string(model::type_name(type)), std::string(model::type_name_zh(type)), std::string(model::type_name(type))});
  }
  overview.columns.insert(overview.columns.end(), {{"population", "人口", "Population", 0},
                                                  {"area_km2", "面积（km²）", "Area (km²)", 2},
                                                  {"density_per_km2", "人口密度（人/km²）", "Density (per km²)", 1},
                                                  {"islands", "孤立单位", "Islands", 0},
                                                  {"multipart", "多部分单位（飞地）", "Multi-part units", 0}});
  for (const auto* g : groups) {
    auto row = group_head(*g, d, language);
    row.push_back(count(g->unit_count));
    for (const auto t : types) row.push_back(count(g->type_counts[t]));
    // A total is shown only when every unit has the value: a missing population is a blank (—), never 0,
    // and never a partial sum passed off as the total.
    const bool population_known = g->population.missing == 0 && g->population.count > 0;
    const bool area_known = g->area_km2.missing == 0 && g->area_km2.count > 0;
    row.push_back(population_known ? value(g->population.sum) : Cell{});
    row.push_back(area_known ? value(g->area_km2.sum) : Cell{});
    row.push_back(population_known && area_known && g->area_km2.sum > 0 ? value(g->population.sum / g->area_km2.sum)
                                                                        : Cell{});
    row.push_back(g->islands ? count(*g->islands) : Cell{});
    row.push_back(count(g->multipart));
    overview.add_row(std::move(row));
  }

  // Distributions of population and area, with the units under the threshold.
  const auto distribution_table = [&](const std::string& name, const std::string& zh, const std::string& en, int decimals,
                                      const std::string& limit_zh, const std::string& limit_en, auto pick) {
    ReportTable t{name, zh, en, head_columns(), {}};
    t.columns.insert(t.columns.end(), {{"count", "有数据单位", "With data", 0},
                                       {"min", "最小", "Min", decimals},
                                       {"median", "中位数", "Median", decimals},
                                       {"max", "最大", "Max", decimals},
                                       {"mean", "平均", "Mean", decimals},
                                       {"cv", "变异系数", "CV", 3},
                                       {"under", limit_zh, limit_en, 0},
                                       {"under_share", "占比", "Share", 3}});
    for (const auto* g : groups) {
      const auto& [dist, under] = pick(*g);
      auto row = group_head(*g, d, language);
      // Units under the threshold are counted among units with a value: none known, no count (—).
      const bool known = dist.count > 0;
      row.insert(row.end(),
                 {count(dist.count), value(dist.min), value(dist.median), value(dist.max), value(dist.mean),
                  value(dist.cv), known ? count(under) : Cell{},
                  known && g->unit_count > 0 ? value(static_cast<double>(under) / static_cast<double>(g->unit_count))
                                             : Cell{}});
      t.add_row(std::move(row));
    }
    return t;
  };
  const bool registered = d.population_kind == metrics::PopulationKind::registered;
  auto population = distribution_table("population", registered ? "户籍人口分布" : "常住人口分布",
                                       registered ? "Registered population" : "Resident population", 0, "人口<" + pop_limit,
                                       "Pop. < " + pop_limit,
                                       [](const metrics::GroupDiagnosis& g) { return std::pair{g.population, g.under_population}; });
  auto area = distribution_table("area", "面积分布（km²）", "Area (km²)", 2, "面积<" + area_limit + "km²", "Area < " + area_limit + " km²",
                                 [](const metrics::GroupDiagnosis& g) { return std::pair{g.area_km2, g.under_area}; });

  // Seat density and spacing.
  ReportTable seats{"seats", "驻地密度与间距（km）", "Seat density and spacing (km)", head_columns(), {}};
  seats.columns.insert(seats.columns.end(), {{"seats", "驻地数", "Seats", 0},
                                             {"seats_per_100km2", "每百km²驻地数", "Seats per 100 km²", 2},
                                             {"nearest_in_parent_min_km", "同上级最近驻地·最小", "Nearest (same parent) min", 2},
                                             {"nearest_in_parent_median_km", "同上级最近驻地·中位", "Nearest (same parent) median", 2},
                                             {"nearest_in_parent_max_km", "同上级最近驻地·最大", "Nearest (same parent) max", 2},
                                             {"nearest_any_min_km", "全域最近驻地·最小", "Nearest (any) min", 2},
                                             {"nearest_any_median_km", "全域最近驻地·中位", "Nearest (any) median", 2},
                                             {"nearest_any_max_km", "全域最近驻地·最大", "Nearest (any) max", 2}});
  for (const auto* g : groups) {
    auto row = group_head(*g, d, language);
    row.insert(row.end(), {count(g->seats), util::number_cell(g->seat_density_per_100km2), km(g->nearest_seat_in_parent_m.min),
                           km(g->nearest_seat_in_parent_m.median), km(g->nearest_seat_in_parent_m.max), km(g->nearest_seat_any_m.min),
                           km(g->nearest_seat_any_m.median), km(g->nearest_seat_any_m.max)});
    seats.add_row(std::move(row));
  }

  // The units under a threshold.
  ReportTable listed{"below_threshold", "低于阈值的单位", "Units below a threshold", {
      {"code", "区划代码", "Code"},
      {"name", "名称", "Name"},
      {"type", "类型", "Type"},
      {"parent_code", "上级代码", "Parent code"},
      {"parent_name", "上级名称", "Parent"},
      {"population", "人口", "Population", 0},
      {"area_km2", "面积（km²）", "Area (km²)", 2},
      {"nearest_seat_km", "最近驻地距离（km）", "Nearest seat (km)", 2},
      {"nearest_seat", "最近驻地所属单位", "Nearest seat of"},
      {"reasons", "原因", "Reasons"},
      {"island", "孤立", "Island"},
  }, {}};
  std::map<std::string, std::string> parent_names;
  for (const auto& g : d.parents) parent_names[g.parent_code] = g.parent_name;
  const std::size_t limit = max_listed.value_or(d.flagged.size());
  for (std::size_t k = 0; k < d.flagged.size() && k < limit; ++k) {
    const auto& u = d.units[d.flagged[k]];
    const auto& unit = result.units[u.id];
    // Nearest seat within the parent, else anywhere.
    const auto nearest_m = u.nearest_seat_in_parent_m ? u.nearest_seat_in_parent_m : u.nearest_seat_any_m;
    const auto nearest_id = u.nearest_seat_in_parent_m ? u.nearest_in_parent : u.nearest_any;
    std::string reasons;
    if (u.under_population) reasons += text(language, "人口<" + pop_limit, "population < " + pop_limit);
    if (u.under_area) reasons += (reasons.empty() ? "" : text(language, "；", "; ")) + text(language, "面积<" + area_limit + "km²", "area < " + area_limit + " km²");
    listed.add_row({unit.code, unit.name,
                    text(language, std::string(model::type_name_zh(unit.type)), std::string(model::type_name(unit.type))), unit.parent_code,
                    parent_names[unit.parent_code], util::number_cell(u.population), util::number_cell(u.area_km2), km(nearest_m),
                    nearest_id ? Cell{result.units[*nearest_id].name} : Cell{}, reasons,
                    u.island ? Cell{text(language, *u.island ? "是" : "否", *u.island ? "yes" : "no")} : Cell{}});
  }

  // Notes: what was diagnosed and what the figures rest on.
  ReportTable notes{"notes", "说明", "Notes", {{"note", "内容", "Text"}}, {}};
  const auto note = [&](const std::string& s) { notes.add_row({s}); };
  note(text(language, "数据：" + result.source_zh, "Data: " + result.source_en));
  note(text(language, "诊断层级：", "Level: ") + text(language, std::string(model::level_name_zh(d.level)), std::string(model::level_name(d.level))) +
       text(language, "；阈值：人口<", "; thresholds: population < ") + pop_limit + text(language, "，面积<", ", area < ") + area_limit + " km²" +
       text(language, registered ? "（户籍人口）" : "（常住人口）", registered ? " (registered population)" : " (resident population)"));
  if (d.contiguity_checked) {
    note(text(language, "邻接关系：" + result.contiguity_zh, "Contiguity: " + result.contiguity_en));
  } else {
    note(text(language, "未提供邻接图，未检查孤立单位。", "No contiguity graph was given: islands were not checked."));
  }
  note(text(language, "变异系数=总体标准差/平均值；驻地取驻地点，缺失时取质心。",
            "CV = population standard deviation / mean; seats are the seat points, else centroids."));
  if (d.flagged.size() > limit) {
    note(text(language, "低于阈值的单位共 ", "Units below a threshold: ") + std::to_string(d.flagged.size()) +
         text(language, " 个，此处列出前 ", ", the first ") + std::to_string(limit) +
         text(language, " 个；完整清单请用 --out 输出。", " are listed; write them all with --out."));
  }
  for (const auto& f : d.findings.items()) note(f.describe());
  return {std::move(overview), std::move(population), std::move(area), std::move(seats), std::move(listed), std::move(notes)};
}

nlohmann::ordered_json diagnosis_json(const DiagnoseResult& result) {
  const auto& d = result.diagnosis;
  nlohmann::ordered_json out;
  out["schema"] = "quhua.diagnosis/1";
  out["source"] = result.source_en;
  out["level"] = std::string(model::level_name(d.level));
  out["population_kind"] = d.population_kind == metrics::PopulationKind::registered ? "registered" : "resident";
  out["thresholds"] = {{"min_population", d.min_population}, {"min_area_km2", d.min_area_km2}};
  out["contiguity_checked"] = d.contiguity_checked;
  out["contiguity_source"] = d.contiguity_checked ? nlohmann::ordered_json(result.contiguity_en) : nlohmann::ordered_json(nullptr);
  out["crs"] = result.units.crs.working;
  out["overall"] = group_json(d.overall);
  out["parents"] = nlohmann::ordered_json::array();
  for (const auto& g : d.parents) out["parents"].push_back(group_json(g));
  out["flagged"] = nlohmann::ordered_json::array();
  const auto optional_json = [](const std::optional<double>& v) { return v ? number_json(*v) : nlohmann::ordered_json(nullptr); };
  const auto code_json = [&](const std::optional<model::UnitId>& id) {
    return id ? nlohmann::ordered_json(result.units[*id].code) : nlohmann::ordered_json(nullptr);
  };
  for (const auto k : d.flagged) {
    const auto& u = d.units[k];
    const auto& unit = result.units[u.id];
    out["flagged"].push_back({{"code", unit.code},
                              {"name", unit.name},
                              {"type", std::string(model::type_name(unit.type))},
                              {"parent_code", unit.parent_code},
                              {"population", optional_json(u.population)},
                              {"area_km2", optional_json(u.area_km2)},
                              {"nearest_seat_in_parent_m", optional_json(u.nearest_seat_in_parent_m)},
                              {"nearest_in_parent_code", code_json(u.nearest_in_parent)},
                              {"nearest_seat_any_m", optional_json(u.nearest_seat_any_m)},
                              {"nearest_any_code", code_json(u.nearest_any)},
                              {"under_population", u.under_population},
                              {"under_area", u.under_area},
                              {"island", u.island ? nlohmann::ordered_json(*u.island) : nlohmann::ordered_json(nullptr)},
                              {"multipart", u.multipart}});
  }
  out["findings"] = nlohmann::ordered_json::array();
  for (const auto& f : d.findings.items()) {
    out["findings"].push_back({{"severity", std::string(severity_name(f.severity))}, {"kind", f.kind}, {"message", f.message}});
  }
  return out;
}

void write_diagnosis(const std::filesystem::path& path, const DiagnoseResult& result, Language language) {
  if (util::to_lower_ascii(path.extension().string()) == ".json") {
    util::write_text_file(path, diagnosis_json(result).dump(2) + "\n");
    return;
  }
  io::write_tables(path, diagnosis_tables(result, language), language);
}

}  // namespace quhua::service
