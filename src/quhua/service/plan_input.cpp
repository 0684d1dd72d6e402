#include "quhua/service/plan_input.hpp"

#include <cmath>
#include <optional>
#include <unordered_map>

#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service {

namespace rg = algorithms::regionalize;

namespace {

struct TableRef {
  const util::CsvTable& table;
  const std::string& path;

  std::optional<std::size_t> column(std::initializer_list<const char*> names) const {
    for (const char* name : names) {
      if (auto c = table.column(name)) return c;
    }
    return std::nullopt;
  }
  std::size_t required(std::initializer_list<const char*> names) const {
    if (auto c = column(names)) return *c;
    ErrorContext where;
    where.file = path;
    where.field = *names.begin();
    throw InputError(ErrorCode::input_missing, "the table has no column " + std::string(*names.begin()), where);
  }
  ErrorContext where(std::size_t row, const std::string& field) const {
    ErrorContext context;
    context.file = path;
    context.feature = "line " + std::to_string(table.row_lines[row]);
    context.field = field;
    return context;
  }
  double number(std::size_t row, std::size_t column, bool required_value) const {
    const auto& text = table.rows[row][column];
    if (util::trim(text).empty() && !required_value) return rg::k_unknown;
    const auto value = util::parse_double(text);
    if (!value || !std::isfinite(*value)) {
      throw InputError(ErrorCode::input_value, "'" + text + "' is not a number", where(row, table.header[column]));
    }
    return *value;
  }
};

}  // namespace

rg::PlanningProblem read_graph_problem(const std::string& nodes_path, const std::string& edges_path,
                                       const std::vector<std::string>& attribute_fields) {
  const auto node_table = io::read_table(nodes_path);
  const auto edge_table = io::read_table(edges_path);
  const TableRef nodes{node_table, nodes_path};
  const TableRef edges{edge_table, edges_path};

  const std::size_t id_column = nodes.required({"id", "code"});
  const std::size_t population_column = nodes.required({"population"});
  const auto name_column = nodes.column({"name"});
  const auto x_km = nodes.column({"x_km"});
  const auto y_km = nodes.column({"y_km"});
  const auto x_m = nodes.column({"x_m"});
  const auto y_m = nodes.column({"y_m"});
  const auto area_column = nodes.column({"area_km2"});
  const auto perimeter_km = nodes.column({"perimeter_km"});
  const auto perimeter_m = nodes.column({"perimeter_m"});
  const auto parent_column = nodes.column({"parent"});
  const auto type_column = nodes.column({"type"});
  std::vector<std::size_t> attribute_columns;
  for (const auto& field : attribute_fields) {
    const auto column = node_table.column(field);
    if (!column) {
      ErrorContext where;
      where.file = nodes_path;
      where.field = field;
      throw InputError(ErrorCode::input_missing, "the nodes table has no column " + field + " (named by --objective)",
                       where);
    }
    attribute_columns.push_back(*column);
  }

  rg::PlanningProblem problem;
  const std::size_t n = node_table.rows.size();
  problem.resize(n);
  problem.attribute_names = attribute_fields;
  problem.attributes.assign(n * attribute_fields.size(), rg::k_unknown);
  std::unordered_map<std::string, rg::UnitIndex> index;
  index.reserve(n);
  for (std::size_t row = 0; row < n; ++row) {
    const auto& cells = node_table.rows[row];
    const std::string id(util::trim(cells[id_column]));
    if (id.empty()) throw InputError(ErrorCode::input_value, "empty node id", nodes.where(row, node_table.header[id_column]));
    if (!index.emplace(id, static_cast<rg::UnitIndex>(row)).second) {
      throw InputError(ErrorCode::input_duplicate, "node id " + id + " occurs twice",
                       nodes.where(row, node_table.header[id_column]));
    }
    problem.codes[row] = id;
    problem.population[row] = nodes.number(row, population_column, true);
    if (problem.population[row] < 0) {
      throw InputError(ErrorCode::input_value, "population must be >= 0", nodes.where(row, "population"));
    }
    if (name_column) problem.names[row] = std::string(util::trim(cells[*name_column]));
    if (x_km && y_km) {
      problem.x_m[row] = nodes.number(row, *x_km, false) * 1000.0;
      problem.y_m[row] = nodes.number(row, *y_km, false) * 1000.0;
    } else if (x_m && y_m) {
      problem.x_m[row] = nodes.number(row, *x_m, false);
      problem.y_m[row] = nodes.number(row, *y_m, false);
    }
    if (area_column) problem.area_km2[row] = nodes.number(row, *area_column, false);
    if (perimeter_km) {
      problem.perimeter_m[row] = nodes.number(row, *perimeter_km, false) * 1000.0;
    } else if (perimeter_m) {
      problem.perimeter_m[row] = nodes.number(row, *perimeter_m, false);
    }
    if (parent_column) {
      const std::string parent(util::trim(cells[*parent_column]));
      if (!parent.empty()) problem.parent[row] = problem.parent_index(parent);
    }
    if (type_column) {
      const std::string label(util::trim(cells[*type_column]));
      problem.type_labels[row] = label;
      if (const auto type = model::parse_type(label)) problem.types[row] = *type;
    }
    for (std::size_t f = 0; f < attribute_columns.size(); ++f) {
      problem.attributes[row * attribute_columns.size() + f] = nodes.number(row, attribute_columns[f], true);
    }
  }

  const std::size_t a_column = edges.required({"a"});
  const std::size_t b_column = edges.required({"b"});
  const auto border_km = edges.column({"border_km"});
  const auto border_m = edges.column({"border_m"});
  std::vector<graph::Edge> list;
  list.reserve(edge_table.rows.size());
  for (std::size_t row = 0; row < edge_table.rows.size(); ++row) {
    const auto& cells = edge_table.rows[row];
    graph::Edge edge;
    for (const auto& [column, end] : {std::pair{a_column, &edge.a}, std::pair{b_column, &edge.b}}) {
      const std::string id(util::trim(cells[column]));
      const auto it = index.find(id);
      if (it == index.end()) {
        throw InputError(ErrorCode::input_value, "node id '" + id + "' is not in " + nodes_path,
                         edges.where(row, edge_table.header[column]));
      }
      *end = it->second;
    }
    if (border_km) {
      const double km = edges.number(row, *border_km, false);
      edge.shared_border_m = std::isfinite(km) ? km * 1000.0 : 0.0;
    } else if (border_m) {
      const double m = edges.number(row, *border_m, false);
      edge.shared_border_m = std::isfinite(m) ? m : 0.0;
    }
    list.push_back(edge);
  }
  problem.graph = graph::ContiguityGraph::from_edges(n, std::move(list));
  problem.validate();
  return problem;
}

}  // namespace quhua::service
