// Collects the generator's error messages in the `FILE:LINE:COLUMN: error: MESSAGE` form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schemetric::codegen {

/// A 1-based line and column in a schema file. Line 0 means "no position" (the whole file).
struct source_position {
  int line = 0;
  int column = 0;

  friend bool operator==(const source_position&, const source_position&) = default;
};

/// One error found in a schema file.
struct diagnostic {
  source_position position;
  std::string message;
};

/// The errors found while reading one schema file, reported all at once so a user fixes them in
/// one pass. Not thread-safe; one instance per file being processed.
class diagnostics {
 public:
  /// `file_name` is printed as given (the path the user typed), never normalised.
  explicit diagnostics(std::string file_name) : file_name_(std::move(file_name)) {}

  /// Records an error at `position` (line 0: an error about the whole file). Control characters
  /// and bytes that are not well-formed UTF-8 in `message` (from quoted user text) are escaped,
  /// so each error stays one line of UTF-8.
  void error(source_position position, std::string message);

  [[nodiscard]] bool has_errors() const noexcept { return !entries_.empty(); }
  [[nodiscard]] std::size_t error_count() const noexcept { return entries_.size(); }
  [[nodiscard]] const std::string& file_name() const noexcept { return file_name_; }

  /// The errors ordered by position (file-wide errors first); errors at the same position keep
  /// the order in which they were found.
  [[nodiscard]] std::vector<diagnostic> sorted() const;

  /// Every error as `FILE:LINE:COLUMN: error: MESSAGE` lines (or `FILE: error: MESSAGE` without a
  /// position), sorted, each ending with a newline.
  [[nodiscard]] std::string format() const;

 private:
  std::string file_name_;
  std::vector<diagnostic> entries_;
};

/// Formats one diagnostic as a line without the trailing newline; `severity` is "error" but for
/// the notes and warnings of `schemetric-gen diff`.
[[nodiscard]] std::string format_diagnostic(std::string_view file_name, const diagnostic& entry,
                                            std::string_view severity = "error");

}  // namespace schemetric::codegen
