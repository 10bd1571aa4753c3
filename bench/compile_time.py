#!/usr/bin/python3
"""Compile time a recording translation unit adds: bench/compile_time/*.cpp compiled at -O2,
each REPETITIONS times, median CPU time (user + system, steadier than wall time on a shared
machine), and what schemetric and prometheus-cpp add over the plain handler.

Usage: compile_time.py [--compiler g++] [--repetitions 5] [--trace] BUILD_DIR
  BUILD_DIR: a build with SCHEMETRIC_BUILD_BENCHMARKS=ON (it generated example_metrics.hpp)
  --trace:   also compile schemetric.cpp with clang++ -ftime-trace and list where the time goes
"""
import argparse
import collections
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = {
    "plain": "plain.cpp",
    "schemetric": "schemetric.cpp",
    "prometheus-cpp": "prometheus_cpp.cpp",
}


def flags(build_dir):
    generated = os.path.join(build_dir, "bench", "schemetric_generated", "schemetric_compile_time")
    if not os.path.exists(os.path.join(generated, "example_metrics.hpp")):
        sys.exit(f"no example_metrics.hpp in {generated}: build the target schemetric_compile_time")
    return ["-std=c++20", "-O2", "-I", os.path.join(HERE, "..", "include"), "-I", generated]


def cpu_seconds(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(compiler, build_dir, repetitions):
    base = flags(build_dir)
    medians = {}
    for name, source in SOURCES.items():
        path = os.path.join(HERE, "compile_time", source)
        command = [compiler, *base, "-c", path, "-o", os.devnull]
        medians[name] = statistics.median(cpu_seconds(command) for _ in range(repetitions))
    return medians


def trace(build_dir):
    with tempfile.TemporaryDirectory() as tmp:
        output = os.path.join(tmp, "schemetric.o")
        subprocess.run(["clang++", *flags(build_dir), "-ftime-trace", "-ftime-trace-granularity=20",
                        "-c", os.path.join(HERE, "compile_time", "schemetric.cpp"), "-o", output],
                       check=True)
        with open(os.path.join(tmp, "schemetric.json"), encoding="utf-8") as file:
            events = [e for e in json.load(file)["traceEvents"] if e.get("ph") == "X"]
    totals = collections.Counter()
    for event in events:
        if event["name"].startswith("Total "):
            totals[event["name"][len("Total "):]] += event["dur"]
    print("\nclang++ -ftime-trace of schemetric.cpp, totals:")
    for name, micros in totals.most_common(8):
        print(f"  {micros / 1000:8.1f} ms  {name}")
    headers = sorted(((e["dur"], e.get("args", {}).get("detail", "")) for e in events
                      if e["name"] == "Source"), reverse=True)
    print("headers (inclusive):")
    for micros, header in headers[:12]:
        print(f"  {micros / 1000:8.1f} ms  {header}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", default="g++")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("build_dir")
    args = parser.parse_args()
    medians = measure(args.compiler, args.build_dir, args.repetitions)
    plain = medians["plain"]
    print(f"compile time at -O2 with {args.compiler}, median of {args.repetitions} "
          f"(CPU seconds; load average {os.getloadavg()[0]:.2f}):\n")
    print("| translation unit | time | added over plain |")
    print("|---|---|---|")
    for name, seconds in medians.items():
        added = "" if name == "plain" else f"+{seconds - plain:.2f} s"
        print(f"| {name} | {seconds:.2f} s | {added} |")
    if args.trace:
        trace(args.build_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
