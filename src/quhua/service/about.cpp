#include "quhua/service/about.hpp"

namespace quhua::service {

About about() {
  About out;
  out.version = "0.1.0";
  return out;
}

}  // namespace quhua::service
