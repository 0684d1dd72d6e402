// A quick-look map of a synthetic county as SVG text: villages tinted by township, township and
// county borders, rivers, roads by class, seats, facilities, township names, a legend and a scale bar.
// For a first look and for checking the generator by eye; real maps are made elsewhere.
#pragma once

#include <string>

#include "quhua/synthetic/synthetic_county.hpp"

namespace quhua::synthetic {

/// SVG 1.1 document, `width_px` wide (the map keeps its aspect ratio), labels in Chinese.
std::string render_svg(const SyntheticCounty& county, int width_px = 1400);

}  // namespace quhua::synthetic
