"""The vector selectors of a PromQL expression, with their matchers, range and the function
that takes them: enough of PromQL's lexical structure for the dashboard's lint rules, which
Grafana's dashboard linter checks on a parse tree."""
import re

TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+|Inf|NaN)
  | (?P<range>\[[^\]]*\])
  | (?P<name>[a-zA-Z_:][a-zA-Z0-9_:]*)
  | (?P<variable>\$\{?[a-zA-Z_][a-zA-Z0-9_]*\}?)
  | (?P<op>=~|!~|==|!=|>=|<=|[-+*/%^<>=(){},])
""", re.X)

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset"}
LABEL_LISTS = {"by", "without", "on", "ignoring", "group_left", "group_right"}


def tokens(expr):
    position = 0
    result = []
    while position < len(expr):
        match = TOKEN.match(expr, position)
        if not match:
            raise ValueError(f"cannot read {expr[position:position + 20]!r} in {expr!r}")
        position = match.end()
        if match.lastgroup != "space":
            result.append((match.lastgroup, match.group()))
    return result


def parse_matchers(items):
    """[(label, op, value)] from the tokens between { and }."""
    matchers = []
    i = 0
    while i < len(items):
        if items[i][1] == ",":
            i += 1
            continue
        label, op, value = items[i][1], items[i + 1][1], items[i + 2][1]
        matchers.append((label, op, value[1:-1]))
        i += 3
    return matchers


def selectors(expr):
    """Each vector selector as a dict: name, matchers, range (text or None), function (the name
    of the call whose argument it is, or None)."""
    toks = tokens(expr)
    found = []
    calls = []  # for each open parenthesis: the function or aggregation it belongs to
    i = 0
    while i < len(toks):
        kind, text = toks[i]
        next_text = toks[i + 1][1] if i + 1 < len(toks) else None
        if kind == "name" and text in LABEL_LISTS and next_text == "(":
            i = next(j for j in range(i, len(toks)) if toks[j][1] == ")") + 1
            continue
        if kind == "name" and next_text in ("by", "without") and text not in KEYWORDS:
            # `sum by (labels) (...)`: an aggregation whose clause comes first
            close = next(j for j in range(i, len(toks)) if toks[j][1] == ")")
            calls.append(text)
            i = close + 2
            continue
        if kind == "name" and next_text == "(" and text not in KEYWORDS:
            calls.append(text)
            i += 2
            continue
        if text == "(":
            calls.append(None)
        elif text == ")":
            calls.pop()
        elif (kind == "name" and text not in KEYWORDS) or text == "{":
            name = text if kind == "name" else ""
            j = i + 1 if kind == "name" else i
            matchers = []
            if j < len(toks) and toks[j][1] == "{":
                end = next(k for k in range(j, len(toks)) if toks[k][1] == "}")
                matchers = parse_matchers(toks[j + 1:end])
                j = end + 1
            selector_range = None
            if j < len(toks) and toks[j][0] == "range":
                selector_range = toks[j][1][1:-1]
                j += 1
            found.append({"name": name, "matchers": matchers, "range": selector_range,
                          "function": calls[-1] if calls else None})
            i = j
            continue
        i += 1
    return found
