// Bounded labels: dense indexes for the first N values, a counted overflow after them, and one
// index per value however many threads resolve it at once.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <latch>
#include <new>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "label_kinds_metrics.hpp"

// Counts the allocations of the calling thread, to show that resolving a known or a folded
// value does not allocate. Not under sanitizers: they own operator new (clang's static TSan
// runtime even defines it strongly), and ASan checks the library's allocation pairing only
// with its own operators in place.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define LABEL_KINDS_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define LABEL_KINDS_TEST_SANITIZED 1
#endif
#endif

namespace {
[[maybe_unused]] thread_local std::size_t allocations_on_this_thread = 0;
}  // namespace

#ifndef LABEL_KINDS_TEST_SANITIZED
namespace {
[[maybe_unused]] constexpr bool counting_allocations = true;
void* counted_allocation(std::size_t size) noexcept {
  ++allocations_on_this_thread;
  return std::malloc(size == 0 ? 1 : size);
}
}  // namespace

// Every replaceable form that the tested code or the standard library may pair is replaced,
// so that allocation and deallocation always match. GCC cannot tell that these free()s pair
// with the malloc()s above.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t size) {
  if (void* p = counted_allocation(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* p = counted_allocation(size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return counted_allocation(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_allocation(size);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#else
namespace {
[[maybe_unused]] constexpr bool counting_allocations = false;
}  // namespace
#endif

namespace {

using label_kinds::ai_model;

// "prefix" followed by `number` in decimal. (Built by appending: GCC 12 reports a false
// -Wrestrict for `"literal" + std::string` at -O3, GCC bug 105651.)
std::string numbered(std::string_view prefix, std::size_t number) {
  std::string text(prefix);
  text += std::to_string(number);
  return text;
}

// A fresh bounded label type per test: the value set of a label is process-wide and is never
// reset, so tests that need an empty set use a type of their own.
template <class Tag, std::size_t MaxValues>
struct test_label : schemetric::bounded_label<test_label<Tag, MaxValues>, MaxValues> {
  using schemetric::bounded_label<test_label<Tag, MaxValues>, MaxValues>::bounded_label;
  static constexpr std::string_view label_name = "test";
  static constexpr std::string_view overflow_value = "__overflow__";
};

// The generated declaration compiles to a small value type without a default constructor.
static_assert(ai_model::cardinality == 9);
static_assert(ai_model::max_values == 8);
static_assert(schemetric::bounded_label_type<ai_model>);
static_assert(!schemetric::bounded_label_type<label_kinds::status>);
static_assert(!std::is_default_constructible_v<ai_model>);
static_assert(std::is_constructible_v<ai_model, std::string_view>);
static_assert(!std::is_convertible_v<std::string_view, ai_model>);
static_assert(std::is_convertible_v<const char*, ai_model>);
static_assert(std::is_convertible_v<const std::string&, ai_model>);
// Numbers, `0` and nullptr pick a constructor whose body fails with a message (the
// label.fail.bounded_* compile-fail cases), so the traits cannot say they are refused.
static_assert(std::is_convertible_v<int, ai_model>);
static_assert(std::is_nothrow_constructible_v<ai_model, const char*>);
static_assert(std::is_trivially_copyable_v<ai_model>);

// The label struct of a metric with a bounded label, as generated.
using ai_call_labels = label_kinds::labels::ai_calls_total;

template <class Labels>
concept can_leave_out_the_model = requires {
  Labels{.status = label_kinds::status::_2xx};
};
static_assert(!can_leave_out_the_model<ai_call_labels>, "a missing label must not compile");
struct defaultable_first_member {  // control: the concept can be satisfied
  int count;
  schemetric::label<label_kinds::status> status;
};
static_assert(can_leave_out_the_model<defaultable_first_member>);

#if !SCHEMETRIC_ENABLED

// Compiled out: a label resolves nothing and stores nothing (the behaviour tests below need
// metrics compiled in).
TEST(bounded_label, compiled_out_resolves_and_stores_nothing) {
  using label = test_label<struct compiled_out_tag, 2>;
  const ai_call_labels labels{.ai_model = "gpt-4o", .status = label_kinds::status::_2xx};
  (void)labels;
  for (int i = 0; i < 4; ++i) (void)label(numbered("value-", static_cast<std::size_t>(i)));
  EXPECT_EQ(label::known_count(), 0u);
  EXPECT_EQ(label::overflow_count(), 0u);
  EXPECT_EQ(label::text_at(0), "");
}

#else  // SCHEMETRIC_ENABLED

TEST(bounded_label, generated_label_in_a_designated_initializer) {
  const std::string runtime_name = "claude";
  const ai_call_labels first{.ai_model = "gpt-4o", .status = label_kinds::status::_2xx};
  const ai_call_labels second{.ai_model = runtime_name, .status = label_kinds::status::_5xx};
  const ai_call_labels third{.ai_model = ai_model{std::string_view("gpt-4o")},
                             .status = label_kinds::status::_2xx};
  EXPECT_EQ(first.ai_model.index(), third.ai_model.index());
  EXPECT_NE(first.ai_model.index(), second.ai_model.index());
  EXPECT_EQ(ai_model::text_at(first.ai_model.index()), "gpt-4o");
  EXPECT_EQ(ai_model::text_at(second.ai_model.index()), "claude");
  EXPECT_EQ(ai_model::text_at(ai_model::max_values), "other");
}

}  // namespace

std::size_t resolve_tenant_in_other_translation_unit(std::string_view value);
std::size_t tenant_known_count_in_other_translation_unit();

namespace {

TEST(bounded_label, one_value_set_per_label_type_in_the_program) {
  using label_kinds::tenant;
  EXPECT_EQ(tenant("acme").index(), 0u);
  EXPECT_EQ(resolve_tenant_in_other_translation_unit("acme"), 0u);
  EXPECT_EQ(resolve_tenant_in_other_translation_unit("globex"), 1u);
  EXPECT_EQ(tenant("globex").index(), 1u);
  EXPECT_EQ(tenant::known_count(), 2u);
  EXPECT_EQ(tenant_known_count_in_other_translation_unit(), 2u);
  // Another label type with the same budget has a set of its own.
  using other_label = test_label<struct other_set_tag, 4>;
  EXPECT_EQ(other_label("globex").index(), 0u);
  EXPECT_EQ(other_label::known_count(), 1u);
  EXPECT_EQ(tenant::known_count(), 2u);
}

TEST(bounded_label, first_values_get_dense_indexes_in_order) {
  using label = test_label<struct dense_tag, 4>;
  EXPECT_EQ(label::known_count(), 0u);
  const char* const values[] = {"a", "b", "c", "d"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(label(values[i]).index(), i);
    EXPECT_EQ(label::known_count(), i + 1);
    EXPECT_EQ(label::text_at(i), values[i]);
  }
  EXPECT_EQ(label::overflow_count(), 0u);
  // The budget is spent: the next distinct values fold into index N.
  EXPECT_EQ(label("e").index(), 4u);
  EXPECT_EQ(label("f").index(), 4u);
  EXPECT_EQ(label::known_count(), 4u);
  EXPECT_EQ(label::overflow_count(), 2u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(label(values[i]).index(), i);
}

TEST(bounded_label, overflow_starts_exactly_at_the_budget) {
  using label = test_label<struct exact_budget_tag, 3>;
  EXPECT_EQ(label("one").index(), 0u);
  EXPECT_EQ(label("two").index(), 1u);
  EXPECT_EQ(label::overflow_count(), 0u);
  EXPECT_EQ(label("three").index(), 2u);  // the last value with its own series
  EXPECT_EQ(label::known_count(), 3u);
  EXPECT_EQ(label::overflow_count(), 0u);
  EXPECT_EQ(label("four").index(), 3u);  // the first folded one
  EXPECT_EQ(label::overflow_count(), 1u);
  EXPECT_EQ(label::text_at(3), "__overflow__");
}

TEST(bounded_label, overflow_counter_counts_every_folded_resolution) {
  using label = test_label<struct overflow_count_tag, 2>;
  (void)label("kept-1");
  (void)label("kept-2");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(label("folded").index(), 2u);
  EXPECT_EQ(label::overflow_count(), 10u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(label(numbered("folded-", i)).index(), 2u);
  EXPECT_EQ(label::overflow_count(), 15u);
  // Known values do not count.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(label("kept-2").index(), 1u);
  EXPECT_EQ(label::overflow_count(), 15u);
}

TEST(bounded_label, repeat_resolutions_are_stable_and_not_counted) {
  using label = test_label<struct stable_tag, 8>;
  const std::size_t first = label("tenant-a").index();
  const std::size_t second = label("tenant-b").index();
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(label("tenant-a").index(), first);
    ASSERT_EQ(label(std::string("tenant-b")).index(), second);
  }
  EXPECT_EQ(label::known_count(), 2u);
  EXPECT_EQ(label::overflow_count(), 0u);
  // A resolved label is kept and reused as a plain value.
  const label kept("tenant-a");
  const label copy = kept;
  EXPECT_EQ(copy.index(), first);
}

TEST(bounded_label, text_at) {
  using label = test_label<struct text_tag, 4>;
  EXPECT_EQ(label::text_at(0), "");  // not assigned yet
  EXPECT_EQ(label::text_at(4), "__overflow__");
  EXPECT_EQ(label::text_at(5), "");
  EXPECT_EQ(label::text_at(static_cast<std::size_t>(-1)), "");
  (void)label("x");
  EXPECT_EQ(label::text_at(0), "x");
  EXPECT_EQ(label::text_at(1), "");
}

TEST(bounded_label, empty_string_is_a_value) {
  using label = test_label<struct empty_tag, 2>;
  EXPECT_EQ(label("").index(), 0u);
  EXPECT_EQ(label(std::string()).index(), 0u);
  EXPECT_EQ(label(std::string_view()).index(), 0u);
  EXPECT_EQ(label::known_count(), 1u);
  EXPECT_EQ(label::text_at(0), "");
  EXPECT_EQ(label("not empty").index(), 1u);
  EXPECT_EQ(label::overflow_count(), 0u);
}

TEST(bounded_label, null_pointer_at_run_time_folds_without_being_read) {
  using label = test_label<struct null_pointer_tag, 2>;
  const char* volatile missing = nullptr;  // known only at run time
  EXPECT_EQ(label(missing).index(), label::max_values);
  EXPECT_EQ(label::overflow_count(), 1u);
  EXPECT_EQ(label::known_count(), 0u);
  EXPECT_EQ(label("a").index(), 0u);
}

TEST(bounded_label, values_compare_by_content_and_are_copied) {
  using label = test_label<struct copy_tag, 4>;
  std::string buffer = "model-a";
  EXPECT_EQ(label(buffer).index(), 0u);
  buffer[6] = 'b';  // the label kept its own copy
  EXPECT_EQ(label::text_at(0), "model-a");
  EXPECT_EQ(label(buffer).index(), 1u);
  const std::string_view with_tab = "a\tb";
  EXPECT_EQ(label(with_tab).index(), 2u);
  EXPECT_EQ(label(with_tab.substr(0, 1)).index(), 3u);  // "a": a different value
  EXPECT_EQ(label::text_at(2), with_tab);
  EXPECT_EQ(label("Model-a").index(), 4u);  // case-sensitive: a new value, past the budget
}

TEST(bounded_label, resolving_known_or_folded_values_does_not_allocate) {
  if (!counting_allocations) GTEST_SKIP() << "operator new belongs to the sanitizer";
  using label = test_label<struct allocation_tag, 2>;
  const std::string known = "a-rather-long-value-that-a-small-string-would-not-hold";
  (void)label(known);
  (void)label("second");
  const std::size_t before = allocations_on_this_thread;
  for (int i = 0; i < 1000; ++i) {
    (void)label(known);
    (void)label("second");
    (void)label("folded");
  }
  EXPECT_EQ(allocations_on_this_thread, before);
  EXPECT_EQ(label::overflow_count(), 1000u);
}

TEST(bounded_label, many_values_through_a_small_table) {
  // 32 values in a 64-slot table, then 1000 more that must all fold: probing sequences wrap
  // around and collide.
  using label = test_label<struct many_tag, 32>;
  for (std::size_t i = 0; i < 32; ++i) {
    ASSERT_EQ(label(numbered("v", i)).index(), i);
  }
  for (std::size_t i = 32; i < 1032; ++i) {
    ASSERT_EQ(label(numbered("v", i)).index(), 32u);
  }
  for (std::size_t i = 0; i < 32; ++i) {
    ASSERT_EQ(label(numbered("v", i)).index(), i);
    ASSERT_EQ(label::text_at(i), numbered("v", i));
  }
  EXPECT_EQ(label::overflow_count(), 1000u);

  using single = test_label<struct single_tag, 1>;
  EXPECT_EQ(single("only").index(), 0u);
  for (std::size_t i = 0; i < 100; ++i) EXPECT_EQ(single(numbered("x", i)).index(), 1u);
  EXPECT_EQ(single("only").index(), 0u);
  EXPECT_EQ(single::known_count(), 1u);
}

constexpr int thread_count = 16;

TEST(bounded_label, concurrent_first_use_of_one_value_gets_one_index) {
  constexpr std::size_t rounds = 64;
  using label = test_label<struct same_value_tag, rounds>;
  for (std::size_t round = 0; round < rounds; ++round) {
    const std::string value = numbered("fresh-", round);
    std::vector<std::size_t> indexes(thread_count);
    std::latch start(thread_count);
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        indexes[t] = label(value).index();
      });
    }
    for (auto& thread : threads) thread.join();
    for (const std::size_t index : indexes) ASSERT_EQ(index, round) << "round " << round;
    ASSERT_EQ(label::known_count(), round + 1);
    ASSERT_EQ(label::text_at(round), value);
  }
  EXPECT_EQ(label::overflow_count(), 0u);
}

// Every thread resolves every value (in its own order, twice) while a reader checks what the
// exposition would see. Returns each thread's (value, index) results.
template <class Label>
std::vector<std::vector<std::size_t> > resolve_concurrently(std::size_t value_count,
                                                            bool same_order,
                                                            std::atomic<int>& reader_errors) {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < value_count; ++i) values.push_back(numbered("value-", i));
  std::vector<std::vector<std::size_t> > results(thread_count,
                                                 std::vector<std::size_t>(value_count));
  std::atomic<bool> done{false};
  std::thread reader([&] {
    while (!done.load()) {
      const std::size_t known = Label::known_count();
      if (known > Label::max_values) reader_errors.fetch_add(1);
      for (std::size_t i = 0; i < known; ++i) {
        if (!Label::text_at(i).starts_with("value-")) reader_errors.fetch_add(1);
      }
      if (Label::text_at(Label::max_values) != "__overflow__") reader_errors.fetch_add(1);
    }
  });
  std::latch start(thread_count);
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t k = 0; k < value_count; ++k) {
          // Threads walk the values in one order (all contend for the same value, also for the
          // last index) or from different starting points and directions.
          const std::size_t offset = static_cast<std::size_t>(t) * 7;
          const std::size_t i = same_order ? k
                                : t % 2    ? (k + offset) % value_count
                                           : (value_count - 1 - k + offset) % value_count;
          const std::size_t index = Label(values[i]).index();
          if (pass == 1 && results[t][i] != index) reader_errors.fetch_add(1);
          results[t][i] = index;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  done.store(true);
  reader.join();
  return results;
}

template <class Label>
void expect_exactly_the_budget_assigned(std::size_t value_count, bool same_order = false) {
  std::atomic<int> reader_errors{0};
  const auto results = resolve_concurrently<Label>(value_count, same_order, reader_errors);
  EXPECT_EQ(reader_errors.load(), 0);
  constexpr std::size_t budget = Label::max_values;
  ASSERT_EQ(Label::known_count(), budget);

  // A value has one index in every thread.
  for (int t = 1; t < thread_count; ++t) {
    for (std::size_t i = 0; i < value_count; ++i) {
      ASSERT_EQ(results[t][i], results[0][i]) << "value-" << i << " in thread " << t;
    }
  }
  // Exactly `budget` values have their own index, each a different one; all others folded.
  std::set<std::size_t> own_indexes;
  std::size_t folded_values = 0;
  for (std::size_t i = 0; i < value_count; ++i) {
    const std::size_t index = results[0][i];
    ASSERT_LE(index, budget);
    if (index == budget) {
      ++folded_values;
      continue;
    }
    EXPECT_TRUE(own_indexes.insert(index).second) << "index " << index << " given twice";
    EXPECT_EQ(Label::text_at(index), numbered("value-", i));
  }
  EXPECT_EQ(own_indexes.size(), budget);
  EXPECT_EQ(folded_values, value_count - budget);
  // Every resolution of a folded value was counted: two passes in every thread.
  EXPECT_EQ(Label::overflow_count(), folded_values * 2 * thread_count);
}

TEST(bounded_label, concurrent_distinct_values_take_exactly_the_budget) {
  expect_exactly_the_budget_assigned<test_label<struct distinct_tag, 8> >(200);
}

TEST(bounded_label, concurrent_distinct_values_with_a_budget_of_one) {
  expect_exactly_the_budget_assigned<test_label<struct budget_one_tag, 1> >(16);
}

// The last index is the contested one: many rounds, each with a fresh label type, with all
// threads resolving the same value at the same time or spread over the values.
template <bool SameOrder>
struct round_tag {};

template <bool SameOrder, std::size_t... Round>
void values_just_over_the_budget(std::index_sequence<Round...>) {
  (expect_exactly_the_budget_assigned<test_label<
       std::pair<round_tag<SameOrder>, std::integral_constant<std::size_t, Round> >, 4> >(
       5, SameOrder),
   ...);
}

TEST(bounded_label, concurrent_values_just_over_the_budget) {
  values_just_over_the_budget<false>(std::make_index_sequence<32>{});
}

TEST(bounded_label, concurrent_same_values_just_over_the_budget) {
  values_just_over_the_budget<true>(std::make_index_sequence<32>{});
}

#endif  // SCHEMETRIC_ENABLED

}  // namespace

// A value no scrape could carry as given folds into the overflow and is counted; it is neither
// stored nor given an index.
TEST(bounded_label, unfit_values_fold_into_the_overflow) {
  using namespace std::string_literals;
  using label = test_label<struct unfit_tag, 8>;
  for (const std::string& value :
       {"bad\xff"s, "nul\0"s, "cr\r"s, "\xc0\xaf"s, "\xed\xa0\x80"s, "\xe2\x82"s,
        std::string(schemetric::max_label_value_bytes + 1, 'y')}) {
    EXPECT_EQ(label(value).index(), label::max_values);
  }
  EXPECT_EQ(label::overflow_count(), 7u);
  EXPECT_EQ(label::known_count(), 0u);
  EXPECT_EQ(label("tab\tand\nline feed \xe2\x82\xac").index(), 0u);
  EXPECT_EQ(label(std::string(schemetric::max_label_value_bytes, 'y')).index(), 1u);
}
