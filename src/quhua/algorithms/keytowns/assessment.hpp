// Annual assessment of key towns (重点镇动态管理): targets per town and year, the check of a year's
// actual figures against them, and the state machine that moves a town between
//   on_track (达标) → warning (预警) → rectification (限期整改, with a deadline) → disqualified (取消资格)
// and back (recovered from warning, restored after rectification). Pure: the history is kept by
// storage/keytown_store; the diagram and the rules are in docs/keytowns.md.
//
// Transitions for one town and one assessment year Y (a = attainment, the smallest ratio over the
// year's targets; "met" = every target met):
//   disqualified:              stays disqualified (terminal)                         remained_disqualified
//   no target due in Y:        state unchanged                                       not_assessed
//   on_track,      met:        on_track                                              stayed_on_track
//   on_track,      short:      a ≥ warning_floor (or severe_to_rectification off) → warning (count 1)   warned
//                              a <  warning_floor                → rectification, deadline Y + rectification_years
//                                                                                     rectification_ordered
//   warning,       met:        on_track                                              recovered
//   warning,       short:      count < warning_years → warning (count + 1)           warned
//                              otherwise → rectification, deadline Y + rectification_years  rectification_ordered
//   rectification, met:        on_track (deadline cleared)                           restored
//   rectification, short:      Y < deadline → rectification                          rectifying
//                              Y ≥ deadline → disqualified                           disqualified
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quhua::keytowns {

enum class TownStatus { on_track, warning, rectification, disqualified };
std::string_view status_name(TownStatus status);     ///< "on_track" ...
std::string_view status_name_zh(TownStatus status);  ///< "达标" ...
std::optional<TownStatus> parse_status(std::string_view text);

enum class AssessmentEvent {
  not_assessed,
  stayed_on_track,
  warned,
  recovered,
  rectification_ordered,
  rectifying,
  restored,
  disqualified,
  remained_disqualified,
};
std::string_view event_name(AssessmentEvent event);
std::string_view event_name_zh(AssessmentEvent event);
std::optional<AssessmentEvent> parse_event(std::string_view text);

/// ">=" (at least, e.g. residents) or "<=" (at most, e.g. debt ratio).
enum class Comparison { at_least, at_most };
std::string_view comparison_symbol(Comparison comparison);  ///< ">=" / "<="
std::optional<Comparison> parse_comparison(std::string_view text);

struct Target {
  std::string code;
  std::string indicator;  ///< e.g. "resident_population", "gdp_10k_yuan", "fiscal_revenue", "built_up_km2"
  int year = 0;           ///< the assessment year the target is due
  double value = 0;
  Comparison comparison = Comparison::at_least;
  std::string unit;
};

struct Actual {
  std::string code;
  std::string indicator;
  int year = 0;
  double value = 0;
};

struct TargetCheck {
  std::string indicator;
  double target = 0;
  Comparison comparison = Comparison::at_least;
  std::optional<double> actual;  ///< empty: not reported
  /// at_least: actual / target (target > 0); at_most: target / actual (actual > 0); 1 when met and the
  /// ratio is undefined; 0 when not reported.
  double attainment = 0;
  bool met = false;
};

struct AssessmentRules {
  double warning_floor = 0.9;                ///< from on_track, a shortfall with attainment ≥ this only warns
  bool severe_to_rectification = true;       ///< attainment below warning_floor goes straight to rectification
  int warning_years = 1;                     ///< consecutive short years a town may spend in warning
  int rectification_years = 1;               ///< deadline = year rectification was ordered + this
  bool missing_actual_is_shortfall = false;  ///< false: a target without a reported actual is an error

  /// Throws UsageError naming the bad rule.
  void validate() const;
};

/// Where a town stands before an assessment.
struct TownState {
  std::string code;
  TownStatus status = TownStatus::on_track;
  std::optional<int> deadline_year;  ///< set while in rectification
  int warning_count = 0;             ///< consecutive short years in warning
};

struct AssessmentOutcome {
  std::string code;
  int year = 0;
  TownStatus from = TownStatus::on_track;
  TownStatus to = TownStatus::on_track;
  AssessmentEvent event = AssessmentEvent::not_assessed;
  std::optional<int> deadline_year;  ///< after the transition
  int warning_count = 0;             ///< after the transition
  double attainment = 1;             ///< min over checks (1 when none)
  std::vector<TargetCheck> checks;
};

/// Checks one town's targets due in `year` against the actuals (both already filtered to the town and
/// year). A target whose actual is missing throws InputError naming town and indicator unless
/// rules.missing_actual_is_shortfall.
std::vector<TargetCheck> check_targets(const std::string& code, int year, const std::vector<Target>& targets,
                                       const std::vector<Actual>& actuals, const AssessmentRules& rules);

/// The transition (table in the header comment). `checks` empty means no target was due.
AssessmentOutcome assess_town(const TownState& state, int year, std::vector<TargetCheck> checks,
                              const AssessmentRules& rules);

}  // namespace quhua::keytowns
