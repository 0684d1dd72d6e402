#include "quhua/util/memory.hpp"

#include <limits>
#include <unistd.h>

#include "quhua/util/strings.hpp"

namespace quhua::util {

std::optional<std::uint64_t> physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return std::nullopt;
  return checked_product(static_cast<std::uint64_t>(pages), static_cast<std::uint64_t>(page_size));
}

std::optional<std::uint64_t> checked_product(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) return std::nullopt;
  return a * b;
}

std::string describe_bytes(double bytes) {
  if (bytes >= 1e9) return fixed(bytes / 1e9, 1) + " GB";
  if (bytes >= 1e6) return fixed(bytes / 1e6, 1) + " MB";
  return fixed(bytes / 1e3, 1) + " kB";
}

void require_memory(std::uint64_t rows, std::uint64_t cols, std::uint64_t item_bytes, const std::string& what,
                    const ErrorContext& where, std::optional<std::uint64_t> limit_bytes) {
  const auto count = checked_product(rows, cols);
  const auto needed = count ? checked_product(*count, item_bytes) : std::nullopt;
  const auto machine = limit_bytes ? limit_bytes : physical_memory_bytes();
  if (!needed) {
    throw InputError(ErrorCode::input_value, what + " would need more than 2^64 bytes of memory", where);
  }
  if (!machine) return;  // the system does not say: nothing to check against
  const double allowed = k_memory_share * static_cast<double>(*machine);
  if (static_cast<double>(*needed) > allowed) {
    throw InputError(ErrorCode::input_value,
                     what + " would need " + describe_bytes(static_cast<double>(*needed)) +
                         " of memory; this machine has " + describe_bytes(static_cast<double>(*machine)) +
                         " (at most " + describe_bytes(allowed) + " may go to one input)",
                     where);
  }
}

}  // namespace quhua::util
