#include "quhua/service/missing_values.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::service {

namespace {

constexpr std::size_t k_units_named = 5;

/// "140825104000 横桥乡, 140825100000 龙兴镇, ... and 4 more".
std::string some_units(const model::UnitTable& units, const std::vector<model::UnitId>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < k_units_named; ++i) {
    const auto& unit = units[ids[i]];
    out += (out.empty() ? "" : "、") + unit.code + (unit.name.empty() ? "" : " " + unit.name);
  }
  if (ids.size() > k_units_named) out += " 等（另有 " + std::to_string(ids.size() - k_units_named) + " 个）";
  return out;
}

}  // namespace

MissingPopulation parse_missing_population(const std::string& text) {
  const auto value = util::trim(text);
  if (value == "refuse" || value == "拒绝") return MissingPopulation::refuse;
  if (value == "zero" || value == "零" || value == "0") return MissingPopulation::zero;
  throw UsageError("--missing-population: 应为 refuse 或 zero，而不是 '" + text + "' / expected refuse or zero");
}

std::vector<model::UnitId> units_without_population(const model::UnitTable& units) {
  std::vector<model::UnitId> out;
  for (model::UnitId u = 0; u < units.size(); ++u) {
    if (!units[u].resident_population && !units[u].registered_population) out.push_back(u);
  }
  return out;
}

void require_population(const model::UnitTable& units, MissingPopulation policy, const std::string& needed_by,
                        const std::string& file, Findings& findings) {
  const auto missing = units_without_population(units);
  if (missing.empty()) return;
  const std::string count = std::to_string(missing.size()) + " / " + std::to_string(units.size());
  if (policy == MissingPopulation::refuse) {
    throw InputError(ErrorCode::input_missing,
                     count + " 个单位缺少人口（" + some_units(units, missing) + "），而" + needed_by +
                         "需要每个单位的人口。请用 --fields population=字段 或 --attributes 补上人口；确要按 0 计，加 "
                         "--missing-population zero / " +
                         count + " units have no population, which " + needed_by +
                         " needs for every unit: give it (--fields population=FIELD, --attributes TABLE), or "
                         "--missing-population zero to take it as 0",
                     ErrorContext{file, "", "", "population"});
  }
  findings.add(
      Severity::warning, "population_taken_as_zero",
      count + " units without population are taken as 0 (--missing-population zero): " + some_units(units, missing),
      ErrorContext{file, "", "", "population"});
}

void fill_missing_population(model::UnitTable& units) {
  for (const auto u : units_without_population(units)) units[u].resident_population = 0.0;
}

}  // namespace quhua::service
