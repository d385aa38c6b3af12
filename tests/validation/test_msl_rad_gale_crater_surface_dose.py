"""MSL/RAD on the surface at Gale crater (Hassler et al. 2014, Science 343:1244797, "Mars' surface radiation
environment measured with the Mars Science Laboratory's Curiosity rover").

Published: GCR dose equivalent 0.64 +/- 0.12 mSv/day and absorbed dose 0.21 +/- 0.04 mGy/day over ~300 sols
from 2012-08-07; column depth ~20-22 g/cm^2 CO2 above Gale.  A PREDICTION (the model is calibrated on the
MSL cruise only): slant columns through the atmosphere, 2-pi shadowing, albedo share, modulation W of
the dates.  RAD looks up through its own thin housing: shielding 0 g/cm^2.

Tolerances fixed before comparing: dose equivalent within 10 % (issue 22's requirement, tighter than the
published 19 %); absorbed dose the published 1-sigma.  The absorbed dose misses: the ion transport
leaves out secondary neutrons and target fragments, so its mean Q falls too fast with depth (Q ~ 2 vs the
measured 3.05) and D = H/Q comes out high; recorded as a strict xfail with the number.

Issue 24 finding 6: weaker solar modulation must give MORE dose on the Martian surface than RAD's
2012-13 measurement (the old model gave 0.57-0.61 mSv/day at weak modulation, below 0.64).
"""

import pytest

from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import Phase, mission_dose


def _gale(**kw):
    t0, t1 = utc_to_tdb("2012-08-07"), utc_to_tdb("2013-06-01")
    return mission_dose([Phase("mars_surface", t1 - t0, t0)], shielding_gcm2=0.0, **kw)


def test_msl_rad_gale_crater_surface_dose():
    assert _gale().phases[0].rate_sv_per_day * 1e3 == pytest.approx(0.64, rel=0.10)


@pytest.mark.xfail(strict=True, reason="absorbed dose 0.32 mGy/day vs 0.21 +/- 0.04: transported Q too low at depth "
                                       "(no neutrons or target fragments)")
def test_msl_rad_gale_crater_surface_absorbed_dose():
    d = _gale()
    assert d.total_absorbed_gy * 1e3 / d.duration_days == pytest.approx(0.21, abs=0.04)


def test_issue24_finding6_weak_modulation_gives_more_mars_surface_dose():
    measured_era = _gale().phases[0].rate_sv_per_day
    weak = _gale(solar_activity="min").phases[0].rate_sv_per_day
    assert weak > measured_era and weak * 1e3 > 0.64
