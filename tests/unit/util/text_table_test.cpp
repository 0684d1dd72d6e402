#include "quhua/util/text_table.hpp"

#include <gtest/gtest.h>

namespace quhua::util {

TEST(TextTable, ChineseCountsDoubleWidth) {
  EXPECT_EQ(display_width("城关镇"), 6u);
  EXPECT_EQ(display_width("ab"), 2u);
}

TEST(TextTable, AlignsMixedWidthColumns) {
  TextTable table({"名称", "人口"}, {TextTable::Align::left, TextTable::Align::right});
  table.add_row({"城关镇", "12000"});
  table.add_row({"Xi", "5"});
  const std::string text = table.render();
  EXPECT_EQ(text,
            "名称     人口\n"
            "-------------\n"
            "城关镇  12000\n"
            "Xi          5\n");
}

}  // namespace quhua::util
