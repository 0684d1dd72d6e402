// Writing output files so that a crash or a full disk never leaves a half-written file under the
// final name: write beside it under a temporary name, then rename (atomic on POSIX file systems).
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace quhua::util {

/// Calls `write(temp_path)` to produce the file, then renames temp_path to `path`. On any exception
/// the temporary file is removed and the exception propagates. Creates missing parent folders.
/// Throws InputError(input_missing) naming `path` when the folder cannot be created or the rename fails.
void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path& temp_path)>& write);

/// Writes `content` to `path` atomically.
void write_text_file(const std::filesystem::path& path, const std::string& content);

}  // namespace quhua::util
