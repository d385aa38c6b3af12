"""The mission hand-off: dose timelines from phases, tracks and orbit stays; storm shelter verdicts."""

import numpy as np
import pytest

from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import Phase, mission_dose
from spaceplan.radiation import trajectory as tj
from spaceplan.radiation.mission import OrbitStay, Track, dose_timeline

DAY = 86400.0
T0 = float(utc_to_tdb("2031-03-01"))


def test_phases_only_equal_mission_dose():
    phases = [Phase("deep_space", 180 * DAY, T0), Phase("mars_surface", 30 * DAY), Phase("deep_space", 180 * DAY)]
    md = mission_dose(phases)
    tl = dose_timeline(phases)
    assert tl.total_sv == pytest.approx(md.total_sv)
    assert tl.items[-1].cumulative_sv == pytest.approx(md.total_sv)
    assert tl.curve_sv[-1] == pytest.approx(md.total_sv) and tl.curve_days[-1] == pytest.approx(390.0)


def test_track_then_undated_phase_takes_its_date():
    t, r = tj.conic_from_perigee(T0, 300e3, 28.5, 10e6, 4 * 3600.0, n_samples=120)
    tl = dose_timeline([Track("TMI", t, r), Phase("deep_space", 10 * DAY)])
    dated = mission_dose([Phase("deep_space", 10 * DAY, t[-1])])
    assert tl.items[1].gcr_sv == pytest.approx(dated.total_sv)
    assert tl.items[0].trapped_sv > 0 and tl.items[0].kind == "track"
    assert np.all(np.diff(tl.curve_days) >= 0) and np.all(np.diff(tl.curve_sv) >= 0)


def test_orbit_stay_scales_with_duration():
    short = dose_timeline([OrbitStay("ISS", T0, 2 * DAY, 420e3, 51.6, sample_every_days=30.0)])
    longer = dose_timeline([OrbitStay("ISS", T0, 4 * DAY, 420e3, 51.6, sample_every_days=30.0)])
    assert longer.total_sv == pytest.approx(2 * short.total_sv, rel=0.05)


def test_storm_shelter_changes_the_ars_verdict():
    phases = [Phase("deep_space", 30 * DAY)]
    bare = mission_dose(phases, shielding_gcm2=5.0, spe="design")
    shel = mission_dose(phases, shielding_gcm2=5.0, spe="design", shelter_gcm2=20.0)
    assert bare.assessment_detail.acute_level == "ars"
    assert shel.assessment_detail.acute_level in ("below_prodromal", "prodromal")
    assert shel.assessment_detail.acute_level_unsheltered == "ars"
    assert "Without the shelter" in shel.assessment
    with pytest.raises(InputError):
        mission_dose(phases, shelter_gcm2=10.0)


def test_empty_and_bad_items_refused():
    with pytest.raises(InputError):
        dose_timeline([])
    with pytest.raises(InputError):
        dose_timeline([("deep_space", 10)])
