// Must not compile: positional labels in another order than the schema's (positional labels
// are allowed; every label has its own type, so a swap is caught).
// expect: (no match for call to|no matching function for call to object of type).*counter_family< ?(::)?shop::metrics::requests_total>
#include "schemetric/schemetric.hpp"
#include "shop_metrics.hpp"

void misuse(shop::registry& reg) {
  reg.requests_total({shop::status::_200, shop::method::get}).inc();
}
