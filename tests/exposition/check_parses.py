#!/usr/bin/python3
"""Parses OUT_PREFIX.prom with python3-prometheus-client's text parser and
OUT_PREFIX.openmetrics with its strict OpenMetrics parser; fails if either rejects the text.

Usage: check_parses.py OUT_PREFIX
"""
import sys

from prometheus_client.openmetrics.parser import (
    text_string_to_metric_families as parse_openmetrics,
)
from prometheus_client.parser import text_string_to_metric_families as parse_text


def main():
    prefix = sys.argv[1]
    for suffix, parse in ((".prom", parse_text), (".openmetrics", parse_openmetrics)):
        with open(prefix + suffix, encoding="utf-8") as file:
            families = list(parse(file.read()))
        samples = sum(len(family.samples) for family in families)
        print(f"{prefix}{suffix}: {len(families)} families, {samples} samples")
        if samples == 0:
            sys.exit(f"{prefix}{suffix}: no samples")


if __name__ == "__main__":
    main()
