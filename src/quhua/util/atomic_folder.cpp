#include "quhua/util/atomic_folder.hpp"

#include "quhua/util/error.hpp"

#include <algorithm>
#include <string>
#include <system_error>
#include <unistd.h>

namespace quhua::util {

namespace fs = std::filesystem;

std::vector<fs::path> write_folder_atomically(const fs::path& folder,
                                              const std::function<void(const fs::path& stage)>& write) {
  const fs::path target = folder.empty() ? fs::path(".") : folder;
  const fs::path absolute = fs::absolute(target).lexically_normal();
  const fs::path parent = absolute.has_filename() ? absolute.parent_path() : absolute.parent_path().parent_path();
  const std::string name =
      absolute.has_filename() ? absolute.filename().string() : absolute.parent_path().filename().string();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) {
    throw StorageError("cannot create folder: " + ec.message(), ErrorContext{parent.string(), "", "", ""});
  }
  const fs::path stage = parent / (".tmp-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(stage, ec);
  fs::create_directory(stage, ec);
  if (ec) {
    throw StorageError("cannot create folder: " + ec.message(), ErrorContext{stage.string(), "", "", ""});
  }
  std::vector<fs::path> names;
  try {
    write(stage);
    for (const auto& entry : fs::directory_iterator(stage)) names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    fs::create_directories(absolute, ec);
    if (ec) {
      throw StorageError("cannot create folder: " + ec.message(), ErrorContext{absolute.string(), "", "", ""});
    }
    // Every file is complete before the first one replaces anything. The old files are set aside in
    // the stage first, so that a rename failing halfway puts every old file back.
    const fs::path old = stage / ".old";
    fs::create_directory(old, ec);
    std::vector<fs::path> set_aside, moved_in;
    const auto roll_back = [&] {
      std::error_code ignored;
      for (const auto& file : moved_in) fs::remove(absolute / file, ignored);
      for (const auto& file : set_aside) fs::rename(old / file, absolute / file, ignored);
    };
    // Renames `from` to `to` and records `file` in `done`; on failure puts everything back and throws.
    const auto move = [&](const fs::path& from, const fs::path& to, const fs::path& file, std::vector<fs::path>& done,
                          const char* what) {
      fs::rename(from, to, ec);
      if (ec) {
        roll_back();
        throw StorageError(std::string(what) + ": " + ec.message(),
                           ErrorContext{(absolute / file).string(), "", "", ""});
      }
      done.push_back(file);
    };
    for (const auto& file : names) {
      if (fs::exists(absolute / file, ec))
        move(absolute / file, old / file, file, set_aside, "cannot replace the file");
    }
    for (const auto& file : names) {
      move(stage / file, absolute / file, file, moved_in, "cannot move the finished file into place");
    }
  } catch (...) {
    fs::remove_all(stage, ec);
    throw;
  }
  fs::remove_all(stage, ec);
  std::vector<fs::path> out;
  for (const auto& file : names) out.push_back(target / file);
  return out;
}

}  // namespace quhua::util
