// service: key towns (重点镇) -- ranking candidates by indicators, the annual assessment kept in the
// store, the assessment history, and splitting a support fund. One function per user-level job:
// request struct in, result struct out; *_tables() turn a result into ReportTables for every writer.
// File formats and methods: docs/keytowns.md.
#pragma once

#include "quhua/algorithms/keytowns/assessment.hpp"
#include "quhua/algorithms/keytowns/funding.hpp"
#include "quhua/algorithms/mcda/ahp.hpp"
#include "quhua/algorithms/mcda/decision_matrix.hpp"
#include "quhua/algorithms/mcda/normalization.hpp"
#include "quhua/algorithms/mcda/robustness.hpp"
#include "quhua/algorithms/mcda/scoring.hpp"
#include "quhua/algorithms/mcda/selection.hpp"
#include "quhua/algorithms/mcda/weighting.hpp"
#include "quhua/service/import_units.hpp"
#include "quhua/storage/keytown_store.hpp"
#include "quhua/util/findings.hpp"
#include "quhua/util/report_table.hpp"
#include "quhua/util/run_control.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quhua::service {

// ---- rank ----------------------------------------------------------------------------------------

/// Where the weights come from: entropy (objective), ahp (pairwise matrix), weights (given),
/// combined (subjective = AHP or given, objective = entropy).
enum class WeightSource { entropy, ahp, given, combined };
enum class Ranker { topsis, weighted_sum };
enum class Combination { linear, multiplicative };

struct RankMethod {
  WeightSource weights = WeightSource::entropy;
  Ranker ranker = Ranker::topsis;
};
/// "entropy-topsis", "ahp-topsis", "weights-topsis", "combined-topsis", and the "-wsm" (weighted sum)
/// variants. Throws UsageError listing the choices.
RankMethod parse_rank_method(const std::string& text);
std::string rank_method_name(const RankMethod& method);

struct RankRequest {
  std::string indicators_path;  ///< CSV or XLSX: code, optional name/parent, one numeric column per indicator
  std::string sheet;            ///< XLSX sheet; empty: the first
  /// Instead of a table: units imported like any layer (--units and the import flags); the indicators
  /// are resident_population, area_km2 and the layer's named indicators (columns.indicators picks some).
  std::optional<ImportRequest> units;
  /// With `units`: only units of these types take part (labels as written, e.g. 镇, or parsed names,
  /// e.g. town); empty: all.
  std::vector<std::string> unit_types;
  mcda::TableColumns columns;   ///< code/name/parent columns, indicator subset, directions
  RankMethod method;
  std::string ahp_path;                   ///< pairwise matrix (CSV/XLSX) for ahp/combined
  std::map<std::string, double> weights;  ///< given weights for weights/combined
  double alpha = 0.5;                     ///< combined: weight of the subjective vector
  Combination combination = Combination::linear;
  /// Default: vector for TOPSIS, min-max for the weighted sum (the weighted sum needs min-max).
  std::optional<mcda::Normalization> normalization;
  mcda::EntropyBasis entropy_basis = mcda::EntropyBasis::raw_share;
  mcda::AhpOptions ahp;
  mcda::SelectionRules selection;      ///< k = 0: no selection
  std::size_t robustness_samples = 0;  ///< 0: no Monte Carlo
  mcda::RobustnessOptions robustness;  ///< seed, perturbation ...; samples taken from robustness_samples
};

struct RankResult {
  RankRequest request;
  mcda::DecisionMatrix matrix;
  mcda::Normalization normalization = mcda::Normalization::vector;
  std::vector<double> weights;  ///< final, one per indicator
  std::optional<mcda::EntropyResult> entropy;
  std::optional<mcda::PairwiseMatrix> ahp_matrix;
  std::optional<mcda::AhpResult> ahp;
  std::vector<double> given;  ///< normalised given weights (weights/combined with --weights)
  std::vector<double> scores;
  std::vector<int> ranks;
  std::vector<std::size_t> order;  ///< alternatives by rank (ties by code)
  std::optional<mcda::TopsisResult> topsis;
  mcda::SelectionResult selection;
  std::optional<mcda::RobustnessResult> robustness;
  Findings findings;
};

RankResult rank_keytowns(const RankRequest& request, const RunControl& control);
/// ranking (rank order, with selection and robustness columns), weights, and ahp when used.
std::vector<util::ReportTable> rank_tables(const RankResult& result);
/// Exactly the columns code, score, rank (rank 1 best), rows in rank order: the --format csv output.
util::ReportTable rank_score_table(const RankResult& result);

// ---- assess --------------------------------------------------------------------------------------

struct AssessRequest {
  std::string db_path;
  int year = 0;
  std::string actuals_path;         ///< long (code, indicator, value[, year]) or wide (code, one column per indicator)
  std::string towns_path;           ///< optional: register/update towns (code, name[, parent][, designated_year])
  std::string targets_path;         ///< optional: set targets (code, indicator, year, target[, comparison][, unit])
  std::string rules_path;           ///< optional JSON rules (docs/keytowns.md); defaults otherwise
  keytowns::AssessmentRules rules;  ///< used when rules_path is empty
  std::string actor;                ///< who assesses (recorded in the history and audit log)
  std::string note;
};

struct AssessResult {
  int year = 0;
  std::int64_t run_id = 0;
  std::vector<keytowns::AssessmentOutcome> outcomes;  ///< by code
  std::map<std::string, std::string> names;           ///< code -> town name
  keytowns::AssessmentRules rules;
  Findings findings;
};

/// Registers towns and targets when given, records the year's figures, moves every key town through
/// the state machine, and stores it all in one transaction.
AssessResult assess_keytowns(const AssessRequest& request);
/// assessment (one row per town) and checks (one row per target).
std::vector<util::ReportTable> assess_tables(const AssessResult& result, util::Language language);

/// Reads rules from JSON text: {"warning_floor": 0.9, "severe_to_rectification": true, "warning_years": 1,
/// "rectification_years": 1, "missing_actual": "error" | "shortfall"}. Unknown keys throw UsageError.
keytowns::AssessmentRules parse_assessment_rules(const std::string& json_text, const std::string& source);
std::string assessment_rules_json(const keytowns::AssessmentRules& rules);

// ---- history -------------------------------------------------------------------------------------

struct KeytownHistoryRequest {
  std::string db_path;
  std::string code;  ///< one town; empty: all
  bool audit = false;
};

struct KeytownHistoryResult {
  std::vector<storage::KeyTown> towns;
  std::vector<storage::AssessmentRecord> records;
  std::vector<storage::AuditEntry> audit;
};

KeytownHistoryResult keytown_history(const KeytownHistoryRequest& request);
/// towns (current register), history (every assessment) and audit (when asked).
std::vector<util::ReportTable> history_tables(const KeytownHistoryResult& result, util::Language language);

// ---- fund ----------------------------------------------------------------------------------------

struct FundRequest {
  std::string scores_path;  ///< CSV/XLSX: code, score[, name][, min_yuan][, max_yuan] (e.g. rank's output)
  std::string sheet;
  std::string score_column = "score";
  keytowns::FundingRules rules;
  std::size_t top = 0;  ///< fund only the `top` highest scores (0: every row)
  std::string db_path;  ///< optional: towns disqualified in this store are not funded
};

struct FundResult {
  std::vector<std::string> codes, names;
  std::vector<double> scores;
  std::vector<keytowns::Fen> min_fen, max_fen;  ///< the bounds applied per town
  keytowns::FundingRules rules;
  keytowns::FundingResult allocation;
  Findings findings;
};

FundResult fund_keytowns(const FundRequest& request);
/// funding (per town, by amount) and funding_summary.
std::vector<util::ReportTable> fund_tables(const FundResult& result, util::Language language);

}  // namespace quhua::service
