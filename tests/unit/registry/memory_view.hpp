// An in-memory RegistryView for the pure tests: units in force and code statuses, no store.
#pragma once

#include "support/registry_fixture.hpp"

#include "quhua/algorithms/registry/code_rules.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace quhua::test {

class MemoryView final : public registry::RegistryView {
 public:
  /// The sample units (registry_fixture.hpp) in force from 2019-01-01, plus `retired` codes.
  explicit MemoryView(const std::vector<std::string>& retired = {}) {
    for (const auto& d : sample_units()) add(d);
    for (const auto& code : retired) {
      registry::CodeStatus s;
      s.code = code12(code);
      s.first_valid_from = day("2000-01-01");
      s.retired_on = day("2018-01-01");
      s.retired_by = 1;
      m_codes[s.code] = s;
    }
  }

  void add(const registry::UnitDraft& d, const char* from = "2019-01-01") {
    auto v = registry::version_of(d, day(from));
    v.id = static_cast<std::int64_t>(m_units.size() + 1);
    m_units[d.code] = v;
    registry::CodeStatus s;
    s.code = d.code;
    s.first_valid_from = day(from);
    m_codes[d.code] = s;
  }

  std::optional<registry::UnitVersion> in_force(const std::string& code) const override {
    const auto it = m_units.find(code);
    if (it == m_units.end()) return std::nullopt;
    return it->second;
  }
  std::vector<registry::UnitVersion> children(const std::string& parent) const override {
    std::vector<registry::UnitVersion> out;
    for (const auto& [code, u] : m_units) {
      if (u.parent_code == parent) out.push_back(u);
    }
    return out;
  }
  std::optional<registry::CodeStatus> code(const std::string& code) const override {
    const auto it = m_codes.find(code);
    if (it == m_codes.end()) return std::nullopt;
    return it->second;
  }
  std::set<std::string> codes_within(const std::string& county) const override {
    std::set<std::string> out;
    const std::string prefix = county.substr(0, 6);
    for (const auto& [code, s] : m_codes) {
      if (code.compare(0, 6, prefix) == 0) out.insert(code);
    }
    return out;
  }

 private:
  std::map<std::string, registry::UnitVersion> m_units;
  std::map<std::string, registry::CodeStatus> m_codes;
};

}  // namespace quhua::test
