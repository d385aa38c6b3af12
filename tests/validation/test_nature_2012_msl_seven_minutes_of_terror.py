"""Mars Science Laboratory guided entry vs Nature's preflight EDL timeline ("Curiosity's 7 minutes of terror",
Nature news graphic, 2012).

Published timeline (times before landing, converted to seconds after entry at T-6:43): entry at 125 km and
5,900 m/s; peak heating T-5:28 = 75 s after entry; peak deceleration T-5:18 = 85 s after entry; parachute T-2:28 =
255 s after entry at 11 km and 405 m/s.

Model: :mod:`spaceplan.missions.entry_guidance` (prebank to 0.2 g, predictor-corrector range control, bank hold,
bank reversals) flying MSL (3,257 kg, beta 146 kg/m^2, L/D 0.24, 5,845 m/s at 125 km, -15.5 deg; as in
test_nasa_msl_2012_entry_to_parachute.py) in the NASA Mars Fact Sheet exponential atmosphere.

Calibration: the plan was to calibrate the reference bank on Nature's deploy state (405 m/s at 11 km); no constant
bank reaches it in our atmosphere (the highest altitude at 405 m/s is 9.4 km, at a 45 deg bank), which the first test
records.  The timeline is therefore compared with the guided flight calibrated on NASA's deploy state (470 m/s at
10 km, reference bank 59.9 deg) -- a choice made after that finding, with the tolerances below unchanged.

Tolerances fixed before comparing (never widened): time of peak deceleration within 15 % of 85 s; time from entry to
parachute within 15 % of 255 s.

| quantity | ours | Nature 2012 | verdict |
|---|---|---|---|
| peak deceleration, s after entry | 80 s | 85 s | -6 %, pass |
| parachute, s after entry | 193 s (470 m/s, 10.1 km) | 255 s (405 m/s, 11 km) | -24 %, strict xfail |
| deploy state 405 m/s at 11 km | unreachable (max 9.4 km) | -- | recorded |

The time to parachute misses for the reason given in test_nasa_msl_2012_entry_to_parachute.py: the exponential
fact-sheet atmosphere is too dense high up (0.2 g at 32 s after entry against MSL's 46 s).
"""

import numpy as np
import pytest

from spaceplan.core.errors import InfeasibleError
from spaceplan.missions.entry_guidance import EntryGuidance, reference_bank
from spaceplan.missions.mars_entry import EntryVehicle, fly_entry

MSL = EntryVehicle("MSL", 3_257.0, 146.0, 0.24, 1.125)


def _guided_nasa_calibrated():
    bank = reference_bank(MSL, 5_845.0, -15.5, 470.0, 10e3)
    return fly_entry(MSL, 5_845.0, -15.5, end_altitude_m=0.0, guidance=EntryGuidance(bank, 470.0))


def test_nature_2012_msl_deploy_state_is_out_of_reach_of_the_exponential_atmosphere():
    with pytest.raises(InfeasibleError, match="not reached"):
        reference_bank(MSL, 5_845.0, -15.5, 405.0, 11e3)


def test_nature_2012_msl_time_of_peak_deceleration():
    r = _guided_nasa_calibrated()
    assert float(r.trajectory[np.argmax(r.trajectory[:, 3]), 0]) == pytest.approx(85.0, rel=0.15)


@pytest.mark.xfail(strict=True, reason="193 s from entry to deploy against Nature's 255 s (-24 %, tolerance 15 %): "
                                       "the exponential atmosphere is too dense high up")
def test_nature_2012_msl_time_to_parachute():
    assert _guided_nasa_calibrated().time_s == pytest.approx(255.0, rel=0.15)
