"""The starship study section: config checks, compute -> render on a small case (tanker load given)."""

from __future__ import annotations

import pickle

import pytest

from spaceplan.core.errors import InputError
from spaceplan.study.runner import SectionContext, run_section
from spaceplan.study.sections import starship as section


def test_config_rejects_bad_values():
    with pytest.raises(InputError, match="starship.cadence_per_week"):
        section.Config.from_table({"cadence_per_week": 0.0})
    with pytest.raises(InputError, match="starship.boiloff_percent_per_day"):
        section.Config.from_table({"boiloff_percent_per_day": 100.0})
    with pytest.raises(InputError):
        section.Config.from_table({"colour": "red"})


def test_section_runs_small(tmp_path):
    table = {"years": [2026], "alternatives_nep": False, "tanker_load_t": 150.0}
    cfg = section.Config.from_table(table)
    result = section.compute(cfg)
    assert len(pickle.dumps(result)) < 1_000_000
    res = run_section(section, table, SectionContext(tmp_path))
    assert len(res.figures) == 3 and all((tmp_path / f).is_file() for f in res.figures)
    assert "Optimus" in res.markdown and "2029" in res.markdown and "| 2026 |" in res.markdown
    assert "NTP stage (DRA 5.0)" in res.markdown and "Moon:" in res.markdown
    assert res.data["windows"][0]["tankers_per_ship"] >= 1
