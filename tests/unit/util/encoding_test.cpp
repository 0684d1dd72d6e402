#include "quhua/util/encoding.hpp"

#include <gtest/gtest.h>

#include "quhua/util/error.hpp"

namespace quhua::util {

const std::string k_gbk_chengguanzhen = "\xB3\xC7\xB9\xD8\xD5\xF2";  // 城关镇

TEST(Encoding, DetectsUtf8AndGbk) {
  EXPECT_EQ(detect_encoding("城关镇"), Encoding::utf8);
  EXPECT_EQ(detect_encoding(k_gbk_chengguanzhen), Encoding::gb18030);
}

TEST(Encoding, ConvertsGbkToUtf8) { EXPECT_EQ(to_utf8(k_gbk_chengguanzhen, Encoding::gb18030), "城关镇"); }

TEST(Encoding, RejectsInvalidBytesWithEncodingError) {
  try {
    to_utf8("\xB3", Encoding::gb18030);  // truncated double-byte character
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_encoding);
  }
  EXPECT_THROW(to_utf8("\xFF\xFE", Encoding::utf8), InputError);
}

TEST(Encoding, ParsesCommonNames) {
  EXPECT_EQ(parse_encoding("GBK"), Encoding::gb18030);
  EXPECT_EQ(parse_encoding("cp936"), Encoding::gb18030);
  EXPECT_EQ(parse_encoding("utf8"), Encoding::utf8);
  EXPECT_FALSE(parse_encoding("latin9"));
}

TEST(Encoding, SpotsGbkReadAsLatin1) {
  // 城关镇 in GBK, each byte taken as a Latin-1 character and written as UTF-8.
  EXPECT_TRUE(looks_like_mojibake("\xC2\xB3\xC3\x87\xC2\xB9\xC3\x98\xC3\x95\xC3\xB2"));
  EXPECT_TRUE(looks_like_mojibake("abc\xEF\xBF\xBD"));
  EXPECT_FALSE(looks_like_mojibake("城关镇"));
  EXPECT_FALSE(looks_like_mojibake("Zürich"));
}

}  // namespace quhua::util
