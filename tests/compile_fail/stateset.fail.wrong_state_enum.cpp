// Must not compile: a state of another enum.
// expect: (cannot convert [^ ]*shop::method[^ ]* to|cannot initialize a parameter of type.*shop::health_state.* with an rvalue of type 'shop::method')
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.health({.method = shop::method::get}).set(shop::method::post);
}
