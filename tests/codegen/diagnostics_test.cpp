// Tests of the diagnostics collector: format and ordering.
#include "support/diagnostics.hpp"

#include <gtest/gtest.h>

namespace schemetric::codegen {
namespace {

TEST(Diagnostics, EmptyByDefault) {
  const diagnostics diags("a.yaml");
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(diags.error_count(), 0u);
  EXPECT_EQ(diags.format(), "");
  EXPECT_EQ(diags.file_name(), "a.yaml");
}

TEST(Diagnostics, FormatsWithAndWithoutPosition) {
  EXPECT_EQ(format_diagnostic("dir/a.yaml", diagnostic{{3, 14}, "bad"}),
            "dir/a.yaml:3:14: error: bad");
  EXPECT_EQ(format_diagnostic("a.yaml", diagnostic{{}, "cannot read: gone"}),
            "a.yaml: error: cannot read: gone");
}

TEST(Diagnostics, MessagesStayOnOneLine) {
  diagnostics diags("s.yaml");
  diags.error({1, 1},
              "unknown key 'a\nb\tc\rd\x01"
              "e\x7f'");
  EXPECT_EQ(diags.format(), "s.yaml:1:1: error: unknown key 'a\\nb\\tc\\rd\\x01e\\x7f'\n");
}

TEST(Diagnostics, SortedByPositionStableForTies) {
  diagnostics diags("s.yaml");
  diags.error({10, 2}, "d");
  diags.error({2, 7}, "b");
  diags.error({2, 3}, "a");
  diags.error({10, 2}, "e");
  diags.error({}, "whole file");
  diags.error({2, 7}, "c");
  EXPECT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.error_count(), 6u);
  EXPECT_EQ(diags.format(),
            "s.yaml: error: whole file\n"
            "s.yaml:2:3: error: a\n"
            "s.yaml:2:7: error: b\n"
            "s.yaml:2:7: error: c\n"
            "s.yaml:10:2: error: d\n"
            "s.yaml:10:2: error: e\n");
}

}  // namespace
}  // namespace schemetric::codegen
