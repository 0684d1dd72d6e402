// Plain data of the division registry (区划代码库): dates, unit versions with validity intervals,
// change events (撤销、设立、更名、合并、拆分、划转、撤乡设镇/撤镇设街道、驻地迁移、代码变更) and official
// snapshots (统计用区划代码 editions). Standard library and model/ only: the store (storage/), the
// pure algorithms beside this file and the service all speak these types.
#pragma once

#include "quhua/model/division_code.hpp"
#include "quhua/model/geometry.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quhua::registry {

/// A calendar day, ISO 8601 "YYYY-MM-DD". Ordered as text (which is chronological for this form).
class Date {
 public:
  Date() = default;
  /// Throws InputError(input_value) naming the text when it is not a real day (2021-02-29 is refused).
  static Date parse(std::string_view text);
  static std::optional<Date> try_parse(std::string_view text);

  const std::string& text() const noexcept { return m_text; }
  bool empty() const noexcept { return m_text.empty(); }
  friend auto operator<=>(const Date&, const Date&) = default;
  friend bool operator==(const Date&, const Date&) = default;

 private:
  std::string m_text;
};

/// Validity interval of a unit version is half-open: [valid_from, valid_to). A unit is in force on
/// day D when valid_from <= D and (no valid_to or D < valid_to); an event effective on D is visible
/// in the state as of D.
bool in_force(const Date& valid_from, const std::optional<Date>& valid_to, const Date& day);

enum class EventType {
  abolished,     // 撤销 (no successor recorded)
  established,   // 设立 (no predecessor)
  renamed,       // 更名 (same code, new name)
  merged,        // 合并 (several units into one; a survivor may keep its code)
  split,         // 拆分 (one unit into several)
  transferred,   // 划转 (a whole unit to another county: new code in that county's range)
  upgraded,      // 撤乡设镇、撤镇设街道 (type changes upward: new code in the new type's band)
  seat_moved,    // 驻地迁移 (same code and name, new seat)
  code_changed,  // 代码变更 (new code, nothing else changes)
};
std::string_view event_type_name(EventType type);     ///< "merged"
std::string_view event_type_name_zh(EventType type);  ///< "合并"
/// From an English key or a Chinese label; nullopt when unknown.
std::optional<EventType> parse_event_type(std::string_view text);
const std::vector<EventType>& all_event_types();

/// Where an event came from.
enum class EventSource { manual, plan, nbs_inferred };
std::string_view event_source_name(EventSource source);
std::optional<EventSource> parse_event_source(std::string_view text);

/// How a share of a unit carried to a successor was obtained (weakest first, see weaker_basis).
enum class WeightBasis {
  equal,       ///< split equally: nothing better was known
  population,  ///< proportional to the successors' populations
  area,        ///< proportional to the successors' area figures
  geometry,    ///< area of overlap of the polygons
  given,       ///< stated by the user with the event
  whole,       ///< the whole unit went to one successor: no estimate needed
};
std::string_view weight_basis_name(WeightBasis basis);
std::optional<WeightBasis> parse_weight_basis(std::string_view text);
/// The less reliable of two bases (used when shares are multiplied along a chain of events).
WeightBasis weaker_basis(WeightBasis a, WeightBasis b);

/// One version of a unit: what the unit was during [valid_from, valid_to). A rename closes one
/// version and opens the next; the events between versions say what happened.
struct UnitVersion {
  std::int64_t id = 0;
  std::string code;  ///< 12 digits
  std::string name;
  model::UnitLevel level = model::UnitLevel::unknown;
  model::UnitType type = model::UnitType::other;
  std::string parent_code;  ///< 12 digits; empty for a province
  Date valid_from;
  std::optional<Date> valid_to;
  std::optional<double> population;  ///< persons
  std::optional<double> area_km2;
  std::string seat;  ///< 驻地, as text ("驻XX村")
  std::optional<model::Point> seat_point;
  model::MultiPolygon geometry;            ///< projected metric CRS; empty when unknown
  std::optional<std::int64_t> created_by;  ///< event that opened this version; none for a seeded one
  std::optional<std::int64_t> ended_by;    ///< event that closed it
};

/// A new unit version written by an event.
struct UnitDraft {
  std::string code;  ///< 12 digits; empty: allocate by the code rules (see code_rules.hpp)
  std::string name;
  model::UnitType type = model::UnitType::other;
  std::string parent_code;  ///< 12 digits; empty: the parent of the first predecessor
  std::optional<double> population;
  std::optional<double> area_km2;
  std::string seat;
  std::optional<model::Point> seat_point;
  model::MultiPolygon geometry;
};

/// What part of predecessor `before_index` went to successor `after_index`.
struct LinkDraft {
  std::size_t before_index = 0;
  std::size_t after_index = 0;
  double population_share = 1.0;
  WeightBasis population_basis = WeightBasis::whole;
  double area_share = 1.0;
  WeightBasis area_basis = WeightBasis::whole;
};

/// An explicit share stated with an event (e.g. a partial transfer): overrides the estimate.
struct GivenShare {
  std::size_t before_index = 0;
  std::size_t after_index = 0;
  std::optional<double> population_share;
  std::optional<double> area_share;
};

/// A change to record. `before` names units in force on `effective` by code; `after` are the new
/// versions. The service completes codes and links, validates, and hands it to the store.
struct EventDraft {
  EventType type = EventType::renamed;
  Date effective;
  std::string document;  ///< 批文号, e.g. 川府民〔2019〕12号
  std::string note;
  std::vector<std::string> before;  ///< 12-digit codes
  std::vector<UnitDraft> after;
  std::vector<GivenShare> given_shares;
  std::vector<LinkDraft> links;  ///< filled by compute_links (event_links.hpp)
  EventSource source = EventSource::manual;
  std::optional<double> confidence;  ///< for inferred events
};

struct EventLink {
  std::int64_t from_unit = 0;
  std::int64_t to_unit = 0;
  double population_share = 1.0;
  WeightBasis population_basis = WeightBasis::whole;
  double area_share = 1.0;
  WeightBasis area_basis = WeightBasis::whole;
};

/// A recorded event.
struct Event {
  std::int64_t id = 0;
  EventType type = EventType::renamed;
  Date effective;
  std::string document;
  std::string note;
  EventSource source = EventSource::manual;
  std::optional<double> confidence;
  std::string recorded_at;  ///< UTC timestamp
  std::string recorded_by;
  std::vector<std::int64_t> before_units;
  std::vector<std::int64_t> after_units;
  std::vector<EventLink> links;
};

/// A code's life: first in force, retired (never to be used again) or still in use.
struct CodeStatus {
  std::string code;
  Date first_valid_from;
  std::optional<Date> retired_on;
  std::optional<std::int64_t> retired_by;
};

/// One row of an official code table edition.
struct SnapshotUnit {
  std::string code;  ///< 12 digits
  std::string name;
  model::UnitLevel level = model::UnitLevel::unknown;
  std::string parent_code;  ///< 12 digits; empty for a province
  std::optional<double> population;
  std::optional<double> area_km2;
  model::MultiPolygon geometry;  ///< projected metric CRS; empty when the edition has none
};

/// A named edition of the official table (e.g. "2019": NBS 2019, cut-off 2019-10-31).
struct Snapshot {
  std::string name;
  Date as_of;
  std::string source;  ///< folder or description
  std::vector<SnapshotUnit> units;
};

struct SnapshotInfo {
  std::string name;
  Date as_of;
  std::string source;
  std::int64_t unit_count = 0;
  std::string imported_at;
};

/// One line of the append-only audit log (who, when, what).
struct AuditEntry {
  std::int64_t id = 0;
  std::string at;  ///< UTC timestamp, set by the store
  std::string actor;
  std::string action;   ///< "record_events", "import_snapshot", "seed", "init"
  std::string subject;  ///< what was written: codes, snapshot name
  std::string detail;   ///< JSON text
};

/// Who writes and why; every write of the store appends one AuditEntry from this.
struct WriteContext {
  std::string actor;    ///< user name (--user, $QUHUA_USER, $USER)
  std::string command;  ///< the command line or job that wrote
};

/// A code as users write it: the significant digits ("510104001" for "510104001000"); malformed
/// text is returned as given.
std::string display_code(std::string_view code12);

/// The version a draft becomes when opened on `valid_from` (id and events not yet known).
UnitVersion version_of(const UnitDraft& draft, const Date& valid_from);

/// The NBS cut-off date of a known edition year ("2019" -> 2019-10-31), nullopt for unknown names.
std::optional<Date> nbs_edition_date(std::string_view edition);

}  // namespace quhua::registry
