// Writing a dump file for the exposition checks.
#pragma once

#include <fstream>
#include <string>

namespace schemetric_test {

/// Writes `content` to `path` as is; false if it could not be written.
inline bool write_file(const std::string& path, const std::string& content) {
  std::ofstream file(path, std::ios::binary);
  file << content;
  return static_cast<bool>(file);
}

}  // namespace schemetric_test
