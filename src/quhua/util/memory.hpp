// How much memory this machine has, and the one check every allocation sized by the input goes
// through first: a file that announces 10^9 of something is refused with a message, never answered
// with std::bad_alloc or a machine swapping itself to a halt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "quhua/util/error.hpp"

namespace quhua::util {

/// Bytes of physical memory of this machine; nullopt when the system does not say.
std::optional<std::uint64_t> physical_memory_bytes();

/// a x b, or nullopt when it does not fit in 64 bits.
std::optional<std::uint64_t> checked_product(std::uint64_t a, std::uint64_t b);

/// Share of the physical memory one input may ask for (the rest is the program, the OS and other work).
inline constexpr double k_memory_share = 0.75;

/// Throws InputError (input_value, `where`) when a table of `rows` x `cols` items of `item_bytes` bytes
/// each -- `what`, e.g. "the 30000 x 30000 cost matrix" -- overflows or needs more than k_memory_share of
/// the machine's physical memory (or of `limit_bytes` when given: tests). The message says how much is
/// needed and how much there is. A list is a table of one column.
void require_memory(std::uint64_t rows, std::uint64_t cols, std::uint64_t item_bytes, const std::string& what,
                    const ErrorContext& where = {}, std::optional<std::uint64_t> limit_bytes = std::nullopt);

/// "21.5 GB", "512 MB": a byte count for messages.
std::string describe_bytes(double bytes);

}  // namespace quhua::util
