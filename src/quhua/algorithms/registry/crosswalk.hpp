// Crosswalks (新旧区划对照表): for every unit in force on one date, the units in force on a later date
// that its territory and people went to, with population and area weights, found by following the
// recorded events between the dates and multiplying their links' shares along each chain. With it a
// statistic published for the old units converts to the new ones, totals kept.
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"
#include "quhua/util/findings.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quhua::registry {

struct CrosswalkRow {
  std::int64_t from_unit = 0;
  std::string old_code;
  std::string old_name;
  std::int64_t to_unit = 0;  ///< 0: nowhere (abolished with no successor recorded)
  std::string new_code;
  std::string new_name;
  double population_weight = 0;                       ///< share of the old unit's people that live in the new one
  double area_weight = 0;                             ///< share of the old unit's area that lies in the new one
  WeightBasis population_basis = WeightBasis::whole;  ///< the weakest basis along the chains
  WeightBasis area_basis = WeightBasis::whole;
  int events = 0;  ///< events crossed on the longest chain (0: unchanged)
};

struct Crosswalk {
  Date from;
  Date to;
  std::vector<CrosswalkRow> rows;  ///< by old code, then new code
  /// New units in force on `to` that received nothing (established from no predecessor).
  std::vector<UnitVersion> new_without_predecessor;
  Findings findings;
};

/// Builds the crosswalk from `sources` (units in force on `from`), the events effective in
/// (from, to] in effective order with their links, and `targets` (units in force on `to`).
/// For every source the population weights of its rows sum to 1, and so do the area weights (a
/// source whose chain ends in an abolition without successor has one row with no new unit).
/// A predecessor with successors but no links is split equally (basis equal) with a warning.
Crosswalk build_crosswalk(const Date& from, const Date& to, const std::vector<UnitVersion>& sources,
                          const std::vector<Event>& events, const std::vector<UnitVersion>& targets);

enum class ConvertBy { population, area };

struct ConvertedValue {
  std::string new_code;  ///< empty for the unallocated remainder
  std::string new_name;
  double value = 0;
};

struct Conversion {
  std::vector<ConvertedValue> values;  ///< by new code; the unallocated remainder last, when any
  double source_total = 0;
  double converted_total = 0;                        ///< over new units
  double unallocated = 0;                            ///< from sources with no successor
  std::vector<std::string> sources_without_value;    ///< old codes in the crosswalk absent from `values`
  std::vector<std::string> values_not_in_crosswalk;  ///< given codes that are not sources
};

/// Converts a statistic given per old code (12 digits) to the new units: value(new) =
/// sum over old of weight(old -> new) * value(old), with population or area weights. Counts
/// (people, enterprises) go by population, land by area. converted_total + unallocated equals
/// source_total up to rounding.
Conversion convert(const Crosswalk& crosswalk, const std::map<std::string, double>& values, ConvertBy by);

}  // namespace quhua::registry
