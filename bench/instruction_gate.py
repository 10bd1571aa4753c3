#!/usr/bin/python3
"""Counts instructions per operation with valgrind --tool=callgrind (deterministic on a
shared, noisy machine) and fails when an operation is over its budget.

Usage: instruction_gate.py --budget instruction_budget.json [--side-by-side] PATH/TO/instruction_count

The budget file lists, per operation, the most instructions schemetric may take (`max_ours`)
and the most it may take relative to prometheus-cpp (`max_ratio`, ours / theirs), checked
with --side-by-side (the program was built with prometheus-cpp). Figures are per call, the
cost of the loop around the operation subtracted, except for `per_call: false` (one scrape).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile


def inclusive_costs(program, iterations):
    """Inclusive instruction counts of every function of `program`, by name."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", program,
                        str(iterations)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                                check=True, capture_output=True, text=True).stdout
    costs = {}
    for line in report.splitlines():
        match = re.match(r"^\s*([\d,]+)\s+(?:\([^)]*\)\s+)?\S*:(\w+)\b", line)
        if match and match.group(2) not in costs:
            costs[match.group(2)] = int(match.group(1).replace(",", ""))
    return costs


def count(program, budget, side_by_side):
    """{operation: {"ours": Ir, "theirs": Ir or None}} for every operation of the budget."""
    iterations = budget["iterations"]
    costs = inclusive_costs(program, iterations)
    if "loop_baseline" not in costs:
        raise RuntimeError("loop_baseline not found in the callgrind report: "
                           "was the program built with symbols?")
    baseline = costs["loop_baseline"] / iterations
    result = {}
    for operation in budget["operations"]:
        name = operation["name"]
        figures = {}
        for library in ("ours", "theirs") if side_by_side else ("ours",):
            function = f"{library}_{name}"
            if function not in costs:
                raise RuntimeError(f"{function} not found in the callgrind report")
            value = costs[function]
            if operation.get("per_call", True):
                value = value / iterations - baseline
            figures[library] = round(value, 1)
        figures.setdefault("theirs", None)
        result[name] = figures
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", required=True)
    parser.add_argument("--side-by-side", action="store_true")
    parser.add_argument("program")
    args = parser.parse_args()
    with open(args.budget, encoding="utf-8") as file:
        budget = json.load(file)
    figures = count(args.program, budget, args.side_by_side)

    failed = False
    print(f"{'operation':38} {'ours Ir':>10} {'max':>9} {'theirs Ir':>12} {'ours/theirs':>11} "
          f"{'max':>6}")
    for operation in budget["operations"]:
        name = operation["name"]
        ours, theirs = figures[name]["ours"], figures[name]["theirs"]
        problems = []
        if ours > operation["max_ours"]:
            problems.append(f"over {operation['max_ours']} Ir")
        ratio_text = theirs_text = ""
        if theirs is not None:
            ratio = ours / theirs
            theirs_text = f"{theirs:.1f}"
            ratio_text = f"{ratio:.3f}"
            if ratio > operation["max_ratio"]:
                problems.append(f"ratio over {operation['max_ratio']}")
        failed |= bool(problems)
        print(f"{name:38} {ours:10.1f} {operation['max_ours']:9} {theirs_text:>12} "
              f"{ratio_text:>11} {operation['max_ratio']:6} "
              f"{'OVER BUDGET: ' + ', '.join(problems) if problems else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
