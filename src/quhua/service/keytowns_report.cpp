// service: key-town results as ReportTables (bilingual headers; the same numbers go to the terminal,
// CSV, JSON and XLSX).
#include "quhua/service/keytowns.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>

namespace quhua::service {

namespace {

using util::Cell;
using util::Column;
using util::Language;

Cell text(std::string_view value) { return std::string(value); }
Cell integer(std::int64_t value) { return value; }
Cell optional_integer(const std::optional<int>& value) {
  return value ? Cell{static_cast<std::int64_t>(*value)} : Cell{};
}
Cell optional_number(const std::optional<double>& value) { return util::number_cell(value); }
std::string pick(Language language, std::string_view zh, std::string_view en) {
  return std::string(language == Language::zh ? zh : en);
}

/// The columns every outcome row has (assessment and history tables), and their cells.
std::vector<Column> outcome_columns() {
  return {{"code", "代码", "Code"},
          {"name", "名称", "Name"},
          {"attainment", "目标完成率", "Attainment", 3},
          {"from_status", "考核前状态", "Status before"},
          {"to_status", "考核后状态", "Status after"},
          {"event", "考核结论", "Outcome"},
          {"deadline_year", "整改期限", "Rectify by"}};
}

std::string_view status_label(keytowns::TownStatus s, Language language) {
  return language == Language::zh ? keytowns::status_name_zh(s) : keytowns::status_name(s);
}

std::vector<Cell> outcome_cells(const keytowns::AssessmentOutcome& o, const std::string& name, Language language) {
  return {text(o.code),
          text(name),
          o.checks.empty() ? Cell{} : Cell{o.attainment},
          text(status_label(o.from, language)),
          text(status_label(o.to, language)),
          text(language == Language::zh ? keytowns::event_name_zh(o.event) : keytowns::event_name(o.event)),
          optional_integer(o.deadline_year)};
}

std::string quantile_key(double q) {
  if (q == 0.5) return "rank_median";
  return "rank_p" + std::to_string(static_cast<int>(q * 100 + 0.5));
}

}  // namespace

util::ReportTable rank_score_table(const RankResult& result) {
  util::ReportTable table;
  table.name = "scores";
  table.title_zh = "综合得分与排名";
  table.title_en = "Scores and ranks";
  table.columns = {{"code", "代码", "Code"}, {"score", "综合得分", "Score", 6}, {"rank", "排名", "Rank"}};
  for (std::size_t i : result.order) {
    table.add_row({text(result.matrix.codes[i]), result.scores[i], integer(result.ranks[i])});
  }
  return table;
}

std::vector<util::ReportTable> rank_tables(const RankResult& result) {
  const auto& m = result.matrix;
  const bool topsis = result.topsis.has_value();
  const bool selecting = result.request.selection.k > 0;
  std::vector<util::ReportTable> tables;

  util::ReportTable ranking;
  ranking.name = "ranking";
  ranking.title_zh = "重点镇综合评价排名（" + rank_method_name(result.request.method) + "）";
  ranking.title_en = "Key-town ranking (" + rank_method_name(result.request.method) + ")";
  ranking.columns = {{"rank", "排名", "Rank"},
                     {"code", "代码", "Code"},
                     {"name", "名称", "Name"},
                     {"parent", "上级代码", "Parent"},
                     {"score", "综合得分", "Score", 6}};
  if (topsis) {
    ranking.columns.push_back({"distance_best", "与正理想解距离", "Distance to ideal", 6});
    ranking.columns.push_back({"distance_worst", "与负理想解距离", "Distance to anti-ideal", 6});
  }
  if (selecting) {
    ranking.columns.push_back({"selected", "入选", "Selected"});
    ranking.columns.push_back({"forced", "指定入选", "Must include"});
  }
  const auto& robust = result.robustness;
  if (robust) {
    if (selecting) ranking.columns.push_back({"p_selected", "入选概率", "P(selected)", 3});
    ranking.columns.push_back({"rank_mean", "平均排名", "Mean rank", 2});
    for (double q : result.request.robustness.quantiles) {
      const std::string pct = std::to_string(static_cast<int>(q * 100 + 0.5));
      ranking.columns.push_back({quantile_key(q), "排名" + pct + "%分位", "Rank " + pct + "% quantile"});
    }
  }
  for (std::size_t i : result.order) {
    std::vector<Cell> row{integer(result.ranks[i]), text(m.codes[i]), text(m.names[i]), text(m.parents[i]),
                          result.scores[i]};
    if (topsis) {
      row.push_back(result.topsis->distance_best[i]);
      row.push_back(result.topsis->distance_worst[i]);
    }
    if (selecting) {
      row.push_back(integer(result.selection.is_selected[i] ? 1 : 0));
      row.push_back(integer(result.selection.is_forced[i] ? 1 : 0));
    }
    if (robust) {
      if (selecting) row.push_back(robust->top_k_probability[i]);
      row.push_back(robust->rank_mean[i]);
      for (int rank : robust->rank_quantiles[i]) row.push_back(integer(rank));
    }
    ranking.add_row(std::move(row));
  }
  tables.push_back(std::move(ranking));

  util::ReportTable weights;
  weights.name = "weights";
  weights.title_zh = "指标与权重（归一化：" + std::string(mcda::normalization_name(result.normalization)) + "）";
  weights.title_en =
      "Indicators and weights (normalisation: " + std::string(mcda::normalization_name(result.normalization)) + ")";
  weights.columns = {{"indicator", "指标", "Indicator"}, {"direction", "方向", "Direction"}};
  if (result.entropy) {
    weights.columns.push_back({"entropy", "信息熵", "Entropy e", 6});
    weights.columns.push_back({"divergence", "差异系数", "Divergence 1-e", 6});
    weights.columns.push_back({"entropy_weight", "熵权", "Entropy weight", 6});
  }
  if (result.ahp) weights.columns.push_back({"ahp_weight", "AHP权重", "AHP weight", 6});
  if (!result.given.empty()) weights.columns.push_back({"given_weight", "给定权重", "Given weight", 6});
  weights.columns.push_back({"weight", "最终权重", "Weight", 6});
  if (robust) {
    weights.columns.push_back({"weight_mean", "扰动后均值", "Perturbed mean", 6});
    weights.columns.push_back({"weight_sd", "扰动后标准差", "Perturbed sd", 6});
  }
  for (std::size_t j = 0; j < m.cols(); ++j) {
    std::vector<Cell> row{text(m.indicators[j].name),
                          text(m.indicators[j].direction == mcda::Direction::benefit ? "+" : "-")};
    if (result.entropy) {
      row.push_back(result.entropy->entropy[j]);
      row.push_back(result.entropy->divergence[j]);
      row.push_back(result.entropy->weights[j]);
    }
    if (result.ahp) {
      const auto& labels = result.ahp_matrix->labels;
      const auto k =
          static_cast<std::size_t>(std::find(labels.begin(), labels.end(), m.indicators[j].name) - labels.begin());
      row.push_back(result.ahp->weights[k]);
    }
    if (!result.given.empty()) row.push_back(result.given[j]);
    row.push_back(result.weights[j]);
    if (robust) {
      row.push_back(robust->weight_mean[j]);
      row.push_back(robust->weight_sd[j]);
    }
    weights.add_row(std::move(row));
  }
  tables.push_back(std::move(weights));

  if (result.ahp) {
    util::ReportTable ahp;
    ahp.name = "ahp";
    ahp.title_zh = "层次分析法一致性检验";
    ahp.title_en = "AHP consistency";
    ahp.columns = {{"matrix", "判断矩阵", "Matrix"},
                   {"n", "阶数", "n"},
                   {"lambda_max", "最大特征根", "lambda max", 4},
                   {"ci", "CI", "CI", 4},
                   {"ri", "RI", "RI", 2},
                   {"cr", "CR", "CR", 4},
                   {"iterations", "幂法迭代次数", "Power iterations"}};
    ahp.add_row({text(result.ahp_matrix->name), integer(static_cast<std::int64_t>(result.ahp_matrix->size())),
                 result.ahp->lambda_max, result.ahp->ci, result.ahp->ri, result.ahp->cr,
                 integer(result.ahp->iterations)});
    tables.push_back(std::move(ahp));
  }
  if (robust) {
    util::ReportTable settings;
    settings.name = "robustness";
    settings.title_zh = "权重扰动稳健性检验（蒙特卡洛）";
    settings.title_en = "Weight robustness (Monte Carlo)";
    const auto& o = result.request.robustness;
    settings.columns = {{"samples", "抽样次数", "Draws"},
                        {"seed", "随机种子", "Seed"},
                        {"perturbation", "扰动方式", "Perturbation"},
                        {"concentration", "Dirichlet集中度", "Dirichlet concentration", 1},
                        {"uniform_range", "均匀扰动幅度", "Uniform range", 3},
                        {"top_k", "入选数K", "K"}};
    settings.add_row({integer(static_cast<std::int64_t>(robust->samples)), integer(static_cast<std::int64_t>(o.seed)),
                      text(mcda::perturbation_name(o.perturbation)), o.concentration, o.uniform_range,
                      integer(static_cast<std::int64_t>(result.request.selection.k))});
    tables.push_back(std::move(settings));
  }
  return tables;
}

std::vector<util::ReportTable> assess_tables(const AssessResult& result, Language language) {
  util::ReportTable towns;
  towns.name = "assessment";
  towns.title_zh = std::to_string(result.year) + "年度重点镇考核结果";
  towns.title_en = "Key-town assessment " + std::to_string(result.year);
  towns.columns = outcome_columns();
  towns.columns.push_back({"warning_count", "连续预警年数", "Years in warning"});
  util::ReportTable checks;
  checks.name = "checks";
  checks.title_zh = std::to_string(result.year) + "年度目标完成明细";
  checks.title_en = "Target checks " + std::to_string(result.year);
  checks.columns = {{"code", "代码", "Code"},
                    {"name", "名称", "Name"},
                    {"indicator", "指标", "Indicator"},
                    {"comparison", "要求", "Requirement"},
                    {"target", "目标值", "Target"},
                    {"actual", "实际值", "Actual"},
                    {"attainment", "完成率", "Attainment", 3},
                    {"met", "达标", "Met"}};
  for (const auto& o : result.outcomes) {
    const auto name_it = result.names.find(o.code);
    const std::string name = name_it == result.names.end() ? std::string() : name_it->second;
    auto row = outcome_cells(o, name, language);
    row.push_back(integer(o.warning_count));
    towns.add_row(std::move(row));
    for (const auto& c : o.checks) {
      checks.add_row({text(o.code), text(name), text(c.indicator), text(keytowns::comparison_symbol(c.comparison)),
                      c.target, optional_number(c.actual), c.attainment,
                      text(c.met ? pick(language, "是", "yes") : pick(language, "否", "no"))});
    }
  }
  return {towns, checks};
}

std::vector<util::ReportTable> history_tables(const KeytownHistoryResult& result, Language language) {
  util::ReportTable towns;
  towns.name = "towns";
  towns.title_zh = "重点镇名录与当前状态";
  towns.title_en = "Key towns and their current status";
  towns.columns = {{"code", "代码", "Code"},
                   {"name", "名称", "Name"},
                   {"parent", "上级代码", "Parent"},
                   {"designated_year", "确定年份", "Designated"},
                   {"status", "当前状态", "Status"},
                   {"deadline_year", "整改期限", "Rectify by"},
                   {"last_assessed_year", "最近考核年度", "Last assessed"}};
  for (const auto& t : result.towns) {
    towns.add_row({text(t.code), text(t.name), text(t.parent_code), integer(t.designated_year),
                   text(status_label(t.state.status, language)), optional_integer(t.state.deadline_year),
                   optional_integer(t.last_assessed_year)});
  }
  util::ReportTable history;
  history.name = "history";
  history.title_zh = "重点镇考核历史";
  history.title_en = "Assessment history";
  history.columns = {{"year", "年度", "Year"}};
  for (auto& column : outcome_columns()) history.columns.push_back(std::move(column));
  history.columns.push_back({"assessed_at", "考核时间(UTC)", "Assessed at (UTC)"});
  history.columns.push_back({"assessed_by", "考核人", "Assessed by"});
  for (const auto& r : result.records) {
    std::vector<Cell> row{integer(r.outcome.year)};
    for (auto& cell : outcome_cells(r.outcome, r.name, language)) row.push_back(std::move(cell));
    row.push_back(text(r.assessed_at));
    row.push_back(text(r.assessed_by));
    history.add_row(std::move(row));
  }
  std::vector<util::ReportTable> tables{towns, history};
  if (!result.audit.empty()) {
    util::ReportTable audit;
    audit.name = "audit";
    audit.title_zh = "操作记录";
    audit.title_en = "Audit log";
    audit.columns = {{"id", "序号", "#"},
                     {"at", "时间(UTC)", "At (UTC)"},
                     {"actor", "操作人", "Actor"},
                     {"action", "操作", "Action"},
                     {"detail", "内容", "Detail"}};
    for (const auto& e : result.audit)
      audit.add_row({integer(e.id), text(e.at), text(e.actor), text(e.action), text(e.detail)});
    tables.push_back(std::move(audit));
  }
  return tables;
}

std::vector<util::ReportTable> fund_tables(const FundResult& result, Language language) {
  util::ReportTable funding;
  funding.name = "funding";
  funding.title_zh = "重点镇扶持资金分配";
  funding.title_en = "Key-town support fund allocation";
  funding.columns = {{"code", "代码", "Code"},
                     {"name", "名称", "Name"},
                     {"score", "综合得分", "Score", 6},
                     {"min_yuan", "下限(元)", "Minimum (yuan)", 2},
                     {"max_yuan", "上限(元)", "Maximum (yuan)", 2},
                     {"allocation_yuan", "分配金额(元)", "Allocation (yuan)", 2},
                     {"allocation_fen", "分配金额(分)", "Allocation (fen)"},
                     {"share", "占比", "Share", 4},
                     {"bound", "约束", "Bound"}};
  const auto& a = result.allocation;
  auto yuan = [](keytowns::Fen fen) { return static_cast<double>(fen) / 100.0; };
  for (std::size_t i = 0; i < result.codes.size(); ++i) {
    std::string bound;
    switch (a.state[i]) {
      case keytowns::BoundState::free:
        bound = pick(language, "按得分", "by score");
        break;
      case keytowns::BoundState::at_min:
        bound = pick(language, "保底", "at minimum");
        break;
      case keytowns::BoundState::at_max:
        bound = pick(language, "封顶", "at maximum");
        break;
    }
    funding.add_row({text(result.codes[i]), text(result.names[i]), result.scores[i], yuan(result.min_fen[i]),
                     yuan(result.max_fen[i]), yuan(a.allocation_fen[i]), integer(a.allocation_fen[i]), a.share[i],
                     text(bound)});
  }
  util::ReportTable summary;
  summary.name = "funding_summary";
  summary.title_zh = "资金分配汇总";
  summary.title_en = "Allocation summary";
  summary.columns = {{"towns", "镇数", "Towns"},
                     {"budget_yuan", "预算(元)", "Budget (yuan)"},
                     {"allocated_yuan", "已分配(元)", "Allocated (yuan)"},
                     {"allocated_fen", "已分配(分)", "Allocated (fen)"},
                     {"difference_fen", "差额(分)", "Difference (fen)"}};
  summary.add_row({integer(static_cast<std::int64_t>(result.codes.size())),
                   text(keytowns::format_yuan(result.rules.budget_fen)), text(keytowns::format_yuan(a.total_fen)),
                   integer(a.total_fen), integer(result.rules.budget_fen - a.total_fen)});
  return {funding, summary};
}

}  // namespace quhua::service
