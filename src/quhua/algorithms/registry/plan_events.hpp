// From an approved merger plan (the planner's plan.csv: code,region,seat_code) to the change events
// that carry it out: a region of several townships becomes one `merged` event whose result keeps the
// seat township's code (撤销A乡，并入B镇) unless its type changes, when it takes a new code in the new
// type's band; a one-township region with a new name is `renamed`, with a higher type `upgraded`.
// New codes are left empty here (code_rules.hpp allocates them); the batch is validated afterwards.
#pragma once

#include "quhua/algorithms/registry/code_rules.hpp"
#include "quhua/algorithms/registry/registry_types.hpp"
#include "quhua/util/findings.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quhua::registry {

/// One row of plan.csv. Codes are 12 digits.
struct PlanAssignment {
  std::string code;
  std::string region;
  std::string seat_code;
  std::string where;  ///< "plan.csv row 7", for messages
};

/// The name (and type) a region's unit will carry; from the optional names table.
struct RegionName {
  std::string name;
  std::optional<model::UnitType> type;
};

/// Figures of a unit from the planner's unit list (override the registry's).
struct UnitFacts {
  std::string name;
  std::optional<double> population;
  std::optional<double> area_km2;
};

struct PlanOptions {
  Date effective;
  std::string document;  ///< 批文号
  std::string note;
};

/// What the plan does to one region.
struct PlanRegionOutcome {
  std::string region;
  std::vector<std::string> members;  ///< 12-digit codes, the seat first
  std::string seat_code;
  std::string action;                      ///< "unchanged", "renamed", "upgraded", "merged"
  std::optional<std::size_t> event_index;  ///< into PlanEvents::events
};

struct PlanEvents {
  std::vector<EventDraft> events;
  std::vector<PlanRegionOutcome> regions;  ///< by region id
  Findings findings;                       ///< errors refuse the plan
};

/// Turns the plan into event drafts. Refuses (error findings) a code the registry does not hold in
/// force at township level, a code listed twice, a region whose seat is missing, not one of its
/// members or not the same on every row, and a region that spans two counties (a transfer must be
/// recorded first). A name in `facts` that differs from the registry's is a warning.
PlanEvents plan_to_events(const std::vector<PlanAssignment>& plan, const std::map<std::string, RegionName>& names,
                          const std::map<std::string, UnitFacts>& facts, const RegistryView& view,
                          const PlanOptions& options);

}  // namespace quhua::registry
