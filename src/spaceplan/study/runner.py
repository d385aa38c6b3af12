"""Run a scenario: load TOML, run each section, write report.md, report.html, results.json and figures."""

from __future__ import annotations

import importlib
import importlib.resources
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.core.results import dumps
from spaceplan.core.toml_files import read_toml_file
from spaceplan.study.claims.ledger import has_claims, load_claims, run_ledger
from spaceplan.study.claims.render import render_ledger
from spaceplan.study.flags import warning_lines
from spaceplan.study.html import render_html
from spaceplan.study.sections import SECTIONS
from spaceplan.study.validation import load_cases

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SectionContext:
    """What a section may use: where figures go and how to report progress."""

    out_dir: Path
    progress: Progress = lambda done, total: None  # noqa: E731
    chunk_cells: int = 250_000  # bound on grid cells a section computes at once

    def figure_path(self, name: str) -> Path:
        """Path of a figure file in the figures folder (created on demand)."""
        folder = self.out_dir / "figures"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name

    def save_figure(self, name: str, plot: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
        """Draw a figure twice, ``plot(*args, path, **kwargs)`` to ``figures/NAME.png`` and ``NAME.svg``.

        ``plot`` is one of the domain plot functions (data first, then the path; the format follows the
        suffix).  Returns the PNG's path relative to ``out_dir``, as the report lists it.
        """
        for suffix in (".svg", ".png"):
            path = self.figure_path(name + suffix)
            plot(*args, path, **kwargs)
        return str(path.relative_to(self.out_dir))


@dataclass(frozen=True)
class SectionResult:
    """One section of the report: Markdown text, JSON data and figure files (relative to out_dir)."""

    title: str
    markdown: str
    data: dict[str, Any]
    figures: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "figures": list(self.figures), **self.data}


@dataclass(frozen=True)
class StudyReport:
    title: str
    out_dir: Path
    sections: dict[str, SectionResult] = field(default_factory=dict)
    ledger: SectionResult | None = None  # the claims ledger, the report's front page (spaceplan.study.claims)

    def to_dict(self) -> dict[str, Any]:
        out = {"title": self.title, "sections": {k: v.to_dict() for k, v in self.sections.items()}}
        if self.ledger is not None:
            out["claims"] = self.ledger.data
        return out


def default_scenario_path() -> Path:
    return Path(str(importlib.resources.files("spaceplan.study") / "scenarios" / "default.toml"))


def load_scenario(path: str | Path | None) -> dict[str, Any]:
    """Read a scenario file (the bundled default when ``path`` is None)."""
    scenario = read_toml_file(path if path is not None else default_scenario_path(), "scenario")
    unknown = set(scenario) - set(SECTIONS) - set(_OTHER_TABLES)
    if unknown:
        raise UnknownNameError("scenario section", sorted(unknown)[0], list(SECTIONS) + list(_OTHER_TABLES))
    return scenario


_OTHER_TABLES = ("study", "sweep", "claims", "claim")  # [claims] settings and [[claim]] entries: the claims ledger


def run_study(
    scenario: str | Path | dict | None,
    out_dir: str | Path,
    progress: Callable[[str, int, int], None] | None = None,
    client=None,
) -> StudyReport:
    """Run every section the scenario names, in report order, then its claims ledger (a ``[claims]`` table or
    ``[[claim]]`` entries), and write the report files.  ``client``: a ``distributed.Client`` for the ledger's
    sensitivities (None: serial)."""
    config = scenario if isinstance(scenario, dict) else load_scenario(scenario)
    path = None if isinstance(scenario, dict) else (scenario if scenario is not None else default_scenario_path())
    if has_claims(config):  # malformed claims fail before the sections run
        load_claims(config, path)
    if not any(name in config for name in SECTIONS):
        raise InputError("scenario", "names no section to run, so the report would be empty",
                         "at least one of the tables " + ", ".join(f"[{s}]" for s in SECTIONS))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta = config.get("study", {})
    title = meta.get("title", "spaceplan study")
    sections: dict[str, SectionResult] = {}
    for name, module_name in SECTIONS.items():
        if name not in config:
            continue
        module = importlib.import_module(module_name)
        update = (lambda done, total, _n=name: progress(_n, done, total)) if progress else (lambda d, t: None)
        ctx = SectionContext(out_dir=out, progress=update)
        sections[name] = run_section(module, config[name], ctx)
    ledger = None
    if has_claims(config):
        update = (lambda done, total: progress("claims", done, total)) if progress else None
        found = run_ledger(config, {k: v.data for k, v in sections.items()}, scenario_path=path, client=client,
                           progress=update)
        ledger = render_ledger(found, SectionContext(out_dir=out), {k: v.title for k, v in sections.items()})
    report = StudyReport(title, out, sections, ledger)
    (out / "report.md").write_text(render_markdown(report, meta))
    (out / "results.json").write_text(dumps(report) + "\n")
    (out / "report.html").write_text(render_html(report, meta, load_cases()))
    return report


def run_section(module, table: Any, ctx: SectionContext) -> SectionResult:
    """One section: ``render(compute(Config.from_table(table)), ctx)``.

    The protocol every section follows (see ``spaceplan.study.sections``): ``Config`` (a
    :class:`~spaceplan.study.config.SectionConfig`), a pure ``compute(config, progress=None) -> Result``
    (no file writes, picklable, slim) and ``render(result, ctx) -> SectionResult`` (figures and prose).
    """
    result = module.compute(module.Config.from_table(table), progress=ctx.progress)
    return module.render(result, ctx)


def render_markdown(report: StudyReport, meta: dict[str, Any]) -> str:
    from spaceplan.study.claims.render import resolve_links
    from spaceplan.study.html import section_anchors

    lines = [f"# {report.title}", ""]
    if meta.get("description"):
        lines += [meta["description"].strip(), ""]
    if report.ledger is not None:
        led = report.ledger
        lines += [f"## {led.title}", "", resolve_links(led.markdown.strip(), section_anchors(report)), ""]
        lines += [f"![{Path(fig).stem}]({fig})" for fig in led.figures] + [""]
    for result in report.sections.values():
        lines += [f"## {result.title}", "", result.markdown.strip(), ""]
        lines += warning_lines(result.data) + [""]
        lines += [f"![{Path(fig).stem}]({fig})" for fig in result.figures] + [""]
    return "\n".join(lines)
