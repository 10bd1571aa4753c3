// Text helpers every stage uses.
#include "support/text.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace schemetric::codegen {
namespace {

bool is_lower_or_digit(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string quoted_list(std::span<const std::string_view> words, std::string_view last_separator) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) text += i + 1 == words.size() ? last_separator : ", ";
    text += fmt::format("'{}'", words[i]);
  }
  return text;
}

}  // namespace

bool is_valid_name(std::string_view name) noexcept {
  if (name.empty() || name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return is_lower_or_digit(c) || c == '_'; });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows of the Damerau (optimal string alignment) table.
  std::vector<std::size_t> before_previous(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before_previous[j - 2] + 1);
      }
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : candidates) {
    // A third of the candidate's length: one typo in "help", two in "buckets".
    const std::size_t limit = std::max<std::size_t>(1, candidate.size() / 3);
    // The distance is at least the difference in length: skip what cannot be close without
    // computing it (a long unknown word against many names costs nothing then).
    const std::size_t length_difference = word.size() > candidate.size()
                                              ? word.size() - candidate.size()
                                              : candidate.size() - word.size();
    if (length_difference > limit) continue;
    const std::size_t distance = edit_distance(word, candidate);
    if (distance == 0 || distance > limit) continue;
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  if (const auto match = closest_match(word, candidates)) {
    return fmt::format("; did you mean '{}'?", *match);
  }
  return {};
}

std::string quoted_or_list(std::span<const std::string_view> words) {
  return quoted_list(words, " or ");
}

std::string quoted_and_list(std::span<const std::string_view> words) {
  return quoted_list(words, " and ");
}

std::string position_text(source_position position) {
  return fmt::format("{}:{}", position.line, position.column);
}

std::string_view article_for(std::string_view word) noexcept {
  return !word.empty() && std::string_view{"aeiou"}.find(word.front()) != std::string_view::npos
             ? "an"
             : "a";
}

}  // namespace schemetric::codegen
