#include "quhua/service/unit_outputs.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "quhua/geometry/projection.hpp"
#include "quhua/io/import_findings.hpp"
#include "quhua/io/table_writer.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service {
namespace {

/// Seat positions in WGS84 lon/lat, for tables and GeoJSON readers who think in degrees.
std::vector<std::optional<model::Point>> seats_lonlat(const model::UnitTable& units) {
  std::vector<std::optional<model::Point>> out(units.size());
  if (!units.crs.is_projected || units.crs.working.empty()) return out;
  const geometry::Projector to_lonlat(units.crs.working, geometry::k_wgs84);
  for (model::UnitId id = 0; id < units.size(); ++id) {
    if (units[id].seat) out[id] = to_lonlat.forward(*units[id].seat);
  }
  return out;
}

std::vector<util::Column> unit_columns(const model::UnitTable& units) {
  std::vector<util::Column> columns{
      {"code", "代码", "Code"},
      {"name", "名称", "Name"},
      {"level", "级别", "Level"},
      {"type", "类型", "Type"},
      {"type_zh", "类型（中文）", "Type (Chinese)"},
      {"type_label", "原始类型", "Type as given"},
      {"parent_code", "上级代码", "Parent code"},
      {"resident_population", "常住人口", "Resident population", -1, true},
      {"registered_population", "户籍人口", "Registered population", -1, true},
      {"area_km2", "面积（平方公里）", "Area (km²)", 3, true},
      {"seat_lon", "驻地经度", "Seat longitude", 6},
      {"seat_lat", "驻地纬度", "Seat latitude", 6},
      {"seat_source", "驻地来源", "Seat source"},
      {"source_feature", "源要素", "Source feature"},
  };
  for (const auto& name : units.indicator_names()) {
    // An input field may be called like one of ours (area_km2): keep both, told apart.
    const bool taken = std::any_of(columns.begin(), columns.end(), [&](const util::Column& c) { return c.key == name; });
    const std::string key = taken ? "indicator_" + name : name;
    columns.push_back({key, key, key});
  }
  return columns;
}

std::vector<util::Cell> unit_row(const model::UnitTable& units, model::UnitId id, const std::optional<model::Point>& seat) {
  const model::Unit& unit = units[id];
  std::vector<util::Cell> row{
      unit.code,
      unit.name,
      std::string(model::level_name(unit.level)),
      std::string(model::type_name(unit.type)),
      std::string(model::type_name_zh(unit.type)),
      unit.type_label,
      unit.parent_code,
      util::number_cell(unit.resident_population),
      util::number_cell(unit.registered_population),
      util::number_cell(unit.area_km2),
      seat ? util::Cell{seat->x} : util::Cell{},
      seat ? util::Cell{seat->y} : util::Cell{},
      std::string(model::seat_source_name(unit.seat_source)),
      unit.source_feature,
  };
  for (std::size_t c = 0; c < units.indicator_names().size(); ++c) row.push_back(util::number_cell(units.indicator(c, id)));
  return row;
}

}  // namespace

util::ReportTable units_table(const model::UnitTable& units) {
  util::ReportTable table;
  table.name = "units";
  table.title_zh = "行政单元";
  table.title_en = "Administrative units";
  table.columns = unit_columns(units);
  const auto seats = seats_lonlat(units);
  for (model::UnitId id = 0; id < units.size(); ++id) table.add_row(unit_row(units, id, seats[id]));
  return table;
}

util::ReportTable units_summary_table(const model::UnitTable& units) {
  util::ReportTable table;
  table.name = "summary";
  table.title_zh = "按级别和类型汇总";
  table.title_en = "Units by level and type";
  table.columns = {
      {"level", "级别", "Level"},
      {"type", "类型", "Type"},
      {"units", "单位数", "Units"},
      {"population", "常住人口合计", "Resident population", 0},
      {"population_missing", "缺人口数", "Population missing"},
      {"area_km2", "面积合计（平方公里）", "Area (km²)", 1},
  };
  struct Totals {
    std::int64_t count = 0;
    double population = 0;
    std::int64_t missing = 0;
    double area_km2 = 0;
  };
  std::map<std::pair<int, int>, Totals> groups;
  for (const model::Unit& unit : units) {
    Totals& t = groups[{static_cast<int>(unit.level), static_cast<int>(unit.type)}];
    ++t.count;
    if (unit.resident_population) {
      t.population += *unit.resident_population;
    } else {
      ++t.missing;
    }
    if (unit.area_km2) t.area_km2 += *unit.area_km2;
  }
  Totals all;
  for (const auto& [key, t] : groups) {
    const auto level = static_cast<model::UnitLevel>(key.first);
    const auto type = static_cast<model::UnitType>(key.second);
    table.add_row({std::string(model::level_name(level)) + " " + std::string(model::level_name_zh(level)),
                   std::string(model::type_name(type)) + " " + std::string(model::type_name_zh(type)), t.count,
                   t.population, t.missing, t.area_km2});
    all.count += t.count;
    all.population += t.population;
    all.missing += t.missing;
    all.area_km2 += t.area_km2;
  }
  table.add_row({std::string("total 合计"), std::string(), all.count, all.population, all.missing, all.area_km2});
  return table;
}

util::ReportTable findings_table(const Findings& findings, util::Language language) {
  util::ReportTable table;
  table.name = "findings";
  table.title_zh = "导入发现的问题";
  table.title_en = "Import findings";
  table.columns = {
      {"severity", "级别", "Severity"}, {"kind", "类别", "Kind"},       {"title", "说明", "Title"},
      {"file", "文件", "File"},         {"layer", "图层", "Layer"},     {"feature", "要素", "Feature"},
      {"field", "字段", "Field"},       {"message", "详情", "Message"},
  };
  for (const Finding& f : findings.items()) {
    table.add_row({std::string(severity_name(f.severity)), f.kind, std::string(io::finding_title(f.kind, language)),
                   f.where.file, f.where.layer, f.where.feature, f.where.field, f.message});
  }
  return table;
}

io::OutputLayer units_layer(const model::UnitTable& units) {
  io::OutputLayer layer;
  layer.name = "units";
  layer.crs = units.crs.working;
  for (const auto& column : unit_columns(units)) layer.fields.push_back(column.key);
  const auto seats = seats_lonlat(units);
  layer.features.reserve(units.size());
  for (model::UnitId id = 0; id < units.size(); ++id) {
    io::OutputFeature feature;
    if (!units[id].geometry.empty()) feature.geometry = units[id].geometry;
    feature.values = unit_row(units, id, seats[id]);
    layer.features.push_back(std::move(feature));
  }
  return layer;
}

io::OutputLayer seats_layer(const model::UnitTable& units) {
  io::OutputLayer layer;
  layer.name = "seats";
  layer.crs = units.crs.working;
  layer.fields = {"code", "name", "seat_source"};
  for (const model::Unit& unit : units) {
    if (!unit.seat) continue;
    layer.features.push_back(
        {*unit.seat, {unit.code, unit.name, std::string(model::seat_source_name(unit.seat_source))}});
  }
  return layer;
}

void write_units(const std::filesystem::path& path, const ImportResult& result, util::Language language,
                 const std::string& gpkg_crs) {
  if (const auto format = io::layer_format_from(path)) {
    if (*format == io::LayerFormat::geojson) {
      io::write_layer(path, units_layer(result.units));
    } else {
      io::LayerWriteOptions options;
      if (gpkg_crs == "source") {
        options.crs = result.units.crs.source;
      } else if (gpkg_crs != "working") {
        options.crs = gpkg_crs;
      }
      const std::vector<io::OutputLayer> layers{units_layer(result.units), seats_layer(result.units)};
      io::write_layers(path, layers, options);
    }
    return;
  }
  if (!io::table_format_from(path.extension().string())) {
    throw UsageError("--out " + path.string() + ": use .csv, .json, .xlsx, .geojson or .gpkg");
  }
  io::write_tables(path, {units_table(result.units), findings_table(result.findings, language)}, language);
}

}  // namespace quhua::service
