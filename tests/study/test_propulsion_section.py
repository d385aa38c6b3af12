"""The propulsion study section: config checks, compute -> render on the lunar case."""

import pickle

import pytest

from spaceplan.core.errors import InputError
from spaceplan.study.runner import SectionContext, run_section
from spaceplan.study.sections import propulsion as section


def test_config_rejects_bad_values():
    with pytest.raises(InputError, match="propulsion.mars_cargo_t"):
        section.Config.from_table({"mars_cargo_t": -1.0})
    with pytest.raises(InputError):
        section.Config.from_table({"warp": 9})


def test_section_runs_lunar_only(tmp_path):
    cfg = section.Config.from_table({"mars_cargo_t": 0.0, "lunar_cargo_t": 5.0})
    result = section.compute(cfg)
    assert len(pickle.dumps(result)) < 1_000_000
    res = run_section(section, {"mars_cargo_t": 0.0, "lunar_cargo_t": 5.0}, SectionContext(tmp_path))
    assert len(res.figures) == 2 and all((tmp_path / f).is_file() for f in res.figures)
    assert "5 t of cargo to lunar orbit" in res.markdown and "Reading:" in res.markdown
    assert "**no**" in res.markdown  # the 0.5 MWe / 18 N pair is inconsistent


def test_spiral_prose_names_the_tug_and_the_cargo_apart(tmp_path):
    """Issue 24 finding 13: "the preset's full xenon load (23.4 t)" was the whole stack.  Hand check for the
    official preset (22 t at launch with its 6 t xenon load) and 5 t of cargo: 22.0 + 5.0 = 27.0 t in all."""
    res = run_section(section, {"mars_cargo_t": 0.0, "lunar_cargo_t": 5.0}, SectionContext(tmp_path))
    s = res.data["spiral"]
    assert s["mass_start_kg"] == pytest.approx(s["tug_wet_kg"] + s["cargo_kg"])
    assert s["tug_wet_kg"] == pytest.approx(22_000.0) and s["xenon_load_kg"] == pytest.approx(6_000.0)
    assert "22.0 t with its full 6.0 t xenon load and tanks) and 5 t of cargo, 27.0 t in all" in res.markdown
