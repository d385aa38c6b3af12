"""Tiangong-1 (8,506 kg) reentry window from its TLE history and CMSE's published orbits.

Actual reentry: 2 April 2018 00:16 UTC +- 1 min over the South Pacific (US 18th Space Control Squadron;
CMSA: 00:15 UTC).  ESA Space Debris Office forecasts (IADC campaign): 25 March - 17 April 2018 as of
7 February (23 days), 30 March - 2 April as of 21 March (about 3 days).

Data: tests/validation/data/tiangong1_2017_2018.tle (NORAD 37820, checksums verified; provenance in
tests/validation/data/README.md): element sets of 2017-04-18, 2017-11-24, 2018-01-27 and 2018-02-15.
No genuine March 2018 element set could be found (those circulating in public code fail their
checksums), so the March forecast starts from the orbit the China Manned Space Engineering Office
published "as of 25 March" (208.1 x 224.3 km; tests/validation/data/tiangong1_cmse_bulletins.toml),
with B fitted from 27 January to that orbit.  The bulletin gives no hour, so both ends of that
Beijing-time day are tried.
"""

import tomllib
from pathlib import Path

import math
import pytest

from spaceplan.core.time import utc_to_tdb
from spaceplan.station.reentry import forecast, published_state, read_tles

DATA = Path(__file__).parent / "data"
ACTUAL = float(utc_to_tdb("2018-04-02T00:16"))
BULLETINS = tomllib.loads((DATA / "tiangong1_cmse_bulletins.toml").read_text())["bulletin"]


def _state(bulletin, epoch_key="epoch_utc"):
    return published_state(float(utc_to_tdb(bulletin[epoch_key])), bulletin["perigee_km"] * 1e3,
                           bulletin["apogee_km"] * 1e3, math.radians(bulletin["inclination_deg"]), bulletin["name"])


@pytest.fixture(scope="module")
def tles():
    return read_tles(DATA / "tiangong1_2017_2018.tle")


@pytest.fixture(scope="module")
def forecasts(tles):
    return {"2017-11-24": forecast(tles[:2]), "2018-01-27": forecast(tles[:3]), "2018-02-15": forecast(tles),
            "2018-03-25": [forecast(tles + [_state(BULLETINS[0], key)]) for key in ("epoch_utc", "epoch_latest_utc")]}


def test_esa_2018_tiangong1_reentry_window(forecasts):
    # the forecasts made with the 2018 element sets contain the actual reentry
    assert forecasts["2018-01-27"].contains(ACTUAL)
    assert forecasts["2018-02-15"].contains(ACTUAL)
    # as of 15 Feb the window is as wide as ESA's of 7 Feb (23 days) within a factor 1.5
    assert 23.0 / 1.5 < forecasts["2018-02-15"].width_days < 23.0 * 1.5
    # the fitted mass-to-area is that of a 8.5 t, ~10 m x 3.35 m tumbling body (tens to ~200 kg/m^2)
    assert 30.0 < 1.0 / forecasts["2018-02-15"].ballistic_m2_kg < 300.0


def test_esa_2018_tiangong1_window_narrows_in_march(forecasts):
    # from CMSE's 25 March orbit: the window contains the reentry, whatever the hour of the bulletin
    march = forecasts["2018-03-25"]
    assert all(f.contains(ACTUAL) for f in march)
    # and it narrows as ESA's did: 36 -> 26 -> 23 days from the element sets, then ESA's ~3 days of
    # 21 March within a factor 2
    widths = [forecasts[k].width_days for k in ("2017-11-24", "2018-01-27", "2018-02-15")]
    widths += [max(f.width_days for f in march)]
    assert widths == sorted(widths, reverse=True) and len(set(widths)) == 4
    assert 3.0 / 2 < widths[-1] < 3.0 * 2
    # the March fit still describes the same body (m/CdA within 20 % of February's)
    assert march[0].ballistic_m2_kg == pytest.approx(forecasts["2018-02-15"].ballistic_m2_kg, rel=0.20)


@pytest.mark.xfail(strict=True, reason="below ~150 km the orbit-averaged King-Hele decay runs fast: from CMSE's "
                   "138.8 km orbit of 1 Apr 21:00 UTC we reach 120 km at 22:45-23:45 UTC, 31-91 min before the "
                   "actual reentry at 00:16 (CMSE predicted 00:11-01:33); the breakup near 80 km follows 120 km by minutes, not an hour")
def test_cmse_2018_tiangong1_last_bulletin(tles):
    last = forecast(tles[3:] + [_state(BULLETINS[0]), _state(BULLETINS[1])])
    assert last.contains(ACTUAL)
