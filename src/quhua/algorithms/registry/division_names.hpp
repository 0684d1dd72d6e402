// Comparing division names across editions: the form key (what is left when a name changes in form
// only: 办事处 dropped, annotations in brackets, the county's name as a prefix) and the stem (the form
// key without the type suffix: 城关镇 -> 城关, 于家务回族乡 -> 于家务), used by the diff to tell a
// rename from an upgrade and to find name hints of mergers.
#pragma once

#include "quhua/model/division_code.hpp"

#include <string>
#include <string_view>

namespace quhua::registry {

/// A comparison key: two names with the same key differ in form only. Steps: trailing bracketed
/// annotations removed ("涂埠镇（赣江新区永修组团）" -> "涂埠镇"); a leading `parent_name` removed
/// ("四子王旗库伦图镇" under 四子王旗 -> "库伦图镇"); the office suffix 办事处 or 办 removed, then 街道
/// ("东华门街道办事处" and "东华门街道" -> "东华门"; "黄村地区办事处" -> "黄村地区").
std::string name_form_key(std::string_view name, std::string_view parent_name = {});

/// The form key without its type suffix (镇, 乡, 街道, 民族乡, 苏木 for townships; 县, 市, 区, 旗, 自治县 ...
/// for counties) and without trailing ethnic group names (回族, 土家族侗族 ...). Never empty: a name
/// that is all suffix is returned as its form key.
std::string name_stem(std::string_view name, model::UnitLevel level, std::string_view parent_name = {});

/// True when `a` and `b` share at least one code point (both valid UTF-8).
bool names_share_a_character(std::string_view a, std::string_view b);

}  // namespace quhua::registry
