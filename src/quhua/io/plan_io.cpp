#include "quhua/io/plan_io.hpp"

#include <sstream>
#include <unordered_map>

#include "quhua/io/spreadsheet_reader.hpp"
#include "quhua/model/division_code.hpp"
#include "quhua/util/atomic_file.hpp"
#include "quhua/util/csv.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::io {
namespace {

std::optional<std::size_t> find_column(const util::CsvTable& table, std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    for (auto name : names) {
      if (util::iequals_ascii(util::trim(table.header[i]), name) || util::trim(table.header[i]) == name) return i;
    }
  }
  return std::nullopt;
}

std::string normalise(const std::string& code, const model::UnitTable& units) {
  const std::string_view t = util::trim(code);
  if (units.code_scheme == model::CodeScheme::nbs && model::looks_like_division_code(t)) return model::pad_code(t);
  return std::string(t);
}

}  // namespace

PlanReadResult read_plan(const std::string& path, const model::UnitTable& units) {
  const util::CsvTable table = read_table(path);
  const auto code_col = find_column(table, {"code", "unit_code", "代码", "原代码", "原乡镇代码"});
  const auto region_col = find_column(table, {"region", "new_unit", "调整后单位", "新单位", "region_id"});
  const auto seat_col = find_column(table, {"seat_code", "seat", "驻地代码", "驻地"});
  const auto name_col = find_column(table, {"name", "new_name", "region_name", "调整后名称"});
  if (!code_col) throw InputError(ErrorCode::input_missing, "plan has no code column", {path, "", "", "code"});
  if (!region_col) throw InputError(ErrorCode::input_missing, "plan has no region column", {path, "", "", "region"});

  PlanReadResult out;
  model::Plan& plan = out.plan;
  constexpr model::RegionIndex k_unassigned = 0xFFFFFFFFu;
  plan.region_of.assign(units.size(), k_unassigned);
  std::vector<std::size_t> row_of_unit(units.size(), 0);
  std::unordered_map<std::string, model::RegionIndex> region_index;
  auto where = [&](std::size_t row, const char* field) {
    return ErrorContext{path, "", "row " + std::to_string(table.row_lines[row]), field};
  };
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const auto& cells = table.rows[row];
    const std::string code = normalise(cells[*code_col], units);
    const std::string region = std::string(util::trim(cells[*region_col]));
    if (code.empty()) {
      out.findings.add(Severity::error, "plan_missing_code", "empty code", where(row, "code"));
      continue;
    }
    if (region.empty()) {
      out.findings.add(Severity::error, "plan_missing_region", "unit " + code + " has no region", where(row, "region"));
      continue;
    }
    const auto unit = units.find(code);
    if (!unit) {
      out.findings.add(Severity::error, "plan_unknown_code", "code " + code + " is not among the units", where(row, "code"));
      continue;
    }
    if (plan.region_of[*unit] != k_unassigned) {
      out.findings.add(Severity::error, "plan_duplicate_code",
                       "unit " + code + " is listed twice (first on line " + std::to_string(row_of_unit[*unit]) + ")",
                       where(row, "code"));
      continue;
    }
    auto [it, inserted] = region_index.emplace(region, static_cast<model::RegionIndex>(plan.region_ids.size()));
    if (inserted) {
      plan.region_ids.push_back(region);
      plan.seat_of.emplace_back();
      plan.region_names.emplace_back();
    }
    const model::RegionIndex r = it->second;
    plan.region_of[*unit] = r;
    row_of_unit[*unit] = table.row_lines[row];
    if (seat_col && !util::trim(cells[*seat_col]).empty()) {
      const std::string seat_code = normalise(cells[*seat_col], units);
      const auto seat = units.find(seat_code);
      if (!seat) {
        out.findings.add(Severity::error, "plan_unknown_seat", "seat " + seat_code + " is not among the units",
                         where(row, "seat_code"));
      } else if (plan.seat_of[r] && *plan.seat_of[r] != *seat) {
        out.findings.add(Severity::error, "plan_conflicting_seat",
                         "region " + region + " has two seats: " + units[*plan.seat_of[r]].code + " and " + seat_code,
                         where(row, "seat_code"));
      } else {
        plan.seat_of[r] = *seat;
      }
    }
    if (name_col && !util::trim(cells[*name_col]).empty()) plan.region_names[r] = std::string(util::trim(cells[*name_col]));
  }
  for (model::UnitId u = 0; u < units.size(); ++u) {
    if (plan.region_of[u] == k_unassigned) {
      out.findings.add(Severity::error, "plan_missing_unit", "unit " + units[u].code + " (" + units[u].name + ") is not in the plan",
                       ErrorContext{path, "", units[u].code, "code"});
    }
  }
  for (model::RegionIndex r = 0; r < plan.seat_of.size(); ++r) {
    if (plan.seat_of[r] && plan.region_of[*plan.seat_of[r]] != r) {
      out.findings.add(Severity::error, "plan_seat_outside_region",
                       "seat " + units[*plan.seat_of[r]].code + " of region " + plan.region_ids[r] + " is not one of its members",
                       ErrorContext{path, "", plan.region_ids[r], "seat_code"});
    }
  }
  out.findings.throw_if_errors(ErrorCode::input_value);
  return out;
}

void write_plan_csv(const std::string& path, const model::UnitTable& units, const model::Plan& plan) {
  std::ostringstream out;
  util::write_csv_row(out, {"code", "region", "seat_code", "name"});
  for (model::UnitId u = 0; u < units.size(); ++u) {
    const auto r = plan.region_of[u];
    const auto seat = plan.seat_of[r];
    util::write_csv_row(out, {units[u].code, plan.region_ids[r], seat ? units[*seat].code : "",
                              r < plan.region_names.size() ? plan.region_names[r] : ""});
  }
  util::write_text_file(path, out.str());
}

}  // namespace quhua::io
