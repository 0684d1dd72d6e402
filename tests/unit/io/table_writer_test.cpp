#include "quhua/io/table_writer.hpp"

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
  GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  ASSERT_NE(ds, nullptr);
  OGRLayerH layer = GDALDatasetGetLayerByName(ds, "towns");
  ASSERT_NE(layer, nullptr);
  OGR_L_ResetReading(layer);
  OGRFeatureH feature = OGR_L_GetNextFeature(layer);
  ASSERT_NE(feature, nullptr);
  EXPECT_STREQ(OGR_F_GetFieldAsString(feature, 0), "城关镇");
  EXPECT_DOUBLE_EQ(OGR_F_GetFieldAsDouble(feature, 1), 12345.0);
  EXPECT_DOUBLE_EQ(OGR_F_GetFieldAsDouble(feature, 2), 20.4567);
  OGR_F_Destroy(feature);
  GDALClose(ds);
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
