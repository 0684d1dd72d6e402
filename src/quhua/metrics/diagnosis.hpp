// Diagnosis (现状诊断): the picture a division adjustment starts from, per parent unit (the county when
// townships are diagnosed, each township when villages are) and overall -- how many units of each type,
// how people and land are spread over them, which units fall under the population and area thresholds,
// how dense and how close together their seats are, which units have no neighbour (islands) and which
// come in several parts (exclaves). A pure function of a UnitTable, an optional contiguity graph and
// options: no files, no printing. Definitions: docs/diagnose.md.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "quhua/graph/contiguity_graph.hpp"
#include "quhua/metrics/distribution.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/util/findings.hpp"

namespace quhua::metrics {

/// Which population the distribution and the population threshold use.
enum class PopulationKind {
  resident,    ///< 常住人口; falls back to 户籍 for a unit that has only that (counted in findings)
  registered,  ///< 户籍人口 only
};

struct DiagnosisOptions {
  /// Units to diagnose: those at this level. DEFAULT nullopt: the most common level in the table.
  std::optional<model::UnitLevel> level;
  /// A unit is "small" when its population is below this. DEFAULT nullopt: 10,000 for townships,
  /// 1,000 for villages (default_min_population).
  std::optional<double> min_population;
  /// ... or its area (km²) below this. DEFAULT nullopt: 20 km² for townships, 2 km² for villages.
  std::optional<double> min_area_km2;
  /// DEFAULT resident.
  PopulationKind population = PopulationKind::resident;
  /// Names of parent units that are not in the table (code -> name), for the report.
  std::map<std::string, std::string> parent_names;

  /// Throws UsageError for a negative or non-finite threshold.
  void validate() const;
};

/// Number of model::UnitType values (the size of GroupDiagnosis::type_counts).
inline constexpr std::size_t k_unit_type_count = static_cast<std::size_t>(model::UnitType::community) + 1;

double default_min_population(model::UnitLevel level);
double default_min_area_km2(model::UnitLevel level);

/// One parent's picture (or the whole table's, with an empty parent_code).
struct GroupDiagnosis {
  std::string parent_code;
  std::string parent_name;  ///< from the table, options.parent_names, or empty
  std::size_t unit_count = 0;
  /// Units per type, indexed by static_cast<size_t>(model::UnitType).
  std::array<std::size_t, k_unit_type_count> type_counts{};
  Distribution population;
  Distribution area_km2;
  std::size_t under_population = 0;  ///< population known and < threshold
  std::size_t under_area = 0;        ///< area known and < threshold
  std::size_t under_both = 0;
  std::size_t seats = 0;                          ///< units with a seat or centroid
  std::optional<double> seat_density_per_100km2;  ///< seats per 100 km² of the units' total area
  Distribution nearest_seat_in_parent_m;          ///< per unit: nearest other seat with the same parent
  Distribution nearest_seat_any_m;                ///< per unit: nearest other seat of the level, any parent
  std::optional<std::size_t> islands;             ///< no neighbour in the graph; nullopt: no graph given
  std::size_t multipart = 0;                      ///< geometry in more than one part (飞地, islands)
};

/// One diagnosed unit.
struct UnitDiagnosis {
  model::UnitId id = 0;
  std::optional<double> population;
  std::optional<double> area_km2;
  std::optional<double> nearest_seat_in_parent_m;
  std::optional<model::UnitId> nearest_in_parent;
  std::optional<double> nearest_seat_any_m;
  std::optional<model::UnitId> nearest_any;
  bool under_population = false;
  bool under_area = false;
  std::optional<bool> island;  ///< nullopt: no graph given
  bool multipart = false;
};

struct DiagnosisResult {
  model::UnitLevel level = model::UnitLevel::unknown;
  double min_population = 0;
  double min_area_km2 = 0;
  PopulationKind population_kind = PopulationKind::resident;
  bool contiguity_checked = false;
  std::vector<UnitDiagnosis> units;     ///< the diagnosed units, in table order
  std::vector<GroupDiagnosis> parents;  ///< one per parent code, sorted by code
  GroupDiagnosis overall;               ///< all diagnosed units together
  /// Positions in `units` of the units under either threshold: by parent code, then population
  /// (smallest first), then code.
  std::vector<std::size_t> flagged;
  /// Data gaps worth telling: units without population, area or seat; seats taken from centroids;
  /// resident population filled from registered; coordinates not in a projected CRS.
  Findings findings;
};

/// Diagnoses the units of one level of `units`. `graph`, when given, is a contiguity graph over the
/// whole table (node = UnitId); a unit is an island when no diagnosed unit is its neighbour. Seats are
/// Unit::anchor() (the seat, else the centroid); distances are in the table's working CRS units.
/// O(n log n). Throws UsageError for bad options or a graph whose node count differs from the table's.
DiagnosisResult diagnose(const model::UnitTable& units, const graph::ContiguityGraph* graph, const DiagnosisOptions& options = {});

}  // namespace quhua::metrics
