// Does an official edition cover what the registry holds? `sync` records what an edition changed as
// events that can never be removed; an edition cut short (a file truncated after 20,000 rows, one
// province's tables against a national registry) would read as the abolition of every township it
// lacks. Its coverage is compared with the registry's before anything is recorded.
#pragma once

#include "quhua/algorithms/registry/registry_types.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace quhua::registry {

/// An area of the registry for which the edition has no township.
struct CoverageGap {
  std::string code;  ///< 12 digits: a province, prefecture or county
  std::string name;
  model::UnitLevel level = model::UnitLevel::province;
  std::size_t registry_townships = 0;  ///< townships the registry holds in force under it
  bool listed = false;                 ///< the edition lists the area itself, with no township under it
};

struct Coverage {
  std::size_t registry_townships = 0;   ///< in force in the registry (the state compared)
  std::size_t official_townships = 0;   ///< the edition's (as compared: within the same scope)
  std::size_t uncovered_townships = 0;  ///< the registry's townships under a gap
  std::vector<CoverageGap> gaps;        ///< the topmost areas only (not a gap's own prefectures), by code
};

/// The areas of `expected` (the registry's state) that hold townships while `official` has none under
/// them: a province always; a prefecture or county only when the edition lists it, since an area the
/// edition lacks was re-coded or merged, which the diff explains (莱芜市 into 济南市). On the NBS
/// editions 2016-2023, each against the one before, there is no gap.
Coverage edition_coverage(const Snapshot& expected, const Snapshot& official);

/// "51 四川省 (4,346 townships), 5301 昆明市 (...)" for the first `shown` gaps, then "and N more".
std::string describe_gaps(const Coverage& coverage, std::size_t shown = 8);

}  // namespace quhua::registry
