#include "quhua/algorithms/regionalize/problem.hpp"

#include <cmath>
#include <string>
#include <unordered_set>

#include "quhua/util/error.hpp"

namespace quhua::algorithms::regionalize {

namespace {

double ring_length_m(const model::Ring& ring) {
  double length = 0;
  for (std::size_t i = 1; i < ring.size(); ++i) length += model::distance(ring[i - 1], ring[i]);
  return length;
}

// Boundary length of a shape, holes included: the dissolved perimeter of a region is the sum of its
// members' perimeters minus twice their shared borders only when every boundary line is counted.
double boundary_length_m(const model::MultiPolygon& shape) {
  double length = 0;
  for (const auto& polygon : shape) {
    length += ring_length_m(polygon.outer);
    for (const auto& hole : polygon.holes) length += ring_length_m(hole);
  }
  return length;
}

ErrorContext unit_context(const PlanningProblem& problem, std::size_t u, const char* field) {
  ErrorContext context;
  context.feature = u < problem.codes.size() ? problem.codes[u] : std::to_string(u);
  context.field = field;
  return context;
}

}  // namespace

void PlanningProblem::resize(std::size_t n) {
  codes.resize(n);
  names.resize(n);
  population.resize(n, 0.0);
  area_km2.resize(n, k_unknown);
  perimeter_m.resize(n, k_unknown);
  x_m.resize(n, k_unknown);
  y_m.resize(n, k_unknown);
  types.resize(n, model::UnitType::other);
  type_labels.resize(n);
  parent.resize(n, k_none);
  locked.resize(n, 0);
}

bool PlanningProblem::has_areas() const {
  for (double a : area_km2) {
    if (!std::isfinite(a)) return false;
  }
  return !area_km2.empty();
}

bool PlanningProblem::has_anchors() const {
  for (std::size_t u = 0; u < size(); ++u) {
    if (!std::isfinite(x_m[u]) || !std::isfinite(y_m[u])) return false;
  }
  return size() > 0;
}

bool PlanningProblem::has_perimeters() const {
  for (double p : perimeter_m) {
    if (!std::isfinite(p) || p <= 0) return false;
  }
  for (std::size_t u = 0; u < graph.node_count(); ++u) {
    for (double border : graph.border_lengths(static_cast<graph::NodeId>(u))) {
      if (!(border > 0)) return false;
    }
  }
  return size() > 0;
}

std::unordered_map<std::string, UnitIndex> PlanningProblem::code_index() const {
  std::unordered_map<std::string, UnitIndex> index;
  index.reserve(size());
  for (std::size_t u = 0; u < size(); ++u) index.emplace(codes[u], static_cast<UnitIndex>(u));
  return index;
}

std::uint32_t PlanningProblem::parent_index(const std::string& parent_code) {
  for (std::size_t i = 0; i < parent_codes.size(); ++i) {
    if (parent_codes[i] == parent_code) return static_cast<std::uint32_t>(i);
  }
  parent_codes.push_back(parent_code);
  return static_cast<std::uint32_t>(parent_codes.size() - 1);
}

void PlanningProblem::validate() const {
  const std::size_t n = size();
  if (n == 0) throw InputError(ErrorCode::input_missing, "the planning problem has no units");
  const auto check_size = [n](std::size_t actual, const char* what) {
    if (actual != n) {
      throw InternalError(std::string("planning problem: ") + what + " has " + std::to_string(actual) +
                          " entries for " + std::to_string(n) + " units");
    }
  };
  check_size(names.size(), "names");
  check_size(population.size(), "population");
  check_size(area_km2.size(), "area_km2");
  check_size(perimeter_m.size(), "perimeter_m");
  check_size(x_m.size(), "x_m");
  check_size(y_m.size(), "y_m");
  check_size(types.size(), "types");
  check_size(type_labels.size(), "type_labels");
  check_size(parent.size(), "parent");
  check_size(locked.size(), "locked");
  check_size(graph.node_count(), "the contiguity graph");
  if (attributes.size() != n * attribute_names.size()) {
    throw InternalError("planning problem: attribute matrix has " + std::to_string(attributes.size()) +
                        " values for " + std::to_string(n) + " units × " + std::to_string(attribute_names.size()) +
                        " attributes");
  }

  std::unordered_set<std::string_view> seen;
  seen.reserve(n);
  for (std::size_t u = 0; u < n; ++u) {
    if (codes[u].empty()) {
      throw InputError(ErrorCode::input_value, "unit " + std::to_string(u + 1) + " has an empty code",
                       unit_context(*this, u, "code"));
    }
    if (!seen.insert(codes[u]).second) {
      throw InputError(ErrorCode::input_duplicate, "unit code " + codes[u] + " occurs twice",
                       unit_context(*this, u, "code"));
    }
    if (!std::isfinite(population[u]) || population[u] < 0) {
      throw InputError(ErrorCode::input_value, "population must be a finite number >= 0",
                       unit_context(*this, u, "population"));
    }
    if (!std::isnan(area_km2[u]) && (!std::isfinite(area_km2[u]) || area_km2[u] < 0)) {
      throw InputError(ErrorCode::input_value, "area must be a finite number >= 0", unit_context(*this, u, "area_km2"));
    }
    if (!std::isnan(perimeter_m[u]) && (!std::isfinite(perimeter_m[u]) || perimeter_m[u] < 0)) {
      throw InputError(ErrorCode::input_value, "perimeter must be a finite number >= 0",
                       unit_context(*this, u, "perimeter_m"));
    }
    if (std::isinf(x_m[u]) || std::isinf(y_m[u])) {
      throw InputError(ErrorCode::input_value, "anchor coordinates must be finite", unit_context(*this, u, "x, y"));
    }
    if (parent[u] != k_none && parent[u] >= parent_codes.size()) {
      throw InternalError("planning problem: parent index out of range for unit " + codes[u]);
    }
    for (std::size_t f = 0; f < attribute_names.size(); ++f) {
      if (!std::isfinite(attribute(static_cast<UnitIndex>(u), f))) {
        throw InputError(ErrorCode::input_value, "attribute " + attribute_names[f] + " is missing or not finite",
                         unit_context(*this, u, attribute_names[f].c_str()));
      }
    }
  }
  if (!travel_minutes.empty()) {
    if (travel_minutes.size() != n * n) {
      throw InternalError("planning problem: the travel-time matrix has " + std::to_string(travel_minutes.size()) +
                          " entries for " + std::to_string(n) + " × " + std::to_string(n) + " units");
    }
    for (std::size_t i = 0; i < travel_minutes.size(); ++i) {
      if (std::isnan(travel_minutes[i]) || travel_minutes[i] < 0) {
        throw InputError(ErrorCode::input_value, "travel minutes must be >= 0 (or infinite: no route)",
                         unit_context(*this, i / n, "travel_minutes"));
      }
    }
  }
  for (const auto& [a, b] : forbidden_pairs) {
    if (a >= n || b >= n) throw InternalError("planning problem: forbidden pair index out of range");
  }
  for (const auto& group : must_merge_groups) {
    for (UnitIndex u : group) {
      if (u >= n) throw InternalError("planning problem: must-merge index out of range");
    }
  }
}

PlanningProblem problem_from_units(const model::UnitTable& units, graph::ContiguityGraph graph,
                                   const std::vector<std::string>& attribute_fields) {
  PlanningProblem problem;
  const std::size_t n = units.size();
  problem.resize(n);
  problem.graph = std::move(graph);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& unit = units[static_cast<model::UnitId>(i)];
    problem.codes[i] = unit.code;
    problem.names[i] = unit.name;
    problem.population[i] = unit.population();
    if (unit.area_km2) problem.area_km2[i] = *unit.area_km2;
    if (!unit.geometry.empty()) problem.perimeter_m[i] = boundary_length_m(unit.geometry);
    if (const auto anchor = unit.anchor()) {
      problem.x_m[i] = anchor->x;
      problem.y_m[i] = anchor->y;
    }
    problem.types[i] = unit.type;
    problem.type_labels[i] = unit.type_label.empty() ? std::string(model::type_name_zh(unit.type)) : unit.type_label;
    if (!unit.parent_code.empty()) problem.parent[i] = problem.parent_index(unit.parent_code);
  }

  problem.attribute_names = attribute_fields;
  problem.attributes.assign(n * attribute_fields.size(), k_unknown);
  for (std::size_t f = 0; f < attribute_fields.size(); ++f) {
    const auto& field = attribute_fields[f];
    const auto column = units.indicator_index(field);
    if (!column && field != "population" && field != "area_km2") {
      std::string available = "population, area_km2";
      for (const auto& name : units.indicator_names()) available += ", " + name;
      throw UsageError("attribute field '" + field + "' is not in the unit table (available: " + available + ")");
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto id = static_cast<model::UnitId>(i);
      double value = k_unknown;
      if (column) {
        value = units.indicator(*column, id);
      } else if (field == "population") {
        value = problem.population[i];
      } else {
        value = problem.area_km2[i];
      }
      problem.attributes[i * attribute_fields.size() + f] = value;
    }
  }
  return problem;
}

}  // namespace quhua::algorithms::regionalize
