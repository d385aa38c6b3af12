"""Chang'E-4 Lunar Lander Neutron and Dosimetry (LND) experiment (Zhang et al. 2020, Science Advances
6:eaaz1334, "First measurements of the radiation dose on the lunar surface").

Published: dose equivalent 1369 +/- 221 uSv/day (absorbed 13.2 +/- 1 uGy/h in silicon, neutral particles
3.1 +/- 0.5 uGy/h) on the lunar far side during the first lunar days after the 2019-01-03 landing, near
the cycle 24/25 solar minimum.  Tolerance: the published 1-sigma.  LND sits on the lander deck behind
~1 g/cm^2.  This measurement is one of the two used to fit the model normalization (gcr.toml): a
consistency check of 2-pi shadowing + albedo + solar-cycle scaling between 2012 and 2019.
"""

import pytest

from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import Phase, mission_dose


def test_change4_lnd_lunar_surface_dose():
    t0, t1 = utc_to_tdb("2019-01-04"), utc_to_tdb("2019-03-01")
    d = mission_dose([Phase("lunar_surface", t1 - t0, t0)], shielding_gcm2=1.0)
    assert d.phases[0].rate_sv_per_day * 1e6 == pytest.approx(1369.0, abs=221.0)
