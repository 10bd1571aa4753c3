// The kinds of operation a tracker measures.
#pragma once

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// What a tracker measures; decides its operations and outcome values (schema `kind:`).
enum class tracker_kind { http, db, ai, cache, integration, mcp };

SCHEMETRIC_END_NAMESPACE
