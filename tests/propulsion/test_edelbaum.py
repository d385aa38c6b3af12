import numpy as np
import pytest

from spaceplan.core.errors import InputError
from spaceplan.propulsion.edelbaum import edelbaum, edelbaum_history

MU = 3.986004418e14


def test_coplanar_limit_is_difference_of_circular_speeds_without_nan():
    t = edelbaum(np.array([7000e3, 7000e3]), 42166e3, np.array([0.0, 1e-12]), 1e-4, MU)
    assert np.all(np.isfinite(t.dv_m_s)) and np.all(np.isfinite(t.beta0_rad))
    assert t.dv_m_s[0] == pytest.approx(np.sqrt(MU / 7000e3) - np.sqrt(MU / 42166e3))
    assert t.dv_m_s[1] == pytest.approx(t.dv_m_s[0], rel=1e-12)


def test_vectorized_batch_and_pure_plane_change():
    a = np.full(1000, 7000e3)
    t = edelbaum(a, a, np.linspace(0, 0.5, 1000), 1e-4, MU)
    v = np.sqrt(MU / 7000e3)
    # same radius: dV = 2 V sin(pi/4 di) (Edelbaum's pi/2 factor)
    assert np.allclose(t.dv_m_s, 2 * v * np.sin(np.pi / 4 * t.delta_i_rad), rtol=1e-12, atol=1e-9)


def test_history_ends_on_target():
    t = edelbaum(7000e3, 42166e3, np.radians(28.5), 3.5e-4, MU)
    h = edelbaum_history(t, 50)
    assert h["a_m"][-1] == pytest.approx(42166e3, rel=1e-9)
    assert h["delta_i_rad"][-1] == pytest.approx(np.radians(28.5), rel=1e-9)
    assert h["a_m"][0] == pytest.approx(7000e3)


def test_bad_input():
    with pytest.raises(InputError, match="accel"):
        edelbaum(7000e3, 42166e3, 0.1, -1.0, MU)
    with pytest.raises(InputError, match="delta_i"):
        edelbaum(7000e3, 42166e3, 3.0, 1e-4, MU)
