// Plan: a proposed layout of new units -- which region each unit joins and whose seat each region
// takes. Plain data shared by the planner (which makes plans), evaluation (which judges any plan,
// including one made by hand in Excel) and the registry (which turns an approved plan into events).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quhua/model/unit.hpp"

namespace quhua::model {

using RegionIndex = std::uint32_t;

struct Plan {
  std::vector<std::string> region_ids;        ///< label of each region, as in plan.csv's `region`
  std::vector<RegionIndex> region_of;         ///< per unit (UnitId): its region
  std::vector<std::optional<UnitId>> seat_of;  ///< per region: the unit whose seat it takes
  std::vector<std::string> region_names;      ///< per region: proposed name, empty when not given

  std::size_t region_count() const { return region_ids.size(); }
  /// Members of each region, in unit order.
  std::vector<std::vector<UnitId>> members() const;
};

/// The layout as it is: every unit its own region, with its own seat.
Plan identity_plan(const UnitTable& units);

}  // namespace quhua::model
