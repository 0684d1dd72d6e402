#include "quhua/algorithms/keytowns/funding.hpp"

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_set>

namespace quhua::keytowns {

namespace {

__extension__ typedef __int128 Wide;  // products of fen (≤ ~1e15) and weights (≤ 1e12 · towns)

constexpr double k_weight_scale = 1e12;

/// "7,000,000.00" for messages.
std::string yuan_text(Fen fen) {
  std::string plain = format_yuan(fen);
  const bool negative = !plain.empty() && plain[0] == '-';
  if (negative) plain.erase(0, 1);
  const auto dot = plain.find('.');
  std::string whole = plain.substr(0, dot);
  for (int pos = static_cast<int>(whole.size()) - 3; pos > 0; pos -= 3)
    whole.insert(static_cast<std::size_t>(pos), ",");
  return (negative ? "-" : "") + whole + plain.substr(dot);
}

/// Bounded proportional apportionment of `budget` among `members` (see the header).
/// @pre Σ lo ≤ budget ≤ Σ hi over members, every weight > 0.
void apportion(const std::vector<std::size_t>& members, const std::vector<Wide>& weight, const std::vector<Fen>& lo,
               const std::vector<Fen>& hi, Fen budget, FundingResult& out) {
  if (members.empty()) return;
  struct Event {
    Fen p;  // breakpoint t = p / q
    Wide q;
    int kind;  // 0: leaves the minimum (becomes free), 1: reaches the maximum
    std::size_t town;
  };
  std::vector<Event> events;
  Wide c = 0;  // Σ of fixed amounts (towns at a bound)
  Wide w = 0;  // Σ of free weights
  for (std::size_t i : members) {
    events.push_back({lo[i], weight[i], 0, i});
    events.push_back({hi[i], weight[i], 1, i});
    out.state[i] = BoundState::at_min;
    c += lo[i];
  }
  auto less = [](const Event& a, const Event& b) {
    const Wide left = static_cast<Wide>(a.p) * b.q, right = static_cast<Wide>(b.p) * a.q;
    if (left != right) return left < right;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.town < b.town;
  };
  std::sort(events.begin(), events.end(), less);
  bool solved = c == budget;  // every town at its minimum
  for (std::size_t k = 0; k < events.size() && !solved;) {
    // f(t) = c + t·w with this segment's states; t = p / q.
    const Event& at = events[k];
    if (static_cast<Wide>(c) * at.q + static_cast<Wide>(at.p) * w >= static_cast<Wide>(budget) * at.q) {
      solved = true;
      break;
    }
    std::size_t end = k;
    while (end < events.size() && static_cast<Wide>(events[end].p) * at.q == static_cast<Wide>(at.p) * events[end].q) {
      ++end;
    }
    for (; k < end; ++k) {
      const Event& e = events[k];
      if (e.kind == 0) {
        c -= lo[e.town];
        w += weight[e.town];
        out.state[e.town] = BoundState::free;
      } else {
        c += hi[e.town];
        w -= weight[e.town];
        out.state[e.town] = BoundState::at_max;
      }
    }
  }
  if (!solved && c != budget) throw InternalError("funding: no multiplier reaches the budget");

  std::vector<std::size_t> free;
  for (std::size_t i : members) {
    if (out.state[i] == BoundState::at_min) out.allocation_fen[i] = lo[i];
    if (out.state[i] == BoundState::at_max) out.allocation_fen[i] = hi[i];
    if (out.state[i] == BoundState::free) free.push_back(i);
  }
  if (free.empty()) return;
  const Wide rest = static_cast<Wide>(budget) - c;
  std::vector<Wide> remainder(out.allocation_fen.size(), 0);
  Wide given = 0;
  for (std::size_t i : free) {
    const Wide product = rest * weight[i];
    out.allocation_fen[i] = static_cast<Fen>(product / w);
    remainder[i] = product % w;
    given += out.allocation_fen[i];
  }
  out.lambda = static_cast<double>(rest) / static_cast<double>(w);
  std::stable_sort(free.begin(), free.end(), [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (Wide left = rest - given, k = 0; left > 0; --left, ++k) ++out.allocation_fen[free[static_cast<std::size_t>(k)]];
}

}  // namespace

std::optional<Fen> try_parse_yuan(std::string_view text) {
  const std::string_view t = util::trim(text);
  Fen whole = 0, cents = 0;
  int decimals = -1;  // -1: before the point
  bool digits = false;
  for (char ch : t) {
    if (ch == ',' && decimals < 0) continue;
    if (ch == '.' && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (ch < '0' || ch > '9') return std::nullopt;
    digits = true;
    if (decimals < 0) {
      if (whole > (std::int64_t{1} << 53) / 1000) return std::nullopt;  // beyond any budget and exact doubles
      whole = whole * 10 + (ch - '0');
    } else {
      if (++decimals > 2) return std::nullopt;
      cents = cents * 10 + (ch - '0');
    }
  }
  if (!digits) return std::nullopt;
  if (decimals == 1) cents *= 10;
  return whole * 100 + cents;
}

Fen parse_yuan(std::string_view text, std::string_view what) {
  if (const auto fen = try_parse_yuan(text)) return *fen;
  throw UsageError(std::string(what) + ": '" + std::string(util::trim(text)) +
                   "' is not an amount in yuan (digits, optional thousands commas, at most 2 decimals)");
}

std::string format_yuan(Fen fen) {
  const bool negative = fen < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : static_cast<std::uint64_t>(fen);
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() < 2) cents.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

FundingResult allocate_budget(const std::vector<FundingRecipient>& recipients, const FundingRules& rules) {
  const std::size_t m = recipients.size();
  if (m == 0) throw InputError(ErrorCode::input_value, "no town to fund");
  if (rules.budget_fen < 0 || rules.min_fen < 0 || (rules.max_fen && *rules.max_fen < 0)) {
    throw UsageError("budget, minimum and maximum must not be negative");
  }
  std::unordered_set<std::string> seen;
  std::vector<Fen> lo(m), hi(m);
  Wide sum_lo = 0, sum_hi = 0;
  double max_score = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const auto& r = recipients[i];
    const ErrorContext where{"", "", r.code, "score"};
    if (!seen.insert(r.code).second) throw InputError(ErrorCode::input_duplicate, "town listed twice", where);
    if (!std::isfinite(r.score) || r.score < 0) {
      throw InputError(ErrorCode::input_value, "score must be a finite number >= 0", where);
    }
    max_score = std::max(max_score, r.score);
    lo[i] = r.min_fen.value_or(rules.min_fen);
    hi[i] = r.max_fen.value_or(rules.max_fen.value_or(rules.budget_fen));
    if (lo[i] < 0 || hi[i] < 0) throw InputError(ErrorCode::input_value, "negative minimum or maximum", where);
    if (lo[i] > hi[i]) {
      throw InputError(ErrorCode::input_value,
                       "minimum " + yuan_text(lo[i]) + " yuan exceeds maximum " + yuan_text(hi[i]) + " yuan", where);
    }
    sum_lo += lo[i];
    sum_hi += hi[i];
  }
  if (sum_lo > rules.budget_fen) {
    throw InputError(ErrorCode::input_value, "infeasible: the minimums of " + std::to_string(m) + " towns need " +
                                                 yuan_text(static_cast<Fen>(sum_lo)) + " yuan but the budget is " +
                                                 yuan_text(rules.budget_fen) +
                                                 " yuan; lower the minimum or fund fewer towns");
  }
  if (sum_hi < rules.budget_fen) {
    throw InputError(ErrorCode::input_value, "infeasible: the maximums of " + std::to_string(m) + " towns allow only " +
                                                 yuan_text(static_cast<Fen>(sum_hi)) + " yuan but the budget is " +
                                                 yuan_text(rules.budget_fen) +
                                                 " yuan; raise the maximum or fund more towns");
  }

  std::vector<Wide> weight(m, 1);
  if (max_score > 0) {
    for (std::size_t i = 0; i < m; ++i) {
      weight[i] = static_cast<Wide>(std::llround(recipients[i].score / max_score * k_weight_scale));
    }
  }
  FundingResult out;
  out.allocation_fen.assign(m, 0);
  out.state.assign(m, BoundState::at_min);
  std::vector<std::size_t> positive, zero;
  for (std::size_t i = 0; i < m; ++i) (weight[i] > 0 ? positive : zero).push_back(i);
  Wide zero_min = 0, positive_max = 0;
  for (std::size_t i : zero) zero_min += lo[i];
  for (std::size_t i : positive) positive_max += hi[i];
  const Fen for_positive = rules.budget_fen - static_cast<Fen>(zero_min);
  if (positive_max >= for_positive) {
    for (std::size_t i : zero) out.allocation_fen[i] = lo[i];
    apportion(positive, weight, lo, hi, for_positive, out);
  } else {
    // Every town with a score is at its maximum; the towns scoring 0 share the rest equally.
    for (std::size_t i : positive) {
      out.allocation_fen[i] = hi[i];
      out.state[i] = BoundState::at_max;
    }
    std::vector<Wide> equal(m, 1);
    apportion(zero, equal, lo, hi, rules.budget_fen - static_cast<Fen>(positive_max), out);
  }
  out.total_fen = std::accumulate(out.allocation_fen.begin(), out.allocation_fen.end(), Fen{0});
  if (out.total_fen != rules.budget_fen) throw InternalError("funding: allocation does not sum to the budget");
  out.share.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    out.share[i] =
        rules.budget_fen > 0 ? static_cast<double>(out.allocation_fen[i]) / static_cast<double>(rules.budget_fen) : 0.0;
  }
  return out;
}

}  // namespace quhua::keytowns
