#include "quhua/algorithms/registry/plan_events.hpp"

#include <algorithm>
#include <set>

namespace quhua::registry {
namespace {

struct Region {
  std::vector<const PlanAssignment*> rows;
};

}  // namespace

PlanEvents plan_to_events(const std::vector<PlanAssignment>& plan, const std::map<std::string, RegionName>& names,
                          const std::map<std::string, UnitFacts>& facts, const RegistryView& view,
                          const PlanOptions& options) {
  PlanEvents out;
  auto error = [&out](std::string kind, std::string message, std::string where) {
    out.findings.add(Severity::error, std::move(kind), std::move(message), ErrorContext{"", "", std::move(where), ""});
  };

  std::map<std::string, Region> regions;
  std::map<std::string, UnitVersion> units;
  std::set<std::string> seen;
  for (const auto& row : plan) {
    if (!seen.insert(row.code).second) {
      error("plan_duplicate_code", "township " + display_code(row.code) + " is listed twice", row.where);
      continue;
    }
    auto unit = view.in_force(row.code);
    if (!unit || unit->level != model::UnitLevel::township) {
      error("plan_unit_unknown",
            "township " + display_code(row.code) + " is not in force in the registry" +
                (unit ? " at township level" : "") + " (seed or import it first)",
            row.where);
      continue;
    }
    if (auto f = facts.find(row.code); f != facts.end() && !f->second.name.empty() && f->second.name != unit->name) {
      out.findings.add(Severity::warning, "plan_name_mismatch",
                       "the unit list calls " + display_code(row.code) + " '" + f->second.name +
                           "' but the registry has '" + unit->name + "'",
                       ErrorContext{"", "", row.where, "name"});
    }
    units.emplace(row.code, std::move(*unit));
    regions[row.region].rows.push_back(&row);
  }

  for (auto& [region_id, region] : regions) {
    PlanRegionOutcome outcome;
    outcome.region = region_id;
    const std::string where = "region " + region_id;
    // One seat per region, and it is a member.
    std::set<std::string> seats;
    for (const auto* row : region.rows) seats.insert(row->seat_code);
    if (seats.size() != 1) {
      error("plan_seat_inconsistent", "rows of the region name " + std::to_string(seats.size()) + " different seats",
            where);
      continue;
    }
    const std::string seat = *seats.begin();
    const bool seat_is_member = std::any_of(region.rows.begin(), region.rows.end(),
                                            [&seat](const PlanAssignment* r) { return r->code == seat; });
    if (seat.empty() || !seat_is_member) {
      error("plan_seat_missing",
            seat.empty() ? "the region has no seat"
                         : "seat " + display_code(seat) + " is not one of the region's townships",
            where);
      continue;
    }
    std::set<std::string> parents;
    for (const auto* row : region.rows) parents.insert(units.at(row->code).parent_code);
    if (parents.size() != 1) {
      error("plan_region_spans_parents",
            "the region's townships lie in " + std::to_string(parents.size()) +
                " counties; record the transfer (划转) first, then merge within one county",
            where);
      continue;
    }

    const UnitVersion& seat_unit = units.at(seat);
    outcome.seat_code = seat;
    outcome.members.push_back(seat);
    for (const auto* row : region.rows) {
      if (row->code != seat) outcome.members.push_back(row->code);
    }
    std::sort(outcome.members.begin() + 1, outcome.members.end());

    const auto naming = names.find(region_id);
    const std::string new_name =
        naming != names.end() && !naming->second.name.empty() ? naming->second.name : seat_unit.name;
    const model::UnitType new_type =
        naming != names.end() && naming->second.type ? *naming->second.type : seat_unit.type;

    EventDraft e;
    e.effective = options.effective;
    e.document = options.document;
    e.note = options.note.empty() ? "plan region " + region_id : options.note + " (plan region " + region_id + ")";
    e.source = EventSource::plan;
    e.before = outcome.members;

    UnitDraft result;
    result.name = new_name;
    result.type = new_type;
    result.parent_code = seat_unit.parent_code;
    result.code = new_type == seat_unit.type ? seat : std::string();  // empty: allocated in the new band
    result.seat = seat_unit.seat;
    result.seat_point = seat_unit.seat_point;
    // The merged unit's figures are the sums of its members' (from the unit list, else the registry).
    std::optional<double> population = 0.0, area = 0.0;
    for (const auto& code : outcome.members) {
      const auto f = facts.find(code);
      const auto pop = f != facts.end() && f->second.population ? f->second.population : units.at(code).population;
      const auto km2 = f != facts.end() && f->second.area_km2 ? f->second.area_km2 : units.at(code).area_km2;
      population = population && pop ? std::optional(*population + *pop) : std::nullopt;
      area = area && km2 ? std::optional(*area + *km2) : std::nullopt;
    }
    result.population = population;
    result.area_km2 = area;

    if (outcome.members.size() >= 2) {
      e.type = EventType::merged;
      outcome.action = "merged";
    } else if (new_type != seat_unit.type) {
      e.type = EventType::upgraded;
      outcome.action = "upgraded";
    } else if (new_name != seat_unit.name) {
      e.type = EventType::renamed;
      outcome.action = "renamed";
    } else {
      outcome.action = "unchanged";
      out.regions.push_back(std::move(outcome));
      continue;
    }
    e.after.push_back(std::move(result));
    outcome.event_index = out.events.size();
    out.events.push_back(std::move(e));
    out.regions.push_back(std::move(outcome));
  }
  return out;
}

}  // namespace quhua::registry
