// Statistical division codes (统计用区划代码) and unit levels and types.
// A full code has 12 digits: 2 province + 2 prefecture + 2 county + 3 township + 3 village.
// Shorter official codes (2, 4, 6, 9 digits) are the same code with the trailing zeros left off.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quhua::model {

enum class UnitLevel { unknown = 0, province = 1, prefecture = 2, county = 3, township = 4, village = 5 };

std::string_view level_name(UnitLevel level);        ///< "township"
std::string_view level_name_zh(UnitLevel level);     ///< "乡级"
std::optional<UnitLevel> parse_level(std::string_view text);  ///< "township", "乡级", "4"

/// Number of significant digits for a level: 2, 4, 6, 9, 12 (0 for unknown).
int code_digits(UnitLevel level);

/// Kind of unit. Township-level kinds are what the reform is about (撤乡设镇, 撤镇设街道 ...).
enum class UnitType {
  other,
  province,         // 省、自治区、直辖市
  prefecture,       // 地级市、地区、自治州、盟
  county,           // 县、自治县
  district,         // 市辖区
  county_city,      // 县级市
  banner,           // 旗、自治旗
  town,             // 镇
  township,         // 乡
  ethnic_township,  // 民族乡
  sumu,             // 苏木
  ethnic_sumu,      // 民族苏木
  subdistrict,      // 街道
  township_zone,    // 乡级的开发区、农场等 (NBS codes 400+)
  village,          // 村 (行政村)
  community,        // 社区 (居委会)
};

std::string_view type_name(UnitType type);      ///< stable English key, e.g. "ethnic_township"
std::string_view type_name_zh(UnitType type);   ///< 民族乡
/// From a type label ("镇", "民族乡", "街道办事处", "town", "subdistrict" ...). Unknown -> nullopt.
std::optional<UnitType> parse_type(std::string_view label);
/// A unit of `type`, labelled `type_label` in its data, is of the kind a user names with `label`
/// (--lock-type, --types): the label as written, or the type it parses to.
bool type_matches(std::string_view label, UnitType type, std::string_view type_label);
/// Guess from a unit's name suffix (…镇 → town, …民族乡 → ethnic_township, …街道 → subdistrict ...).
std::optional<UnitType> type_from_name(std::string_view name);
/// Township-level kind from NBS digits 7-9: 001-099 街道, 100-199 镇, 200-399 乡, 400+ zone.
std::optional<UnitType> township_type_from_code(std::string_view code12);
/// Level a type normally sits at.
UnitLevel level_of_type(UnitType type);

/// True when `text` is 2, 4, 6, 9 or 12 ASCII digits.
bool looks_like_division_code(std::string_view text);

/// "510104" -> "510104000000". Throws InputError(input_value) when `text` is not 2/4/6/9/12 digits.
std::string pad_code(std::string_view text);

/// The level a 12-digit code denotes (by its last non-zero group). Unknown for malformed codes.
UnitLevel level_of_code(std::string_view code12);

/// The parent's 12-digit code derived from the code alone: village -> township -> county -> prefecture
/// -> province. Province (or malformed) -> empty string.
std::string parent_of_code(std::string_view code12);

/// The significant prefix of a 12-digit code for a level: ("510104000000", county) -> "510104".
std::string short_code(std::string_view code12, UnitLevel level);

/// True when `parent12`'s significant digits are a prefix of `child12`.
bool code_is_within(std::string_view child12, std::string_view parent12);

}  // namespace quhua::model
