#include "quhua/util/error.hpp"

#include <array>

namespace quhua {
namespace {

struct ErrorInfo {
  ErrorCode code;
  int exit_code;
  int http_status;
  std::string_view key;
};

// The one table that maps error codes to the edges of the program.
constexpr std::array<ErrorInfo, 10> k_error_table{{
    {ErrorCode::usage, 2, 400, "Usage"},
    {ErrorCode::input_missing, 3, 422, "InputMissing"},
    {ErrorCode::input_format, 3, 422, "InputFormat"},
    {ErrorCode::input_value, 3, 422, "InputValue"},
    {ErrorCode::input_duplicate, 3, 422, "InputDuplicate"},
    {ErrorCode::input_encoding, 3, 422, "InputEncoding"},
    {ErrorCode::input_geometry, 3, 422, "InputGeometry"},
    {ErrorCode::input_crs, 3, 422, "InputCrs"},
    {ErrorCode::storage, 4, 500, "Storage"},
    {ErrorCode::internal, 5, 500, "Internal"},
}};

const ErrorInfo& info(ErrorCode code) {
  for (const auto& entry : k_error_table) {
    if (entry.code == code) return entry;
  }
  return k_error_table.back();
}

std::string compose(const std::string& message, const ErrorContext& context) {
  const std::string where = context.describe();
  return where.empty() ? message : where + ": " + message;
}

}  // namespace

int exit_code(ErrorCode code) { return info(code).exit_code; }
int http_status(ErrorCode code) { return info(code).http_status; }
std::string_view error_key(ErrorCode code) { return info(code).key; }

std::string ErrorContext::describe() const {
  std::string out;
  auto add = [&out](std::string_view label, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ", ";
    if (!label.empty()) {
      out += label;
      out += ' ';
    }
    out += value;
  };
  add("", file);
  add("layer", layer);
  add("feature", feature);
  add("field", field);
  return out;
}

Error::Error(ErrorCode code, const std::string& message, ErrorContext context)
    : std::runtime_error(compose(message, context)),
      m_code(code),
      m_context(std::move(context)),
      m_bare_message(message) {}

}  // namespace quhua
