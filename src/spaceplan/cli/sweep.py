"""``spaceplan sweep``: every point of a scenario's [sweep] table, on Dask, resumable from Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from spaceplan.cli._common import check_output_path, progress, stdout


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
    with progress("sweep points") as update:
        if scheduler == "serial":
            result = run_sweep(config, out, retry_errors=retry_errors, progress=update)
        else:
            from distributed import Client

            from spaceplan.study.sweep import local_client

            if scheduler == "local":
                with local_client(workers) as client:
                    result = run_sweep(config, out, client=client, retry_errors=retry_errors, progress=update)
            else:
                with Client(scheduler, timeout="20s") as client:
                    result = run_sweep(config, out, client=client, retry_errors=retry_errors, progress=update)
    stdout.print(f"{result.points} points: {result.computed} computed ({result.executor}), {result.resumed} already "
                 f"stored, {result.errors} with an error recorded; {result.wall_s:.1f} s")
    if result.best:
        stdout.print("best " + result.objective + ": " + ", ".join(f"{k} = {v:g}" if isinstance(v, float) else
                                                                     f"{k} = {v}" for k, v in result.best.items()))
    stdout.print(f"wrote {result.parquet}" + "".join(f", {f}" for f in result.figures))


def _bundled(path: Path) -> Path:
    """A scenario path, or the name of a bundled scenario (``rassvet_sweep``)."""
    if path.exists() or path.suffix:
        return path
    from spaceplan.study.runner import default_scenario_path

    bundled = default_scenario_path().parent / f"{path.name}.toml"
    return bundled if bundled.is_file() else path
