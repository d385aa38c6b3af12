"""MSL/RAD on the surface at Gale crater (Hassler et al. 2014, Science 343:1244797, "Mars' surface radiation
environment measured with the Mars Science Laboratory's Curiosity rover").

Published: GCR dose equivalent 0.64 +/- 0.12 mSv/day and absorbed dose 0.21 +/- 0.04 mGy/day over ~300 sols
from 2012-08-07 (solar maximum of cycle 24); column depth ~20-22 g/cm^2 CO2 above Gale.
Tolerance: the published 1-sigma.  This measurement is NOT used to fit the model: it tests the atmosphere
transport (slant columns, 2-pi shadowing, albedo share) against the cruise-calibrated free-space model.
RAD looks up through only its own thin housing: shielding 0 g/cm^2.
"""

import pytest

from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import Phase, mission_dose


def test_msl_rad_gale_crater_surface_dose():
    t0, t1 = utc_to_tdb("2012-08-07"), utc_to_tdb("2013-06-01")
    d = mission_dose([Phase("mars_surface", t1 - t0, t0)], shielding_gcm2=0.0)
    assert d.phases[0].rate_sv_per_day * 1e3 == pytest.approx(0.64, abs=0.12)
    assert d.total_absorbed_gy * 1e3 / d.duration_days == pytest.approx(0.21, abs=0.04)
