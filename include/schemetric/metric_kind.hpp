// The metric types a schema can declare.
#pragma once

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// The type of a metric family, as declared by `type:` in the schema.
enum class metric_kind { counter, gauge, histogram, stateset, info, summary };

SCHEMETRIC_END_NAMESPACE
