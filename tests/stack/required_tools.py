"""The programs and Python modules a stack test needs. When one is missing the test is skipped
(exit status 77, CTest's SKIP_RETURN_CODE) on a developer's machine, and fails where every test
must run: when SCHEMETRIC_REQUIRE_ALL_TESTS or CI is set in the environment."""
import importlib.util
import os
import shutil
import sys


def exit_unless_installed(programs, modules=("yaml",)):
    """Returns when every program is on PATH and every module importable; else says which are
    missing and exits."""
    missing = [p for p in programs if shutil.which(p) is None]
    missing += [f"the Python module {m}" for m in modules if importlib.util.find_spec(m) is None]
    if not missing:
        return
    what = ", ".join(missing)
    hint = "install the Debian packages of the Makefile's PACKAGES (make deps)"
    if os.environ.get("SCHEMETRIC_REQUIRE_ALL_TESTS") or os.environ.get("CI"):
        print(f"error: missing {what}; {hint}")
        sys.exit(1)
    print(f"skipped: missing {what}; {hint}")
    sys.exit(77)
