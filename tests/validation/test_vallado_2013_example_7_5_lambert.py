"""Vallado (2013) "Fundamentals of Astrodynamics and Applications", 4th ed., example 7-5
(Lambert's problem, universal variables, p. 497 in 4th ed.).

r0 = 15945.34 I km, r = 12214.83899 I + 10249.46731 J km, dt = 76 min, short way,
mu = 398600.4418 km^3/s^2.  Published: v0 = 2.058913 I + 2.915965 J km/s,
v = -3.451565 I + 0.910315 J km/s.  Tolerance: 1e-6 km/s (one unit in the last published
digit; Vallado iterates universal variables to ~1e-6).
"""

import numpy as np

from spaceplan.core.lambert import solve_lambert

MU = 398600.4418e9


def test_vallado_2013_example_7_5_lambert():
    r1 = np.array([15945.34, 0.0, 0.0]) * 1e3
    r2 = np.array([12214.83899, 10249.46731, 0.0]) * 1e3
    sol = solve_lambert(r1, r2, 76 * 60.0, MU)  # prograde = short way here (h along +z)
    np.testing.assert_allclose(sol.v1 / 1e3, [2.058913, 2.915965, 0.0], atol=1e-6)
    np.testing.assert_allclose(sol.v2 / 1e3, [-3.451565, 0.910315, 0.0], atol=1e-6)
