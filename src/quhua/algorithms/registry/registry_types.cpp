#include "quhua/algorithms/registry/registry_types.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <array>
#include <utility>

namespace quhua::registry {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : k_days[static_cast<std::size_t>(month - 1)];
}

struct EventTypeEntry {
  EventType type;
  std::string_view key;
  std::string_view zh;
};

constexpr std::array<EventTypeEntry, 9> k_event_types{{
    {EventType::abolished, "abolished", "撤销"},
    {EventType::established, "established", "设立"},
    {EventType::renamed, "renamed", "更名"},
    {EventType::merged, "merged", "合并"},
    {EventType::split, "split", "拆分"},
    {EventType::transferred, "transferred", "划转"},
    {EventType::upgraded, "upgraded", "撤乡设镇/撤镇设街道"},
    {EventType::seat_moved, "seat_moved", "驻地迁移"},
    {EventType::code_changed, "code_changed", "代码变更"},
}};

constexpr std::array<std::pair<WeightBasis, std::string_view>, 6> k_bases{{
    {WeightBasis::equal, "equal"},
    {WeightBasis::population, "population"},
    {WeightBasis::area, "area"},
    {WeightBasis::geometry, "geometry"},
    {WeightBasis::given, "given"},
    {WeightBasis::whole, "whole"},
}};

}  // namespace

std::optional<Date> Date::try_parse(std::string_view text) {
  text = util::trim(text);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!util::is_digits(y) || !util::is_digits(m) || !util::is_digits(d)) return std::nullopt;
  const int year = std::stoi(std::string(y)), month = std::stoi(std::string(m)), day = std::stoi(std::string(d));
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  Date out;
  out.m_text = std::string(text);
  return out;
}

Date Date::parse(std::string_view text) {
  if (auto date = try_parse(text)) return *date;
  throw InputError(ErrorCode::input_value,
                   "'" + std::string(util::trim(text)) + "' is not a date (expected YYYY-MM-DD, e.g. 2020-06-30)");
}

bool in_force(const Date& valid_from, const std::optional<Date>& valid_to, const Date& day) {
  return valid_from <= day && (!valid_to || day < *valid_to);
}

std::string_view event_type_name(EventType type) {
  for (const auto& e : k_event_types) {
    if (e.type == type) return e.key;
  }
  return "unknown";
}

std::string_view event_type_name_zh(EventType type) {
  for (const auto& e : k_event_types) {
    if (e.type == type) return e.zh;
  }
  return "未知";
}

std::optional<EventType> parse_event_type(std::string_view text) {
  const std::string_view t = util::trim(text);
  const std::string lower = util::to_lower_ascii(t);
  for (const auto& e : k_event_types) {
    if (lower == e.key || t == e.zh) return e.type;
  }
  if (t == "撤乡设镇" || t == "撤镇设街道" || t == "撤乡设街道") return EventType::upgraded;
  if (t == "撤并" || t == "撤销合并") return EventType::merged;
  if (t == "改名" || t == "更名") return EventType::renamed;
  return std::nullopt;
}

const std::vector<EventType>& all_event_types() {
  static const std::vector<EventType> k_all = [] {
    std::vector<EventType> out;
    for (const auto& e : k_event_types) out.push_back(e.type);
    return out;
  }();
  return k_all;
}

std::string_view event_source_name(EventSource source) {
  switch (source) {
    case EventSource::manual:
      return "manual";
    case EventSource::plan:
      return "plan";
    case EventSource::nbs_inferred:
      return "nbs_inferred";
  }
  return "manual";
}

std::optional<EventSource> parse_event_source(std::string_view text) {
  for (auto s : {EventSource::manual, EventSource::plan, EventSource::nbs_inferred}) {
    if (text == event_source_name(s)) return s;
  }
  return std::nullopt;
}

std::string_view weight_basis_name(WeightBasis basis) {
  for (const auto& [b, name] : k_bases) {
    if (b == basis) return name;
  }
  return "equal";
}

std::optional<WeightBasis> parse_weight_basis(std::string_view text) {
  for (const auto& [b, name] : k_bases) {
    if (text == name) return b;
  }
  return std::nullopt;
}

WeightBasis weaker_basis(WeightBasis a, WeightBasis b) { return static_cast<int>(a) <= static_cast<int>(b) ? a : b; }

std::string display_code(std::string_view code12) {
  const auto level = model::level_of_code(code12);
  return level == model::UnitLevel::unknown ? std::string(code12) : model::short_code(code12, level);
}

UnitVersion version_of(const UnitDraft& draft, const Date& valid_from) {
  UnitVersion v;
  v.code = draft.code;
  v.name = draft.name;
  v.level = model::level_of_code(draft.code);
  v.type = draft.type;
  v.parent_code = draft.parent_code;
  v.valid_from = valid_from;
  v.population = draft.population;
  v.area_km2 = draft.area_km2;
  v.seat = draft.seat;
  v.seat_point = draft.seat_point;
  v.geometry = draft.geometry;
  return v;
}

std::optional<Date> nbs_edition_date(std::string_view edition) {
  // Cut-off dates of the editions in ../shared/data/nbs-division-codes (SOURCES.md).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> k_editions{{
      {"2016", "2016-07-31"},
      {"2017", "2017-10-31"},
      {"2018", "2018-10-31"},
      {"2019", "2019-10-31"},
      {"2020", "2020-06-30"},
      {"2021", "2021-10-31"},
      {"2022", "2022-10-31"},
      {"2023", "2023-06-30"},
  }};
  for (const auto& [name, date] : k_editions) {
    if (edition == name) return Date::parse(date);
  }
  return std::nullopt;
}

}  // namespace quhua::registry
