"""Observed ISS (NORAD 25544) free decay from public element sets against our King-Hele decay, 2016-2025.

Sources (provenance in ``data/README.md``): 2016 February-April, daily CelesTrak/NORAD element sets
archived by the GitHub project natronics/ISS-TLE-Propagation; 2021 January-2022 March, the Space-Track
style 3LE history in rtphokie/issheight (``zarya.txt``); 2024 September-2025 March, CelesTrak GP/OMM
records (JSON) archived every six hours by JasonBernstein1/iss_tle.  Every TLE line passes its checksum
and the revolution numbers advance with the mean motion (no fabricated or copy-pasted sets).

Windows (chosen by a fixed rule, all kept, none hand-picked): consecutive element sets spanning 7-10
days (2016, 2024-25) or 12-20 days (2021, where the decay is ~10 m/day and a longer span beats the
TLE noise), with no set more than 50 m above the running minimum of the mean altitude (a reboost or
a docking push), starting >= 2 days after and ending >= 1 day before any such jump (an element set
fitted across a burn is biased).  The files keep at most one set per 12 h of each window.
Observed rate: least-squares slope of the mean altitude (SGP4 Kozai mean motion -> a, minus
``decay.mean_radius(i)``, as :func:`spaceplan.station.reentry.read_tles`); the sets scatter 6-20 m
about the fitted line in quiet windows (up to 90 m where the rate itself changed), so the slope is good
to a few per cent over these spans.  Ours: King-Hele, NRLMSIS 2.1, observed
space weather, the ISS preset (420 t, Cd 2.2 x 1,600 m^2 ASSUMED), started at the first set's mean
altitude, rate = altitude lost / span.

Tolerance, fixed before the comparison: ours within +-35 % of observed per window (NRLMSIS's ~15-25 %
density error plus the unknown attitude and solar-array feathering of the real station), and the same
for the median ratio of each period.  Windows outside it are xfail(strict) with their numbers: the
model is not tuned to pass.  Result (23 windows, 8 inside): median ours/observed 1.17 in 2016
(mean F10.7 92, 411 km, observed 25-70 m/day), 1.32 at the 2024-25 maximum (F10.7 195, 423 km,
observed 68-205 m/day) and 1.45 in January-August 2021 (F10.7 76, close to the 2017-2020 mean of
73; 426 km), when the real ISS lost only 8.5-13 m/day.  So at solar minimum our ~20-25 m/day at
410 km is not too low; if anything it is high, and the "50-150 m/day" band does not hold at minimum.
Window-to-window scatter (x0.6-1.9) is larger than the TLE noise: attitude, array feathering and
docked vehicles change the real drag area from week to week.
"""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from spaceplan.core.constants import EARTH_GM
from spaceplan.core.time import utc_to_tdb
from spaceplan.station import decay as D
from spaceplan.station.presets import load_station
from spaceplan.station.reentry import read_tles

DATA = Path(__file__).parent / "data"
TOL = 0.35
JUMP_M = 50.0


# (first, last) element-set epoch (UTC) of each window; a window's last set may be the next one's first
BOUNDS = [
    ("2016-02-20T21:27:01.190", "2016-03-01T14:18:16.079"),
    ("2016-03-08T14:35:40.890", "2016-03-18T13:59:39.764"),
    ("2016-03-18T13:59:39.764", "2016-03-28T13:11:25.787"),
    ("2016-03-28T13:11:25.787", "2016-04-06T10:09:17.591"),
    ("2016-04-20T17:46:23.494", "2016-04-29T21:21:28.446"),
    ("2021-01-01T05:19:37.382", "2021-01-20T17:44:33.863"),
    ("2021-01-25T00:04:51.339", "2021-02-13T21:12:19.290"),
    ("2021-02-13T21:12:19.290", "2021-03-05T16:24:53.102"),
    ("2021-04-06T05:43:38.126", "2021-04-25T15:48:18.705"),
    ("2021-05-06T21:21:49.531", "2021-05-20T00:58:04.447"),
    ("2021-05-28T03:56:02.450", "2021-06-13T01:05:29.293"),
    ("2021-06-28T04:42:28.376", "2021-07-18T03:17:59.623"),
    ("2021-07-30T02:44:54.794", "2021-08-18T21:16:21.573"),
    ("2021-10-15T21:30:02.261", "2021-11-04T17:05:17.206"),
    ("2021-11-21T14:07:20.000", "2021-12-03T20:52:54.405"),
    ("2024-09-15T00:58:12.885", "2024-09-24T06:35:05.465"),
    ("2024-10-20T12:16:47.753", "2024-10-30T04:19:21.664"),
    ("2024-11-28T16:46:01.183", "2024-12-08T13:30:06.429"),
    ("2024-12-08T13:30:06.429", "2024-12-18T02:45:19.429"),
    ("2024-12-28T20:21:22.765", "2025-01-07T20:21:08.894"),
    ("2025-01-17T06:34:14.815", "2025-01-27T04:46:25.576"),
    ("2025-02-04T15:01:42.849", "2025-02-13T22:17:54.457"),
    ("2025-03-02T08:46:02.783", "2025-03-09T09:21:09.148"),
]


def _element_sets():
    """(TDB s, mean altitude m) of every set in both files, in time order."""
    rows = [(e.epoch_tdb, e.mean_altitude) for e in read_tles(DATA / "iss_tle_2016_2021.tle")]
    for r in json.loads((DATA / "iss_omm_celestrak_2024_2025.json").read_text()):
        n = r["MEAN_MOTION"] * 2.0 * math.pi / 86400.0  # rev/day -> rad/s (Kozai, as in a TLE)
        a = (EARTH_GM / n ** 2) ** (1.0 / 3.0)
        rows.append((float(utc_to_tdb(np.datetime64(r["EPOCH"][:26]))),
                     a - D.mean_radius(math.radians(r["INCLINATION"]))))
    return np.array(sorted(rows))


def _windows():
    sets = _element_sets()
    out = {}
    for first, last in BOUNDS:
        t0, t1 = float(utc_to_tdb(np.datetime64(first))), float(utc_to_tdb(np.datetime64(last)))
        out[f"{first[:10]}_{last[:10]}"] = sets[(sets[:, 0] >= t0 - 1.0) & (sets[:, 0] <= t1 + 1.0)]
    return out


WINDOWS = _windows()

# (ours/observed) outside +-35 %, measured once with this file's code; strict: a change must be noticed
FAILS = {
    "2016-03-08_2016-03-18": "ours 45.6 vs observed 70.2 m/day (x0.65)",
    "2016-03-18_2016-03-28": "ours 39.6 vs observed 25.4 m/day (x1.56)",
    "2016-04-20_2016-04-29": "ours 34.5 vs observed 24.7 m/day (x1.40)",
    "2021-01-01_2021-01-20": "ours 15.7 vs observed 9.5 m/day (x1.64), solar minimum",
    "2021-01-25_2021-02-13": "ours 15.2 vs observed 10.4 m/day (x1.45), solar minimum",
    "2021-02-13_2021-03-05": "ours 17.7 vs observed 12.9 m/day (x1.38), solar minimum",
    "2021-04-06_2021-04-25": "ours 18.5 vs observed 10.3 m/day (x1.80), solar minimum",
    "2021-05-06_2021-05-20": "ours 15.9 vs observed 10.0 m/day (x1.59), solar minimum",
    "2021-05-28_2021-06-13": "ours 14.1 vs observed 9.7 m/day (x1.45), solar minimum",
    "2021-07-30_2021-08-18": "ours 12.8 vs observed 8.5 m/day (x1.50), solar minimum",
    "2021-11-21_2021-12-03": "ours 27.8 vs observed 46.0 m/day (x0.60)",
    "2024-11-28_2024-12-08": "ours 160.6 vs observed 105.7 m/day (x1.52)",
    "2024-12-08_2024-12-18": "ours 144.0 vs observed 100.1 m/day (x1.44)",
    "2025-02-04_2025-02-13": "ours 139.3 vs observed 94.0 m/day (x1.48)",
    "2025-03-02_2025-03-09": "ours 131.3 vs observed 68.4 m/day (x1.92)",
}
PERIOD_FAILS = {"2021": "median ours/observed 1.45 in 2021 (ours 13-18 vs observed 8.5-13 m/day Jan-Aug)"}


@pytest.fixture(scope="module")
def rates():
    iss = load_station("iss")
    out = {}
    for period in ("2016", "2021", "2024"):
        years = {"2016": ("2016",), "2021": ("2021",), "2024": ("2024", "2025")}[period]
        ws = {k: v for k, v in WINDOWS.items() if k[:4] in years}
        t_all = np.concatenate([v[:, 0] for v in ws.values()])
        h_max = max(v[:, 1].max() for v in ws.values())
        table = D.table_for(min(t_all) - 86400.0, max(t_all) + 86400.0, h_max + 2e3, iss.inclination, 50)
        for wid, rows in ws.items():
            t, h = rows[:, 0], rows[:, 1]
            observed = -np.polyfit((t - t[0]) / 86400.0, h, 1)[0]
            run = D.decay(iss, t[0], t[-1], 50, "king-hele", h[0] / 1e3, table=table)
            out[wid] = (period, t, h, observed, run.mean_rate_m_per_day())
    return out


def test_windows_are_free_decay():
    assert len(WINDOWS) == 23
    for wid, rows in WINDOWS.items():
        t, h = rows[:, 0], rows[:, 1]
        assert np.all(np.diff(t) > 0) and 7.0 <= (t[-1] - t[0]) / 86400.0 <= 20.0, wid
        assert np.all(h <= np.minimum.accumulate(h) + JUMP_M), wid  # no reboost inside
        assert h[-1] < h[0] - 100.0, wid  # a measurable loss, >= 3x the TLE noise


@pytest.mark.parametrize("wid", sorted(WINDOWS), ids=str)
def test_window_rate(wid, rates, request):
    if wid in FAILS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=FAILS[wid]))
    _, _, _, observed, ours = rates[wid]
    assert ours == pytest.approx(observed, rel=TOL)


@pytest.mark.parametrize("period", ["2016", "2021", "2024"])
def test_period_median(period, rates, request):
    if period in PERIOD_FAILS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=PERIOD_FAILS[period]))
    ratio = np.median([ours / obs for p, _, _, obs, ours in rates.values() if p == period])
    assert ratio == pytest.approx(1.0, abs=TOL)
