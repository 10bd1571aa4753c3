// A strict reader for the small subset of YAML that web configuration files use.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// A configuration error: "file:line:column: what is wrong and what to write instead".
class config_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct yaml_entry;

/// A node of the YAML subset: null (an empty value, `~` or `null`), a scalar (plain or
/// quoted), a sequence of nodes, or a mapping with unique keys in file order.
struct yaml_node {
  enum class kind : unsigned char { null, scalar, sequence, mapping };
  kind type = kind::null;
  std::string scalar;               ///< the scalar's text, quotes and escapes resolved
  bool quoted = false;              ///< written in quotes (then never a boolean or null)
  std::vector<yaml_node> items;     ///< a sequence's items
  std::vector<yaml_entry> entries;  ///< a mapping's entries
  std::size_t line = 0;             ///< 1-based position of the node's first character
  std::size_t column = 0;
};

struct yaml_entry {
  std::string key;
  std::size_t line = 0;  ///< the key's position
  std::size_t column = 0;
  yaml_node value;
};

/// Reads the YAML subset a web configuration file needs, and rejects everything else with a
/// config_error naming the position, instead of guessing:
/// - block mappings (`key: value`, `key:` with a more indented block, or a sequence at the
///   same indentation), block sequences (`- value`), flow sequences of scalars (`[a, "b"]`);
/// - plain scalars on one line, single-quoted ('' is a quote) and double-quoted scalars (the
///   escapes \" \\ \/ \n \r \t); comments (#) and one leading `---`;
/// - not supported, each an error: tabs in indentation, anchors, aliases, tags, block scalars
///   (| and >), flow mappings, multi-line scalars, mappings inside sequences, several
///   documents, duplicate keys.
/// Error messages quote no values (a value may be a secret), only positions and keys.
/// Thread safety: a pure function. Failure: config_error; std::bad_alloc.
class yaml_subset_reader {
 public:
  /// `source_name` prefixes every error message (the file's path).
  static yaml_node read(std::string_view text, std::string_view source_name) {
    yaml_subset_reader reader(source_name);
    reader.split_lines(text);
    if (reader.lines_.empty()) return yaml_node{};
    std::size_t next = 0;
    const std::size_t indent = reader.lines_.front().indent;
    yaml_node root = reader.block(next, indent);
    if (next < reader.lines_.size()) {
      const line& extra = reader.lines_[next];
      reader.fail(
          extra.number, extra.indent + 1,
          extra.indent < indent ? "less indented than the first line" : "unexpected indentation");
    }
    return root;
  }

 private:
  struct line {
    std::size_t number = 0;    // 1-based
    std::size_t indent = 0;    // spaces before the content
    std::string_view content;  // without indentation, comment and trailing spaces
  };

  explicit yaml_subset_reader(std::string_view source_name) : source_(source_name) {}

  [[noreturn]] void fail(std::size_t line_number, std::size_t column, std::string_view what) const {
    throw config_error(std::string(source_) + ":" + std::to_string(line_number) + ":" +
                       std::to_string(column) + ": " + std::string(what));
  }

  void split_lines(std::string_view text) {
    std::size_t number = 0;
    bool content_seen = false;
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      std::string_view raw = text.substr(0, end);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
      ++number;
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      std::size_t indent = 0;
      while (indent < raw.size() && raw[indent] == ' ') ++indent;
      if (indent < raw.size() && raw[indent] == '\t') {
        fail(number, indent + 1, "tab character in indentation: indent with spaces");
      }
      const std::string_view content = strip_comment(raw.substr(indent), number, indent);
      if (content.empty()) continue;
      if (content == "---" && indent == 0) {
        if (content_seen) fail(number, 1, "a second document: one document per file");
        continue;
      }
      if (content == "..." && indent == 0) fail(number, 1, "document end marker not supported");
      content_seen = true;
      lines_.push_back({number, indent, content});
    }
  }

  // The content without a trailing comment and trailing spaces; quotes are respected.
  std::string_view strip_comment(std::string_view content, std::size_t number,
                                 std::size_t indent) const {
    char quote = 0;
    for (std::size_t i = 0; i < content.size(); ++i) {
      const char c = content[i];
      if (quote != 0) {
        if (quote == '"' && c == '\\') {
          ++i;
        } else if (c == quote) {
          quote = 0;
        }
      } else if ((c == '"' || c == '\'') && quote_may_start(content, i)) {
        quote = c;
      } else if (c == '#' && (i == 0 || content[i - 1] == ' ' || content[i - 1] == '\t')) {
        content = content.substr(0, i);
        break;
      }
    }
    if (quote != 0) fail(number, indent + 1, "quoted string not closed on its line");
    while (!content.empty() && (content.back() == ' ' || content.back() == '\t')) {
      content.remove_suffix(1);
    }
    return content;
  }

  // A quote opens a quoted scalar only where a scalar starts: after "- ", ": ", "[", ", ".
  static bool quote_may_start(std::string_view content, std::size_t i) {
    std::size_t j = i;
    while (j > 0 && content[j - 1] == ' ') --j;
    if (j == 0) return true;
    const char before = content[j - 1];
    return (before == '-' || before == ':') ? j < i : (before == '[' || before == ',');
  }

  static bool is_sequence_item(std::string_view content) {
    return content == "-" || content.substr(0, 2) == "- ";
  }

  // A block at `indent`: a sequence when its first line is an item, else a mapping.
  yaml_node block(std::size_t& next, std::size_t indent) {
    const line& first = lines_[next];
    return is_sequence_item(first.content) ? sequence(next, indent) : mapping(next, indent);
  }

  yaml_node sequence(std::size_t& next, std::size_t indent) {
    yaml_node node;
    node.type = yaml_node::kind::sequence;
    node.line = lines_[next].number;
    node.column = indent + 1;
    while (next < lines_.size() && lines_[next].indent == indent &&
           is_sequence_item(lines_[next].content)) {
      const line& item = lines_[next++];
      std::string_view rest = item.content.substr(1);
      std::size_t column = indent + 2;
      while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
        ++column;
      }
      if (rest.empty()) {
        if (next < lines_.size() && lines_[next].indent > indent) {
          node.items.push_back(block(next, lines_[next].indent));
        } else {
          node.items.push_back(null_at(item.number, column));
        }
        continue;
      }
      if (find_mapping_colon(rest) != std::string_view::npos) {
        fail(item.number, column, "a mapping inside a sequence is not supported here");
      }
      node.items.push_back(inline_value(rest, item.number, column));
    }
    return node;
  }

  yaml_node mapping(std::size_t& next, std::size_t indent) {
    yaml_node node;
    node.type = yaml_node::kind::mapping;
    node.line = lines_[next].number;
    node.column = indent + 1;
    while (next < lines_.size() && lines_[next].indent == indent) {
      const line& current = lines_[next++];
      if (is_sequence_item(current.content)) {
        fail(current.number, indent + 1, "a sequence item where a key was expected");
      }
      const std::size_t colon = find_mapping_colon(current.content);
      if (colon == std::string_view::npos) {
        fail(current.number, indent + 1,
             "expected `key: value` (values on several lines are not supported)");
      }
      yaml_entry entry;
      entry.key = key_text(current.content.substr(0, colon), current.number, indent + 1);
      entry.line = current.number;
      entry.column = indent + 1;
      for (const yaml_entry& earlier : node.entries) {
        if (earlier.key == entry.key) {
          fail(current.number, indent + 1,
               "duplicate key \"" + entry.key + "\" (first at line " +
                   std::to_string(earlier.line) + ")");
        }
      }
      std::string_view rest = current.content.substr(colon + 1);
      std::size_t column = indent + colon + 2;
      while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
        ++column;
      }
      if (!rest.empty()) {
        entry.value = inline_value(rest, current.number, column);
      } else if (next < lines_.size() && lines_[next].indent > indent) {
        entry.value = block(next, lines_[next].indent);
      } else if (next < lines_.size() && lines_[next].indent == indent &&
                 is_sequence_item(lines_[next].content)) {
        entry.value = sequence(next, indent);  // `key:` then `- item` at the key's indentation
      } else {
        entry.value = null_at(current.number, column);
      }
      node.entries.push_back(std::move(entry));
    }
    return node;
  }

  // Where `key: ...` has its colon (followed by a space or the end), outside quotes.
  static std::size_t find_mapping_colon(std::string_view content) {
    std::size_t i = 0;
    if (!content.empty() && (content.front() == '"' || content.front() == '\'')) {
      const char quote = content.front();
      for (i = 1; i < content.size(); ++i) {
        if (quote == '"' && content[i] == '\\') {
          ++i;
        } else if (content[i] == quote) {
          if (quote == '\'' && i + 1 < content.size() && content[i + 1] == '\'') {
            ++i;
          } else {
            break;
          }
        }
      }
    }
    for (; i < content.size(); ++i) {
      if (content[i] == ':' && (i + 1 == content.size() || content[i + 1] == ' ')) return i;
    }
    return std::string_view::npos;
  }

  std::string key_text(std::string_view key, std::size_t number, std::size_t column) const {
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    if (key.empty()) fail(number, column, "empty key");
    if (key.front() == '?') fail(number, column, "complex keys (?) are not supported");
    const yaml_node node = inline_value(key, number, column);
    if (node.type != yaml_node::kind::scalar || (node.scalar.empty() && !node.quoted)) {
      fail(number, column, "a key must be a string");
    }
    return node.scalar;
  }

  static yaml_node null_at(std::size_t number, std::size_t column) {
    yaml_node node;
    node.line = number;
    node.column = column;
    return node;
  }

  yaml_node inline_value(std::string_view text, std::size_t number, std::size_t column) const {
    yaml_node node = null_at(number, column);
    const char first = text.front();
    if (first == '[') return flow_sequence(text, number, column);
    if (first == '"' || first == '\'') {
      std::size_t used = 0;
      node.type = yaml_node::kind::scalar;
      node.quoted = true;
      node.scalar = quoted_scalar(text, number, column, used);
      if (used != text.size()) fail(number, column + used, "text after a quoted string");
      return node;
    }
    check_plain_scalar(text, number, column);
    if (text == "~" || text == "null" || text == "Null" || text == "NULL") return node;
    node.type = yaml_node::kind::scalar;
    node.scalar = std::string(text);
    return node;
  }

  void check_plain_scalar(std::string_view text, std::size_t number, std::size_t column) const {
    switch (text.front()) {
      case '&':
      case '*':
        fail(number, column, "anchors and aliases are not supported: repeat the value");
      case '!':
        fail(number, column, "tags are not supported");
      case '|':
      case '>':
        fail(number, column, "block scalars (| and >) are not supported: use a file name");
      case '{':
        fail(number, column, "flow mappings ({...}) are not supported: use indented lines");
      case ']':
      case '}':
      case '%':
      case '@':
      case '`':
      case ',':
        fail(number, column, "a plain value cannot start with this character: quote it");
      default:
        break;
    }
    if (find_mapping_colon(text) != std::string_view::npos) {
      fail(number, column, "a value containing \": \" must be quoted");
    }
  }

  yaml_node flow_sequence(std::string_view text, std::size_t number, std::size_t column) const {
    yaml_node node = null_at(number, column);
    node.type = yaml_node::kind::sequence;
    std::size_t i = 1;
    const auto skip_spaces = [&] {
      while (i < text.size() && text[i] == ' ') ++i;
    };
    skip_spaces();
    if (i < text.size() && text[i] == ']') {
      ++i;
    } else {
      for (;;) {
        skip_spaces();
        if (i >= text.size()) fail(number, column + i, "flow sequence not closed with ]");
        if (text[i] == '"' || text[i] == '\'') {
          std::size_t used = 0;
          yaml_node item = null_at(number, column + i);
          item.type = yaml_node::kind::scalar;
          item.quoted = true;
          item.scalar = quoted_scalar(text.substr(i), number, column + i, used);
          node.items.push_back(std::move(item));
          i += used;
        } else {
          const std::size_t end = text.find_first_of(",]", i);
          if (end == std::string_view::npos) {
            fail(number, column + i, "flow sequence not closed with ]");
          }
          std::string_view plain = text.substr(i, end - i);
          while (!plain.empty() && plain.back() == ' ') plain.remove_suffix(1);
          if (plain.empty()) fail(number, column + i, "empty item in a flow sequence");
          if (plain.front() == '[') fail(number, column + i, "nested sequences not supported");
          node.items.push_back(inline_value(plain, number, column + i));
          i = end;
        }
        skip_spaces();
        if (i < text.size() && text[i] == ',') {
          ++i;
          continue;
        }
        if (i < text.size() && text[i] == ']') {
          ++i;
          break;
        }
        fail(number, column + i, "expected , or ] in a flow sequence");
      }
    }
    if (i != text.size()) fail(number, column + i, "text after a flow sequence");
    return node;
  }

  // Reads a quoted scalar at the start of `text`; `used` receives its length with quotes.
  std::string quoted_scalar(std::string_view text, std::size_t number, std::size_t column,
                            std::size_t& used) const {
    const char quote = text.front();
    std::string out;
    for (std::size_t i = 1; i < text.size(); ++i) {
      const char c = text[i];
      if (quote == '\'' && c == '\'') {
        if (i + 1 < text.size() && text[i + 1] == '\'') {
          out.push_back('\'');
          ++i;
          continue;
        }
        used = i + 1;
        return out;
      }
      if (quote == '"' && c == '"') {
        used = i + 1;
        return out;
      }
      if (quote == '"' && c == '\\') {
        if (++i == text.size()) break;
        switch (text[i]) {
          case '"':
          case '\\':
          case '/':
            out.push_back(text[i]);
            break;
          case 'n':
            out.push_back('\n');
            break;
          case 'r':
            out.push_back('\r');
            break;
          case 't':
            out.push_back('\t');
            break;
          default:
            fail(number, column + i, "unsupported escape in a double-quoted string");
        }
        continue;
      }
      out.push_back(c);
    }
    fail(number, column, "quoted string not closed on its line");
  }

  std::string_view source_;
  std::vector<line> lines_;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
