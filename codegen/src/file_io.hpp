// Reading a schema file and writing a generated file atomically (all of it or nothing).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace schemetric::codegen {

/// The contents of a file, or why it could not be read.
struct file_contents {
  std::string text;
  std::optional<std::string> error;  ///< the reason (strerror text) when reading failed
};

/// Reads a whole file in binary mode.
[[nodiscard]] file_contents read_text_file(const std::filesystem::path& path);

/// Writes `content` to `path` so that readers see either the old file or the complete new one:
/// the text goes to a temporary file in the same directory, which is then renamed over `path`.
/// Missing parent directories are created. On failure the temporary file is removed and the
/// reason is returned; on success nothing is returned. Not safe against two processes writing
/// the same `path` at once beyond "one of them wins".
[[nodiscard]] std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                               std::string_view content);

}  // namespace schemetric::codegen
