#include "quhua/io/spreadsheet_reader.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

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
  EXPECT_EQ(read.row_lines[1], 4u);  // Excel row 4: the title, the header, then the rows
}

TEST(SpreadsheetReader, CsvGoesThroughTheCsvParser) {
  test::TempDir dir;
  test::write_file(dir / "t.csv", "code,name\n1,\xB3\xC7\xB9\xD8\xD5\xF2\n");
  const auto read = read_table((dir / "t.csv").string());
  EXPECT_EQ(read.rows[0][1], "城关镇");
  // A total row closes a CSV as it does a workbook: it is no data row.
  test::write_file(dir / "total.csv", "code,population\n1,800\n2,900\n 合计 ,1700\n");
  const auto totalled = read_table((dir / "total.csv").string());
  ASSERT_EQ(totalled.rows.size(), 2u);
  EXPECT_EQ(totalled.row_lines.size(), 2u);
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

namespace {

/// A workbook as offices make it, written cell by cell: text cells for every value (how 12-digit codes
/// are kept in Excel), with optional rows above the header (a title, a unit note).
void write_office_workbook(const std::filesystem::path& path, const std::vector<std::vector<std::string>>& rows) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "乡镇");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      if (rows[r][c].empty()) continue;
      worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), rows[r][c].c_str(), nullptr);
    }
  }
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
}

}  // namespace

TEST(SpreadsheetReader, AllTextCellsKeepTheirHeader) {
  // Every cell text, codes included: the driver's own guess took the header for data ("Field1").
  test::TempDir dir;
  write_office_workbook(dir / "plan.xlsx", {{"code", "region"}, {"140825100000", "1"}, {"140825101000", "1"}});
  const auto read = read_table((dir / "plan.xlsx").string());
  ASSERT_EQ(read.header, (std::vector<std::string>{"code", "region"}));
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[0][0], "140825100000");
  EXPECT_EQ(read.row_lines[0], 2u);
}

TEST(SpreadsheetReader, TitleAndNoteRowsAboveTheHeaderAreSkipped) {
  test::TempDir dir;
  write_office_workbook(dir / "pop.xlsx", {{"新绛县2020年乡镇人口统计表"},
                                           {"", "", "单位：人"},
                                           {"代码", "名称", "常住人口"},
                                           {"140825100000", "龙兴镇", "81234"},
                                           {"140825101000", "三泉镇", "30112"},
                                           {"合 计", "", "111346"}});
  const auto read = read_table((dir / "pop.xlsx").string());
  ASSERT_EQ(read.header, (std::vector<std::string>{"代码", "名称", "常住人口"}));
  ASSERT_EQ(read.rows.size(), 2u);  // the 合计 row is no township
  EXPECT_EQ(read.rows[1][1], "三泉镇");
  EXPECT_EQ(read.rows[1][2], "30112");
  EXPECT_EQ(read.row_lines[0], 4u);  // the row number a user sees in Excel
}

TEST(SpreadsheetReader, HeaderRowIsTheFirstFullRowOfText) {
  EXPECT_EQ(find_header_row({{"title", "", ""}, {"a", "b", "c"}, {"1", "2", "3"}}), 1u);
  EXPECT_EQ(find_header_row({{"a", "b", "c"}, {"1", "2", "3"}}), 0u);
  // A row of numbers is data, never a header; with no header at all the first row is taken.
  EXPECT_EQ(find_header_row({{"1", "2"}, {"3", "4"}}), 0u);
  // A one-column sheet: its first text cell is the header.
  EXPECT_EQ(find_header_row({{"code"}, {"110101"}}), 0u);
  // A note beside a partial row does not pass for the header of a wide table.
  EXPECT_EQ(find_header_row({{"注", "", "单位：人", "", "", ""}, {"a", "b", "c", "d", "e", "f"}}), 1u);
}

}  // namespace quhua::io
