// The lists a generated registry declares about itself: its families and its bounded labels.
#pragma once

#include "schemetric/config.hpp"

SCHEMETRIC_BEGIN_NAMESPACE

/// The families of a generated registry, as pointers to its members in schema order: what
/// `Registry::schemetric_families()` returns, for the exposition and the health document to
/// walk.
template <auto... Families>
struct family_list {};

/// The bounded label types of a generated registry's schema: what
/// `Registry::schemetric_bounded_labels()` returns.
template <class... Labels>
struct bounded_label_list {};

SCHEMETRIC_END_NAMESPACE
