#include "quhua/report/html_document.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "quhua/report/svg_map.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::report {
namespace {

constexpr const char* k_style = R"CSS(
:root { --ink:#1f2d3d; --muted:#5b6b7b; --line:#d8dee6; --accent:#b22222; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
       color: var(--ink); background: #fff; line-height: 1.55; }
header { background: #8b1a1a; color: #fff; padding: 18px 32px; }
header h1 { margin: 0; font-size: 24px; letter-spacing: 1px; }
header .sub { opacity: .85; font-size: 13px; margin-top: 4px; }
main { padding: 12px 32px 40px; max-width: 1280px; }
h2 { border-left: 5px solid var(--accent); padding-left: 10px; margin-top: 28px; font-size: 19px; }
h3 { font-size: 16px; margin-top: 20px; }
p { margin: 8px 0; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(165px, 1fr)); gap: 12px; margin: 12px 0; }
.kpi { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.kpi .label { color: var(--muted); font-size: 13px; }
.kpi .value { font-size: 22px; font-weight: bold; margin: 2px 0; }
.kpi .note { font-size: 12px; color: var(--muted); }
.alert { border: 1px solid #e0b252; background: #fff8e6; padding: 8px 12px; border-radius: 4px; margin: 8px 0; }
.alert.severe { border-color: #d9534f; background: #fdecea; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; }
th { background: #eef2f7; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:nth-child(even) td { background: #fafbfc; }
figure { margin: 10px 0 18px; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
.pair { display: flex; flex-wrap: wrap; gap: 16px; }
.pair figure { flex: 1 1 480px; }
svg.map, svg.chart { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
.more { color: var(--muted); font-size: 12px; }
footer { color: var(--muted); font-size: 12px; padding: 12px 32px; border-top: 1px solid var(--line); }
@media print { header { background: #fff; color: #000; border-bottom: 2px solid #000; } main { padding: 0 8mm; }
  figure, table { break-inside: avoid; } @page { size: A4 landscape; margin: 12mm; } }
)CSS";

std::string num1(double v) { return util::fixed(v, 1); }

}  // namespace

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return "";
  const std::string digits = util::fixed(std::abs(value), decimals);
  const auto dot = digits.find('.');
  std::string integer = digits.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : digits.substr(dot);
  std::string grouped;
  for (std::size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) grouped += ',';
    grouped += integer[i];
  }
  const bool negative = value < 0 && std::stod(digits) != 0.0;
  return (negative ? "-" : "") + grouped + fraction;
}

std::string render_bar_chart(const BarChart& chart) {
  const double label_w = 120, right_pad = 70, row_h = 22, top = chart.title.empty() ? 10 : 30;
  const std::size_t groups = chart.categories.size();
  const std::size_t per = std::max<std::size_t>(chart.series.size(), 1);
  const double group_h = row_h * static_cast<double>(per) * 0.75 + 6;
  const double legend_h = chart.series.size() > 1 ? 22 : 0;
  const double height = top + legend_h + group_h * static_cast<double>(groups) + 34;
  double max_value = 0;
  for (const auto& s : chart.series) {
    for (double v : s.values) {
      if (std::isfinite(v)) max_value = std::max(max_value, v);
    }
  }
  if (std::isfinite(chart.reference)) max_value = std::max(max_value, chart.reference);
  if (max_value <= 0) max_value = 1;
  const double plot_w = chart.width_px - label_w - right_pad;
  auto x_of = [&](double v) { return label_w + plot_w * v / max_value; };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + num1(chart.width_px) +
                    " " + num1(height) + "\" width=\"" + num1(chart.width_px) + "\" height=\"" + num1(height) +
                    "\" font-family=\"'Noto Sans CJK SC','Microsoft YaHei',sans-serif\" font-size=\"11\">\n"
                    "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
  if (!chart.title.empty()) {
    svg += "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">" + xml_escape(chart.title) + "</text>\n";
  }
  double y = top;
  if (chart.series.size() > 1) {
    double lx = label_w;
    for (const auto& s : chart.series) {
      svg += "<rect x=\"" + num1(lx) + "\" y=\"" + num1(y + 4) + "\" width=\"12\" height=\"10\" fill=\"" + s.color +
             "\"/><text x=\"" + num1(lx + 16) + "\" y=\"" + num1(y + 13) + "\">" + xml_escape(s.name) + "</text>\n";
      lx += 30 + 8 * static_cast<double>(s.name.size());
    }
    y += legend_h;
  }
  const double bar_h = row_h * 0.75 - 2;
  for (std::size_t g = 0; g < groups; ++g) {
    svg += "<text x=\"" + num1(label_w - 6) + "\" y=\"" + num1(y + group_h / 2 + 3) + "\" text-anchor=\"end\">" +
           xml_escape(chart.categories[g]) + "</text>\n";
    double by = y + 3;
    for (const auto& s : chart.series) {
      const double v = g < s.values.size() ? s.values[g] : std::nan("");
      if (std::isfinite(v)) {
        svg += "<rect x=\"" + num1(label_w) + "\" y=\"" + num1(by) + "\" width=\"" + num1(std::max(0.5, x_of(v) - label_w)) +
               "\" height=\"" + num1(bar_h) + "\" fill=\"" + s.color + "\"><title>" + xml_escape(s.name) + ": " +
               format_number(v, 0) + "</title></rect><text x=\"" + num1(x_of(v) + 4) + "\" y=\"" +
               num1(by + bar_h - 3) + "\" fill=\"#444\">" + format_number(v, 0) + "</text>\n";
      }
      by += bar_h + 2;
    }
    y += group_h;
  }
  svg += "<line x1=\"" + num1(label_w) + "\" y1=\"" + num1(top + legend_h) + "\" x2=\"" + num1(label_w) + "\" y2=\"" +
         num1(y) + "\" stroke=\"#999\"/>\n";
  if (std::isfinite(chart.reference)) {
    const double rx = x_of(chart.reference);
    svg += "<line x1=\"" + num1(rx) + "\" y1=\"" + num1(top + legend_h) + "\" x2=\"" + num1(rx) + "\" y2=\"" + num1(y) +
           "\" stroke=\"#b22222\" stroke-dasharray=\"5 3\"/><text x=\"" + num1(rx + 3) + "\" y=\"" + num1(y + 14) +
           "\" fill=\"#b22222\">" + xml_escape(chart.reference_label) + "</text>\n";
  }
  if (!chart.value_label.empty()) {
    svg += "<text x=\"" + num1(label_w) + "\" y=\"" + num1(height - 6) + "\" fill=\"#666\">" +
           xml_escape(chart.value_label) + "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

HtmlDocument::HtmlDocument(std::string title, util::Language language)
    : m_title(std::move(title)), m_language(language) {}

void HtmlDocument::heading(const std::string& text, int level) {
  level = std::clamp(level, 2, 4);
  const std::string tag = "h" + std::to_string(level);
  m_body += "<" + tag + ">" + xml_escape(text) + "</" + tag + ">\n";
}

void HtmlDocument::paragraph(const std::string& text) { m_body += "<p>" + xml_escape(text) + "</p>\n"; }

void HtmlDocument::alert(const std::string& text, bool severe) {
  m_body += std::string("<div class=\"alert") + (severe ? " severe" : "") + "\">" + xml_escape(text) + "</div>\n";
}

void HtmlDocument::key_figures(const std::vector<KeyFigure>& figures) {
  m_body += "<div class=\"kpis\">\n";
  for (const auto& f : figures) {
    m_body += "<div class=\"kpi\"><div class=\"label\">" + xml_escape(f.label) + "</div><div class=\"value\">" +
              xml_escape(f.value) + "</div><div class=\"note\">" + xml_escape(f.note) + "</div></div>\n";
  }
  m_body += "</div>\n";
}

void HtmlDocument::table(const util::ReportTable& table, std::size_t max_rows) {
  m_body += "<table>\n";
  const std::string& title = table.title(m_language);
  if (!title.empty()) m_body += "<caption>" + xml_escape(title) + "</caption>\n";
  m_body += "<thead><tr>";
  for (const auto& column : table.columns) m_body += "<th>" + xml_escape(column.header(m_language)) + "</th>";
  m_body += "</tr></thead>\n<tbody>\n";
  const std::size_t shown = max_rows == 0 ? table.rows.size() : std::min(max_rows, table.rows.size());
  for (std::size_t r = 0; r < shown; ++r) {
    m_body += "<tr>";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto& cell = table.rows[r][c];
      if (const auto* d = std::get_if<double>(&cell)) {
        const int decimals = table.columns[c].decimals >= 0 ? table.columns[c].decimals : 2;
        m_body += "<td class=\"num\">" + format_number(*d, decimals) + "</td>";
      } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
        m_body += "<td class=\"num\">" + format_number(static_cast<double>(*i), 0) + "</td>";
      } else {
        m_body += "<td>" + xml_escape(util::cell_text(cell)) + "</td>";
      }
    }
    m_body += "</tr>\n";
  }
  m_body += "</tbody></table>\n";
  if (shown < table.rows.size()) {
    m_body += "<p class=\"more\">" +
              xml_escape(m_language == util::Language::zh
                             ? "（仅显示前 " + std::to_string(shown) + " 行，共 " + std::to_string(table.rows.size()) + " 行；完整数据见 Excel 表）"
                             : "(first " + std::to_string(shown) + " of " + std::to_string(table.rows.size()) +
                                   " rows; see the workbook for all)") +
              "</p>\n";
  }
}

void HtmlDocument::figure(const std::string& svg, const std::string& caption) {
  m_body += "<figure>" + svg + "<figcaption>" + xml_escape(caption) + "</figcaption></figure>\n";
}

void HtmlDocument::figure_pair(const std::string& left_svg, const std::string& left_caption,
                               const std::string& right_svg, const std::string& right_caption) {
  m_body += "<div class=\"pair\"><figure>" + left_svg + "<figcaption>" + xml_escape(left_caption) +
            "</figcaption></figure><figure>" + right_svg + "<figcaption>" + xml_escape(right_caption) +
            "</figcaption></figure></div>\n";
}

std::string HtmlDocument::render() const {
  const bool zh = m_language == util::Language::zh;
  std::string out = std::string("<!DOCTYPE html>\n<html lang=\"") + (zh ? "zh-CN" : "en") +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
                    "initial-scale=1\">\n<title>" +
                    xml_escape(m_title) + "</title>\n<style>" + k_style + "</style>\n</head>\n<body>\n<header><h1>" +
                    xml_escape(m_title) + "</h1><div class=\"sub\">" +
                    (zh ? "quhua 区划 · 乡镇行政区划调整辅助决策" : "quhua · township division adjustment planning") +
                    "</div></header>\n<main>\n" + m_body + "</main>\n<footer>" +
                    (zh ? "本报告由 quhua 生成，数据与计算均可复现。" : "Generated by quhua; every figure is reproducible.") +
                    "</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace quhua::report
