// Finding the vector selectors of a PromQL expression.
#include "promql/selectors.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

namespace schemetric::codegen::promql {
namespace {

using namespace std::string_view_literals;

// Words that are never metric names: operators, modifiers, aggregations (promql/parser/lex.go).
constexpr std::array keywords{
    "and"sv,      "or"sv,           "unless"sv,      "atan2"sv, "by"sv,     "without"sv, "on"sv,
    "ignoring"sv, "group_left"sv,   "group_right"sv, "bool"sv,  "offset"sv, "sum"sv,     "avg"sv,
    "count"sv,    "min"sv,          "max"sv,         "group"sv, "stddev"sv, "stdvar"sv,  "topk"sv,
    "bottomk"sv,  "count_values"sv, "quantile"sv,    "inf"sv,   "nan"sv};

// Words after which a parenthesised list holds label names, not expressions.
constexpr std::array grouping_words{"by"sv,       "without"sv,    "on"sv,
                                    "ignoring"sv, "group_left"sv, "group_right"sv};

bool is_identifier_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}
bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}

// PromQL's keywords are case-insensitive (`SUM BY (job)`).
std::string lowercase(std::string_view word) {
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

class scanner {
 public:
  explicit scanner(std::string_view text) : text_(text) {}

  selector_scan run() {
    while (at_ < text_.size() && !result_.error) step();
    return std::move(result_);
  }

 private:
  void fail(std::string message, std::size_t offset) {
    result_.error = std::move(message);
    result_.error_offset = offset;
  }

  void skip_space() {
    while (at_ < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(text_[at_]))) {
        ++at_;
      } else if (text_[at_] == '#') {
        while (at_ < text_.size() && text_[at_] != '\n') ++at_;
      } else {
        break;
      }
    }
  }

  // A string literal at `at_`; its unescaped text.
  std::optional<std::string> string_literal() {
    const char quote = text_[at_];
    const std::size_t start = at_++;
    std::string value;
    while (at_ < text_.size() && text_[at_] != quote) {
      if (text_[at_] == '\\' && quote != '`' && at_ + 1 < text_.size()) {
        const char escaped = text_[at_ + 1];
        const std::string_view simple = "abfnrtv\\'\"";
        const std::string_view replacement = "\a\b\f\n\r\t\v\\'\"";
        const std::size_t which = simple.find(escaped);
        value += which == std::string_view::npos ? escaped : replacement[which];
        at_ += 2;
        continue;
      }
      value += text_[at_++];
    }
    if (at_ >= text_.size()) {
      fail("a string is not terminated", start);
      return std::nullopt;
    }
    ++at_;
    return value;
  }

  // The matchers between `{` (at `at_`) and `}`.
  void matchers(found_selector& selector) {
    const std::size_t open = at_++;
    while (true) {
      skip_space();
      if (at_ >= text_.size()) return fail("a '{' is not closed", open);
      if (text_[at_] == '}') {
        ++at_;
        return;
      }
      const std::size_t name_start = at_;
      while (at_ < text_.size() && is_identifier_char(text_[at_])) ++at_;
      std::string label(text_.substr(name_start, at_ - name_start));
      skip_space();
      std::optional<match_op> op;
      for (const auto& [spelling, value] :
           {std::pair{"=~"sv, match_op::regex}, std::pair{"!~"sv, match_op::not_regex},
            std::pair{"!="sv, match_op::not_equal}, std::pair{"="sv, match_op::equal}}) {
        if (text_.substr(at_).starts_with(spelling)) {
          op = value;
          at_ += spelling.size();
          break;
        }
      }
      skip_space();
      if (label.empty() || !op || at_ >= text_.size() ||
          (text_[at_] != '"' && text_[at_] != '\'' && text_[at_] != '`')) {
        return fail("a label matcher is not 'label=\"value\"' (or !=, =~, !~)", name_start);
      }
      const std::optional<std::string> value = string_literal();
      if (!value) return;
      if (label == "__name__" && *op == match_op::equal) {
        selector.metric = *value;
      } else {
        selector.matchers.push_back({std::move(label), *op, *value});
      }
      skip_space();
      if (at_ < text_.size() && text_[at_] == ',') ++at_;
    }
  }

  // A parenthesised list of label names after `by`, `on`, ...: skipped.
  void label_list() {
    skip_space();
    if (at_ >= text_.size() || text_[at_] != '(') return;
    const std::size_t open = at_;
    const std::size_t close = text_.find(')', at_);
    if (close == std::string_view::npos) return fail("a '(' is not closed", open);
    at_ = close + 1;
  }

  void step() {
    skip_space();
    if (at_ >= text_.size()) return;
    const char c = text_[at_];
    if (c == '"' || c == '\'' || c == '`') {
      (void)string_literal();
      return;
    }
    if (c == '[') {  // a range or subquery: durations only
      const std::size_t close = text_.find(']', at_);
      if (close == std::string_view::npos) return fail("a '[' is not closed", at_);
      at_ = close + 1;
      return;
    }
    if (c == '{') {  // a selector without a name
      found_selector selector;
      selector.offset = at_;
      matchers(selector);
      result_.selectors.push_back(std::move(selector));
      return;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      while (at_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[at_])) || text_[at_] == '.')) {
        ++at_;
      }
      return;
    }
    if (!is_identifier_start(c)) {
      ++at_;
      return;
    }
    const std::size_t start = at_;
    while (at_ < text_.size() && is_identifier_char(text_[at_])) ++at_;
    const std::string_view word = text_.substr(start, at_ - start);
    const std::string lower = lowercase(word);
    if (std::find(grouping_words.begin(), grouping_words.end(), lower) != grouping_words.end()) {
      return label_list();
    }
    if (std::find(keywords.begin(), keywords.end(), lower) != keywords.end()) return;
    skip_space();
    if (at_ < text_.size() && text_[at_] == '(') return;  // a function call
    found_selector selector;
    selector.metric = std::string(word);
    selector.offset = start;
    if (at_ < text_.size() && text_[at_] == '{') matchers(selector);
    result_.selectors.push_back(std::move(selector));
  }

  std::string_view text_;
  std::size_t at_ = 0;
  selector_scan result_;
};

}  // namespace

selector_scan find_selectors(std::string_view expression) {
  return scanner(expression).run();
}

}  // namespace schemetric::codegen::promql
