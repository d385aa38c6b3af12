"""The HTML report writer: Markdown subset, escaping, embedded figures, table of contents, appendix."""

import base64

from spaceplan.study.html import markdown_to_html, render_html
from spaceplan.study.runner import SectionResult, StudyReport
from spaceplan.study.validation import ValidationCase

_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


def test_markdown_subset():
    text = ("Intro with **bold**, *italic*, `code` and a < sign.\n\n"
            "| name | C3 (km²/s²) |\n|---|---:|\n| 2026 II * | 9.18 |\n| x < y | - |\n\n- one\n- two")
    out = markdown_to_html(text)
    assert "<strong>bold</strong>" in out and "<em>italic</em>" in out and "<code>code</code>" in out
    assert "a &lt; sign" in out and "x &lt; y" in out
    assert "<th>C3 (km²/s²)</th>" in out and '<td class="num">9.18</td>' in out
    assert "<td>2026 II *</td>" in out  # a star that is not emphasis stays
    assert "<ul><li>one</li><li>two</li></ul>" in out


def test_page_is_self_contained_with_toc_and_appendix(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "a.png").write_bytes(_PNG)
    (tmp_path / "figures" / "a.svg").write_text("<svg/>")
    sections = {"one": SectionResult("First <section>", "Value **3 km**.", {}, ("figures/a.png",)),
                "two": SectionResult("First <section>", "Again.", {}, ())}
    case = ValidationCase("test_x", "core", "a check", "1.0 km", "1.0 km", "1 %", "Someone 2020")
    page = render_html(StudyReport("T & co", tmp_path, sections), {"description": "About *this*."}, [case])
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "<title>T &amp; co</title>" in page
    assert 'href="#first-section"' in page and 'href="#first-section-2"' in page  # unique anchors
    assert "First &lt;section&gt;" in page and "<em>this</em>" in page
    assert f'src="data:image/png;base64,{base64.b64encode(_PNG).decode()}"' in page
    assert "figures/a.svg" in page and "Validation appendix: 1 reference case<" in page
    assert "<code>test_x</code>" in page and "Someone 2020" in page
