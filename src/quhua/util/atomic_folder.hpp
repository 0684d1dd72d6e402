// Writing a set of output files into one folder so that a failure never leaves part of the set
// replaced: every file is written into a temporary sibling folder first, and only when all of them
// are complete are they moved into the target folder.
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

namespace quhua::util {

/// Calls `write(stage)` with an empty temporary folder beside `folder`; when it returns, moves every
/// file it wrote into `folder` (created when missing; files of the same name are replaced, other
/// files in `folder` are left alone) and returns their final paths in the order of their names. On
/// any exception the temporary folder is removed, `folder` is untouched and the exception propagates.
std::vector<std::filesystem::path> write_folder_atomically(
    const std::filesystem::path& folder, const std::function<void(const std::filesystem::path& stage)>& write);

}  // namespace quhua::util
