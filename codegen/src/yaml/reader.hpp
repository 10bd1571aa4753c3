// Reading the nodes of one YAML document with their positions, reporting every problem to a
// diagnostics collector: mappings with known keys ("did you mean"), strings, booleans, keywords,
// durations and sequences. The schema's section readers are written with it.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "model/limits.hpp"
#include "support/diagnostics.hpp"

namespace schemetric::codegen::yaml {

/// The 1-based position of a mark, or line 0 when it has none.
[[nodiscard]] source_position position_of(const YAML::Mark& mark);
[[nodiscard]] source_position position_of(const YAML::Node& node);

/// Parses `text` as exactly one YAML document, once it passed check_input (yaml/input_check.hpp).
/// A text over a limit, malformed YAML or a second document is reported and gives nothing; an
/// empty text gives a null node.
[[nodiscard]] std::optional<YAML::Node> load_document(std::string_view text, diagnostics& diags);

/// One key of a mapping and its value.
struct entry {
  std::string key;
  source_position key_position;
  YAML::Node value;
  source_position value_position;  ///< the key's position when the value is empty
};

/// The entries of a mapping by key.
using entry_map = std::map<std::string, entry, std::less<>>;

/// One item of a sequence.
struct item {
  YAML::Node node;
  source_position position;  ///< of the item's "-" when the item is empty
};

/// The keys of a definition (a label, a metric, ...) and where its mapping starts.
struct definition_keys {
  entry_map keys;
  source_position position;
};

/// What to say about a keyword that is not one of `words`:
/// "unknown NOUN 'TEXT'OF; did you mean 'X'?", or the fallback instead of the suggestion.
struct keyword_spec {
  std::span<const std::string_view> words;  ///< the keywords, in the order messages list them
  std::string_view noun;                    ///< "kind", "metric type"
  std::string of;                           ///< " of label 'method'", or empty
  std::string fallback;                     ///< "; expected 'a' or 'b'"
};

/// Reads the nodes of one document (whose text is `source`) into typed values. Each method
/// reports what is wrong with a node (at its position, saying what was expected and what was
/// found) and then gives nothing. Not thread-safe; keep `source` and `diags` alive while using it.
class node_reader {
 public:
  node_reader(std::string_view source, diagnostics& diags) : source_(source), diags_(diags) {}

  /// Records an error.
  void error(source_position position, std::string message) {
    diags_.error(position, std::move(message));
  }
  [[nodiscard]] diagnostics& diags() noexcept { return diags_; }

  /// Every entry of `mapping` in document order; a key that is not a scalar is reported and left
  /// out.
  [[nodiscard]] std::vector<entry> entries_of(const YAML::Node& mapping);

  /// The entries of `mapping` whose keys are in `allowed`. Other keys are reported ("unknown key
  /// 'x' WHERE; did you mean ...", or the allowed keys), as are repeated keys.
  [[nodiscard]] entry_map known_keys(const YAML::Node& mapping,
                                     std::span<const std::string_view> allowed,
                                     std::string_view where);

  /// The keys of a definition `entry` (the value of a name in a section), which must be a
  /// mapping: "OWNER must be a mapping with EXPECTED, found ..." otherwise. Keys not in `allowed`
  /// are reported as by known_keys.
  [[nodiscard]] std::optional<definition_keys> definition(
      const entry& entry, std::string_view owner, std::string_view expected,
      std::span<const std::string_view> allowed);

  /// The entries of a section such as `labels:`, a mapping of `noun` name to definition; a name
  /// given twice is reported and read once. Nothing when the section is not a mapping.
  [[nodiscard]] std::optional<std::vector<entry>> section_entries(const entry& section,
                                                                  std::string_view noun);

  /// The value of `entry` as a string; `owner` names what it belongs to ("metric 'x'").
  [[nodiscard]] std::optional<std::string> string(const entry& entry, std::string_view owner);
  /// A string that is not blank and at most `max_bytes` long: a `help` text (by default), a
  /// description.
  [[nodiscard]] std::optional<std::string> help(const entry& entry, std::string_view owner,
                                                std::size_t max_bytes = limits::help_bytes);
  /// A boolean (true, false).
  [[nodiscard]] std::optional<bool> boolean(const entry& entry, std::string_view owner);
  /// A duration in Prometheus' syntax (yaml/duration.hpp).
  [[nodiscard]] std::optional<std::chrono::milliseconds> duration(const entry& entry,
                                                                  std::string_view owner);
  /// The index in `spec.words` of the keyword `entry` holds.
  [[nodiscard]] std::optional<std::size_t> keyword(const entry& entry, std::string_view owner,
                                                   const keyword_spec& spec);

  /// The items of a sequence: "'KEY' of OWNER must be a sequence of WHAT" otherwise (`owner` may
  /// be empty: "'KEY' must be ...").
  [[nodiscard]] std::optional<std::vector<item>> sequence(const entry& entry,
                                                          std::string_view owner,
                                                          std::string_view what);

  /// The position of a sequence item: yaml-cpp marks an empty item at the next token, which may
  /// be lines further down; this is the item's "-".
  [[nodiscard]] source_position item_position(const YAML::Node& item) const;

 private:
  std::string_view source_;
  diagnostics& diags_;
};

}  // namespace schemetric::codegen::yaml
