// Tests of the limits on the generator's input (model/limits.hpp) and of its encoding checks:
// each limit gives one error with its position, before the work it bounds is done, and a schema
// just within every limit is read.
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "model/limits.hpp"
#include "schema_support.hpp"
#include "support/utf8.hpp"
#include "yaml/input_check.hpp"

namespace schemetric::codegen {
namespace {

using testing::errors_of;

// A valid schema whose one metric has `help`, followed by `tail` (more top-level keys).
std::string schema_with(std::string_view help, std::string_view tail = "") {
  return fmt::format("schemetric: 1\nname: svc\nmetrics:\n  up:\n    type: gauge\n    help: {}\n{}",
                     help, tail);
}

std::string repeated(std::string_view text, std::size_t times) {
  std::string result;
  for (std::size_t i = 0; i < times; ++i) result += text;
  return result;
}

TEST(InputLimits, FileSizeIsCheckedBeforeAnythingElse) {
  std::string text = schema_with("Up.", "# " + std::string(limits::file_bytes, 'x') + "\n");
  // An invalid byte past the limit is never looked at.
  text += "\xff";
  EXPECT_EQ(errors_of(text),
            "s.yaml: error: the schema is larger than 1048576 bytes (1 MiB), the most "
            "schemetric-gen reads; remove what the service does not use, or split it into "
            "several schemas\n");
  const std::string just_within = schema_with("Up.");
  EXPECT_EQ(errors_of(just_within + "#" +
                      std::string(limits::file_bytes - just_within.size() - 2, 'x') + "\n"),
            "");
}

TEST(InputEncoding, InvalidUtf8IsReportedAtItsFirstByte) {
  const auto error_of = [](std::string_view bad) {
    return errors_of(schema_with(fmt::format("Up {} and down.", bad)));
  };
  // Line 6 is "    help: Up <bad> and down.": the bad byte is column 14.
  EXPECT_EQ(error_of("\xff"),
            "s.yaml:6:14: error: invalid UTF-8 (byte 0xff); a schema must be UTF-8 text: save "
            "the file as UTF-8\n");
  EXPECT_EQ(error_of("\xc0\xaf"),  // overlong '/'
            "s.yaml:6:14: error: invalid UTF-8 (byte 0xc0); a schema must be UTF-8 text: save "
            "the file as UTF-8\n");
  EXPECT_EQ(error_of("\xed\xa0\x80"),  // a surrogate
            "s.yaml:6:14: error: invalid UTF-8 (byte 0xed); a schema must be UTF-8 text: save "
            "the file as UTF-8\n");
  EXPECT_EQ(error_of("\xf4\x90\x80\x80"),  // above U+10FFFF
            "s.yaml:6:14: error: invalid UTF-8 (byte 0xf4); a schema must be UTF-8 text: save "
            "the file as UTF-8\n");
  EXPECT_EQ(error_of("ok \xe2\x82"),  // truncated before ' and down.'
            "s.yaml:6:17: error: invalid UTF-8 (byte 0xe2); a schema must be UTF-8 text: save "
            "the file as UTF-8\n");
  EXPECT_EQ(error_of("\x80"),  // a lone continuation byte
            "s.yaml:6:14: error: invalid UTF-8 (byte 0x80); a schema must be UTF-8 text: save "
            "the file as UTF-8\n");
  // Well-formed multi-byte characters of every length are text.
  EXPECT_EQ(error_of("\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x93\x88"), "");
}

TEST(InputEncoding, InvalidBytesInKeysAreNeverEchoed) {
  const std::string errors = errors_of("schemetric: 1\nname: svc\nmetrics:\n  u\xffp: {}\n");
  EXPECT_EQ(errors,
            "s.yaml:4:4: error: invalid UTF-8 (byte 0xff); a schema must be UTF-8 text: save the "
            "file as UTF-8\n");
  EXPECT_FALSE(first_invalid_utf8(errors).has_value());
}

TEST(InputEncoding, Utf16AndControlCharacters) {
  EXPECT_EQ(errors_of("\xff\xfes\0c\0"),
            "s.yaml:1:1: error: the file is UTF-16 (it starts with a UTF-16 byte order mark); save "
            "it as UTF-8\n");
  EXPECT_EQ(errors_of(schema_with(std::string("Up\0.", 4))),
            "s.yaml:6:13: error: the control character U+0000 is not allowed in YAML (tab and "
            "line breaks are the only control characters it takes); remove it\n");
  EXPECT_EQ(errors_of(schema_with("Up\x1b[1m.")),
            "s.yaml:6:13: error: the control character U+001B is not allowed in YAML (tab and "
            "line breaks are the only control characters it takes); remove it\n");
  // An escape in a double-quoted string can make one: the string is reported where it starts.
  EXPECT_EQ(errors_of(schema_with("\"Up\\0.\"")),
            "s.yaml:6:11: error: this string holds the control character U+0000 (written as an "
            "escape); remove it\n");
  EXPECT_EQ(errors_of(schema_with("\"Up\\x85.\"")),
            "s.yaml:6:11: error: this string holds the control character U+0085 (written as an "
            "escape); remove it\n");
  // Tabs, line feeds and carriage returns (CRLF files) are fine.
  EXPECT_EQ(errors_of("schemetric: 1\r\nname: svc\r\nmetrics:\r\n  up:\t{type: gauge, help: "
                      "\"Up,\\tor\\ndown.\"}\r\n"),
            "");
}

TEST(InputLimits, NestingDepth) {
  // Flow collections are counted in the text, before yaml-cpp's scanner queues their tokens.
  EXPECT_EQ(errors_of(schema_with("Up.", "prometheus: " + repeated("[", 100000) + "\n")),
            "s.yaml:7:45: error: the YAML nests deeper than 32 levels here (a schema needs at "
            "most 9); look for a stray '[' or '{', or indentation that runs away\n");
  // Brackets in plain text, quoted strings and comments do not count.
  EXPECT_EQ(errors_of(schema_with(
                "Up [" + repeated("[", 40) + ".",
                "# " + repeated("{", 40) + "\nprometheus: {job: '" + repeated("[", 40) + "'}\n")),
            "");
  // Block collections nest by indentation: the event parser stops at the 33rd level.
  std::string block = "prometheus:\n";
  for (int level = 1; level < 40; ++level) block += std::string(level, ' ') + "-\n";
  EXPECT_EQ(errors_of(schema_with("Up.", block)),
            "s.yaml:39:33: error: the YAML nests deeper than 32 levels here (a schema needs at "
            "most 9); look for a stray '[' or '{', or indentation that runs away\n");
}

TEST(InputLimits, NodesCountAliasesAsWhatTheyRepeat) {
  // Ten levels of ten aliases each would be 10^10 values if expanded.
  std::string bomb = "x0: &a0 [v, v, v, v, v, v, v, v, v, v]\n";
  for (int level = 1; level < 10; ++level) {
    bomb += fmt::format("x{}: &a{} [", level, level);
    for (int i = 0; i < 10; ++i) bomb += fmt::format("{}*a{}", i == 0 ? "" : ", ", level - 1);
    bomb += "]\n";
  }
  // Line 6 is x4's: before it the count is 12,350 nodes, and each of its aliases of x3 adds
  // 11,111; the eighth (column 45) passes 100,000.
  const std::string errors = errors_of("prometheus: {}\n" + bomb);
  EXPECT_EQ(errors,
            "s.yaml:6:45: error: the schema has more than 100000 YAML nodes (values, mappings and "
            "sequences; an alias counts as every node it repeats); shorten it\n");
  EXPECT_EQ(errors_of(schema_with("Up.", "prometheus: &p [*p]\n")),
            "s.yaml:7:17: error: this alias refers to a node that contains it, which would repeat "
            "without end; give the values in full\n");
  // Aliases of small nodes are fine.
  EXPECT_EQ(errors_of("schemetric: 1\nname: svc\nmetrics:\n  up: &m {type: gauge, help: Up.}\n"
                      "  down: {type: gauge, help: &h Down.}\n  left: {type: gauge, help: *h}\n"),
            "");
}

TEST(InputLimits, StringsHelpAndNames) {
  EXPECT_EQ(errors_of(schema_with(std::string(limits::string_bytes + 1, 'x'))),
            "s.yaml:6:11: error: this string is 4097 bytes long; strings are at most 4096 bytes "
            "(help texts 1024): shorten it\n");
  EXPECT_EQ(errors_of(schema_with(std::string(limits::help_bytes + 1, 'x'))),
            "s.yaml:6:11: error: 'help' of metric 'up' is 1025 bytes long, over the limit of 1024 "
            "bytes; say it in one sentence\n");
  EXPECT_EQ(errors_of(schema_with(std::string(limits::help_bytes, 'x'))), "");
  const std::string long_name = std::string(limits::name_bytes + 1, 'a');
  EXPECT_EQ(errors_of(fmt::format("schemetric: 1\nname: svc\nmetrics:\n  {}:\n    type: gauge\n"
                                  "    help: Up.\n",
                                  long_name)),
            "s.yaml:4:3: error: metric name "
            "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is 129 bytes long; names are at most "
            "128 bytes: shorten it\n");
  EXPECT_EQ(errors_of(fmt::format("schemetric: 1\nname: svc\nmetrics:\n  {}:\n    type: gauge\n"
                                  "    help: Up.\n",
                                  std::string(limits::name_bytes, 'a'))),
            "");
  EXPECT_EQ(errors_of(schema_with("Up.", "labels:\n  " + long_name + ": {values: [a]}\n")),
            "s.yaml:8:3: error: label name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is 129 "
            "bytes long; names are at most 128 bytes: shorten it\n");
  EXPECT_EQ(errors_of("schemetric: 1\nname: svc\nmetrics:\n  up:\n    type: gauge\n    unit: " +
                      long_name + "\n    help: Up.\n"),
            "s.yaml:6:11: error: unit 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is 129 bytes "
            "long; names are at most 128 bytes: shorten it\n");
  // A name is quoted by its first 40 bytes, never cut inside a character.
  const std::string long_alert = "A" + repeated("\xc3\xa9", 70);
  const std::string alert_errors =
      errors_of(schema_with("Up.", "alerts:\n  " + long_alert + ": {}\n"));
  EXPECT_EQ(alert_errors.substr(0, alert_errors.find('\n') + 1),
            "s.yaml:8:3: error: alert name 'A" + repeated("\xc3\xa9", 19) +
                "...' is 141 bytes long; names are at most 128 bytes: shorten it\n");
}

TEST(InputLimits, DefinitionsPerSection) {
  struct section {
    std::string_view key;
    std::string_view noun;
    std::size_t most;
    std::string_view entry;  ///< an entry, "{}" standing for its number
  };
  const section sections[] = {
      {"labels", "labels", limits::labels, "l{}: {{values: [a]}}"},
      {"metrics", "metrics", limits::metrics, "m{}: {{type: gauge, help: M.}}"},
      {"trackers", "trackers", limits::trackers, "t{}: 1"},
      {"alerts", "alerts", limits::alerts, "A{}: 1"},
      {"slos", "SLOs", limits::slos, "s{}: 1"},
  };
  for (const section& s : sections) {
    SCOPED_TRACE(s.key);
    std::string text = fmt::format("{}:\n", s.key);
    for (std::size_t i = 0; i <= s.most; ++i) {
      text += "  " + fmt::format(fmt::runtime(s.entry), i) + "\n";
    }
    // The entry past the limit comes after the 6 lines of the metric and the section's key.
    EXPECT_EQ(errors_of(schema_with("Up.", text)),
              fmt::format("s.yaml:{}:3: error: '{}' has more than {} entries; schemetric-gen reads "
                          "at most {} {} in a schema (remove those no code uses, or split the "
                          "schema)\n",
                          8 + s.most, s.key, s.most, s.most, s.noun));
  }
  // Exactly the limit is read (here with no other error).
  std::string labels = "labels:\n";
  for (std::size_t i = 0; i < limits::labels; ++i) {
    labels += fmt::format("  l{}: {{values: [a]}}\n", i);
  }
  EXPECT_EQ(errors_of(schema_with("Up.", labels)), "");
}

// A schema of one metric of `type` whose list `key` holds `count` increasing numbers.
std::string numbers_schema(std::string_view type, std::string_view key, std::size_t count) {
  std::string numbers;
  for (std::size_t i = 1; i <= count; ++i) {
    numbers += fmt::format("{}0.{:03}", i == 1 ? "" : ", ", i);
  }
  return fmt::format(
      "schemetric: 1\nname: svc\nmetrics:\n  d_seconds:\n    type: {}\n    unit: seconds\n"
      "    help: D.\n    {}: [{}]\n",
      type, key, numbers);
}

TEST(InputLimits, BucketsAndQuantiles) {
  EXPECT_EQ(errors_of(numbers_schema("histogram", "buckets", limits::buckets + 1)),
            "s.yaml:8:14: error: histogram 'd_seconds' has 101 buckets; at most 100 are "
            "supported: keep those the alerts and dashboards need\n");
  EXPECT_EQ(errors_of(numbers_schema("summary", "quantiles", limits::quantiles + 1)),
            "s.yaml:8:16: error: summary 'd_seconds' has 101 quantiles; at most 100 are "
            "supported: keep those the alerts and dashboards need\n");
  EXPECT_EQ(errors_of(numbers_schema("histogram", "buckets", limits::buckets)), "");
  EXPECT_EQ(errors_of(numbers_schema("summary", "quantiles", limits::quantiles)), "");
}

TEST(InputCheck, PositionsCountBytes) {
  EXPECT_EQ(yaml::position_at("ab\nc\xc3\xa9"
                              "d",
                              6),
            (source_position{2, 4}));
  EXPECT_EQ(yaml::position_at("ab", 0), (source_position{1, 1}));
}

TEST(Utf8, Excerpts) {
  EXPECT_EQ(excerpt("short", 10), "short");
  EXPECT_EQ(excerpt("abcdef", 3), "abc...");
  // Never cut inside a character.
  EXPECT_EQ(excerpt("a\xc3\xa9"
                    "z",
                    2),
            "a...");
}

TEST(Utf8, PrintableKeepsCharactersAndEscapesTheRest) {
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x82\xac"), "caf\xc3\xa9 \xe2\x82\xac");
  EXPECT_EQ(printable("a\nb\tc\rd"), "a\\nb\\tc\\rd");
  EXPECT_EQ(printable(std::string_view{"\0\x1b\x7f", 3}), "\\x00\\x1b\\x7f");
  // A C1 control character (U+0085) is escaped byte by byte.
  EXPECT_EQ(printable("\xc2\x85"), "\\xc2\\x85");
  // The first byte of a two-byte character with its second byte cut off (what yaml-cpp quotes
  // of an unknown escape such as `"\\\xd9\x92"`), a stray continuation byte, an overlong form.
  EXPECT_EQ(printable("escape: \xd9"), "escape: \\xd9");
  EXPECT_EQ(printable("\x92x"), "\\x92x");
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");
}

TEST(InputEncoding, ErrorsQuotingPartOfACharacterStayUtf8) {
  // yaml-cpp's message for the unknown escape `\` followed by U+0652 quotes only the first byte
  // of that character (found by the generator's fuzzing).
  const std::string errors = errors_of(
      "name: \"a \\\xd9\x92"
      "b\"\n");
  EXPECT_FALSE(first_invalid_utf8(errors)) << errors;
  EXPECT_NE(errors.find("unknown escape character: \\xd9"), std::string::npos) << errors;
}

}  // namespace
}  // namespace schemetric::codegen
