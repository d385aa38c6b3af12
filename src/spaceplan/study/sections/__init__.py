"""Study sections, in report order.

Each module exposes the section protocol (run by :func:`spaceplan.study.runner.run_section`):

* ``Config``: a frozen dataclass deriving from :class:`spaceplan.study.config.SectionConfig`
  (``SECTION = "<name>"``; fields declared with :func:`spaceplan.study.config.option`: default,
  help line, range), read from the scenario's ``[<name>]`` table by ``Config.from_table``;
* ``compute(config, progress=None) -> Result``: pure (no file writes), picklable, slim (summaries,
  not grids); ``Result`` is a frozen dataclass with ``to_dict()`` (snake_case keys with units);
* ``render(result, ctx) -> SectionResult``: figures (``ctx.save_figure``: PNG and SVG) and Markdown prose written
  from the numbers and the configured names.
"""

SECTIONS: dict[str, str] = {
    "interplanetary": "spaceplan.study.sections.interplanetary",
    "mars_missions": "spaceplan.study.sections.mars_missions",
    "constellations": "spaceplan.study.sections.constellations",
    "launch": "spaceplan.study.sections.launch",
    "propulsion": "spaceplan.study.sections.propulsion",
    "surface_power": "spaceplan.study.sections.surface_power",
    "stations": "spaceplan.study.sections.stations",
    "constellation_design": "spaceplan.study.sections.constellation_design",
    "starship": "spaceplan.study.sections.starship",
}
