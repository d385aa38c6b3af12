"""Shared CLI plumbing: JSON output, tables, progress bars and argument parsing.

The CLI is a thin layer: commands parse display units, call the API in SI,
and print either a rich table (human) or one JSON document (``--json``) on
stdout.  Progress and diagnostics go to stderr so ``--json`` output stays clean.
"""

from __future__ import annotations

import contextlib
import re
import sys
from typing import Any, Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from spaceplan.core.errors import InputError
from spaceplan.core.results import dumps

stdout = Console()
stderr = Console(stderr=True)

JSON_HELP = "Print the result as JSON on stdout (and nothing else)."
PLOT_HELP = "Write a figure to this file (.png or .svg)."


def emit_json(result: Any) -> None:
    """Write ``result`` as one JSON document on stdout."""
    sys.stdout.write(dumps(result) + "\n")


def table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    """A rich table with the given column headers and rows (values are str()-ed)."""
    t = Table(title=title, header_style="bold")
    for col in columns:
        t.add_column(col, justify="right" if col[:1].isupper() is False else "left")
    for row in rows:
        t.add_row(*[str(v) for v in row])
    return t


@contextlib.contextmanager
def progress(description: str, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """Yield ``update(done, total)``; shows a rich progress bar on stderr when enabled."""
    if not enabled or not stderr.is_terminal:
        yield lambda done, total: None
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=stderr,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def check_plot_path(path: str | None) -> None:
    """Reject plot file names whose format matplotlib should not guess."""
    if path is not None and not path.lower().endswith((".png", ".svg", ".pdf")):
        raise InputError("--plot", f"unsupported figure file {path!r}", ".png, .svg or .pdf")


_DURATION = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(s|sec|m|min|h|d|day|days|y|yr)?\s*$", re.IGNORECASE)
_UNIT_S = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "day": 86400, "days": 86400,
           "y": 365.25 * 86400, "yr": 365.25 * 86400}


def parse_duration(field: str, text: str) -> float:
    """Parse ``60s``, ``5min``, ``2h``, ``1d`` (no unit: seconds) into seconds (> 0)."""
    match = _DURATION.match(str(text))
    if not match:
        raise InputError(field, f"cannot read duration {text!r}", "a number with s, min, h, d or y, e.g. 60s or 1d")
    value = float(match.group(1)) * _UNIT_S[(match.group(2) or "s").lower()]
    if value <= 0:
        raise InputError(field, f"duration must be positive, got {text!r}", "> 0")
    return value


def parse_date_range(field: str, text: str) -> tuple[str, str]:
    """Split ``START:END`` (ISO dates) into two strings; END must follow START."""
    parts = str(text).split(":") if "T" not in str(text) else str(text).split("/")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise InputError(field, f"cannot read date range {text!r}", "START:END, e.g. 2026-08-01:2027-01-31")
    start, end = (p.strip() for p in parts)
    from spaceplan.core.time import utc_to_tdb

    if utc_to_tdb(end, f"{field} end") <= utc_to_tdb(start, f"{field} start"):
        raise InputError(field, f"empty or inverted date range {text!r}", "END after START")
    return start, end
