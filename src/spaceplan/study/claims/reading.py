"""Reading a claim's numbers out of section results: field paths and the quantity expression.

A path walks a result's ``to_dict()`` tree: ``a.b`` (keys), ``rows[3]`` (list index), ``rows[flights_per_stage=10]``
(the first list element whose field equals the value; several conditions with commas, values may be quoted:
``checks[claim="... and 0.5 MWe"]``).  ``{name}`` inside a path is replaced by a claim-level assumption's value.
The quantity is an arithmetic expression over the read names and assumption names (``+ - * / **``, parentheses,
``min``, ``max``, ``abs``), evaluated on the parsed tree: no ``eval``.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from typing import Any

from spaceplan.core.errors import InputError

_STEP = re.compile(r'([^.\[\]]+)|\[((?:[^\]"]|"[^"]*")*)\]|(\.)')


class ReadError(InputError):
    """A path does not exist in a result, or names a value of the wrong kind."""


def _split(path: str) -> list[tuple[str, str]]:
    """("key", name) and ("index", text) steps of a path."""
    steps, pos = [], 0
    while pos < len(path):
        m = _STEP.match(path, pos)
        if not m or m.end() == pos:
            raise ReadError(f"path {path!r}", f"cannot parse at character {pos + 1}", "key.key[index or field=value]")
        if m.group(1) is not None:
            steps.append(("key", m.group(1).strip()))
        elif m.group(2) is not None:
            steps.append(("index", m.group(2).strip()))
        pos = m.end()
    return steps


def _conditions(text: str) -> list[tuple[str, str]]:
    out = []
    for part in re.findall(r'(?:[^,"]|"[^"]*")+', text):
        key, sep, value = part.partition("=")
        if not sep:
            raise ReadError(f"[{text}]", "expected field=value", "[index] or [field=value, ...]")
        out.append((key.strip(), value.strip().strip('"')))
    return out


def _equal(item: Any, want: str) -> bool:
    if item is _MISSING:
        return False
    if isinstance(item, bool):
        return str(item).lower() == want.lower()
    if isinstance(item, (int, float)):
        try:
            return math.isclose(float(item), float(want), rel_tol=1e-9, abs_tol=1e-12)
        except ValueError:
            return False
    return str(item) == want


_MISSING = object()


def _field(item: Any, dotted: str) -> Any:
    """``item["a"]["b"]`` for ``a.b``; a sentinel when absent."""
    for part in dotted.split("."):
        if not isinstance(item, dict) or part not in item:
            return _MISSING
        item = item[part]
    return item


def substitute(path: str, values: dict[str, Any]) -> str:
    """``{name}`` in a path replaced by the assumption's value (integers without a decimal point)."""
    def one(m):
        name = m.group(1)
        if name not in values:
            raise ReadError(f"path {path!r}", f"unknown assumption {{{name}}}", ", ".join(sorted(values)) or "none")
        v = values[name]
        return f"{v:g}" if isinstance(v, float) else str(v)

    return re.sub(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", one, path)


def read_path(data: Any, path: str) -> Any:
    """The value at ``path`` in a to_dict() tree; :class:`ReadError` names the first step that fails."""
    node, done = data, ""
    for kind, step in _split(path):
        if kind == "key":
            if not isinstance(node, dict) or step not in node:
                keys = sorted(node) if isinstance(node, dict) else []
                raise ReadError(f"field {path!r}", f"no {step!r} at {done or 'the top'}",
                                ", ".join(keys) if keys else f"{done or 'the top'} is not a table")
            node, done = node[step], f"{done}.{step}" if done else step
            continue
        if not isinstance(node, list):
            raise ReadError(f"field {path!r}", f"{done} is not a list", "a key instead of [...]")
        if re.fullmatch(r"-?\d+", step):
            i = int(step)
            if not -len(node) <= i < len(node):
                raise ReadError(f"field {path!r}", f"index {i} at {done} (a list of {len(node)})",
                                f"0 to {len(node) - 1}")
            node = node[i]
        else:
            conds = _conditions(step)
            match = next((item for item in node if all(_equal(_field(item, k), v) for k, v in conds)), None)
            if match is None:
                keys = conds[0][0]
                seen = sorted({str(_field(item, keys)) for item in node} - {str(_MISSING)})
                raise ReadError(f"field {path!r}", f"no element of {done} with {step}",
                                f"{keys} = " + ", ".join(seen[:12]) if seen else "a non-empty list")
            node = match
        done = f"{done}[{step}]"
    return node


# --- the quantity expression -------------------------------------------------------------------------

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.Pow: operator.pow}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_FUNCTIONS = {"min": min, "max": max, "abs": abs}


def _parse(expr: str) -> ast.AST:
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as exc:
        raise InputError("quantity", f"{expr!r} is not an expression ({exc.msg})", "arithmetic over the reads") from None
    for node in ast.walk(tree):
        ok = isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load, ast.Call,
                               *_BINARY, *_UNARY))
        if isinstance(node, ast.Call):
            ok = isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS and not node.keywords
        if isinstance(node, ast.Constant):
            ok = isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
        if not ok:
            raise InputError("quantity", f"{expr!r}: {type(node).__name__} is not allowed",
                             "numbers, names, + - * / **, (), min, max, abs")
    return tree


def expression_names(expr: str) -> set[str]:
    """The variable names an expression uses (function names excluded)."""
    tree = _parse(expr)
    calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in calls}


def evaluate(expr: str, names: dict[str, Any]) -> float:
    """The expression's value; every name must be a number (bool and text are refused)."""
    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return number(names[node.id], node.id)
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp):
            return _UNARY[type(node.op)](ev(node.operand))
        return _FUNCTIONS[node.func.id](*(ev(a) for a in node.args))

    try:
        value = ev(_parse(expr))
    except ZeroDivisionError:
        raise InputError("quantity", f"{expr!r} divides by zero") from None
    return float(value)


def number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ReadError(name, f"is {value!r}, not a number", "a numeric field for this comparison")
    return float(value)
