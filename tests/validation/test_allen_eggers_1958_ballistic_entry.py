"""Peak deceleration of a steep ballistic entry vs the Allen & Eggers closed form (an independent solution).

Reference: H. J. Allen, A. J. Eggers, "A study of the motion and aerodynamic heating of ballistic missiles entering
the Earth's atmosphere at high supersonic speeds", NACA Report 1381 (1958): in an exponential atmosphere of scale
height H, a non-lifting body on a straight path at angle gamma peaks at a = V_E^2 sin|gamma| / (2 e H), whatever its
ballistic coefficient.  Valid where gravity and curvature are negligible (a steep entry) and the peak lies above the ground, at
h = H ln(rho0 H / (beta sin|gamma|)) > 0: beta < rho0 H / sin|gamma| = 345 kg/m^2 at 40 deg on Mars.
Tolerance fixed before comparing: 5 % (our integration keeps gravity and curvature).
"""

import math

import pytest

from spaceplan.core.constants import G0
from spaceplan.missions.mars_entry import SCALE_HEIGHT_M, EntryVehicle, fly_entry


@pytest.mark.parametrize("beta", [50.0, 100.0])
def test_allen_eggers_1958_peak_deceleration(beta):
    v, gamma = 6_000.0, -40.0
    closed = v ** 2 * math.sin(math.radians(-gamma)) / (2 * math.e * SCALE_HEIGHT_M) / G0
    ours = fly_entry(EntryVehicle("ballistic", 1_000.0, beta, 0.0, 1.0), v, gamma, end_altitude_m=0.0,
                     dt_s=0.05).peak_deceleration_g
    assert ours == pytest.approx(closed, rel=0.05)
