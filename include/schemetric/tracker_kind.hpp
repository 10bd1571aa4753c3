// The kinds of operation a tracker measures.
#pragma once

#include <string_view>

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// What a tracker measures; decides its operations and outcome values (schema `kind:`).
enum class tracker_kind { http, db, ai, cache, integration, mcp };

/// The schema's spelling of `kind` (`http`, `db`, ...).
constexpr std::string_view to_string(tracker_kind kind) noexcept {
  switch (kind) {
    case tracker_kind::http:
      return "http";
    case tracker_kind::db:
      return "db";
    case tracker_kind::ai:
      return "ai";
    case tracker_kind::cache:
      return "cache";
    case tracker_kind::integration:
      return "integration";
    case tracker_kind::mcp:
      return "mcp";
  }
  return "unknown";
}

SCHEMETRIC_END_NAMESPACE
