#include "quhua/service/registry_detail.hpp"

#include "quhua/geometry/polygon_ops.hpp"
#include "quhua/util/error.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace quhua::service::detail {

namespace {
// The day after every recorded event: units in force on it are the open-ended versions.
const registry::Date& far_future() {
  static const registry::Date k_day = registry::Date::parse("9999-12-31");
  return k_day;
}
}  // namespace

std::size_t require_column(const util::CsvTable& table, const std::string& file, const std::string& name) {
  if (auto index = table.column(name)) return *index;
  throw InputError(ErrorCode::input_missing,
                   "column '" + name + "' is missing (header: " + util::join(table.header, ",") + ")",
                   ErrorContext{file, "", "", name});
}

registry::WriteContext writer(const RegistryDb& db) {
  registry::WriteContext who;
  who.actor = db.actor;
  if (who.actor.empty()) {
    if (const char* env = std::getenv("QUHUA_USER"); env && *env) who.actor = env;
  }
  if (who.actor.empty()) {
    if (const char* env = std::getenv("USER"); env && *env) who.actor = env;
  }
  if (who.actor.empty()) who.actor = "unknown";
  who.command = db.command;
  return who;
}

std::string code_from_user(const std::string& text, const std::string& what) {
  try {
    return model::pad_code(text);
  } catch (const InputError& e) {
    throw InputError(ErrorCode::input_value, what + ": " + e.bare_message());
  }
}

std::optional<registry::UnitVersion> StoreView::in_force(const std::string& code) const {
  auto versions = m_store.versions_of_code(code);
  if (versions.empty() || versions.back().valid_to) return std::nullopt;
  return std::move(versions.back());
}

std::vector<registry::UnitVersion> StoreView::children(const std::string& parent_code) const {
  auto it = m_children.find(parent_code);
  if (it == m_children.end()) {
    std::vector<registry::UnitVersion> kids;
    if (!parent_code.empty()) {
      for (auto& u : m_store.units_as_of(far_future(), storage::UnitFilter{parent_code, std::nullopt})) {
        if (u.parent_code == parent_code) kids.push_back(std::move(u));
      }
    }
    it = m_children.emplace(parent_code, std::move(kids)).first;
  }
  return it->second;
}

std::optional<registry::CodeStatus> StoreView::code(const std::string& code) const { return m_store.code_status(code); }

std::set<std::string> StoreView::codes_within(const std::string& county_code) const {
  std::set<std::string> out;
  for (const auto& c : m_store.codes_within(county_code)) out.insert(c.code);
  return out;
}

registry::Snapshot as_snapshot(const std::vector<registry::UnitVersion>& units, const registry::Date& as_of) {
  registry::Snapshot out;
  out.name = "registry";
  out.as_of = as_of;
  out.source = "registry as of " + as_of.text();
  for (const auto& u : units) {
    registry::SnapshotUnit s;
    s.code = u.code;
    s.name = u.name;
    s.level = u.level;
    s.parent_code = u.parent_code;
    s.population = u.population;
    s.area_km2 = u.area_km2;
    s.geometry = u.geometry;
    out.units.push_back(std::move(s));
  }
  return out;
}

Comparison compare_with_official(storage::RegistryStore& store, const std::string& spec,
                                 const std::optional<registry::Date>& as_of) {
  Comparison out;
  out.official = resolve_snapshot(spec, &store);
  if (as_of) out.official.as_of = *as_of;
  if (out.official.as_of == registry::Date::parse("1900-01-01")) {
    throw UsageError("the date of '" + spec + "' is unknown; give it with --date YYYY-MM-DD");
  }
  out.expected = as_snapshot(store.units_as_of(out.official.as_of, {}), out.official.as_of);
  if (out.expected.units.empty()) {
    throw InputError(ErrorCode::input_value, "the registry has no unit in force on " + out.official.as_of.text() +
                                                 " (seed it from an earlier edition first)");
  }
  out.scope = store.scopes();
  return out;
}

std::optional<double> overlap_share(const model::MultiPolygon& a, const model::MultiPolygon& b) {
  if (a.empty() || b.empty()) return std::nullopt;
  const auto box_a = model::bbox_of(a), box_b = model::bbox_of(b);
  if (!box_a.intersects(box_b)) return 0.0;
  const double area_a = geometry::area(a);
  if (!(area_a > 0)) return std::nullopt;
  return std::clamp(geometry::area(geometry::intersection(a, b)) / area_a, 0.0, 1.0);
}

// Overlaps between two editions' polygons (same level only), for the diff's geometric rule. The
// bounding boxes of the latest `after` snapshot are kept between calls.
registry::OverlapFn polygon_overlaps(const registry::Snapshot& before, const registry::Snapshot& after) {
  auto has_polygons = [](const registry::Snapshot& s) {
    return std::any_of(s.units.begin(), s.units.end(), [](const auto& u) { return !u.geometry.empty(); });
  };
  if (!has_polygons(before) || !has_polygons(after)) return {};
  struct BoxCache {
    const registry::Snapshot* of = nullptr;
    std::vector<model::BBox> boxes;
  };
  auto cache = std::make_shared<BoxCache>();
  return [cache](const registry::Snapshot& b, std::size_t i, const registry::Snapshot& a) {
    if (cache->of != &a) {
      cache->of = &a;
      cache->boxes.clear();
      for (const auto& u : a.units) cache->boxes.push_back(model::bbox_of(u.geometry));
    }
    std::vector<std::pair<std::size_t, double>> out;
    const auto& g = b.units[i];
    const auto box = model::bbox_of(g.geometry);
    for (std::size_t k = 0; k < a.units.size(); ++k) {
      const auto& h = a.units[k];
      if (h.level != g.level || h.geometry.empty() || !box.intersects(cache->boxes[k])) continue;
      if (auto share = detail::overlap_share(g.geometry, h.geometry); share && *share > 0) out.push_back({k, *share});
    }
    return out;
  };
}

}  // namespace quhua::service::detail
