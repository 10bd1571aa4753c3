// Must not compile: a fractional increment of an integer counter.
// expect: counter inc\(\): this counter counts integers \(schema `value: integer`, the default\): give it an unsigned integer, or declare `value: float` in the schema
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.requests_total({.method = shop::method::get, .status = shop::status::_200}).inc(0.5);
}
