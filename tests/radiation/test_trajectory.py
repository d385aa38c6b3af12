"""Dose along trajectories: conics, circular orbits, geomagnetic cutoff, L-shell belt days."""

import numpy as np
import pytest

from spaceplan.core.constants import EARTH_GM, EARTH_MEAN_RADIUS
from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import trajectory as tj

T0 = float(utc_to_tdb("2019-06-01"))


def test_conic_energy_and_perigee():
    for c3 in (-1.5e6, 12.0e6):
        t, r = tj.conic_from_perigee(T0, 300e3, 28.5, c3, 3 * 3600.0, n_samples=200)
        rad = np.linalg.norm(r, axis=1)
        assert rad[0] == pytest.approx(EARTH_MEAN_RADIUS + 300e3, rel=1e-9)
        assert np.all(np.diff(rad) > 0)
        v = np.gradient(r, t, axis=0)[100]
        energy = 0.5 * (v @ v) - EARTH_GM / rad[100]
        assert 2 * energy == pytest.approx(c3, rel=2e-2)
    t, r = tj.conic_from_perigee(T0, 300e3, 28.5, -1.5e6, 3600.0, n_samples=50, outbound=False)
    assert t[-1] == pytest.approx(T0 + 3600.0) and np.linalg.norm(r[-1]) == pytest.approx(EARTH_MEAN_RADIUS + 300e3)


def test_cutoff_transmission_monotone():
    tr = tj.cutoff_transmission(20.0, 30.0, np.array([0.0, 1.0, 3.0, 6.0, 12.0]))
    assert tr[0] == pytest.approx(1.0) and np.all(np.diff(tr) < 0) and tr[-1] < 0.2


def test_polar_orbit_gets_more_gcr_than_iss_inclination():
    """Issue 22 (ROS at 97 deg vs 51.6 deg): a polar orbit spends time at low cutoff rigidity."""
    out = {}
    for inc in (51.6, 97.0):
        t, r = tj.circular_orbit(T0, 420e3, inc, 6 * 3600.0, 120.0)
        out[inc] = tj.dose_along(t, r, 20.0)
    assert out[97.0].gcr_sv > 1.3 * out[51.6].gcr_sv


def test_belt_days_use_l_shell_and_flux_not_altitude():
    """Issue 24 finding 13: an equatorial orbit at 3,000 km sits in the inner belt; at 400 km (same L
    band at the equator, below the mirror points) it does not."""
    for alt, inside in ((3000e3, True), (400e3, False)):
        t, r = tj.circular_orbit(T0, alt, 0.0, 3 * 3600.0, 300.0) if alt <= 2000e3 else _high_orbit(alt)
        days = tj.dose_along(t, r, 5.0).belt_days()["inner_belt_days"]
        assert (days > 0.9 * (t[-1] - t[0]) / 86400.0) == inside


def _high_orbit(alt):
    t = T0 + np.arange(0.0, 3 * 3600.0 + 1, 300.0)
    a = EARTH_MEAN_RADIUS + alt
    u = np.sqrt(EARTH_GM / a**3) * (t - T0)
    return t, np.stack([a * np.cos(u), a * np.sin(u), 0 * u], axis=1)


def test_bad_trajectories_refused():
    with pytest.raises(InputError):
        tj.dose_along([T0, T0 + 1], np.zeros((2, 3)))
    with pytest.raises(InputError):
        tj.circular_orbit(T0, 50e3, 51.6, 3600.0)
