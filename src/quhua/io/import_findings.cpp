#include "quhua/io/import_findings.hpp"

#include <algorithm>
#include <array>

namespace quhua::io {
namespace {

using enum ErrorCode;

constexpr std::array k_kinds = std::to_array<FindingKind>({
    // Files, layers, fields.
    {"file_not_found", input_missing, "文件不存在", "file not found"},
    {"file_unreadable", input_format, "无法读取文件", "file cannot be read"},
    {"layer_not_found", input_missing, "图层不存在", "layer not found"},
    {"layer_chosen", input_value, "已选择图层", "layer chosen"},
    {"layer_empty", input_missing, "图层为空", "layer is empty"},
    {"layer_read_error", input_format, "读取图层出错", "error while reading the layer"},
    {"gdal_warning", input_format, "GDAL 警告", "GDAL warning"},
    {"field_not_found", input_missing, "字段不存在", "field not found"},
    {"code_field_missing", input_missing, "缺少区划代码字段", "no code field"},
    {"fields_used", input_value, "字段对应关系", "fields used"},
    {"name_field_missing", input_missing, "缺少名称字段", "no name field"},
    {"population_field_missing", input_missing, "缺少人口字段", "no population field"},
    {"column_not_numeric", input_value, "列中混有非数值", "column is not numeric throughout"},
    {"value_not_numeric", input_value, "数值字段的值不是数值", "value is not a number"},
    // Text encodings.
    {"encoding_detected", input_encoding, "已识别文字编码", "text encoding detected"},
    {"text_undecodable", input_encoding, "文字无法按编码解码", "text cannot be decoded"},
    {"text_mojibake", input_encoding, "文字疑似乱码", "text looks garbled (mojibake)"},
    {"field_name_truncated", input_encoding, "字段名被截断", "field name cut short"},
    // Coordinate reference systems.
    {"crs_missing", input_crs, "缺少坐标系", "coordinate reference system missing"},
    {"crs_invalid", input_crs, "坐标系无法识别", "coordinate reference system not recognised"},
    {"crs_assumed", input_crs, "已假定坐标系", "coordinate reference system assumed"},
    {"crs_overridden", input_crs, "已按 --crs 替换坐标系", "coordinate reference system overridden"},
    {"crs_reprojected", input_crs, "已重投影", "re-projected"},
    {"crs_datum_approximate", input_crs, "基准面近似转换", "datum converted approximately"},
    {"crs_working", input_crs, "工作坐标系", "working coordinate reference system"},
    {"coordinates_out_of_range", input_crs, "坐标超出范围", "coordinates out of range"},
    {"coordinates_not_projectable", input_crs, "坐标无法投影", "coordinates cannot be projected"},
    // Geometry.
    {"geometry_missing", input_geometry, "缺少几何图形", "geometry missing"},
    {"geometry_empty", input_geometry, "几何图形为空", "geometry is empty"},
    {"geometry_not_polygon", input_geometry, "几何图形不是面", "geometry is not a polygon"},
    {"geometry_damaged", input_geometry, "几何图形已损坏", "geometry is damaged"},
    {"geometry_repaired", input_geometry, "几何图形无效，已修复", "invalid geometry repaired"},
    {"geometry_unrepairable", input_geometry, "几何图形无法修复", "geometry cannot be repaired"},
    {"geometry_zero_area", input_geometry, "几何图形面积为零", "geometry has no area"},
    {"area_unit", input_value, "面积字段单位", "unit of the area field"},
    {"area_mismatch", input_value, "面积与图形不符", "area differs from the geometry's"},
    // Codes, names, types, populations.
    {"code_scheme", input_value, "代码体系", "code scheme"},
    {"code_missing", input_value, "缺少区划代码", "code missing"},
    {"code_invalid", input_value, "区划代码格式错误", "code is not a division code"},
    {"duplicate_code", input_duplicate, "区划代码重复", "duplicate code"},
    {"parent_invalid", input_value, "上级代码格式错误", "parent code is not a division code"},
    {"parent_not_prefix", input_value, "上级代码与代码不一致", "parent code is not a prefix of the code"},
    {"level_mismatch", input_value, "级别与代码不一致", "level differs from the code's"},
    {"type_unknown", input_value, "类型无法识别", "type not recognised"},
    {"name_missing", input_value, "缺少名称", "name missing"},
    {"population_missing", input_value, "缺少人口数", "population missing"},
    {"population_negative", input_value, "人口为负数", "population is negative"},
    {"population_not_numeric", input_value, "人口不是数值", "population is not a number"},
    {"population_field_ambiguous", input_value, "多个字段都可能是人口", "several fields could be the population"},
    {"population_taken_as_zero", input_value, "缺少的人口按 0 计", "missing population taken as 0"},
    {"distance_unweighted", input_missing, "无人口权重，未计入加权距离",
     "left out of weighted distances: no population"},
    {"units_without_villages", input_missing, "单位无村级数据，未计入距离", "left out of distances: no villages given"},
    // Seats.
    {"seat_not_point", input_geometry, "驻地不是点", "seat is not a point"},
    {"seat_unmatched", input_value, "驻地代码无对应单位", "seat matches no unit"},
    {"seat_duplicate", input_duplicate, "同一单位有多个驻地", "several seats for one unit"},
    {"seat_code_unknown", input_value, "驻地代码指向不存在的单位", "seat code names no unit"},
    {"seat_outside_unit", input_geometry, "驻地不在本单位范围内", "seat lies outside its unit"},
    // Attribute joins.
    {"join_key_missing", input_value, "连接键为空", "join key missing"},
    {"join_duplicate_key", input_duplicate, "连接键重复", "join key occurs twice"},
    {"join_ambiguous_name", input_duplicate, "名称重复，无法按名称连接", "name is ambiguous for a join"},
    {"join_unmatched_row", input_value, "属性表行无对应单位", "table row matches no unit"},
    {"join_unmatched_unit", input_value, "单位在属性表中无对应行", "unit has no row in the table"},
    {"join_values_replaced", input_value, "属性表值替换了图层值", "table values replaced layer values"},
    // Outcome.
    {"features_left_out", input_value, "已剔除有错误的要素", "features with errors left out"},
});

}  // namespace

std::span<const FindingKind> import_finding_kinds() { return k_kinds; }

const FindingKind* find_finding_kind(std::string_view key) {
  const auto it = std::find_if(k_kinds.begin(), k_kinds.end(), [&](const FindingKind& k) { return k.key == key; });
  return it == k_kinds.end() ? nullptr : &*it;
}

std::string_view finding_title(std::string_view key, util::Language language) {
  const FindingKind* kind = find_finding_kind(key);
  if (!kind) return key;
  return language == util::Language::zh ? kind->title_zh : kind->title_en;
}

ErrorCode first_error_code(const Findings& findings) {
  for (const auto& f : findings.items()) {
    if (f.severity != Severity::error) continue;
    const FindingKind* kind = find_finding_kind(f.kind);
    return kind ? kind->code : ErrorCode::input_value;
  }
  return ErrorCode::input_value;
}

void fail(Findings& findings, std::string_view kind, const std::string& message, ErrorContext where) {
  findings.add(Severity::error, std::string(kind), message, where);
  const FindingKind* entry = find_finding_kind(kind);
  throw InputError(entry ? entry->code : ErrorCode::input_value, message, std::move(where));
}

}  // namespace quhua::io
