// The checks of a schema's text before it is parsed into nodes.
#include "yaml/input_check.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "model/limits.hpp"
#include "support/utf8.hpp"
#include "yaml/reader.hpp"

namespace schemetric::codegen::yaml {
namespace {

using namespace std::string_view_literals;

// Thrown by the event handler to stop yaml-cpp's parser at the first limit passed.
struct limit_passed {
  source_position position;
  std::string message;
};

// A section of the schema whose number of definitions is limited.
struct section_limit {
  std::string_view key;
  std::string_view noun;  ///< plural
  std::size_t most;
};

constexpr std::array<section_limit, 5> section_limits{{
    {"labels"sv, "labels"sv, limits::labels},
    {"metrics"sv, "metrics"sv, limits::metrics},
    {"trackers"sv, "trackers"sv, limits::trackers},
    {"alerts"sv, "alerts"sv, limits::alerts},
    {"slos"sv, "SLOs"sv, limits::slos},
}};

// Where flow collections ('[', '{') nest deeper than the limit, read from the text alone:
// yaml-cpp's scanner queues every token of a run of '[' before its parser sees the first one, half
// a kilobyte each, so the event parser would stop there only after that memory is spent. Brackets
// in comments and quoted strings do not count; in block context a bracket counts only where a
// flow collection can start (after ': ', '- ', '? ' or at the start of a line), since plain text
// such as 'see [1]' may hold one. What this misses, the event parser still stops.
std::optional<std::size_t> too_deep_flow(std::string_view text) {
  std::size_t depth = 0;
  char quote = 0;
  bool token_start = true;  // a flow collection or a quoted string may start here
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (quote != 0) {
      if (quote == '"' && c == '\\') {
        ++at;
      } else if (c == quote) {
        // '' inside a single-quoted string is a quote character.
        if (quote == '\'' && at + 1 < text.size() && text[at + 1] == '\'') {
          ++at;
        } else {
          quote = 0;
        }
      }
      continue;
    }
    if (c == '#' &&
        (at == 0 || text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\n')) {
      while (at < text.size() && text[at] != '\n') ++at;
      token_start = true;
      continue;
    }
    const bool counts = depth > 0 || token_start;
    if (counts && (c == '\'' || c == '"')) {
      quote = c;
    } else if (counts && (c == '[' || c == '{')) {
      if (++depth > limits::nesting_depth) return at;
    } else if (depth > 0 && (c == ']' || c == '}')) {
      --depth;
    }
    if (c == '\n') {
      token_start = true;
    } else if (c == ' ' || c == '\t') {
      token_start = token_start || (at > 0 && (text[at - 1] == ':' || text[at - 1] == '-' ||
                                               text[at - 1] == '?' || text[at - 1] == ','));
    } else {
      token_start = depth > 0 && (c == '[' || c == '{' || c == ',');
    }
  }
  return std::nullopt;
}

std::string too_deep_message() {
  return fmt::format(
      "the YAML nests deeper than {} levels here (a schema needs at most 9); look for a stray "
      "'[' or '{{', or indentation that runs away",
      limits::nesting_depth);
}

// Counts what yaml-cpp's parser reports, without building nodes, and stops it (by throwing
// limit_passed) at the first node past a limit: before it recurses deeper or allocates more.
class shape_checker final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& /*mark*/) override { root_key_.clear(); }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor, 1); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto complete = anchored_sizes_.find(anchor);
    if (complete == anchored_sizes_.end()) {
      // yaml-cpp reports an unknown anchor itself: this one is still open, an ancestor.
      throw limit_passed{position_of(mark),
                         "this alias refers to a node that contains it, which would repeat "
                         "without end; give the values in full"};
    }
    leaf(mark, YAML::NullAnchor, complete->second);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                const std::string& value) override {
    check_string(mark, value);
    if (open_.size() == 1 && open_.back().mapping && open_.back().children % 2 == 0) {
      root_key_ = value;
    }
    leaf(mark, anchor, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct collection {
    bool mapping = false;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::size_t nodes = 1;     ///< itself and everything in it, aliases expanded
    std::size_t children = 0;  ///< keys and values of a mapping, items of a sequence
    const section_limit* section = nullptr;
  };

  // Counts a node about to start at `mark` of `size` nodes into its parent and the total.
  void count(const YAML::Mark& mark, std::size_t size) {
    if (!open_.empty()) {
      collection& parent = open_.back();
      if (parent.section != nullptr && parent.children % 2 == 0 &&
          parent.children / 2 >= parent.section->most) {
        throw limit_passed{
            position_of(mark),
            fmt::format("'{}' has more than {} entries; schemetric-gen reads at most {} {} in a "
                        "schema (remove those no code uses, or split the schema)",
                        parent.section->key, parent.section->most, parent.section->most,
                        parent.section->noun)};
      }
      ++parent.children;
    }
    // total_ is at most the limit here: the sum cannot overflow.
    total_ += std::min(size, limits::yaml_nodes + 1);
    if (total_ > limits::yaml_nodes) {
      throw limit_passed{
          position_of(mark),
          fmt::format("the schema has more than {} YAML nodes (values, mappings and sequences; an "
                      "alias counts as every node it repeats); shorten it",
                      limits::yaml_nodes)};
    }
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t size) {
    count(mark, size);
    if (anchor != YAML::NullAnchor) anchored_sizes_[anchor] = size;
    if (!open_.empty()) open_.back().nodes += size;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool mapping) {
    if (open_.size() >= limits::nesting_depth) {
      throw limit_passed{position_of(mark), too_deep_message()};
    }
    const bool section_value =
        open_.size() == 1 && open_.back().mapping && open_.back().children % 2 == 1 && mapping;
    count(mark, 1);
    collection opened{mapping, anchor, 1, 0, nullptr};
    if (section_value) {
      const auto it = std::find_if(section_limits.begin(), section_limits.end(),
                                   [&](const section_limit& s) { return s.key == root_key_; });
      if (it != section_limits.end()) opened.section = &*it;
    }
    open_.push_back(opened);
  }

  void close() {
    const collection closed = open_.back();
    open_.pop_back();
    if (closed.anchor != YAML::NullAnchor) anchored_sizes_[closed.anchor] = closed.nodes;
    if (!open_.empty()) open_.back().nodes += closed.nodes;
  }

  static void check_string(const YAML::Mark& mark, const std::string& value) {
    if (value.size() > limits::string_bytes) {
      throw limit_passed{position_of(mark),
                         fmt::format("this string is {} bytes long; strings are at most {} bytes "
                                     "(help texts {}): shorten it",
                                     value.size(), limits::string_bytes, limits::help_bytes)};
    }
    // The text itself was checked; escapes in double-quoted strings ("\0", "\e") can still
    // make control characters.
    if (const std::optional<text_problem> problem = first_bad_string_character(value)) {
      throw limit_passed{
          position_of(mark),
          fmt::format("this string holds {} (written as an escape); remove it", problem->what)};
    }
  }

  std::vector<collection> open_;
  std::unordered_map<YAML::anchor_t, std::size_t> anchored_sizes_;
  std::size_t total_ = 0;
  std::string root_key_;
};

bool check_characters(std::string_view text, diagnostics& diags) {
  if (text.starts_with("\xff\xfe") || text.starts_with("\xfe\xff")) {
    diags.error({1, 1},
                "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
    return false;
  }
  const std::optional<text_problem> problem = first_unprintable(text);
  if (!problem) return true;
  const bool invalid = problem->what.starts_with("invalid");
  diags.error(position_at(text, problem->offset),
              invalid ? fmt::format("{}; a schema must be UTF-8 text: save the file as UTF-8",
                                    problem->what)
                      : fmt::format("{} is not allowed in YAML (tab and line breaks are the only "
                                    "control characters it takes); remove it",
                                    problem->what));
  return false;
}

}  // namespace

source_position position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line_start =
      before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  return {static_cast<int>(line), static_cast<int>(offset - line_start) + 1};
}

bool check_input(std::string_view text, diagnostics& diags) {
  if (text.size() > limits::file_bytes) {
    diags.error({}, fmt::format("the schema is larger than {} bytes (1 MiB), the most "
                                "schemetric-gen reads; remove what the service does not use, or "
                                "split it into several schemas",
                                limits::file_bytes));
    return false;
  }
  if (!check_characters(text, diags)) return false;
  if (const std::optional<std::size_t> at = too_deep_flow(text)) {
    diags.error(position_at(text, *at), too_deep_message());
    return false;
  }
  std::istringstream stream{std::string{text}};
  YAML::Parser parser(stream);
  shape_checker checker;
  try {
    while (parser.HandleNextDocument(checker)) {
    }
  } catch (const limit_passed& passed) {
    diags.error(passed.position, passed.message);
    return false;
  } catch (const YAML::DeepRecursion& exception) {
    // Not expected: the checker stops long before yaml-cpp's own guard.
    diags.error(
        position_of(exception.mark),
        fmt::format("the YAML nests too deeply here (at most {} levels)", limits::nesting_depth));
    return false;
  } catch (const YAML::Exception& exception) {
    diags.error(position_of(exception.mark), fmt::format("invalid YAML: {}", exception.msg));
    return false;
  }
  return true;
}

}  // namespace schemetric::codegen::yaml
