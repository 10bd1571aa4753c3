// The schemetric-gen command line: arguments in, files and messages out, an exit status back.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

namespace schemetric::codegen {

/// Exit statuses of schemetric-gen.
inline constexpr int exit_success = 0;
inline constexpr int exit_schema_error = 1;  ///< bad schema, unreadable input, failed write
inline constexpr int exit_usage_error = 2;   ///< bad command line

/// Runs schemetric-gen with `arguments` (without the program name): `--help`, `--version` and
/// `--list-emitters` text, `--verbose` notes and the `--cardinality` table go to `out`,
/// diagnostics and usage errors to `err`. Writes the outputs only when the schema has no error
/// for any of them, all or none. Returns the exit status.
[[nodiscard]] int run_cli(std::span<const std::string_view> arguments, std::ostream& out,
                          std::ostream& err);

}  // namespace schemetric::codegen
