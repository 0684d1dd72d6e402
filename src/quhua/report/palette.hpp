// Colours for thematic maps: sequential classes for choropleths (quantile breaks), a qualitative
// palette, and a greedy colouring so that neighbouring regions never share a colour.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quhua/graph/contiguity_graph.hpp"

namespace quhua::report {

/// A sequential palette of `classes` colours (3..7), light to dark (ColorBrewer YlOrRd or Blues).
std::vector<std::string> sequential_palette(std::size_t classes, bool blues = false);
/// A qualitative palette of 10 soft, distinguishable colours.
const std::vector<std::string>& qualitative_palette();

/// Upper class bounds by quantiles of the finite values (size = classes; the last is the max).
/// Duplicate bounds collapse, so fewer classes may come back.
std::vector<double> quantile_breaks(std::vector<double> values, std::size_t classes);
/// Class index of a value for the given upper bounds.
std::size_t class_of(double value, const std::vector<double>& breaks);

/// Colour index per node such that adjacent nodes differ (greedy, largest degree first; uses at
/// most max degree + 1 colours, in practice 4-6 on planar maps).
std::vector<std::uint32_t> greedy_coloring(const graph::ContiguityGraph& graph);

}  // namespace quhua::report
