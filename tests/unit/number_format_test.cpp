// The exposition's number writers spell every number as fmt's "{}" does (the spelling the
// golden files hold), including their fast paths: integers, and decimals of a histogram sum.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "schemetric/detail/number_format.hpp"

namespace {

using namespace schemetric::detail;

std::string unsigned_text(std::uint64_t value) {
  char text[max_number_bytes];
  return std::string(text, write_unsigned(text, value));
}

std::string double_text(double value) {
  char text[max_number_bytes];
  return std::string(text, write_double(text, value));
}

template <int Decimals>
std::string decimal_text(double value) {
  char text[max_number_bytes];
  return std::string(text, write_decimal<Decimals>(text, value));
}

TEST(number_format, unsigned_integers_at_every_digit_count) {
  for (std::uint64_t power = 1; power <= 1000000000000000000u; power *= 10) {
    for (std::uint64_t value : {power - 1, power, power + 1, 2 * power, 9 * power + 1}) {
      EXPECT_EQ(unsigned_text(value), fmt::format("{}", value));
    }
  }
  EXPECT_EQ(unsigned_text(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615");
  EXPECT_EQ(unsigned_text(10000000000000000000u), "10000000000000000000");
  std::mt19937_64 random(1);
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t value = random() >> (random() % 64);
    ASSERT_EQ(unsigned_text(value), fmt::format("{}", value));
  }
}

TEST(number_format, signed_integers) {
  char text[max_number_bytes];
  for (std::int64_t value :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42},
        std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
    EXPECT_EQ(std::string(text, write_signed(text, value)), fmt::format("{}", value));
  }
}

TEST(number_format, doubles_as_fmt_spells_them) {
  for (double value : {0.0, -0.0, 3.0, -3.0, 0.07, 1e15 - 1, 1e15, 1e16, 1e-5, 0.1 + 0.2,
                       std::numeric_limits<double>::denorm_min(), 1e300, -2.5e-7}) {
    EXPECT_EQ(double_text(value), fmt::format("{}", value)) << value;
  }
  EXPECT_EQ(double_text(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(double_text(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(double_text(-std::numeric_limits<double>::infinity()), "-Inf");
  std::mt19937_64 random(2);
  for (int i = 0; i < 100000; ++i) {
    const double value = std::bit_cast<double>(random());
    if (!std::isfinite(value)) continue;
    ASSERT_EQ(double_text(value), fmt::format("{}", value));
    const double integral = std::trunc(value / std::pow(10.0, random() % 300));
    ASSERT_EQ(double_text(integral), fmt::format("{}", integral));
  }
}

template <int Decimals>
void check_decimals(std::mt19937_64& random) {
  const double scale = std::pow(10.0, Decimals);
  for (int i = 0; i < 20000; ++i) {
    // A sum as a histogram keeps it: whole units of 10^-Decimals, read back by a division.
    const std::uint64_t units = random() >> (random() % 64);
    const double value = static_cast<double>(units) / scale;
    ASSERT_EQ(decimal_text<Decimals>(value), fmt::format("{}", value)) << units;
    // Doubles that are not such decimals take the general path.
    const double other = std::bit_cast<double>(random());
    if (std::isfinite(other)) {
      ASSERT_EQ(decimal_text<Decimals>(other), fmt::format("{}", other));
    }
  }
}

TEST(number_format, decimals_as_fmt_spells_them) {
  std::mt19937_64 random(3);
  check_decimals<1>(random);
  check_decimals<4>(random);
  check_decimals<7>(random);
  check_decimals<9>(random);
  check_decimals<15>(random);
  EXPECT_EQ(decimal_text<9>(0.07), "0.07");
  EXPECT_EQ(decimal_text<9>(1.0), "1");
  EXPECT_EQ(decimal_text<9>(1e-5), "1e-05");
}

}  // namespace
