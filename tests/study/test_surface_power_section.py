"""The surface_power study section: config checks, compute -> render on a small case."""

from __future__ import annotations

import pytest

from spaceplan.core.errors import InputError
from spaceplan.study.runner import SectionContext, run_section
from spaceplan.study.sections import surface_power as section


def test_config_rejects_bad_values():
    with pytest.raises(InputError, match="surface_power.powers_kwe"):
        section.Config.from_table({"powers_kwe": [-40.0]})
    with pytest.raises(InputError):
        section.Config.from_table({"colour": "red"})


def test_section_runs_small(tmp_path):
    table = {"sites": ["connecting-ridge-10m", "0,0"], "powers_kwe": [40.0], "span": ["2030-01-01", "2030-04-01"],
             "step_hours": 2.0, "curve_kwe": [1.0, 100.0]}
    res = run_section(section, table, SectionContext(tmp_path))
    assert len(res.figures) == 3 and all((tmp_path / f).is_file() for f in res.figures)
    assert "connecting-ridge-10m" in res.markdown and "0,0" in res.markdown
    assert res.data["trades"][0]["best_option"] == "fission"
    assert "Reading:" in res.markdown
