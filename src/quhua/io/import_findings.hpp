// The catalogue of finding kinds the importers report: a stable snake_case key, the error code an
// error of that kind maps to, and a short title in Chinese and English (the CLI prints the title in the
// user's language before the detail; docs/import.md lists them all).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "quhua/util/findings.hpp"
#include "quhua/util/report_table.hpp"

namespace quhua::io {

struct FindingKind {
  std::string_view key;
  ErrorCode code;  ///< the InputError code when a finding of this kind stops an import
  std::string_view title_zh;
  std::string_view title_en;
};

/// Every kind the importers emit, in the order docs/import.md lists them.
std::span<const FindingKind> import_finding_kinds();
/// The catalogue entry of `key`, or nullptr for a kind not in it.
const FindingKind* find_finding_kind(std::string_view key);
/// The title of `key` in `language`, or the key itself when unknown.
std::string_view finding_title(std::string_view key, util::Language language);
/// The error code of the first error finding (input_value when there is none or its kind is unknown).
ErrorCode first_error_code(const Findings& findings);

/// Adds an error finding of `kind` and throws InputError with the kind's code, message and place:
/// for problems after which an import cannot go on (no such file, layer or field; empty layer ...).
[[noreturn]] void fail(Findings& findings, std::string_view kind, const std::string& message, ErrorContext where);

}  // namespace quhua::io
