#include "quhua/io/field_mapping.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"

namespace quhua::io {
namespace {

RecordSet records_with(std::vector<std::string> fields, std::vector<bool> numeric) {
  RecordSet r;
  r.file = "t.shp";
  r.layer = "t";
  r.fields = std::move(fields);
  r.numeric = std::move(numeric);
  return r;
}

}  // namespace

TEST(FieldMapping, ParsesRolesWithChineseFieldsAndFullWidthCommas) {
  const FieldMapping m = parse_field_list("code=XZQDM，name=乡镇名称, population = 常住人口,户籍人口=HJRK");
  EXPECT_EQ(m.field(FieldRole::code), "XZQDM");
  EXPECT_EQ(m.field(FieldRole::name), "乡镇名称");
  EXPECT_EQ(m.field(FieldRole::population), "常住人口");
  EXPECT_EQ(m.field(FieldRole::registered), "HJRK");
  EXPECT_TRUE(m.field(FieldRole::type).empty());
  EXPECT_FALSE(m.indicators);
}

TEST(FieldMapping, BadFieldListsAreUsageErrorsNamingTheItem) {
  for (const char* bad : {"code", "colour=RED", "code=", "code=A,code=B"}) {
    try {
      parse_field_list(bad);
      FAIL() << bad;
    } catch (const UsageError& e) {
      EXPECT_EQ(e.code(), ErrorCode::usage);
    }
  }
}

TEST(FieldMapping, IndicatorListTakesFieldOrNameEqualsField) {
  const auto list = parse_indicator_list("GDP,revenue=CZSR");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], (IndicatorSpec{"GDP", "GDP"}));
  EXPECT_EQ(list[1], (IndicatorSpec{"revenue", "CZSR"}));
  EXPECT_THROW(parse_indicator_list("a=,b"), UsageError);
  EXPECT_THROW(parse_indicator_list("a,a"), UsageError);
}

TEST(FieldMapping, TomlFileGivesFieldsAndIndicators) {
  const FieldMapping m = parse_mapping_toml(R"(
# 某县乡镇
[fields]
code = "XZQDM"
"名称" = "XZQMC"  # TOML keys that are not ASCII go in quotes
population = "常住人口"

[indicators]
GDP = "GDP_2023"
)",
                                            "m.toml");
  EXPECT_EQ(m.field(FieldRole::code), "XZQDM");
  EXPECT_EQ(m.field(FieldRole::name), "XZQMC");
  ASSERT_TRUE(m.indicators);
  EXPECT_EQ(m.indicators->front(), (IndicatorSpec{"GDP", "GDP_2023"}));
}

TEST(FieldMapping, BadTomlIsAnInputErrorWithFileAndLine) {
  const char* cases[] = {"[fields\ncode = 1", "[fields]\ncode = 12", "[fields]\ncolour = \"X\"", "[other]\na = \"b\"",
                         "code = \"X\""};
  for (const char* text : cases) {
    try {
      parse_mapping_toml(text, "m.toml");
      FAIL() << text;
    } catch (const InputError& e) {
      EXPECT_EQ(e.context().file, "m.toml") << text;
    }
  }
}

TEST(FieldMapping, CommandLineWinsOverTheFile) {
  FieldMapping file;
  file.field(FieldRole::code) = "A";
  file.field(FieldRole::name) = "N";
  const FieldMapping merged = merge(file, parse_field_list("code=B"));
  EXPECT_EQ(merged.field(FieldRole::code), "B");
  EXPECT_EQ(merged.field(FieldRole::name), "N");
}

TEST(FieldMapping, DefaultsFindChineseAndEnglishNamesIgnoringCase) {
  const RecordSet r = records_with({"OBJECTID", "Xzqdm", "名称", "常住人口", "GDP", "备注", "Shape_Area"},
                                   {true, false, false, true, true, false, true});
  Findings findings;
  const ResolvedMapping m = resolve_mapping({}, r, findings);
  EXPECT_EQ(m[FieldRole::code], 1u);
  EXPECT_EQ(m[FieldRole::name], 2u);
  EXPECT_EQ(m[FieldRole::population], 3u);
  EXPECT_FALSE(m[FieldRole::parent]);
  // Every unmapped numeric field but the GIS bookkeeping ones becomes an indicator.
  ASSERT_EQ(m.indicators.size(), 1u);
  EXPECT_EQ(m.indicators[0].first, "GDP");
  ASSERT_EQ(findings.count_kind("fields_used"), 1u);
  EXPECT_NE(findings.items()[0].message.find("code <- Xzqdm"), std::string::npos);
}

TEST(FieldMapping, ExplicitFieldThatIsAbsentNamesTheFieldsThereAre) {
  const RecordSet r = records_with({"CODE", "NAME"}, {false, false});
  Findings findings;
  FieldMapping m;
  m.field(FieldRole::population) = "POP";
  try {
    resolve_mapping(m, r, findings);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_missing);
    EXPECT_EQ(e.context().field, "POP");
    EXPECT_NE(std::string(e.what()).find("CODE, NAME"), std::string::npos);
  }
  EXPECT_EQ(findings.count_kind("field_not_found"), 1u);
  Findings lenient;
  EXPECT_FALSE(resolve_mapping(m, r, lenient, false)[FieldRole::population]);
  // Nor does a default stand in for the field the user named (it may be in an attribute table).
  const RecordSet with_default = records_with({"CODE", "POPULATION"}, {false, true});
  EXPECT_FALSE(resolve_mapping(m, with_default, lenient, false)[FieldRole::population]);
}

TEST(FieldMapping, ExplicitRoleIsNotTakenAgainByADefault) {
  // The user says the name is in 乡镇; 名称 (a default for name) must then stay free.
  const RecordSet r = records_with({"代码", "名称", "乡镇"}, {false, false, false});
  Findings findings;
  const ResolvedMapping m = resolve_mapping(parse_field_list("name=乡镇"), r, findings);
  EXPECT_EQ(m[FieldRole::name], 2u);
  EXPECT_EQ(m[FieldRole::code], 0u);
}

TEST(FieldMapping, MostlyNumericTextColumnIsReportedNotSilentlyDropped) {
  RecordSet r = records_with({"code", "GDP"}, {false, false});
  for (int i = 0; i < 9; ++i) {
    r.rows.push_back({std::string("51010400") + std::to_string(i), std::to_string(100 + i)});
    r.row_ids.push_back("line " + std::to_string(i + 2));
  }
  r.rows.push_back({std::string("510104009"), std::string("不详")});
  r.row_ids.push_back("line 11");
  r.row_bad.assign(r.rows.size(), 0);
  Findings findings;
  const ResolvedMapping m = resolve_mapping({}, r, findings);
  EXPECT_TRUE(m.indicators.empty());
  ASSERT_EQ(findings.count_kind("column_not_numeric"), 1u);
  const Finding& f = findings.items()[0];
  EXPECT_EQ(f.where.field, "GDP");
  EXPECT_EQ(f.where.feature, "line 11");
}

// Found by fuzz_field_mapping: a text column holding only numbers made the mostly-numeric check read
// the first text value of a column that had none.
TEST(FieldMapping, TextColumnOfNumbersOnlyIsNeitherIndicatorNorWarning) {
  RecordSet r = records_with({"XZQDM", "名称", "GDP", "code"}, {false, false, true, false});
  r.rows = {{std::string("510104001"), std::string("城关镇"), 1.5, std::string("x")}};
  r.row_ids = {"0"};
  r.row_bad = {0};
  Findings findings;
  const ResolvedMapping m = resolve_mapping(parse_mapping_toml("[fields]\ncode =  \"GDP\"\n", "m.toml"), r, findings);
  EXPECT_EQ(m[FieldRole::code], 2u);
  EXPECT_TRUE(m.indicators.empty());
  EXPECT_EQ(findings.count_kind("column_not_numeric"), 0u);
}

TEST(FieldMapping, IndicatorListRestrictsIndicators) {
  const RecordSet r = records_with({"code", "GDP", "CZSR"}, {false, true, true});
  Findings findings;
  FieldMapping m;
  m.indicators = parse_indicator_list("revenue=CZSR");
  const ResolvedMapping resolved = resolve_mapping(m, r, findings);
  ASSERT_EQ(resolved.indicators.size(), 1u);
  EXPECT_EQ(resolved.indicators[0], (std::pair<std::string, std::size_t>{"revenue", 2}));
}

}  // namespace quhua::io
