// The synthetic counties the synthetic suite checks, generated once per test program.
#pragma once

#include <map>

#include "quhua/synthetic/synthetic_county.hpp"

namespace quhua::synthetic::test {

/// The default county (CountyOptions{}), the one `quhua generate` and `quhua diagnose` use.
inline const SyntheticCounty& default_county() {
  static const SyntheticCounty county = generate_county();
  return county;
}

/// The county for another seed (default options otherwise).
inline const SyntheticCounty& county_with_seed(std::uint64_t seed) {
  static std::map<std::uint64_t, SyntheticCounty> counties;
  auto it = counties.find(seed);
  if (it == counties.end()) {
    CountyOptions options;
    options.seed = seed;
    it = counties.emplace(seed, generate_county(options)).first;
  }
  return it->second;
}

}  // namespace quhua::synthetic::test
