"""King-Hele eccentric-orbit decay kernel: the circular limit, the quadrature, and the Cowell propagator on the same
drag (two-body + drag, equatorial so the table's height is the propagator's height)."""

import math

import numpy as np
import pytest

from spaceplan.core import king_hele_eccentric_kernel as K
from spaceplan.core import nrlmsis
from spaceplan.core import propagator as P
from spaceplan.core.constants import DAY, EARTH_GM, EARTH_RADIUS, EARTH_ROTATION_RATE
from spaceplan.core.density_kernel import table_density
from spaceplan.core.time import utc_to_tdb
from spaceplan.station import decay as D

T0 = float(utc_to_tdb("2021-04-29"))


@pytest.fixture(scope="module")
def table():
    return nrlmsis.density_table(T0 - DAY, T0 + 40 * DAY, 100e3, 600e3, 0.0, 50, step_days=1.0)


def test_circular_limit_is_the_king_hele_circular_decay(table):
    re = D.mean_radius(0.0)
    h0, bc = 250e3, 1.0 / 60.0
    t, h, hit, t_hit = D.king_hele_run(re + h0, T0, T0 + 40 * DAY, D.REENTRY_ALTITUDE,
                                       float(D.rotation_factor(h0 + re - EARTH_RADIUS, 0.0)), bc, re, table)
    _, _, e, hit_e, t_hit_e = D.eccentric_run(re + h0, 0.0, T0, T0 + 40 * DAY, D.REENTRY_ALTITUDE, 0.0, bc, re, table)
    assert hit and hit_e and np.all(e < 1e-12)  # stays circular (to rounding)
    assert (t_hit_e - T0) == pytest.approx(t_hit - T0, rel=1e-3)


@pytest.mark.parametrize("perigee_km, e", [(160.0, 0.005), (160.0, 0.016), (160.0, 0.028),
                                           (180.0, 0.6), (150.0, 0.73)])  # ... a GTO stage (review finding)
def test_quadrature_matches_a_fine_sum(table, perigee_km, e):
    inc, bc, re = math.radians(41.5), 1.0 / 80.0, D.mean_radius(math.radians(41.5))
    a = (EARTH_RADIUS + perigee_km * 1e3) / (1.0 - e) if e > 0.1 else EARTH_RADIUS + 270e3
    da, de = K.eccentric_rates(T0, a, e, math.cos(inc), bc, EARTH_GM, re, EARTH_ROTATION_RATE, table.t0, table.dt,
                               table.alt, table.log_rho)
    c = np.cos((np.arange(20_000) + 0.5) / 20_000 * math.pi)
    r, q = a * (1 - e * c), np.sqrt((1 + e * c) / (1 - e * c))
    f = (1 - r * EARTH_ROTATION_RATE * math.cos(inc) / (math.sqrt(EARTH_GM / a) * q)) ** 2
    rho = np.array([table_density(T0, x - re, table.t0, table.dt, table.alt, table.log_rho) for x in r])
    assert da == pytest.approx(-bc * math.sqrt(EARTH_GM * a) * np.mean(f * rho * q * (1 + e * c)), rel=2e-4)
    assert de == pytest.approx(-bc * (1 - e * e) * math.sqrt(EARTH_GM / a) * np.mean(f * rho * q * c), rel=2e-4)
    assert de < 0  # drag circularises


def _osculating(state):
    r, v = state[:3], state[3:6]
    rn, vn = np.linalg.norm(r), np.linalg.norm(v)
    a = 1.0 / (2.0 / rn - vn * vn / EARTH_GM)
    e_vec = ((vn * vn - EARTH_GM / rn) * r - (r @ v) * v) / EARTH_GM
    return a, np.linalg.norm(e_vec)


def test_eccentric_decay_matches_cowell_with_the_same_drag(table):
    """A CZ-5B-like orbit, 160 x 370 km, m/(Cd A) 80 kg/m^2, three days: a and e lost within 3 % of Cowell's
    (60 s DOP853, two-body + drag on the same table)."""
    re = EARTH_RADIUS  # equatorial: the propagator's ellipsoid height is r - R_eq
    rp, ra = re + 160e3, re + 370e3
    a0, e0 = 0.5 * (rp + ra), (ra - rp) / (ra + rp)
    mass, bc = 1000.0, 1.0 / 80.0
    r0, v0 = np.array([rp, 0.0, 0.0]), np.array([0.0, math.sqrt(EARTH_GM * (2 / rp - 1 / a0)), 0.0])
    days = 3.0
    tr = P.propagate(r0, v0, mass, T0, days * DAY, step=60.0,
                     force=P.ForceModel(cd_area=bc * mass, density=table, zonal=0), output_every=1)
    assert not tr.stopped
    last_orbit = tr.t > tr.t[-1] - 2 * math.pi * math.sqrt(a0 ** 3 / EARTH_GM)
    a1, e1 = np.mean([_osculating(s) for s in tr.state[last_orbit]], axis=0)
    t_mid = float(np.mean(tr.t[last_orbit]))
    t, h, e, hit, _ = D.eccentric_run(a0, e0, T0, t_mid, 0.0, 0.0, bc, re, table)
    assert not hit
    a_kh = float(np.interp(t_mid, t, h)) + re
    e_kh = float(np.interp(t_mid, t, e))
    assert a0 - a_kh == pytest.approx(a0 - a1, rel=0.03)
    assert e0 - e_kh == pytest.approx(e0 - e1, rel=0.03)
    assert a0 - a1 > 10e3
