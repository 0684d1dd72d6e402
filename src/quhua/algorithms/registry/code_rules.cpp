#include "quhua/algorithms/registry/code_rules.hpp"

#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace quhua::registry {
namespace {

using model::UnitType;

int township_digits(const std::string& code12) {
  return (code12[6] - '0') * 100 + (code12[7] - '0') * 10 + (code12[8] - '0');
}

// The registry as it will be after the events validated so far in this batch.
class Overlay {
 public:
  explicit Overlay(const RegistryView& view) : m_view(view) {}

  std::optional<UnitVersion> in_force(const std::string& code) const {
    if (auto it = m_opened.find(code); it != m_opened.end()) return it->second;
    if (m_closed.count(code)) return std::nullopt;
    return m_view.in_force(code);
  }
  bool retired(const std::string& code) const {
    if (m_retired.count(code)) return true;
    const auto status = m_view.code(code);
    return status && status->retired_on.has_value();
  }
  std::optional<Date> retired_on(const std::string& code) const {
    if (auto it = m_retired.find(code); it != m_retired.end()) return it->second;
    const auto status = m_view.code(code);
    return status ? status->retired_on : std::nullopt;
  }
  bool known(const std::string& code) const { return m_opened.count(code) || m_view.code(code).has_value(); }
  std::vector<UnitVersion> children(const std::string& parent) const {
    std::vector<UnitVersion> out;
    for (auto& u : m_view.children(parent)) {
      if (!m_closed.count(u.code) && !m_opened.count(u.code)) out.push_back(std::move(u));
    }
    for (const auto& [code, u] : m_opened) {
      if (u.parent_code == parent) out.push_back(u);
    }
    return out;
  }

  void apply(const EventDraft& e) {
    std::set<std::string> carried;
    for (const auto& a : e.after) carried.insert(a.code);
    for (const auto& code : e.before) {
      m_closed.insert(code);
      m_opened.erase(code);
      if (!carried.count(code)) m_retired.emplace(code, e.effective);
      if (!carried.count(code)) m_closed_for_good.insert(code);
    }
    for (const auto& a : e.after) {
      m_opened[a.code] = version_of(a, e.effective);
      m_closed_for_good.erase(a.code);
    }
  }
  const std::set<std::string>& closed_for_good() const { return m_closed_for_good; }

 private:
  const RegistryView& m_view;
  std::map<std::string, UnitVersion> m_opened;
  std::set<std::string> m_closed;
  std::map<std::string, Date> m_retired;
  std::set<std::string> m_closed_for_good;
};

class Validator {
 public:
  Validator(const RegistryView& view, Findings& out) : m_overlay(view), m_out(out) {}

  /// Call before check() with each event: closes the previous day when the date changes.
  void next_day_if(const Date& day) {
    if (!m_day.empty() && day != m_day) check_names();
    m_day = day;
  }

  void check(const EventDraft& e, std::size_t index) {
    m_index = index;
    m_where = ErrorContext{
        "", "", "event " + std::to_string(index + 1) + " (" + std::string(event_type_name(e.type)) + ")", ""};
    if (e.effective.empty()) error("effective_missing", "the event has no effective date");
    if (e.source != EventSource::nbs_inferred && util::trim(e.document).empty()) {
      error("document_missing", "the approving document (批文号) is missing");
    }
    check_shape(e);
    std::vector<UnitVersion> before;
    for (const auto& code : e.before) {
      auto unit = m_overlay.in_force(code);
      if (!unit) {
        error("before_not_in_force", "unit " + display_code(code) + " is not in force" +
                                         (m_overlay.retired(code) ? " (its code is retired)" : ""));
        continue;
      }
      if (!e.effective.empty() && !(unit->valid_from < e.effective)) {
        error("effective_not_after_start", "unit " + display_code(code) + " (" + unit->name + ") is in force from " +
                                               unit->valid_from.text() + "; the event must take effect after that");
      }
      before.push_back(*unit);
    }
    for (std::size_t i = 0; i < e.after.size(); ++i) check_after(e, i);
    if (before.size() == e.before.size()) check_type_rules(e, before);
    check_shares(e);
    for (const auto& code : e.before) m_closed_by[code] = index;
    m_overlay.apply(e);
  }

  // The end-of-batch checks; returns the indices of the events they blame.
  std::vector<std::size_t> finish() {
    check_names();
    m_where = ErrorContext{};
    std::vector<std::size_t> blamed = m_blamed;
    for (const auto& code : m_overlay.closed_for_good()) {
      const auto orphans = m_overlay.children(code);
      if (orphans.empty()) continue;
      if (auto it = m_closed_by.find(code); it != m_closed_by.end()) blamed.push_back(it->second);
      error("orphaned_children", "unit " + display_code(code) + " ends but " + std::to_string(orphans.size()) +
                                     " unit(s) in force still belong to it (e.g. " +
                                     display_code(orphans.front().code) + " " + orphans.front().name +
                                     "); move them in the same batch");
    }
    return blamed;
  }

 private:
  void error(std::string kind, std::string message) {
    m_out.add(Severity::error, std::move(kind), std::move(message), m_where);
  }
  void warning(std::string kind, std::string message) {
    m_out.add(Severity::warning, std::move(kind), std::move(message), m_where);
  }

  void check_shape(const EventDraft& e) {
    const std::size_t b = e.before.size(), a = e.after.size();
    auto want = [&](bool ok, const std::string& rule) {
      if (!ok) {
        error("event_shape", std::string(event_type_name(e.type)) + " needs " + rule + " (got " + std::to_string(b) +
                                 " before, " + std::to_string(a) + " after)");
      }
    };
    switch (e.type) {
      case EventType::abolished:
        want(b >= 1 && a == 0, "one or more units before and none after");
        break;
      case EventType::established:
        want(b == 0 && a >= 1, "no unit before and one or more after");
        break;
      case EventType::merged:
        want(b >= 2 && a == 1, "two or more units before and one after");
        break;
      case EventType::split:
        want(b == 1 && a >= 2, "one unit before and two or more after");
        break;
      case EventType::renamed:
      case EventType::transferred:
      case EventType::upgraded:
      case EventType::seat_moved:
      case EventType::code_changed:
        want(b == 1 && a == 1, "exactly one unit before and one after");
        break;
    }
  }

  void check_after(const EventDraft& e, std::size_t i) {
    const UnitDraft& u = e.after[i];
    const std::string label = "new unit " + (u.name.empty() ? std::to_string(i + 1) : u.name);
    if (util::trim(u.name).empty()) error("name_empty", "new unit " + std::to_string(i + 1) + " has no name");
    if (const auto control = util::first_control_character(u.name); !control.empty()) {
      error("name_control_character", "new unit " + std::to_string(i + 1) + ": the name holds a control character (" +
                                          control + "); a division name is one line of text");
    }
    const auto level = model::level_of_code(u.code);
    if (level == model::UnitLevel::unknown) {
      error("code_malformed", label + ": '" + u.code + "' is not a complete division code");
      return;
    }
    const std::string expected_parent = model::parent_of_code(u.code);
    if (u.parent_code != expected_parent) {
      error("code_outside_parent", label + ": code " + display_code(u.code) +
                                       " is not inside the range of its parent " + display_code(u.parent_code));
    } else if (!u.parent_code.empty() && m_overlay.known(u.parent_code) && !m_overlay.in_force(u.parent_code)) {
      error("parent_not_in_force", label + ": parent " + display_code(u.parent_code) + " is not in force");
    }
    if (u.type != UnitType::other && model::level_of_type(u.type) != level) {
      error("type_level_mismatch", label + ": a " + std::string(model::type_name_zh(u.type)) + " cannot have the " +
                                       std::string(model::level_name_zh(level)) + " code " + display_code(u.code));
    }
    if (level == model::UnitLevel::township) {
      if (const auto band = township_band(u.type)) {
        const int digits = township_digits(u.code);
        if (digits < band->low || digits > band->high) {
          error("code_band", label + ": code " + display_code(u.code) + " is outside the band for its type (" +
                                 describe_band(u.type) + ")");
        }
      }
      const auto by_name = model::type_from_name(u.name);
      if (by_name && u.type != UnitType::other && township_type_rank(*by_name) != township_type_rank(u.type)) {
        warning("name_suffix_type", label + ": the name reads as a " + std::string(model::type_name_zh(*by_name)) +
                                        " but the type is " + std::string(model::type_name_zh(u.type)));
      }
    }
    const bool carried = std::find(e.before.begin(), e.before.end(), u.code) != e.before.end();
    if (m_overlay.retired(u.code)) {
      const auto on = m_overlay.retired_on(u.code);
      error("code_retired", label + ": code " + display_code(u.code) + " was retired" +
                                (on ? " on " + on->text() : "") + " and is never used again");
    } else if (!carried && m_overlay.in_force(u.code)) {
      error("code_in_use", label + ": code " + display_code(u.code) + " belongs to " +
                               m_overlay.in_force(u.code)->name + ", which is in force");
    }
    // Names must be unique under the parent once every event of the same day is done (two units may
    // swap names on one day); checked when the day is over, see check_names.
    if (!util::trim(u.name).empty()) m_pending_names.push_back({m_index, u.code, u.name, u.parent_code, m_where});
  }

  // Each unit opened on the day just finished must be alone with its name under its parent.
  void check_names() {
    const ErrorContext saved = m_where;
    for (const auto& p : m_pending_names) {
      const auto unit = m_overlay.in_force(p.code);
      if (!unit || unit->name != p.name) continue;  // ended or renamed again later the same day
      for (const auto& sibling : m_overlay.children(p.parent)) {
        if (sibling.code == p.code || sibling.name != p.name) continue;
        m_where = p.where;
        error("name_not_unique", "new unit " + p.name + ": " + display_code(sibling.code) +
                                     " under the same parent is also called " + p.name);
        m_blamed.push_back(p.event);
      }
    }
    m_pending_names.clear();
    m_where = saved;
  }

  void check_type_rules(const EventDraft& e, const std::vector<UnitVersion>& before) {
    if (before.size() != 1 || e.after.size() != 1) return;
    const UnitVersion& b = before.front();
    const UnitDraft& a = e.after.front();
    switch (e.type) {
      case EventType::renamed:
        if (a.code != b.code) error("rename_changes_code", "a rename keeps the code; use code_changed or upgraded");
        if (a.name == b.name) error("rename_same_name", "the new name equals the old one (" + b.name + ")");
        break;
      case EventType::upgraded:
        if (township_type_rank(a.type) <= township_type_rank(b.type)) {
          error("upgrade_not_upward", std::string("an upgrade goes 乡 -> 镇 -> 街道; ") +
                                          std::string(model::type_name_zh(b.type)) + " -> " +
                                          std::string(model::type_name_zh(a.type)) + " is not one");
        }
        if (a.code == b.code) error("upgrade_keeps_code", "an upgrade takes a code in the new type's band");
        break;
      case EventType::transferred:
        if (a.parent_code == b.parent_code) {
          error("transfer_same_parent",
                "a transfer (划转) moves the unit to another parent; it stays under " + display_code(b.parent_code));
        }
        break;
      case EventType::seat_moved:
        if (a.code != b.code || a.name != b.name) {
          error("seat_move_changes_unit", "a seat move keeps code and name; record a rename or re-code apart");
        }
        if (a.seat == b.seat && a.seat_point == b.seat_point) error("seat_unchanged", "the seat is the same as before");
        break;
      case EventType::code_changed:
        if (a.code == b.code) error("code_unchanged", "the new code equals the old one");
        break;
      default:
        break;
    }
  }

  void check_shares(const EventDraft& e) {
    std::map<std::size_t, std::pair<double, double>> sums;
    for (const auto& s : e.given_shares) {
      if (s.before_index >= e.before.size() || s.after_index >= e.after.size()) {
        error("shares_invalid", "a share names a unit the event does not have");
        continue;
      }
      for (const auto& v : {s.population_share, s.area_share}) {
        if (v && (*v < 0 || *v > 1 || !std::isfinite(*v))) error("shares_invalid", "a share must lie in [0, 1]");
      }
      sums[s.before_index].first += s.population_share.value_or(0);
      sums[s.before_index].second += s.area_share.value_or(0);
    }
    for (const auto& [index, sum] : sums) {
      for (double v : {sum.first, sum.second}) {
        if (v != 0 && std::abs(v - 1.0) > 1e-6) {
          error("shares_invalid",
                "the shares given for " + display_code(e.before[index]) + " sum to " + util::fixed(v, 4) + ", not 1");
        }
      }
    }
  }

  Overlay m_overlay;
  Findings& m_out;
  ErrorContext m_where;
  std::map<std::string, std::size_t> m_closed_by;  // code -> the event of the batch that closed it
  struct PendingName {
    std::size_t event;
    std::string code, name, parent;
    ErrorContext where;
  };
  std::vector<PendingName> m_pending_names;
  std::vector<std::size_t> m_blamed;  // events refused by the end-of-day checks
  Date m_day;
  std::size_t m_index = 0;
};

}  // namespace

std::optional<CodeBand> township_band(UnitType type) {
  switch (type) {
    case UnitType::subdistrict:
      return CodeBand{1, 99};
    case UnitType::town:
      return CodeBand{100, 199};
    case UnitType::township:
    case UnitType::ethnic_township:
    case UnitType::sumu:
    case UnitType::ethnic_sumu:
      return CodeBand{200, 399};
    case UnitType::township_zone:
      return CodeBand{400, 999};
    default:
      return std::nullopt;
  }
}

std::string describe_band(UnitType type) {
  const auto band = township_band(type);
  if (!band) return "no township band";
  auto three = [](int n) {
    std::string s = std::to_string(n);
    return std::string(3 - s.size(), '0') + s;
  };
  return three(band->low) + "-" + three(band->high) + " " + std::string(model::type_name_zh(type));
}

int township_type_rank(UnitType type) {
  switch (type) {
    case UnitType::township:
    case UnitType::ethnic_township:
    case UnitType::sumu:
    case UnitType::ethnic_sumu:
      return 1;
    case UnitType::town:
      return 2;
    case UnitType::subdistrict:
      return 3;
    default:
      return 0;
  }
}

model::UnitType unit_type_of(const std::string& code12, std::string_view name) {
  switch (model::level_of_code(code12)) {
    case model::UnitLevel::province:
      return UnitType::province;
    case model::UnitLevel::prefecture:
      return UnitType::prefecture;
    case model::UnitLevel::county: {
      const auto by_name = model::type_from_name(name);
      return by_name && model::level_of_type(*by_name) == model::UnitLevel::county ? *by_name : UnitType::county;
    }
    case model::UnitLevel::township: {
      const auto by_code = model::township_type_from_code(code12).value_or(UnitType::other);
      const auto by_name = model::type_from_name(name);
      if (by_code == UnitType::township && by_name && township_type_rank(*by_name) == township_type_rank(by_code)) {
        return *by_name;
      }
      return by_code;
    }
    default:
      return UnitType::other;
  }
}

UnitDraft draft_of(const SnapshotUnit& unit) {
  UnitDraft d;
  d.code = unit.code;
  d.name = unit.name;
  d.type = unit_type_of(unit.code, unit.name);
  d.parent_code = unit.parent_code;
  d.population = unit.population;
  d.area_km2 = unit.area_km2;
  d.geometry = unit.geometry;
  return d;
}

std::optional<std::string> allocate_township_code(const std::string& county_code, UnitType type,
                                                  const std::set<std::string>& used,
                                                  const std::set<std::string>& taken) {
  const auto band = township_band(type);
  // The parent is a county, or a prefecture-level city without counties (东莞 4419: its townships
  // are 441900xxx).
  const auto parent_level = model::level_of_code(county_code);
  if (!band || (parent_level != model::UnitLevel::county && parent_level != model::UnitLevel::prefecture)) {
    return std::nullopt;
  }
  const std::string prefix = county_code.substr(0, 6);
  for (int n = band->low; n <= band->high; ++n) {
    std::string digits = std::to_string(n);
    std::string code = prefix + std::string(3 - digits.size(), '0') + digits + "000";
    if (!used.count(code) && !taken.count(code)) return code;
  }
  return std::nullopt;
}

Findings validate_events(const std::vector<EventDraft>& events, const RegistryView& view,
                         std::vector<std::size_t>* refused) {
  Findings out;
  Validator validator(view, out);
  for (std::size_t i = 0; i < events.size(); ++i) {
    validator.next_day_if(events[i].effective);
    const std::size_t errors_before = out.count(Severity::error);
    validator.check(events[i], i);
    if (refused && out.count(Severity::error) > errors_before) refused->push_back(i);
  }
  const auto blamed = validator.finish();
  if (refused) {
    refused->insert(refused->end(), blamed.begin(), blamed.end());
    std::sort(refused->begin(), refused->end());
    refused->erase(std::unique(refused->begin(), refused->end()), refused->end());
  }
  return out;
}

}  // namespace quhua::registry
