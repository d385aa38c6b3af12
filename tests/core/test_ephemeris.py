"""DE421 access: frames, chains, vectorization and range errors."""

import numpy as np
import pytest

from spaceplan.core.constants import AU, MARS, SUN
from spaceplan.core.ephemeris import position, span_tdb, state
from spaceplan.core.errors import EphemerisRangeError, UnknownNameError
from spaceplan.core.time import utc_to_tdb


def test_shapes_follow_epochs():
    t = np.linspace(0.0, 1e8, 12).reshape(3, 4)
    r, v = state("Mars", t)
    assert r.shape == v.shape == (3, 4, 3)


def test_velocity_is_derivative_of_position():
    t0, h = utc_to_tdb("2026-11-23"), 60.0
    _, v = state("earth", t0)
    numeric = (position("earth", t0 + h) - position("earth", t0 - h)) / (2 * h)
    np.testing.assert_allclose(v, numeric, rtol=1e-9)


def test_mars_orbit_is_keplerian_to_first_order():
    # Vis-viva with DE421's GM_sun holds to the size of planetary perturbations (~1e-3).
    t = np.linspace(*span_tdb(), 2000)[1:-1]
    r, v = state("mars", t)
    rn, vn = np.linalg.norm(r, axis=-1), np.linalg.norm(v, axis=-1)
    a = 1.0 / (2.0 / rn - vn**2 / (SUN.gm + MARS.gm))
    assert np.allclose(a / AU, 1.52368, rtol=2e-3)


def test_outside_span_is_a_clear_error():
    with pytest.raises(EphemerisRangeError, match="1899-07-29 to 2053-10-09"):
        state("mars", utc_to_tdb("2060-01-01"))
    with pytest.raises(EphemerisRangeError):
        state("mars", np.array([0.0, np.nan]))


def test_unknown_body():
    with pytest.raises(UnknownNameError, match="Vulcan"):
        state("Vulcan", 0.0)
