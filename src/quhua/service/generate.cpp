#include "quhua/service/generate.hpp"

#include "quhua/io/layer_writer.hpp"
#include "quhua/io/table_writer.hpp"
#include "quhua/service/unit_outputs.hpp"
#include "quhua/synthetic/svg_preview.hpp"
#include "quhua/util/atomic_file.hpp"
#include "quhua/util/atomic_folder.hpp"
#include "quhua/util/error.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace quhua::service {
namespace {

using util::Cell;
using util::Column;
using util::ReportTable;

std::string coordinates(const std::vector<model::Point>& points) {
  std::string out;
  char buffer[64];
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::snprintf(buffer, sizeof buffer, "%s%.2f %.2f", i == 0 ? "" : ", ", points[i].x, points[i].y);
    out += buffer;
  }
  return out;
}

std::string wkt(const model::MultiPolygon& shape) {
  if (shape.empty()) return "MULTIPOLYGON EMPTY";
  std::string out = "MULTIPOLYGON (";
  for (std::size_t p = 0; p < shape.size(); ++p) {
    out += p == 0 ? "((" : ", ((";
    out += coordinates(shape[p].outer);
    for (const auto& hole : shape[p].holes) out += "), (" + coordinates(hole);
    out += "))";
  }
  return out + ")";
}

std::string wkt(const std::vector<model::Point>& line) { return "LINESTRING (" + coordinates(line) + ")"; }

Cell optional_cell(const std::optional<double>& value) { return util::number_cell(value); }

void add_unit_row(ReportTable& table, const model::Unit& unit, const model::UnitTable* indicators, model::UnitId id) {
  std::vector<Cell> row{unit.code,
                        unit.name,
                        std::string(model::level_name(unit.level)),
                        std::string(model::type_name(unit.type)),
                        std::string(model::type_name_zh(unit.type)),
                        unit.parent_code,
                        optional_cell(unit.resident_population),
                        optional_cell(unit.registered_population),
                        optional_cell(unit.area_km2),
                        unit.seat ? Cell{unit.seat->x} : Cell{},
                        unit.seat ? Cell{unit.seat->y} : Cell{}};
  for (const char* name : {synthetic::k_gdp_indicator, synthetic::k_fiscal_indicator, synthetic::k_built_up_indicator}) {
    const auto column = indicators ? indicators->indicator_index(name) : std::nullopt;
    row.push_back(column ? util::number_cell(indicators->indicator(*column, id)) : Cell{});
  }
  table.add_row(std::move(row));
}

}  // namespace

std::vector<ReportTable> county_tables(const synthetic::SyntheticCounty& county) {
  ReportTable units{"units", "区划单位", "Administrative units", {
      {"code", "区划代码", "Code"},
      {"name", "名称", "Name"},
      {"level", "层级", "Level"},
      {"type", "类型", "Type"},
      {"type_zh", "类型（中文）", "Type (Chinese)"},
      {"parent", "上级代码", "Parent code"},
      {"population", "常住人口", "Resident population", 0},
      {"registered", "户籍人口", "Registered population", 0},
      {"area_km2", "面积（平方公里）", "Area (km²)", 3},
      {"seat_x", "驻地X（米）", "Seat x (m)", 2},
      {"seat_y", "驻地Y（米）", "Seat y (m)", 2},
      {synthetic::k_gdp_indicator, "地区生产总值（万元）", "GDP (10k yuan)", 0},
      {synthetic::k_fiscal_indicator, "一般公共预算收入（万元）", "Fiscal revenue (10k yuan)", 0},
      {synthetic::k_built_up_indicator, "建成区面积（平方公里）", "Built-up area (km²)", 2},
  }, {}};
  add_unit_row(units, county.county, nullptr, 0);
  for (model::UnitId id = 0; id < county.townships.size(); ++id) add_unit_row(units, county.townships[id], &county.townships, id);
  for (model::UnitId id = 0; id < county.villages.size(); ++id) add_unit_row(units, county.villages[id], nullptr, id);

  ReportTable boundaries{"boundaries", "边界", "Boundaries", {{"code", "区划代码", "Code"}, {"level", "层级", "Level"}, {"wkt", "几何（WKT）", "Geometry (WKT)"}}, {}};
  boundaries.add_row({county.county.code, std::string(model::level_name(county.county.level)), wkt(county.county.geometry)});
  for (const auto* table : {&county.townships, &county.villages}) {
    for (const auto& unit : *table) boundaries.add_row({unit.code, std::string(model::level_name(unit.level)), wkt(unit.geometry)});
  }

  ReportTable roads{"roads", "道路", "Roads", {
      {"id", "编号", "ID"},
      {"ref", "路线编号", "Route"},
      {"class", "等级", "Class"},
      {"class_zh", "等级（中文）", "Class (Chinese)"},
      {"speed_kmh", "速度（公里/小时）", "Speed (km/h)", 0},
      {"one_way", "单行", "One-way", 0},
      {"length_m", "长度（米）", "Length (m)", 1},
      {"wkt", "几何（WKT）", "Geometry (WKT)"},
  }, {}};
  for (const auto& road : county.roads.roads) {
    roads.add_row({road.id, road.ref, std::string(model::road_class_name(road.road_class)), std::string(model::road_class_name_zh(road.road_class)),
                   road.speed_kmh, std::int64_t{road.one_way ? 1 : 0}, road.length_m(), wkt(road.line)});
  }

  ReportTable facilities{"facilities", "公共服务设施", "Public facilities", {
      {"id", "编号", "ID"},
      {"name", "名称", "Name"},
      {"type", "类型", "Type"},
      {"type_zh", "类型（中文）", "Type (Chinese)"},
      {"unit_code", "所在村级单位代码", "Village-level unit"},
      {"township_code", "所在乡级单位代码", "Township-level unit"},
      {"x", "X（米）", "x (m)", 2},
      {"y", "Y（米）", "y (m)", 2},
      {"capacity", "容量", "Capacity", 0},
      {"capacity_unit", "容量单位", "Capacity unit"},
      {"in_use", "现状使用", "In use", 0},
      {"utilisation", "使用率", "Utilisation", 3},
  }, {}};
  for (const auto& f : county.facilities) {
    facilities.add_row({f.id, f.name, std::string(model::facility_type_name(f.type)), std::string(model::facility_type_name_zh(f.type)), f.unit_code,
                        model::parent_of_code(f.unit_code), f.location.x, f.location.y, optional_cell(f.capacity),
                        std::string(model::capacity_unit(f.type)), optional_cell(f.in_use), optional_cell(f.utilisation())});
  }

  ReportTable rivers{"rivers", "河流", "Rivers", {{"id", "编号", "ID"}, {"wkt", "几何（WKT）", "Geometry (WKT)"}}, {}};
  for (std::size_t i = 0; i < county.rivers.size(); ++i) rivers.add_row({std::int64_t(i + 1), wkt(county.rivers[i])});
  return {std::move(units), std::move(boundaries), std::move(roads), std::move(facilities), std::move(rivers)};
}

GenerateResult generate(const GenerateRequest& request) {
  if (request.out_dir.empty()) throw UsageError("generate: an output folder is required (--out DIR)");
  GenerateResult result;
  result.county = synthetic::generate_county(request.options);
  const auto& county = result.county;
  // Every file is written into a temporary sibling folder and moved in when all are complete.
  const auto written = util::write_folder_atomically(request.out_dir, [&](const std::filesystem::path& out_dir) {
    for (const auto& table : county_tables(county)) {
      const auto path = out_dir / (table.name + ".csv");
      io::write_tables(path, {table}, util::Language::zh);
    }
    // The same county as GIS layers: GeoJSON (WGS84) for the two unit levels, and one GeoPackage with
    // every layer in the working CRS, so the files open in any GIS and feed `quhua --units` directly.
    auto townships = units_layer(county.townships);
    townships.name = "townships";
    auto villages = units_layer(county.villages);
    villages.name = "villages";
    for (const auto& [layer, file] :
         {std::pair{&townships, "townships.geojson"}, std::pair{&villages, "villages.geojson"}}) {
      io::write_layer(out_dir / file, *layer);
    }
    io::OutputLayer roads{
        "roads", county.options.crs, {"id", "ref", "class", "class_zh", "speed_kmh", "one_way", "length_m"}, {}};
    for (const auto& road : county.roads.roads) {
      roads.features.push_back({io::Polyline{road.line},
                                {road.id, road.ref, std::string(model::road_class_name(road.road_class)),
                                 std::string(model::road_class_name_zh(road.road_class)), road.speed_kmh,
                                 std::int64_t{road.one_way ? 1 : 0}, road.length_m()}});
    }
    io::OutputLayer facilities{
        "facilities", county.options.crs, {"id", "name", "type", "type_zh", "unit_code", "capacity", "in_use"}, {}};
    for (const auto& f : county.facilities) {
      facilities.features.push_back({f.location,
                                     {f.id, f.name, std::string(model::facility_type_name(f.type)),
                                      std::string(model::facility_type_name_zh(f.type)), f.unit_code,
                                      optional_cell(f.capacity), optional_cell(f.in_use)}});
    }
    const std::vector<io::OutputLayer> layers{townships, villages, roads, facilities, seats_layer(county.townships)};
    io::write_layers(out_dir / "county.gpkg", layers);

    const auto& o = county.options;
    nlohmann::ordered_json meta;
    meta["generator"] = "quhua synthetic county";
    meta["fictional"] = true;
    meta["seed"] = o.seed;
    meta["options"] = {{"township_count", o.township_count}, {"subdistrict_count", o.subdistrict_count},
                       {"town_count", o.town_count},         {"ethnic_township_count", o.ethnic_township_count},
                       {"village_count", o.village_count},   {"area_km2", o.area_km2},
                       {"population", o.population},         {"county_code", o.county_code},
                       {"county_name", o.county_name}};
    meta["crs"] = o.crs;
    meta["county"] = {{"code", county.county.code},
                      {"name", county.county.name},
                      {"area_km2", county.county.area_km2.value_or(0)},
                      {"population", county.county.resident_population.value_or(0)},
                      {"registered", county.county.registered_population.value_or(0)}};
    meta["counts"] = {{"townships", county.townships.size()},
                      {"villages", county.villages.size()},
                      {"roads", county.roads.roads.size()},
                      {"facilities", county.facilities.size()},
                      {"rivers", county.rivers.size()}};
    const auto meta_path = out_dir / "metadata.json";
    util::write_text_file(meta_path, meta.dump(2) + "\n");

    if (request.preview) {
      const auto svg_path = out_dir / "preview.svg";
      util::write_text_file(svg_path, synthetic::render_svg(county));
    }
  });
  result.files = written;
  return result;
}

util::ReportTable generate_summary(const GenerateResult& result) {
  const auto& c = result.county;
  ReportTable table{"summary", "合成县概况", "Synthetic county", {{"item", "项目", "Item"}, {"value", "数值", "Value"}}, {}};
  std::size_t by_type[4] = {0, 0, 0, 0};
  for (const auto& t : c.townships) {
    by_type[t.type == model::UnitType::subdistrict ? 0 : t.type == model::UnitType::town ? 1 : t.type == model::UnitType::township ? 2 : 3]++;
  }
  const auto row = [&](const std::string& item, Cell value) { table.add_row({item, std::move(value)}); };
  row("县 county", c.county.name + " " + c.county.code.substr(0, 6));
  row("面积 area (km²)", std::round(c.county.area_km2.value_or(0) * 10) / 10);
  row("常住人口 residents", std::int64_t(std::llround(c.county.resident_population.value_or(0))));
  row("户籍人口 registered", std::int64_t(std::llround(c.county.registered_population.value_or(0))));
  row("街道/镇/乡/民族乡", std::to_string(by_type[0]) + "/" + std::to_string(by_type[1]) + "/" + std::to_string(by_type[2]) + "/" +
                               std::to_string(by_type[3]));
  row("村级单位 villages", std::int64_t(c.villages.size()));
  row("道路 roads", std::int64_t(c.roads.roads.size()));
  row("设施 facilities", std::int64_t(c.facilities.size()));
  for (const auto& f : result.files) row("文件 file", f.string());
  return table;
}

}  // namespace quhua::service
