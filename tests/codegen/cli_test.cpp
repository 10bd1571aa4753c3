// Tests of the command line: in process through run_cli, and end to end through the built
// schemetric-gen binary (exit status, stderr, and what is left in the output directory).
#include "driver/cli.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

#ifndef SCHEMETRIC_GEN_EXE
#error "SCHEMETRIC_GEN_EXE must name the schemetric-gen binary under test"
#endif

namespace schemetric::codegen {
namespace {

using testing::cli_result;
using testing::entries_of;
using testing::read_file;
using testing::run;
using testing::scratch_directory;
using testing::write_file;

constexpr std::string_view good_schema = R"(schemetric: 1
name: shop
labels:
  method: {values: [GET, POST]}
metrics:
  requests_total: {type: counter, help: Requests., labels: [method]}
)";

// Two errors: a counter without _total and an unknown key.
constexpr std::string_view bad_schema = R"(schemetric: 1
name: shop
metrics:
  requests: {type: counter, help: Requests.}
  up: {type: gauge, hlep: Up.}
)";

constexpr std::string_view bad_schema_errors =
    "{file}:4:3: error: counter name 'requests' must end in '_total'; rename it to "
    "'requests_total'\n"
    "{file}:5:7: error: metric 'up' is missing required key 'help'; add 'help:' with one sentence "
    "saying what it measures\n"
    "{file}:5:21: error: unknown key 'hlep' in metric 'up'; did you mean 'help'?\n";

std::string with_file_name(std::string_view text, const std::string& file) {
  std::string result{text};
  for (std::size_t at = result.find("{file}"); at != std::string::npos;
       at = result.find("{file}", at + file.size())) {
    result.replace(at, 6, file);
  }
  return result;
}

// Runs the real binary through the shell, capturing stdout and stderr into files.
cli_result run_binary(const scratch_directory& scratch, const std::string& arguments) {
  const auto out_path = scratch.path() / "stdout.txt";
  const auto err_path = scratch.path() / "stderr.txt";
  const std::string command = "'" + std::string{SCHEMETRIC_GEN_EXE} + "' " + arguments + " >'" +
                              out_path.string() + "' 2>'" + err_path.string() + "'";
  const int raw = std::system(command.c_str());
  cli_result result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return result;
}

// --- in process
// -----------------------------------------------------------------------------------

TEST(Cli, Help) {
  const cli_result result = run({"--help"});
  EXPECT_EQ(result.status, exit_success);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out.rfind("Usage: schemetric-gen SCHEMA.yaml --out-dir DIR [--emit LIST] "
                             "[--verbose] [--cardinality]\n",
                             0),
            0u);
  EXPECT_NE(result.out.find("  --cardinality     print the worst-case series"), std::string::npos);
  EXPECT_NE(result.out.find("  --header FILE     write the C++ header to exactly FILE"),
            std::string::npos);
  EXPECT_NE(result.out.find("  --emit LIST       the outputs to write, comma-separated (default: "
                            "cpp)\n"),
            std::string::npos);
  // Every emitter is listed with its files.
  EXPECT_NE(result.out.find("Outputs ({name} is the schema's name):\n"
                            "  cpp   {name}_metrics.hpp    the C++ header"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(run({"-h"}).out, result.out);
}

TEST(Cli, Version) {
  const cli_result result = run({"--version"});
  EXPECT_EQ(result.status, exit_success);
  EXPECT_EQ(result.out, "schemetric-gen " SCHEMETRIC_GEN_VERSION_FOR_TESTS "\n");
  EXPECT_EQ(result.err, "");
}

TEST(Cli, UsageErrors) {
  const std::string usage_tail =
      "Usage: schemetric-gen SCHEMA.yaml --out-dir DIR [--emit LIST] [--verbose] "
      "[--cardinality]\n"
      "       schemetric-gen SCHEMA.yaml --header FILE [--verbose] [--cardinality]\n"
      "       schemetric-gen diff OLD.yaml NEW.yaml [--allow KIND[:SUBJECT]]...\n"
      "       schemetric-gen --list-emitters | --help | --version\n"
      "Run 'schemetric-gen --help' for more information.\n";
  const auto expect_usage_error = [&](std::vector<std::string> arguments, std::string message) {
    const cli_result result = run(std::move(arguments));
    EXPECT_EQ(result.status, exit_usage_error);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, "schemetric-gen: error: " + message + "\n" + usage_tail);
  };
  expect_usage_error({}, "no schema file given");
  expect_usage_error({"--frobnicate"}, "unknown option '--frobnicate'");
  expect_usage_error({"s.yaml", "--out"}, "unknown option '--out'");
  expect_usage_error({"s.yaml", "-o", "dir"}, "unknown option '-o'");
  expect_usage_error({"s.yaml"}, "no output given; use --out-dir DIR or --header FILE");
  expect_usage_error({"s.yaml", "--out-dir"}, "option '--out-dir' needs a value");
  expect_usage_error({"s.yaml", "--header="}, "option '--header' needs a non-empty value");
  expect_usage_error({"s.yaml", "--out-dir", "a", "--header", "b"},
                     "give either --out-dir or --header, not both");
  expect_usage_error({"s.yaml", "--out-dir", "a", "--out-dir", "b"},
                     "option '--out-dir' given twice");
  expect_usage_error({"a.yaml", "b.yaml", "--out-dir", "x"},
                     "more than one schema given ('a.yaml' and 'b.yaml'); give exactly one");
  expect_usage_error(
      {"s.yaml", "--out-dir", "x", "--emit", "graphs"},
      "unknown output 'graphs' in --emit; the outputs are 'cpp', 'rules', 'docs' or 'dashboard'");
  expect_usage_error({"s.yaml", "--out-dir", "x", "--emit", "rulez"},
                     "unknown output 'rulez' in --emit; did you mean 'rules'?; the outputs are "
                     "'cpp', 'rules', 'docs' or 'dashboard'");
  expect_usage_error({"s.yaml", "--out-dir", "x", "--emit", "cp"},
                     "unknown output 'cp' in --emit; did you mean 'cpp'?; the outputs are 'cpp', "
                     "'rules', 'docs' or 'dashboard'");
  expect_usage_error({"s.yaml", "--out-dir", "x", "--emit=cpp,cpp"},
                     "output 'cpp' is listed twice in --emit");
  expect_usage_error({"s.yaml", "--out-dir", "x", "--emit", "cpp,"},
                     "--emit has an empty name in its list; separate names by one ','");
  expect_usage_error({"s.yaml", "--out-dir", "x", "--emit="},
                     "option '--emit' needs a non-empty value");
}

TEST(Cli, ListEmittersGivesEachOutputAndItsFiles) {
  const cli_result result = run({"--list-emitters"});
  EXPECT_EQ(result.status, exit_success);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "cpp {name}_metrics.hpp\n"
            "rules {name}.rules.yml {name}.rules.test.yml\n"
            "docs {name}.md\n"
            "dashboard {name}.dashboard.json\n");
}

TEST(Cli, EmitCppIsTheDefault) {
  const scratch_directory scratch;
  const auto schema_path = scratch.path() / "shop.yaml";
  write_file(schema_path, good_schema);
  ASSERT_EQ(run({schema_path.string(), "--out-dir", (scratch.path() / "a").string()}).status,
            exit_success);
  ASSERT_EQ(
      run({schema_path.string(), "--emit", "cpp", "--out-dir", (scratch.path() / "b").string()})
          .status,
      exit_success);
  EXPECT_EQ(entries_of(scratch.path() / "b"), (std::vector<std::string>{"shop_metrics.hpp"}));
  EXPECT_EQ(read_file(scratch.path() / "a" / "shop_metrics.hpp"),
            read_file(scratch.path() / "b" / "shop_metrics.hpp"));
}

TEST(Cli, HugeInputIsNotReadWhole) {
  // /dev/zero never ends: only the limit and a byte more are read.
  const scratch_directory scratch;
  const cli_result endless = run({"/dev/zero", "--out-dir", scratch.path().string()});
  EXPECT_EQ(endless.status, exit_schema_error);
  EXPECT_EQ(endless.err,
            "/dev/zero: error: the schema is larger than 1048576 bytes (1 MiB), the most "
            "schemetric-gen reads; remove what the service does not use, or split it into "
            "several schemas\n");
  const auto schema_path = scratch.path() / "big.yaml";
  write_file(schema_path, std::string{good_schema} + "# " + std::string(2 << 20, 'x') + "\n");
  const cli_result big =
      run({schema_path.string(), "--out-dir", (scratch.path() / "out").string()});
  EXPECT_EQ(big.status, exit_schema_error);
  EXPECT_EQ(big.err.find(schema_path.string() + ": error: the schema is larger than"), 0u);
  EXPECT_EQ(entries_of(scratch.path()), std::vector<std::string>{"big.yaml"});
}

TEST(Cli, UnreadableSchema) {
  const scratch_directory scratch;
  const std::string missing = (scratch.path() / "missing.yaml").string();
  const cli_result result = run({missing, "--out-dir", scratch.path().string()});
  EXPECT_EQ(result.status, exit_schema_error);
  EXPECT_EQ(result.err, missing + ": error: cannot read: No such file or directory\n");
  EXPECT_EQ(entries_of(scratch.path()), std::vector<std::string>{});
}

TEST(Cli, WritesIntoOutDirQuietly) {
  const scratch_directory scratch;
  const auto schema_path = scratch.path() / "shop.yaml";
  write_file(schema_path, good_schema);
  const auto out_dir = scratch.path() / "gen";
  const cli_result result = run({schema_path.string(), "--out-dir=" + out_dir.string()});
  EXPECT_EQ(result.status, exit_success);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(entries_of(out_dir), (std::vector<std::string>{"shop_metrics.hpp"}));
  const std::string header = read_file(out_dir / "shop_metrics.hpp");
  EXPECT_EQ(header.rfind("// Generated from " + schema_path.string() + " by schemetric-gen", 0),
            0u);
  EXPECT_NE(header.find("\"shop_metrics.hpp was generated by"), std::string::npos);
}

TEST(Cli, HeaderOptionWritesExactlyThatFile) {
  const scratch_directory scratch;
  const auto schema_path = scratch.path() / "shop.yaml";
  write_file(schema_path, good_schema);
  const auto header_path = scratch.path() / "include" / "shop" / "metrics.hpp";
  const cli_result result =
      run({"--verbose", schema_path.string(), "--header", header_path.string()});
  EXPECT_EQ(result.status, exit_success);
  EXPECT_EQ(result.out,
            "schemetric-gen: wrote " + header_path.string() + " (1 metrics, 1 labels)\n");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(entries_of(header_path.parent_path()), (std::vector<std::string>{"metrics.hpp"}));
  EXPECT_NE(read_file(header_path).find("\"metrics.hpp was generated by"), std::string::npos);
}

TEST(Cli, SchemaErrorsWriteNothing) {
  const scratch_directory scratch;
  const auto schema_path = scratch.path() / "shop.yaml";
  write_file(schema_path, bad_schema);
  const auto out_dir = scratch.path() / "gen";
  std::filesystem::create_directories(out_dir);
  const cli_result result = run({schema_path.string(), "--out-dir", out_dir.string()});
  EXPECT_EQ(result.status, exit_schema_error);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, with_file_name(bad_schema_errors, schema_path.string()));
  EXPECT_EQ(entries_of(out_dir), std::vector<std::string>{});
}

TEST(Cli, SchemaErrorsKeepTheOldHeader) {
  const scratch_directory scratch;
  const auto schema_path = scratch.path() / "shop.yaml";
  write_file(schema_path, bad_schema);
  const auto header_path = scratch.path() / "shop_metrics.hpp";
  write_file(header_path, "// previous\n");
  EXPECT_EQ(run({schema_path.string(), "--header", header_path.string()}).status,
            exit_schema_error);
  EXPECT_EQ(read_file(header_path), "// previous\n");
}

TEST(Cli, WriteFailureIsReported) {
  const scratch_directory scratch;
  const auto schema_path = scratch.path() / "shop.yaml";
  write_file(schema_path, good_schema);
  const auto header_path = scratch.path() / "taken";
  std::filesystem::create_directories(header_path / "occupied");
  const cli_result result = run({schema_path.string(), "--header", header_path.string()});
  EXPECT_EQ(result.status, exit_schema_error);
  EXPECT_EQ(result.err, header_path.string() + ": error: cannot write: Is a directory\n");
  EXPECT_EQ(entries_of(scratch.path()), (std::vector<std::string>{"shop.yaml", "taken"}));
}

TEST(Cli, CardinalityTableFollowsTheWrittenHeader) {
  const scratch_directory scratch;
  const auto schema_path = scratch.path() / "shop.yaml";
  write_file(schema_path, good_schema);
  const auto out_dir = scratch.path() / "gen";
  const cli_result result =
      run({schema_path.string(), "--out-dir", out_dir.string(), "--cardinality", "--verbose"});
  EXPECT_EQ(result.status, exit_success);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out, "schemetric-gen: wrote " + (out_dir / "shop_metrics.hpp").string() +
                            " (1 metrics, 1 labels)\n"
                            "metric          type       series\n"
                            "requests_total  counter         2\n"
                            "total                           2\n");
  EXPECT_EQ(entries_of(out_dir), (std::vector<std::string>{"shop_metrics.hpp"}));
}

// --- the built binary
// -----------------------------------------------------------------------------

TEST(CliBinary, BadSchemaExitsOneAndWritesNothing) {
  const scratch_directory scratch;
  write_file(scratch.path() / "shop.yaml", bad_schema);
  std::filesystem::create_directories(scratch.path() / "gen");
  const std::string schema_path = (scratch.path() / "shop.yaml").string();
  const cli_result result = run_binary(
      scratch, "'" + schema_path + "' --out-dir '" + (scratch.path() / "gen").string() + "'");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, with_file_name(bad_schema_errors, schema_path));
  // Neither the header nor a temporary file is left in the output directory.
  EXPECT_EQ(entries_of(scratch.path() / "gen"), std::vector<std::string>{});
}

TEST(CliBinary, MalformedYamlExitsOne) {
  const scratch_directory scratch;
  write_file(scratch.path() / "broken.yaml", "schemetric: 1\nname: [x\n");
  const std::string schema_path = (scratch.path() / "broken.yaml").string();
  const cli_result result = run_binary(
      scratch, "'" + schema_path + "' --out-dir '" + (scratch.path() / "gen").string() + "'");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err,
            schema_path + ":3:1: error: invalid YAML: end of sequence flow not found\n");
  EXPECT_FALSE(std::filesystem::exists(scratch.path() / "gen"));
}

TEST(CliBinary, GoodSchemaWritesTheHeader) {
  const scratch_directory scratch;
  write_file(scratch.path() / "shop.yaml", good_schema);
  const cli_result result =
      run_binary(scratch, "'" + (scratch.path() / "shop.yaml").string() + "' --out-dir '" +
                              (scratch.path() / "gen").string() + "'");
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(entries_of(scratch.path() / "gen"), (std::vector<std::string>{"shop_metrics.hpp"}));
  EXPECT_NE(read_file(scratch.path() / "gen" / "shop_metrics.hpp").find("namespace shop {"),
            std::string::npos);
}

TEST(CliBinary, HeaderOption) {
  const scratch_directory scratch;
  write_file(scratch.path() / "shop.yaml", good_schema);
  const auto header_path = scratch.path() / "out" / "custom.hpp";
  const cli_result result = run_binary(scratch, "'" + (scratch.path() / "shop.yaml").string() +
                                                    "' --header '" + header_path.string() + "'");
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(entries_of(scratch.path() / "out"), (std::vector<std::string>{"custom.hpp"}));
}

TEST(CliBinary, BadOptionExitsTwo) {
  const scratch_directory scratch;
  const cli_result result = run_binary(scratch, "--no-such-option");
  EXPECT_EQ(result.status, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(
      result.err.rfind("schemetric-gen: error: unknown option '--no-such-option'\nUsage: ", 0), 0u);
}

TEST(CliBinary, OverTheBudgetExitsOneAndWritesNothing) {
  const scratch_directory scratch;
  write_file(scratch.path() / "shop.yaml", std::string{good_schema} + "max_series: 1\n");
  std::filesystem::create_directories(scratch.path() / "gen");
  const std::string schema_path = (scratch.path() / "shop.yaml").string();
  const cli_result result = run_binary(scratch, "'" + schema_path + "' --cardinality --out-dir '" +
                                                    (scratch.path() / "gen").string() + "'");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, schema_path +
                            ":7:13: error: the worst case is 2 series, over the budget of 1; the "
                            "biggest: requests_total (2); remove labels or label values from them "
                            "(or lower their 'max_values'), or raise 'max_series'\n");
  EXPECT_EQ(entries_of(scratch.path() / "gen"), std::vector<std::string>{});
}

TEST(CliBinary, HelpAndVersionExitZero) {
  const scratch_directory scratch;
  EXPECT_EQ(run_binary(scratch, "--help").status, 0);
  const cli_result version = run_binary(scratch, "--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.out, "schemetric-gen " SCHEMETRIC_GEN_VERSION_FOR_TESTS "\n");
}

}  // namespace
}  // namespace schemetric::codegen
