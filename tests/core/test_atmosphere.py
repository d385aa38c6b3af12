"""USSA76 model behaviour: layers, continuity, vectorisation, range errors."""

import numpy as np
import pytest

from spaceplan.core import atmosphere as atm
from spaceplan.core.errors import InputError


def test_sea_level_and_vectorised():
    t, p, rho, a = atm.atmosphere(0.0)
    assert (t, p) == (288.15, 101325.0)
    assert rho == pytest.approx(1.225, rel=1e-4)
    z = np.linspace(0, 300e3, 33).reshape(3, 11)
    assert atm.density(z).shape == (3, 11)
    assert np.all(np.diff(atm.pressure(np.linspace(0, 1e6, 400))) < 0)  # pressure falls monotonically


def test_continuous_at_layer_boundaries_and_86_km():
    for zb in (11_019.0, 20_063.0, 32_162.0, 47_350.0, 51_413.0, 71_802.0):  # geometric heights of layer bases
        lo, hi = atm.pressure(zb - 1.0), atm.pressure(zb + 1.0)
        assert hi < lo and (lo - hi) / lo < 1e-3
    # the layered model and the table meet at 86 km within the neglected molecular-weight change (< 2 %)
    assert atm.density(85_999.0) == pytest.approx(atm.density(86_000.0), rel=0.02)


def test_out_of_range_raises():
    with pytest.raises(InputError, match="altitude_m"):
        atm.density(-6000.0)
    with pytest.raises(InputError):
        atm.density(np.array([0.0, np.nan]))
    with pytest.raises(InputError):
        atm.temperature(2.0e6)
