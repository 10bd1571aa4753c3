// Reading the nodes of one YAML document with their positions, reporting every problem.
#include "yaml/reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "support/text.hpp"
#include "yaml/duration.hpp"
#include "yaml/input_check.hpp"
#include "yaml/scalars.hpp"

namespace schemetric::codegen::yaml {

using namespace std::string_view_literals;

source_position position_of(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

source_position position_of(const YAML::Node& node) {
  return position_of(node.Mark());
}

std::optional<YAML::Node> load_document(std::string_view text, diagnostics& diags) {
  if (!check_input(text, diags)) return std::nullopt;
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string{text});
  } catch (const YAML::Exception& exception) {
    diags.error(position_of(exception.mark), fmt::format("invalid YAML: {}", exception.msg));
    return std::nullopt;
  }
  if (documents.size() > 1) {
    diags.error(position_of(documents[1]),
                "the schema file must hold a single YAML document; remove the second one");
    return std::nullopt;
  }
  return documents.empty() ? YAML::Node{} : documents.front();
}

std::vector<entry> node_reader::entries_of(const YAML::Node& mapping) {
  std::vector<entry> entries;
  for (auto it = mapping.begin(); it != mapping.end(); ++it) {
    // Copies: the iterator's operator-> returns a proxy that dies with the full-expression.
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    const source_position key_position = position_of(key);
    if (!key.IsScalar()) {
      error(key_position, fmt::format("keys must be names, found {}", describe(key)));
      continue;
    }
    // yaml-cpp marks an empty value at the next token, which may be lines further down.
    const source_position value_position = value.IsNull() ? key_position : position_of(value);
    entries.push_back(entry{key.Scalar(), key_position, value, value_position});
  }
  return entries;
}

entry_map node_reader::known_keys(const YAML::Node& mapping,
                                  std::span<const std::string_view> allowed,
                                  std::string_view where) {
  entry_map keys;
  for (entry& found : entries_of(mapping)) {
    if (std::find(allowed.begin(), allowed.end(), found.key) == allowed.end()) {
      std::string hint = did_you_mean(found.key, allowed);
      if (hint.empty()) hint = fmt::format("; allowed keys are {}", quoted_or_list(allowed));
      error(found.key_position, fmt::format("unknown key '{}' {}{}", found.key, where, hint));
      continue;
    }
    // yaml-cpp keeps both pairs of a duplicated key (and lookups find the first): report it.
    if (const auto first = keys.find(found.key); first != keys.end()) {
      error(found.key_position,
            fmt::format("duplicate key '{}' {} (first given at {}); remove one of them", found.key,
                        where, position_text(first->second.key_position)));
      continue;
    }
    std::string key = found.key;
    keys.emplace(std::move(key), std::move(found));
  }
  return keys;
}

std::optional<definition_keys> node_reader::definition(const entry& entry, std::string_view owner,
                                                       std::string_view expected,
                                                       std::span<const std::string_view> allowed) {
  if (!entry.value.IsMap()) {
    error(entry.value_position, fmt::format("{} must be a mapping with {}, found {}", owner,
                                            expected, describe(entry.value)));
    return std::nullopt;
  }
  return definition_keys{known_keys(entry.value, allowed, fmt::format("in {}", owner)),
                         position_of(entry.value)};
}

std::optional<std::vector<entry>> node_reader::section_entries(const entry& section,
                                                               std::string_view noun) {
  if (!section.value.IsMap()) {
    error(section.value_position,
          fmt::format("'{}' must be a mapping of {} name to definition, found {}", section.key,
                      noun, describe(section.value)));
    return std::nullopt;
  }
  std::vector<entry> unique;
  std::map<std::string, source_position, std::less<>> seen;
  for (entry& found : entries_of(section.value)) {
    if (const auto first = seen.find(found.key); first != seen.end()) {
      error(found.key_position,
            fmt::format("duplicate {} '{}' (first defined at {}); {} names must be unique", noun,
                        found.key, position_text(first->second), noun));
      continue;
    }
    seen.emplace(found.key, found.key_position);
    unique.push_back(std::move(found));
  }
  return unique;
}

std::optional<std::string> node_reader::string(const entry& entry, std::string_view owner) {
  if (!entry.value.IsScalar()) {
    error(entry.value_position, fmt::format("'{}' of {} must be a string, found {}", entry.key,
                                            owner, describe(entry.value)));
    return std::nullopt;
  }
  return entry.value.Scalar();
}

std::optional<std::string> node_reader::help(const entry& entry, std::string_view owner,
                                             std::size_t max_bytes) {
  std::optional<std::string> text = string(entry, owner);
  if (!text) return std::nullopt;
  if (text->size() > max_bytes) {
    error(entry.value_position,
          fmt::format("'{}' of {} is {} bytes long, over the limit of {} bytes; say it in one "
                      "sentence",
                      entry.key, owner, text->size(), max_bytes));
    return std::nullopt;
  }
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    error(
        entry.value_position,
        fmt::format("'{}' of {} must not be empty; describe it in one sentence", entry.key, owner));
    return std::nullopt;
  }
  return text;
}

std::optional<bool> node_reader::boolean(const entry& entry, std::string_view owner) {
  if (entry.value.IsScalar() && classify(entry.value) == scalar_kind::boolean) {
    const std::string& text = entry.value.Scalar();
    if (is_bool(text)) return text.front() == 't' || text.front() == 'T';
  }
  error(entry.value_position, fmt::format("'{}' of {} must be true or false, found {}", entry.key,
                                          owner, describe(entry.value)));
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> node_reader::duration(const entry& entry,
                                                               std::string_view owner) {
  if (entry.value.IsScalar() && classify(entry.value) == scalar_kind::string) {
    if (auto parsed = parse_duration(entry.value.Scalar())) return parsed;
  }
  // A bare number is the most likely mistake: Prometheus durations always carry a unit.
  const std::optional<number> bare = number_of(entry.value);
  const std::string hint = bare && bare->integral && bare->value > 0
                               ? fmt::format("; add a unit, e.g. '{}s' or '{}m'",
                                             entry.value.Scalar(), entry.value.Scalar())
                               : std::string{};
  error(entry.value_position,
        fmt::format("'{}' of {} must be a duration such as '30s', '5m', '1h30m' or '30d' (an "
                    "integer and a unit: ms, s, m, h, d, w or y, largest unit first), found {}{}",
                    entry.key, owner, describe(entry.value), hint));
  return std::nullopt;
}

std::optional<std::size_t> node_reader::keyword(const entry& entry, std::string_view owner,
                                                const keyword_spec& spec) {
  const std::optional<std::string> text = string(entry, owner);
  if (!text) return std::nullopt;
  const auto found = std::find(spec.words.begin(), spec.words.end(), *text);
  if (found != spec.words.end()) return static_cast<std::size_t>(found - spec.words.begin());
  std::string hint = did_you_mean(*text, spec.words);
  if (hint.empty()) hint = spec.fallback;
  error(entry.value_position, fmt::format("unknown {} '{}'{}{}", spec.noun, *text, spec.of, hint));
  return std::nullopt;
}

std::optional<std::vector<item>> node_reader::sequence(const entry& entry, std::string_view owner,
                                                       std::string_view what) {
  if (!entry.value.IsSequence()) {
    const std::string of_owner = owner.empty() ? std::string{} : fmt::format(" of {}", owner);
    error(entry.value_position, fmt::format("'{}'{} must be a sequence of {}, found {}", entry.key,
                                            of_owner, what, describe(entry.value)));
    return std::nullopt;
  }
  std::vector<item> items;
  for (const YAML::Node& node : entry.value) items.push_back(item{node, item_position(node)});
  return items;
}

source_position node_reader::item_position(const YAML::Node& item) const {
  const YAML::Mark mark = item.Mark();
  if (!item.IsNull() || mark.is_null() || mark.pos < 0 ||
      static_cast<std::size_t>(mark.pos) > source_.size()) {
    return position_of(mark);
  }
  // yaml-cpp marks an empty sequence entry ("-" alone on its line) at the next token; walk back
  // over the white space to its "-". An explicit null (~, null) is marked where it stands.
  std::size_t at = static_cast<std::size_t>(mark.pos);
  const std::string_view rest = source_.substr(at);
  for (const std::string_view null_token : {"~"sv, "null"sv, "Null"sv, "NULL"sv}) {
    if (!rest.starts_with(null_token)) continue;
    const std::string_view after = rest.substr(null_token.size());
    if (after.empty() ||
        std::string_view{" \t\r\n,]}#"}.find(after.front()) != std::string_view::npos) {
      return position_of(mark);
    }
  }
  while (at > 0 && (source_[at - 1] == ' ' || source_[at - 1] == '\t' || source_[at - 1] == '\n' ||
                    source_[at - 1] == '\r')) {
    --at;
  }
  if (at == 0 || source_[at - 1] != '-') return position_of(mark);
  const std::size_t dash = at - 1;
  const std::size_t line_start =
      source_.rfind('\n', dash) == std::string_view::npos ? 0 : source_.rfind('\n', dash) + 1;
  const auto line =
      1 + std::count(source_.begin(), source_.begin() + static_cast<std::ptrdiff_t>(dash), '\n');
  return {static_cast<int>(line), static_cast<int>(dash - line_start) + 1};
}

}  // namespace schemetric::codegen::yaml
