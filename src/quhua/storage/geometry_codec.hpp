// Polygons in the store as hex-encoded WKB (the form PostGIS also reads as text), so a registry
// moved to PostgreSQL keeps its geometry readable. No GEOS here: a plain encoder and a checked decoder.
#pragma once

#include "quhua/model/geometry.hpp"

#include <string>
#include <string_view>

namespace quhua::storage {

/// Little-endian WKB MultiPolygon as uppercase hex; empty text for an empty shape.
std::string to_wkb_hex(const model::MultiPolygon& shape);

/// Reads hex WKB Polygon or MultiPolygon (either byte order). Empty text -> empty shape. Throws
/// StorageError on malformed or truncated data.
model::MultiPolygon from_wkb_hex(std::string_view hex);

}  // namespace quhua::storage
