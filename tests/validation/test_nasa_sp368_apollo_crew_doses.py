"""Apollo crew doses (NASA SP-368, "Biomedical Results of Apollo", 1975, sec. II ch. 3, Bailey:
"Radiation protection and instrumentation", Table 2: mean crew skin doses from personal TLDs per
mission, Apollo 7-17: 0.16-1.14 rad = 1.6-11.4 mGy; Apollo 11: 0.18 rad = 1.8 mGy; the belt transits
are a modest part of the lunar-mission doses except on Apollo 14, whose trajectory crossed the heart of
the belts).

A PREDICTION (calibration: MSL/RAD cruise only).  Apollo 11-like flight (launch 1969-07-16): a
Keplerian trans-lunar coast from a 334 km perigee (C3 -1.5 km^2/s^2, 31.4 deg) sampled for 8 h through
the belts, 2.9 days translunar, 2.48 days in lunar orbit, 2.3 days transearth, an 8 h inbound conic
through the belts to entry; command-module shielding 7.5 g/cm^2 aluminium (assumption: the CM's mean
areal density).  Tolerances fixed before comparing: the mission absorbed dose inside the published
Apollo range 1.6-11.4 mGy widened by 15 % (1.36-13.1 mGy); the belt-transit share of the absorbed dose
between 0 and 0.5 (SP-368: belt transits are not the dominant part for Apollo 11-like geometry);
against Apollo 11's own 1.8 mGy within 15 % it misses (~2.3 mGy, +29 %; strict xfail with the number).
"""

import pytest

from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import Phase
from spaceplan.radiation import trajectory as tj
from spaceplan.radiation.mission import Track, dose_timeline

DAY = 86400.0


@pytest.fixture(scope="module")
def apollo11():
    t_out, r_out = tj.conic_from_perigee(float(utc_to_tdb("1969-07-16T16:22:00")), 334e3, 31.4, -1.5e6, 8 * 3600.0,
                                         n_samples=600)
    t_in, r_in = tj.conic_from_perigee(float(utc_to_tdb("1969-07-24T16:50:00")) - 8 * 3600.0, 120e3, 40.0, -1.5e6,
                                       8 * 3600.0, n_samples=600, outbound=False)
    items = [Track("translunar injection coast", t_out, r_out), Phase("deep_space", 2.9 * DAY, label="translunar"),
             Phase("lunar_orbit", 2.48 * DAY), Phase("deep_space", 2.3 * DAY, label="transearth"),
             Track("return to entry", t_in, r_in)]
    return dose_timeline(items, shielding_gcm2=7.5)


def test_nasa_sp368_apollo_mission_dose_range(apollo11):
    assert 1.6 / 1.15 <= apollo11.absorbed_gy * 1e3 <= 11.4 * 1.15


def test_nasa_sp368_apollo_belt_share(apollo11):
    belts = sum(i.absorbed_gy for i in apollo11.items if i.kind == "track")
    assert 0.0 < belts / apollo11.absorbed_gy < 0.5


@pytest.mark.xfail(strict=True, reason="Apollo 11 predicted ~2.3 mGy vs 1.8 mGy TLD (+29 %)")
def test_nasa_sp368_apollo11_dose(apollo11):
    assert apollo11.absorbed_gy * 1e3 == pytest.approx(1.8, rel=0.15)
