#include "quhua/geometry/road_projection.hpp"

#include "quhua/util/error.hpp"

#include <proj.h>

#include <cmath>
#include <limits>

namespace quhua::geometry {
namespace {

struct ContextDeleter {
  void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDeleter {
  void operator()(PJ* p) const { proj_destroy(p); }
};

std::string proj_error(PJ_CONTEXT* context) {
  const int code = proj_context_errno(context);
  const char* text = code != 0 ? proj_context_errno_string(context, code) : nullptr;
  return text ? text : "unknown PROJ error";
}

}  // namespace

struct CoordinateTransform::State {
  std::unique_ptr<PJ_CONTEXT, ContextDeleter> context;
  std::unique_ptr<PJ, PjDeleter> transform;
};

CoordinateTransform::CoordinateTransform(const std::string& source, const std::string& target)
    : m_state(std::make_unique<State>()) {
  m_state->context.reset(proj_context_create());
  proj_log_level(m_state->context.get(), PJ_LOG_NONE);
  PJ* raw = proj_create_crs_to_crs(m_state->context.get(), source.c_str(), target.c_str(), nullptr);
  if (!raw) {
    throw InputError(ErrorCode::input_crs, "cannot transform from '" + source.substr(0, 80) + "' to '" +
                                               target.substr(0, 80) + "': " + proj_error(m_state->context.get()));
  }
  // Longitude/easting first whatever the CRS's official axis order (EPSG:4326 is lat, lon).
  PJ* normalised = proj_normalize_for_visualization(m_state->context.get(), raw);
  proj_destroy(raw);
  if (!normalised) {
    throw InputError(ErrorCode::input_crs, "cannot normalise the axis order: " + proj_error(m_state->context.get()));
  }
  m_state->transform.reset(normalised);
}

CoordinateTransform::~CoordinateTransform() = default;
CoordinateTransform::CoordinateTransform(CoordinateTransform&&) noexcept = default;
CoordinateTransform& CoordinateTransform::operator=(CoordinateTransform&&) noexcept = default;

model::Point CoordinateTransform::apply(const model::Point& p) const {
  PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
  c = proj_trans(m_state->transform.get(), PJ_FWD, c);
  if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y) || c.xy.x == HUGE_VAL) {
    return {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
  }
  return {c.xy.x, c.xy.y};
}

void CoordinateTransform::apply(std::span<model::Point> points) const {
  for (auto& p : points) p = apply(p);
}

std::string local_metric_crs(double lon_deg, double lat_deg) {
  if (lon_deg >= 73.5 && lon_deg < 136.5) {
    const int central = static_cast<int>(std::lround(lon_deg / 3.0)) * 3;  // 75, 78, ..., 135
    return "EPSG:" + std::to_string(4534 + (central - 75) / 3);
  }
  const int zone = std::clamp(static_cast<int>(std::floor((lon_deg + 180) / 6)) + 1, 1, 60);
  return "EPSG:" + std::to_string((lat_deg >= 0 ? 32600 : 32700) + zone);
}

CrsKind crs_kind(const std::string& definition) {
  std::unique_ptr<PJ_CONTEXT, ContextDeleter> context(proj_context_create());
  proj_log_level(context.get(), PJ_LOG_NONE);
  std::unique_ptr<PJ, PjDeleter> crs(proj_create(context.get(), definition.c_str()));
  if (!crs) return CrsKind::unknown;
  const PJ_TYPE type = proj_get_type(crs.get());
  if (type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS || type == PJ_TYPE_GEOGRAPHIC_CRS) {
    return CrsKind::geographic;
  }
  if (type != PJ_TYPE_PROJECTED_CRS) return CrsKind::unknown;
  std::unique_ptr<PJ, PjDeleter> cs(proj_crs_get_coordinate_system(context.get(), crs.get()));
  if (!cs) return CrsKind::projected_other;
  double factor = 0;
  const char* unit_name = nullptr;
  if (!proj_cs_get_axis_info(context.get(), cs.get(), 0, nullptr, nullptr, nullptr, &factor, &unit_name, nullptr,
                             nullptr)) {
    return CrsKind::projected_other;
  }
  return std::abs(factor - 1.0) < 1e-9 ? CrsKind::projected_metric : CrsKind::projected_other;
}

}  // namespace quhua::geometry
