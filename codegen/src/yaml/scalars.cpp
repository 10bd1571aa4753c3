// YAML 1.2 core-schema scalars: numbers, booleans and how a node is described in a type error.
#include "yaml/scalars.hpp"

#include <cctype>
#include <charconv>
#include <limits>
#include <system_error>

#include <fmt/format.h>

#include "support/utf8.hpp"

namespace schemetric::codegen::yaml {
namespace {

std::size_t count_digits(std::string_view text, std::size_t from, int base) {
  std::size_t end = from;
  while (end < text.size()) {
    const char c = text[end];
    const bool digit = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                                  : (c >= '0' && c < static_cast<char>('0' + base));
    if (!digit) break;
    ++end;
  }
  return end - from;
}

std::optional<number> parse_integer_in_base(std::string_view digits, int base) {
  if (digits.empty() || count_digits(digits, 0, base) != digits.size()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (error == std::errc::result_out_of_range) {
    return number{std::numeric_limits<double>::infinity(), true, false};  // overflow
  }
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return number{static_cast<double>(value), true, false};
}

// The shape of a decimal literal: [0-9]+ ( . [0-9]* )? | . [0-9]+, then an optional exponent
// [eE][-+]?[0-9]+.
struct decimal_shape {
  std::size_t integer_digits = 0;
  bool has_point = false;
  std::size_t fraction_digits = 0;
  bool has_exponent = false;
};

std::optional<decimal_shape> shape_of_decimal(std::string_view body) {
  decimal_shape shape;
  std::size_t at = 0;
  shape.integer_digits = count_digits(body, at, 10);
  at += shape.integer_digits;
  if (at < body.size() && body[at] == '.') {
    shape.has_point = true;
    ++at;
    shape.fraction_digits = count_digits(body, at, 10);
    at += shape.fraction_digits;
  }
  if (shape.integer_digits == 0 && shape.fraction_digits == 0) return std::nullopt;
  if (at < body.size() && (body[at] == 'e' || body[at] == 'E')) {
    shape.has_exponent = true;
    ++at;
    if (at < body.size() && (body[at] == '+' || body[at] == '-')) ++at;
    const std::size_t exponent_digits = count_digits(body, at, 10);
    if (exponent_digits == 0) return std::nullopt;
    at += exponent_digits;
  }
  if (at != body.size()) return std::nullopt;
  return shape;
}

// Reads an unsigned decimal literal of a known shape.
std::optional<number> parse_decimal(std::string_view body, const decimal_shape& shape) {
  // std::from_chars does not take "1." or ".5" in every library; give it "1.0" and "0.5".
  const std::size_t head = shape.integer_digits + (shape.has_point ? 1 : 0);
  std::string normalized;
  if (shape.integer_digits == 0) normalized += '0';
  normalized += body.substr(0, head);
  if (shape.has_point && shape.fraction_digits == 0) normalized += '0';
  normalized += body.substr(head);
  double value = 0;
  const auto [end, error] =
      std::from_chars(normalized.data(), normalized.data() + normalized.size(), value);
  number result{0, !shape.has_point && !shape.has_exponent, false};
  if (error == std::errc::result_out_of_range) {
    // std::from_chars leaves the value alone here; tell overflow (infinity) from underflow: a
    // literal out of range is too small when its exponent is negative, or when it has no
    // exponent and its integer part is zero (0.000...1).
    const std::size_t exponent = normalized.find_first_of("eE");
    const bool too_small =
        exponent == std::string::npos
            ? normalized.find_first_not_of('0') == normalized.find('.')
            : exponent + 1 < normalized.size() && normalized[exponent + 1] == '-';
    result.value = too_small ? 0.0 : std::numeric_limits<double>::infinity();
    result.underflow = too_small;
  } else if (error != std::errc{} || end != normalized.data() + normalized.size()) {
    return std::nullopt;
  } else {
    result.value = value;
  }
  return result;
}

}  // namespace

std::optional<number> parse_number(std::string_view text) {
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    return number{std::numeric_limits<double>::quiet_NaN(), false, false};
  }
  if (text.starts_with("0x")) return parse_integer_in_base(text.substr(2), 16);
  if (text.starts_with("0o")) return parse_integer_in_base(text.substr(2), 8);
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  std::optional<number> result;
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    result = number{std::numeric_limits<double>::infinity(), false, false};
  } else if (const std::optional<decimal_shape> shape = shape_of_decimal(body)) {
    result = parse_decimal(body, *shape);
  }
  if (result && negative) result->value = -result->value;
  return result;
}

bool is_bool(std::string_view text) noexcept {
  return text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
         text == "FALSE";
}

scalar_kind classify(const YAML::Node& scalar) {
  const std::string& tag = scalar.Tag();
  const std::string& text = scalar.Scalar();
  if (tag == "?") {  // a plain (unquoted, untagged) scalar
    if (is_bool(text)) return scalar_kind::boolean;
    if (parse_number(text)) return scalar_kind::number;
    return scalar_kind::string;
  }
  if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float") {
    return scalar_kind::number;
  }
  if (tag == "tag:yaml.org,2002:bool") return scalar_kind::boolean;
  return scalar_kind::string;  // quoted ("!"), !!str or any other tag
}

std::optional<number> number_of(const YAML::Node& node) {
  if (!node.IsScalar() || classify(node) != scalar_kind::number) return std::nullopt;
  return parse_number(node.Scalar());  // nothing for a !!float-tagged scalar that is no number
}

std::optional<std::int64_t> integer_in_range(const YAML::Node& node, std::int64_t min,
                                             std::int64_t max) {
  const std::optional<number> value = number_of(node);
  if (!value || !value->integral) return std::nullopt;
  if (!(value->value >= static_cast<double>(min) && value->value <= static_cast<double>(max))) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(value->value);
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a sequence";
    case YAML::NodeType::Scalar:
      switch (classify(node)) {
        case scalar_kind::number:
          return fmt::format("the number {}", node.Scalar());
        case scalar_kind::boolean:
          return fmt::format("the boolean {}", node.Scalar());
        case scalar_kind::string:
          return fmt::format("the string '{}'", excerpt(node.Scalar(), 100));
      }
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return "an empty value";
}

}  // namespace schemetric::codegen::yaml
