#!/usr/bin/python3
"""Parses schemetric's text and OpenMetrics expositions with python3-prometheus-client's
parsers (the OpenMetrics one is strict) and checks that every sample reads back with the
value written, and that there is no other sample.

Usage: check_exposition.py OUT_PREFIX   (reads OUT_PREFIX.prom, .openmetrics, .expected.json)
"""
import json
import math
import sys

from prometheus_client.openmetrics.parser import (
    text_string_to_metric_families as parse_openmetrics,
)
from prometheus_client.parser import text_string_to_metric_families as parse_text


def key(name, labels):
    normalized = {}
    for label, value in labels.items():
        if label in ("le", "quantile"):
            value = float("inf") if value == "+Inf" else float(value)
        normalized[label] = value
    return (name, tuple(sorted(normalized.items())))


def same(a, b, tolerance):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= max(tolerance, 1e-9) * max(abs(a), abs(b))


def check(format_name, families, expected):
    got = {}
    for family in families:
        for sample in family.samples:
            k = key(sample.name, sample.labels)
            if k in got:
                return [f"{format_name}: duplicate sample {k}"]
            got[k] = sample.value
    errors = []
    for k, value in expected.items():
        if k not in got:
            errors.append(f"{format_name}: missing sample {k}")
        elif not same(got[k], value[0], value[1]):
            errors.append(f"{format_name}: {k} read {got[k]}, wrote {value[0]}")
    for k in got.keys() - expected.keys():
        errors.append(f"{format_name}: unexpected sample {k}")
    return errors


def main():
    prefix = sys.argv[1]
    with open(prefix + ".expected.json", encoding="utf-8") as f:
        expected = {key(s["name"], s["labels"]): (float(s["value"]), s["tolerance"])
                    for s in json.load(f)}
    with open(prefix + ".prom", encoding="utf-8") as f:
        text = f.read()
    with open(prefix + ".openmetrics", encoding="utf-8") as f:
        openmetrics = f.read()
    errors = check("text 0.0.4", parse_text(text), expected)
    try:
        errors += check("OpenMetrics", parse_openmetrics(openmetrics), expected)
    except ValueError as error:  # the strict parser rejects the document
        errors.append(f"OpenMetrics: rejected: {error}")
    for error in errors[:50]:
        print(error)
    print(f"{len(expected)} samples expected, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
