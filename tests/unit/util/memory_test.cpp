#include "quhua/util/memory.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace quhua::util {
namespace {

TEST(Memory, ProductsThatOverflowAreNone) {
  EXPECT_EQ(checked_product(1u << 20, 1u << 20), std::uint64_t{1} << 40);
  EXPECT_FALSE(checked_product(std::uint64_t{1} << 40, std::uint64_t{1} << 40));
  EXPECT_EQ(checked_product(0, std::numeric_limits<std::uint64_t>::max()), 0u);
}

TEST(Memory, RefusesATableLargerThanTheMachineNamingBothSizes) {
  // 30,000 x 30,000 costs at 32 bytes a pair: 28.8 GB, against a 16 GB machine.
  const std::uint64_t machine = 16'000'000'000;
  try {
    require_memory(30000, 30000, 32, "the 30000 x 30000 cost matrix", ErrorContext{"big.txt", "", "", ""}, machine);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::input_value);
    EXPECT_EQ(e.context().file, "big.txt");
    const std::string message = e.what();
    EXPECT_NE(message.find("the 30000 x 30000 cost matrix would need 28.8 GB"), std::string::npos) << message;
    EXPECT_NE(message.find("this machine has 16.0 GB"), std::string::npos) << message;
  }
  EXPECT_NO_THROW(require_memory(1000, 1000, 32, "a small matrix", {}, machine));
  // Sizes whose product does not even fit in 64 bits.
  EXPECT_THROW(require_memory(std::uint64_t{1} << 40, std::uint64_t{1} << 40, 8, "n x n", {}, machine), InputError);
}

TEST(Memory, TheMachineSaysHowMuchItHas) {
  const auto bytes = physical_memory_bytes();
  ASSERT_TRUE(bytes.has_value());
  EXPECT_GT(*bytes, std::uint64_t{1} << 26);  // more than 64 MB
}

}  // namespace
}  // namespace quhua::util
