"""Study sections, in report order.  Each module exposes ``run(config, ctx) -> SectionResult``."""

SECTIONS: dict[str, str] = {
    "interplanetary": "spaceplan.study.sections.interplanetary",
    "mars_missions": "spaceplan.study.sections.mars_missions",
    "constellations": "spaceplan.study.sections.constellations",
    "launch": "spaceplan.study.sections.launch",
}
