// Writing output files so that a crash or a full disk never leaves a half-written file under the
// final name: write beside it under a temporary name, then rename (atomic on POSIX file systems).
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace quhua::util {

/// Calls `write(temp_path)` to produce the file, then renames temp_path to `path`. On any exception
/// the temporary file is removed and the exception propagates. Creates missing parent folders.
/// Throws StorageError naming `path` and the system's reason ("Permission denied", "File name too
/// long", "No space left on device") when the folder cannot be created or the rename fails.
void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path& temp_path)>& write);

/// Writes `content` to `path` atomically.
void write_text_file(const std::filesystem::path& path, const std::string& content);

/// Throws StorageError naming `path`: "cannot write file: " and the text of `error_number` (an errno
/// value; 0 when the system gave no reason).
[[noreturn]] void throw_write_error(const std::filesystem::path& path, int error_number);

}  // namespace quhua::util
