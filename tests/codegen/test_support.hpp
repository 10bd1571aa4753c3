// Helpers shared by the generator's tests: scratch directories, directory listings, and runs of
// the command line in process.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "driver/cli.hpp"

namespace schemetric::codegen::testing {

/// A fresh, empty directory under the system temp directory, removed with its contents at the
/// end of the scope.
class scratch_directory {
 public:
  scratch_directory() {
    std::random_device seed;
    std::mt19937_64 random(seed());
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string stem = test != nullptr ? test->name() : "test";
    path_ = std::filesystem::temp_directory_path() /
            ("schemetric-gen-" + stem + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  scratch_directory(const scratch_directory&) = delete;
  scratch_directory& operator=(const scratch_directory&) = delete;
  ~scratch_directory() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(path_, ignored);
  }

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

/// The names of the entries of `directory` (hidden ones included), sorted.
inline std::vector<std::string> entries_of(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline void write_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

/// What a run of the command line gave.
struct cli_result {
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs schemetric-gen's command line in process with `arguments` (without the program name).
inline cli_result run(const std::vector<std::string>& arguments) {
  const std::vector<std::string_view> views(arguments.begin(), arguments.end());
  std::ostringstream out;
  std::ostringstream err;
  cli_result result;
  result.status = run_cli(views, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

}  // namespace schemetric::codegen::testing
