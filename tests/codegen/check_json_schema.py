#!/usr/bin/env python3
"""Checks schema/schemetric.schema.json: it is a valid draft 2020-12 JSON Schema, it accepts the
repository's schemas and it rejects typical mistakes. When the jsonschema or yaml module is
missing (Debian: python3-jsonschema, python3-yaml) it exits 77, CTest's skip code, on a
developer's machine, and fails where every test must run: when SCHEMETRIC_REQUIRE_ALL_TESTS or
CI is set in the environment (.ci/run sets the first).

Usage: check_json_schema.py SCHEMA_DIR
"""
import json
import os
import sys
from pathlib import Path

try:
    import jsonschema
    import yaml
except ImportError as missing:
    if os.environ.get("SCHEMETRIC_REQUIRE_ALL_TESTS") or os.environ.get("CI"):
        print(f"error: {missing}; install python3-jsonschema and python3-yaml (make deps)")
        sys.exit(1)
    print(f"skipped: {missing} (install python3-jsonschema and python3-yaml)")
    sys.exit(77)


def main() -> int:
    schema_dir = Path(sys.argv[1])
    json_schema = json.loads((schema_dir / "schemetric.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(json_schema)
    validator = jsonschema.Draft202012Validator(json_schema)
    failures = 0

    for name in ("example.yaml", "minimal.yaml"):
        document = yaml.safe_load((schema_dir / name).read_text())
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        for error in errors:
            print(f"{name}: {'/'.join(map(str, error.path))}: {error.message}")
        failures += len(errors)
        if not errors:
            print(f"{name}: valid")

    base = "schemetric: 1\nname: svc\n"
    valid_metrics = "metrics:\n  up: {type: gauge, help: Up.}\n"

    # Valid uses of keys the repository's schemas do not show.
    accepted = {
        "status codes": base + "labels:\n  s: {kind: status, codes: [200, 404]}\n" + valid_metrics,
        "route with other": base
        + "labels:\n  r: {kind: route, routes: [/, '/a/{id}'], other: none}\n"
        + valid_metrics,
        "bounded with overflow": base
        + "labels:\n  b: {kind: bounded, max_values: 3, overflow: rest}\n"
        + valid_metrics,
        "minimum and maximum quantiles": base
        + "metrics:\n  a: {type: summary, help: A., quantiles: [0, 0.5, 1]}\n",
        "summary with every key": base
        + "metrics:\n  a_seconds: {type: summary, unit: seconds, help: A., quantiles: [0.5],"
        + " max_age_seconds: 0.5, age_buckets: 60}\n",
        "process metrics off": base + "process_metrics: false\n" + valid_metrics,
        "tracker with no labels": base
        + "metrics:\n  a_seconds: {type: histogram, help: A., buckets: [1]}\n"
        + "trackers:\n  t: {kind: mcp, duration: a_seconds, labels: []}\n",
    }
    for use, text in accepted.items():
        for error in validator.iter_errors(yaml.safe_load(text)):
            print(f"rejected ({use}): {error.message}")
            failures += 1
    rejected = {
        "wrong format version": "schemetric: 2\nname: svc\n" + valid_metrics,
        "missing metrics": base,
        "empty metrics": base + "metrics: {}\n",
        "unknown top-level key": base + "owner: me\n" + valid_metrics,
        "process metrics not a boolean": base + "process_metrics: 'yes'\n" + valid_metrics,
        "bad schema name": "schemetric: 1\nname: My-Svc\n" + valid_metrics,
        "unknown metric key": base + "metrics:\n  up: {type: gauge, help: Up., owner: me}\n",
        "missing help": base + "metrics:\n  up: {type: gauge}\n",
        "empty help": base + "metrics:\n  up: {type: gauge, help: ''}\n",
        "unknown type": base + "metrics:\n  up: {type: timer, help: Up.}\n",
        "histogram without buckets": base + "metrics:\n  a_seconds: {type: histogram, help: A.}\n",
        "buckets on a gauge": base + "metrics:\n  a: {type: gauge, help: A., buckets: [1]}\n",
        "value on a histogram": base
        + "metrics:\n  a: {type: histogram, help: A., buckets: [1], value: float}\n",
        "integer callback gauge": base
        + "metrics:\n  a: {type: gauge, help: A., callback: true, value: integer}\n",
        "stateset without states": base + "metrics:\n  a: {type: stateset, help: A.}\n",
        "unit on an info": base + "metrics:\n  a_info: {type: info, help: A., unit: seconds}\n",
        "non-base unit": base + "metrics:\n  a_ms: {type: gauge, help: A., unit: ms}\n",
        "reserved suffix": base + "metrics:\n  a_count: {type: gauge, help: A.}\n",
        "bucket not a number": base
        + "metrics:\n  a: {type: histogram, help: A., buckets: [a]}\n",
        "label without values": base + "labels:\n  m: {help: M.}\n" + valid_metrics,
        "values on a text label": base
        + "labels:\n  m: {kind: text, values: [a]}\n"
        + valid_metrics,
        "duplicate label values": base + "labels:\n  m: {values: [a, a]}\n" + valid_metrics,
        "reserved label name": base + "labels:\n  le: {values: [a]}\n" + valid_metrics,
        "duplicate label reference": base
        + "labels:\n  m: {values: [a]}\n"
        + "metrics:\n  up: {type: gauge, help: Up., labels: [m, m]}\n",
        # label kinds
        "unknown label kind": base + "labels:\n  m: {kind: free}\n" + valid_metrics,
        "routes on an enum label": base
        + "labels:\n  m: {values: [a], routes: [/a]}\n"
        + valid_metrics,
        "values on a route label": base
        + "labels:\n  r: {kind: route, routes: [/a], values: [a]}\n"
        + valid_metrics,
        "route label without routes": base + "labels:\n  r: {kind: route}\n" + valid_metrics,
        "route template without a slash": base
        + "labels:\n  r: {kind: route, routes: [api]}\n"
        + valid_metrics,
        "route template with a query": base
        + "labels:\n  r: {kind: route, routes: ['/a?b']}\n"
        + valid_metrics,
        "route template with an empty segment": base
        + "labels:\n  r: {kind: route, routes: [/a//b]}\n"
        + valid_metrics,
        "route template with a malformed parameter": base
        + "labels:\n  r: {kind: route, routes: ['/f/{name}.json']}\n"
        + valid_metrics,
        "empty other": base
        + "labels:\n  r: {kind: route, routes: [/a], other: ''}\n"
        + valid_metrics,
        "status code out of range": base
        + "labels:\n  s: {kind: status, codes: [600]}\n"
        + valid_metrics,
        "empty status codes": base + "labels:\n  s: {kind: status, codes: []}\n" + valid_metrics,
        "bounded label without max_values": base
        + "labels:\n  b: {kind: bounded}\n"
        + valid_metrics,
        "max_values zero": base + "labels:\n  b: {kind: bounded, max_values: 0}\n" + valid_metrics,
        "values on a bounded label": base
        + "labels:\n  b: {kind: bounded, max_values: 2, values: [a]}\n"
        + valid_metrics,
        # new metric keys
        "summary without quantiles": base + "metrics:\n  a: {type: summary, help: A.}\n",
        "quantile above 1": base
        + "metrics:\n  a: {type: summary, help: A., quantiles: [0.5, 1.5]}\n",
        "age_buckets zero": base
        + "metrics:\n  a: {type: summary, help: A., quantiles: [0.5], age_buckets: 0}\n",
        "max_age_seconds zero": base
        + "metrics:\n  a: {type: summary, help: A., quantiles: [0.5], max_age_seconds: 0}\n",
        "quantiles on a histogram": base
        + "metrics:\n  a: {type: histogram, help: A., buckets: [1], quantiles: [0.5]}\n",
        "callback on a counter": base
        + "metrics:\n  a_total: {type: counter, help: A., callback: true}\n",
        "health on a gauge": base + "metrics:\n  a: {type: gauge, help: A., health: true}\n",
        "health stateset without unhealthy": base
        + "metrics:\n  a: {type: stateset, help: A., health: true, states: [healthy, degraded]}\n",
        "from_build on a gauge": base
        + "metrics:\n  a: {type: gauge, help: A., from_build: true}\n",
        "from_build with another label": base
        + "labels:\n  host: {kind: text}\n"
        + "metrics:\n  b_info: {type: info, help: B., from_build: true, labels: [host]}\n",
        "max_series zero": base + "max_series: 0\n" + valid_metrics,
        # trackers
        "tracker without duration": base + valid_metrics + "trackers:\n  t: {kind: http}\n",
        "tracker of an unknown kind": base
        + valid_metrics
        + "trackers:\n  t: {kind: grpc, duration: up}\n",
        "unknown tracker key": base
        + valid_metrics
        + "trackers:\n  t: {kind: http, duration: up, owner: me}\n",
        "bad tracker name": base + valid_metrics + "trackers:\n  T-1: {kind: http, duration: up}\n",
        "request_size on a db tracker": base
        + valid_metrics
        + "trackers:\n  t: {kind: db, duration: up, request_size: up}\n",
        "tokens on an http tracker": base
        + valid_metrics
        + "trackers:\n  t: {kind: http, duration: up, tokens: up, token_label: m}\n",
        "count without outcome_label": base
        + valid_metrics
        + "trackers:\n  t: {kind: http, duration: up, count: up}\n",
        "errors without error_label": base
        + valid_metrics
        + "trackers:\n  t: {kind: db, duration: up, errors: up}\n",
    }
    for mistake, text in rejected.items():
        if validator.is_valid(yaml.safe_load(text)):
            print(f"not rejected: {mistake}")
            failures += 1
    print(f"{len(rejected)} invalid documents checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
