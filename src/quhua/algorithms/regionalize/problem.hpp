// PlanningProblem: everything the planner needs to know about the units of one planning job, as flat
// per-unit arrays (dense uint32_t unit indices), the rook contiguity graph, an attribute matrix and the
// unit lists of the rules (locked units, forbidden pairs, must-merge groups). Builders from a
// model::UnitTable live here; the peer-graph CSV reader lives in service/ (it reads files).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/model/division_code.hpp"
#include "quhua/model/unit.hpp"

namespace quhua::algorithms::regionalize {

using UnitIndex = std::uint32_t;
/// "No such index" (no parent, no seat, not in a block ...).
inline constexpr std::uint32_t k_none = 0xFFFFFFFFu;
inline constexpr double k_unknown = std::numeric_limits<double>::quiet_NaN();

struct PlanningProblem {
  // Per unit, all of size(). Unknown numbers are NaN.
  std::vector<std::string> codes;          ///< unique, non-empty
  std::vector<std::string> names;          ///< UTF-8, may be empty
  std::vector<double> population;          ///< persons, >= 0
  std::vector<double> area_km2;            ///< NaN when unknown
  std::vector<double> perimeter_m;         ///< boundary length in metres; NaN when unknown
  std::vector<double> x_m;                 ///< anchor (seat, else centroid) in a projected metric CRS
  std::vector<double> y_m;
  std::vector<model::UnitType> types;      ///< model::UnitType::other when unknown
  std::vector<std::string> type_labels;    ///< the type as written in the input ("镇", "民族乡" ...)
  std::vector<std::uint32_t> parent;       ///< index into parent_codes, or k_none
  std::vector<std::uint8_t> locked;        ///< 1: the unit stays exactly as it is

  std::vector<std::string> parent_codes;   ///< distinct parent codes (counties, or townships for villages)

  /// Rook contiguity over units [0, size()); border lengths in metres (0 when unknown).
  graph::ContiguityGraph graph;

  /// Attributes for the heterogeneity objective: size() rows × attribute_names.size() columns, row-major,
  /// raw values (the planner z-scores them).
  std::vector<std::string> attribute_names;
  std::vector<double> attributes;

  /// Travel minutes between the units' anchors over a road network, row-major size() × size() (row: from,
  /// column: to; +infinity where no route exists). One-way roads make it asymmetric: access is measured
  /// from the member to the seat, travel_minutes[member × size() + seat]. Empty: straight-line distance.
  std::vector<float> travel_minutes;

  std::vector<std::pair<UnitIndex, UnitIndex>> forbidden_pairs;  ///< never in the same new unit
  std::vector<std::vector<UnitIndex>> must_merge_groups;          ///< always in the same new unit

  std::size_t size() const noexcept { return codes.size(); }
  /// Resizes every per-unit array to n, filling new entries with the "unknown" defaults.
  void resize(std::size_t n);
  /// A 镇 or 街道: preferred as the seat of a merged unit.
  bool is_town(UnitIndex u) const {
    return types[u] == model::UnitType::town || types[u] == model::UnitType::subdistrict;
  }
  double attribute(UnitIndex u, std::size_t column) const { return attributes[u * attribute_names.size() + column]; }

  bool has_areas() const;       ///< every unit has a finite area
  bool has_anchors() const;     ///< every unit has finite x, y
  bool has_perimeters() const;  ///< every unit has a finite perimeter and every edge a border length > 0
  bool has_travel_times() const { return !travel_minutes.empty(); }
  /// Minutes from unit `from` to unit `to` (+infinity: no route). Needs has_travel_times().
  double travel_min(UnitIndex from, UnitIndex to) const {
    return travel_minutes[static_cast<std::size_t>(from) * size() + to];
  }

  /// code -> index.
  std::unordered_map<std::string, UnitIndex> code_index() const;
  /// Index of a parent code, adding it to parent_codes when new.
  std::uint32_t parent_index(const std::string& parent_code);

  /// Checks shapes and values: array sizes, unique non-empty codes, population finite and >= 0, areas
  /// and perimeters >= 0 when known, graph size, attribute matrix size, list indices in range. Throws
  /// InputError naming the unit (feature) and field.
  void validate() const;
};

/// Builds a problem from imported units and their contiguity graph (built from the same table, node i =
/// unit i). Population: resident, else registered. Anchor: seat, else centroid. Area as given. Perimeter
/// from the geometry when present. `attribute_fields` name indicator columns of the table (or
/// "population", "area_km2") copied into the attribute matrix; an unknown name throws UsageError listing
/// the available ones.
PlanningProblem problem_from_units(const model::UnitTable& units, graph::ContiguityGraph graph,
                                   const std::vector<std::string>& attribute_fields = {});

}  // namespace quhua::algorithms::regionalize
