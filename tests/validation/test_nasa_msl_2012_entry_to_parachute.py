"""Mars Science Laboratory entry (2012-08-06) vs NASA's published entry and parachute-deploy states.

References:
* D. W. Way, J. L. Davis, J. D. Shidner, "Assessment of the Mars Science Laboratory entry, descent, and landing
  simulation", AAS 13-420 (2013): entry interface 125 km, relative speed 5.845 km/s.
* NASA/JPL "Final Minutes of Curiosity's Arrival at Mars" (science.nasa.gov resource): the parachute deploys about
  240 s after entry at about 10 km altitude and about 470 m/s (an example case, stated as such).
Inputs (MSL, published design values): entry mass 3,257 kg, L/D 0.24, ballistic coefficient ~146 kg/m^2 (as used in
NASA entry studies of MSL), nose radius 1.125 m, flight path angle -15.5 deg; flown lift-up (no bank guidance).
The atmosphere is the exponential NASA Mars Fact Sheet profile, not the MSL-day reconstruction.

* NASA/JPL, "Curiosity Has Landed" (mars.nasa.gov resource 20060, 2012-08-06), the EDL commentary read from the
  live telemetry: "we are seeing G's on the order of 11 or 12 Earth G's" -- the peak deceleration, taken here as
  11.5 g.  (The reconstructions, Way et al. 2013 and Karlgaard et al. 2014, were searched for in the stored
  references: only their abstracts and introductions are readable, without the peak-g figure.)
Inputs (MSL, published design values): entry mass 3,257 kg, L/D 0.24, ballistic coefficient ~146 kg/m^2 (as used in
NASA entry studies of MSL), nose radius 1.125 m, flight path angle -15.5 deg; flown lift-up (no bank guidance).
The atmosphere is the exponential NASA Mars Fact Sheet profile, not the MSL-day reconstruction.

Tolerances fixed before comparing: speed at 10 km within 15 %, time to 10 km within 15 %, peak deceleration within
15 % of 11.5 g (the issue's tolerance) for the lift-up case this file flies; peak deceleration below the 15 g design
load.  Result: lift-up 9.0 g, -22 %, a strict xfail: MSL flew bank angles away from lift-up (range control), which
steepens the descent and raises the peak; our constant-bank model brackets the reported value between lift-up
(9.0 g) and a 90 deg bank (11.9 g), checked as a second, weaker statement.
"""

import pytest

from spaceplan.missions.mars_entry import EntryVehicle, fly_entry


PEAK_G_REPORTED = 11.5  # "on the order of 11 or 12 Earth G's" (NASA/JPL landing commentary)


def _msl(bank_deg=0.0):
    return fly_entry(EntryVehicle("MSL", 3_257.0, 146.0, 0.24, 1.125, bank_deg=bank_deg), 5_845.0, -15.5,
                     end_altitude_m=10e3)


def test_nasa_msl_2012_speed_at_parachute_altitude():
    r = _msl()
    assert r.captured
    assert r.end_speed_m_s == pytest.approx(470.0, rel=0.15)
    assert r.peak_deceleration_g < 15.0


@pytest.mark.xfail(strict=True, reason="flown lift-up without MSL's bank guidance the capsule lofts: 356 s to 10 km "
                                       "against NASA's ~240 s (+48 %)")
def test_nasa_msl_2012_time_to_parachute_altitude():
    assert _msl().time_s == pytest.approx(240.0, rel=0.15)


@pytest.mark.xfail(strict=True, reason="lift-up without MSL's bank guidance: peak 9.0 g against the ~11.5 g reported "
                                       "(-22 %, tolerance 15 %)")
def test_nasa_msl_2012_peak_deceleration():
    assert _msl().peak_deceleration_g == pytest.approx(PEAK_G_REPORTED, rel=0.15)


def test_nasa_msl_2012_peak_deceleration_between_lift_up_and_lift_neutral():
    """The reported peak lies between our lift-up (0 deg) and lift-neutral (90 deg bank) entries: the bank angles
    MSL's guidance flew lie between them."""
    assert _msl(0.0).peak_deceleration_g < PEAK_G_REPORTED < _msl(90.0).peak_deceleration_g
