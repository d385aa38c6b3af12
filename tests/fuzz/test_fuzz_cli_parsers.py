"""Property tests of the CLI's small parsers: durations, steps (time windows), grids, date ranges,
orbits (``200x200``) and cadences (``6/yr``).

Each returns a value that passes its own invariants (finite, positive, inside the stated range)
or raises an InputError whose message starts with the CLI field it reads; never another exception.
Inputs: well-formed values with random numbers and units, the same with random edits, and free text.
"""

from __future__ import annotations

import math

from hypothesis import assume, example, given
from hypothesis import strategies as st

from fuzz_support import spaceplan_error_or_result
from spaceplan.core.errors import SpaceplanError

NUM = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers(-10**12, 10**12).map(str),
                st.floats(0, 1e4).map(lambda x: f"{x:g}"),
                st.sampled_from(["", ".", "0", "-0", "1e400", "nan", "inf", "١", "1_0", " 1 ", "0x1", "1.", ".5"]))
JUNK = st.text(max_size=20)


def _edits(base):
    return st.tuples(base, st.text(max_size=3), st.integers(0, 12)).map(lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:])


DURATIONS = st.one_of(st.tuples(NUM, st.sampled_from(["s", "sec", "m", "min", "h", "d", "day", "days", "y", "yr", "",
                                                         "w", "mo", "ms", "D", "H"])).map("".join), JUNK)


@given(st.one_of(DURATIONS, _edits(DURATIONS)))
@example("1e400s")
@example("nan")
def test_durations(text):
    from spaceplan.core.durations import parse_duration

    with spaceplan_error_or_result("durations", "--duration"):
        value = parse_duration(text, "--duration")
        assert math.isfinite(value) and value > 0


@given(st.one_of(DURATIONS, _edits(DURATIONS)), st.one_of(DURATIONS, _edits(DURATIONS)),
       st.one_of(st.dates().map(str), st.sampled_from(["2026-01-01", "2026-01-01T06:00", "1800-01-01", "2300-01-01"]),
                 JUNK))
@example("1d", "0.0001s", "2026-01-01")
@example("100y", "1s", "2026-01-01")
def test_steps(duration, step, start):
    """``--duration``/``--step``/``--start`` of the coverage and ground-track commands: the time grid."""
    from spaceplan.core.durations import parse_duration
    from spaceplan.cli.constellation import _window

    try:
        ratio = parse_duration(duration, "--duration") / parse_duration(step, "--step")
    except SpaceplanError:
        ratio = 0.0
    assume(ratio <= 1e5)  # bigger grids allocate up to the 1e7-step limit: a memory test, not a parser one
    with spaceplan_error_or_result("steps"):
        tdb, duration_s, step_s = _window(start, duration, step)
        assert len(tdb) >= 1 and step_s <= duration_s and all(map(math.isfinite, tdb[[0, -1]]))


GRIDS = st.one_of(st.tuples(NUM, st.sampled_from(["deg", "°", "d", "", " deg", "rad"])).map("".join), JUNK)


@given(st.one_of(GRIDS, _edits(GRIDS)))
@example("0.05deg")
def test_grids(text):
    from spaceplan.cli.constellation import parse_grid

    with spaceplan_error_or_result("grids", "--grid"):
        value = parse_grid(text)
        assert 0.05 <= value <= 30 and abs(round(180 / value) * value - 180) < 1e-6


DATES = st.one_of(st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()),
                  st.sampled_from(["2026-08-01", "2027-01-31", "2026-02-30", "1899-07-28", "2053-10-10", "2026-13-01",
                                   "2026-08-01T12:00", "2026-08-01Z", "now"]), JUNK)


@given(st.one_of(st.tuples(DATES, st.sampled_from([":", "/", "..", " "]), DATES).map("".join), _edits(
    st.tuples(DATES, st.just(":"), DATES).map("".join)), JUNK))
@example("2026-08-01:2027-01-31")
@example("2026-08-01T00:00/2026-08-02T00:00")
def test_date_ranges(text):
    from spaceplan.cli._common import parse_date_range
    from spaceplan.core.time import utc_to_tdb

    with spaceplan_error_or_result("date_ranges", "--depart"):
        start, end = parse_date_range("--depart", text)
        t0, t1 = utc_to_tdb(start), utc_to_tdb(end)
        assert math.isfinite(t0) and math.isfinite(t1) and t1 > t0


ORBITS = st.one_of(st.tuples(NUM, st.sampled_from(["x", "X", "*", "", "xx"]), NUM).map("".join), NUM,
                   st.sampled_from(["gto", "GTO", "leo", "200x200", "185x35786"]), JUNK)


@given(st.one_of(ORBITS, _edits(ORBITS)), st.floats(allow_nan=True, allow_infinity=True))
@example("200x200", 28.5)
@example("nanxnan", 28.5)
def test_orbits(text, inclination_deg):
    from spaceplan.launch.ascent import parse_orbit

    with spaceplan_error_or_result("orbits"):
        orbit = parse_orbit(text, inclination_deg)
        assert 100e3 <= orbit.perigee_alt_m <= orbit.apogee_alt_m <= 1e9
        assert 0.0 <= orbit.inclination_rad <= math.pi


RATES = st.tuples(NUM, st.sampled_from(["/yr", "/month", "/week", "/y", "/mo", "/wk", "", "/day", "/"]),
                  st.one_of(st.just(""), st.tuples(st.just("@"), NUM).map("".join))).map("".join)
CADENCES = st.one_of(st.lists(RATES, min_size=1, max_size=4).map(",".join), JUNK)


@given(st.one_of(CADENCES, _edits(CADENCES)))
@example("6/yr,12/yr@nan")
@example("6/yr,12/yr@inf")
@example("6/yr")
def test_cadences(text):
    from spaceplan.constellation.deployment import parse_cadence

    with spaceplan_error_or_result("cadences", "cadence"):
        ramp = parse_cadence(text)
        assert ramp and ramp[0][0] == 0.0
        years = [y for y, _ in ramp]
        assert years == sorted(years) and all(math.isfinite(y) and y >= 0 for y in years)
        assert all(math.isfinite(r) and r > 0 for _, r in ramp)


@given(st.one_of(RATES.map(lambda t: t.split("@")[0]), JUNK, st.floats(allow_nan=True, allow_infinity=True)))
@example("6/yr")
@example("nan/yr")
@example("5e-324/yr")  # underflowed to a rate of 0 per second
@example(float("inf"))
def test_rates(text):
    """``core.durations.parse_rate``, the one rate parser (``24/yr``, ``2/month``) behind ``--cadence``."""
    from spaceplan.core.durations import parse_rate

    with spaceplan_error_or_result("rates", "--cadence"):
        value = parse_rate(text, "--cadence")
        assert math.isfinite(value) and value > 0
