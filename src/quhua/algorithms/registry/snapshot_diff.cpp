#include "quhua/algorithms/registry/snapshot_diff.hpp"

#include "quhua/algorithms/registry/division_names.hpp"
#include "quhua/util/strings.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace quhua::registry {
namespace {

using model::UnitLevel;

// Confidence of each rule (docs/registry.md, "Diff heuristics", explains each).
constexpr double k_conf_same_code_rename = 0.95;
constexpr double k_conf_same_code_unrelated_rename = 0.75;
constexpr double k_conf_same_name_same_parent = 0.95;
constexpr double k_conf_same_stem_same_parent = 0.9;
constexpr double k_conf_same_name_grandparent = 0.85;
// Same name in another prefecture of the province: for townships mostly a coincidence of common
// names (杨柳街道, 沙坝镇), for counties usually a real transfer (公主岭市 四平 -> 长春).
constexpr double k_conf_same_name_province_township = 0.5;
constexpr double k_conf_same_name_province_county = 0.7;
constexpr double k_conf_composite_name = 0.85;
constexpr double k_conf_single_stem_in_new_name = 0.6;
constexpr double k_conf_survivor_same_stem = 0.8;
constexpr double k_conf_survivor_renamed_to_include = 0.8;
constexpr double k_conf_survivor_name_contains = 0.6;
constexpr double k_conf_absorber_unknown = 0.5;
constexpr double k_conf_ambiguous = 0.4;
constexpr double k_conf_established_alone = 0.9;
constexpr double k_conf_established_beside_abolished = 0.5;
constexpr double k_max_overlap_conf = 0.99;

// Stems shorter than this many characters are too common to be a name hint (东, 新 ...).
constexpr std::size_t k_min_hint_stem_chars = 2;

// Everything the matcher needs about one unit of one edition, at one level.
struct Item {
  std::size_t index = 0;  // into Snapshot::units
  const SnapshotUnit* unit = nullptr;
  std::string form;    // form key
  std::string stem;    // stem
  std::string parent;  // 12-digit parent code as in its own edition
  std::string mapped;  // gone units: the parent's code in the after edition (continuation); else parent
  bool assigned = false;
  bool ambiguous = false;
};

std::string grandparent_of(const std::string& parent12) { return model::parent_of_code(parent12); }
std::string province_of(const std::string& code12) { return code12.substr(0, 2); }

class LevelDiff {
 public:
  LevelDiff(const Snapshot& before, const Snapshot& after, UnitLevel level, const DiffOptions& options,
            const std::unordered_map<std::string, std::string>& parent_map,
            const std::unordered_map<std::string, std::string>& before_names,
            const std::unordered_map<std::string, std::string>& after_names, DiffResult& out)
      : m_before(before), m_after(after), m_level(level), m_options(options), m_parent_map(parent_map), m_out(out) {
    for (std::size_t i = 0; i < before.units.size(); ++i) {
      if (before.units[i].level == level) m_before_items.push_back(make_item(i, before.units[i], before_names));
    }
    for (std::size_t i = 0; i < m_before_items.size(); ++i) m_before_by_code.emplace(m_before_items[i].unit->code, i);
    for (std::size_t i = 0; i < after.units.size(); ++i) {
      if (after.units[i].level == level) {
        m_after_items.push_back(make_item(i, after.units[i], after_names));
        m_after_by_code.emplace(after.units[i].code, m_after_items.size() - 1);
      }
    }
  }

  // Runs every stage; returns the continuations old code -> new code found at this level (for the
  // next level's parents).
  std::unordered_map<std::string, std::string> run() {
    same_codes();
    for (auto& g : m_gone) g.get().mapped = mapped_parent(g.get().parent);
    match_tier(Tier::same_parent_same_name);
    match_tier(Tier::same_parent_same_stem);
    match_tier(Tier::grandparent_same_name);
    match_tier(Tier::province_same_name);
    if (m_options.overlap) overlap_matches();
    composite_names();
    survivor_hints();
    leftovers();
    return std::move(m_continuations);
  }

 private:
  enum class Tier { same_parent_same_name, same_parent_same_stem, grandparent_same_name, province_same_name };

  Item make_item(std::size_t index, const SnapshotUnit& unit,
                 const std::unordered_map<std::string, std::string>& names) const {
    Item item;
    item.index = index;
    item.unit = &unit;
    item.parent = unit.parent_code;
    const auto parent_name = names.find(unit.parent_code);
    const std::string_view pname = parent_name == names.end() ? std::string_view{} : parent_name->second;
    item.form = name_form_key(unit.name, pname);
    item.stem = name_stem(unit.name, m_level, pname);
    item.mapped = item.parent;
    return item;
  }

  std::string mapped_parent(const std::string& parent) const {
    const auto it = m_parent_map.find(parent);
    return it == m_parent_map.end() ? parent : it->second;
  }

  void emit(DiffEvent event, const Item* old_item, const Item* new_item, double confidence, std::string rule) {
    DiffRow row;
    row.event = event;
    row.level = m_level;
    if (old_item) {
      row.old_code = old_item->unit->code;
      row.old_name = old_item->unit->name;
    }
    if (new_item) {
      row.new_code = new_item->unit->code;
      row.new_name = new_item->unit->name;
    }
    row.confidence = confidence;
    row.rule = std::move(rule);
    if (old_item && new_item) {
      m_continuations[row.old_code] = row.new_code;
      m_continuation_targets.insert(row.new_code);
    }
    m_out.rows.push_back(std::move(row));
  }

  // Stage 1: codes present in both editions.
  void same_codes() {
    for (auto& a : m_before_items) {
      const auto it = m_after_by_code.find(a.unit->code);
      if (it == m_after_by_code.end()) {
        m_gone.push_back(a);
        continue;
      }
      Item& b = m_after_items[it->second];
      a.assigned = b.assigned = true;
      m_continuations[a.unit->code] = b.unit->code;
      m_continuation_targets.insert(b.unit->code);
      if (a.unit->name == b.unit->name) continue;
      if (a.form == b.form) {
        m_out.form_changes.push_back(FormChange{m_level, a.unit->code, a.unit->name, b.unit->name});
        continue;
      }
      const bool related = a.stem.find(b.stem) != std::string::npos || b.stem.find(a.stem) != std::string::npos ||
                           names_share_a_character(a.stem, b.stem);
      emit(DiffEvent::renamed, &a, &b, related ? k_conf_same_code_rename : k_conf_same_code_unrelated_rename,
           related ? "same_code_new_name" : "same_code_unrelated_name");
    }
    for (auto& b : m_after_items) {
      if (!b.assigned) m_fresh.push_back(b);
    }
  }

  // The key a tier compares: which name form and which scope.
  std::string key_of(const Item& item, Tier tier, bool gone) const {
    const std::string& parent = gone ? item.mapped : item.parent;
    switch (tier) {
      case Tier::same_parent_same_name:
        return parent + '|' + item.form;
      case Tier::same_parent_same_stem:
        return parent + '|' + item.stem;
      case Tier::grandparent_same_name:
        return grandparent_of(parent) + '|' + item.form;
      case Tier::province_same_name:
        return province_of(item.unit->code) + '|' + item.form;
    }
    return {};
  }

  // Pairs gone and fresh units that share a tier's key, one to one. A pair is taken only when each
  // is the other's single unassigned candidate; passes repeat because a pairing can remove a rival.
  void match_tier(Tier tier) {
    // Levels without a grandparent (province, prefecture) would compare everything with everything.
    if (tier == Tier::grandparent_same_name && m_level != UnitLevel::township) return;
    if (tier == Tier::province_same_name && (m_level == UnitLevel::province || m_level == UnitLevel::prefecture))
      return;
    std::unordered_map<std::string, std::vector<Item*>> gone_by_key, fresh_by_key;
    for (auto& g : m_gone) {
      if (!g.get().assigned) gone_by_key[key_of(g, tier, true)].push_back(&g.get());
    }
    for (auto& h : m_fresh) {
      if (!h.get().assigned) fresh_by_key[key_of(h, tier, false)].push_back(&h.get());
    }
    for (auto& [key, gones] : gone_by_key) {
      const auto it = fresh_by_key.find(key);
      if (it == fresh_by_key.end()) continue;
      auto& fresh = it->second;
      if (gones.size() == 1 && fresh.size() == 1) {
        pair_continuation(*gones.front(), *fresh.front(), tier);
      } else {
        for (auto* g : gones) g->ambiguous = true;
        for (auto* h : fresh) h->ambiguous = true;
      }
    }
  }

  void pair_continuation(Item& g, Item& h, Tier tier) {
    g.assigned = h.assigned = true;
    g.ambiguous = h.ambiguous = false;
    switch (tier) {
      case Tier::same_parent_same_name:
        emit(DiffEvent::moved, &g, &h, k_conf_same_name_same_parent,
             h.parent == g.parent ? "same_name_new_code" : "same_name_recoded_parent");
        break;
      case Tier::same_parent_same_stem:
        emit(DiffEvent::renamed, &g, &h, k_conf_same_stem_same_parent, "same_stem_new_code");
        break;
      case Tier::grandparent_same_name:
        emit(DiffEvent::moved, &g, &h, k_conf_same_name_grandparent, "same_name_other_parent");
        break;
      case Tier::province_same_name:
        emit(DiffEvent::moved, &g, &h,
             m_level == UnitLevel::township ? k_conf_same_name_province_township : k_conf_same_name_province_county,
             "same_name_same_province");
        break;
    }
  }

  // Stage 3 (polygons on both sides): each remaining gone unit goes where most of its area went.
  void overlap_matches() {
    struct Best {
      Item* gone;
      Item* target;
      double share;
    };
    std::unordered_map<std::size_t, Item*> after_by_index;
    for (auto& b : m_after_items) after_by_index.emplace(b.index, &b);
    std::vector<Best> best;
    for (auto& gref : m_gone) {
      Item& g = gref;
      if (g.assigned || g.unit->geometry.empty()) continue;
      Best choice{&g, nullptr, 0.0};
      for (const auto& [after_index, share] : m_options.overlap(m_before, g.index, m_after)) {
        const auto it = after_by_index.find(after_index);
        if (it != after_by_index.end() && share > choice.share) {
          choice.target = it->second;
          choice.share = share;
        }
      }
      if (choice.target) best.push_back(choice);
    }
    std::unordered_map<const Item*, int> sources;
    for (const auto& b : best) sources[b.target] += 1;
    for (const auto& b : best) {
      const double conf = std::min(b.share, k_max_overlap_conf);
      b.gone->assigned = true;
      const bool target_fresh = !is_continuation_target(*b.target);
      if (target_fresh && sources[b.target] == 1 && b.share >= 0.9 && !b.target->assigned) {
        b.target->assigned = true;
        emit(DiffEvent::renamed, b.gone, b.target, conf, "overlap_one_to_one");
      } else {
        if (target_fresh) b.target->assigned = true;
        emit(DiffEvent::merged, b.gone, b.target, conf,
             b.share >= m_options.min_overlap_share ? "overlap" : "overlap_partial");
      }
    }
  }

  bool is_continuation_target(const Item& h) const { return m_continuation_targets.count(h.unit->code) > 0; }

  static bool hint(const std::string& stem, const std::string& name) {
    return util::utf8_length(stem) >= k_min_hint_stem_chars && name.find(stem) != std::string::npos;
  }

  // Stage 4: a new unit whose name holds the stems of abolished units of the same parent
  // (X乡 + Y乡 -> XY镇): merged with a good confidence when it holds two or more; a rename (with a
  // new code) marked for review when it holds just one.
  void composite_names() {
    std::unordered_map<Item*, std::vector<Item*>> sources;  // fresh -> gone whose stem it holds
    std::unordered_map<Item*, std::vector<Item*>> targets;  // gone -> fresh holding its stem
    for (auto& href : m_fresh) {
      Item& h = href;
      if (h.assigned) continue;
      for (auto& gref : m_gone) {
        Item& g = gref;
        if (g.assigned || g.mapped != h.parent || !hint(g.stem, h.form)) continue;
        sources[&h].push_back(&g);
        targets[&g].push_back(&h);
      }
    }
    // Deterministic order: by the fresh unit's position.
    for (auto& href : m_fresh) {
      Item& h = href;
      const auto it = sources.find(&h);
      if (it == sources.end()) continue;
      std::vector<Item*> own;
      for (auto* g : it->second) {
        if (!g->assigned && targets[g].size() == 1) own.push_back(g);
      }
      if (own.size() >= 2) {
        h.assigned = true;
        for (auto* g : own) {
          g->assigned = true;
          emit(DiffEvent::merged, g, &h, k_conf_composite_name, "stems_in_new_name");
        }
      } else if (own.size() == 1 && it->second.size() == 1) {
        h.assigned = true;
        own.front()->assigned = true;
        emit(DiffEvent::renamed, own.front(), &h, k_conf_single_stem_in_new_name, "stem_in_new_name");
      }
    }
  }

  // Stage 5: an abolished unit beside a surviving one that carries its name (城关乡 beside 城关镇, or a
  // survivor renamed to include the abolished unit's name).
  void survivor_hints() {
    // Survivors of this level by parent in the after edition: every after unit that continues a
    // before unit (same code or paired above).
    std::unordered_map<std::string, std::vector<const Item*>> survivors_by_parent;
    std::unordered_map<std::string, const Item*> before_of_after;
    for (const auto& [old_code, new_code] : m_continuations) {
      const auto it = m_after_by_code.find(new_code);
      if (it == m_after_by_code.end()) continue;
      before_of_after.emplace(new_code, find_before(old_code));
    }
    for (const auto& b : m_after_items) {
      if (before_of_after.count(b.unit->code)) survivors_by_parent[b.parent].push_back(&b);
    }
    for (auto& gref : m_gone) {
      Item& g = gref;
      if (g.assigned) continue;
      const auto sit = survivors_by_parent.find(g.mapped);
      if (sit == survivors_by_parent.end()) continue;
      int best_rank = 0;
      std::vector<const Item*> best;
      for (const Item* y : sit->second) {
        const Item* y_before = before_of_after[y->unit->code];
        int rank = 0;
        if (y->stem == g.stem) {
          rank = 3;
        } else if (hint(g.stem, y->form) && y_before && !hint(g.stem, y_before->form)) {
          rank = 2;
        } else if (hint(g.stem, y->form)) {
          rank = 1;
        }
        if (rank == 0 || rank < best_rank) continue;
        if (rank > best_rank) best.clear();
        best_rank = rank;
        best.push_back(y);
      }
      if (best.empty()) continue;
      if (best.size() > 1) {
        g.ambiguous = true;
        continue;
      }
      g.assigned = true;
      const double conf = best_rank == 3   ? k_conf_survivor_same_stem
                          : best_rank == 2 ? k_conf_survivor_renamed_to_include
                                           : k_conf_survivor_name_contains;
      const char* rule = best_rank == 3   ? "survivor_same_stem"
                         : best_rank == 2 ? "survivor_renamed_to_include"
                                          : "survivor_name_contains";
      emit(DiffEvent::merged, &g, best.front(), conf, rule);
    }
  }

  const Item* find_before(const std::string& code) const {
    const auto it = m_before_by_code.find(code);
    return it == m_before_by_code.end() ? nullptr : &m_before_items[it->second];
  }

  // Stage 6: what is left is abolished (absorber unknown) or established.
  void leftovers() {
    std::unordered_set<std::string> parents_with_abolished;
    for (auto& gref : m_gone) {
      Item& g = gref;
      if (g.assigned) continue;
      parents_with_abolished.insert(g.mapped);
      emit(DiffEvent::abolished, &g, nullptr, g.ambiguous ? k_conf_ambiguous : k_conf_absorber_unknown,
           g.ambiguous ? "ambiguous_candidates" : "absorber_unknown");
    }
    for (auto& href : m_fresh) {
      Item& h = href;
      if (h.assigned) continue;
      if (h.ambiguous) {
        emit(DiffEvent::established, nullptr, &h, k_conf_ambiguous, "ambiguous_candidates");
      } else if (parents_with_abolished.count(h.parent)) {
        emit(DiffEvent::established, nullptr, &h, k_conf_established_beside_abolished, "established_beside_abolished");
      } else {
        emit(DiffEvent::established, nullptr, &h, k_conf_established_alone, "new_code_new_name");
      }
    }
  }

  const Snapshot& m_before;
  const Snapshot& m_after;
  UnitLevel m_level;
  const DiffOptions& m_options;
  const std::unordered_map<std::string, std::string>& m_parent_map;
  DiffResult& m_out;
  std::vector<Item> m_before_items, m_after_items;
  std::unordered_map<std::string, std::size_t> m_before_by_code, m_after_by_code;
  std::unordered_set<std::string> m_continuation_targets;
  std::vector<std::reference_wrapper<Item>> m_gone, m_fresh;
  std::unordered_map<std::string, std::string> m_continuations;
};

void count(DiffCounts& c, DiffEvent event) {
  switch (event) {
    case DiffEvent::abolished:
      ++c.abolished;
      break;
    case DiffEvent::established:
      ++c.established;
      break;
    case DiffEvent::renamed:
      ++c.renamed;
      break;
    case DiffEvent::moved:
      ++c.moved;
      break;
    case DiffEvent::merged:
      ++c.merged;
      break;
  }
}

}  // namespace

std::string_view diff_event_name(DiffEvent event) {
  switch (event) {
    case DiffEvent::abolished:
      return "abolished";
    case DiffEvent::established:
      return "established";
    case DiffEvent::renamed:
      return "renamed";
    case DiffEvent::moved:
      return "moved";
    case DiffEvent::merged:
      return "merged";
  }
  return "abolished";
}

std::string_view diff_event_name_zh(DiffEvent event) {
  switch (event) {
    case DiffEvent::abolished:
      return "撤销";
    case DiffEvent::established:
      return "新设";
    case DiffEvent::renamed:
      return "更名";
    case DiffEvent::moved:
      return "改码/划转";
    case DiffEvent::merged:
      return "并入";
  }
  return "撤销";
}

DiffResult diff_snapshots(const Snapshot& before, const Snapshot& after, const DiffOptions& options) {
  DiffResult out;
  std::unordered_map<std::string, std::string> before_names, after_names;
  for (const auto& u : before.units) before_names.emplace(u.code, u.name);
  for (const auto& u : after.units) after_names.emplace(u.code, u.name);

  std::unordered_map<std::string, std::string> parent_map;
  for (auto level : {UnitLevel::province, UnitLevel::prefecture, UnitLevel::county, UnitLevel::township}) {
    LevelDiff diff(before, after, level, options, parent_map, before_names, after_names, out);
    parent_map = diff.run();
  }

  std::stable_sort(out.rows.begin(), out.rows.end(), [](const DiffRow& a, const DiffRow& b) {
    if (a.level != b.level) return a.level < b.level;
    const std::string& ka = a.old_code.empty() ? a.new_code : a.old_code;
    const std::string& kb = b.old_code.empty() ? b.new_code : b.old_code;
    if (ka != kb) return ka < kb;
    return a.new_code < b.new_code;
  });

  for (const auto& u : before.units) out.totals.units_before += u.level != UnitLevel::village ? 1 : 0;
  for (const auto& u : after.units) out.totals.units_after += u.level != UnitLevel::village ? 1 : 0;
  for (const auto& row : out.rows) {
    const bool review = row.confidence < options.review_below;
    count(out.totals, row.event);
    out.totals.review += review ? 1 : 0;
    out.review_count += review ? 1 : 0;
    if (row.level != UnitLevel::township) continue;
    auto& c = out.township_counts_by_province[province_of(row.old_code.empty() ? row.new_code : row.old_code)];
    count(c, row.event);
    c.review += review ? 1 : 0;
  }
  for (const auto& f : out.form_changes) {
    ++out.totals.form_only;
    if (f.level == UnitLevel::township) ++out.township_counts_by_province[province_of(f.code)].form_only;
  }
  for (const auto& u : before.units) {
    if (u.level == UnitLevel::township) ++out.township_counts_by_province[province_of(u.code)].units_before;
  }
  for (const auto& u : after.units) {
    if (u.level == UnitLevel::township) ++out.township_counts_by_province[province_of(u.code)].units_after;
  }
  return out;
}

}  // namespace quhua::registry
