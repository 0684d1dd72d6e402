// quhua::Error and its hierarchy: the one way a failure travels from deep inside the core to an edge
// (CLI main, HTTP handler, test). Answers the user asked for -- an infeasible rule set, invalid geometries
// that were repaired -- are values in result structs, never exceptions (see CONTRIBUTING.md).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace quhua {

/// Stable error codes. Each maps to an exit code, an HTTP status and a string key in one table
/// (error.cpp); exit codes start at 2 so they never collide with EXIT_FAILURE.
enum class ErrorCode : std::uint8_t {
  usage,            ///< bad command-line option or request field
  input_missing,    ///< a file, layer or field that must exist does not
  input_format,     ///< a file cannot be parsed as what it claims to be
  input_value,      ///< a value is out of range, malformed or contradictory
  input_duplicate,  ///< a key (e.g. a division code) occurs twice
  input_encoding,   ///< text is not valid in the declared or detected encoding
  input_geometry,   ///< a geometry is empty or beyond repair
  input_crs,        ///< coordinate reference system missing, unknown or mixed
  storage,          ///< the database refused or failed a read or write
  internal,         ///< a broken invariant: a bug in quhua
};

/// The exit status a CLI returns for this code (usage 2, input 3, storage 4, internal 5).
int exit_code(ErrorCode code);
/// The HTTP status a server answers with for this code.
int http_status(ErrorCode code);
/// A stable string key, e.g. "InputDuplicate".
std::string_view error_key(ErrorCode code);

/// Where in the input a problem sits. Every field is optional; message() prints what is set.
struct ErrorContext {
  std::string file;
  std::string layer;
  std::string feature;  ///< feature id, row number or unit code
  std::string field;

  /// "file.shp, layer x, feature 12, field POP" (empty parts left out).
  std::string describe() const;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message, ErrorContext context = {});

  ErrorCode code() const noexcept { return m_code; }
  const ErrorContext& context() const noexcept { return m_context; }
  /// The message without the context prefix.
  const std::string& bare_message() const noexcept { return m_bare_message; }

 private:
  ErrorCode m_code;
  ErrorContext m_context;
  std::string m_bare_message;
};

/// The caller asked for something that makes no sense (bad option, conflicting flags).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ErrorCode::usage, message) {}
};

/// The input cannot be used as it is; the context names file, feature and field.
class InputError : public Error {
 public:
  InputError(ErrorCode code, const std::string& message, ErrorContext context = {})
      : Error(code, message, std::move(context)) {}
};

/// The store failed or refused a read or write.
class StorageError : public Error {
 public:
  explicit StorageError(const std::string& message, ErrorContext context = {})
      : Error(ErrorCode::storage, message, std::move(context)) {}
};

/// A broken invariant inside quhua.
class InternalError : public Error {
 public:
  explicit InternalError(const std::string& message) : Error(ErrorCode::internal, message) {}
};

}  // namespace quhua
