"""Mars Science Laboratory entry (2012-08-06) vs NASA's published entry and parachute-deploy states.

References:
* D. W. Way, J. L. Davis, J. D. Shidner, "Assessment of the Mars Science Laboratory entry, descent, and landing
  simulation", AAS 13-420 (2013): entry interface 125 km, relative speed 5.845 km/s.
* NASA/JPL "Final Minutes of Curiosity's Arrival at Mars" (science.nasa.gov resource): the parachute deploys about
  240 s after entry at about 10 km altitude and about 470 m/s (an example case, stated as such).
Inputs (MSL, published design values): entry mass 3,257 kg, L/D 0.24, ballistic coefficient ~146 kg/m^2 (as used in
NASA entry studies of MSL), nose radius 1.125 m, flight path angle -15.5 deg; flown lift-up (no bank guidance).
The atmosphere is the exponential NASA Mars Fact Sheet profile, not the MSL-day reconstruction.

Not checked: MSL's peak deceleration.  The primary reconstructed value (Way et al. 2013; Karlgaard et al. 2014) was
not readable offline in this session; our model gives 9.0 g lift-up, 11.9 g at a 90 deg bank (MSL's guided bank
profile lies between), below the 15 g the hardware was designed for (Nature news, 2012).
Tolerances fixed before comparing: speed at 10 km within 15 %, time to 10 km within 15 %, peak deceleration below the
15 g design load.
"""

import pytest

from spaceplan.missions.mars_entry import EntryVehicle, fly_entry


def _msl():
    return fly_entry(EntryVehicle("MSL", 3_257.0, 146.0, 0.24, 1.125), 5_845.0, -15.5, end_altitude_m=10e3)


def test_nasa_msl_2012_speed_at_parachute_altitude():
    r = _msl()
    assert r.captured
    assert r.end_speed_m_s == pytest.approx(470.0, rel=0.15)
    assert r.peak_deceleration_g < 15.0


@pytest.mark.xfail(strict=True, reason="flown lift-up without MSL's bank guidance the capsule lofts: 356 s to 10 km "
                                       "against NASA's ~240 s (+48 %)")
def test_nasa_msl_2012_time_to_parachute_altitude():
    assert _msl().time_s == pytest.approx(240.0, rel=0.15)
