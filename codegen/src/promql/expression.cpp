// PromQL expressions as a tree, printed with correct quoting and parentheses.
#include "promql/expression.hpp"

#include <array>
#include <cmath>
#include <variant>

#include <fmt/format.h>

namespace schemetric::codegen::promql {

struct expression::node {
  struct number_literal {
    double value;
  };
  struct raw_text {
    std::string text;
  };
  struct vector_selector {
    std::string metric;
    std::vector<label_matcher> matchers;
    std::optional<long long> range_ms;
    std::string range_variable;  ///< a dashboard variable such as `$__rate_interval`, or empty
  };
  struct function_call {
    std::string function;
    std::vector<expression> arguments;
  };
  struct aggregation {
    std::string operation;
    std::vector<std::string> by;
    expression inner;
  };
  struct binary_operation {
    std::string op;
    expression lhs;
    expression rhs;
    vector_matching matching;
    bool return_bool;
  };
  std::variant<number_literal, raw_text, vector_selector, function_call, aggregation,
               binary_operation>
      content;
};

namespace {

using node = expression::node;

// PromQL's binary operator precedence, lowest first (promql/parser/lex.go).
int precedence(std::string_view op) {
  if (op == "or") return 1;
  if (op == "and" || op == "unless") return 2;
  if (op == "==" || op == "!=" || op == ">" || op == "<" || op == ">=" || op == "<=") return 3;
  if (op == "+" || op == "-") return 4;
  if (op == "*" || op == "/" || op == "%" || op == "atan2") return 5;
  return 6;  // ^
}

std::string_view match_op_text(match_op op) {
  switch (op) {
    case match_op::equal:
      return "=";
    case match_op::not_equal:
      return "!=";
    case match_op::regex:
      return "=~";
    case match_op::not_regex:
      return "!~";
  }
  return "=";
}

std::string label_list(const std::vector<std::string>& labels) {
  std::string text = "(";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) text += ", ";
    text += labels[i];
  }
  return text + ")";
}

}  // namespace

label_matcher matcher_for_values(std::string label, std::span<const std::string> values) {
  if (values.size() == 1) return {std::move(label), match_op::equal, values.front()};
  std::string alternation;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) alternation += '|';
    alternation += quote_regex(values[i]);
  }
  return {std::move(label), match_op::regex, std::move(alternation)};
}

std::string quote(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\t':
        quoted += "\\t";
        break;
      case '\r':
        quoted += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          quoted += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          quoted += c;
        }
    }
  }
  return quoted + "\"";
}

std::string quote_regex(std::string_view text) {
  // regexp.QuoteMeta's set: \.+*?()|[]{}^$
  constexpr std::string_view special = "\\.+*?()|[]{}^$";
  std::string quoted;
  for (const char c : text) {
    if (special.find(c) != std::string_view::npos) quoted += '\\';
    quoted += c;
  }
  return quoted;
}

std::string format_duration(std::chrono::milliseconds duration) {
  struct unit {
    long long ms;
    std::string_view suffix;
  };
  constexpr std::array units{unit{86'400'000, "d"}, unit{3'600'000, "h"}, unit{60'000, "m"},
                             unit{1'000, "s"}, unit{1, "ms"}};
  long long left = duration.count();
  if (left == 0) return "0s";
  for (const unit& u : units) {
    if (left % u.ms == 0) return fmt::format("{}{}", left / u.ms, u.suffix);
  }
  std::string text;
  for (const unit& u : units) {
    if (left >= u.ms) {
      text += fmt::format("{}{}", left / u.ms, u.suffix);
      left %= u.ms;
    }
  }
  return text;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", value);
}

expression expression::number(double value) {
  return expression(std::make_shared<const node>(node{node::number_literal{value}}));
}

expression expression::raw(std::string text) {
  return expression(std::make_shared<const node>(node{node::raw_text{std::move(text)}}));
}

expression expression::selector(std::string metric, std::vector<label_matcher> matchers,
                                std::optional<long long> range_ms) {
  return expression(std::make_shared<const node>(
      node{node::vector_selector{std::move(metric), std::move(matchers), range_ms, {}}}));
}

expression expression::selector_over(std::string metric, std::vector<label_matcher> matchers,
                                     std::string range_variable) {
  return expression(std::make_shared<const node>(node{node::vector_selector{
      std::move(metric), std::move(matchers), std::nullopt, std::move(range_variable)}}));
}

expression expression::call(std::string function, std::vector<expression> arguments) {
  return expression(std::make_shared<const node>(
      node{node::function_call{std::move(function), std::move(arguments)}}));
}

expression expression::aggregate(std::string operation, std::vector<std::string> by,
                                 expression inner) {
  return expression(std::make_shared<const node>(
      node{node::aggregation{std::move(operation), std::move(by), std::move(inner)}}));
}

expression expression::binary(std::string op, expression lhs, expression rhs,
                              vector_matching matching, bool return_bool) {
  return expression(std::make_shared<const node>(node{node::binary_operation{
      std::move(op), std::move(lhs), std::move(rhs), std::move(matching), return_bool}}));
}

namespace {

std::string print(const node& n, bool multiline);

// An operand of a binary operation, in parentheses when its own operator binds less tightly
// (or equally, on the right: PromQL's operators are left-associative but for ^).
std::string print_operand(const node& operand, int parent_precedence, bool right, bool multiline) {
  if (const auto* raw = std::get_if<node::raw_text>(&operand.content)) {
    return "(" + raw->text + ")";
  }
  const auto* inner = std::get_if<node::binary_operation>(&operand.content);
  std::string text = print(operand, multiline);
  if (inner == nullptr) return text;
  const int own = precedence(inner->op);
  const bool needs_parentheses = own < parent_precedence ||
                                 (own == parent_precedence && right && inner->op != "^") ||
                                 (own == parent_precedence && !right && inner->op == "^");
  return needs_parentheses ? "(" + text + ")" : text;
}

std::string print(const node& n, bool multiline) {
  return std::visit(
      [&](const auto& content) -> std::string {
        using type = std::decay_t<decltype(content)>;
        if constexpr (std::is_same_v<type, node::number_literal>) {
          return format_number(content.value);
        } else if constexpr (std::is_same_v<type, node::raw_text>) {
          return content.text;
        } else if constexpr (std::is_same_v<type, node::vector_selector>) {
          std::string text = content.metric;
          if (!content.matchers.empty()) {
            text += '{';
            for (std::size_t i = 0; i < content.matchers.size(); ++i) {
              const label_matcher& m = content.matchers[i];
              if (i > 0) text += ", ";
              text += m.label + std::string(match_op_text(m.op)) + quote(m.value);
            }
            text += '}';
          }
          if (content.range_ms) {
            text += "[" + format_duration(std::chrono::milliseconds(*content.range_ms)) + "]";
          } else if (!content.range_variable.empty()) {
            text += "[" + content.range_variable + "]";
          }
          return text;
        } else if constexpr (std::is_same_v<type, node::function_call>) {
          std::string text = content.function + "(";
          for (std::size_t i = 0; i < content.arguments.size(); ++i) {
            if (i > 0) text += ", ";
            text += print(*content.arguments[i].root(), false);
          }
          return text + ")";
        } else if constexpr (std::is_same_v<type, node::aggregation>) {
          std::string text = content.operation;
          if (!content.by.empty()) text += " by " + label_list(content.by);
          return text + " (" + print(*content.inner.root(), false) + ")";
        } else {
          const int own = precedence(content.op);
          const bool logical = own <= 2;
          std::string op_text = content.op;
          if (content.return_bool) op_text += " bool";
          if (content.matching.matching != vector_matching::kind::none) {
            op_text += content.matching.matching == vector_matching::kind::on ? " on" : " ignoring";
            op_text += label_list(content.matching.labels);
            if (content.matching.group_left) op_text += " group_left";
          }
          const std::string separator =
              multiline && logical ? "\n" + op_text + "\n" : " " + op_text + " ";
          return print_operand(*content.lhs.root(), own, false, multiline && logical) + separator +
                 print_operand(*content.rhs.root(), own, true, multiline && logical);
        }
      },
      n.content);
}

}  // namespace

std::string expression::text() const {
  return print(*root_, false);
}

std::string expression::text_multiline() const {
  return print(*root_, true);
}

}  // namespace schemetric::codegen::promql
