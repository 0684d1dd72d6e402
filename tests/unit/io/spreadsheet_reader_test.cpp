#include "quhua/io/spreadsheet_reader.hpp"

#include <gtest/gtest.h>

#include "quhua/io/table_writer.hpp"
#include "quhua/util/error.hpp"
#include "support/test_support.hpp"

namespace quhua::io {

TEST(SpreadsheetReader, ReadsXlsxWrittenByUsAsText) {
  test::TempDir dir;
  util::ReportTable table;
  table.name = "data";
  table.columns = {{"code", "代码", "Code"}, {"gdp", "生产总值", "GDP"}};
  table.add_row({std::string("510104001"), 0.125});
  table.add_row({std::string("510104002"), 12345.0});
  write_tables(dir / "t.xlsx", {table}, util::Language::en);
  const auto read = read_table((dir / "t.xlsx").string());
  ASSERT_EQ(read.header.size(), 2u);
  EXPECT_EQ(read.header[0], "Code");
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[0][0], "510104001");
  EXPECT_EQ(read.rows[0][1], "0.125");
  EXPECT_EQ(read.rows[1][1], "12345");
  EXPECT_EQ(read.row_lines[1], 3u);
}

TEST(SpreadsheetReader, CsvGoesThroughTheCsvParser) {
  test::TempDir dir;
  test::write_file(dir / "t.csv", "code,name\n1,\xB3\xC7\xB9\xD8\xD5\xF2\n");
  const auto read = read_table((dir / "t.csv").string());
  EXPECT_EQ(read.rows[0][1], "城关镇");
}

TEST(SpreadsheetReader, MissingFileAndSheetAreNamed) {
  test::TempDir dir;
  try {
    read_table((dir / "none.xlsx").string());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_missing);
  }
  util::ReportTable table;
  table.name = "data";
  table.columns = {{"a", "a", "a"}};
  table.add_row({1.0});
  write_tables(dir / "t.xlsx", {table}, util::Language::en);
  try {
    read_table((dir / "t.xlsx").string(), {"nosuch", {}});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().layer, "nosuch");
  }
  test::write_file(dir / "bad.xlsx", "not a zip");
  EXPECT_THROW(read_table((dir / "bad.xlsx").string()), InputError);
}

}  // namespace quhua::io
