// The tables of a plan evaluation, bilingual: indicators before/after, the official-style
// 调整前后对照表 (one row per original unit beside its new unit), new units, rule checks, and the
// comparison of several plans. The same tables feed the terminal, CSV, JSON, XLSX and HTML outputs.
#pragma once

#include <string>
#include <vector>

#include "quhua/metrics/plan_comparison.hpp"
#include "quhua/metrics/plan_evaluation.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::report {

/// Chinese and English names of a rule key ("min_population" -> 人口下限 / Minimum population).
std::string rule_label(const std::string& key, util::Language language);

/// One line on a rule's verdict in the report's language, e.g. "人口下限 10,000 人：2 个单位不符合（最低 7,800 人）".
std::string rule_sentence(const metrics::RuleCheck& rule, util::Language language);

/// 指标对照: indicator, before, after, change.
/// Row labels, verdicts and sentences are in `language` (headers carry both languages).
util::ReportTable indicator_table(const metrics::PlanEvaluation& evaluation,
                                  util::Language language = util::Language::zh);
/// 调整前后对照表: 原名称, 原代码, 类型, 面积, 常住人口, 户籍人口, 辖村数 -> 调整后名称, 驻地, 面积, 人口, 辖村数, 调整方式.
util::ReportTable crosswalk_table(const model::UnitTable& units, const model::Plan& plan,
                                  const metrics::PlanEvaluation& evaluation,
                                  util::Language language = util::Language::zh);
/// 调整后单位: one row per new unit.
util::ReportTable region_table(const model::UnitTable& units, const metrics::PlanEvaluation& evaluation);
/// 规则检查: rule, pass, offenders, detail.
util::ReportTable rule_table(const metrics::PlanEvaluation& evaluation, util::Language language = util::Language::zh);
/// 方案比较: one row per plan with its indicators, score and rank.
util::ReportTable comparison_table(const std::vector<metrics::PlanScore>& scores,
                                   util::Language language = util::Language::zh);

/// All tables of one evaluation, in report order.
std::vector<util::ReportTable> plan_tables(const model::UnitTable& units, const model::Plan& plan,
                                           const metrics::PlanEvaluation& evaluation,
                                           util::Language language = util::Language::zh);

}  // namespace quhua::report
