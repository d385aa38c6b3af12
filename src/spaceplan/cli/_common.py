"""Shared CLI plumbing: JSON output, tables, progress bars and argument parsing.

The CLI is a thin layer: commands parse display units, call the API in SI,
and print either a rich table (human) or one JSON document (``--json``) on
stdout.  Progress and diagnostics go to stderr so ``--json`` output stays clean.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from spaceplan.core.constants import DE421_SPAN, DE421_SPAN_TEXT
from spaceplan.core.errors import InputError
from spaceplan.core.results import dumps

stdout = Console()
stderr = Console(stderr=True)

JSON_HELP = "Print the result as JSON on stdout (and nothing else)."
PLOT_HELP = "Write a figure to this file (.png, .svg or .pdf); checked before computing."


def emit_json(result: Any) -> None:
    """Write ``result`` as one JSON document on stdout."""
    sys.stdout.write(dumps(result) + "\n")


def print_warnings(*results: Any) -> None:
    """Print, under the table, every validity warning the results carry (:func:`spaceplan.core.validity.collect`):
    one line each, ``warning: MESSAGE [CODE]`` (the message names the flag or field)."""
    from rich.markup import escape

    from spaceplan.core.validity import collect

    seen: list[dict] = []
    for r in results:
        for w in collect(r):
            if w not in seen:
                seen.append(w)
    for w in seen:
        stdout.print(f"[yellow]warning:[/yellow] {escape(w['message'])} [dim]\\[{w['code']}][/dim]", highlight=False)


def table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    """A rich table with the given column headers and rows (values are str()-ed)."""
    t = Table(title=title, header_style="bold")
    for col in columns:
        t.add_column(col, justify="right" if col[:1].isupper() is False else "left")
    for row in rows:
        t.add_row(*[str(v) for v in row])
    return t


PROGRESS_DELAY_S = 1.0  # a bar appears only for work that lasts longer than this


@contextlib.contextmanager
def progress(description: str, enabled: bool = True,
             plain_every_s: float | None = None) -> Iterator[Callable[[int, int], None]]:
    """Yield ``update(done, total)``; a rich progress bar on stderr once the work has lasted a second.

    Nothing is drawn when disabled (``--json``) or when the work finishes within
    :data:`PROGRESS_DELAY_S`: quick commands stay quiet, long grids show their pace.  The bar
    appears after the delay even before the first item is done (a sweep's first point compiles
    its kernels and can take several seconds).  When stderr is not a terminal (a log file, a
    batch job) no bar is drawn; with ``plain_every_s`` a plain line ``description: done/total,
    elapsed`` is written instead, at most once per that many seconds, and once at the end.
    """
    if not enabled:
        yield lambda done, total: None
        return
    if not stderr.is_terminal:
        if plain_every_s is None:
            yield lambda done, total: None
            return
        t0 = time.monotonic()
        last = [t0, -1, 0]  # time of the last line, the done count it showed, the total

        def plain(done: int, total: int) -> None:
            now = time.monotonic()
            last[2] = total
            if now - last[0] >= plain_every_s and done != last[1]:
                last[0], last[1] = now, done
                print(f"{description}: {done}/{total}, {now - t0:.0f} s", file=sys.stderr, flush=True)

        try:
            yield plain
        finally:
            if last[1] >= 0:  # lines were written: say where it ended
                print(f"{description}: finished after {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
        return
    import threading

    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=stderr,
        transient=True,
    )
    task = bar.add_task(description, total=None)
    lock = threading.Lock()
    state = {"started": False, "closed": False, "updated": False}
    t0 = time.monotonic()

    def start(by_timer: bool = False) -> None:
        with lock:
            if by_timer and state["updated"]:  # updates arrive: they decide, on the monotonic clock
                return
            if not state["started"] and not state["closed"]:
                bar.start()
                state["started"] = True

    # the first item may itself be slow (a sweep's first point compiles its kernels): show the bar anyway
    timer = threading.Timer(PROGRESS_DELAY_S, start, kwargs={"by_timer": True})
    timer.daemon = True
    timer.start()

    def update(done: int, total: int) -> None:
        if done:
            state["updated"] = True
        bar.update(task, completed=done, total=total)
        if not state["started"] and time.monotonic() - t0 >= PROGRESS_DELAY_S:
            start()

    try:
        yield update
    finally:
        timer.cancel()
        with lock:
            state["closed"] = True
            if state["started"]:
                bar.stop()


FIGURE_SUFFIXES = (".png", ".svg", ".pdf")


def _first_existing(path: Path) -> Path:
    """``path`` or its nearest ancestor that exists (the folder a write would start from)."""
    p = path
    while not p.exists() and not p.is_symlink():
        if p.parent == p:
            break
        p = p.parent
    return p


def check_output_path(field: str, path, kind: str = "file") -> Path | None:
    """Check before any computation that ``path`` can be written; one InputError naming ``field`` if not.

    ``kind``: ``"figure"`` (a file with a known figure extension), ``"file"`` or ``"folder"``
    (created if missing).  Checks: a known extension, the path is not a folder where a file is
    needed (or a file where a folder is needed), no ancestor is a regular file, and the nearest
    existing folder accepts a new file (probed by creating and removing a temporary file, since
    permission bits say nothing to root or on read-only mounts).  Creates nothing that stays.
    """
    if path is None:
        return None
    text = str(path)
    if not text.strip():
        raise InputError(field, "empty path", "a file name" if kind != "folder" else "a folder name")
    p = Path(text).expanduser()
    if kind == "figure" and p.suffix.lower() not in FIGURE_SUFFIXES:
        raise InputError(field, f"unknown figure file extension {p.suffix or '(none)'!r} in {text!r}",
                         ", ".join(FIGURE_SUFFIXES[:-1]) + f" or {FIGURE_SUFFIXES[-1]}")
    if kind == "folder":
        if p.exists() and not p.is_dir():
            raise InputError(field, f"{text!r} is a file, not a folder", "a folder (created if missing)")
    elif p.is_dir():
        raise InputError(field, f"{text!r} is a folder, not a file", "a file name inside a writable folder")
    base = _first_existing(p if kind == "folder" else p.parent)
    missing = (p if kind == "folder" else p.parent).absolute()
    root = base.absolute()
    if root.parent == root and missing != root and not missing.exists():
        # every folder of the path is missing: it would be created at the filesystem root (a typo, usually)
        top = next(q for q in reversed((missing, *missing.parents)) if q != root)
        raise InputError(field, f"folder {str(top)!r} does not exist, and spaceplan does not create folders at "
                         "the filesystem root", "a path inside an existing folder (missing sub-folders are "
                         "created)")
    if not base.is_dir():
        raise InputError(field, f"{str(base)!r} is a file, not a folder, so {text!r} cannot be created",
                         "a path whose folders are folders")
    try:
        fd, probe = tempfile.mkstemp(prefix=".spaceplan-write-check-", dir=base)
    except OSError as exc:
        raise InputError(field, f"cannot write in folder {str(base)!r} ({exc.strerror or exc})",
                         "a writable folder") from None
    os.close(fd)
    os.unlink(probe)
    return p


def check_plot_path(path: str | None, field: str = "--plot") -> None:
    """Reject a figure path that cannot be written (extension, folders, permissions) before computing."""
    check_output_path(field, path, "figure")


@contextlib.contextmanager
def output_file(path) -> Iterator[Path]:
    """Yield a temporary name beside ``path`` (same extension) and move it onto ``path`` only on success.

    A failure while writing leaves neither a partial ``path`` nor the temporary file behind;
    missing parent folders are created (the path was checked by :func:`check_output_path`).
    """
    final = Path(path).expanduser()
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.stem}.{os.getpid()}.partial{final.suffix}")
    try:
        yield tmp
        os.replace(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_figure(path, plot_fn, *args, **kwargs) -> None:
    """Call ``plot_fn(*args, tmp_path, **kwargs)`` through :func:`output_file`: all of the figure or nothing."""
    with output_file(path) as tmp:
        plot_fn(*args, str(tmp), **kwargs)


def wrote(path, as_json: bool = False) -> None:
    """Say which file was written (not under ``--json``: the output is then the JSON document alone)."""
    if not as_json:
        stdout.print(f"wrote {path}", highlight=False, markup=False, soft_wrap=True)


def parse_utc(field: str, text) -> float:
    """A UTC date (ISO 8601) -> TDB s past J2000, inside the DE421 span (1899-07-29 to 2053-10-09)."""
    from spaceplan.core.ephemeris import span_tdb
    from spaceplan.core.errors import EphemerisRangeError
    from spaceplan.core.time import utc_to_tdb

    t = utc_to_tdb(text, field)
    first, last = span_tdb()
    if not first <= t <= last:
        raise EphemerisRangeError(field, f"{text} is outside the DE421 ephemeris", DE421_SPAN_TEXT)
    return t




def parse_window(start: str, duration: str, duration_s: float) -> float:
    """``--start`` as TDB s, for a window of ``duration_s`` that must end inside the DE421 span."""
    from spaceplan.core.ephemeris import span_tdb

    t0 = parse_utc("--start", start)
    if t0 + duration_s > span_tdb()[1]:
        raise InputError("--duration", f"{start} + {duration} ends after {DE421_SPAN[1]} (DE421)",
                         f"a window inside {DE421_SPAN_TEXT}")
    return t0


def renamed_error(exc: InputError, field: str) -> InputError:
    """The same error (same class) under the option name the user wrote (``--duration`` for ``duration_s``)."""
    from spaceplan.core.errors import UnknownNameError

    text = exc.args[0] if exc.args else str(exc)
    if isinstance(exc, UnknownNameError):  # the same message (its near matches, its allowed list) under the new field
        new = UnknownNameError(field, exc.name, ())
        new.args = (field + text[len(exc.field):] if text.startswith(f"{exc.field}: ") else f"{field}: {text}",)
        new.known, new.near, new.allowed = exc.known, exc.near, exc.allowed
        return new
    message = text[len(exc.field) + 2:] if text.startswith(f"{exc.field}: ") else text
    suffix = f" (allowed: {exc.allowed})" if exc.allowed else ""
    if suffix and message.endswith(suffix):
        message = message[: -len(suffix)]
    return type(exc)(field, message, exc.allowed)


@contextlib.contextmanager
def cli_fields(mapping: dict[str, str]) -> Iterator[None]:
    """Re-raise an API InputError whose field is a key of ``mapping`` under the CLI option name."""
    try:
        yield
    except InputError as exc:
        if exc.field in mapping:
            raise renamed_error(exc, mapping[exc.field]) from None
        raise


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
