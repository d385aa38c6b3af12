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


@pytest.fixture(scope="module")
def venus_constellations(tmp_path_factory):
    from spaceplan.study.sections import constellations as section

    result = section.compute(section.Config.from_table(_table("constellations")))
    return result, section.render(result, SectionContext(tmp_path_factory.mktemp("const")))


def table_shapes(markdown: str) -> list[tuple[int, list[int]]]:
    """(header cells, [cells of each row]) of every Markdown table in ``markdown``."""
    tables, current = [], None
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = len(line.strip().strip("|").split("|"))
            if current is None:
                current = (cells, [])
                tables.append(current)
            elif not set(line) <= set("|-: "):
                current[1].append(cells)
        else:
            current = None
    return tables


def test_16_every_table_row_has_as_many_cells_as_its_header(venus_constellations):
    """The Kuiper deployment row had 10 cells under 9 headers (its note was a stray cell)."""
    _, section = venus_constellations
    shapes = table_shapes(section.markdown)
    assert shapes and all(rows and set(rows) == {header} for header, rows in shapes), shapes
    assert "satellites per launch limited by mass only" in section.markdown  # the note is kept, in its column


def test_08_no_isl_round_trip_for_a_constellation_without_laser_links(venus_constellations):
    result, section = venus_constellations
    oneweb = [d for d in result.latency if d["constellation"].startswith("OneWeb")]
    assert oneweb and {d["mode"] for d in oneweb} == {"bent-pipe"}
    kuiper = [d for d in result.latency if d["constellation"].startswith("Project Kuiper")]
    assert {d["mode"] for d in kuiper} == {"isl", "bent-pipe"}
    assert "| OneWeb Gen1 | isl |" not in section.markdown
    assert "OneWeb Gen1 has no inter-satellite links (SpaceNews" in section.markdown
