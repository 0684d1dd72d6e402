#include "quhua/io/table_writer.hpp"

#include "quhua/io/spreadsheet_reader.hpp"

#include <gdal.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "quhua/util/error.hpp"
#include "support/test_support.hpp"

namespace quhua::io {

util::ReportTable sample() {
  util::ReportTable table;
  table.name = "towns";
  table.title_zh = "乡镇";
  table.title_en = "Towns";
  table.columns = {{"name", "名称", "Name", -1}, {"population", "人口", "Population", 0}, {"area_km2", "面积", "Area", 2}};
  table.add_row({std::string("城关镇"), 12345.0, 20.4567});
  table.add_row({std::string("石桥乡, 东"), std::int64_t{800}, std::monostate{}});
  return table;
}

TEST(TableWriter, TextUsesChosenLanguageHeaders) {
  const std::string zh = render_text({sample()}, util::Language::zh);
  EXPECT_NE(zh.find("名称"), std::string::npos);
  EXPECT_NE(zh.find("12345"), std::string::npos);
  EXPECT_NE(zh.find("20.46"), std::string::npos);  // rounded to the column's 2 decimals
  EXPECT_NE(render_text({sample()}, util::Language::en).find("Population"), std::string::npos);
  // 石桥乡's area is unknown: a dash, not a blank or a 0.
  const auto last_line = zh.substr(zh.rfind("石桥乡"));
  EXPECT_NE(last_line.find("—"), std::string::npos) << last_line;
}

TEST(TableWriter, CsvKeepsKeysAndFullPrecision) {
  EXPECT_EQ(table_to_csv(sample()), "name,population,area_km2\n城关镇,12345,20.4567\n\"石桥乡, 东\",800,\n");
}

TEST(TableWriter, JsonKeepsNumbersAndNulls) {
  const auto json = tables_to_json({sample()});
  EXPECT_EQ(json["towns"][0]["population"], 12345.0);
  EXPECT_TRUE(json["towns"][1]["area_km2"].is_null());
  EXPECT_EQ(json["towns"][1]["name"], "石桥乡, 东");
}

TEST(TableWriter, XlsxReadsBackWithTheSameNumbers) {
  test::TempDir dir;
  const auto path = dir / "out.xlsx";
  write_tables(path, {sample()}, util::Language::zh);
  GDALAllRegister();
  const char* open_options[] = {"HEADERS=DISABLE", nullptr};
  GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr);
  ASSERT_NE(ds, nullptr);
  OGRLayerH layer = GDALDatasetGetLayerByName(ds, "乡镇");  // the sheet is named by its title, in Chinese
  ASSERT_NE(layer, nullptr);
  std::vector<std::vector<std::string>> rows;
  OGR_L_ResetReading(layer);
  while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
    std::vector<std::string> row;
    for (int i = 0; i < 3; ++i) row.emplace_back(OGR_F_GetFieldAsString(feature, i));
    rows.push_back(row);
    OGR_F_Destroy(feature);
  }
  GDALClose(ds);
  ASSERT_EQ(rows.size(), 4u);  // title, header, two rows
  EXPECT_EQ(rows[0][0], "乡镇");
  EXPECT_EQ(rows[1], (std::vector<std::string>{"名称", "人口", "面积"}));
  EXPECT_EQ(rows[2][0], "城关镇");
  EXPECT_DOUBLE_EQ(std::stod(rows[2][1]), 12345.0);
  EXPECT_DOUBLE_EQ(std::stod(rows[2][2]), 20.4567);
  // quhua's own reader passes over the title row.
  const auto read = read_table(path.string());
  EXPECT_EQ(read.header, (std::vector<std::string>{"名称", "人口", "面积"}));
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[1][1], "800");
}

TEST(TableWriter, XlsxSumsMarkedColumnsInATotalRow) {
  test::TempDir dir;
  auto table = sample();
  table.columns[1].summed = true;
  write_tables(dir / "en.xlsx", {table}, util::Language::en);
  // Read raw (no header guessing): title, header, two rows, the total.
  GDALAllRegister();
  const char* open_options[] = {"HEADERS=DISABLE", nullptr};
  for (const auto language : {util::Language::en, util::Language::zh}) {
    const auto path = dir / (language == util::Language::en ? "en.xlsx" : "zh.xlsx");
    write_tables(path, {table}, language);
    GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    ASSERT_EQ(OGR_L_GetFeatureCount(layer, TRUE), 5);
    OGRFeatureH total = nullptr;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
      if (total) OGR_F_Destroy(total);
      total = feature;
    }
    ASSERT_NE(total, nullptr);
    EXPECT_STREQ(OGR_F_GetFieldAsString(total, 0), language == util::Language::en ? "Total" : "合计");
    EXPECT_DOUBLE_EQ(OGR_F_GetFieldAsDouble(total, 1), 13145.0);
    EXPECT_FALSE(OGR_F_IsFieldSetAndNotNull(total, 2));  // area is not summed
    OGR_F_Destroy(total);
    GDALClose(ds);
    // quhua's reader takes the total for no data row.
    EXPECT_EQ(read_table(path.string()).rows.size(), 2u);
  }
}

TEST(TableWriter, XlsxSheetNamesAreUniqueAndShortEnoughForExcel) {
  test::TempDir dir;
  auto first = sample();
  first.title_en = "A title far longer than the thirty-one characters Excel allows: [draft]";
  auto second = first;
  second.name = "other";
  write_tables(dir / "t.xlsx", {first, second}, util::Language::en);
  const auto a = read_table((dir / "t.xlsx").string(), {"A title far longer than the thi", {}});
  const auto b = read_table((dir / "t.xlsx").string(), {"A title far longer than the (2)", {}});
  EXPECT_EQ(a.rows.size(), 2u);
  EXPECT_EQ(b.rows.size(), 2u);
}

TEST(TableWriter, UnknownExtensionIsUsageError) {
  test::TempDir dir;
  EXPECT_THROW(write_tables(dir / "x.doc", {sample()}, util::Language::zh), UsageError);
}

TEST(TableWriter, CsvWritesFurtherTablesBesideTheFirst) {
  test::TempDir dir;
  auto second = sample();
  second.name = "more";
  write_tables(dir / "t.csv", {sample(), second}, util::Language::en);
  EXPECT_TRUE(std::filesystem::exists(dir / "t.csv"));
  EXPECT_TRUE(std::filesystem::exists(dir / "t.more.csv"));
}

}  // namespace quhua::io
