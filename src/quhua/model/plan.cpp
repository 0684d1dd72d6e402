#include "quhua/model/plan.hpp"

namespace quhua::model {

std::vector<std::vector<UnitId>> Plan::members() const {
  std::vector<std::vector<UnitId>> out(region_ids.size());
  for (UnitId u = 0; u < region_of.size(); ++u) out[region_of[u]].push_back(u);
  return out;
}

Plan identity_plan(const UnitTable& units) {
  Plan plan;
  for (UnitId u = 0; u < units.size(); ++u) {
    plan.region_ids.push_back(units[u].code);
    plan.region_of.push_back(u);
    plan.seat_of.emplace_back(u);
    plan.region_names.push_back(units[u].name);
  }
  return plan;
}

}  // namespace quhua::model
