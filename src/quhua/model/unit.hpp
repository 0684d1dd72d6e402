// Unit and UnitTable: administrative units (province ... village) as plain data, with dense uint32_t
// ids used by every algorithm. Geometry is kept in the table's working (projected, metric) CRS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "quhua/model/division_code.hpp"
#include "quhua/model/geometry.hpp"

namespace quhua::model {

using UnitId = std::uint32_t;

/// How unit codes are read. NBS codes are validated and padded to 12 digits; free ids (peer graphs,
/// foreign data) only have to be unique.
enum class CodeScheme { nbs, free };

/// Where a unit's seat (驻地) came from.
enum class SeatSource { none, given, seat_layer, point_on_surface, centroid };
std::string_view seat_source_name(SeatSource source);

struct Unit {
  std::string code;         ///< 12-digit NBS code (CodeScheme::nbs) or the input id as given
  std::string name;         ///< UTF-8
  UnitLevel level = UnitLevel::unknown;
  UnitType type = UnitType::other;
  std::string type_label;   ///< the type as written in the input, kept verbatim
  std::string parent_code;  ///< same scheme as `code`; empty when none

  std::optional<double> resident_population;    ///< 常住人口, persons
  std::optional<double> registered_population;  ///< 户籍人口, persons
  std::optional<double> area_km2;               ///< from geometry in an equal-area CRS, else as given

  std::optional<Point> seat;  ///< 驻地, working CRS
  SeatSource seat_source = SeatSource::none;
  std::optional<Point> centroid;  ///< working CRS

  MultiPolygon geometry;  ///< working CRS (metres); empty when the input had none
  std::string source_feature;  ///< feature id or row in the source file, for messages

  /// Resident population, or registered population when that is all there is, else 0.
  double population() const {
    if (resident_population) return *resident_population;
    if (registered_population) return *registered_population;
    return 0.0;
  }
  /// The point distances are measured from: the seat, else the centroid, else nullopt.
  std::optional<Point> anchor() const { return seat ? seat : centroid; }
};

/// Description of the coordinate systems behind a table's geometry.
struct CrsInfo {
  std::string source;   ///< the input's CRS as given (authority code or WKT); empty when unknown
  std::string working;  ///< PROJ definition of the projected metric CRS the geometry is stored in
  bool is_projected = false;  ///< true when `working` is a projected metric CRS
};

class UnitTable {
 public:
  UnitTable() = default;

  /// Appends a unit. Throws InputError(input_duplicate) when its code is already present.
  UnitId add(Unit unit);

  std::size_t size() const noexcept { return m_units.size(); }
  bool empty() const noexcept { return m_units.empty(); }
  const Unit& operator[](UnitId id) const { return m_units[id]; }
  Unit& operator[](UnitId id) { return m_units[id]; }
  const std::vector<Unit>& units() const noexcept { return m_units; }
  auto begin() const { return m_units.begin(); }
  auto end() const { return m_units.end(); }

  std::optional<UnitId> find(std::string_view code) const;
  /// Throws InputError(input_missing) naming the code when absent.
  UnitId at(std::string_view code) const;

  /// Named numeric indicators (GDP, fiscal revenue ...): one column per name, NaN where missing.
  std::size_t add_indicator(const std::string& name);
  std::optional<std::size_t> indicator_index(std::string_view name) const;
  const std::vector<std::string>& indicator_names() const noexcept { return m_indicator_names; }
  double indicator(std::size_t column, UnitId id) const { return m_indicator_values[column][id]; }
  void set_indicator(std::size_t column, UnitId id, double value) { m_indicator_values[column][id] = value; }
  const std::vector<double>& indicator_column(std::size_t column) const { return m_indicator_values[column]; }

  CodeScheme code_scheme = CodeScheme::nbs;
  CrsInfo crs;

 private:
  std::vector<Unit> m_units;
  std::unordered_map<std::string, UnitId> m_index;
  std::vector<std::string> m_indicator_names;
  std::vector<std::vector<double>> m_indicator_values;
};

}  // namespace quhua::model
