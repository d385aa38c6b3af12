"""``spaceplan sweep``: every point of a scenario's [sweep] table, on Dask, resumable from Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from spaceplan.cli._common import check_output_path, progress, stdout

SCHEDULER_TIMEOUT_S = 20.0  # how long to try reaching a --scheduler address before saying it is unreachable
PROGRESS_EVERY_S = 30.0  # without a terminal (a log, a batch job): one progress line at most this often
SHOWN_TIES = 5  # tied best points listed by name; the rest are summarised by their parameter spans


def register(app: typer.Typer) -> None:
    app.command("sweep")(sweep)


def sweep(
    scenario: Path = typer.Argument(..., help="Scenario TOML with a [sweep] table (e.g. the bundled rassvet_sweep)."),
    out: Path = typer.Option(Path("sweep-out"), "--out", help="Folder for points.parquet and the summary figure."),
    scheduler: str = typer.Option("local", "--scheduler",
                                  help="'local' (a LocalCluster here), 'serial' (this process), or tcp://host:8786."),
    workers: int = typer.Option(2, "--workers", min=1, max=256, help="LocalCluster worker processes."),
    retry_errors: bool = typer.Option(False, "--retry-errors", help="Recompute stored points that recorded an error."),
) -> None:
    """Evaluate a parameter sweep through the sections' compute; re-running resumes where it stopped."""
    from spaceplan.core.errors import InputError
    from spaceplan.study.runner import load_scenario
    from spaceplan.study.sweep import run_sweep

    config = load_scenario(_bundled(scenario))
    check_output_path("--out", out, "folder")
    if scheduler not in ("local", "serial") and not scheduler.startswith(("tcp://", "tls://", "inproc://")):
        raise InputError("--scheduler", f"got {scheduler!r}", "local, serial, or a scheduler address tcp://host:port")
    with progress("sweep points", plain_every_s=PROGRESS_EVERY_S) as update:
        if scheduler == "serial":
            result = run_sweep(config, out, retry_errors=retry_errors, progress=update)
        else:
            from spaceplan.study.sweep import local_client

            if scheduler == "local":
                with local_client(workers) as client:
                    result = run_sweep(config, out, client=client, retry_errors=retry_errors, progress=update)
            else:
                with _remote_client(scheduler) as client:
                    result = run_sweep(config, out, client=client, retry_errors=retry_errors, progress=update)
    stdout.print(f"{result.points} points: {result.computed} computed ({result.executor}), {result.resumed} already "
                 f"stored, {result.errors} with an error recorded; {result.wall_s:.1f} s")
    for line in best_lines(result):
        stdout.print(line, highlight=False, markup=False, soft_wrap=True)
    stdout.print(f"wrote {result.parquet}" + "".join(f", {f}" for f in result.figures))


def _value(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def best_lines(result) -> list[str]:
    """The best point, or, when several points share the best value, how many and which."""
    if not result.best:
        return []
    params = [k for k in result.best if k != result.objective]
    top = _value(result.best[result.objective])
    if len(result.ties) <= 1:
        return [f"best {result.objective} = {top}: " + ", ".join(f"{k} = {_value(result.best[k])}" for k in params)]
    lines = [f"best {result.objective} = {top}, reached by {len(result.ties)} of {result.points} points (a tie: "
             "no single best point); the tied points span:"]
    for k in params:
        values = sorted({t[k] for t in result.ties}, key=lambda v: (isinstance(v, str), v))
        lines.append(f"  {k}: " + ", ".join(_value(v) for v in values))
    for t in result.ties[:SHOWN_TIES]:
        lines.append("  tied: " + ", ".join(f"{k} = {_value(t[k])}" for k in params))
    if len(result.ties) > SHOWN_TIES:
        lines.append(f"  ... and {len(result.ties) - SHOWN_TIES} more (all rows are in points.parquet)")
    return lines


def _remote_client(address: str):
    """A ``distributed.Client`` on ``address``; an unreachable scheduler is a named error, not a traceback."""
    from distributed import Client

    from spaceplan.core.errors import InputError

    try:
        return Client(address, timeout=f"{SCHEDULER_TIMEOUT_S:g}s")
    except (OSError, TimeoutError) as exc:
        raise InputError("--scheduler", f"no Dask scheduler answered at {address} within {SCHEDULER_TIMEOUT_S:g} s "
                         f"({type(exc).__name__})", "'local', 'serial', or a running scheduler's tcp://host:port") from None


def _bundled(path: Path) -> Path:
    """A scenario path, or the name of a bundled scenario (``rassvet_sweep``)."""
    if path.exists() or path.suffix:
        return path
    from spaceplan.study.runner import default_scenario_path

    bundled = default_scenario_path().parent / f"{path.name}.toml"
    return bundled if bundled.is_file() else path
