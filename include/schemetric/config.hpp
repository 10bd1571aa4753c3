// Configuration macros: each takes the user's definition if given, else the documented default.
#pragma once

#include "schemetric/version.hpp"

/// SCHEMETRIC_ENABLED: 1 (default) records metrics; 0 turns every metric, tracker and the
/// exporter into empty inline types with the same API (CMake option SCHEMETRIC_ENABLED=OFF).
#ifndef SCHEMETRIC_ENABLED
#define SCHEMETRIC_ENABLED 1
#endif

/// SCHEMETRIC_STRIPES: how many copies of each counter and histogram cell exist so that
/// threads writing the same series do not contend on one cache line; summed at scrape.
/// A power of two; default 4.
#ifndef SCHEMETRIC_STRIPES
#define SCHEMETRIC_STRIPES 4
#endif
static_assert(SCHEMETRIC_STRIPES > 0 && (SCHEMETRIC_STRIPES & (SCHEMETRIC_STRIPES - 1)) == 0,
              "SCHEMETRIC_STRIPES must be a power of two");

/// SCHEMETRIC_ASSERT(cond): checks preconditions in debug builds (NDEBUG unset).
#ifndef SCHEMETRIC_ASSERT
#include <cassert>
#define SCHEMETRIC_ASSERT(cond) assert(cond)
#endif

#include "schemetric/detail/abi_macros.hpp"
