"""``spaceplan study``: one scenario file in, one report out."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from spaceplan.cli._common import check_output_path, stderr, stdout


def register(app: typer.Typer) -> None:
    app.command("study")(study)


def study(
    scenario: Optional[Path] = typer.Argument(None, help="Scenario TOML file; the bundled default study when omitted."),
    out: Path = typer.Option(Path("out"), "--out", help="Folder for report.md, report.html, results.json and figures/."),
) -> None:
    """Run a study: every section of the scenario, written to OUT as report.md, report.html, results.json and figures."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from spaceplan.study import run_study

    check_output_path("--out", out, "folder")
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=stderr, transient=True, disable=not stderr.is_terminal) as bar:
        tasks: dict[str, int] = {}

        def update(section: str, done: int, total: int) -> None:
            if section not in tasks:
                tasks[section] = bar.add_task(section, total=total or None)
            bar.update(tasks[section], completed=done, total=total or None)

        created = None  # the outermost folder this run creates (removed again if the run fails)
        if not out.exists():
            created = out.absolute()
            while not created.parent.exists():
                created = created.parent
        try:
            report = run_study(scenario, out, progress=update)
        except BaseException:
            if created is not None and created.is_dir():  # it holds only partial output
                import shutil

                shutil.rmtree(created, ignore_errors=True)
            raise
    stdout.print(f"[bold]{report.title}[/bold]")
    for name, section in report.sections.items():
        stdout.print(f"  {name}: {section.title} ({len(section.figures)} figures)")
    stdout.print(f"wrote {out / 'report.md'}, {out / 'report.html'}, {out / 'results.json'} and {out / 'figures'}/")
