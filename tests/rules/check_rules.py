#!/usr/bin/env python3
"""Checks a generated rules file and its generated promtool tests with the real promtool.

    check_rules.py PROMTOOL RULES_FILE TESTS_FILE [--mutations]

1. `promtool check rules --lint-fatal` accepts the rules file;
2. the conventions mixtool's lint enforces hold: CamelCase alert names, a `severity` of
   critical, warning or info, a `summary` without templates, a `description` with them, a
   `runbook_url`, at most 20 rules per group, recording names of the form level:metric:operations;
3. `promtool test rules` passes on the tests file;
4. with --mutations: each threshold, window and label matcher the alerts depend on, changed in a
   copy of the rules file, makes promtool's tests of those alerts fail (the generated tests guard
   what they test).

Exit status 0 when everything holds, 1 otherwise (each problem printed); 77 (skipped) when
promtool is missing, unless SCHEMETRIC_REQUIRE_ALL_TESTS or CI is set.
"""
import concurrent.futures
import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:  # Debian: python3-yaml
    print("check_rules.py needs the yaml module (Debian package python3-yaml)")
    sys.exit(1)

SEVERITIES = {"critical", "warning", "info"}
CAMEL_CASE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
RECORD_NAME = re.compile(r"^[a-z_][a-z0-9_]*:[a-zA-Z0-9_]+:[a-z0-9_]+$")
WINDOW = re.compile(r"\[(\d+)([smhd])\]")
EQUAL_MATCHER = re.compile(r'([a-z_][a-z0-9_]*)="([^"\\]*)"')
COMPARISON = re.compile(r"([<>]) (\d+(?:\.\d+)?(?:e[-+]?\d+)?)( \* [0-9.e+-]+)?")


def run(command):
    return subprocess.run(command, capture_output=True, text=True)


def lint(rules):
    """Problems with the conventions of mixtool's lint."""
    problems = []
    for group in rules["groups"]:
        if len(group["rules"]) > 20:
            problems.append(f"group {group['name']} has {len(group['rules'])} rules (at most 20)")
        for rule in group["rules"]:
            if "record" in rule:
                if not RECORD_NAME.match(rule["record"]):
                    problems.append(f"recording {rule['record']} is not level:metric:operations")
                continue
            name = rule["alert"]
            annotations = rule.get("annotations", {})
            if not CAMEL_CASE.match(name):
                problems.append(f"alert {name} is not CamelCase")
            if rule.get("labels", {}).get("severity") not in SEVERITIES:
                problems.append(f"alert {name} has no severity of {sorted(SEVERITIES)}")
            if "{{" in annotations.get("summary", "{{"):
                problems.append(f"alert {name} has no summary, or one with a template")
            if "{{" not in annotations.get("description", ""):
                problems.append(f"alert {name} has no description with a template")
            if not annotations.get("runbook_url"):
                problems.append(f"alert {name} has no runbook_url")
    return problems


def duration_seconds(text):
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31536000}
    return sum(int(n) * units[u] for n, u in re.findall(r"(\d+)(ms|[smhdwy])", text))


def guarding_cases(tests, alerts, record):
    """The test groups that would notice a change of `record` (None: of an alert itself): those
    checking its value if there are any, else those expecting one of `alerts` to fire."""
    checking = [group for group in tests["tests"] if record is not None and any(
        re.search(rf"\b{re.escape(record)}\b", check["expr"])
        for check in group.get("promql_expr_test", []))]
    if checking:
        return checking
    return [group for group in tests["tests"]
            if any(check["alertname"] in alerts and check["exp_alerts"]
                   for check in group.get("alert_rule_test", []))]


def groups_needed(rules, cases):
    """The rule groups that `cases` read, directly or through recordings: promtool evaluates every
    group at every step, so that a mutant runs faster without the others."""
    names = {check["alertname"] for case in cases for check in case.get("alert_rule_test", [])}
    names |= {name for case in cases for check in case.get("promql_expr_test", [])
              for name in re.findall(r"[a-z_][a-z0-9_]*:[a-zA-Z0-9_:]+", check["expr"])}
    rules_by_name = {}
    for group in rules["groups"]:
        for rule in group["rules"]:
            rules_by_name.setdefault(rule.get("record") or rule["alert"], []).append(
                (group["name"], rule))
    needed_groups, pending = set(), list(names)
    while pending:
        for group_name, rule in rules_by_name.get(pending.pop(), []):
            needed_groups.add(group_name)
            for record in re.findall(r"[a-z_][a-z0-9_]*:[a-zA-Z0-9_:]+", rule["expr"]):
                if record not in names:
                    names.add(record)
                    pending.append(record)
    return needed_groups


def span_seconds(cases):
    """The longest time the cases cover."""
    times = [duration_seconds(check["eval_time"]) for case in cases
             for check in case.get("alert_rule_test", []) + case.get("promql_expr_test", [])]
    return max(times, default=0)


def promtool_test(promtool, rules, tests, cases, directory, name):
    """Whether promtool's tests `cases` pass on `rules`."""
    needed = groups_needed(rules, cases)
    rules = {"groups": [group for group in rules["groups"] if group["name"] in needed]}
    selected = copy.deepcopy(tests)
    selected["tests"] = cases
    selected["group_eval_order"] = [group["name"] for group in rules["groups"]]
    subdirectory = os.path.join(directory, name)
    os.makedirs(subdirectory, exist_ok=True)
    rules_path = os.path.join(subdirectory, tests["rule_files"][0])
    tests_path = os.path.join(subdirectory, "mutant.test.yml")
    with open(rules_path, "w") as out:
        yaml.safe_dump(rules, out, sort_keys=False)
    with open(tests_path, "w") as out:
        yaml.safe_dump(selected, out, sort_keys=False)
    return run([promtool, "test", "rules", tests_path]).returncode == 0


def alerts_reading(rules, record):
    """The alert names whose expression reads `record`, directly or through other recordings."""
    readers, names = set(), {record}
    changed = True
    while changed:
        changed = False
        for group in rules["groups"]:
            for rule in group["rules"]:
                if not any(re.search(rf"\b{re.escape(n)}\b", rule["expr"]) for n in names):
                    continue
                key = rule.get("record") or rule["alert"]
                if "record" in rule and key not in names:
                    names.add(key)
                    changed = True
                elif "alert" in rule:
                    readers.add(key)
    return readers


def mutants(rules):
    """(description, alert names, mutated record or None, mutated rules): one per threshold,
    window and matcher the alerts depend on."""
    seen_alerts = set()
    for g, group in enumerate(rules["groups"]):
        for r, rule in enumerate(group["rules"]):
            expr = rule["expr"]
            if "alert" in rule:
                found = list(COMPARISON.finditer(expr))
                if not found or (rule["alert"], rule.get("labels", {}).get("long_window")) in seen_alerts:
                    continue
                seen_alerts.add((rule["alert"], rule.get("labels", {}).get("long_window")))
                # Move the threshold away from the side that fires, far enough to stay quiet.
                match = found[-1]
                value = float(match.group(2))
                factor = 2.0 if match.group(1) == ">" else 0.5
                if value == 0:
                    continue
                mutated = copy.deepcopy(rules)
                new = f"{match.group(1)} {value * factor:g}{match.group(3) or ''}"
                mutated["groups"][g]["rules"][r]["expr"] = expr[:match.start()] + new + expr[match.end():]
                yield (f"threshold of {rule['alert']} {match.group(0)!r} -> {new!r}",
                       {rule["alert"]}, None, mutated)
                continue
            readers = alerts_reading(rules, rule["record"])
            if not readers:
                continue
            window = WINDOW.search(expr)
            if window:
                amount, unit = int(window.group(1)), window.group(2)
                mutated = copy.deepcopy(rules)
                mutated["groups"][g]["rules"][r]["expr"] = (
                    expr[:window.start()] + f"[{amount * 2}{unit}]" + expr[window.end():])
                yield (f"window of {rule['record']} {window.group(0)} -> [{amount * 2}{unit}]",
                       readers, rule["record"], mutated)
            for matcher in EQUAL_MATCHER.finditer(expr):
                if matcher.group(1) in ("job", "quantile", "le"):
                    continue
                mutated = copy.deepcopy(rules)
                mutated["groups"][g]["rules"][r]["expr"] = (
                    expr[:matcher.start()] + f'{matcher.group(1)}="{matcher.group(2)}_changed"' +
                    expr[matcher.end():])
                yield (f"matcher of {rule['record']} {matcher.group(0)}", readers, rule["record"],
                       mutated)
                break


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    promtool, rules_path, tests_path = sys.argv[1:4]
    with_mutations = "--mutations" in sys.argv[4:]
    if shutil.which(promtool) is None:
        # Debian: prometheus. Skipped on a developer's machine, a failure where every test must
        # run (.ci/run sets SCHEMETRIC_REQUIRE_ALL_TESTS).
        print(f"promtool not found ({promtool}); install Debian's prometheus package")
        return 1 if os.environ.get("SCHEMETRIC_REQUIRE_ALL_TESTS") or os.environ.get("CI") else 77
    problems = []

    checked = run([promtool, "check", "rules", "--lint-fatal", rules_path])
    if checked.returncode != 0:
        problems.append("promtool check rules:\n" + checked.stdout + checked.stderr)
    with open(rules_path) as file:
        rules = yaml.safe_load(file)
    with open(tests_path) as file:
        tests = yaml.safe_load(file)
    problems += lint(rules)
    tested = run([promtool, "test", "rules", tests_path])
    if tested.returncode != 0:
        problems.append("promtool test rules:\n" + tested.stdout + tested.stderr)

    if with_mutations and not problems:
        killed = 0
        jobs = []
        for number, (description, alerts, record, mutated) in enumerate(mutants(rules)):
            cases = guarding_cases(tests, alerts, record)
            window = WINDOW.search(description)
            if not cases:
                continue
            # A window longer than the tests' data cannot be told from a longer one.
            if record is not None and window and description.startswith("window") and \
                    duration_seconds(window.group(0)[1:-1]) >= span_seconds(cases):
                continue
            jobs.append((description, alerts, mutated, cases, f"mutant{number}"))
        with tempfile.TemporaryDirectory() as directory:
            with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
                results = pool.map(
                    lambda job: (job, promtool_test(promtool, job[2], tests, job[3], directory,
                                                    job[4])), jobs)
                for (description, alerts, _, _, _), passed in results:
                    if passed:
                        problems.append(f"mutant survived: {description} (tests of {sorted(alerts)})")
                    else:
                        killed += 1
        if killed == 0:
            problems.append("no mutant was tried: the rules have no threshold, window or matcher")
        print(f"{killed} of {len(jobs)} mutants of the rules made their tests fail")

    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
