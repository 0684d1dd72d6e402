#include "quhua/algorithms/keytowns/assessment.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace quhua::keytowns {

namespace {

struct StatusNames {
  TownStatus key;
  std::string_view en, zh;
};
constexpr std::array<StatusNames, 4> k_status{{
    {TownStatus::on_track, "on_track", "达标"},
    {TownStatus::warning, "warning", "预警"},
    {TownStatus::rectification, "rectification", "限期整改"},
    {TownStatus::disqualified, "disqualified", "取消资格"},
}};

struct EventNames {
  AssessmentEvent key;
  std::string_view en, zh;
};
constexpr std::array<EventNames, 9> k_events{{
    {AssessmentEvent::not_assessed, "not_assessed", "本年无考核目标"},
    {AssessmentEvent::stayed_on_track, "stayed_on_track", "保持达标"},
    {AssessmentEvent::warned, "warned", "预警"},
    {AssessmentEvent::recovered, "recovered", "预警解除"},
    {AssessmentEvent::rectification_ordered, "rectification_ordered", "责令限期整改"},
    {AssessmentEvent::rectifying, "rectifying", "整改期内未达标"},
    {AssessmentEvent::restored, "restored", "整改合格恢复"},
    {AssessmentEvent::disqualified, "disqualified", "整改逾期取消资格"},
    {AssessmentEvent::remained_disqualified, "remained_disqualified", "已取消资格"},
}};

/// Name of `key` in a {key, en, zh} table, or `fallback`.
template <typename Table, typename Key>
std::string_view name_in(const Table& table, Key key, bool chinese, std::string_view fallback) {
  for (const auto& row : table) {
    if (row.key == key) return chinese ? row.zh : row.en;
  }
  return fallback;
}

/// Key whose English (or Chinese, when `chinese_too`) name is `text`.
template <typename Table>
auto key_named(const Table& table, std::string_view text, bool chinese_too) -> std::optional<decltype(table[0].key)> {
  for (const auto& row : table) {
    if (text == row.en || (chinese_too && text == row.zh)) return row.key;
  }
  return std::nullopt;
}

}  // namespace

std::string_view status_name(TownStatus status) { return name_in(k_status, status, false, "unknown"); }
std::string_view status_name_zh(TownStatus status) { return name_in(k_status, status, true, "未知"); }
std::optional<TownStatus> parse_status(std::string_view text) { return key_named(k_status, util::trim(text), true); }

std::string_view event_name(AssessmentEvent event) { return name_in(k_events, event, false, "unknown"); }
std::string_view event_name_zh(AssessmentEvent event) { return name_in(k_events, event, true, "未知"); }
std::optional<AssessmentEvent> parse_event(std::string_view text) { return key_named(k_events, text, false); }

std::string_view comparison_symbol(Comparison comparison) { return comparison == Comparison::at_least ? ">=" : "<="; }

std::optional<Comparison> parse_comparison(std::string_view text) {
  const std::string t = util::to_lower_ascii(util::trim(text));
  if (t.empty() || t == ">=" || t == "≥" || t == "at_least" || t == "min" || t == "不低于") return Comparison::at_least;
  if (t == "<=" || t == "≤" || t == "at_most" || t == "max" || t == "不高于") return Comparison::at_most;
  return std::nullopt;
}

void AssessmentRules::validate() const {
  if (!(warning_floor >= 0 && warning_floor <= 1)) throw UsageError("rule warning_floor must lie in [0, 1]");
  if (warning_years < 1) throw UsageError("rule warning_years must be >= 1");
  if (rectification_years < 1) throw UsageError("rule rectification_years must be >= 1");
}

std::vector<TargetCheck> check_targets(const std::string& code, int year, const std::vector<Target>& targets,
                                       const std::vector<Actual>& actuals, const AssessmentRules& rules) {
  std::vector<TargetCheck> out;
  for (const auto& target : targets) {
    TargetCheck check;
    check.indicator = target.indicator;
    check.target = target.value;
    check.comparison = target.comparison;
    for (const auto& actual : actuals) {
      if (actual.indicator == target.indicator) check.actual = actual.value;
    }
    if (!check.actual) {
      if (!rules.missing_actual_is_shortfall) {
        throw InputError(ErrorCode::input_missing,
                         "no actual figure for " + std::to_string(year) + " although a target (" +
                             std::string(comparison_symbol(target.comparison)) + " " + util::fixed(target.value, 2) +
                             ") is due; report it, or set the rule missing_actual to shortfall",
                         ErrorContext{"", "", code, target.indicator});
      }
      check.attainment = 0;
      check.met = false;
    } else {
      const double a = *check.actual, t = target.value;
      if (target.comparison == Comparison::at_least) {
        check.met = a >= t;
        check.attainment = t > 0 ? a / t : (check.met ? 1.0 : 0.0);
      } else {
        check.met = a <= t;
        check.attainment = a > 0 ? t / a : 1.0;
      }
    }
    out.push_back(std::move(check));
  }
  std::sort(out.begin(), out.end(),
            [](const TargetCheck& a, const TargetCheck& b) { return a.indicator < b.indicator; });
  return out;
}

AssessmentOutcome assess_town(const TownState& state, int year, std::vector<TargetCheck> checks,
                              const AssessmentRules& rules) {
  rules.validate();
  AssessmentOutcome out;
  out.code = state.code;
  out.year = year;
  out.from = state.status;
  out.to = state.status;
  out.deadline_year = state.deadline_year;
  out.warning_count = state.warning_count;
  out.checks = std::move(checks);
  bool met = true;
  for (const auto& check : out.checks) {
    out.attainment = std::min(out.attainment, check.attainment);
    met = met && check.met;
  }
  auto order_rectification = [&] {
    out.to = TownStatus::rectification;
    out.event = AssessmentEvent::rectification_ordered;
    out.deadline_year = year + rules.rectification_years;
    out.warning_count = 0;
  };
  auto back_on_track = [&](AssessmentEvent event) {
    out.to = TownStatus::on_track;
    out.event = event;
    out.deadline_year.reset();
    out.warning_count = 0;
  };

  if (state.status == TownStatus::disqualified) {
    out.event = AssessmentEvent::remained_disqualified;
    return out;
  }
  if (out.checks.empty()) {
    out.event = AssessmentEvent::not_assessed;
    return out;
  }
  switch (state.status) {
    case TownStatus::on_track:
      if (met) {
        back_on_track(AssessmentEvent::stayed_on_track);
      } else if (out.attainment >= rules.warning_floor || !rules.severe_to_rectification) {
        out.to = TownStatus::warning;
        out.event = AssessmentEvent::warned;
        out.warning_count = 1;
      } else {
        order_rectification();
      }
      break;
    case TownStatus::warning:
      if (met) {
        back_on_track(AssessmentEvent::recovered);
      } else if (state.warning_count < rules.warning_years) {
        out.event = AssessmentEvent::warned;
        out.warning_count = state.warning_count + 1;
      } else {
        order_rectification();
      }
      break;
    case TownStatus::rectification:
      if (met) {
        back_on_track(AssessmentEvent::restored);
      } else if (state.deadline_year && year < *state.deadline_year) {
        out.event = AssessmentEvent::rectifying;
      } else {
        out.to = TownStatus::disqualified;
        out.event = AssessmentEvent::disqualified;
      }
      break;
    case TownStatus::disqualified:
      break;
  }
  return out;
}

}  // namespace quhua::keytowns
