#!/usr/bin/env python3
"""Lists what a translation unit that includes the library (with the exporter) declares at
global scope and as lowercase macros: the names a schema's namespace, labels, metrics and
trackers must not take (codegen/src/emit/cpp/reserved_names.cpp holds the result).

The lists depend on the C library and the versions of Asio, fmt and Boost; regenerate them on
the reference platform (Debian 12, glibc, g++ 12 and clang 14) when those change:

    codegen/tools/cpp_global_names.py include > /tmp/names.txt

Prints two sections, "macros:" and "globals:", one name per line, sorted. Needs clang++ and g++.
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

NAME = re.compile(r"[a-z][a-z0-9_]*")
HEADERS = ["schemetric/schemetric.hpp", "schemetric/exporter.hpp", "schemetric/registry_source.hpp"]


def translation_unit(directory: Path) -> Path:
    source = directory / "all.cpp"
    source.write_text("".join(f"#include <{header}>\n" for header in HEADERS))
    return source


def macros(compiler: str, include: Path, source: Path) -> set[str]:
    """Lowercase macros: object-like ones break any identifier, function-like ones a call."""
    text = subprocess.run([compiler, "-std=gnu++20", f"-I{include}", "-dM", "-E", str(source)],
                          check=True, capture_output=True, text=True).stdout
    found = set()
    for line in text.splitlines():
        match = re.match(r"#define ([a-z][a-z0-9_]*)[ (]", line)
        if match:
            found.add(match.group(1))
    return found


def globals_(include: Path, source: Path) -> set[str]:
    """Names declared at global scope, directly or in extern "C" blocks (clang's AST dump)."""
    dump = subprocess.Popen(["clang++", "-std=gnu++20", f"-I{include}", "-fsyntax-only", "-Xclang",
                             "-ast-dump", "-fno-color-diagnostics", str(source)],
                            stdout=subprocess.PIPE, text=True, errors="replace")
    found = set()
    ancestors: list[str] = []  # the kinds of the nodes above the current line, by depth
    for line in dump.stdout:
        node_start = re.match(r"^([| `]*)[|`]-(\w+)", line)
        if not node_start:
            continue
        depth = len(node_start.group(1)) // 2
        del ancestors[depth:]
        ancestors.append(node_start.group(2))
        # Global: every node above is an extern "C" or "C++" block (nested ones too).
        if any(kind != "LinkageSpecDecl" for kind in ancestors[:-1]):
            continue
        node = line[len(node_start.group(1)):]
        match = re.match(r"^[|`]-(\w+Decl) 0x[0-9a-f]+ (?:(?:prev|parent) 0x[0-9a-f]+ )*<.*?> "
                         r"(?:col:\d+|line:\d+:\d+|<scratch space>:\d+:\d+|\S+:\d+:\d+)"
                         r"(?: used| referenced| implicit| invalid)*"
                         r"(?: struct| class| union| enum)? ([A-Za-z_][A-Za-z0-9_]*)(?= |'|$)", node)
        # "struct definition" is an anonymous struct, "operator new" no name.
        if (match and NAME.fullmatch(match.group(2))
                and match.group(2) not in ("definition", "operator")
                and match.group(1) != "UsingDirectiveDecl"):
            found.add(match.group(2))
    dump.wait()
    return found


def main() -> int:
    include = Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory() as directory:
        source = translation_unit(Path(directory))
        macro_names = macros("g++", include, source) | macros("clang++", include, source)
        global_names = globals_(include, source) - macro_names
    print("macros:")
    print("\n".join(sorted(macro_names)))
    print("globals:")
    print("\n".join(sorted(global_names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
