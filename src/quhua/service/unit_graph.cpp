#include "quhua/service/unit_graph.hpp"

#include <algorithm>
#include <tuple>

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service {

std::string overlap_detail(double area_m2) {
  return "the polygons overlap by " + util::fixed(area_m2 / 1e6, area_m2 < 1e7 ? 4 : 2) +
         " km2: land counted in both 两单位图形重叠，面积重复计算";
}

geometry::ContiguityResult unit_contiguity(const model::UnitTable& units, const geometry::ContiguityOptions& options) {
  std::vector<model::MultiPolygon> shapes;
  shapes.reserve(units.size());
  for (const auto& unit : units) shapes.push_back(unit.geometry);
  return geometry::build_contiguity(shapes, options);
}

GraphResult build_graph(const GraphRequest& request) {
  request.contiguity.validate();
  GraphResult result;
  result.import = import_units(request.units);
  if (!result.import.has_geometry) {
    throw UsageError("the units in " + request.units.units_path +
                     " have no geometry: a contiguity graph needs polygons (Shapefile, GeoJSON, GeoPackage ...)");
  }
  geometry::ContiguityOptions options = request.contiguity;
  options.find_overlaps = true;
  result.contiguity = unit_contiguity(result.import.units, options);
  return result;
}

util::ReportTable edge_table(const model::UnitTable& units, const graph::ContiguityGraph& graph) {
  util::ReportTable table{"edges", "相邻关系", "Adjacency", {
      {"a_code", "单位甲代码", "Unit A code"},
      {"b_code", "单位乙代码", "Unit B code"},
      {"shared_border_m", "共同边界长度（米）", "Shared border (m)", 1},
  }, {}};
  for (const auto& e : graph.edges()) {
    // Codes, not ids, in order: the file reads the same whatever order the units came in.
    const auto& a = units[e.a].code;
    const auto& b = units[e.b].code;
    table.add_row({a < b ? a : b, a < b ? b : a, e.shared_border_m});
  }
  std::sort(table.rows.begin(), table.rows.end(), [](const auto& x, const auto& y) {
    return std::tie(std::get<std::string>(x[0]), std::get<std::string>(x[1])) <
           std::tie(std::get<std::string>(y[0]), std::get<std::string>(y[1]));
  });
  return table;
}

util::ReportTable contiguity_report_table(const model::UnitTable& units, const geometry::ContiguityReport& report) {
  util::ReportTable table{"contiguity_report", "相邻关系检查", "Contiguity checks", {
      {"finding", "类别", "Finding"},
      {"code", "代码", "Code"},
      {"name", "名称", "Name"},
      {"detail", "说明", "Detail"},
  }, {}};
  for (auto u : report.islands) {
    table.add_row({std::string("island 孤立单位"), units[u].code, units[u].name, std::string("no neighbour 无相邻单位")});
  }
  for (auto u : report.empty_units) {
    table.add_row({std::string("no_geometry 无几何"), units[u].code, units[u].name, std::string("no polygon")});
  }
  for (const auto& m : report.multipart_units) {
    table.add_row({std::string("multipart 飞地"), units[m.unit].code, units[m.unit].name,
                   std::to_string(m.part_count) + " parts 块"});
  }
  for (const auto& e : report.point_contacts) {
    table.add_row({std::string("point_contact 仅点相接"), units[e.a].code + "/" + units[e.b].code,
                   units[e.a].name + "/" + units[e.b].name, std::string("touch at a point only (not rook) 仅在一点相接")});
  }
  for (const auto& o : report.overlaps) {
    table.add_row({std::string("overlap 重叠"), units[o.a].code + "/" + units[o.b].code,
                   units[o.a].name + "/" + units[o.b].name, overlap_detail(o.area_m2)});
  }
  if (report.components.count() > 1) {
    table.add_row({std::string("components 连通分量"), std::string(), std::string(),
                   std::to_string(report.components.count()) + " separate parts 个互不相连的部分"});
  }
  return table;
}

}  // namespace quhua::service
