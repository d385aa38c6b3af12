"""Issue 19, part B: study-section defects found on the second bundled scenario (venus_kuiper)."""

from __future__ import annotations

import re
import tomllib

import pytest

from spaceplan.study.runner import SectionContext, default_scenario_path

VENUS = default_scenario_path().with_name("venus_kuiper.toml")


def _table(name: str) -> dict:
    return tomllib.loads(VENUS.read_text())[name]


@pytest.fixture(scope="module")
def venus_interplanetary(tmp_path_factory):
    from spaceplan.study.sections import interplanetary as section

    result = section.compute(section.Config.from_table(_table("interplanetary")))
    return result, section.render(result, SectionContext(tmp_path_factory.mktemp("ip")))


def test_09_porkchop_paragraph_states_the_tables_minimum(venus_interplanetary):
    """The windows table said 2031 type I C3 9.50 (2031-06-08) and the porkchop paragraph 11.03 (2031-06-09):
    one value now, with the grid's best cell given beside it and the reason."""
    result, section = venus_interplanetary
    text = section.markdown
    opp = next(o for o in result.to_dict()["opportunities"]["opportunities"] if o["year"] == 2031)
    porkchop = text[text.index("Porkchop of the"):]
    for name, p in opp["types"].items():
        table_value = f"type {name} {p['c3_km2s2']:.2f} km²/s² ({p['departure_utc'][:10]}"
        assert table_value in porkchop, (name, porkchop)
    cell = result.porkchop["minimum_c3"]["I"]
    assert f"best cell of the 3-day grid {cell['c3_km2s2']:.2f} km²/s²" in porkchop
    assert "between grid cells" in porkchop


def test_09_grid_minimum_outside_every_table_optimum_is_called_a_grid_cell():
    from spaceplan.study.sections.interplanetary import _porkchop_minimum

    cell = {"c3_km2s2": 12.0, "departure_utc": "2031-01-10T00:00:00Z", "arrival_utc": "2031-06-01T00:00:00Z"}
    pc = {"departure_utc": ["2031-01-01T00:00:00Z", "2031-02-01T00:00:00Z"],
          "arrival_utc": ["2031-05-01T00:00:00Z", "2031-07-01T00:00:00Z"]}
    text = _porkchop_minimum("I", cell, pc, {"opportunities": []}, 2.0)
    assert text == "type I 12.00 km²/s² (2031-01-10 → 2031-06-01), the best cell of the 2-day grid"
