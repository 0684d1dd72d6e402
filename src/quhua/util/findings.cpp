#include "quhua/util/findings.hpp"

#include <algorithm>
#include <map>

namespace quhua {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::string Finding::describe() const {
  std::string out{severity_name(severity)};
  out += " [" + kind + "] ";
  const std::string where_text = where.describe();
  if (!where_text.empty()) out += where_text + ": ";
  out += message;
  return out;
}

void Findings::add(Severity severity, std::string kind, std::string message, ErrorContext where) {
  m_items.push_back(Finding{severity, std::move(kind), std::move(message), std::move(where)});
}

void Findings::append(const Findings& other) {
  m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

std::size_t Findings::count(Severity severity) const {
  return static_cast<std::size_t>(
      std::count_if(m_items.begin(), m_items.end(), [&](const Finding& f) { return f.severity == severity; }));
}

std::size_t Findings::count_kind(std::string_view kind) const {
  return static_cast<std::size_t>(
      std::count_if(m_items.begin(), m_items.end(), [&](const Finding& f) { return f.kind == kind; }));
}

void Findings::throw_if_errors(ErrorCode code) const {
  const auto first = std::find_if(m_items.begin(), m_items.end(),
                                  [](const Finding& f) { return f.severity == Severity::error; });
  if (first == m_items.end()) return;
  const std::size_t errors = count(Severity::error);
  std::string message = first->message;
  if (errors > 1) message += " (and " + std::to_string(errors - 1) + " more errors)";
  throw InputError(code, message, first->where);
}

std::vector<std::string> summary_lines(const Findings& findings, std::size_t per_kind, bool with_info) {
  std::vector<std::string> out;
  std::map<std::string, std::size_t> shown;
  std::vector<std::pair<std::string, std::size_t>> hidden;  // kinds in order of their first hidden finding
  for (const Finding& f : findings.items()) {
    if (f.severity == Severity::info && !with_info) continue;
    if (shown[f.kind]++ < per_kind) {
      out.push_back(f.describe());
      continue;
    }
    const auto it = std::find_if(hidden.begin(), hidden.end(), [&](const auto& h) { return h.first == f.kind; });
    if (it == hidden.end()) {
      hidden.emplace_back(f.kind, 1);
    } else {
      ++it->second;
    }
  }
  for (const auto& [kind, count] : hidden) out.push_back("... and " + std::to_string(count) + " more " + kind);
  return out;
}

}  // namespace quhua
