#include "support/geos_reference.hpp"

#include <geos_c.h>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <utility>

namespace quhua::test {

namespace {

/// A GEOS context and the boundary of each unit as a MultiLineString of its rings (built from the rings
/// directly, so invalid polygons -- self-touching rings of simplified data -- are no problem).
class GeosBoundaries {
 public:
  explicit GeosBoundaries(std::span<const model::MultiPolygon> units) : m_context(GEOS_init_r()) {
    for (const auto& shape : units) {
      std::vector<GEOSGeometry*> lines;
      const auto add_ring = [&](const model::Ring& ring) {
        if (ring.size() < 2) return;
        const bool closed = ring.front() == ring.back();
        const auto size = static_cast<unsigned>(ring.size() + (closed ? 0 : 1));
        GEOSCoordSequence* sequence = GEOSCoordSeq_create_r(m_context, size, 2);
        for (unsigned k = 0; k < size; ++k) {
          const auto& p = ring[k % ring.size()];
          GEOSCoordSeq_setXY_r(m_context, sequence, k, p.x, p.y);
        }
        lines.push_back(GEOSGeom_createLineString_r(m_context, sequence));
      };
      for (const auto& polygon : shape) {
        add_ring(polygon.outer);
        for (const auto& hole : polygon.holes) add_ring(hole);
      }
      m_boundaries.push_back(GEOSGeom_createCollection_r(m_context, GEOS_MULTILINESTRING, lines.data(),
                                                         static_cast<unsigned>(lines.size())));
      m_boxes.push_back(model::bbox_of(shape));
    }
  }
  ~GeosBoundaries() {
    for (auto* g : m_boundaries) GEOSGeom_destroy_r(m_context, g);
    GEOS_finish_r(m_context);
  }
  GeosBoundaries(const GeosBoundaries&) = delete;
  GeosBoundaries& operator=(const GeosBoundaries&) = delete;

  /// Calls visit(a, b) for each pair a < b whose boxes, grown by `margin`, meet, in (a, b) order.
  /// A sweep along x finds them, so the reference can also serve as a fair baseline on large layers.
  void for_each_candidate(double margin, const std::function<void(graph::NodeId, graph::NodeId)>& visit) const {
    std::vector<graph::NodeId> order;
    for (graph::NodeId v = 0; v < m_boxes.size(); ++v) {
      if (!m_boxes[v].empty()) order.push_back(v);
    }
    std::sort(order.begin(), order.end(),
              [&](graph::NodeId a, graph::NodeId b) { return m_boxes[a].min_x < m_boxes[b].min_x; });
    std::vector<std::pair<graph::NodeId, graph::NodeId>> candidates;
    for (std::size_t k = 0; k < order.size(); ++k) {
      const auto grown = m_boxes[order[k]].grown(margin);
      for (std::size_t m = k + 1; m < order.size() && m_boxes[order[m]].min_x <= grown.max_x; ++m) {
        if (grown.intersects(m_boxes[order[m]])) candidates.push_back(std::minmax(order[k], order[m]));
      }
    }
    std::sort(candidates.begin(), candidates.end());
    for (const auto& [a, b] : candidates) visit(a, b);
  }

  GEOSContextHandle_t context() const { return m_context; }
  const GEOSGeometry* boundary(graph::NodeId v) const { return m_boundaries[v]; }

 private:
  GEOSContextHandle_t m_context;
  std::vector<GEOSGeometry*> m_boundaries;
  std::vector<model::BBox> m_boxes;
};

}  // namespace

std::vector<graph::Edge> geos_boundary_contacts(std::span<const model::MultiPolygon> units) {
  const GeosBoundaries geos(units);
  std::vector<graph::Edge> out;
  geos.for_each_candidate(0, [&](graph::NodeId a, graph::NodeId b) {
    GEOSGeometry* common = GEOSIntersection_r(geos.context(), geos.boundary(a), geos.boundary(b));
    if (common == nullptr) throw std::runtime_error("GEOSIntersection_r failed");
    double length = 0;
    const bool empty = GEOSisEmpty_r(geos.context(), common) == 1;
    GEOSLength_r(geos.context(), common, &length);
    GEOSGeom_destroy_r(geos.context(), common);
    if (!empty) out.push_back({a, b, length});
  });
  return out;
}

std::vector<graph::Edge> geos_pairs_within(std::span<const model::MultiPolygon> units, double distance_m) {
  const GeosBoundaries geos(units);
  std::vector<graph::Edge> out;
  geos.for_each_candidate(distance_m, [&](graph::NodeId a, graph::NodeId b) {
    double distance = 0;
    if (GEOSDistance_r(geos.context(), geos.boundary(a), geos.boundary(b), &distance) != 1) {
      throw std::runtime_error("GEOSDistance_r failed");
    }
    if (distance <= distance_m) out.push_back({a, b, 0});
  });
  return out;
}

}  // namespace quhua::test
