// PromQL expressions built as a tree and printed with correct quoting, escaping and
// parentheses: the rules, their tests and the dashboard never concatenate PromQL by hand.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace schemetric::codegen::promql {

/// How a label matcher compares.
enum class match_op { equal, not_equal, regex, not_regex };

/// `label="value"`, `label=~"a|b"`, ...; `value` is the raw text (a regex for the regex ops).
struct label_matcher {
  std::string label;
  match_op op = match_op::equal;
  std::string value;
};

/// A matcher for `label` that selects exactly `values` (literal texts, at least one): `=` for
/// one value, `=~` with the values' regex-quoted alternation for several.
[[nodiscard]] label_matcher matcher_for_values(std::string label,
                                               std::span<const std::string> values);

/// `text` as a PromQL double-quoted string literal, quotes included.
[[nodiscard]] std::string quote(std::string_view text);

/// `text` with every RE2 metacharacter escaped, so that it matches only itself.
[[nodiscard]] std::string quote_regex(std::string_view text);

/// A duration as rule files and their names write it: the largest of d, h, m, s and ms that
/// divides it (`30d`, `90m`), else several from days down (`1d12h`). Weeks and years, which
/// Prometheus also reads, are not used: a 30-day period stays `30d`.
[[nodiscard]] std::string format_duration(std::chrono::milliseconds duration);

/// A number literal that reads back as exactly `value` (`0.05`, `1e-06`, `+Inf`, `NaN`).
[[nodiscard]] std::string format_number(double value);

/// Vector matching of a binary operation: `on (labels)` or `ignoring (labels)`, optionally
/// with `group_left`.
struct vector_matching {
  enum class kind { none, on, ignoring };
  kind matching = kind::none;
  std::vector<std::string> labels;
  bool group_left = false;
};

/// An immutable PromQL expression (a shared tree: copies are cheap).
class expression {
 public:
  /// A number literal.
  static expression number(double value);
  /// An expression written by hand (a raw alert's `expr`), printed as given; in parentheses
  /// when it is an operand.
  static expression raw(std::string text);
  /// `metric{matchers}`, and `[range]` when `range_ms` is given.
  static expression selector(std::string metric, std::vector<label_matcher> matchers = {},
                             std::optional<long long> range_ms = std::nullopt);
  /// `metric{matchers}[range_variable]` with a range a dashboard fills in (`$__rate_interval`).
  static expression selector_over(std::string metric, std::vector<label_matcher> matchers,
                                  std::string range_variable);
  /// `function(arguments...)`: rate, increase, histogram_quantile, absent, vector, clamp_min...
  static expression call(std::string function, std::vector<expression> arguments);
  /// `operation by (labels) (inner)`; without labels, `operation (inner)`.
  static expression aggregate(std::string operation, std::vector<std::string> by, expression inner);
  /// `lhs op rhs` for + - * / == != > < >= <= and or unless; `bool` for comparisons that
  /// return 0/1 instead of filtering.
  static expression binary(std::string op, expression lhs, expression rhs,
                           vector_matching matching = {}, bool return_bool = false);

  /// The expression on one line.
  [[nodiscard]] std::string text() const;
  /// The expression with each top-level `and`, `or` and `unless` operand on its own line, for
  /// rule files that people read.
  [[nodiscard]] std::string text_multiline() const;

  struct node;
  /// The root of the tree (for the printer).
  [[nodiscard]] const node* root() const noexcept { return root_.get(); }

 private:
  explicit expression(std::shared_ptr<const node> root) : root_(std::move(root)) {}
  std::shared_ptr<const node> root_;
};

}  // namespace schemetric::codegen::promql
