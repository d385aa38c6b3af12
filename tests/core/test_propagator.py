"""Cowell propagator: zonal accelerations against the potential, energy, events, thrust, drag table."""

import math

import numpy as np
import pytest

from spaceplan.core import propagator as P
from spaceplan.core.constants import EARTH_GM, EARTH_J2, EARTH_J3, EARTH_J4, EARTH_RADIUS
from spaceplan.core.errors import InputError
from spaceplan.core.nrlmsis import DensityTable


def _potential(r):
    """Zonal geopotential U (J2..J4) with Legendre polynomials, independent of the kernel's closed forms."""
    x, y, z = r
    rn = math.sqrt(x * x + y * y + z * z)
    s = z / rn
    p2 = 0.5 * (3 * s * s - 1)
    p3 = 0.5 * (5 * s ** 3 - 3 * s)
    p4 = (35 * s ** 4 - 30 * s * s + 3) / 8
    q = EARTH_RADIUS / rn
    return EARTH_GM / rn * (1 - EARTH_J2 * q ** 2 * p2 - EARTH_J3 * q ** 3 * p3 - EARTH_J4 * q ** 4 * p4)


def test_zonal_accelerations_are_the_gradient_of_the_potential():
    f = P.rhs(P.ForceModel())
    for r in ([6.8e6, 1.2e6, 3.1e6], [-2.0e6, 5.5e6, -4.4e6], [1.0e6, -0.5e6, 6.9e6]):
        r = np.array(r)
        acc = f(0.0, np.concatenate([r, [0, 0, 0], [1.0]]))[3:6]
        grad = np.array([(_potential(r + e) - _potential(r - e)) / 2.0 for e in np.eye(3)])
        assert acc == pytest.approx(grad, rel=1e-7, abs=1e-10)


def test_two_body_energy_is_conserved_at_60_s_steps():
    r, v = P.circular_state(400e3, math.radians(51.6))
    tr = P.propagate(r, v, 1000.0, 0.0, 10 * 86400.0, force=P.ForceModel(zonal=0), output_every=600)
    rr = np.linalg.norm(tr.state[:, :3], axis=1)
    vv = np.linalg.norm(tr.state[:, 3:6], axis=1)
    energy = vv ** 2 / 2 - EARTH_GM / rr
    assert np.ptp(energy) / abs(energy[0]) < 1e-11


def _flat_table(rho, h_scale=60e3):
    alts = np.array([100e3, 300e3, 500e3, 700e3])
    log_rho = np.log(rho) - (alts - 400e3) / h_scale
    return DensityTable(0.0, 86400.0, alts, np.vstack([log_rho, log_rho]), 0.9, 50, ())


def test_stop_altitude_event_is_located_to_a_millisecond():
    r, v = P.circular_state(250e3, 0.9)
    force = P.ForceModel(cd_area=50.0, density=_flat_table(3e-12))
    tr = P.propagate(r, v, 500.0, 0.0, 200 * 86400.0, force=force, output_every=1440, stop_altitude=200e3)
    assert tr.stopped
    assert tr.altitude[-1] == pytest.approx(200e3, abs=5.0)
    assert tr.t[-1] == pytest.approx(tr.stop_time)


def test_tangential_thrust_changes_mass_and_energy():
    r, v = P.circular_state(400e3, 0.9)
    burns = np.array([[0.0, 600.0, 1000.0, 300.0]])
    tr = P.propagate(r, v, 10_000.0, 0.0, 600.0, step=10.0, force=P.ForceModel(zonal=0, burns=burns))
    dm = tr.state[0, 6] - tr.state[-1, 6]
    assert dm == pytest.approx(1000.0 * 600.0 / (300.0 * 9.80665), rel=1e-9)
    # impulse ~ thrust * t / m: the orbit's energy rises by ~ v dv
    rr = np.linalg.norm(tr.state[:, :3], axis=1)
    vv = np.linalg.norm(tr.state[:, 3:6], axis=1)
    e = vv ** 2 / 2 - EARTH_GM / rr
    dv = 300 * 9.80665 * math.log(tr.state[0, 6] / tr.state[-1, 6])
    assert (e[-1] - e[0]) == pytest.approx(np.linalg.norm(v) * dv, rel=0.01)


def test_bad_inputs_are_named():
    r, v = P.circular_state(400e3, 0.9)
    with pytest.raises(InputError, match="mass"):
        P.propagate(r, v, 0.0, 0.0, 100.0)
    with pytest.raises(InputError, match="r0"):
        P.propagate([1e6, 0, 0], v, 1.0, 0.0, 100.0)
    with pytest.raises(InputError, match="zonal"):
        P.propagate(r, v, 1.0, 0.0, 100.0, force=P.ForceModel(zonal=5))
