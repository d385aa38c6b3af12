"""The second bundled scenario (Earth-Venus, OneWeb vs Kuiper, Amur-LNG): its prose names what it computed.

Also the HTML report of that run in headless Chromium (Debian's ``chromium``; installed here when missing
and possible, else the test is skipped with the reason): the screenshot is not blank, every figure
loaded and the page logs no console error.
"""

import re

import pytest

from spaceplan.study import run_study
from spaceplan.study.runner import default_scenario_path

SCENARIO = default_scenario_path().with_name("venus_kuiper.toml")


@pytest.fixture(scope="module")
def venus_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("venus")
    return run_study(SCENARIO, out), out


def test_second_scenario_prose_names_what_it_computed(venus_report):
    report, out = venus_report
    text = (out / "report.md").read_text()
    s = report.sections
    assert "Earth to Venus" in s["interplanetary"].title and "Earth to Venus opportunities 2030-2040" in text
    assert "no Venus-Earth reference" not in text and "no Earth-Venus reference is checked" in text
    assert "2033 opportunity" in text and "departing in 2035" in text and "30 g/cm²" in text
    assert s["constellations"].title == "Constellations: OneWeb Gen1 vs Project Kuiper"
    assert "Canada" in text and "Soyuz-2.1b" in text and "Angara-A5" in text and "london - new-york" in text
    assert "Amur-LNG-like methane booster landing burn" in text and "cost at 1 / 5 / 10 flights" in text
    # nothing of the default scenario leaks into the prose
    for name in ("Starlink", "Rassvet", "Falcon 9", "Roscosmos says", "2029", "2026", "Moscow", "Russia"):
        assert name not in text, name
    # the numbers in the prose are the computed ones
    first = report.sections["interplanetary"].data["opportunities"]["opportunities"][0]
    assert f"| {first['year']} |" in text
    cargo = report.sections["mars_missions"].data["cargo"]
    assert f"leaves on {cargo['departure_utc'][:10]}" in text


def test_report_files_and_svg(venus_report):
    report, out = venus_report
    for section in report.sections.values():
        for fig in section.figures:
            assert (out / fig).stat().st_size > 5_000
            assert (out / fig).with_suffix(".svg").read_text().lstrip().startswith(("<?xml", "<svg"))
    html = (out / "report.html").read_text()
    assert html.count("<img ") == sum(len(s.figures) for s in report.sections.values())
    assert 'src="data:image/png;base64,' in html and "<style>" in html and 'class="toc"' in html
    assert "Validation appendix" in html and "NASA/TM-2010-216764" in html
    assert not re.search(r'src="(?!data:)', html), "every figure is embedded"


def test_html_report_in_headless_chromium(venus_report, tmp_path, chromium):
    from browser import check_page

    _, out = venus_report
    result = check_page(chromium, out / "report.html", tmp_path)
    assert result.images > 0 and result.images == result.images_loaded, result
    assert not result.console_errors, result.console_errors
    assert result.non_white_fraction > 0.05 and result.distinct_colours > 50, result


def test_chromium_check_detects_broken_pages(tmp_path, chromium):
    """Negative control: a missing image and a console error are caught."""
    from browser import check_page

    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html><body><h1>x</h1><img src="data:image/png;base64,AAAA">'
                    "<script>console.error('deliberate failure')</script></body></html>")
    result = check_page(chromium, page, tmp_path)
    assert result.images == 1 and result.images_loaded == 0
    assert any("deliberate failure" in line for line in result.console_errors)
