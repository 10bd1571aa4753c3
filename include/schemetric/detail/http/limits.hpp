// The limits one HTTP listener enforces, taken from exporter_options when it starts.
#pragma once

#include <chrono>
#include <cstddef>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

namespace detail {

/// Deadlines and sizes of one listener and its connections (exporter_options documents each).
/// A plain value, copied at start.
struct http_limits {
  std::chrono::milliseconds read_timeout{};
  std::chrono::milliseconds write_timeout{};
  std::chrono::milliseconds keep_alive_timeout{};
  std::size_t max_connections = 0;
  std::size_t max_connections_per_peer = 0;
  std::size_t max_header_bytes = 0;
};

}  // namespace detail

SCHEMETRIC_END_NAMESPACE
