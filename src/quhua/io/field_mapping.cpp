#include "quhua/io/field_mapping.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "quhua/io/import_findings.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::io {
namespace {

struct RoleEntry {
  FieldRole role;
  std::string_view key;
  std::string_view zh;
};

constexpr std::array<RoleEntry, k_role_count> k_role_entries{{
    {FieldRole::code, "code", "代码"},
    {FieldRole::name, "name", "名称"},
    {FieldRole::population, "population", "常住人口"},
    {FieldRole::registered, "registered", "户籍人口"},
    {FieldRole::parent, "parent", "上级代码"},
    {FieldRole::type, "type", "类型"},
    {FieldRole::level, "level", "级别"},
    {FieldRole::area, "area", "面积"},
    {FieldRole::seat, "seat", "驻地"},
}};

// Default names, most specific first. Matching ignores ASCII case, so "code" also finds CODE and Code.
constexpr std::string_view k_code_names[] = {"统计用区划代码", "行政区划代码", "区划代码", "代码", "乡镇代码", "XZQDM",
                                             "XZQHDM",         "XZDM",         "QHDM",     "adcode", "code", "GB"};
constexpr std::string_view k_name_names[] = {"名称", "乡镇名称", "区划名称", "行政区划名称", "单位名称", "XZQMC",
                                             "XZMC", "QHMC",     "NAME",     "乡镇"};
constexpr std::string_view k_population_names[] = {"常住人口", "常住人口数", "人口", "总人口", "人口数", "POP",
                                                   "POPU",     "POPULATION", "resident_population", "resident"};
constexpr std::string_view k_registered_names[] = {"户籍人口", "户籍人口数", "户籍总人口", "HJRK", "registered_population",
                                                   "registered"};
constexpr std::string_view k_parent_names[] = {"上级代码", "上级区划代码", "PARENT", "PARENT_CODE", "SJDM", "PAC"};
constexpr std::string_view k_type_names[] = {"类型", "乡镇类型", "单位类型", "类别", "TYPE"};
constexpr std::string_view k_level_names[] = {"级别", "层级", "行政级别", "LEVEL"};
constexpr std::string_view k_area_names[] = {"area_km2", "面积", "面积_km2", "面积平方公里", "MJ", "AREA"};
constexpr std::string_view k_seat_names[] = {"驻地代码", "SEAT_CODE", "SEAT"};

// GIS bookkeeping fields that are numeric but never an indicator (seat coordinates are read as seats).
constexpr std::string_view k_bookkeeping[] = {"objectid",  "fid",        "ogc_fid",   "id",         "shape_leng",
                                              "shape_length", "shape_area", "shape_len", "shape_le_1", "shape_ar_1",
                                              "seat_lon",  "seat_lat",   "驻地经度",  "驻地纬度"};

constexpr double k_mostly_numeric = 0.8;

const RoleEntry& entry(FieldRole role) { return k_role_entries[static_cast<std::size_t>(role)]; }

std::string normalise_separators(std::string_view text) {
  std::string out(text);
  for (std::size_t pos = 0; (pos = out.find("，", pos)) != std::string::npos;) out.replace(pos, 3, ",");
  for (std::size_t pos = 0; (pos = out.find("＝", pos)) != std::string::npos;) out.replace(pos, 3, "=");
  return out;
}

std::optional<std::size_t> find_column(const RecordSet& records, std::string_view name) {
  for (std::size_t i = 0; i < records.fields.size(); ++i) {
    if (records.fields[i] == name) return i;
  }
  for (std::size_t i = 0; i < records.fields.size(); ++i) {
    if (util::iequals_ascii(util::trim(records.fields[i]), util::trim(name))) return i;
  }
  return std::nullopt;
}

[[noreturn]] void field_missing(Findings& findings, const RecordSet& records, const std::string& what,
                                const std::string& field) {
  fail(findings, "field_not_found",
       what + " '" + field + "' is not in " + (records.layer.empty() ? "the table" : "layer " + records.layer) +
           "; fields: " + util::join(records.fields, ", "),
       records.where_field(field));
}

bool is_bookkeeping(std::string_view field) {
  const std::string lower = util::to_lower_ascii(util::trim(field));
  return std::find(std::begin(k_bookkeeping), std::end(k_bookkeeping), lower) != std::end(k_bookkeeping);
}

[[noreturn]] void toml_error(const std::string& source, const std::string& message, std::size_t line = 0) {
  throw InputError(ErrorCode::input_format, "mapping file: " + message,
                   ErrorContext{source, "", line ? "line " + std::to_string(line) : "", ""});
}

std::string toml_string(const toml::node& node, const std::string& source, const std::string& key) {
  const auto* value = node.as_string();
  if (!value) toml_error(source, "'" + key + "' must be a string (the field name in quotes)", node.source().begin.line);
  return value->get();
}

}  // namespace

std::string_view role_name(FieldRole role) { return entry(role).key; }
std::string_view role_name_zh(FieldRole role) { return entry(role).zh; }

std::optional<FieldRole> parse_role(std::string_view text) {
  const std::string t = util::to_lower_ascii(util::trim(text));
  for (const auto& e : k_role_entries) {
    if (t == e.key || t == e.zh) return e.role;
  }
  if (t == "pop" || t == "resident" || t == "resident_population" || t == "人口") return FieldRole::population;
  if (t == "registered_population" || t == "hukou") return FieldRole::registered;
  if (t == "parent_code") return FieldRole::parent;
  if (t == "area_km2") return FieldRole::area;
  if (t == "seat_code" || t == "驻地代码") return FieldRole::seat;
  return std::nullopt;
}

FieldMapping parse_field_list(std::string_view text) {
  FieldMapping mapping;
  const std::string normal = normalise_separators(text);
  for (const std::string& raw_item : util::split(normal, ',')) {
    const std::string_view item = util::trim(raw_item);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) {
      throw UsageError("--fields: '" + std::string(item) + "' is not ROLE=FIELD (e.g. code=XZQDM)");
    }
    const std::string_view role_text = util::trim(item.substr(0, eq));
    const std::string_view field = util::trim(item.substr(eq + 1));
    const auto role = parse_role(role_text);
    if (!role) {
      throw UsageError("--fields: unknown role '" + std::string(role_text) +
                       "' (roles: code, name, population, registered, parent, type, level, area, seat)");
    }
    if (field.empty()) throw UsageError("--fields: no field name after '" + std::string(role_text) + "='");
    if (!mapping.field(*role).empty()) throw UsageError("--fields: role '" + std::string(role_text) + "' given twice");
    mapping.field(*role) = std::string(field);
  }
  return mapping;
}

std::vector<IndicatorSpec> parse_indicator_list(std::string_view text) {
  std::vector<IndicatorSpec> out;
  const std::string normal = normalise_separators(text);
  for (const std::string& raw_item : util::split(normal, ',')) {
    const std::string_view item = util::trim(raw_item);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    IndicatorSpec spec;
    if (eq == std::string_view::npos) {
      spec.name = spec.field = std::string(item);
    } else {
      spec.name = std::string(util::trim(item.substr(0, eq)));
      spec.field = std::string(util::trim(item.substr(eq + 1)));
    }
    if (spec.name.empty() || spec.field.empty()) {
      throw UsageError("--indicators: '" + std::string(item) + "' is not FIELD or NAME=FIELD");
    }
    if (std::any_of(out.begin(), out.end(), [&](const IndicatorSpec& s) { return s.name == spec.name; })) {
      throw UsageError("--indicators: indicator '" + spec.name + "' given twice");
    }
    out.push_back(std::move(spec));
  }
  return out;
}

FieldMapping parse_mapping_toml(std::string_view text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    toml_error(source_name, std::string(e.description()), e.source().begin.line);
  }
  FieldMapping mapping;
  for (const auto& [key, node] : root) {
    const std::string section(key.str());
    const auto* table = node.as_table();
    if (!table || (section != "fields" && section != "indicators")) {
      toml_error(source_name, "unknown entry '" + section + "' (expected the tables [fields] and [indicators])",
                 node.source().begin.line);
    }
    if (section == "fields") {
      for (const auto& [role_key, value] : *table) {
        const std::string role_text(role_key.str());
        const auto role = parse_role(role_text);
        if (!role) toml_error(source_name, "unknown role '" + role_text + "' in [fields]", value.source().begin.line);
        const std::string field = std::string(util::trim(toml_string(value, source_name, role_text)));
        if (field.empty()) toml_error(source_name, "empty field name for '" + role_text + "'", value.source().begin.line);
        mapping.field(*role) = field;
      }
    } else {
      std::vector<IndicatorSpec> indicators;
      for (const auto& [name_key, value] : *table) {
        IndicatorSpec spec{std::string(name_key.str()), std::string(util::trim(toml_string(value, source_name, std::string(name_key.str()))))};
        if (spec.name.empty() || spec.field.empty()) {
          toml_error(source_name, "empty indicator name or field", value.source().begin.line);
        }
        indicators.push_back(std::move(spec));
      }
      mapping.indicators = std::move(indicators);
    }
  }
  return mapping;
}

FieldMapping read_mapping_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(ErrorCode::input_missing, "cannot read the mapping file", ErrorContext{path, "", "", ""});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_mapping_toml(buffer.str(), path);
}

FieldMapping merge(FieldMapping base, const FieldMapping& over) {
  for (std::size_t i = 0; i < k_role_count; ++i) {
    if (!over.fields[i].empty()) base.fields[i] = over.fields[i];
  }
  if (over.indicators) base.indicators = over.indicators;
  return base;
}

std::span<const std::string_view> default_field_names(FieldRole role) {
  switch (role) {
    case FieldRole::code: return k_code_names;
    case FieldRole::name: return k_name_names;
    case FieldRole::population: return k_population_names;
    case FieldRole::registered: return k_registered_names;
    case FieldRole::parent: return k_parent_names;
    case FieldRole::type: return k_type_names;
    case FieldRole::level: return k_level_names;
    case FieldRole::area: return k_area_names;
    case FieldRole::seat: return k_seat_names;
  }
  return {};
}

std::string ResolvedMapping::describe(const RecordSet& records) const {
  std::vector<std::string> parts;
  for (const FieldRole role : k_roles) {
    if (const auto column = (*this)[role]) parts.push_back(std::string(role_name(role)) + " <- " + records.fields[*column]);
  }
  std::string out = parts.empty() ? "no field recognised" : util::join(parts, ", ");
  if (!indicators.empty()) {
    std::vector<std::string> names;
    for (const auto& [name, column] : indicators) {
      names.push_back(name == records.fields[column] ? name : name + " <- " + records.fields[column]);
    }
    out += "; indicators: " + util::join(names, ", ");
  }
  return out;
}

ResolvedMapping resolve_mapping(const FieldMapping& mapping, const RecordSet& records, Findings& findings,
                                bool require_explicit) {
  ResolvedMapping out;
  std::vector<bool> used(records.fields.size(), false);
  // Explicit names first, so a default never takes a field the user gave to another role.
  for (const FieldRole role : k_roles) {
    const std::string& name = mapping.field(role);
    if (name.empty()) continue;
    const auto column = find_column(records, name);
    if (!column) {
      if (!require_explicit) continue;
      field_missing(findings, records, "field for " + std::string(role_name(role)), name);
    }
    out.columns[static_cast<std::size_t>(role)] = column;
    used[*column] = true;
  }
  for (const FieldRole role : k_roles) {
    // A value the user named comes from that field only, wherever it is (layer or attribute table);
    // the keys (code, name) must be in both inputs, so an input without the named one may use a default.
    const bool key = role == FieldRole::code || role == FieldRole::name;
    if (out[role] || (!key && !mapping.field(role).empty())) continue;
    if (role == FieldRole::population || role == FieldRole::registered) {
      // Several columns that could each be the population (a quhua output with a column added, a
      // table with 常住人口 and 人口): taking the first name on the list would be a guess that silently
      // replaces the figures. The user chooses.
      std::vector<std::string> candidates;
      for (const std::string_view candidate : default_field_names(role)) {
        const auto column = find_column(records, candidate);
        if (column && !used[*column] &&
            std::find(candidates.begin(), candidates.end(), records.fields[*column]) == candidates.end()) {
          candidates.push_back(records.fields[*column]);
        }
      }
      if (candidates.size() > 1) {
        const std::string role_text(role_name(role));
        fail(findings, "population_field_ambiguous",
             "多个字段都可能是" + std::string(role == FieldRole::population ? "常住人口" : "户籍人口") + "：" +
                 util::join(candidates, "、") + "；请用 --fields " + role_text +
                 "=字段 指定 / several fields could be the " + role_text + " population (" +
                 util::join(candidates, ", ") + "): choose one with --fields " + role_text + "=FIELD",
             ErrorContext{records.file, records.layer, "", util::join(candidates, ", ")});
      }
    }
    for (const std::string_view candidate : default_field_names(role)) {
      const auto column = find_column(records, candidate);
      if (column && !used[*column]) {
        out.columns[static_cast<std::size_t>(role)] = column;
        used[*column] = true;
        break;
      }
    }
  }
  if (mapping.indicators) {
    for (const auto& spec : *mapping.indicators) {
      const auto column = find_column(records, spec.field);
      if (!column) {
        if (!require_explicit) continue;
        field_missing(findings, records, "field for indicator " + spec.name, spec.field);
      }
      out.indicators.emplace_back(spec.name, *column);
      out.explicit_indicator.push_back(true);
    }
  } else {
    for (std::size_t c = 0; c < records.fields.size(); ++c) {
      // The area field is kept as an indicator too: it is compared with the geometry's area, and what
      // the user gave is never dropped.
      const bool area_field = out[FieldRole::area] == c;
      if ((used[c] && !area_field) || is_bookkeeping(records.fields[c])) continue;
      if (records.numeric[c]) {
        out.indicators.emplace_back(records.fields[c], c);
        out.explicit_indicator.push_back(false);
        continue;
      }
      // Text columns that are numbers but for a few entries ("—", "不详"): say so rather than
      // silently dropping the column.
      std::size_t numbers = 0, texts = 0;
      std::optional<std::size_t> first_text;
      for (std::size_t r = 0; r < records.size(); ++r) {
        const util::Cell& cell = records.rows[r][c];
        if (value_blank(cell)) continue;
        if (value_number(cell)) {
          ++numbers;
        } else {
          ++texts;
          if (!first_text) first_text = r;
        }
      }
      // A text column of numbers only (codes stored as text) is neither an indicator nor a problem.
      if (texts > 0 && numbers > 0 &&
          static_cast<double>(numbers) >= k_mostly_numeric * static_cast<double>(numbers + texts)) {
        findings.add(Severity::warning, "column_not_numeric",
                     std::to_string(texts) + " of " + std::to_string(numbers + texts) + " values are not numbers (first: '" +
                         value_text(records.rows[*first_text][c]) +
                         "'); the column is not used as an indicator (list it with --indicators to use the numbers)",
                     records.where(*first_text, records.fields[c]));
      }
    }
  }
  findings.add(Severity::info, "fields_used", out.describe(records), ErrorContext{records.file, records.layer, "", ""});
  return out;
}

}  // namespace quhua::io
