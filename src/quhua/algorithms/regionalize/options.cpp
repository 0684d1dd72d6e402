#include "quhua/algorithms/regionalize/options.hpp"

#include "quhua/util/error.hpp"

#include <cmath>
#include <set>
#include <sstream>

namespace quhua::algorithms::regionalize {

namespace {

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

void require(bool condition, const std::string& message) {
  if (!condition) throw UsageError(message);
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::size_t PlanRules::target_for(std::size_t unit_count) const {
  if (target_regions > 0) return target_regions;
  if (reduce_share > 0) {
    const auto target = static_cast<std::size_t>(std::floor(static_cast<double>(unit_count) * (1.0 - reduce_share)));
    return std::max<std::size_t>(target, 1);
  }
  return 0;
}

void PlanRules::validate() const {
  require(std::isfinite(min_population) && min_population >= 0,
          "--min-pop must be a number >= 0 (got " + number_text(min_population) + ")");
  require(!std::isnan(max_population) && max_population > 0,
          "--max-pop must be a number > 0 (got " + number_text(max_population) + ")");
  require(max_population >= min_population, "--max-pop (" + number_text(max_population) +
                                                ") is below --min-pop (" + number_text(min_population) + ")");
  require(std::isfinite(min_area_km2) && min_area_km2 >= 0,
          "--min-area-km2 must be a number >= 0 (got " + number_text(min_area_km2) + ")");
  require(!std::isnan(max_area_km2) && max_area_km2 > 0,
          "--max-area-km2 must be a number > 0 (got " + number_text(max_area_km2) + ")");
  require(max_area_km2 >= min_area_km2, "--max-area-km2 (" + number_text(max_area_km2) +
                                            ") is below --min-area-km2 (" + number_text(min_area_km2) + ")");
  require(!std::isnan(max_seat_distance_m) && max_seat_distance_m > 0,
          "--max-seat-km must be a number > 0 (got " + number_text(max_seat_distance_m / 1000.0) + ")");
  require(!std::isnan(max_seat_minutes) && max_seat_minutes > 0,
          "--max-seat-min must be a number > 0 (got " + number_text(max_seat_minutes) + ")");
  require(!(target_regions > 0 && reduce_share > 0), "--regions and --reduce cannot be given together");
  require(std::isfinite(reduce_share) && reduce_share >= 0 && reduce_share < 1,
          "--reduce must be a share in (0, 1), e.g. 0.3 for 30% fewer units (got " + number_text(reduce_share) + ")");
  require(!allow_transfer || within_parent, "--allow-transfer only makes sense with --within-parent");
}

std::string_view objective_name(ObjectiveKind kind) {
  switch (kind) {
    case ObjectiveKind::access: return "access";
    case ObjectiveKind::compact: return "compact";
    case ObjectiveKind::heterogeneity: return "heterogeneity";
  }
  return "access";
}

std::string_view seat_rule_name(SeatRule rule) { return rule == SeatRule::central ? "central" : "largest"; }

SeatRule parse_seat_rule(const std::string& text) {
  const std::string name = trim(text);
  if (name == "largest") return SeatRule::largest;
  if (name == "central") return SeatRule::central;
  throw UsageError("--seat-rule must be largest or central (got '" + text + "')");
}

void ObjectiveOptions::validate() const {
  require(std::isfinite(seat_town_weight) && seat_town_weight >= 1,
          "--seat-town-weight must be a number >= 1 (got " + number_text(seat_town_weight) + ")");
  if (kind == ObjectiveKind::heterogeneity) {
    require(!fields.empty(), "--objective heterogeneity needs attribute fields, e.g. heterogeneity:x_km,y_km");
    for (const auto& field : fields) require(!field.empty(), "--objective heterogeneity: empty field name");
  } else {
    require(fields.empty(), "--objective " + std::string(objective_name(kind)) + " takes no fields");
  }
}

ObjectiveOptions parse_objective(const std::string& text) {
  ObjectiveOptions options;
  const auto colon = text.find(':');
  const std::string name = trim(text.substr(0, colon));
  if (name == "access") {
    options.kind = ObjectiveKind::access;
  } else if (name == "compact") {
    options.kind = ObjectiveKind::compact;
  } else if (name == "heterogeneity") {
    options.kind = ObjectiveKind::heterogeneity;
  } else {
    throw UsageError("--objective must be access, compact or heterogeneity:FIELD[,FIELD...] (got '" + text + "')");
  }
  if (colon != std::string::npos) {
    std::stringstream fields(text.substr(colon + 1));
    std::string field;
    while (std::getline(fields, field, ',')) options.fields.push_back(trim(field));
  }
  options.validate();
  return options;
}

void SearchOptions::validate() const {
  require(threads <= 1024, "--threads must be between 0 (all) and 1024");
  require(constructions <= 100000, "--constructions must be at most 100000");
  require(starts <= 10000, "--starts must be at most 10000");
  require(moves_per_unit <= 100000, "--moves-per-unit must be at most 100000");
}

std::size_t apply_unit_lists(PlanningProblem& problem, const UnitLists& lists) {
  const auto index = problem.code_index();
  const auto find = [&index](const std::string& code, const char* option) {
    const auto it = index.find(code);
    if (it == index.end()) throw UsageError(std::string(option) + ": unit code '" + code + "' is not in the input");
    return it->second;
  };
  for (const auto& code : lists.lock_codes) problem.locked[find(code, "--lock")] = 1;

  std::size_t type_matches = 0;
  for (const auto& label : lists.lock_types) {
    bool matched = false;
    for (std::size_t u = 0; u < problem.size(); ++u) {
      if (model::type_matches(label, problem.types[u], problem.type_labels[u])) {
        if (!problem.locked[u]) ++type_matches;
        problem.locked[u] = 1;
        matched = true;
      }
    }
    if (!matched) {
      // A type that matches nothing locks nothing: most likely a typo, never a silent no-op.
      std::set<std::string> present;
      for (const auto type : problem.types) present.insert(std::string(model::type_name_zh(type)));
      std::string types;
      for (const auto& type : present) types += (types.empty() ? "" : "、") + type;
      throw UsageError("--lock-type " + label + "：没有这种类型的单位（数据中的类型：" + types +
                       "） / no unit has this type (types present: " + types + ")");
    }
  }

  for (const auto& [a, b] : lists.forbidden_pairs) {
    const UnitIndex ua = find(a, "--forbid");
    const UnitIndex ub = find(b, "--forbid");
    require(ua != ub, "--forbid: pair " + a + ":" + b + " names one unit twice");
    problem.forbidden_pairs.emplace_back(ua, ub);
  }
  for (const auto& group : lists.must_merge) {
    require(group.size() >= 2, "--must-merge: a group needs at least two units (got '" +
                                   (group.empty() ? std::string() : group.front()) + "')");
    std::vector<UnitIndex> members;
    for (const auto& code : group) members.push_back(find(code, "--must-merge"));
    problem.must_merge_groups.push_back(std::move(members));
  }
  return type_matches;
}

}  // namespace quhua::algorithms::regionalize
