#include "quhua/report/plan_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/report/plan_tables.hpp"
#include "support/grid_county.hpp"
#include "support/test_support.hpp"

namespace quhua::report {
namespace {

//   A A B C
//   A D B C      A 3000, B 4000, C 12000, D 800 (inside A's bend), E 9000, F 2500
//   E E F C
test::GridCounty county() {
  return test::GridCounty({"AABC", "ADBC", "EEFC"},
                          {{'A', 3000}, {'B', 4000}, {'C', 12000}, {'D', 800}, {'E', 9000}, {'F', 2500}});
}

}  // namespace

TEST(PlanReport, HtmlCarriesFiguresMapsAlertsAndTables) {
  const auto c = county();
  const auto plan = c.plan({"ADB", "C", "EF"});
  metrics::EvaluationOptions options;
  options.rules.min_population = 10000;
  options.unit_perimeter_m = c.perimeter_m;
  const auto evaluation = metrics::evaluate_plan(c.units, &c.graph, plan, options);
  PlanReportInput input;
  input.title = "示范县乡镇行政区划调整方案评估";
  input.units = &c.units;
  input.graph = &c.graph;
  input.rules = options.rules;
  PlanReportEntry entry{"plan", &plan, &evaluation, {}};
  for (const auto& members : plan.members()) {
    std::vector<const model::MultiPolygon*> parts;
    for (auto u : members) parts.push_back(&c.units[u].geometry);
    entry.region_shapes.push_back(geometry::union_all(parts));
  }
  input.plans.push_back(entry);
  const std::string html = plan_report_html(input);
  EXPECT_NE(html.find("单位数量从 6 个减为 3 个，减少 3 个，减幅 50.0%。"), std::string::npos);
  EXPECT_EQ(std::count(html.begin(), html.end(), '\n') > 50, true);
  std::size_t maps = 0;
  for (auto p = html.find("class=\"map\""); p != std::string::npos; p = html.find("class=\"map\"", p + 1)) ++maps;
  EXPECT_EQ(maps, 3u);
  // R3 = E + F has 11,500 residents; A + D + B has 7,800 < 10,000: the alert names it.
  EXPECT_NE(html.find("人口下限 10,000 人：1 个单位不符合（最低 7,800 人）。涉及：A镇（R1）"), std::string::npos);
  EXPECT_NE(html.find("乡镇行政区划调整前后对照表"), std::string::npos);
  EXPECT_NE(html.find("撤销，并入A镇"), std::string::npos);

  // Look at it: QUHUA_REPORT_DIR=/some/dir keeps the page for a browser screenshot.
  if (const char* dir = std::getenv("QUHUA_REPORT_DIR")) test::write_file(std::string(dir) + "/plan_report.html", html);
}

TEST(PlanReport, EnglishTablesUseEnglishHeaders) {
  const auto c = county();
  const auto plan = c.plan({"ADB", "C", "EF"});
  const auto evaluation = metrics::evaluate_plan(c.units, &c.graph, plan, {});
  const auto tables = plan_tables(c.units, plan, evaluation);
  ASSERT_EQ(tables.size(), 4u);
  EXPECT_EQ(tables[1].name, "crosswalk");
  EXPECT_EQ(tables[1].rows.size(), 6u);  // one row per former unit
  EXPECT_EQ(tables[2].rows.size(), 3u);  // one row per new unit
  EXPECT_EQ(tables[2].columns[8].header(util::Language::en), "Population");
}

TEST(PlanReport, EnglishTablesSpeakEnglishThroughout) {
  // --lang en: not only the headers but the row labels, verdicts, sentences and adjustment methods.
  const auto c = county();
  const auto plan = c.plan({"ADB", "C", "EF"});
  metrics::EvaluationOptions options;
  options.rules.min_population = 10000;
  const auto evaluation = metrics::evaluate_plan(c.units, &c.graph, plan, options);
  const auto has_cjk = [](const std::string& text) {
    // UTF-8 lead bytes 0xE4-0xE9 start the CJK Unified Ideographs (U+4E00-U+9FFF).
    return std::any_of(text.begin(), text.end(), [](char ch) {
      const auto b = static_cast<unsigned char>(ch);
      return b >= 0xE4 && b <= 0xE9;
    });
  };
  const auto indicators = indicator_table(evaluation, util::Language::en);
  for (const auto& row : indicators.rows) EXPECT_FALSE(has_cjk(util::cell_text(row[0]))) << util::cell_text(row[0]);
  EXPECT_EQ(util::cell_text(indicators.rows[0][0]), "Units");
  const auto rules = rule_table(evaluation, util::Language::en);
  bool failed_min = false;
  for (const auto& row : rules.rows) {
    EXPECT_FALSE(has_cjk(util::cell_text(row[0]))) << util::cell_text(row[0]);
    EXPECT_FALSE(has_cjk(util::cell_text(row[6]))) << util::cell_text(row[6]);
    if (util::cell_text(row[1]) == "min_population") failed_min = util::cell_text(row[2]) == "fail";
  }
  EXPECT_TRUE(failed_min);  // A + D + B: 7,800 < 10,000
  const auto crosswalk = crosswalk_table(c.units, plan, evaluation, util::Language::en);
  EXPECT_EQ(util::cell_text(crosswalk.rows[0].back()), "merged (seat)");  // A, the seat of A + D + B
  // The default stays Chinese.
  EXPECT_EQ(util::cell_text(indicator_table(evaluation).rows[0][0]), "单位数量（个）");
}

TEST(PlanReport, ComparisonShowsOnlyIndicatorsSomePlanHas) {
  // Without a road network no plan has travel times: no empty travel-time column.
  const auto c = county();
  const auto one = metrics::evaluate_plan(c.units, &c.graph, c.plan({"ADB", "C", "EF"}), {});
  const auto two = metrics::evaluate_plan(c.units, &c.graph, c.plan({"AD", "B", "C", "EF"}), {});
  const auto has_column = [](const util::ReportTable& table, const std::string& key) {
    return std::any_of(table.columns.begin(), table.columns.end(), [&](const auto& col) { return col.key == key; });
  };
  const auto table = comparison_table(metrics::compare_plans({"one", "two"}, {one, two}, {}));
  EXPECT_FALSE(has_column(table, "weighted_mean_travel_min"));
  EXPECT_TRUE(has_column(table, "weighted_mean_distance_km"));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].size(), table.columns.size());
}

}  // namespace quhua::report
