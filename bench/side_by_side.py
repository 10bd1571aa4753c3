#!/usr/bin/python3
"""Prints the side-by-side table of schemetric and prometheus-cpp: time per operation from one
Google Benchmark process with random interleaving (medians of the repetitions), and
instructions per operation from callgrind.

Usage: side_by_side.py [--repetitions N] [--min-time S] BUILD_DIR
  BUILD_DIR: a build with SCHEMETRIC_BUILD_BENCHMARKS=ON (e.g. build/bench)
"""
import argparse
import json
import os
import subprocess
import sys

import instruction_gate

# (benchmark, instruction count, row of the table)
ROWS = [
    ("counter_inc_cached", "counter_inc_cached", "counter inc, handle kept"),
    ("counter_inc_two_labels_per_call", "counter_inc_two_labels_per_call",
     "counter inc, 2 labels per call"),
    ("histogram_observe_cached", "histogram_observe_cached",
     "histogram observe, 11 buckets, handle kept"),
    ("histogram_observe_two_labels_per_call", "histogram_observe_two_labels_per_call",
     "histogram observe, 2 labels per call"),
    ("counter_inc_same_series_two_threads/real_time/threads:2", None,
     "one counter from 2 threads, wall time per op (both together)"),
    ("scrape_1000_counter_series", "scrape_counters", "scrape 1,000 counter series"),
    ("scrape_1000_histogram_series", "scrape_histograms", "scrape 1,000 histogram series"),
    ("tracker_http", "tracker_http",
     "request tracker, http: clock, duration, count by status, in-progress"),
    ("tracker_db", "tracker_db", "tracker, db: clock, duration"),
    ("tracker_cache", "tracker_cache", "tracker, cache: clock, duration, count by hit"),
    ("tracker_ai", "tracker_ai", "tracker, ai: clock, duration, count by outcome"),
    ("tracker_integration", "tracker_integration",
     "tracker, integration: clock, duration, count by outcome"),
    ("tracker_mcp", "tracker_mcp", "tracker, mcp: clock, duration, count by outcome"),
]
LIBRARIES = ("schemetric", "prometheus-cpp")


def run_benchmarks(program, repetitions, min_time):
    """{(benchmark, library): median ns} from one process with random interleaving."""
    output = subprocess.run(
        [program, "--benchmark_enable_random_interleaving=true",
         f"--benchmark_repetitions={repetitions}", f"--benchmark_min_time={min_time}",
         "--benchmark_report_aggregates_only=true", "--benchmark_format=json"],
        check=True, capture_output=True, text=True).stdout
    medians = {}
    for entry in json.loads(output)["benchmarks"]:
        if entry.get("aggregate_name") != "median":
            continue
        name = entry["run_name"]
        factor = {"ns": 1, "us": 1e3, "ms": 1e6}[entry["time_unit"]]
        time = entry["real_time"] * factor
        for library in LIBRARIES:
            operation, separator, rest = name.partition(f"/{library}")
            if separator:
                medians[(operation + rest, library)] = time
        if name == "two_steady_clock_reads":
            medians[(name, "schemetric")] = time
    return medians


def human_time(ns):
    if ns is None:
        return "—"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.1f} ns"


def human_ir(ir):
    if ir is None:
        return ""
    if ir >= 1e5:
        return f", {ir / 1e6:.2f} M Ir"
    return f", {ir:,.0f} Ir"


def ratio(theirs, ours):
    return f"{theirs / ours:.1f}×" if theirs and ours else "—"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=10)
    parser.add_argument("--min-time", type=float, default=0.2)
    parser.add_argument("build_dir")
    args = parser.parse_args()
    bench_dir = os.path.join(args.build_dir, "bench")
    times = run_benchmarks(os.path.join(bench_dir, "schemetric_bench"), args.repetitions,
                           args.min_time)
    side_by_side = any(library == "prometheus-cpp" for _, library in times)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "instruction_budget.json"), encoding="utf-8") as file:
        budget = json.load(file)
    counts = instruction_gate.count(os.path.join(bench_dir, "schemetric_instruction_count"),
                                    budget, side_by_side)

    print(f"load average: {os.getloadavg()[0]:.2f} (1 min)\n")
    print("| operation | schemetric | prometheus-cpp | ratio (time) | ratio (Ir) |")
    print("|---|---|---|---|---|")
    for benchmark, counted, row in ROWS:
        ours_ns = times.get((benchmark, "schemetric"))
        theirs_ns = times.get((benchmark, "prometheus-cpp"))
        ours_ir = counts[counted]["ours"] if counted else None
        theirs_ir = counts[counted]["theirs"] if counted else None
        print(f"| {row} | {human_time(ours_ns)}{human_ir(ours_ir)} | "
              f"{human_time(theirs_ns)}{human_ir(theirs_ir)} | {ratio(theirs_ns, ours_ns)} | "
              f"{ratio(theirs_ir, ours_ir)} |")
    floor = times.get(("two_steady_clock_reads", "schemetric"))
    print(f"\ntwo std::chrono::steady_clock::now() (prometheus-cpp's tracker floor): "
          f"{human_time(floor)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
