// Plan files: `code,region[,seat_code][,name]` in CSV or XLSX -- what the planner writes and what a
// planner may make by hand in Excel. Reading checks every row against the units and reports problems
// naming file, row and field.
#pragma once

#include <string>

#include "quhua/model/plan.hpp"
#include "quhua/model/unit.hpp"
#include "quhua/util/findings.hpp"

namespace quhua::io {

struct PlanReadResult {
  model::Plan plan;
  Findings findings;
};

/// Reads a plan for `units`. Columns by name (case-insensitive; Chinese headers 代码/调整后单位/驻地代码/
/// 调整后名称 accepted). Codes are normalised like the units' (NBS codes padded to 12 digits).
/// Errors (as findings; the call throws InputError once when any exist): unknown code, a unit missing
/// from the plan, a unit listed twice, a seat code that is not a unit, seats differing within a region,
/// a seat outside its region. Regions keep the order of first appearance.
PlanReadResult read_plan(const std::string& path, const model::UnitTable& units);

/// Writes `code,region,seat_code,name` (one row per unit, in unit order) atomically.
void write_plan_csv(const std::string& path, const model::UnitTable& units, const model::Plan& plan);

}  // namespace quhua::io
