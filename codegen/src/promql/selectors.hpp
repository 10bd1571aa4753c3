// The vector selectors of a PromQL expression (`metric{label="value"}`), found by a small
// tokenizer, so that a raw alert expression can be checked against the schema. The rest of the
// syntax is left to Prometheus (promtool checks the rules in the tests).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "promql/expression.hpp"

namespace schemetric::codegen::promql {

/// One vector selector of an expression.
struct found_selector {
  std::string metric;  ///< empty for `{__name__=~"..."}` without an equality on the name
  std::vector<label_matcher> matchers;
  std::size_t offset = 0;  ///< of its first character in the expression
};

/// The selectors of `expression`, in order, or a message saying where the expression could not
/// be read (an unterminated string, an unbalanced brace, a malformed matcher).
struct selector_scan {
  std::vector<found_selector> selectors;
  std::optional<std::string> error;
  std::size_t error_offset = 0;
};

[[nodiscard]] selector_scan find_selectors(std::string_view expression);

}  // namespace schemetric::codegen::promql
