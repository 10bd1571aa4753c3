// Must not compile: a value of another label's enum as the failure category.
// expect: tracker fail\(\): the category must be a value of the tracker's error label enum
#include "schemetric/schemetric.hpp"
#include "service_metrics.hpp"

void misuse(service::registry& reg) {
  auto query = reg.track_db_query({.operation = service::operation::select});
  query.fail(service::outcome::error);
}
