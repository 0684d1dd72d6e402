#include "support/geojson_layer.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <numbers>
#include <stdexcept>

namespace quhua::test {

namespace {

constexpr double k_earth_radius_m = 6371008.8;

model::Ring ring_of(const nlohmann::json& coordinates) {
  model::Ring ring;
  for (const auto& position : coordinates) ring.push_back({position.at(0).get<double>(), position.at(1).get<double>()});
  return ring;
}

model::Polygon polygon_of(const nlohmann::json& rings) {
  model::Polygon polygon;
  for (std::size_t k = 0; k < rings.size(); ++k) {
    if (k == 0) {
      polygon.outer = ring_of(rings[k]);
    } else {
      polygon.holes.push_back(ring_of(rings[k]));
    }
  }
  return polygon;
}

template <typename Visit>
void for_each_point(std::vector<model::MultiPolygon>& units, Visit visit) {
  for (auto& shape : units) {
    for (auto& polygon : shape) {
      for (auto& p : polygon.outer) visit(p);
      for (auto& hole : polygon.holes) {
        for (auto& p : hole) visit(p);
      }
    }
  }
}

}  // namespace

GeoJsonLayer read_geojson_lonlat(const std::filesystem::path& path, const std::string& id_field) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  const nlohmann::json document = nlohmann::json::parse(in);
  GeoJsonLayer layer;
  for (const auto& feature : document.at("features")) {
    const auto& property = feature.at("properties").at(id_field);
    layer.ids.push_back(property.is_string() ? property.get<std::string>() : property.dump());
    const auto& geometry = feature.at("geometry");
    const std::string type = geometry.at("type").get<std::string>();
    model::MultiPolygon shape;
    if (type == "Polygon") {
      shape.push_back(polygon_of(geometry.at("coordinates")));
    } else if (type == "MultiPolygon") {
      for (const auto& rings : geometry.at("coordinates")) shape.push_back(polygon_of(rings));
    } else {
      throw std::runtime_error(path.string() + ": unexpected geometry type " + type);
    }
    layer.units.push_back(std::move(shape));
  }

  double lat_sum = 0;
  std::size_t count = 0;
  for_each_point(layer.units, [&](const model::Point& p) {
    lat_sum += p.y;
    ++count;
  });
  const double degree = std::numbers::pi / 180;
  const double cos_lat0 = std::cos(count > 0 ? lat_sum / static_cast<double>(count) * degree : 0);
  for_each_point(layer.units, [&](model::Point& p) {
    p = {k_earth_radius_m * p.x * degree * cos_lat0, k_earth_radius_m * p.y * degree};
  });
  return layer;
}

}  // namespace quhua::test
