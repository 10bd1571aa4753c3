// The checks of a schema's text before it is parsed into nodes: its size, its encoding, and the
// shape of its YAML (nesting, number of nodes, string lengths, definitions per section), so that
// no input makes yaml-cpp or the later stages take unbounded time or memory.
#pragma once

#include <string_view>

#include "support/diagnostics.hpp"

namespace schemetric::codegen::yaml {

/// The 1-based line and column (in bytes) of byte `offset` of `text`.
[[nodiscard]] source_position position_at(std::string_view text, std::size_t offset);

/// Checks `text` against the limits of model/limits.hpp, in this order, stopping at the first
/// problem, which goes to `diags` with its position: the size (before anything else looks at the
/// text); UTF-8 and YAML's printable characters (the first offending byte); then, with yaml-cpp's
/// event parser, which builds no nodes and is stopped as soon as a limit is passed, the nesting
/// depth, the number of nodes (an alias counting as the nodes it repeats; an alias inside the
/// node it names is rejected), the length and characters of every string, and the number of
/// definitions in each section. Malformed YAML is reported as by load_document. True when the
/// text may be loaded.
[[nodiscard]] bool check_input(std::string_view text, diagnostics& diags);

}  // namespace schemetric::codegen::yaml
