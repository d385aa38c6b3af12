"""ISS free-decay rate at ~410 km across solar cycles 24-25 against NASA's figures.

Source: NASA, ISS Reference Guide / ISS status reports: the station "loses about 2 km of altitude a month"
(~67 m/day) to drag at its operating altitude of ~400-420 km; decay rates of ~50-150 m/day over the
cycle.  Ours: King-Hele with NRLMSIS 2.1 and observed space weather, the ISS preset (420 t, Cd 2.2 x
1,600 m^2 ASSUMED), two months from 1 January of every year 2014-2025 at 410 km.
Tolerances: the cycle mean within 30 % of 2 km/month; the cycle mean inside 50-150 m/day; solar-maximum
winters (2014, 2024) inside 50-200 m/day.  Stated, not hidden: in the deep minimum of 2017-2021 our
rates fall to ~20-25 m/day, below the quoted lower bound.  Observed element sets explain it
(test_iss_tle_observed_decay.py): in January-August 2021 (F10.7 76, close to the 2017-2020 mean of 73) the real ISS
lost only 8.5-13 m/day at 426 km (ours: 1.25-1.8 times that), so the 50 m/day lower bound does not
describe solar minimum (it is about the rate at moderate activity: 25-70 m/day observed at 411 km in
2016, F10.7 92).
"""

import numpy as np
import pytest

from spaceplan.core.time import utc_to_tdb
from spaceplan.station import decay as D
from spaceplan.station.presets import load_station


def test_nasa_iss_decay_2km_per_month():
    iss = load_station("iss")
    table = D.table_for(float(utc_to_tdb("2014-01-01")), float(utc_to_tdb("2026-01-01")), 420e3, iss.inclination, 50)
    rates = {}
    for year in range(2014, 2026):
        run = D.decay(iss, float(utc_to_tdb(f"{year}-01-01")), float(utc_to_tdb(f"{year}-03-01")), 50, "king-hele",
                      410.0, table=table)
        rates[year] = run.mean_rate_m_per_day()
    mean = float(np.mean(list(rates.values())))
    assert mean * 30.44 / 1e3 == pytest.approx(2.0, rel=0.30)
    assert 50.0 <= mean <= 150.0
    assert 50.0 <= rates[2014] <= 200.0 and 50.0 <= rates[2024] <= 200.0
    assert min(rates.values()) < 50.0 < max(rates.values())  # the cycle spans the quoted band
