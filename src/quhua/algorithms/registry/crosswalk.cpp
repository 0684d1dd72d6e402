#include "quhua/algorithms/registry/crosswalk.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace quhua::registry {
namespace {

// A part of one source held by some unit version while following the events.
struct Holding {
  std::size_t source = 0;
  double population = 1.0;
  double area = 1.0;
  WeightBasis population_basis = WeightBasis::whole;
  WeightBasis area_basis = WeightBasis::whole;
  int events = 0;
};

}  // namespace

Crosswalk build_crosswalk(const Date& from, const Date& to, const std::vector<UnitVersion>& sources,
                          const std::vector<Event>& events, const std::vector<UnitVersion>& targets) {
  Crosswalk out;
  out.from = from;
  out.to = to;
  std::unordered_map<std::int64_t, std::vector<Holding>> held;
  for (std::size_t i = 0; i < sources.size(); ++i) held[sources[i].id].push_back(Holding{i});
  std::vector<Holding> lost;

  for (const auto& event : events) {
    for (const std::int64_t unit : event.before_units) {
      auto node = held.extract(unit);
      if (node.empty()) continue;
      std::vector<const EventLink*> links;
      for (const auto& l : event.links) {
        if (l.from_unit == unit) links.push_back(&l);
      }
      std::vector<EventLink> fallback;
      if (links.empty() && !event.after_units.empty()) {
        // Recorded without links (an older or foreign client): share equally, and say so.
        const double share = 1.0 / static_cast<double>(event.after_units.size());
        for (auto to_unit : event.after_units) {
          fallback.push_back({unit, to_unit, share, WeightBasis::equal, share, WeightBasis::equal});
        }
        for (const auto& l : fallback) links.push_back(&l);
        out.findings.add(Severity::warning, "event_without_links",
                         "event " + std::to_string(event.id) + " has no links; its successors share equally");
      }
      if (links.empty()) {
        for (auto& h : node.mapped()) {
          h.events += 1;
          lost.push_back(h);
        }
        continue;
      }
      for (const auto& h : node.mapped()) {
        for (const EventLink* l : links) {
          Holding next = h;
          next.population *= l->population_share;
          next.area *= l->area_share;
          next.population_basis = weaker_basis(h.population_basis, l->population_basis);
          next.area_basis = weaker_basis(h.area_basis, l->area_basis);
          next.events += 1;
          held[l->to_unit].push_back(next);
        }
      }
    }
  }

  std::unordered_map<std::int64_t, const UnitVersion*> target_by_id;
  for (const auto& t : targets) target_by_id.emplace(t.id, &t);
  // Sum the holdings per (source, target).
  std::map<std::pair<std::size_t, std::int64_t>, CrosswalkRow> rows;
  auto add = [&](const Holding& h, std::int64_t to_unit, const UnitVersion* target) {
    auto [it, inserted] = rows.try_emplace({h.source, to_unit});
    CrosswalkRow& row = it->second;
    if (inserted) {
      const UnitVersion& s = sources[h.source];
      row.from_unit = s.id;
      row.old_code = s.code;
      row.old_name = s.name;
      row.to_unit = target ? target->id : 0;
      if (target) {
        row.new_code = target->code;
        row.new_name = target->name;
      }
      row.population_basis = h.population_basis;
      row.area_basis = h.area_basis;
    }
    row.population_weight += h.population;
    row.area_weight += h.area;
    row.population_basis = weaker_basis(row.population_basis, h.population_basis);
    row.area_basis = weaker_basis(row.area_basis, h.area_basis);
    row.events = std::max(row.events, h.events);
  };
  std::unordered_set<std::int64_t> reached;
  for (const auto& [unit, holdings] : held) {
    const auto it = target_by_id.find(unit);
    if (it == target_by_id.end()) {
      // Held by a version not in force on `to`: an event is missing from the range. Keep the mass
      // visible as unallocated instead of dropping it.
      out.findings.add(Severity::warning, "chain_ends_early",
                       "unit version " + std::to_string(unit) + " holds part of " + std::to_string(holdings.size()) +
                           " source(s) but is not in force on " + to.text());
      for (const auto& h : holdings) add(h, 0, nullptr);
      continue;
    }
    reached.insert(unit);
    for (const auto& h : holdings) add(h, unit, it->second);
  }
  for (const auto& h : lost) add(h, 0, nullptr);
  for (auto& [key, row] : rows) out.rows.push_back(std::move(row));
  std::sort(out.rows.begin(), out.rows.end(), [](const CrosswalkRow& a, const CrosswalkRow& b) {
    if (a.old_code != b.old_code) return a.old_code < b.old_code;
    if (a.from_unit != b.from_unit) return a.from_unit < b.from_unit;
    if (a.new_code.empty() != b.new_code.empty()) return b.new_code.empty();
    return a.new_code < b.new_code;
  });
  for (const auto& t : targets) {
    if (!reached.count(t.id)) out.new_without_predecessor.push_back(t);
  }
  return out;
}

Conversion convert(const Crosswalk& crosswalk, const std::map<std::string, double>& values, ConvertBy by) {
  Conversion out;
  std::map<std::string, ConvertedValue> by_new;
  std::unordered_set<std::string> sources;
  std::unordered_set<std::string> counted;
  for (const auto& row : crosswalk.rows) {
    sources.insert(row.old_code);
    const auto v = values.find(row.old_code);
    if (v == values.end()) continue;
    if (counted.insert(row.old_code).second) out.source_total += v->second;
    const double part = v->second * (by == ConvertBy::population ? row.population_weight : row.area_weight);
    if (row.new_code.empty()) {
      out.unallocated += part;
      continue;
    }
    auto& target = by_new[row.new_code];
    target.new_code = row.new_code;
    target.new_name = row.new_name;
    target.value += part;
    out.converted_total += part;
  }
  for (auto& [code, value] : by_new) out.values.push_back(std::move(value));
  if (out.unallocated != 0) out.values.push_back(ConvertedValue{"", "", out.unallocated});
  for (const auto& code : sources) {
    if (!values.count(code)) out.sources_without_value.push_back(code);
  }
  for (const auto& [code, value] : values) {
    if (!sources.count(code)) out.values_not_in_crosswalk.push_back(code);
  }
  std::sort(out.sources_without_value.begin(), out.sources_without_value.end());
  return out;
}

}  // namespace quhua::registry
