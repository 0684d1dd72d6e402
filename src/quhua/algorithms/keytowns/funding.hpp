// Splitting a support fund among key towns by score, in fen (分), with a minimum and a maximum per
// town. Everything after reading the scores is integer arithmetic, so the amounts sum to the budget
// exactly.
//
// Method (docs/keytowns.md):
//  1. Scores s_i ≥ 0 become integer weights w_i = round(10^12 · s_i / max s) (all 1 when every score
//     is 0: an equal split).
//  2. The continuous allocation is a_i = clamp(λ·w_i, lo_i, hi_i) with λ chosen so Σ a_i = B (the
//     "iterative capping" of proportional shares done in one pass: Σ clamp is continuous and
//     non-decreasing in λ, so λ is found exactly by walking the sorted breakpoints lo_i/w_i, hi_i/w_i
//     with 128-bit rationals).
//  3. Towns at a bound get the bound. The rest share R = B − Σ(bounds) by largest remainder (Hamilton):
//     q_i = R·w_i / W, each gets ⌊q_i⌋, and the R − Σ⌊q_i⌋ fen left go one each to the largest
//     remainders (ties: input order). Since lo_i ≤ q_i ≤ hi_i and the bounds are whole fen, rounding
//     never breaks a bound.
// When every town with a positive score is at its maximum and budget is left, the towns with score 0
// share the rest equally (within their bounds).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quhua::keytowns {

using Fen = std::int64_t;  ///< 1 yuan = 100 fen

/// Parses an amount in yuan ("68000000", "1,250.5", "0.01") to fen exactly, without floating point.
/// More than two decimals, a sign, garbage or more than 2^53 fen give nullopt.
std::optional<Fen> try_parse_yuan(std::string_view text);
/// The same, throwing UsageError naming `what` (a command-line option) on bad text.
Fen parse_yuan(std::string_view text, std::string_view what);
/// "68000000.00": fen as yuan with two decimals.
std::string format_yuan(Fen fen);

struct FundingRecipient {
  std::string code;
  double score = 0;            ///< ≥ 0, finite
  std::optional<Fen> min_fen;  ///< overrides FundingRules::min_fen for this town
  std::optional<Fen> max_fen;  ///< overrides FundingRules::max_fen for this town
};

struct FundingRules {
  Fen budget_fen = 0;
  Fen min_fen = 0;             ///< per town unless the town has its own
  std::optional<Fen> max_fen;  ///< per town unless the town has its own; none = budget
};

enum class BoundState { free, at_min, at_max };

struct FundingResult {
  std::vector<Fen> allocation_fen;  ///< per recipient, Σ = budget exactly
  std::vector<BoundState> state;    ///< which bound (if any) fixed the amount
  std::vector<double> share;        ///< allocation / budget
  double lambda = 0;                ///< fen per unit of integer weight for the free towns (for reports)
  Fen total_fen = 0;
};

/// Allocates. Throws InputError with the figures in yuan when Σ minimums > budget ("infeasible:
/// minimums need 7,000,000.00 yuan, the budget is 6,800,000.00"), when Σ maximums < budget, when a
/// town's minimum exceeds its maximum, or on negative / non-finite scores, duplicate codes, or no town.
FundingResult allocate_budget(const std::vector<FundingRecipient>& recipients, const FundingRules& rules);

}  // namespace quhua::keytowns
