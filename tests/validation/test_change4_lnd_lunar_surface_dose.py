"""Chang'E-4 Lunar Lander Neutron and Dosimetry (LND) experiment (Zhang et al. 2020, Science Advances
6:eaaz1334, "First measurements of the radiation dose on the lunar surface").

Published: dose equivalent 1369 +/- 221 uSv/day, absorbed 13.2 +/- 1 uGy/h in silicon (neutral particles
3.1 +/- 0.5 uGy/h) on the lunar far side in the first lunar days after the 2019-01-03 landing, near the
cycle 24/25 solar minimum.  LND sits on the lander deck behind ~1 g/cm^2.

A PREDICTION since issue 22 (formerly one of the two fit points of the old model's normalization; now
the model is calibrated on MSL/RAD cruise only).  Tolerances fixed before comparing: the published
1-sigma (221 uSv/day = 16 %; 1 uGy/h = 7.6 %, so 15 % = 1.98 uGy/h is used for silicon).
Both currently miss, recorded as strict xfails with the numbers: the dose equivalent is 35 % high and
the silicon dose 19 % low, i.e. the transported field's mean Q at 1 g/cm^2 (~7 in water) is well
above LND's 4.3: the ISO 15390 spectra modulated by W (2019: W ~ 10) give more low-energy heavy ions
than LND saw.
"""

import pytest

from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import Phase, mission_dose
from spaceplan.radiation import environments, spectrum


def _span():
    return utc_to_tdb("2019-01-04"), utc_to_tdb("2019-03-01")


@pytest.mark.xfail(strict=True, reason="predicted ~1850 uSv/day vs 1369 +/- 221 (+35 %)")
def test_change4_lnd_lunar_surface_dose():
    t0, t1 = _span()
    d = mission_dose([Phase("lunar_surface", t1 - t0, t0)], shielding_gcm2=1.0)
    assert d.phases[0].rate_sv_per_day * 1e6 == pytest.approx(1369.0, abs=221.0)


@pytest.mark.xfail(strict=True, reason="predicted ~10.7 uGy/h in silicon vs 13.2 +/- 1 (-19 %)")
def test_change4_lnd_silicon_absorbed_dose_rate():
    t0, t1 = _span()
    import numpy as np

    w = float(np.mean(spectrum.w_at(np.linspace(t0, t1, 10))))
    si_ugy_h = float(environments.rate_w("lunar_surface", 1.0, "aluminium", w, "si")) * 1e6 / 24.0
    assert si_ugy_h == pytest.approx(13.2, abs=0.15 * 13.2)
