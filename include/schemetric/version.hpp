// schemetric's version, checked by generated headers.
#pragma once

#define SCHEMETRIC_VERSION_MAJOR 0
#define SCHEMETRIC_VERSION_MINOR 1
#define SCHEMETRIC_VERSION_PATCH 0
