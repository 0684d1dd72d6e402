#include "quhua/algorithms/registry/division_names.hpp"

#include "quhua/util/strings.hpp"

#include <array>
#include <set>

namespace quhua::registry {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

// Removes one trailing bracketed annotation, full- or half-width: "X（Y）" -> "X". Only when
// something is left before the bracket.
bool strip_trailing_annotation(std::string& text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> k_brackets{{
      {"（", "）"},
      {"(", ")"},
  }};
  for (const auto& [open, close] : k_brackets) {
    if (!ends_with(text, close)) continue;
    const auto pos = text.rfind(open);
    if (pos == std::string::npos || pos == 0) continue;
    text.erase(pos);
    return true;
  }
  // Mixed widths ("X（Y)") occur in the tables too.
  if (ends_with(text, ")") || ends_with(text, "）")) {
    auto pos = text.rfind("（");
    const auto half = text.rfind('(');
    if (pos == std::string::npos || (half != std::string::npos && half > pos)) pos = half;
    if (pos != std::string::npos && pos > 0) {
      text.erase(pos);
      return true;
    }
  }
  return false;
}

// The 56 ethnic groups' names as they appear in 民族乡 and 自治县 names, without 族.
constexpr std::array<std::string_view, 55> k_ethnic_groups{
    "蒙古", "回",   "藏",   "维吾尔", "苗",     "彝",       "壮",     "布依",   "朝鲜",     "满",     "侗",
    "瑶",   "白",   "土家", "哈尼",   "哈萨克", "傣",       "黎",     "傈僳",   "佤",       "畲",     "高山",
    "拉祜", "水",   "东乡", "纳西",   "景颇",   "柯尔克孜", "土",     "达斡尔", "仫佬",     "羌",     "布朗",
    "撒拉", "毛南", "仡佬", "锡伯",   "阿昌",   "普米",     "塔吉克", "怒",     "乌孜别克", "俄罗斯", "鄂温克",
    "德昂", "保安", "裕固", "京",     "塔塔尔", "独龙",     "鄂伦春", "赫哲",   "门巴",     "珞巴",   "基诺"};

// Strips trailing "<group>族" names, longest first so 土家族 is not read as 家 + 土族.
void strip_ethnic_names(std::string& text) {
  for (;;) {
    if (!ends_with(text, "族")) return;
    const std::string_view head = std::string_view(text).substr(0, text.size() - std::string_view("族").size());
    std::string_view best;
    for (auto group : k_ethnic_groups) {
      if (group.size() > best.size() && ends_with(head, group) && head.size() > group.size()) best = group;
    }
    if (best.empty()) return;
    text.erase(head.size() - best.size());
  }
}

}  // namespace

std::string name_form_key(std::string_view name, std::string_view parent_name) {
  std::string out(util::trim(name));
  while (strip_trailing_annotation(out)) {
  }
  parent_name = util::trim(parent_name);
  if (!parent_name.empty() && starts_with(out, parent_name) && out.size() > parent_name.size() + 3) {
    out.erase(0, parent_name.size());
  }
  // 街道办事处, 街道办, 地区办事处, 办事处 and 街道 all name the same subdistrict office: drop the
  // office suffix, then 街道 (东华门街道办事处, 东华门街道 -> 东华门; 黄村地区办事处 -> 黄村地区).
  for (std::string_view suffix : {"办事处", "办"}) {
    if (ends_with(out, suffix) && out.size() > suffix.size()) {
      out.erase(out.size() - suffix.size());
      break;
    }
  }
  if (ends_with(out, "街道") && out.size() > std::string_view("街道").size())
    out.erase(out.size() - std::string_view("街道").size());
  return out;
}

std::string name_stem(std::string_view name, model::UnitLevel level, std::string_view parent_name) {
  const std::string key = name_form_key(name, parent_name);
  std::string out = key;
  static constexpr std::array<std::string_view, 7> k_township_suffixes{"民族乡", "民族苏木", "苏木", "街道",
                                                                       "镇",     "乡",       "地区"};
  static constexpr std::array<std::string_view, 9> k_county_suffixes{"自治县", "自治旗", "林区", "特区", "新区",
                                                                     "县",     "市",     "区",   "旗"};
  static constexpr std::array<std::string_view, 6> k_upper_suffixes{"自治区", "自治州", "地区", "省", "市", "盟"};
  auto strip_one = [&out](const auto& suffixes) {
    for (auto suffix : suffixes) {
      if (ends_with(out, suffix) && out.size() > suffix.size()) {
        out.erase(out.size() - suffix.size());
        return;
      }
    }
  };
  switch (level) {
    case model::UnitLevel::township:
      strip_one(k_township_suffixes);
      break;
    case model::UnitLevel::county:
      strip_one(k_county_suffixes);
      break;
    default:
      strip_one(k_upper_suffixes);
      break;
  }
  strip_ethnic_names(out);
  return out.empty() ? key : out;
}

bool names_share_a_character(std::string_view a, std::string_view b) {
  // Split into code points by UTF-8 lead bytes; names are short, so a set is plenty.
  auto code_points = [](std::string_view text) {
    std::set<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
      std::size_t j = i + 1;
      while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
      out.insert(text.substr(i, j - i));
      i = j;
    }
    return out;
  };
  const auto sa = code_points(a);
  for (auto cp : code_points(b)) {
    if (sa.count(cp)) return true;
  }
  return false;
}

}  // namespace quhua::registry
