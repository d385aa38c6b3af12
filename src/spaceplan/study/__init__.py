"""Studies: one scenario file in, one report out (report.html, report.md, results.json, figures).

A scenario is a TOML file with a ``[study]`` table and one table per section
(``[interplanetary]``, ``[constellations]``, ``[launch]``, ``[mars_missions]``, ...);
each section is a module in :mod:`spaceplan.study.sections` composing the
domain APIs as ``Config`` -> ``compute`` -> ``render``.  With no scenario, the bundled
``scenarios/default.toml`` runs; ``scenarios/venus_kuiper.toml`` is a second, unrelated one.
"""

from spaceplan.study.runner import SectionContext, SectionResult, StudyReport, run_study

__all__ = ["SectionContext", "SectionResult", "StudyReport", "run_study"]
