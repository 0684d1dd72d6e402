#include "rule_options.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/limits.hpp"
#include "quhua/util/strings.hpp"

#include <CLI/CLI.hpp>

namespace quhua::cli {
namespace {

std::vector<std::string> list(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& part : util::split(text, ',')) {
    const auto t = util::trim(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

}  // namespace

void RuleFlags::check_limits() const {
  util::require_limit("--min-pop", min_pop);
  util::require_limit("--max-pop", max_pop);
  util::require_limit("--min-area-km2", min_area_km2);
  util::require_limit("--max-area-km2", max_area_km2);
  util::require_limit("--max-seat-km", max_seat_km);
  util::require_limit("--max-seat-min", max_seat_min);
  if (min_pop && max_pop && *min_pop > *max_pop) {
    throw UsageError("--min-pop " + util::fixed(*min_pop, 0) + " 大于 --max-pop " + util::fixed(*max_pop, 0) +
                     " / --min-pop is larger than --max-pop");
  }
  if (min_area_km2 && max_area_km2 && *min_area_km2 > *max_area_km2) {
    throw UsageError("--min-area-km2 大于 --max-area-km2 / --min-area-km2 is larger than --max-area-km2");
  }
}

algorithms::regionalize::PlanRules RuleFlags::plan_rules() const {
  check_limits();
  algorithms::regionalize::PlanRules r;
  if (min_pop) r.min_population = *min_pop;
  if (max_pop) r.max_population = *max_pop;
  if (min_area_km2) r.min_area_km2 = *min_area_km2;
  if (max_area_km2) r.max_area_km2 = *max_area_km2;
  if (max_seat_km) r.max_seat_distance_m = *max_seat_km * 1000.0;
  if (max_seat_min) r.max_seat_minutes = *max_seat_min;
  r.within_parent = within_parent;
  r.allow_transfer = allow_transfer;
  return r;
}

metrics::PlanRules RuleFlags::rules() const {
  check_limits();
  metrics::PlanRules r;
  r.min_population = min_pop;
  r.max_population = max_pop;
  r.min_area_km2 = min_area_km2;
  r.max_area_km2 = max_area_km2;
  r.max_seat_km = max_seat_km;
  r.max_seat_minutes = max_seat_min;
  r.within_parent = within_parent || allow_transfer;
  r.allow_transfer = allow_transfer;
  r.locked_codes = list(lock);
  for (const auto& label : list(lock_type)) {
    const auto type = model::parse_type(label);
    if (!type) throw UsageError("--lock-type: unknown unit type '" + label + "' (e.g. 民族乡, 镇, 街道)");
    r.locked_types.push_back(*type);
  }
  for (const auto& pair : list(forbid)) {
    const auto parts = util::split(pair, ':');
    if (parts.size() != 2 || util::trim(parts[0]).empty() || util::trim(parts[1]).empty()) {
      throw UsageError("--forbid: '" + pair + "' is not A:B");
    }
    r.forbidden_pairs.emplace_back(std::string(util::trim(parts[0])), std::string(util::trim(parts[1])));
  }
  for (const auto& group : list(must_merge)) {
    std::vector<std::string> members;
    for (const auto& code : util::split(group, '+')) {
      if (!util::trim(code).empty()) members.emplace_back(util::trim(code));
    }
    if (members.size() < 2) throw UsageError("--must-merge: '" + group + "' needs at least two codes joined by +");
    r.must_merge.push_back(std::move(members));
  }
  return r;
}

void add_rule_options(CLI::App* command, RuleFlags& flags) {
  command->add_option("--min-pop", flags.min_pop, "minimum resident population of a new unit (人口下限)");
  command->add_option("--max-pop", flags.max_pop, "maximum resident population of a new unit");
  command->add_option("--min-area-km2", flags.min_area_km2, "minimum area of a new unit, km²");
  command->add_option("--max-area-km2", flags.max_area_km2, "maximum area of a new unit, km²");
  command->add_option("--max-seat-km", flags.max_seat_km, "service radius: farthest member to the new seat, km");
  command->add_option("--max-seat-min", flags.max_seat_min,
                      "service radius by road: farthest member to the new seat, minutes (needs --network)");
  command->add_flag("--within-parent", flags.within_parent, "never merge across a county (or township) boundary");
  command->add_flag("--allow-transfer", flags.allow_transfer,
                    "allow joining a neighbour across the boundary; listed as transfers (划转)");
  command->add_option("--lock", flags.lock, "codes of units that stay as they are, comma-separated");
  command->add_option("--lock-type", flags.lock_type, "unit types that stay as they are, e.g. 民族乡");
  command->add_option("--forbid", flags.forbid, "pairs never merged: A:B,C:D");
  command->add_option("--must-merge", flags.must_merge, "groups always merged: A+B+C,D+E");
}

std::vector<std::pair<std::string, double>> parse_weights(const std::string& text, const std::string& flag) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& item : list(text)) {
    const auto eq = item.find('=');
    const auto value = eq == std::string::npos ? std::nullopt : util::parse_double(item.substr(eq + 1));
    if (!value) throw UsageError(flag + ": '" + item + "' is not NAME=NUMBER");
    out.emplace_back(std::string(util::trim(item.substr(0, eq))), *value);
  }
  return out;
}

}  // namespace quhua::cli
