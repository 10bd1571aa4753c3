// The limits schemetric-gen puts on its input, in one place: each is checked before the work it
// bounds grows (the file's size before it is read, the YAML's nesting before yaml-cpp recurses
// into it, the number of definitions before they are read), so that no input, however large or
// deep, makes the generator take unbounded time or memory. schema/README.md lists them.
#pragma once

#include <cstddef>

namespace schemetric::codegen::limits {

/// The largest schema file, in bytes: 70 times `schema/example.yaml`. Checked before the file
/// is read whole.
inline constexpr std::size_t file_bytes = 1024 * 1024;

/// The deepest nesting of YAML mappings and sequences (the root mapping is level 1). A schema
/// needs 9 levels; yaml-cpp recurses once per level while it parses.
inline constexpr std::size_t nesting_depth = 32;

/// The most YAML nodes (scalars, mappings, sequences) in a file, where an alias counts as every
/// node of what it repeats, so that an "alias bomb" is as costly as the text it stands for.
/// yaml-cpp takes about half a kilobyte per node.
inline constexpr std::size_t yaml_nodes = 100'000;

/// The longest string, in bytes (a description, a raw PromQL expression, a key).
inline constexpr std::size_t string_bytes = 4096;

/// The longest `help:` text or alert `summary:`, in bytes: it is one sentence, written into
/// every scrape (`# HELP`) or every notification.
inline constexpr std::size_t help_bytes = 1024;

/// The longest name (schema, label, metric, tracker, alert, SLO, unit), in bytes.
inline constexpr std::size_t name_bytes = 128;

/// The most definitions in each section.
inline constexpr std::size_t labels = 1000;
inline constexpr std::size_t metrics = 1000;
inline constexpr std::size_t trackers = 200;
inline constexpr std::size_t alerts = 200;
inline constexpr std::size_t slos = 50;

/// The most bucket bounds of a histogram and quantiles of a summary.
inline constexpr std::size_t buckets = 100;
inline constexpr std::size_t quantiles = 100;

}  // namespace schemetric::codegen::limits
