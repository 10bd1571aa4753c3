// With link_test_2.cpp: the library and a generated header included in two translation
// units link into one program (no ODR violation, no duplicate symbol) and share state.
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

shop::registry& shared_registry() {
  static shop::registry registry;
  return registry;
}

void count_in_first_unit() {
  shared_registry()
      .requests_total({.method = shop::method::get, .status = shop::status::_200})
      .inc();
}
