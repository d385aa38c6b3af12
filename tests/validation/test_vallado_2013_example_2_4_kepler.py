"""Vallado (2013) "Fundamentals of Astrodynamics and Applications", 4th ed., example 2-4
(algorithm 8, KEPLER with universal variables).

r0 = 1131.340 I - 2282.343 J + 6672.423 K km, v0 = -5.64305 I + 4.30333 J + 2.42879 K km/s,
dt = 40 min, mu = 398600.4418 km^3/s^2.  Published: r = -4219.7527 I + 4363.0292 J
- 3958.7666 K km, v = 3.689866 I - 1.916735 J - 6.112511 K km/s.
Tolerance: one unit in the last published digit (1e-4 km, 1e-6 km/s).
"""

import numpy as np

from spaceplan.core.kepler import propagate


def test_vallado_2013_example_2_4_kepler():
    r0 = np.array([1131.340, -2282.343, 6672.423]) * 1e3
    v0 = np.array([-5.64305, 4.30333, 2.42879]) * 1e3
    r, v = propagate(r0, v0, 40 * 60.0, 398600.4418e9)
    np.testing.assert_allclose(r / 1e3, [-4219.7527, 4363.0292, -3958.7666], atol=1e-4)
    np.testing.assert_allclose(v / 1e3, [3.689866, -1.916735, -6.112511], atol=1e-6)
