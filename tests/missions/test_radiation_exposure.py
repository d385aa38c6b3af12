"""Missions layer: a propulsion spiral and station orbits handed to the radiation domain."""

import numpy as np
import pytest

from spaceplan.core.constants import EARTH_RADIUS
from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb
from spaceplan.missions import spiral_dose, spiral_track
from spaceplan.propulsion.spiral import spiral_escape
from spaceplan.radiation import trajectory as tj


@pytest.fixture(scope="module")
def fast_spiral():
    # a short, high-thrust Earth escape from 800 km (a few days): same code path as the Zeus spiral
    return spiral_escape("earth", EARTH_RADIUS + 800e3, 400.0, 30_000.0, 20_000.0)


def test_spiral_track_geometry(fast_spiral):
    tr = spiral_track(fast_spiral, 0.0, 51.6, max_points=500)
    assert len(tr.tdb) <= 500 and np.all(np.diff(tr.tdb) > 0)
    r = np.linalg.norm(tr.r_eci_m, axis=1)
    h = fast_spiral.history
    assert r[0] == pytest.approx(np.hypot(h[0, 1], h[0, 2]))
    k = np.argmax(np.abs(tr.r_eci_m[:, 2]))
    assert abs(tr.r_eci_m[k, 2]) / r[k] <= np.sin(np.radians(51.6)) + 1e-9


def test_thinned_track_dose_matches_full_history(fast_spiral):
    """Thinning the history to a few hundred samples keeps the trapped dose within 25 %."""
    t0 = float(utc_to_tdb("2030-01-01"))
    full = spiral_track(fast_spiral, t0, 51.6, max_points=4000)
    thin = spiral_track(fast_spiral, t0, 51.6, max_points=400)
    d_full = tj.dose_along(full.tdb, full.r_eci_m, 10.0)
    d_thin = tj.dose_along(thin.tdb, thin.r_eci_m, 10.0)
    assert d_thin.trapped_sv == pytest.approx(d_full.trapped_sv, rel=0.25)
    assert d_full.belt_days()["inner_belt_days"] > 0


def test_spiral_dose_is_a_timeline(fast_spiral):
    d = spiral_dose(fast_spiral, float(utc_to_tdb("2030-01-01")), 51.6, 10.0)
    assert d.total_sv > 0 and d.items[0].kind == "track"


def test_only_earth_spirals():
    mars = spiral_escape("mars", 3_389_500.0 + 500e3, 400.0, 30_000.0, 20_000.0)
    with pytest.raises(InputError):
        spiral_track(mars, 0.0, 0.0)
