"""Starlink Group 4-7 (launched 3 Feb 2022 18:13 UTC, 49 satellites, 38 lost): drag through the storm of 3-4 Feb.

Published:

* SpaceX, "Geomagnetic storm and recently deployed Starlink satellites" (update of 8 Feb 2022): deployed "into
  their intended orbit with a perigee of approximately 210 kilometers"; "onboard GPS suggests the escalation
  speed and severity of the storm caused atmospheric drag to increase up to 50 percent higher than during
  previous launches"; the satellites were put in safe mode "edge-on (like a sheet of paper)".
* Fang, T.-W. et al. (2022), Space Weather 20, e2022SW003193 (abstract): deployed "at an orbit altitude between
  210 and 320 km", 53.2 deg; models give a 35-60 % global storm-time enhancement at 200-300 km.
* Kataoka, R. et al. (2022), Space Weather (EarthArXiv 3208): "the mass density enhancement predicted by the
  NRLMSIS2.0 empirical model is less than 25 % under the present moderate magnetic storms".

Inputs: deployment 210 x 320 km at 53.2 deg on 3 Feb 2022 18:30 UTC; mass 260 kg (SpaceX's published Starlink
mass, "approximately 260 kg", Starlink mission press kit 2019; v1.5 is heavier: an assumption); Cd A = 2.2 x
2.0 m^2 edge-on (ASSUMPTION; the drag ratio does not depend on it).  Observed F10.7 and ap (bundled CelesTrak
record, which covers February 2022); quiet time = the same days with every ap at the median daily Ap of the 27
days before launch (spaceplan.station.storm).

Tolerance (fixed before the first run): the peak storm/quiet drag ratio at the perigee height, 3-9 Feb, is
1.50 +- 0.15 (SpaceX's "up to 50 %"); and the storm run loses more altitude than the quiet one.

Result of the first run (2026-12-07): quiet ap = 9; peak drag increase +9 % (on 4 Feb), mean altitude loss over
6 days 30.8 km against 30.4 km quiet.  NRLMSIS 2.1 driven by the daily Ap (its default) does not reproduce the
50 %: consistent with Kataoka et al.'s < 25 % for NRLMSIS 2.0; the physics-based models (GAIA, TIE-GCM) reach
35-60 %.  Kept as a strict xfail with these numbers.
"""

import numpy as np
import pytest

from spaceplan.core import space_weather
from spaceplan.station.storm import storm_decay


@pytest.fixture(scope="module")
def storm():
    return storm_decay(210.0, 320.0, 53.2, "2022-02-03T18:30", 6.0, 260.0, 2.2 * 2.0)


def test_bundled_space_weather_covers_february_2022():
    rec, _ = space_weather.load()
    day = rec.day.astype("datetime64[D]")
    sel = (day >= np.datetime64("2022-01-07")) & (day <= np.datetime64("2022-02-10"))
    assert sel.sum() == 35 and rec.observed[sel].all()
    # the storm days: daily Ap of 3 and 4 Feb 2022 above 25 (G1 conditions), quiet before
    ap = dict(zip(day[sel].astype(str), rec.ap_daily[sel]))
    assert ap["2022-02-03"] > 25 and ap["2022-02-04"] > 25


def test_spacex_2022_starlink_storm_decays_faster_than_quiet(storm):
    d = storm.to_dict()
    assert d["mean_altitude_loss_storm_km"] > d["mean_altitude_loss_quiet_km"]
    assert storm.peak_drag_ratio > 1.0


@pytest.mark.xfail(strict=True, reason="NRLMSIS 2.1 (daily Ap) gives a peak drag increase of +9 % on 4 Feb 2022 "
                   "against SpaceX's 'up to 50 %' (Kataoka et al. 2022: NRLMSIS 2.0 < 25 %; physics models 35-60 %)")
def test_spacex_2022_starlink_storm_drag_up_to_50_percent(storm):
    assert storm.peak_drag_ratio == pytest.approx(1.50, abs=0.15)
