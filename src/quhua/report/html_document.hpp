// HtmlDocument: a self-contained HTML report (inline CSS and SVG, no scripts or network at view
// time) built from headings, key figures, tables, maps and charts. Print-friendly (A4 landscape).
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "quhua/util/report_table.hpp"

namespace quhua::report {

struct KeyFigure {
  std::string label;  ///< 乡镇数量
  std::string value;  ///< "30 → 21"
  std::string note;   ///< "减少 9 个（-30.0%）"
};

struct BarSeries {
  std::string name;
  std::string color;
  std::vector<double> values;  ///< one per category
};

struct BarChart {
  std::string title;
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
  std::string value_label;  ///< axis label, e.g. "人口（人）"
  double width_px = 760;
  /// Optional reference line (e.g. the minimum population), drawn dashed; NaN: none.
  double reference = std::numeric_limits<double>::quiet_NaN();
  std::string reference_label;
};

/// Horizontal grouped bar chart as an <svg> element.
std::string render_bar_chart(const BarChart& chart);

/// Thousands separators and fixed decimals: 12345.6 -> "12,345.6" (decimals >= 0).
std::string format_number(double value, int decimals);

class HtmlDocument {
 public:
  HtmlDocument(std::string title, util::Language language);

  void heading(const std::string& text, int level = 2);
  void paragraph(const std::string& text);
  /// A note box for warnings (e.g. rules a plan breaks).
  void alert(const std::string& text, bool severe);
  void key_figures(const std::vector<KeyFigure>& figures);
  void table(const util::ReportTable& table, std::size_t max_rows = 0);
  void figure(const std::string& svg, const std::string& caption);
  /// Two figures side by side (e.g. before / after maps).
  void figure_pair(const std::string& left_svg, const std::string& left_caption, const std::string& right_svg,
                   const std::string& right_caption);

  std::string render() const;

 private:
  std::string m_title;
  util::Language m_language;
  std::string m_body;
};

}  // namespace quhua::report
