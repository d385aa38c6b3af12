"""Curtis (2020) "Orbital Mechanics for Engineering Students", 4th ed., example 3.7
(algorithm 3.4: state after dt with the universal-variable Kepler equation).

r0 = (7000, -12124, 0) km, v0 = (2.6679, 4.6210, 0) km/s, dt = 1 h, mu = 398600 km^3/s^2.
Published: r = (-3297.77, 7413.4, 0) km, v = (-8.2976, -0.964045, 0) km/s.
Tolerance: half a unit in the last published digit (+ 1e-9 slack).
"""

import numpy as np

from spaceplan.core.kepler import propagate


def test_curtis_2020_example_3_7_universal_kepler():
    r, v = propagate(np.array([7000.0, -12124.0, 0.0]) * 1e3, np.array([2.6679, 4.6210, 0.0]) * 1e3, 3600.0, 398600e9)
    assert abs(r[0] / 1e3 - -3297.77) <= 5e-3
    assert abs(r[1] / 1e3 - 7413.4) <= 5e-2
    assert abs(r[2]) < 1e-6
    assert abs(v[0] / 1e3 - -8.2976) <= 5e-5
    assert abs(v[1] / 1e3 - -0.964045) <= 5e-7 + 1e-9
