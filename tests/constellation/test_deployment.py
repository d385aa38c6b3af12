"""Deployment campaigns: launches, differential-J2 drift, FOC dates."""

import math

import numpy as np
import pytest

from spaceplan.core.constants import DAY, JULIAN_YEAR
from spaceplan.core.time import utc_to_tdb
from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.constellation.deployment import (
    launch_epochs, load_launcher, parse_cadence, plan_deployment, raan_rate,
)
from spaceplan.constellation.shells import Constellation, WalkerShell


def test_parse_cadence():
    assert parse_cadence("24/yr") == [(0.0, 24.0)]
    assert parse_cadence("2/month") == [(0.0, 24.0)]
    assert parse_cadence("6/yr,12/yr@2") == [(0.0, 6.0), (2.0, 12.0)]
    with pytest.raises(InputError):
        parse_cadence("fast")
    with pytest.raises(InputError):
        parse_cadence("6/yr@1")
    with pytest.raises(InputError):
        parse_cadence("0/yr")


def test_launch_epochs_ramp():
    t = launch_epochs(0.0, [(0.0, 2.0), (1.0, 4.0)], 5)
    np.testing.assert_allclose(t / JULIAN_YEAR, [0, 0.5, 1.0, 1.25, 1.5])


def test_raan_rate_sun_synchronous_and_sign():
    # a 800 km sun-synchronous orbit needs i = 98.6 deg: +0.9856 deg/day
    assert math.degrees(raan_rate(800e3, math.radians(98.6))) * DAY == pytest.approx(0.9856, rel=0.01)
    assert raan_rate(300e3, math.radians(53)) < raan_rate(550e3, math.radians(53)) < 0


def test_one_plane_per_launch_has_no_drift_wait():
    sh = WalkerShell("s", 550e3, math.radians(53), 10, 22)
    c = Constellation("c", (sh,), key="x")
    d = plan_deployment(c, "falcon9", "12/yr", utc_to_tdb("2026-01-01"), satellite_mass_kg=800, sats_per_launch=22, raise_days=60)
    assert len(d.launch_tdb) == 10 and d.shells[0].max_drift_wait_s == 0.0
    assert d.foc_tdb - d.launch_tdb[-1] == pytest.approx(60 * DAY)
    assert d.operational_count(d.foc_tdb) == 220 and d.operational_count(d.start_tdb) == 0


def test_overflow_drifts_by_differential_j2():
    sh = WalkerShell("s", 550e3, math.radians(53), 4, 10)
    c = Constellation("c", (sh,), key="x")
    d = plan_deployment(c, "falcon9", "1/yr", utc_to_tdb("2026-01-01"), satellite_mass_kg=300, sats_per_launch=40, raise_days=0)
    rel = abs(raan_rate(300e3, sh.inclination_rad) - raan_rate(550e3, sh.inclination_rad))
    expected = 3 * (2 * math.pi / 4) / rel  # the last plane is three spacings away
    assert d.shells[0].max_drift_wait_s == pytest.approx(expected)
    assert d.foc_tdb - d.start_tdb == pytest.approx(expected)
    # 300 vs 550 km at 53 deg: ~0.62 deg/day apart, so 270 deg takes ~14 months
    assert 300 < expected / DAY < 600


def test_presets_and_errors():
    d = plan_deployment("rassvet_2027", "soyuz-2.1b", "6/yr", utc_to_tdb("2026-01-01")).to_dict()
    assert d["satellites"] == 288 and d["sats_per_launch"] == 17 and d["launches"] == 17
    assert d["years_to_foc"] > 2.5
    a = plan_deployment("rassvet_2027", "amur-lng", "10/yr", utc_to_tdb("2026-01-01")).to_dict()
    assert any("not expected to fly" in n for n in a["notes"])
    with pytest.raises(UnknownNameError):
        load_launcher("saturn-v")
    with pytest.raises(InputError):
        plan_deployment("rassvet_2027", "soyuz", "6/yr", satellite_mass_kg=9000)


def test_coverage_milestone_monotone_endpoint():
    from spaceplan.constellation.deployment import coverage_milestone

    camp = plan_deployment("rassvet_2027", "soyuz-2.1b", "6/yr", utc_to_tdb("2026-01-01"))
    m = coverage_milestone(camp, "rassvet_2027", "russia", threshold=0.99, grid_deg=10.0, samples=4,
                           window_s=1800.0, step_s=600.0)
    d = m.to_dict()
    assert d["samples"][0]["operational"] == 17
    assert d["reached_utc"] is None or d["samples"][-1]["coverage_fraction"] >= 0.99
    with pytest.raises(InputError):
        coverage_milestone(camp, "starlink_gen1")


def test_a_launch_serves_one_shell():
    """Launches never straddle shells (a 53 -> 70 deg split would need a ~2.3 km/s plane change):
    Starlink Gen1 on Falcon 9 takes the sum of per-shell launch counts."""
    import math

    from spaceplan.constellation.shells import load_constellation

    const = load_constellation("starlink_gen1")
    camp = plan_deployment(const, "falcon9", "24/yr")
    per_launch = camp.sats_per_launch
    assert sum(s.launches for s in camp.shells) == sum(math.ceil(s.count / per_launch) for s in const.shells)
    assert len(camp.launch_tdb) == sum(s.launches for s in camp.shells)


def test_no_differential_drift_is_a_clear_error():
    """Shell at the launcher's insertion altitude: the overflow would never reach its plane."""
    from spaceplan.constellation.deployment import load_launcher
    from spaceplan.constellation.shells import load_constellation

    lv = load_launcher("falcon9")
    const = load_constellation("starlink_gen1", altitude_km=lv.insertion_altitude_m / 1e3)
    with pytest.raises(InputError, match="launcher"):
        plan_deployment(const, lv, "24/yr")
