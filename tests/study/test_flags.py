"""Validity warnings in the report (issue 19): the mark beside the number and the list under the section,
in the Markdown and the HTML."""

from __future__ import annotations

from spaceplan.core.validity import warning
from spaceplan.study.flags import MARK, mark, warning_lines
from spaceplan.study.html import markdown_to_html


def test_the_mark_sits_beside_the_number_and_the_cell_stays_numeric():
    w = (warning("reenters_without_reboost", "--band", "Mir re-enters on 2027-01-06 without reboosts"),)
    cell = mark("66,916", w)
    assert cell == f"66,916 {MARK}" and mark("66,916", ()) == "66,916"
    html = markdown_to_html(f"| station | kg/yr |\n|---|---:|\n| Mir | {cell} |")
    assert '<td class="num">66,916 <span class="warn"' in html


def test_warnings_are_listed_under_the_section_once():
    w = warning("tank_capacity_exceeded", "zeus xenon load", "zeus xenon load 8.95 t is above 6 t")
    lines = warning_lines({"options": [{"warnings": [w]}, {"warnings": [w]}]})
    assert sum(MARK in line for line in lines) == 2  # the heading and one item
    assert any("8.95 t is above 6 t" in line and "tank_capacity_exceeded" in line for line in lines)
    assert warning_lines({"options": [{"warnings": []}]}) == []
