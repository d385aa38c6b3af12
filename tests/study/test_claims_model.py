"""Claims as data: paths, expressions, the bundled news claims, and malformed claims named at their line."""

import textwrap

import pytest

from spaceplan.core.errors import InputError
from spaceplan.study.claims.ledger import load_claims, run_ledger
from spaceplan.study.claims.model import bundled_claims, locate
from spaceplan.study.claims.reading import ReadError, evaluate, read_path
from spaceplan.study.runner import load_scenario

TREE = {"economics": [{"vehicle": "Falcon 9", "rows": [{"n": 1, "c": 10.0}, {"n": 2, "c": 8.0}]},
                      {"vehicle": "Amur-LNG", "launcher": {"key": "amur"}, "rows": [{"n": 1, "c": 9.0}]}],
        "tem": {"checks": [{"claim": "... and 0.5 MWe", "value": 1.24}, {"claim": "x, y", "value": 2}]}}


def test_paths_keys_indices_and_filters():
    assert read_path(TREE, "economics[1].vehicle") == "Amur-LNG"
    assert read_path(TREE, "economics[vehicle=Falcon 9].rows[n=2].c") == 8.0
    assert read_path(TREE, "economics[launcher.key=amur].rows[0].c") == 9.0  # dotted condition
    assert read_path(TREE, 'tem.checks[claim="... and 0.5 MWe"].value') == 1.24
    assert read_path(TREE, 'tem.checks[claim="x, y"].value') == 2  # quoted value with a comma
    with pytest.raises(ReadError, match="no 'cost' at economics"):
        read_path(TREE, "economics[0].cost")
    with pytest.raises(ReadError, match="vehicle = Amur-LNG, Falcon 9"):
        read_path(TREE, "economics[vehicle=Zeus].rows")


def test_expressions_are_arithmetic_only():
    assert evaluate("100 * (1 - a / b)", {"a": 8.0, "b": 10.0}) == pytest.approx(20.0)
    assert evaluate("min(a, b) / 2", {"a": 8, "b": 10}) == 4.0
    for bad in ("__import__('os')", "a.b", "a if b else 1", "'text'"):
        with pytest.raises(InputError):
            evaluate(bad, {"a": 1, "b": 2})
    with pytest.raises(InputError, match="not a number"):
        evaluate("a + 1", {"a": "Falcon 9"})


def test_bundled_news_claims_all_fifteen_parse():
    claims = bundled_claims()
    assert [c.number for c in claims] == list(range(1, 16))
    assert all(c.quote and c.who and c.source for c in claims)
    waiting = {c.id for c in claims if c.awaits}
    assert waiting <= {"starship-mars-2026", "starship-moon-2027"}  # issue 20 builds their section
    assert [c.id for c in claims if not c.checkable] == ["reusable-stage-timeline"]


def test_locate_finds_keys_in_claim_arrays():
    text = textwrap.dedent("""\
        [claims]
        news = false

        [[claim]]
        id = "a"
        section = "launch"

        [[claim]]
        id = "b"
        compare = ">="
        [claim.read]
        x = "p"
        [claim.assumptions.t]
        low = 1
        """)
    assert locate(text, "section", 0) == 6
    assert locate(text, "compare", 1) == 10
    assert locate(text, "read.x", 1) == 12
    assert locate(text, "assumptions.t.low", 1) == 14
    assert locate(text, "quote", 1) == 8  # missing key: the claim's header line


def _scenario(tmp_path, body: str):
    path = tmp_path / "s.toml"
    path.write_text("[claims]\nnews = false\nsensitivity = false\n\n" + textwrap.dedent(body))
    return path, load_scenario(path)


CLAIM = """\
[[claim]]
id = "mine"
quote = "a 40 kWe reactor fits one lander"
section = "{section}"
compare = "{compare}"
value = {value}
[claim.read]
mass = "{path}"
"""


@pytest.mark.parametrize("section, path, compare, value, line, match", [
    ("surface_powr", "trades[0].options[0].mass_t", "<=", "6.0", 10, "claim mine.section: unknown name 'surface_powr'"),
    ("surface_power", "trades[0].options[0].mass_t", "=<", "6.0", 11, "claim mine.compare: got '=<'"),
    ("surface_power", "trades[0].options[0].mass_t", "<=", '"six"', 12, "claim mine.value: unknown name 'six'"),
])
def test_malformed_claims_are_named_at_their_line(tmp_path, section, path, compare, value, line, match):
    body = "# a user's claim\n\n" + CLAIM.format(section=section, path=path, compare=compare, value=value)
    file, scenario = _scenario(tmp_path, body)
    with pytest.raises(InputError, match=match) as err:
        load_claims(scenario, file)
    assert f"{file}:{line}: claim mine" in str(err.value)


RESULTS = {"surface_power": {"trades": [{"site": "lunar-equator", "options": [{"option": "fission", "mass_t": 5.0}]}]}}


def test_unknown_field_and_comparison_on_text_are_named_at_the_read_line(tmp_path):
    file, scenario = _scenario(tmp_path, CLAIM.format(section="surface_power", path="trades[0].options[0].mass_kt",
                                                      compare="<=", value="6.0"))
    with pytest.raises(InputError, match="no 'mass_kt' at trades\\[0\\].options\\[0\\]") as err:
        run_ledger(scenario, RESULTS, scenario_path=file)
    assert f"{file}:12: claim mine.read.mass" in str(err.value) and "mass_t" in str(err.value)
    file, scenario = _scenario(tmp_path, CLAIM.format(section="surface_power", path="trades[0].site",
                                                      compare="<=", value="6.0"))
    with pytest.raises(InputError, match="'lunar-equator', not a number") as err:
        run_ledger(scenario, RESULTS, scenario_path=file)
    assert f"{file}:12: claim mine.read.mass" in str(err.value)


def test_a_scenario_key_assumption_must_name_a_config_field(tmp_path):
    body = CLAIM.format(section="surface_power", path="trades[0].options[0].mass_t", compare="<=", value="6.0")
    body += '[claim.assumptions.n]\nkey = "surface_power.nigth_fraction"\nlow = 0.1\nhigh = 1.0\n'
    file, scenario = _scenario(tmp_path, body)
    with pytest.raises(InputError, match="unknown name 'nigth_fraction'.*did you mean 'night_fraction'") as err:
        load_claims(scenario, file)
    assert f"{file}:14: claim mine.assumptions.n.key" in str(err.value)


def test_user_claim_verdict_and_margin_from_given_results(tmp_path):
    file, scenario = _scenario(tmp_path, CLAIM.format(section="surface_power", path="trades[0].options[0].mass_t",
                                                      compare="<=", value="6.0"))
    entry = run_ledger(scenario, RESULTS, scenario_path=file).get("mine")
    assert entry.verdict == "consistent" and entry.reading.margin == pytest.approx(1.0)
    assert entry.reading.reads["mass"] == ("surface_power:trades[0].options[0].mass_t", 5.0)


def test_catalog_claim_counts_the_users_catalog(tmp_path):
    """Claim 3 with a user's catalog: the count of STARLINK objects read from it, compared with 8,000."""
    l1 = "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927"
    l2 = "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537"
    names = ["STARLINK-1007", "STARLINK-30001", "STARLINK-2", "ONEWEB-0012"]
    tle = tmp_path / "catalog.tle"
    tle.write_text("".join(f"{n}\n{l1}\n{l2}\n" for n in names))
    scenario = {"claims": {"catalog": str(tle), "sensitivity": False, "only": ["starlink-counts"]}}
    entry = run_ledger(scenario, {}).get("starlink-counts")
    assert entry.reading.reads["starlink"] == ("catalog:count.STARLINK", 3)
    assert entry.verdict == "inconsistent" and entry.reading.margin == -(8000 - 3)
    assert run_ledger({"claims": {"sensitivity": False, "only": ["starlink-counts"]}}, {}).get(
        "starlink-counts").verdict == "not checked"


def test_a_computed_date_inside_the_claimed_window(tmp_path):
    """contains-date both ways: the claim's date in a computed window, or a computed date in the claim's window."""
    body = textwrap.dedent("""\
        [[claim]]
        id = "by-2035"
        quote = "complete by 2035"
        section = "constellation_design"
        compare = "contains-date"
        value = ["2026-01-01", "2035-12-31"]
        [claim.read]
        date = "foc_utc"
        """)
    file, scenario = _scenario(tmp_path, body)
    for foc, verdict, margin in (("2034-12-31", "consistent", 365), ("2036-01-10", "inconsistent", -10)):
        entry = run_ledger(scenario, {"constellation_design": {"foc_utc": foc}}, scenario_path=file).get("by-2035")
        assert (entry.verdict, entry.reading.margin, entry.reading.quantity) == (verdict, margin, foc)
    file, scenario = _scenario(tmp_path, body.replace('value = ["2026-01-01", "2035-12-31"]', 'value = "2035-12-31"'))
    with pytest.raises(InputError, match="claim by-2035.value") as err:
        load_claims(scenario, file)
    assert f"{file}:10: claim by-2035.value" in str(err.value)


def test_claims_awaiting_the_starship_section_come_alive_with_it(monkeypatch):
    """Claims 9 and 10 wait for issue 20's [starship] section; once it is registered they read its result."""
    from spaceplan.study import sections

    scenario = {"claims": {"only": ["starship-mars-2026", "starship-moon-2027"], "sensitivity": False}}
    if "starship" not in sections.SECTIONS:
        waiting = run_ledger(scenario, {})
        assert {e.verdict for e in waiting.entries} == {"awaiting"}
        assert "[starship] study section (issue 20)" in waiting.get("starship-mars-2026").note
        monkeypatch.setitem(sections.SECTIONS, "starship", "spaceplan.study.sections.starship")
    campaign = {"days_available": 120.0, "days_needed": 150.0, "launches": 24, "tankers_per_ship": 10,
                "cadence_needed_per_week": 2.5}
    result = {"claims": {"optimus_2026": campaign}, "moon": {"launches": 18, "campaign": {"duration_days": 70.0}}}
    ledger = run_ledger(scenario, {"starship": result})
    mars, moon = ledger.get("starship-mars-2026"), ledger.get("starship-moon-2027")
    assert (mars.verdict, mars.reading.margin) == ("inconsistent", -30.0)
    assert mars.reading.reads["needed"] == ("starship:claims.optimus_2026.days_needed", 150.0)
    assert (moon.verdict, moon.reading.margin) == ("consistent", 389.0 - 70.0)
