// A job processor counting and timing its jobs, the code whose metrics the check prices.
#include "minimal_metrics.hpp"

namespace jobs {

int checksum = 0;  // the job's own work, the same with metrics on and off

void process_one() {
  static minimal::registry metrics;
  checksum = checksum * 31 + 7;
  metrics.jobs_processed_total({.queue = minimal::queue::default_}).inc();
  metrics.job_duration_seconds().observe(0.004);
}

}  // namespace jobs
