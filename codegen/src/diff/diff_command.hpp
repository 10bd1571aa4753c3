// `schemetric-gen diff OLD.yaml NEW.yaml`: the changes between two versions of a schema, in the
// compiler's diagnostic form, with an exit status that fails a CI job on breaking ones.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>

namespace schemetric::codegen {

/// Exit statuses of `schemetric-gen diff`.
inline constexpr int exit_no_breaking_change = 0;
inline constexpr int exit_breaking_change = 1;  ///< a breaking change not accepted by --allow
inline constexpr int exit_diff_failed = 2;      ///< bad command line, or a schema with errors

/// Runs `schemetric-gen diff` with `arguments` (after "diff"): each change goes to `out` as
/// `FILE:LINE:COLUMN: error|warning|note: MESSAGE [KIND:SUBJECT]` (FILE is NEW, or OLD for what
/// was removed; a breaking change accepted by `--allow` is a warning), then a summary line;
/// schema errors and usage errors go to `err`. Returns the exit status.
[[nodiscard]] int run_diff(std::span<const std::string_view> arguments, std::ostream& out,
                           std::ostream& err);

}  // namespace schemetric::codegen
