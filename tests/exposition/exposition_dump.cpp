// Fills every series of a generated registry with known values and writes its exposition in
// both formats plus the expected samples, for promtool and the Python parsers to check.
// Usage: exposition_dump OUT_PREFIX  (writes OUT_PREFIX.prom, .openmetrics, .expected.json)
#include <cstdio>
#include <memory>
#include <string>

#include SCHEMETRIC_TEST_SCHEMA_HEADER
#include "record_every_series.hpp"
#include "write_file.hpp"

namespace {
using schemetric_test::write_file;
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_PREFIX\n", argv[0]);
    return 2;
  }
  const std::string prefix = argv[1];
  auto reg = std::make_unique<SCHEMETRIC_TEST_REGISTRY>();
  auto expected = schemetric_test::record_every_series(*reg);
  schemetric_test::expect_overflow_counts<SCHEMETRIC_TEST_REGISTRY>(expected);
  const schemetric::text_writer writer(*reg);
  std::string text;
  writer.write(text);
  std::string openmetrics;
  writer.write(openmetrics, schemetric::exposition_format::openmetrics);
  const bool ok = write_file(prefix + ".prom", text) &&
                  write_file(prefix + ".openmetrics", openmetrics) &&
                  write_file(prefix + ".expected.json", schemetric_test::to_json(expected).dump(1));
  if (!ok) std::fprintf(stderr, "cannot write %s.*\n", prefix.c_str());
  return ok ? 0 : 1;
}
