// HTTP status labels: a code's class at every boundary, and exact codes with a catch-all.
#include <climits>
#include <cstddef>

#include <gtest/gtest.h>

#include "label_kinds_metrics.hpp"

namespace {

using label_kinds::status;
using label_kinds::status_code;
using label_kinds::status_code_of;
using label_kinds::status_of;

static_assert(schemetric::status_class_enum<status>);
static_assert(!schemetric::status_class_enum<status_code>);
static_assert(schemetric::status_code_enum<status_code>);
static_assert(!schemetric::status_code_enum<status>);

// Usable in constant expressions.
static_assert(status_of(200) == status::_2xx);
static_assert(status_of(600) == status::_5xx);
static_assert(status_code_of(404) == status_code::_404);
static_assert(status_code_of(405) == status_code::other);

struct class_case {
  int code;
  status expected;
};

// Every case of a table holds at compile time too.
template <std::size_t N>
constexpr bool all_classes_match(const class_case (&cases)[N]) {
  for (const class_case& c : cases) {
    if (status_of(c.code) != c.expected) return false;
  }
  return true;
}

class status_class_table : public testing::TestWithParam<class_case> {};

TEST_P(status_class_table, maps_code_to_class) {
  const class_case& c = GetParam();
  EXPECT_EQ(static_cast<int>(status_of(c.code)), static_cast<int>(c.expected)) << c.code;
  EXPECT_EQ(schemetric::label_text(status_of(c.code)), schemetric::label_text(c.expected));
}

constexpr class_case boundaries_cases[] = {
    {100, status::_1xx}, {101, status::_1xx}, {199, status::_1xx}, {200, status::_2xx},
    {204, status::_2xx}, {299, status::_2xx}, {300, status::_3xx}, {399, status::_3xx},
    {400, status::_4xx}, {499, status::_4xx}, {500, status::_5xx}, {599, status::_5xx},
};
INSTANTIATE_TEST_SUITE_P(boundaries, status_class_table, testing::ValuesIn(boundaries_cases));
static_assert(all_classes_match(boundaries_cases));

// Not an HTTP status: the server failed to produce one, so it counts as a server error.
constexpr class_case invalid_codes_are_server_errors_cases[] = {
    {99, status::_5xx},   {600, status::_5xx},     {0, status::_5xx},
    {-1, status::_5xx},   {-100, status::_5xx},    {1000, status::_5xx},
    {2000, status::_5xx}, {INT_MIN, status::_5xx}, {INT_MAX, status::_5xx},
};
INSTANTIATE_TEST_SUITE_P(invalid_codes_are_server_errors, status_class_table,
                         testing::ValuesIn(invalid_codes_are_server_errors_cases));
static_assert(all_classes_match(invalid_codes_are_server_errors_cases));

struct code_case {
  int code;
  status_code expected;
};

template <std::size_t N>
constexpr bool all_codes_match(const code_case (&cases)[N]) {
  for (const code_case& c : cases) {
    if (status_code_of(c.code) != c.expected) return false;
  }
  return true;
}

class status_code_table : public testing::TestWithParam<code_case> {};

TEST_P(status_code_table, maps_declared_codes_and_folds_others) {
  const code_case& c = GetParam();
  EXPECT_EQ(static_cast<int>(status_code_of(c.code)), static_cast<int>(c.expected)) << c.code;
}

constexpr code_case declared_cases[] = {
    {200, status_code::_200},
    {201, status_code::_201},
    {404, status_code::_404},
    {500, status_code::_500},
};
INSTANTIATE_TEST_SUITE_P(declared, status_code_table, testing::ValuesIn(declared_cases));
static_assert(all_codes_match(declared_cases));

constexpr code_case unknown_cases[] = {
    {100, status_code::other}, {199, status_code::other},     {202, status_code::other},
    {403, status_code::other}, {405, status_code::other},     {501, status_code::other},
    {599, status_code::other}, {99, status_code::other},      {600, status_code::other},
    {0, status_code::other},   {-1, status_code::other},      {-300, status_code::other},
    {700, status_code::other}, {INT_MIN, status_code::other}, {INT_MAX, status_code::other},
};
INSTANTIATE_TEST_SUITE_P(unknown, status_code_table, testing::ValuesIn(unknown_cases));
static_assert(all_codes_match(unknown_cases));

TEST(status_code, every_int_in_a_wide_range_maps_like_a_reference) {
  for (int code = -1000; code <= 2000; ++code) {
    const status_code expected = code == 200   ? status_code::_200
                                 : code == 201 ? status_code::_201
                                 : code == 404 ? status_code::_404
                                 : code == 500 ? status_code::_500
                                               : status_code::other;
    ASSERT_EQ(status_code_of(code), expected) << code;
    const status expected_class =
        code >= 100 && code <= 599 ? static_cast<status>(code / 100 - 1) : status::_5xx;
    ASSERT_EQ(status_of(code), expected_class) << code;
  }
}

TEST(status_code, label_text_of_a_code) {
  EXPECT_EQ(schemetric::label_text(status_code_of(201)), "201");
  EXPECT_EQ(schemetric::label_text(status_code_of(418)), "other");
  EXPECT_EQ(schemetric::label_text(status_of(418)), "4xx");
}

}  // namespace
