"""Mars Science Laboratory entry (2012-08-06) vs NASA's published entry and parachute-deploy states.

References:
* D. W. Way, J. L. Davis, J. D. Shidner, "Assessment of the Mars Science Laboratory entry, descent, and landing
  simulation", AAS 13-420 (2013): entry interface 125 km, relative speed 5.845 km/s.
* NASA/JPL "Final Minutes of Curiosity's Arrival at Mars" (science.nasa.gov resource): the parachute deploys about
  240 s after entry at about 10 km altitude and about 470 m/s (an example case, stated as such).
* NASA/JPL, "Curiosity Has Landed" (mars.nasa.gov resource 20060, 2012-08-06), the EDL commentary read from the
  live telemetry: "we are seeing G's on the order of 11 or 12 Earth G's" -- the peak deceleration, taken here as
  11.5 g.  (The reconstructions, Way et al. 2013 and Karlgaard et al. 2014, were searched for in the stored
  references: only their abstracts and introductions are readable, without the peak-g figure.)
* G. F. Mendeck, L. E. Craig, "Entry guidance for the 2011 Mars Science Laboratory mission" (AIAA 2011-6639, NTRS
  20110003649): MSL flew the Entry Terminal Point Controller -- prebank until 0.2 Earth g of sensed drag, range
  control by bank modulation, heading alignment -- to a parachute-deploy state, not a lift-up entry.

Inputs (MSL, published design values): entry mass 3,257 kg, L/D 0.24, ballistic coefficient ~146 kg/m^2 (as used in
NASA entry studies of MSL), nose radius 1.125 m, flight path angle -15.5 deg.  The atmosphere is the exponential
NASA Mars Fact Sheet profile, not the MSL-day reconstruction.

Guided entry (:mod:`spaceplan.missions.entry_guidance`): prebank at the reference bank to 0.2 g, range control
(numerical predictor-corrector on the bank magnitude) aiming at the reference trajectory's downrange at the deploy
speed, bank magnitude held below 1,100 m/s, bank reversals at a crossrange deadband (3 reversals; instantaneous, so
the vertical lift and the peak are those of the planar flight).  CALIBRATION: the reference bank is the constant bank
whose nominal trajectory slows to NASA's deploy speed (470 m/s) at NASA's deploy altitude (10 km): 59.9 deg.  The
deploy state is therefore not a validation; the validations are the other numbers.

Tolerances fixed before comparing (never widened): peak deceleration within 15 % of 11.5 g (the issue's
tolerance); time from entry to parachute deploy within 15 % of 240 s; lift-up speed at 10 km within 15 % of 470 m/s
and peak below the 15 g design load.  Calibration consistency (not a validation): the guided flight reaches 470 m/s
within 0.3 km of 10 km.

| quantity | ours | published | source | verdict |
|---|---|---|---|---|
| peak deceleration, guided | 10.3 g | ~11.5 g ("11 or 12") | JPL landing commentary | -10 %, pass (15 %) |
| time to deploy, guided | 193 s | ~240 s | NASA/JPL "Final Minutes" | -20 %, strict xfail |
| deploy state, guided | 470 m/s at 10.06 km, 0.8 km from the target | ~470 m/s at ~10 km | NASA/JPL "Final Minutes" | calibration |
| peak deceleration, lift-up | 9.0 g | ~11.5 g | JPL landing commentary | -22 %, strict xfail (comparison) |
| time to 10 km, lift-up | 356 s | ~240 s | NASA/JPL "Final Minutes" | +48 %, strict xfail (comparison) |
| speed at 10 km, lift-up | 463 m/s | ~470 m/s | NASA/JPL "Final Minutes" | -1.5 %, pass |

Why the time to deploy misses: the exponential fact-sheet atmosphere is too dense high up -- our drag reaches 0.2 g
32 s after entry where MSL's did after 46 s (Lakdawalla, "The Design and Engineering of Curiosity", 2018) -- so the
deceleration pulse comes early and the calibrated reference (which must slow to 470 m/s by 10 km in this
atmosphere) is steeper than MSL's.  The lift-up cases are kept as the documented comparison: lift-up lofts
(356 s) and peaks lower (9.0 g); the guided bank (~60 deg) steepens the descent and raises the peak.
"""

import dataclasses

import pytest

from spaceplan.missions.entry_guidance import EntryGuidance, reference_bank
from spaceplan.missions.mars_entry import EntryVehicle, fly_entry


PEAK_G_REPORTED = 11.5  # "on the order of 11 or 12 Earth G's" (NASA/JPL landing commentary)
DEPLOY_SPEED, DEPLOY_ALTITUDE, DEPLOY_TIME = 470.0, 10e3, 240.0  # NASA/JPL "Final Minutes" example case
MSL = EntryVehicle("MSL", 3_257.0, 146.0, 0.24, 1.125)


def _msl(bank_deg=0.0):
    return fly_entry(dataclasses.replace(MSL, bank_deg=bank_deg), 5_845.0, -15.5, end_altitude_m=10e3)


def _guided():
    bank = reference_bank(MSL, 5_845.0, -15.5, DEPLOY_SPEED, DEPLOY_ALTITUDE)
    return fly_entry(MSL, 5_845.0, -15.5, end_altitude_m=0.0, guidance=EntryGuidance(bank, DEPLOY_SPEED))


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


def test_nasa_msl_2012_guided_entry_reaches_the_calibrated_deploy_state():
    """Calibration consistency, not a validation: the guided flight ends at 470 m/s near 10 km, on target."""
    r = _guided()
    assert r.captured and r.end_speed_m_s == pytest.approx(DEPLOY_SPEED)
    assert r.end_altitude_m == pytest.approx(DEPLOY_ALTITUDE, abs=300.0)
    assert abs(r.guidance["downrange_error_m"]) < 1_000.0 and r.warnings == ()


def test_nasa_msl_2012_guided_peak_deceleration():
    assert _guided().peak_deceleration_g == pytest.approx(PEAK_G_REPORTED, rel=0.15)


@pytest.mark.xfail(strict=True, reason="guided (reference bank 59.9 deg calibrated on 470 m/s at 10 km): 193 s to "
                                       "deploy against NASA's ~240 s (-20 %, tolerance 15 %); the fact-sheet "
                                       "exponential atmosphere is too dense high up (0.2 g at 32 s vs MSL's 46 s)")
def test_nasa_msl_2012_guided_time_to_parachute_deploy():
    assert _guided().time_s == pytest.approx(DEPLOY_TIME, rel=0.15)
