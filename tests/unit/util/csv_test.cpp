#include "quhua/util/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "quhua/util/error.hpp"

namespace quhua::util {

TEST(Csv, ParsesQuotesEmbeddedNewlinesAndCrlf) {
  const auto table = parse_csv("code,name,note\r\n1,\"A, B\",\"say \"\"hi\"\"\"\r\n2,C,\"two\nlines\"\r\n");
  ASSERT_EQ(table.header.size(), 3u);
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0][1], "A, B");
  EXPECT_EQ(table.rows[0][2], "say \"hi\"");
  EXPECT_EQ(table.rows[1][2], "two\nlines");
  EXPECT_EQ(table.row_lines[0], 2u);
  EXPECT_EQ(table.row_lines[1], 3u);
}

TEST(Csv, DropsBomAndGuessesDelimiter) {
  const auto table = parse_csv("\xEF\xBB\xBF" "code;name\n1;x\n");
  EXPECT_EQ(table.header[0], "code");
  EXPECT_EQ(table.rows[0][1], "x");
}

TEST(Csv, DecodesGbk) {
  const auto table = parse_csv("code,name\n1,\xB3\xC7\xB9\xD8\xD5\xF2\n");
  EXPECT_EQ(table.encoding, Encoding::gb18030);
  EXPECT_EQ(table.rows[0][1], "城关镇");
}

/// The InputError parsing `bytes` throws (fails the test when none).
InputError parse_error(std::string_view bytes, const CsvOptions& options = {}) {
  try {
    parse_csv(bytes, options, "t.csv");
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError(ErrorCode::internal, "none");
}

TEST(Csv, ABadByteIsLocatedByLineAndField) {
  // 0xFF is neither UTF-8 nor GB18030: the message used to name only the file.
  const auto e = parse_error("code,name,population\n1,城关镇,100\n2,\xFF\xFF村,200\n3,新村,50\n");
  EXPECT_EQ(e.code(), ErrorCode::input_encoding);
  EXPECT_EQ(e.context().feature, "line 3");
  EXPECT_EQ(e.context().field, "name");
  EXPECT_NE(std::string(e.what()).find("byte 0xFF"), std::string::npos) << e.what();
  // Declared UTF-8, but a GBK name in line 2's third field (after a quoted comma).
  CsvOptions utf8;
  utf8.encoding = Encoding::utf8;
  const auto declared = parse_error("code,note,name\n1,\"a, b\",\xB3\xC7\xB9\xD8\n", utf8);
  EXPECT_EQ(declared.context().feature, "line 2");
  EXPECT_EQ(declared.context().field, "name");
  EXPECT_NE(std::string(declared.what()).find("byte 0xB3 is not valid UTF-8"), std::string::npos) << declared.what();
  // Declared GB18030, and line 3 holds a byte GB18030 has no character for.
  CsvOptions gbk;
  gbk.encoding = Encoding::gb18030;
  const auto bad_gbk = parse_error("code,name\n1,\xB3\xC7\n2,x\xFF\n", gbk);
  EXPECT_EQ(bad_gbk.context().feature, "line 3");
  EXPECT_EQ(bad_gbk.context().field, "name");
}

TEST(Csv, RaggedRowNamesTheLine) {
  try {
    parse_csv("a,b\n1,2\n3\n", {}, "t.csv");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_format);
    EXPECT_EQ(e.context().file, "t.csv");
    EXPECT_EQ(e.context().feature, "line 3");
  }
}

TEST(Csv, UnclosedQuoteAndEmptyFileAreErrors) {
  EXPECT_THROW(parse_csv("a,b\n\"1,2\n"), InputError);
  EXPECT_THROW(parse_csv(""), InputError);
  EXPECT_THROW(parse_csv("\n\n"), InputError);
}

TEST(Csv, SkipsBlankLinesAndAcceptsMissingFinalNewline) {
  const auto table = parse_csv("a,b\n\n1,2\n\n3,4");
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[1][1], "4");
}

TEST(Csv, WriterRoundTrips) {
  std::ostringstream out;
  write_csv_row(out, {"a", "b,c", "d\"e", "f\ng"});
  const auto table = parse_csv("h1,h2,h3,h4\n" + out.str());
  EXPECT_EQ(table.rows[0][1], "b,c");
  EXPECT_EQ(table.rows[0][2], "d\"e");
  EXPECT_EQ(table.rows[0][3], "f\ng");
}

}  // namespace quhua::util
