"""The stations study section: config checks, compute -> render on a small case."""

from __future__ import annotations

import pytest

from spaceplan.core.errors import InputError
from spaceplan.study.runner import SectionContext, run_section
from spaceplan.study.sections import stations as section


def test_config_rejects_bad_values():
    with pytest.raises(InputError, match="stations.activity"):
        section.Config.from_table({"activity": 40})
    with pytest.raises(InputError):
        section.Config.from_table({"colour": "red"})


def test_section_runs_small(tmp_path):
    table = {"stations": ["tiangong", "ros"], "start_year": 2027, "end_years": [2028], "decay_years": 0.25,
             "region": "bbox:40,60,30,60"}
    res = run_section(section, table, SectionContext(tmp_path))
    assert len(res.figures) == 2 and all((tmp_path / f).is_file() for f in res.figures)
    assert "Tiangong" in res.markdown and "Russian Orbital Station" in res.markdown
    assert "| 2028 |" in res.markdown and "Reading:" in res.markdown
    assert res.data["deorbit"]["multi_burn_propellant_kg"] > 0
