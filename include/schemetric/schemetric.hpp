// The schemetric library without the exporter: include this, then your generated header.
#pragma once

#include "schemetric/config.hpp"
#include "schemetric/counter.hpp"
#include "schemetric/exposition_format.hpp"
#include "schemetric/gauge.hpp"
#include "schemetric/histogram.hpp"
#include "schemetric/info.hpp"
#include "schemetric/label.hpp"
#include "schemetric/metric_kind.hpp"
#include "schemetric/runtime.hpp"
#include "schemetric/schema.hpp"
#include "schemetric/stateset.hpp"
#include "schemetric/text_writer.hpp"
#include "schemetric/version.hpp"
