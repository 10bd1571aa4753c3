// Must not compile: a fractional increment of an integer counter.
// expect: (no matching function for call to .*counter<shop::metrics::requests_total>::inc\(double\)|no matching member function for call to 'inc')
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200}).inc(0.5);
}
