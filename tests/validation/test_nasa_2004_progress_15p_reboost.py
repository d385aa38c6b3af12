"""Progress 15P reboost of the ISS, 17 November 2004: 1.6 m/s raised the mean altitude by ~2.9 km.

Source: NASA ISS On-Orbit Status Report, 19 November 2004 ("the reboost ... delta-V 1.6 m/s ...
mean altitude increased by 2.9 km").  ISS mean altitude then ~358 km (NASA status reports, Nov 2004).
Checked twice: Gauss's equation (da = 2 a dv / v) and a finite burn flown by the Cowell propagator
(Progress thrusters ~2.95 kN on the ~183 t ISS of 2004), orbit-mean altitude before vs after.
Tolerance: 5 % of 2.9 km.
"""

import math

import numpy as np
import pytest

from spaceplan.core import propagator as P
from spaceplan.station.decay import mean_radius
from spaceplan.station.reboost import altitude_gain

INC = math.radians(51.64)
H0 = 358e3


def test_nasa_2004_progress_15p_reboost():
    assert float(altitude_gain(1.6, H0, INC)) == pytest.approx(2.9e3, rel=0.05)
    mass, thrust, isp = 183_000.0, 2_950.0, 302.0
    dur = mass * 1.6 / thrust
    r, v = P.circular_state(H0 + mean_radius(INC) - 6_378_137.0, INC)
    period = 2 * math.pi * math.sqrt(np.linalg.norm(r) ** 3 / 3.986004418e14)
    every = int(round(period / 10.0))
    burns = np.array([[2 * every * 10.0, 2 * every * 10.0 + dur, thrust, isp]])
    tr = P.propagate(r, v, mass, 0.0, 6 * every * 10.0, step=10.0, force=P.ForceModel(burns=burns),
                     output_every=every)
    before, after = tr.mean_altitude[1], tr.mean_altitude[-1]
    assert after - before == pytest.approx(2.9e3, rel=0.05)
