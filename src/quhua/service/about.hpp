// service::about -- what this build of quhua is: version and the libraries it was built with.
#pragma once

#include <string>
#include <vector>

namespace quhua::service {

struct LibraryVersion {
  std::string name;
  std::string version;
};

struct About {
  std::string version;
  std::vector<LibraryVersion> libraries;
};

About about();

}  // namespace quhua::service
