# quhua_precompile(TARGET [HEADERS...]): a precompiled header of the standard headers every quhua
# source uses, plus the heavy header-only libraries a target names (nlohmann-json, CLI11). Header-only
# libraries parsed in every file are most of a clean build's time on two cores.
function(quhua_precompile target)
  target_precompile_headers(${target} PRIVATE
    <algorithm> <cmath> <cstdint> <functional> <map> <memory> <optional> <string> <string_view>
    <unordered_map> <vector> ${ARGN})
endfunction()
