#include "quhua/report/html_document.hpp"

#include <gtest/gtest.h>

namespace quhua::report {

TEST(HtmlDocument, FormatsNumbersWithThousandsSeparators) {
  EXPECT_EQ(format_number(1234567.891, 1), "1,234,567.9");
  EXPECT_EQ(format_number(-1234, 0), "-1,234");
  EXPECT_EQ(format_number(12, 2), "12.00");
  EXPECT_EQ(format_number(-0.001, 1), "0.0");
}

TEST(HtmlDocument, SelfContainedPageWithEscapedTable) {
  HtmlDocument doc("示范县 <方案>", util::Language::zh);
  util::ReportTable table;
  table.title_zh = "对照表";
  table.columns = {{"name", "名称", "Name"}, {"pop", "人口", "Population", 0}};
  table.add_row({std::string("A&B镇"), 12345.0});
  doc.table(table);
  doc.key_figures({{"乡镇数量", "30 → 21", "减少 9 个"}});
  const std::string html = doc.render();
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("示范县 &lt;方案&gt;"), std::string::npos);
  EXPECT_NE(html.find("A&amp;B镇"), std::string::npos);
  EXPECT_NE(html.find("12,345"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org"));  // no external resources
}

TEST(HtmlDocument, BarChartHasOneBarPerValue) {
  BarChart chart;
  chart.categories = {"甲", "乙"};
  chart.series = {{"调整前", "#999", {100, 200}}, {"调整后", "#c00", {300, 400}}};
  chart.reference = 250;
  chart.reference_label = "下限";
  const std::string svg = render_bar_chart(chart);
  std::size_t bars = 0;
  for (auto pos = svg.find("<rect x="); pos != std::string::npos; pos = svg.find("<rect x=", pos + 1)) ++bars;
  EXPECT_EQ(bars, 2u + 4u);  // two legend swatches, four bars
  EXPECT_NE(svg.find("下限"), std::string::npos);
}

}  // namespace quhua::report
