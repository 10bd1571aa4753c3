// Reading a schema file and writing generated files atomically (all of them or none).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace schemetric::codegen {

/// The contents of a file, or why it could not be read.
struct file_contents {
  std::string text;
  std::optional<std::string> error;  ///< the reason (strerror text) when reading failed
};

/// Reads a whole file in binary mode, or its first `max_bytes + 1` bytes when it is longer (so
/// that the caller can tell it is over `max_bytes` without reading it whole).
[[nodiscard]] file_contents read_text_file(const std::filesystem::path& path,
                                           std::size_t max_bytes = SIZE_MAX);

/// One file to write.
struct file_to_write {
  std::filesystem::path path;
  std::string text;
};

/// Why a file could not be written.
struct write_failure {
  std::filesystem::path path;
  std::string reason;  ///< strerror text, or what could not be created
};

/// Writes every file of `files` or none: each text goes to a temporary file in its target's
/// directory (missing directories are created), and only when every temporary file is complete
/// and no target is a directory are they renamed over their targets, so readers see either an old
/// file or a complete new one. On a failure before the renames every temporary file is removed
/// and the targets are untouched; the first failure is returned. A rename that fails after others
/// succeeded (the file system failing between two renames in one directory) leaves the earlier
/// targets replaced; it is reported too. Not safe against two processes writing the same targets
/// at once beyond "one of them wins".
[[nodiscard]] std::optional<write_failure> write_files_atomically(
    std::span<const file_to_write> files);

/// write_files_atomically for one file; the reason on failure.
[[nodiscard]] std::optional<std::string> write_file_atomically(const std::filesystem::path& path,
                                                               std::string_view content);

}  // namespace schemetric::codegen
