"""Edelbaum LEO -> GEO with plane change, Kechichian (1997) formulation.

Reference values: poliastro / hapsira test suite (``test_leo_geo_numerical``, from Kechichian 1997,
J. Guid. Control Dyn. 20(5)): a0 = 7,000 km, af = 42,166 km, f = 3.5e-7 km/s^2, mu = 398,600 km^3/s^2:
  28.5 deg -> dv 5.78378 km/s, 191.26295 d (rel 1e-5);  90 deg -> 10.13 km/s, 335.0 d (rel 1e-2)."""

import numpy as np
import pytest

from spaceplan.propulsion.edelbaum import edelbaum

MU = 398_600e9


@pytest.mark.parametrize("inc_deg, dv_km_s, tof_d, rtol", [(28.5, 5.78378, 191.26295, 1e-5),
                                                           (90.0, 10.13, 335.0, 1e-2)])
def test_kechichian_1997_edelbaum_leo_geo(inc_deg, dv_km_s, tof_d, rtol):
    t = edelbaum(7000e3, 42166e3, np.radians(inc_deg), 3.5e-4, MU)
    assert float(t.dv_m_s) / 1e3 == pytest.approx(dv_km_s, rel=rtol)
    assert float(t.tof_s) / 86400 == pytest.approx(tof_d, rel=rtol)
