#include "quhua/io/unit_records.hpp"

#include <gtest/gtest.h>

namespace quhua::io {
namespace {

/// A small table of text cells: the first row is the header.
RecordSet table(std::vector<std::vector<std::string>> rows) {
  util::CsvTable csv;
  csv.header = rows.front();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    csv.rows.push_back(rows[r]);
    csv.row_lines.push_back(r + 1);
  }
  return records_from_table(csv, "t.csv");
}

struct Read {
  RecordSet records;
  std::vector<UnitRecord> units;
  Findings findings;
  model::CodeScheme scheme = model::CodeScheme::nbs;
};

Read read(std::vector<std::vector<std::string>> rows) {
  Read out;
  out.records = table(std::move(rows));
  const ResolvedMapping mapping = resolve_mapping({}, out.records, out.findings);
  out.scheme = detect_code_scheme(out.records, *mapping[FieldRole::code], std::nullopt, out.findings);
  out.units = read_unit_records(out.records, mapping, out.scheme, out.findings);
  return out;
}

const Finding* first(const Findings& findings, std::string_view kind) {
  for (const auto& f : findings.items()) {
    if (f.kind == kind) return &f;
  }
  return nullptr;
}

}  // namespace

TEST(UnitRecords, NbsCodesArePaddedWithLevelAndParentFromTheCode) {
  const Read r = read({{"代码", "名称", "常住人口"},
                       {"510104", "锦江区", "902933"},
                       {"510104001", "春熙路街道", "52000"},
                       {"510104001002", "某社区", "3000"}});
  EXPECT_EQ(r.scheme, model::CodeScheme::nbs);
  ASSERT_EQ(r.units.size(), 3u);
  EXPECT_EQ(r.units[0].unit.code, "510104000000");
  EXPECT_EQ(r.units[0].unit.level, model::UnitLevel::county);
  EXPECT_EQ(r.units[0].unit.parent_code, "510100000000");
  EXPECT_EQ(r.units[0].unit.type, model::UnitType::district);
  EXPECT_EQ(r.units[1].unit.level, model::UnitLevel::township);
  EXPECT_EQ(r.units[1].unit.parent_code, "510104000000");
  EXPECT_EQ(r.units[1].unit.type, model::UnitType::subdistrict);
  EXPECT_EQ(r.units[2].unit.parent_code, "510104001000");
  EXPECT_EQ(r.units[2].unit.type, model::UnitType::community);
  EXPECT_EQ(*r.units[1].unit.resident_population, 52000);
  EXPECT_EQ(r.findings.count(Severity::error), 0u);
}

TEST(UnitRecords, ParentThatIsNotAPrefixIsAnError) {
  Read r = read({{"代码", "名称", "上级代码"}, {"510104001", "春熙路街道", "510105"}, {"510104002", "书院街街道", "510104"}});
  const Finding* f = first(r.findings, "parent_not_prefix");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::error);
  EXPECT_EQ(f->where.file, "t.csv");
  EXPECT_EQ(f->where.feature, "line 2");
  EXPECT_EQ(f->where.field, "上级代码");
  EXPECT_TRUE(r.records.row_bad[0]);
  EXPECT_FALSE(r.records.row_bad[1]);
  EXPECT_TRUE(r.units[1].has_parent_field_value);
}

TEST(UnitRecords, TypeFromFieldThenNameThenCodeDigits) {
  const Read r = read({{"代码", "名称", "类型"},
                       {"510121101", "赵镇", "建制镇"},
                       {"510121102", "某乡", "乡"},
                       {"510121103", "无名", ""},
                       {"510121204", "某地", "集镇"}});
  EXPECT_EQ(r.units[0].unit.type, model::UnitType::town);
  EXPECT_EQ(r.units[0].unit.type_label, "建制镇");
  EXPECT_EQ(r.units[1].unit.type, model::UnitType::township);
  EXPECT_EQ(r.units[2].unit.type, model::UnitType::town);  // 101-199: 镇
  EXPECT_EQ(r.units[3].unit.type, model::UnitType::township);  // unknown label; 204: 乡
  const Finding* f = first(r.findings, "type_unknown");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(f->where.feature, "line 5");
  EXPECT_EQ(f->where.field, "类型");
}

TEST(UnitRecords, NegativeOrNonNumericPopulationIsAnErrorAndMissingIsLeftMissing) {
  Read r = read({{"代码", "名称", "常住人口"},
                 {"510121101", "甲镇", "-5"},
                 {"510121102", "乙镇", "很多"},
                 {"510121103", "丙镇", ""},
                 {"510121104", "丁镇", "12,345"}});
  const Finding* negative = first(r.findings, "population_negative");
  ASSERT_TRUE(negative);
  EXPECT_EQ(negative->where.feature, "line 2");
  EXPECT_EQ(negative->where.field, "常住人口");
  const Finding* text = first(r.findings, "population_not_numeric");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->where.feature, "line 3");
  EXPECT_FALSE(r.units[2].unit.resident_population);  // missing stays missing, never 0
  EXPECT_FALSE(r.records.row_bad[2]);
  EXPECT_EQ(*r.units[3].unit.resident_population, 12345);
}

TEST(UnitRecords, GarbledNamesAreErrors) {
  // "城关镇" in GBK decoded as Latin-1, then written out as UTF-8.
  Read r = read({{"代码", "名称"}, {"510121101", "\xC2\xB3\xC3\x87\xC2\xB9\xC3\x98\xC3\x95\xC3\xB2"}});
  const Finding* f = first(r.findings, "text_mojibake");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->where.field, "名称");
  EXPECT_NE(f->message.find("--encoding"), std::string::npos);
}

TEST(UnitRecords, MalformedAndMissingCodesAreErrors) {
  Read r = read({{"代码", "名称"}, {"5101210", "甲"}, {"", "乙"}, {"510121101", "丙"}});
  EXPECT_EQ(r.scheme, model::CodeScheme::nbs);
  const Finding* invalid = first(r.findings, "code_invalid");
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->where.feature, "line 2");
  EXPECT_EQ(invalid->where.field, "代码");
  const Finding* missing = first(r.findings, "code_missing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->where.feature, "line 3");
}

TEST(UnitRecords, DuplicateCodesNameBothFeatures) {
  Read r = read({{"代码", "名称"}, {"510121101", "甲镇"}, {"510121102", "乙镇"}, {"510121101", "丙镇"}});
  check_duplicate_codes(r.records, r.units, "代码", r.findings);
  const Finding* f = first(r.findings, "duplicate_code");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::error);
  EXPECT_EQ(f->where.feature, "line 4");
  EXPECT_EQ(f->where.field, "代码");
  EXPECT_NE(f->message.find("line 2"), std::string::npos);
  EXPECT_NE(f->message.find("甲镇"), std::string::npos);
  EXPECT_TRUE(r.records.row_bad[2]);
  EXPECT_FALSE(r.records.row_bad[0]);
}

TEST(UnitRecords, NonNbsCodesAreFreeIdsWithLevelsFromTheirField) {
  Read r = read({{"code", "name", "level"}, {"A-1", "Alpha", "township"}, {"B-2", "Beta", "village"}});
  EXPECT_EQ(r.scheme, model::CodeScheme::free);
  EXPECT_EQ(r.units[0].unit.code, "A-1");
  EXPECT_EQ(r.units[0].unit.level, model::UnitLevel::township);
  EXPECT_TRUE(r.units[0].unit.parent_code.empty());
  EXPECT_EQ(r.findings.count(Severity::error), 0u);
  EXPECT_EQ(r.findings.count_kind("code_scheme"), 1u);
}

TEST(UnitRecords, LevelFieldThatContradictsTheCodeIsAWarning) {
  Read r = read({{"代码", "名称", "级别"}, {"510121101", "甲镇", "县级"}});
  const Finding* f = first(r.findings, "level_mismatch");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->severity, Severity::warning);
  EXPECT_EQ(r.units[0].unit.level, model::UnitLevel::township);
}

}  // namespace quhua::io
