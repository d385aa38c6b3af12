"""The claims ledger on real section results: flips across assumptions, a user's claim end to end, the report.

Verdicts are traced through the fields they read, never through today's numbers (other work changes the models):
each flip test takes the flip point the sensitivity found and checks the verdict on both sides of it.
"""

import copy
import importlib
import json
import textwrap

import pytest
from typer.testing import CliRunner

from spaceplan.cli import app
from spaceplan.study import run_study
from spaceplan.study.claims import check_claims, run_ledger
from spaceplan.study.claims.reading import read_path
from spaceplan.study.runner import load_scenario
from spaceplan.study.sections import SECTIONS

runner = CliRunner()


def _default(**claims):
    scenario = copy.deepcopy(load_scenario(None))
    scenario["claims"] = {**scenario.get("claims", {}), **claims}
    return scenario


def _compute(scenario, name):
    module = importlib.import_module(SECTIONS[name])
    return module.compute(module.Config.from_table(scenario.get(name))).to_dict()


def test_claim_level_assumption_across_its_flip_point_flips_the_verdict():
    """reuse-savings: 'significant' set just below and just above the saving the launch section computes."""
    scenario = _default(sensitivity=False, only=["reuse-savings"])
    results = {"launch": _compute(scenario, "launch")}
    entry = run_ledger(scenario, results).get("reuse-savings")
    saving = entry.reading.quantity
    for offset, verdict in ((-0.5, "consistent"), (0.5, "inconsistent")):
        scenario["claims"]["assumptions"] = {"reuse-savings.significant": saving + offset}
        got = run_ledger(scenario, results).get("reuse-savings")
        assert got.verdict == verdict and got.reading.threshold == pytest.approx(saving + offset)


@pytest.mark.parametrize("claim, key", [("mars-window-2026", "interplanetary.c3_cap_km2s2"),
                                        ("lunar-night-solar", "surface_power.night_fraction")])
def test_scenario_key_across_the_found_flip_point_flips_the_verdict(claim, key):
    """The sensitivity brackets the flip; the scenario set on each side of the bracket gives each verdict."""
    scenario = _default(only=[claim], bisect_steps=4)
    base = check_claims(scenario).get(claim)
    flip = next(f for f in base.flips if f.key == key)
    assert base.verdict == "depends" and flip.flip_at is not None, base.what_flips
    section, field = key.split(".")
    for value, verdict in ((flip.bracket[0], base.at_base), (flip.bracket[1], {"consistent": "inconsistent",
                                                                              "inconsistent": "consistent"}[base.at_base])):
        moved = _default(only=[claim], sensitivity=False)
        moved[section] = {**moved[section], field: value}
        assert check_claims(moved).get(claim).at_base == verdict, (key, value)


def test_radiation_claim_uses_its_solar_event_and_flips_with_shielding():
    """mars-radiation-sickness computes its own variant (an August 1972 event) and flips with the shielding."""
    scenario = _default(only=["mars-radiation-sickness"], bisect_steps=3)
    entry = check_claims(scenario).get("mars-radiation-sickness")
    acute = entry.reading.reads["acute"]
    assert acute[0] == "mars_missions:crewed[mission_class=conjunction].dose.acute_bfo_mgy" and acute[1] > 0
    flip = next(f for f in entry.flips if f.key == "mars_missions.shielding_gcm2")
    margins = {v: m for v, m, _ in flip.points}
    assert margins[1.0] > margins[40.0]  # thinner shielding, more acute dose
    if flip.flip_at is not None:
        assert (margins[flip.bracket[1]] >= 0) != (entry.reading.margin >= 0)


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """Every section the news claims read, computed once with the default scenario, and the ledger on them."""
    scenario = _default(sensitivity=False)
    results = {name: _compute(scenario, name) for name in SECTIONS if name in scenario}
    return scenario, results, run_ledger(scenario, results)


def test_every_news_claim_has_a_verdict(news):
    _, _, ledger = news
    verdicts = {e.claim.number: e.verdict for e in ledger.entries}
    assert sorted(verdicts) == list(range(1, 16))
    assert verdicts[2] == "not checkable" and verdicts[3] == "not checked"  # no catalog in the default scenario
    assert all(v in ("consistent", "inconsistent", "not checkable", "not checked", "awaiting") for v in verdicts.values())
    assert "needs a catalog" in ledger.get("starlink-counts").note


def test_each_verdict_is_traced_to_the_fields_read_and_the_value_compared(news):
    """For every consistent/inconsistent claim: each recorded value is the value at its field in the section's
    result, and the verdict is the claim's comparison of the quantity with the value compared."""
    from spaceplan.study.claims.reading import evaluate

    scenario, results, ledger = news
    checked = [e for e in ledger.entries if e.verdict in ("consistent", "inconsistent")]
    assert len(checked) >= 10
    for e in checked:
        c, r = e.claim, e.reading
        own = dict(results)
        for key, value in c.overrides:  # the claim's own variant of a section (e.g. with a solar event)
            section, field = key.split(".")
            own[section] = _compute({section: {**scenario[section], field: value}}, section)
        values = {}
        for name, (field, value) in r.reads.items():
            section, path = field.split(":", 1)
            assert read_path(own[section], path) == value, (c.id, field)
            values[name] = value
        if c.compare == "contains-date":
            first, last = values["first"][:10], values["last"][:10]
            holds = first <= r.quantity <= last
        else:
            q = evaluate(c.quantity, {**e.levels, **values}) if c.quantity else values[c.reads[0][0]]
            assert q == pytest.approx(r.quantity), c.id
            t = r.threshold
            holds = {">=": q >= t, "<=": q <= t}[c.compare] if c.compare != "within" else t[0] <= q <= t[1]
        assert e.verdict == ("consistent" if holds == (c.consistent_when == "holds") else "inconsistent"), c.id


def test_zeus_claim_reads_the_propulsion_sections_own_consistency_table(news):
    """Claim 12 links the propulsion section's TEM table instead of copying it: same row, same verdict."""
    _, results, ledger = news
    row = next(ch for ch in results["propulsion"]["tem"]["checks"] if ch["claim"] == "... and 0.5 MWe")
    entry = ledger.get("zeus-tem-claims")
    assert entry.reading.quantity == row["value"]
    assert (entry.verdict == "consistent") == row["consistent"]


def test_lunar_reactor_claim_traced_by_hand(news):
    _, results, ledger = news
    trade = next(t for t in results["surface_power"]["trades"] if t["site"] == "lunar-equator" and t["day_kwe"] == 100)
    fission = next(o for o in trade["options"] if o["option"] == "fission")
    entry = ledger.get("lunar-reactor-100kwe")
    assert entry.reading.quantity == fission["mass_t"]
    assert entry.verdict == ("consistent" if fission["mass_t"] <= 15.0 else "inconsistent")
    assert entry.reading.margin == pytest.approx(15.0 - fission["mass_t"])


USER = """\
[study]
title = "A user's claims"

[surface_power]
sites = ["lunar-equator", "shackleton-rim"]
powers_kwe = [40.0]
span = ["2030-01-01", "2030-04-01"]
step_hours = 2.0
curve_kwe = [10.0, 100.0]

[interplanetary]
start_year = 2026
end_year = 2029
porkchop_depart = ["2026-09-01", "2026-12-31"]
porkchop_arrive = ["2027-06-01", "2027-12-31"]
porkchop_step_days = 5.0

[claims]
news = {news}
bisect_steps = 3

[[claim]]
id = "fsp-one-lander"
quote = "A 40 kWe fission plant fits on one lander"
who = "a reader"
outlet = "this scenario"
date = "2026-12-07"
section = "surface_power"
compare = "<="
value = 1
unit = "landers"
[claim.read]
landers = "trades[site=shackleton-rim,day_kwe=40].options[option=fission].landers"
[claim.assumptions.years]
key = "surface_power.mission_years"
low = 5.0
high = 15.0
source = "mission length (assumption)"
"""


@pytest.fixture(scope="module")
def user_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("claims-study")
    path = out / "scenario.toml"
    path.write_text(USER.format(news="true"))
    return run_study(path, out / "report"), out / "report", path


def test_user_claim_end_to_end_in_the_report(user_report):
    report, out, _ = user_report
    md = (out / "report.md").read_text()
    assert md.index("## Claims ledger") < md.index("## Lunar surface power")  # the front page
    data = json.loads((out / "results.json").read_text())["claims"]
    mine = next(c for c in data["claims"] if c["id"] == "fsp-one-lander")
    trade = next(t for t in report.sections["surface_power"].data["trades"] if t["site"] == "shackleton-rim")
    landers = next(o for o in trade["options"] if o["option"] == "fission")["landers"]
    assert mine["reads"]["landers"]["value"] == landers
    assert mine["verdict"] == ("consistent" if landers <= 1 else "inconsistent")
    assert mine["flips"][0]["key"] == "surface_power.mission_years" and len(mine["flips"][0]["points"]) == 2
    # news claims reading sections this scenario lacks are "not checked", never dropped
    assert {c["number"] for c in data["claims"] if c["number"]} == set(range(1, 16))
    assert next(c for c in data["claims"] if c["id"] == "zeus-tem-claims")["verdict"] == "not checked"
    assert "[Lunar surface power" in md and "(#lunar-surface-power" in md  # the link to the section


def test_user_claim_through_the_cli_as_json(user_report, tmp_path):
    _, _, path = user_report
    own = tmp_path / "own.toml"
    own.write_text(USER.format(news="false"))
    result = runner.invoke(app, ["claims", str(own), "--json", "--no-sensitivity"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [c["id"] for c in doc["claims"]] == ["fsp-one-lander"] and doc["sensitivity"] is False
    bad = tmp_path / "bad.toml"
    bad.write_text(USER.format(news="false").replace('compare = "<="', 'compare = "about"'))
    result = runner.invoke(app, ["claims", str(bad), "--only", "fsp-one-lander"])
    assert result.exit_code != 0 and f"{bad}:29: claim fsp-one-lander.compare" in str(result.exception)


def test_html_report_with_the_ledger_in_headless_chromium(user_report, tmp_path, chromium):
    from browser import check_page

    report, out, _ = user_report
    html = (out / "report.html").read_text()
    assert html.index('id="claims-ledger"') < html.index('<section id="lunar-surface-power')
    assert html.count("<img ") == len(report.ledger.figures) + sum(len(s.figures) for s in report.sections.values())
    assert '<a href="#lunar-surface-power' in html
    result = check_page(chromium, out / "report.html", tmp_path)
    assert result.images > 0 and result.images == result.images_loaded, result
    assert not result.console_errors, result.console_errors



_DASK = """
import json, sys
from spaceplan.study.claims import check_claims
from spaceplan.study.runner import load_scenario
from spaceplan.study.sweep import local_client

def main():
    scenario = load_scenario(None)
    scenario["claims"] = {"only": ["lunar-night-solar", "reuse-savings"], "bisect_steps": 2}
    serial = check_claims(scenario)
    with local_client(2) as client:
        dask = check_claims(scenario, client=client)
    rows = [[(e.verdict, e.what_flips, [[list(p) for p in f.points] for f in e.flips]) for e in led.entries]
            for led in (serial, dask)]
    sys.stdout.write(json.dumps(rows))

if __name__ == "__main__":
    main()
"""


def test_dask_cluster_gives_the_serial_ledger(tmp_path):
    """The sensitivities on a 2-worker cluster: the same points, margins and flips as serially (several bisection
    rounds reuse the cluster: one round's data must outlive the previous round's release).  In its own process, so
    the cluster leaves nothing behind in the test worker."""
    import os
    import subprocess
    import sys

    script = tmp_path / "ledger_dask.py"
    script.write_text(_DASK)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=1200,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    assert done.returncode == 0, done.stderr[-2000:]
    serial, dask = json.loads(done.stdout)
    for a, b in zip(serial, dask):
        assert a[:2] == b[:2]
        for fa, fb in zip(a[2], b[2]):
            assert all(p[2] is None for p in fb), fb
            assert [(v, pytest.approx(m)) for v, m, _ in fa] == [(v, m) for v, m, _ in fb]
