#!/usr/bin/env python3
"""Checks schema/schemetric.schema.json: it is a valid draft 2020-12 JSON Schema, it accepts the
repository's schemas and it rejects typical mistakes. Exits 77 (CTest's skip code) when the
jsonschema or yaml module is missing (Debian: python3-jsonschema, python3-yaml).

Usage: check_json_schema.py SCHEMA_DIR
"""
import json
import sys
from pathlib import Path

try:
    import jsonschema
    import yaml
except ImportError as missing:
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
    rejected = {
        "wrong format version": "schemetric: 2\nname: svc\n" + valid_metrics,
        "missing metrics": base,
        "empty metrics": base + "metrics: {}\n",
        "unknown top-level key": base + "owner: me\n" + valid_metrics,
        "bad schema name": "schemetric: 1\nname: My-Svc\n" + valid_metrics,
        "unknown metric key": base + "metrics:\n  up: {type: gauge, help: Up., owner: me}\n",
        "missing help": base + "metrics:\n  up: {type: gauge}\n",
        "empty help": base + "metrics:\n  up: {type: gauge, help: ''}\n",
        "unknown type": base + "metrics:\n  up: {type: summary, help: Up.}\n",
        "histogram without buckets": base + "metrics:\n  a_seconds: {type: histogram, help: A.}\n",
        "buckets on a gauge": base + "metrics:\n  a: {type: gauge, help: A., buckets: [1]}\n",
        "value on a gauge": base + "metrics:\n  a: {type: gauge, help: A., value: float}\n",
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
    }
    for mistake, text in rejected.items():
        if validator.is_valid(yaml.safe_load(text)):
            print(f"not rejected: {mistake}")
            failures += 1
    print(f"{len(rejected)} invalid documents checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
