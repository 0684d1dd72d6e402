#include "quhua/geometry/projection.hpp"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

namespace quhua::geometry {
namespace {

/// RAII owner of a PROJ context: network off (nothing is downloaded, ever), PROJ's own log silenced
/// (its messages come back through exceptions with our context instead).
struct ContextDeleter {
  void operator()(PJ_CONTEXT* ctx) const { proj_context_destroy(ctx); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;

struct PjDeleter {
  void operator()(PJ* pj) const { proj_destroy(pj); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

void quiet_log(void*, int, const char*) {}

ContextPtr make_context() {
  ContextPtr ctx(proj_context_create());
  if (!ctx) throw InternalError("PROJ: cannot create a context");
  proj_log_func(ctx.get(), nullptr, quiet_log);
  proj_context_set_enable_network(ctx.get(), 0);
  return ctx;
}

std::string last_error(PJ_CONTEXT* ctx) {
  const int err = proj_context_errno(ctx);
  if (err == 0) return "unknown definition";
  const char* text = proj_context_errno_string(ctx, err);
  return text ? text : "PROJ error " + std::to_string(err);
}

/// A PROJ string ("+proj=aea ...") denotes an operation unless it says it is a CRS.
std::string as_crs_definition(const std::string& definition) {
  const std::string_view d = util::trim(definition);
  const bool proj_string = d.starts_with("+proj=") || d.starts_with("proj=") || d.starts_with("+init=");
  if (proj_string && d.find("type=crs") == std::string_view::npos) return std::string(d) + " +type=crs";
  return std::string(d);
}

/// The horizontal CRS inside a compound or bound CRS (or the CRS itself).
PjPtr horizontal_crs(PJ_CONTEXT* ctx, PjPtr crs) {
  for (int depth = 0; depth < 4 && crs; ++depth) {
    const PJ_TYPE type = proj_get_type(crs.get());
    if (type == PJ_TYPE_COMPOUND_CRS) {
      crs = PjPtr(proj_crs_get_sub_crs(ctx, crs.get(), 0));
    } else if (type == PJ_TYPE_BOUND_CRS) {
      crs = PjPtr(proj_get_source_crs(ctx, crs.get()));
    } else {
      break;
    }
  }
  return crs;
}

PjPtr create_crs(PJ_CONTEXT* ctx, const std::string& definition) {
  if (util::trim(definition).empty()) {
    throw InputError(ErrorCode::input_crs, "empty coordinate reference system definition");
  }
  PjPtr crs(proj_create(ctx, as_crs_definition(definition).c_str()));
  if (!crs) {
    throw InputError(ErrorCode::input_crs,
                     "unknown coordinate reference system '" + definition + "' (" + last_error(ctx) + ")");
  }
  if (!proj_is_crs(crs.get())) {
    throw InputError(ErrorCode::input_crs, "'" + definition + "' is not a coordinate reference system");
  }
  return crs;
}

/// Formats a parameter for a PROJ string: up to 6 decimals, trailing zeros dropped.
std::string param(double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.6f", value);
  std::string text = buffer;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

bool all_finite(std::span<const model::Point> points) {
  return std::all_of(points.begin(), points.end(),
                     [](const model::Point& p) { return std::isfinite(p.x) && std::isfinite(p.y); });
}

}  // namespace

CrsDescription describe_crs(const std::string& definition) {
  const ContextPtr ctx = make_context();
  PjPtr crs = horizontal_crs(ctx.get(), create_crs(ctx.get(), definition));
  if (!crs) throw InputError(ErrorCode::input_crs, "'" + definition + "' has no horizontal CRS");
  CrsDescription out;
  out.definition = definition;
  if (const char* name = proj_get_name(crs.get())) out.name = name;
  const PJ_TYPE type = proj_get_type(crs.get());
  out.geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
  out.projected = type == PJ_TYPE_PROJECTED_CRS;
  if (!out.geographic && !out.projected) {
    throw InputError(ErrorCode::input_crs,
                     "'" + definition + "' is neither a geographic (lon/lat) nor a projected CRS");
  }
  if (const PjPtr ellipsoid{proj_get_ellipsoid(ctx.get(), crs.get())}) {
    if (const char* name = proj_get_name(ellipsoid.get())) out.ellipsoid = name;
    double semi_major = 0, semi_minor = 0, inverse_flattening = 0;
    int computed = 0;
    if (proj_ellipsoid_get_parameters(ctx.get(), ellipsoid.get(), &semi_major, &semi_minor, &computed,
                                      &inverse_flattening)) {
      // WGS84 (1/f 298.257223563) and GRS80 = CGCS2000 (298.257222101) differ by 0.1 mm at the poles.
      out.approximate_datum = std::abs(semi_major - 6378137.0) > 0.5 || std::abs(inverse_flattening - 298.2572) > 1e-3;
    }
  }
  return out;
}

bool same_crs(const std::string& a, const std::string& b) {
  const ContextPtr ctx = make_context();
  const PjPtr pa = create_crs(ctx.get(), a);
  const PjPtr pb = create_crs(ctx.get(), b);
  return proj_is_equivalent_to_with_ctx(ctx.get(), pa.get(), pb.get(),
                                        PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) != 0;
}

std::string choose_working_crs(const model::BBox& lonlat) {
  if (lonlat.empty() || !std::isfinite(lonlat.min_x) || !std::isfinite(lonlat.max_x) ||
      !std::isfinite(lonlat.min_y) || !std::isfinite(lonlat.max_y)) {
    throw InputError(ErrorCode::input_crs, "cannot choose a working CRS: the data have no finite extent");
  }
  const double south = std::clamp(lonlat.min_y, -85.0, 85.0);
  const double north = std::clamp(lonlat.max_y, -85.0, 85.0);
  const double centre_lon = std::clamp((lonlat.min_x + lonlat.max_x) / 2, -180.0, 180.0);
  const double range = north - south;
  // Rounded to 0.01 degree so the same county always gets the same, readable definition.
  auto round2 = [](double v) { return std::round(v * 100) / 100; };
  const double lat_1 = round2(south + range / 6);
  const double lat_2 = round2(north - range / 6);
  const double lat_0 = round2((south + north) / 2);
  const std::string tail = " +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs";
  if (std::abs(lat_1 + lat_2) < 2.0) {
    // The cone constant n = (sin lat_1 + sin lat_2) / 2 vanishes: use the cylinder (Lambert equal-area).
    const double lat_ts = round2(std::max(std::abs(south), std::abs(north)) / 2);
    return "+proj=cea +lat_ts=" + param(lat_ts) + " +lon_0=" + param(round2(centre_lon)) + tail;
  }
  return "+proj=aea +lat_0=" + param(lat_0) + " +lon_0=" + param(round2(centre_lon)) + " +lat_1=" + param(lat_1) +
         " +lat_2=" + param(lat_2) + tail;
}

struct Projector::Impl {
  ContextPtr ctx;
  PjPtr transform;
  std::string source;
  std::string target;

  bool run(PJ_DIRECTION direction, std::span<model::Point> points) const {
    if (points.empty()) return true;
    // PROJ writes HUGE_VAL where a point fails; a failed point must not stop the others.
    proj_trans_generic(transform.get(), direction, &points[0].x, sizeof(model::Point), points.size(), &points[0].y,
                       sizeof(model::Point), points.size(), nullptr, 0, 0, nullptr, 0, 0);
    proj_errno_reset(transform.get());
    return all_finite(points);
  }
  bool run(PJ_DIRECTION direction, model::MultiPolygon& shape) const {
    bool ok = true;
    for (auto& polygon : shape) {
      ok = run(direction, polygon.outer) && ok;
      for (auto& hole : polygon.holes) ok = run(direction, hole) && ok;
    }
    return ok;
  }
};

Projector::Projector(const std::string& source_crs, const std::string& target_crs) : m_impl(std::make_unique<Impl>()) {
  m_impl->ctx = make_context();
  m_impl->source = source_crs;
  m_impl->target = target_crs;
  PJ_CONTEXT* ctx = m_impl->ctx.get();
  const PjPtr source = create_crs(ctx, source_crs);
  const PjPtr target = create_crs(ctx, target_crs);
  const PjPtr raw(proj_create_crs_to_crs_from_pj(ctx, source.get(), target.get(), nullptr, nullptr));
  if (!raw) {
    throw InputError(ErrorCode::input_crs, "PROJ finds no transformation from '" + source_crs + "' to '" + target_crs +
                                               "' (" + last_error(ctx) + ")");
  }
  m_impl->transform = PjPtr(proj_normalize_for_visualization(ctx, raw.get()));
  if (!m_impl->transform) {
    throw InputError(ErrorCode::input_crs, "PROJ cannot put '" + source_crs + "' in lon/lat axis order (" +
                                               last_error(ctx) + ")");
  }
}

Projector::~Projector() = default;
Projector::Projector(Projector&&) noexcept = default;
Projector& Projector::operator=(Projector&&) noexcept = default;

const std::string& Projector::source_crs() const noexcept { return m_impl->source; }
const std::string& Projector::target_crs() const noexcept { return m_impl->target; }

bool Projector::forward(std::span<model::Point> points) const { return m_impl->run(PJ_FWD, points); }
bool Projector::forward(model::MultiPolygon& shape) const { return m_impl->run(PJ_FWD, shape); }
std::optional<model::Point> Projector::forward(model::Point point) const {
  if (!m_impl->run(PJ_FWD, std::span<model::Point>(&point, 1))) return std::nullopt;
  return point;
}
bool Projector::inverse(std::span<model::Point> points) const { return m_impl->run(PJ_INV, points); }
bool Projector::inverse(model::MultiPolygon& shape) const { return m_impl->run(PJ_INV, shape); }
std::optional<model::Point> Projector::inverse(model::Point point) const {
  if (!m_impl->run(PJ_INV, std::span<model::Point>(&point, 1))) return std::nullopt;
  return point;
}

model::BBox Projector::forward_bounds(const model::BBox& source_box) const {
  if (source_box.empty()) throw InputError(ErrorCode::input_crs, "cannot transform an empty extent");
  // 33 points per edge plus a 9x9 interior grid: the image of a box edge is a curve, and its extreme
  // point may lie anywhere along it.
  constexpr int k_steps = 32;
  std::vector<model::Point> samples;
  samples.reserve(4 * (k_steps + 1) + 81);
  for (int i = 0; i <= k_steps; ++i) {
    const double t = static_cast<double>(i) / k_steps;
    const double x = source_box.min_x + t * source_box.width();
    const double y = source_box.min_y + t * source_box.height();
    samples.push_back({x, source_box.min_y});
    samples.push_back({x, source_box.max_y});
    samples.push_back({source_box.min_x, y});
    samples.push_back({source_box.max_x, y});
  }
  for (int i = 0; i <= 8; ++i) {
    for (int j = 0; j <= 8; ++j) {
      samples.push_back({source_box.min_x + i / 8.0 * source_box.width(), source_box.min_y + j / 8.0 * source_box.height()});
    }
  }
  m_impl->run(PJ_FWD, samples);
  model::BBox out;
  for (const auto& p : samples) {
    if (std::isfinite(p.x) && std::isfinite(p.y)) out.expand(p);
  }
  if (out.empty()) {
    throw InputError(ErrorCode::input_crs, "the data's extent cannot be transformed from '" + m_impl->source +
                                               "' to '" + m_impl->target + "'");
  }
  return out;
}

}  // namespace quhua::geometry
