#include "quhua/algorithms/registry/diff_events.hpp"

#include "quhua/algorithms/registry/code_rules.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace quhua::registry {
namespace {

class Builder {
 public:
  Builder(const DiffResult& diff, const Snapshot& before, const Snapshot& after, const std::string& document,
          double min_confidence)
      : m_diff(diff), m_document(document), m_effective(after.as_of) {
    for (const auto& u : before.units) m_before.emplace(u.code, &u);
    for (const auto& u : after.units) m_after.emplace(u.code, &u);
    for (std::size_t i = 0; i < diff.rows.size(); ++i) {
      if (diff.rows[i].confidence >= min_confidence) m_kept.push_back(i);
    }
  }

  std::vector<InferredEvent> build() {
    // Merged rows by target, and each new code's continuation row.
    std::map<std::string, std::vector<std::size_t>> merged_into;
    std::unordered_map<std::string, std::size_t> continuation_of;
    for (auto i : m_kept) {
      const auto& r = m_diff.rows[i];
      if (r.event == DiffEvent::merged) merged_into[r.new_code].push_back(i);
      if ((r.event == DiffEvent::renamed || r.event == DiffEvent::moved) && !r.old_code.empty()) {
        continuation_of[r.new_code] = i;
      }
    }
    std::set<std::size_t> used;
    for (const auto& [target, rows] : merged_into) {
      std::vector<std::size_t> all = rows;
      std::vector<std::string> before;
      if (auto it = continuation_of.find(target); it != continuation_of.end()) {
        before.push_back(m_diff.rows[it->second].old_code);
        all.push_back(it->second);
      } else if (m_before.count(target)) {
        before.push_back(target);  // the survivor keeps its code
      }
      for (auto i : rows) before.push_back(m_diff.rows[i].old_code);
      for (auto i : all) used.insert(i);
      if (before.size() == 1) {
        continuation(before.front(), target, all);
      } else {
        add(EventType::merged, before, {target}, all);
      }
    }
    for (auto i : m_kept) {
      if (used.count(i)) continue;
      const auto& r = m_diff.rows[i];
      switch (r.event) {
        case DiffEvent::abolished:
          add(EventType::abolished, {r.old_code}, {}, {i});
          break;
        case DiffEvent::established:
          add(EventType::established, {}, {r.new_code}, {i});
          break;
        case DiffEvent::renamed:
        case DiffEvent::moved:
          continuation(r.old_code, r.new_code, {i});
          break;
        case DiffEvent::merged:
          break;  // handled above
      }
    }
    // Parents before children, then by code: a re-coded county comes before its townships.
    std::stable_sort(m_out.begin(), m_out.end(), [](const InferredEvent& a, const InferredEvent& b) {
      const std::string& ka = a.draft.after.empty() ? a.draft.before.front() : a.draft.after.front().code;
      const std::string& kb = b.draft.after.empty() ? b.draft.before.front() : b.draft.after.front().code;
      const auto la = model::level_of_code(ka), lb = model::level_of_code(kb);
      return la != lb ? la < lb : ka < kb;
    });
    return std::move(m_out);
  }

 private:
  // One unit continues from `old_code` as `new_code`.
  void continuation(const std::string& old_code, const std::string& new_code, const std::vector<std::size_t>& rows) {
    const SnapshotUnit& old_unit = *m_before.at(old_code);
    const SnapshotUnit& new_unit = *m_after.at(new_code);
    EventType type = EventType::renamed;
    if (old_code != new_code) {
      const bool parent_changed = old_unit.parent_code != new_unit.parent_code;
      const bool old_parent_remains = m_after.count(old_unit.parent_code) > 0;
      const int old_rank = township_type_rank(unit_type_of(old_code, old_unit.name));
      const int new_rank = township_type_rank(unit_type_of(new_code, new_unit.name));
      if (parent_changed && old_parent_remains) {
        type = EventType::transferred;
      } else if (!parent_changed && old_rank > 0 && new_rank > old_rank) {
        type = EventType::upgraded;
      } else {
        type = EventType::code_changed;
      }
    }
    add(type, {old_code}, {new_code}, rows);
  }

  void add(EventType type, const std::vector<std::string>& before, const std::vector<std::string>& after,
           const std::vector<std::size_t>& rows) {
    InferredEvent e;
    e.draft.type = type;
    e.draft.effective = m_effective;
    e.draft.document = m_document;
    e.draft.source = EventSource::nbs_inferred;
    e.draft.before = before;
    for (const auto& code : after) e.draft.after.push_back(draft_of(*m_after.at(code)));
    double confidence = 1.0;
    std::set<std::string> rules;
    for (auto i : rows) {
      confidence = std::min(confidence, m_diff.rows[i].confidence);
      rules.insert(m_diff.rows[i].rule);
    }
    e.draft.confidence = confidence;
    e.draft.note = "inferred from the official table:";
    for (const auto& rule : rules) e.draft.note += " " + rule;
    e.rows = rows;
    m_out.push_back(std::move(e));
  }

  const DiffResult& m_diff;
  std::string m_document;
  Date m_effective;
  std::unordered_map<std::string, const SnapshotUnit*> m_before, m_after;
  std::vector<std::size_t> m_kept;
  std::vector<InferredEvent> m_out;
};

}  // namespace

std::vector<InferredEvent> events_from_diff(const DiffResult& diff, const Snapshot& before, const Snapshot& after,
                                            const std::string& document, double min_confidence) {
  return Builder(diff, before, after, document, min_confidence).build();
}

}  // namespace quhua::registry
