"""Studies: one scenario file in, one report out (report.md, results.json, figures).

A scenario is a TOML file with a ``[study]`` table and one table per section
(``[interplanetary]``, ``[constellations]``, ``[launch]``, ``[mars_missions]``);
each section is a module in :mod:`spaceplan.study.sections` composing the
domain APIs.  With no scenario, the bundled ``scenarios/default.toml`` runs.
"""

from spaceplan.study.runner import SectionContext, SectionResult, StudyReport, run_study

__all__ = ["SectionContext", "SectionResult", "StudyReport", "run_study"]
