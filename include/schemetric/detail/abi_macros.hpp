// The versioned inline namespace: settings that change layout are part of its name, so
// translation units built with different settings fail to link instead of sharing memory.
#pragma once

#define SCHEMETRIC_DETAIL_CONCAT_IMPL(a, b, c, d) v##a##_##b##_##c##_stripes##d
#define SCHEMETRIC_DETAIL_CONCAT(a, b, c, d) SCHEMETRIC_DETAIL_CONCAT_IMPL(a, b, c, d)

#if SCHEMETRIC_ENABLED
#define SCHEMETRIC_DETAIL_ABI_STATE on
#else
#define SCHEMETRIC_DETAIL_ABI_STATE off
#endif

#define SCHEMETRIC_ABI_NAMESPACE                                               \
  SCHEMETRIC_DETAIL_CONCAT(SCHEMETRIC_VERSION_MAJOR, SCHEMETRIC_VERSION_MINOR, \
                           SCHEMETRIC_DETAIL_ABI_STATE, SCHEMETRIC_STRIPES)

#define SCHEMETRIC_BEGIN_NAMESPACE \
  namespace schemetric {           \
  inline namespace SCHEMETRIC_ABI_NAMESPACE {
#define SCHEMETRIC_END_NAMESPACE \
  }                              \
  }
