"""Property tests of the radiation timeline readers (``--timeline`` text and TOML/JSON documents).

A timeline either parses into phases with finite positive durations, finite (or open) starts
in order and known locations, whose mission dose is finite and non-negative, or raises an
InputError naming the phase and field; never another exception.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib

from hypothesis import example, given
from hypothesis import strategies as st

from fuzz_support import assert_finite, spaceplan_error_or_result
from spaceplan.core.errors import SpaceplanError

LOCATIONS = st.sampled_from(["deep_space", "mars_orbit", "mars_surface", "lunar_orbit", "lunar_surface", "leo",
                             "earth", "Deep Space", "moon", "", "venus"])
DURATION = st.one_of(
    st.tuples(st.one_of(st.floats(0, 1e4).map(lambda x: f"{x:g}"), st.sampled_from(["0", "-5", "nan", "inf", "1e9",
                                                                                   "1e-30", ".", "1e400"])),
              st.sampled_from(["d", "day", "days", "h", "w", "wk", "y", "yr", "mo", "month", "", "s", "x"])).map("".join),
    st.text(max_size=8))
DATE = st.one_of(st.dates(dt.date(1890, 1, 1), dt.date(2100, 1, 1)).map(str), st.text(max_size=12))


def _check_phases(phases):
    assert phases
    last_end = -math.inf
    for p in phases:
        assert math.isfinite(p.duration_s) and p.duration_s > 0
        if p.start_tdb is not None:
            assert math.isfinite(p.start_tdb) and p.start_tdb >= last_end - 1e-6
            last_end = p.start_tdb + p.duration_s


def _check_dose(phases, target):
    from spaceplan.radiation.timeline import mission_dose

    if sum(p.duration_s for p in phases) > 200 * 365.25 * 86400:  # keep the run short; bounds are the CLI's job
        return
    try:
        dose = mission_dose(phases)
    except SpaceplanError:
        return
    assert_finite(target, dose.total_sv, dose.total_absorbed_gy, [p.dose_sv for p in dose.phases])
    assert dose.total_sv >= 0 and dose.total_absorbed_gy >= 0


PHASE_TEXT = st.tuples(LOCATIONS, st.sampled_from([":", "", "::"]), DURATION,
                       st.one_of(st.just(""), st.tuples(st.just("@"), DATE).map("".join))).map("".join)


@given(st.one_of(st.lists(PHASE_TEXT, min_size=0, max_size=4).map(",".join), st.text(max_size=40)),
       st.one_of(st.none(), DATE))
@example("deep_space:180d,mars_surface:500d,deep_space:180d", "2030-01-01")
@example("deep_space:100y", None)
def test_radiation_timeline_text(text, start):
    from spaceplan.radiation.timeline import parse_timeline

    with spaceplan_error_or_result("radiation_timeline_text", "--"):
        phases = parse_timeline(text, start)
        _check_phases(phases)
        _check_dose(phases, "radiation_timeline_text")


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9), st.floats(allow_nan=True), st.text(max_size=10),
                   st.dates().map(str), st.datetimes(), st.lists(st.integers(), max_size=2))


@st.composite
def timeline_docs(draw):
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        row = {"location": draw(st.one_of(LOCATIONS, VALUES))}
        key = draw(st.sampled_from(["duration_days", "duration", None]))
        if key == "duration_days":
            row[key] = draw(st.one_of(st.floats(0, 2000), VALUES))
        elif key == "duration":
            row[key] = draw(st.one_of(DURATION, VALUES))
        for extra in draw(st.lists(st.sampled_from(["start", "label", "bogus"]), max_size=2, unique=True)):
            row[extra] = draw(st.one_of(DATE, VALUES))
        rows.append(row)
    doc = {draw(st.sampled_from(["phase", "phases"])): rows}
    for key in draw(st.lists(st.sampled_from(["start", "shielding_gcm2", "material", "solar_activity", "spe",
                                               "spe_phase", "unknown"]), max_size=3, unique=True)):
        doc[key] = draw(VALUES)
    return doc


@given(timeline_docs())
@example({"phase": [{"location": "deep_space", "duration_days": 180.0}], "spe_phase": 1})
def test_radiation_timeline_document(doc):
    from spaceplan.radiation.timeline import timeline_from_dict

    with spaceplan_error_or_result("radiation_timeline_document", "timeline"):
        phases, options = timeline_from_dict(doc)
        _check_phases(phases)
        if "shielding_gcm2" in options:
            assert math.isfinite(options["shielding_gcm2"]) and options["shielding_gcm2"] >= 0
        _check_dose(phases, "radiation_timeline_document")


@given(st.text(max_size=300))
@example('[[phase]]\nlocation = "deep_space"\nduration_days = 180\n')
def test_radiation_timeline_toml_text(text):
    from spaceplan.radiation.timeline import timeline_from_dict

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        doc = {"phase": []}
    with spaceplan_error_or_result("radiation_timeline_toml", "timeline"):
        _check_phases(timeline_from_dict(doc)[0])
