// YAML 1.2 core-schema scalars (https://yaml.org/spec/1.2.2/#1032-tag-resolution): numbers,
// booleans and how a node is described in a type error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace schemetric::codegen::yaml {

/// A number as the core schema reads it.
struct number {
  double value = 0;
  bool integral = false;   ///< written without a point or exponent (12, -3, 0x1f, 0o17)
  bool underflow = false;  ///< a non-zero literal too small for a double (1e-400)
};

/// Parses the core schema's int and float forms: 12, -3, 0x1f, 0o17, 1.5, .5, 1e-3, .inf, .nan.
/// Integers too large for 64 bits read as infinity.
[[nodiscard]] std::optional<number> parse_number(std::string_view text);

/// True for the core schema's booleans: true, True, TRUE, false, False, FALSE.
[[nodiscard]] bool is_bool(std::string_view text) noexcept;

/// What a scalar node is: a quoted or tagged scalar keeps the type its tag gives; a plain one is
/// a boolean or a number when it reads as one, else a string.
enum class scalar_kind { string, number, boolean };
[[nodiscard]] scalar_kind classify(const YAML::Node& scalar);

/// The number a node holds: a scalar that classifies as a number and parses as one.
[[nodiscard]] std::optional<number> number_of(const YAML::Node& node);

/// The value of an integer scalar within [min, max], or nothing for anything else (a string, a
/// float such as 5.0, a number out of range). Callers report the error in their own words.
[[nodiscard]] std::optional<std::int64_t> integer_in_range(const YAML::Node& node, std::int64_t min,
                                                           std::int64_t max);

/// "a mapping", "the number 5", "the string 'a'", "an empty value": the "found ..." part of a
/// type error.
[[nodiscard]] std::string describe(const YAML::Node& node);

}  // namespace schemetric::codegen::yaml
