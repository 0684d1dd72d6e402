#include "quhua/util/strings.hpp"

#include <gtest/gtest.h>

namespace quhua::util {

TEST(Strings, ParseDoubleAcceptsThousandsSeparatorsAndRejectsGarbage) {
  EXPECT_EQ(parse_double(" 12,345 "), 12345.0);
  EXPECT_EQ(parse_double("-3.5"), -3.5);
  EXPECT_EQ(parse_double("+7"), 7.0);
  EXPECT_FALSE(parse_double(""));
  EXPECT_FALSE(parse_double("abc"));
  EXPECT_FALSE(parse_double("1.2.3"));
  EXPECT_FALSE(parse_double("nan"));
  EXPECT_FALSE(parse_double("inf"));
}

TEST(Strings, ParseIntIsStrict) {
  EXPECT_EQ(parse_int("42"), 42);
  EXPECT_FALSE(parse_int("4.2"));
  EXPECT_FALSE(parse_int("x1"));
}

TEST(Strings, TrimDropsBlanksAndByteOrderMark) {
  EXPECT_EQ(trim("  a b \r\n"), "a b");
  EXPECT_EQ(trim("\xEF\xBB\xBF" "code"), "code");
  EXPECT_EQ(trim("   "), "");
}

TEST(Strings, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("城关镇"));
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_FALSE(is_valid_utf8("\xB3\xC7\xB9\xD8\xD5\xF2"));  // 城关镇 in GBK
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));                  // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));              // surrogate
  EXPECT_EQ(utf8_length("城关镇ab"), 5u);
  EXPECT_TRUE(has_cjk("x城"));
  EXPECT_FALSE(has_cjk("abc"));
}

TEST(Strings, SplitKeepsEmptyFields) {
  const auto parts = split("a,,b,", ',');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[3], "");
  EXPECT_EQ(join(parts, "|"), "a||b|");
}

TEST(Strings, FindsControlCharactersInNames) {
  EXPECT_EQ(first_control_character("城东街道"), "");
  EXPECT_EQ(first_control_character("Chengdong Jiedao (城东)"), "");
  EXPECT_EQ(first_control_character("城东\n街道"), "U+000A");
  EXPECT_EQ(first_control_character("城东\t街道\r"), "U+0009");
  EXPECT_EQ(first_control_character(std::string("a\0b", 3)), "U+0000");
  EXPECT_EQ(first_control_character("a\x7f"), "U+007F");
  EXPECT_EQ(first_control_character("a\xc2\x85"), "U+0085");  // NEL
  EXPECT_EQ(first_control_character("城东\xe2\x80\xa8街道"), "U+2028");
  EXPECT_EQ(first_control_character("\xe2\x80\x94"), "");  // an em dash is text
}

}  // namespace quhua::util

namespace quhua::util {

TEST(Strings, FixedPrintsLargeNumbersWithEveryDigit) {
  // A 64-byte buffer once cut numbers >= 1e63 short: every digit now, and the text reads back exactly.
  for (double v : {1e63, -4.5e100, 1e300, 1.7976931348623157e308}) {
    const std::string text = fixed(v, 2);
    EXPECT_EQ(std::stod(text), v) << text;
    EXPECT_EQ(text.substr(text.size() - 3), ".00") << text;
  }
  EXPECT_EQ(fixed(1e300, 0).size(), 301u);
  EXPECT_EQ(fixed(1e63, 0).substr(0, 12), "100000000000");
  EXPECT_EQ(fixed(2.5, 3), "2.500");
  EXPECT_EQ(fixed(-0.125, 2), "-0.12");
}

TEST(Strings, GeneralIsTheShortestTextThatReadsBack) {
  EXPECT_EQ(general(5e307), "5e+307");
  EXPECT_EQ(general(0.1), "0.1");
  EXPECT_EQ(general(12345), "12345");
  EXPECT_EQ(std::stod(general(1.0 / 3)), 1.0 / 3);
}

}  // namespace quhua::util
