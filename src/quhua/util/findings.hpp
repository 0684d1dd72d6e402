// Findings: problems an operation found and either repaired or could not use, reported as values.
// Importers collect them by the thousand (one per bad row or geometry) and throw once only when the
// job cannot go on (CONTRIBUTING.md, "Errors").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "quhua/util/error.hpp"

namespace quhua {

enum class Severity { info, warning, error };

std::string_view severity_name(Severity severity);

struct Finding {
  Severity severity = Severity::warning;
  std::string kind;  ///< stable snake_case key, e.g. "geometry_repaired", "duplicate_code"
  std::string message;
  ErrorContext where;

  /// "warning [geometry_repaired] a.shp, feature 3: ..." for logs and terminals.
  std::string describe() const;
};

class Findings {
 public:
  void add(Severity severity, std::string kind, std::string message, ErrorContext where = {});
  void append(const Findings& other);

  const std::vector<Finding>& items() const noexcept { return m_items; }
  std::size_t count(Severity severity) const;
  std::size_t count_kind(std::string_view kind) const;
  bool has_errors() const { return count(Severity::error) > 0; }
  bool empty() const noexcept { return m_items.empty(); }

  /// Throws InputError(code) with the first error finding (and how many more there were) when any exist.
  void throw_if_errors(ErrorCode code = ErrorCode::input_value) const;

 private:
  std::vector<Finding> m_items;
};

/// Findings of one kind a terminal shows before it summarises the rest as a count.
inline constexpr std::size_t k_findings_shown_per_kind = 20;

/// Lines for a terminal: the first `per_kind` findings of each kind, in order, each as describe() (info
/// findings left out unless `with_info`), then one line per kind cut short, "... and 12345 more
/// plan_duplicate_code". A plan of a million repeated rows prints a screenful, not 200 MB.
std::vector<std::string> summary_lines(const Findings& findings, std::size_t per_kind = k_findings_shown_per_kind,
                                       bool with_info = true);

}  // namespace quhua
