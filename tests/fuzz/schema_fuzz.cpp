// libFuzzer target for schemetric-gen: arbitrary bytes are the schema file of a full run of the
// command line (every output asked for, written to a scratch directory). The run reports errors
// or writes every output; it never crashes or hangs, and this checks the rest of its promise:
// errors are `FILE:LINE:COLUMN: error: ...` lines of valid UTF-8 (no input byte echoed raw),
// a failed run leaves no file behind (no partial output, no temporary), and a successful one
// writes every output, each non-empty UTF-8 text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "driver/cli.hpp"
#include "emit/emitter.hpp"
#include "support/utf8.hpp"

namespace {

namespace fs = std::filesystem;
using namespace schemetric::codegen;

[[noreturn]] void fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "schema_fuzz: %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// A scratch directory for the whole process, removed at exit.
struct scratch {
  fs::path root;
  scratch() {
    std::string pattern = (fs::temp_directory_path() / "schemetric-gen-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) fail("cannot create a scratch directory", pattern);
    root = pattern;
  }
  ~scratch() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
  scratch(const scratch&) = delete;
  scratch& operator=(const scratch&) = delete;
};

std::string every_emitter() {
  std::string names;
  for (const emitter& e : emitters()) names += (names.empty() ? "" : ",") + std::string{e.name};
  return names;
}

std::string read_all(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void check_errors(const std::string& schema_path, const std::string& errors) {
  if (errors.empty()) fail("a failed run printed no error", "");
  if (first_invalid_utf8(errors)) fail("an error message is not UTF-8", errors);
  std::istringstream lines(errors);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(schema_path + ":") || line.find(": error: ") == std::string::npos) {
      fail("an error line is not in the FILE:LINE:COLUMN: error: form", line);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const scratch dir;
  static const std::string emit = every_emitter();
  const fs::path schema_path = dir.root / "fuzz.yaml";
  const fs::path out_dir = dir.root / "out";
  {
    std::ofstream schema(schema_path, std::ios::binary | std::ios::trunc);
    schema.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const std::string schema_arg = schema_path.string();
  const std::string out_arg = out_dir.string();
  const std::vector<std::string_view> arguments{schema_arg, "--emit", emit, "--out-dir", out_arg};
  std::ostringstream out;
  std::ostringstream err;
  const int status = run_cli(arguments, out, err);

  std::vector<fs::path> written;
  if (fs::exists(out_dir)) {
    for (const auto& entry : fs::recursive_directory_iterator(out_dir)) {
      if (entry.is_regular_file()) written.push_back(entry.path());
    }
  }
  if (status == exit_schema_error) {
    check_errors(schema_arg, err.str());
    if (!written.empty()) fail("a failed run left a file behind", written.front().string());
  } else if (status == exit_success) {
    if (!err.str().empty()) fail("a successful run printed errors", err.str());
    if (written.empty()) fail("a successful run wrote nothing", "");
    for (const fs::path& path : written) {
      const std::string text = read_all(path);
      if (text.empty()) fail("an output is empty", path.string());
      if (first_invalid_utf8(text)) fail("an output is not UTF-8", path.string());
    }
  } else {
    fail("unexpected exit status", std::to_string(status));
  }
  std::error_code ignored;
  fs::remove_all(out_dir, ignored);
  return 0;
}
