"""Starlink Group 4-7 (launched 3 Feb 2022 18:13 UTC, 49 satellites, 38 lost): drag through the storm of 3-4 Feb.

Published:

* SpaceX, "Geomagnetic storm and recently deployed Starlink satellites" (update of 8 Feb 2022): deployed "into
  their intended orbit with a perigee of approximately 210 kilometers"; "onboard GPS suggests the escalation
  speed and severity of the storm caused atmospheric drag to increase up to 50 percent higher than during
  previous launches"; the satellites were put in safe mode "edge-on (like a sheet of paper)".
* Fang, T.-W. et al. (2022), Space Weather 20, e2022SW003193 (abstract): deployed "at an orbit altitude between
  210 and 320 km", 53.2 deg; six empirical and physics models give a 35-60 % global storm-time enhancement at
  200-300 km (models differ by up to 70 %).
* Kataoka, R. et al. (2022), J. Space Weather Space Clim. 12, 41 (abstract): "the mass density enhancement
  predicted by the NRLMSIS2.0 empirical model is less than 25 % under the present moderate magnetic storms",
  the real-time GAIA simulation up to 50 %.
* Dang, T. et al. (2022), Space Weather 20, e2022SW003152: TIE-GCM, ~20 % at 210 km in the first storm,
  20-30 % globally (> 60 % regionally) in the second.
* Berger, T. E. et al. (2023), "The Thermosphere Is a Drag", Space Weather (abstract): NRLMSIS, JB08, HASDM,
  EUV occultation and accelerometer data show density "at least 20 %-30 % higher at 210 km relative to the 9
  days prior to the launch".
* "Thermospheric neutral density variation during the 'SpaceX' storm" (MAGE model), Space Weather (abstract):
  up to 150 % at ~200 km along the Starlink orbit near the second storm peak, where TIE-GCM, NRLMSIS 2.0 and
  DTM-2013 give ~50 %.
* Bruinsma, S., Boniface, C., Sutton, E. K., Fedrizzi, M. (2021), "Thermosphere modeling capabilities
  assessment: geomagnetic storms", J. Space Weather Space Clim. 11, 12 (13 storms, abstract): NRLMSISE-00
  "systematically and significantly underestimates the storm densities".

Two thermospheres: NRLMSIS 2.1 (storm-time 3-hourly ap) and JB2008 (Bowman et al. 2008, AIAA 2008-6438: the US
Space Force's operational empirical model, HASDM's base; storm driver the hourly dTc from Dst, solar drivers SET's
F10/S10/M10/Y10; spaceplan.core.jb2008, checked against Bowman's driver output to 0.005 %).  JB2008 was added on
2026-12-07 after the NRLMSIS run fell short; it was run once on the baseline and tolerances below, unchanged.

Inputs: deployment 210 x 320 km at 53.2 deg on 3 Feb 2022 18:30 UTC (SpaceX; Fang et al.); mass 260 kg
(SpaceX's published Starlink mass, "approximately 260 kg", Starlink mission press kit 2019; the v1.5 satellites
of 2022 are heavier: an assumption); Cd A = 2.2 x 2.0 m^2 edge-on (ASSUMPTION).  Neither enters the density
ratios, only the altitude losses.  Observed F10.7 and 3-hourly ap from the bundled CelesTrak record (AP1..AP8:
ap 32, 48, 56 on 3 Feb 03-12 UTC, 56 and 48 on 4 Feb 15-21 UTC; daily Ap 26 and 32), NRLMSIS 2.1 in its
storm-time mode (the 7-element ap history; spaceplan.station.storm).  Quiet time = the same days with every ap at
the median daily Ap of the 27 days before launch (9); for JB2008, every dTc at the median hourly dTc of the 27 days
before (50 K).  JB2008's indices: SET's SOLFSMY and DTCFILE (bundled excerpt; dTc on 3-4 Feb 85-146 K).

SpaceX's baseline (defined 2026-12-07 22:00 UTC, before the first run of this comparison): SpaceX compares with
"previous launches", not with the same days made quiet.  The previous launches are the two Group 4 launches before
4-7 to the same 53.2 deg shell: Starlink 4-5, 6 Jan 2022 21:49 UTC (Spaceflight Now and SpaceNews, 6 Jan 2022;
satellites released 15.5 min after lift-off) and Starlink 4-6, 19 Jan 2022 02:02 UTC (press reports of the
launch).  ASSUMPTION: both deployed into the same 210 x 320 km orbit as 4-7, 17 min after lift-off (as 4-7 is here).  Each batch is
propagated from its own deployment under the space weather observed on its own days (NRLMSIS 2.1, storm-time
3-hourly ap, observed F10.7; or JB2008 with its indices); the drag each batch feels is the density at its own perigee height per 3-hour node
after deployment.  Ratio(tau) = 4-7's density / the mean of 4-5's and 4-6's at the same time tau after deployment;
"up to" is the peak of the ratio over the 6 days.  Tolerance: the SpaceX one below (1.50 +- 0.15).

Tolerances (fixed before comparing; the SpaceX one before the first run of 2026-12-07):
* SpaceX: the peak ratio of 4-7's drag to the previous launches' drag (above) is 1.50 +- 0.15.  (Until
  2026-12-07 this tolerance was applied to the same days made quiet: +11.3 % then, +11.0 % now, the storm alone; kept below as the
  Kataoka check.)
* Kataoka et al.: NRLMSIS's own enhancement at ~200 km is below 25 %: 1.0 < peak ratio <= 1.25.  (Its result
  was known to be +11 % from the exploratory run that preceded this test: a consistency check of our NRLMSIS
  use against a published NRLMSIS run, not a blind one.)
* Berger et al.: the peak density at the perigee height over its mean in the 9 days before launch >= 1.20.

Results (2026-12-07; NRLMSIS 2.1 storm-time mode, its daily-Ap run of the same day gave +9 %; JB2008 hourly dTc):

| reference | published | NRLMSIS 2.1 | JB2008 | verdict |
|---|---|---|---|---|
| SpaceX, drag vs previous launches (4-5, 4-6) | up to +50 % (1.35-1.65) | peak +22.8 % (1.0 d after deployment, 4 Feb 18:30; +36 % vs 4-5, +19 % vs 4-6) | peak +39.1 % (1.375 d, 5 Feb 03:30; +58 % vs 4-5, +29 % vs 4-6; mean over 6 d +24 %) | JB2008: pass (the SpaceX test); NRLMSIS: outside (this row) |
| same days made quiet (the storm alone) | - | peak +11.0 % (4 Feb 18:30, 208 km) | peak +15.4 % (5 Feb 00:30, 207 km) | (Kataoka row for NRLMSIS) |
| Kataoka et al., NRLMSIS 2.0 | < +25 % | +11.0 % | - | pass |
| Berger et al., vs the 9 days prior | at least +20-30 % | +12.6 % (4 Feb 18:30) | +19.0 % (5 Feb 00:30) | strict xfail, both |
| mean-altitude loss over 6 days | - | 31.7 km storm, 31.0 km quiet | 35.2 km storm, 33.0 km quiet | pass, both (storm > quiet) |

What JB2008's +39 % is made of: the storm alone (same days made quiet) gives +15 %; the rest is the solar flux,
which rose between the launches (F10 91-104 around 6-19 Jan, 123-126 on 1-4 Feb) and which JB2008 weighs through
all four solar indices; against 4-5 (lowest flux) +58 %, against 4-6 +29 %.  SpaceX's satellites felt both, so
both belong in "higher than during previous launches"; the pass sits near the band's lower edge (1.391 vs 1.35).

Review of 2026-12-07 (tolerances unchanged): the tables now average each of the 8 orbit latitudes over all 8
local times (64 points, density_table(..., every_local_time=True)).  The 8-point average paired each latitude
with one local time that moves with UT: a UT ripple of +-3 % at 210 km in NRLMSIS 2.1 (+-0.5 % in JB2008) that did
not cancel between batches deployed at different UTs (18:30, 22:06, 02:19).  Old -> new: vs previous launches
NRLMSIS +26.6 -> +22.8 % (peak 0.875 -> 1.0 d; vs 4-5 +41 -> +36 %, vs 4-6 +24 -> +19 %), JB2008 +39.2 -> +39.1 %
(vs 4-5 +59 -> +58 %); same days quiet NRLMSIS +11.3 -> +11.0 %, JB2008 +15.3 -> +15.4 %; 9 days prior NRLMSIS
+14.8 -> +12.6 % (4 Feb 15:30 -> 18:30), JB2008 +19.3 -> +19.0 %; NRLMSIS losses 31.6/30.9 -> 31.7/31.0 km.  Verdicts
unchanged.  The JB2008 Sun is now of date, not J2000 (its effect here < 0.02 %).

Physical cause of NRLMSIS's shortfall: NRLMSIS is a climatology fitted to ap; at 200-210 km its storm response is
small (+15 % at most at any point of a 4-deg grid up to 53 deg latitude on 3-5 Feb, all of NRLMSISE-00, 2.0 and 2.1,
checked with pymsis) and the empirical models underestimate storm-time density (Bruinsma et al. 2021); the
physics-based models driven by the high-latitude energy input reach 35-60 % (Fang et al.), 50 % (GAIA) and
150 % (MAGE).  The orbit-averaged table also removes the regional peaks (Dang et al.: > 60 % regionally).
"""

import functools

import numpy as np
import pytest

from spaceplan.core import space_weather
from spaceplan.station.storm import MODELS, drag_vs_previous_launches, storm_decay

DEPLOYMENT = (210.0, 320.0, 53.2, "2022-02-03T18:30")
PREVIOUS_LAUNCHES = ("2022-01-06T22:06", "2022-01-19T02:19")  # Starlink 4-5 and 4-6, lift-off + 17 min


@functools.cache
def storm_run(model: str):
    """The 6-day storm and quiet runs from 4-7's deployment on ``model`` (computed once per model)."""
    return storm_decay(*DEPLOYMENT, 6.0, 260.0, 2.2 * 2.0, model=model)


@pytest.fixture(scope="module")
def storm():
    return storm_run("nrlmsis")


def test_bundled_space_weather_covers_february_2022():
    rec, _ = space_weather.load()
    day = rec.day.astype("datetime64[D]")
    sel = (day >= np.datetime64("2022-01-07")) & (day <= np.datetime64("2022-02-10"))
    assert sel.sum() == 35 and rec.observed[sel].all()
    # the storm days: daily Ap of 3 and 4 Feb 2022 above 25 (G1 conditions), quiet before
    ap = dict(zip(day[sel].astype(str), rec.ap_daily[sel]))
    assert ap["2022-02-03"] > 25 and ap["2022-02-04"] > 25
    # and the 3-hourly ap that the storm-time mode reads: peaks of 56 on both days
    three_hourly = dict(zip(day[sel].astype(str), rec.ap[sel]))
    assert three_hourly["2022-02-03"].max() == 56 and three_hourly["2022-02-04"].max() == 56


@pytest.mark.parametrize("model", MODELS)
def test_spacex_2022_starlink_storm_decays_faster_than_quiet(model):
    storm = storm_run(model)
    d = storm.to_dict()
    assert d["mean_altitude_loss_storm_km"] > d["mean_altitude_loss_quiet_km"]
    assert storm.peak_drag_ratio > 1.0


def test_kataoka_2022_nrlmsis_enhancement_below_25_percent(storm):
    assert 1.0 < storm.peak_drag_ratio <= 1.25


@pytest.fixture(scope="module")
def previous_jb2008():
    return drag_vs_previous_launches(*DEPLOYMENT, PREVIOUS_LAUNCHES, 6.0, 260.0, 2.2 * 2.0, model="jb2008")


def test_spacex_2022_starlink_storm_drag_up_to_50_percent(previous_jb2008):
    # JB2008: peak +39.1 % over the mean of 4-5 and 4-6 at equal time after deployment (NRLMSIS 2.1: +22.8 %, the
    # docstring's table)
    print(previous_jb2008.to_dict())
    assert previous_jb2008.peak_ratio == pytest.approx(1.50, abs=0.15)


BERGER_SHORT = {
    "nrlmsis": "NRLMSIS 2.1 (storm-time ap, orbit-averaged) gives +12.6 % at 208 km over the 9 days before launch "
               "against Berger et al.'s 'at least 20-30 %' (HASDM, JB08, EUV occultation, accelerometers): "
               "empirical models underestimate storm density at 200 km (Bruinsma et al. 2021)",
    "jb2008": "JB2008 (hourly dTc, orbit-averaged over 8 latitudes x 8 local times) gives +19.0 % at 207 km over the "
              "9 days before launch (5 Feb 00:30), just below Berger et al.'s 'at least 20-30 %', whose figure also "
              "rests on HASDM (JB2008 corrected by tracking data) and measured densities"}


@pytest.mark.parametrize("model", [pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=BERGER_SHORT[m]))
                                   for m in MODELS])
def test_berger_2023_density_20_percent_over_the_9_days_prior(model):
    assert storm_run(model).peak_prior_ratio >= 1.20
