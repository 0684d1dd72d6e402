#include "quhua/model/division_code.hpp"

#include <array>
#include <utility>

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::model {
namespace {

struct TypeEntry {
  UnitType type;
  std::string_view key;
  std::string_view zh;
  UnitLevel level;
};

constexpr std::array<TypeEntry, 16> k_types{{
    {UnitType::other, "other", "其他", UnitLevel::unknown},
    {UnitType::province, "province", "省级", UnitLevel::province},
    {UnitType::prefecture, "prefecture", "地级", UnitLevel::prefecture},
    {UnitType::county, "county", "县", UnitLevel::county},
    {UnitType::district, "district", "市辖区", UnitLevel::county},
    {UnitType::county_city, "county_city", "县级市", UnitLevel::county},
    {UnitType::banner, "banner", "旗", UnitLevel::county},
    {UnitType::town, "town", "镇", UnitLevel::township},
    {UnitType::township, "township", "乡", UnitLevel::township},
    {UnitType::ethnic_township, "ethnic_township", "民族乡", UnitLevel::township},
    {UnitType::sumu, "sumu", "苏木", UnitLevel::township},
    {UnitType::ethnic_sumu, "ethnic_sumu", "民族苏木", UnitLevel::township},
    {UnitType::subdistrict, "subdistrict", "街道", UnitLevel::township},
    {UnitType::township_zone, "township_zone", "乡级单位", UnitLevel::township},
    {UnitType::village, "village", "村", UnitLevel::village},
    {UnitType::community, "community", "社区", UnitLevel::village},
}};

const TypeEntry& entry(UnitType type) {
  for (const auto& e : k_types) {
    if (e.type == type) return e;
  }
  return k_types[0];
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view level_name(UnitLevel level) {
  switch (level) {
    case UnitLevel::province: return "province";
    case UnitLevel::prefecture: return "prefecture";
    case UnitLevel::county: return "county";
    case UnitLevel::township: return "township";
    case UnitLevel::village: return "village";
    case UnitLevel::unknown: break;
  }
  return "unknown";
}

std::string_view level_name_zh(UnitLevel level) {
  switch (level) {
    case UnitLevel::province: return "省级";
    case UnitLevel::prefecture: return "地级";
    case UnitLevel::county: return "县级";
    case UnitLevel::township: return "乡级";
    case UnitLevel::village: return "村级";
    case UnitLevel::unknown: break;
  }
  return "未知";
}

std::optional<UnitLevel> parse_level(std::string_view text) {
  const std::string t = util::to_lower_ascii(util::trim(text));
  for (auto level : {UnitLevel::province, UnitLevel::prefecture, UnitLevel::county, UnitLevel::township,
                     UnitLevel::village}) {
    if (t == level_name(level) || t == level_name_zh(level) || t == std::to_string(static_cast<int>(level))) {
      return level;
    }
  }
  if (t == "town" || t == "乡镇") return UnitLevel::township;
  if (t == "city" || t == "市") return UnitLevel::prefecture;
  return std::nullopt;
}

int code_digits(UnitLevel level) {
  switch (level) {
    case UnitLevel::province: return 2;
    case UnitLevel::prefecture: return 4;
    case UnitLevel::county: return 6;
    case UnitLevel::township: return 9;
    case UnitLevel::village: return 12;
    case UnitLevel::unknown: break;
  }
  return 0;
}

std::string_view type_name(UnitType type) { return entry(type).key; }
std::string_view type_name_zh(UnitType type) { return entry(type).zh; }
UnitLevel level_of_type(UnitType type) { return entry(type).level; }

std::optional<UnitType> parse_type(std::string_view label) {
  const std::string_view t = util::trim(label);
  if (t.empty()) return std::nullopt;
  const std::string lower = util::to_lower_ascii(t);
  for (const auto& e : k_types) {
    if (lower == e.key || t == e.zh) return e.type;
  }
  // Common alternative spellings.
  static constexpr std::array<std::pair<std::string_view, UnitType>, 19> k_aliases{{
      {"街道办事处", UnitType::subdistrict},
      {"街办", UnitType::subdistrict},
      {"建制镇", UnitType::town},
      {"乡镇", UnitType::town},
      {"行政村", UnitType::village},
      {"村委会", UnitType::village},
      {"居委会", UnitType::community},
      {"县级", UnitType::county},
      {"自治县", UnitType::county},
      {"区", UnitType::district},
      {"自治旗", UnitType::banner},
      {"地级市", UnitType::prefecture},
      {"自治州", UnitType::prefecture},
      {"省", UnitType::province},
      {"ethnic township", UnitType::ethnic_township},
      {"street", UnitType::subdistrict},
      {"sub-district", UnitType::subdistrict},
      {"city_district", UnitType::district},
      {"county-level city", UnitType::county_city},
  }};
  for (const auto& [alias, type] : k_aliases) {
    if (t == alias || lower == alias) return type;
  }
  return std::nullopt;
}

bool type_matches(std::string_view label, UnitType type, std::string_view type_label) {
  if (type_label == label) return true;
  const auto parsed = parse_type(label);
  return parsed && *parsed == type;
}

std::optional<UnitType> type_from_name(std::string_view name) {
  name = util::trim(name);
  // Order matters: …族乡 before 乡, …族苏木 before 苏木, 街道办事处 before 街道.
  // Ethnic townships carry their people's name: 民族乡, 彝族乡, 藏族乡, 土家族乡 ...
  if (ends_with(name, "族乡")) return UnitType::ethnic_township;
  if (ends_with(name, "族苏木")) return UnitType::ethnic_sumu;
  if (ends_with(name, "苏木")) return UnitType::sumu;
  if (ends_with(name, "街道") || ends_with(name, "街道办事处") || ends_with(name, "办事处")) {
    return UnitType::subdistrict;
  }
  if (ends_with(name, "镇")) return UnitType::town;
  if (ends_with(name, "乡")) return UnitType::township;
  if (ends_with(name, "社区") || ends_with(name, "居委会")) return UnitType::community;
  if (ends_with(name, "村") || ends_with(name, "村委会")) return UnitType::village;
  if (ends_with(name, "自治县") || ends_with(name, "县")) return UnitType::county;
  if (ends_with(name, "旗")) return UnitType::banner;
  if (ends_with(name, "区")) return UnitType::district;
  if (ends_with(name, "市")) return UnitType::county_city;
  return std::nullopt;
}

std::optional<UnitType> township_type_from_code(std::string_view code12) {
  if (code12.size() < 9 || !util::is_digits(code12.substr(0, 9))) return std::nullopt;
  const int n = (code12[6] - '0') * 100 + (code12[7] - '0') * 10 + (code12[8] - '0');
  if (n == 0) return std::nullopt;
  if (n < 100) return UnitType::subdistrict;
  if (n < 200) return UnitType::town;
  if (n < 400) return UnitType::township;
  return UnitType::township_zone;
}

bool looks_like_division_code(std::string_view text) {
  const auto n = text.size();
  return util::is_digits(text) && (n == 2 || n == 4 || n == 6 || n == 9 || n == 12);
}

std::string pad_code(std::string_view text) {
  const std::string_view t = util::trim(text);
  if (!looks_like_division_code(t)) {
    throw InputError(ErrorCode::input_value,
                     "'" + std::string(t) + "' is not a division code (expected 2, 4, 6, 9 or 12 digits)");
  }
  std::string out(t);
  out.resize(12, '0');
  return out;
}

UnitLevel level_of_code(std::string_view code12) {
  if (code12.size() != 12 || !util::is_digits(code12)) return UnitLevel::unknown;
  if (code12.substr(9, 3) != "000") return UnitLevel::village;
  if (code12.substr(6, 3) != "000") return UnitLevel::township;
  if (code12.substr(4, 2) != "00") return UnitLevel::county;
  if (code12.substr(2, 2) != "00") return UnitLevel::prefecture;
  if (code12.substr(0, 2) != "00") return UnitLevel::province;
  return UnitLevel::unknown;
}

std::string short_code(std::string_view code12, UnitLevel level) {
  const int digits = code_digits(level);
  if (digits == 0 || code12.size() < static_cast<std::size_t>(digits)) return std::string(code12);
  return std::string(code12.substr(0, static_cast<std::size_t>(digits)));
}

std::string parent_of_code(std::string_view code12) {
  const UnitLevel level = level_of_code(code12);
  if (level == UnitLevel::unknown || level == UnitLevel::province) return {};
  const auto parent_level = static_cast<UnitLevel>(static_cast<int>(level) - 1);
  std::string out = short_code(code12, parent_level);
  out.resize(12, '0');
  return out;
}

bool code_is_within(std::string_view child12, std::string_view parent12) {
  const int digits = code_digits(level_of_code(parent12));
  if (digits == 0 || child12.size() < static_cast<std::size_t>(digits)) return false;
  return child12.substr(0, static_cast<std::size_t>(digits)) == parent12.substr(0, static_cast<std::size_t>(digits));
}

}  // namespace quhua::model
