"""MSL/RAD cruise measurement (Zeitlin et al. 2013, Science 340:1080, "Measurements of energetic particle
radiation in transit to Mars on the Mars Science Laboratory").

Published: GCR dose-equivalent rate 1.84 +/- 0.33 mSv/day, absorbed 0.481 +/- 0.080 mGy/day, during the
cruise 2011-12-06 .. 2012-07-14 (SEP periods removed); 0.66 +/- 0.12 Sv for a 360-day round trip (180 days
each way) with comparable shielding.  Tolerance: the published 1-sigma.

Model set-up: the RAD shielding distribution is complex (most of the field of view lightly shielded, a
median near 16 g/cm^2 of spacecraft material); we use a single aluminium-equivalent depth of 16 g/cm^2.
Note: this measurement is one of the two used to fit the model's single normalization (gcr.toml), so
this test checks consistency, not independent prediction.
"""

import pytest

from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import Phase, mission_dose

DAY = 86400.0


def _cruise():
    t0, t1 = utc_to_tdb("2011-12-06"), utc_to_tdb("2012-07-14")
    return mission_dose([Phase("deep_space", t1 - t0, t0)], shielding_gcm2=16.0)


def test_msl_rad_cruise_dose():
    d = _cruise()
    rate_msv = d.phases[0].rate_sv_per_day * 1e3
    assert rate_msv == pytest.approx(1.84, abs=0.33)
    absorbed_mgy_per_day = d.total_absorbed_gy * 1e3 / (d.duration_days)
    assert absorbed_mgy_per_day == pytest.approx(0.481, abs=0.080)
    round_trip_sv = d.phases[0].rate_sv_per_day * 360.0
    assert round_trip_sv == pytest.approx(0.66, abs=0.12)
