"""Curtis (2020) "Orbital Mechanics for Engineering Students", 4th ed., example 5.2
(Lambert's problem, algorithm 5.2) and its continuation (orbital elements of the transfer).

r1 = (5000, 10000, 2100) km, r2 = (-14600, 2500, 7000) km, dt = 1 h, prograde,
mu = 398600 km^3/s^2.  Published: v1 = (-5.9925, 1.9254, 3.2456) km/s,
v2 = (-3.3125, -4.1966, -0.38529) km/s; elements h = 80470 km^2/s, a = 20000 km,
e = 0.4335, i = 30.19 deg, RAAN = 44.60 deg, argp = 30.71 deg, theta1 = 350.8 deg.
Tolerance: half a unit in the last published digit (+ 1e-9 slack for rounding at the edge).
"""

import numpy as np

from spaceplan.core.kepler import state_to_elements
from spaceplan.core.lambert import solve_lambert

MU = 398600e9


def test_curtis_2020_example_5_2_lambert():
    r1 = np.array([5000.0, 10000.0, 2100.0]) * 1e3
    r2 = np.array([-14600.0, 2500.0, 7000.0]) * 1e3
    sol = solve_lambert(r1, r2, 3600.0, MU)
    np.testing.assert_allclose(sol.v1 / 1e3, [-5.9925, 1.9254, 3.2456], atol=5e-5 + 1e-9)
    np.testing.assert_allclose(sol.v2[:2] / 1e3, [-3.3125, -4.1966], atol=5e-5 + 1e-9)
    np.testing.assert_allclose(sol.v2[2] / 1e3, -0.38529, atol=5e-6 + 1e-9)

    el = state_to_elements(r1, sol.v1, MU)
    h = np.linalg.norm(np.cross(r1, sol.v1)) / 1e6
    assert abs(h - 80470) <= 5
    assert abs(el.a / 1e3 - 20000) <= 5  # published "20 000 km" (4 s.f.)
    assert abs(el.e - 0.4335) <= 5e-5
    assert abs(np.degrees(el.i) - 30.19) <= 5e-3
    assert abs(np.degrees(el.raan) - 44.60) <= 5e-3
    assert abs(np.degrees(el.argp) - 30.71) <= 5e-3
    assert abs(np.degrees(el.nu) - 350.8) <= 5e-2
