#include "quhua/util/findings.hpp"

#include <algorithm>

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

}  // namespace quhua
