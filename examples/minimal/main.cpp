// The smallest real schemetric program: count and time jobs, then print the exposition.
#include <cstdio>
#include <string>

#include <schemetric/schemetric.hpp>

#include "minimal_metrics.hpp"  // generated from metrics.yaml by schemetric_generate()

int main() {
  static minimal::registry metrics;  // large and not movable: give it static storage

  for (double seconds : {0.004, 0.02, 0.3}) {
    metrics.jobs_processed_total({.queue = minimal::queue::default_}).inc();
    metrics.job_duration_seconds().observe(seconds);
  }

  std::string exposition;
  schemetric::text_writer(metrics).write(exposition);
  std::fputs(exposition.c_str(), stdout);
}
