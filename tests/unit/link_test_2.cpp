// With link_test_1.cpp: see there.
#include <string>

#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

shop::registry& shared_registry();
void count_in_first_unit();

int main() {
  count_in_first_unit();
  shared_registry()
      .requests_total({.method = shop::method::get, .status = shop::status::_200})
      .inc();
  std::string out;
  schemetric::text_writer(shared_registry()).write(out);
  return out.find("requests_total{method=\"GET\",status=\"200\"} 2\n") == std::string::npos;
}
