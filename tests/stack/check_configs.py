#!/usr/bin/python3
"""The deployment files of examples/stack, filled in as stack.py fills them, checked by the tools
that read them: `promtool check config` (prometheus.yml, with the generated rules it loads),
`amtool check-config` (alertmanager.yml), and the Grafana provisioning files against the keys
Grafana's provisioning reads (Grafana itself is not packaged by Debian). The scrape job must be
the one the schema's rules select. Skipped (77) without promtool or amtool, unless
SCHEMETRIC_REQUIRE_ALL_TESTS or CI is set.

Usage: check_configs.py SCHEMA RULES DASHBOARD
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from required_tools import exit_unless_installed  # noqa: E402

exit_unless_installed(["promtool", "amtool"])
import yaml  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "examples", "stack"))
import stack as stack_module  # noqa: E402


def run(command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}{result.stderr}"
    return result.stdout


def main():
    schema, rules, dashboard = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as work:
        ports = {name: 10000 + i for i, name in enumerate(stack_module.PREFERRED_PORTS)}
        configs = stack_module.stack("unused", schema, rules, dashboard, work=work,
                                     ports=ports).write_configs()
        print(run(["promtool", "check", "config", configs["prometheus.yml"]]).strip())
        print(run(["amtool", "check-config", configs["alertmanager.yml"]]).strip())
        with open(configs["prometheus.yml"], encoding="utf-8") as f:
            prometheus = yaml.safe_load(f)
        job = stack_module.job_of(schema)
        with open(rules, encoding="utf-8") as f:
            rules_text = f.read()
        assert prometheus["scrape_configs"][0]["job_name"] == job
        assert f'job="{job}"' in rules_text, "the rules do not select the scrape job"
        assert prometheus["remote_write"][0]["url"].endswith("/api/v1/write")
        assert prometheus["global"]["external_labels"]
        with open(configs["alertmanager.yml"], encoding="utf-8") as f:
            alertmanager = yaml.safe_load(f)
        inhibit = alertmanager["inhibit_rules"][0]
        assert inhibit["source_matchers"] == ['severity="critical"'] and \
            inhibit["target_matchers"] == ['severity="warning"'] and "alertname" in inhibit["equal"]

        grafana = configs["grafana"]
        with open(os.path.join(grafana, "datasources/prometheus.yml"), encoding="utf-8") as f:
            datasources = yaml.safe_load(f)
        assert datasources["apiVersion"] == 1
        source = datasources["datasources"][0]
        assert source["type"] == "prometheus" and source["url"] == f"http://127.0.0.1:{ports['prometheus']}"
        with open(os.path.join(grafana, "dashboards/schemetric.yml"), encoding="utf-8") as f:
            providers = yaml.safe_load(f)
        provider = providers["providers"][0]
        assert providers["apiVersion"] == 1 and provider["type"] == "file"
        assert os.path.exists(os.path.join(provider["options"]["path"],
                                           os.path.basename(dashboard))), provider
    print("prometheus.yml, alertmanager.yml and the Grafana provisioning files hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
