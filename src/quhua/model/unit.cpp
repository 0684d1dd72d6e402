#include "quhua/model/unit.hpp"

#include <limits>

#include "quhua/util/error.hpp"

namespace quhua::model {

std::string_view seat_source_name(SeatSource source) {
  switch (source) {
    case SeatSource::none: return "none";
    case SeatSource::given: return "given";
    case SeatSource::seat_layer: return "seat_layer";
    case SeatSource::point_on_surface: return "point_on_surface";
    case SeatSource::centroid: return "centroid";
  }
  return "none";
}

UnitId UnitTable::add(Unit unit) {
  const auto id = static_cast<UnitId>(m_units.size());
  const auto [it, inserted] = m_index.emplace(unit.code, id);
  if (!inserted) {
    const Unit& first = m_units[it->second];
    throw InputError(ErrorCode::input_duplicate,
                     "duplicate code " + unit.code + " ('" + unit.name + "'; first seen as '" + first.name +
                         "' at feature " + first.source_feature + ")",
                     ErrorContext{"", "", unit.source_feature, "code"});
  }
  m_units.push_back(std::move(unit));
  for (auto& column : m_indicator_values) column.push_back(std::numeric_limits<double>::quiet_NaN());
  return id;
}

std::optional<UnitId> UnitTable::find(std::string_view code) const {
  const auto it = m_index.find(std::string(code));
  if (it == m_index.end()) return std::nullopt;
  return it->second;
}

UnitId UnitTable::at(std::string_view code) const {
  if (auto id = find(code)) return *id;
  throw InputError(ErrorCode::input_missing, "no unit with code " + std::string(code));
}

std::size_t UnitTable::add_indicator(const std::string& name) {
  if (auto existing = indicator_index(name)) return *existing;
  m_indicator_names.push_back(name);
  m_indicator_values.emplace_back(m_units.size(), std::numeric_limits<double>::quiet_NaN());
  return m_indicator_names.size() - 1;
}

std::optional<std::size_t> UnitTable::indicator_index(std::string_view name) const {
  for (std::size_t i = 0; i < m_indicator_names.size(); ++i) {
    if (m_indicator_names[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace quhua::model
