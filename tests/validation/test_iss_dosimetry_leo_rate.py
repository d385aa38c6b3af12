"""ISS dose-equivalent rates (Berger et al. 2020, J. Space Weather Space Clim. 10:34, DOSIS 3D, Columbus
2012-2018: ~0.5-0.7 mSv/day; Cucinotta et al. 2008, Radiat. Res. 170:127: ISS organ doses).
Range check 0.3-0.8 mSv/day (the published spread with solar cycle, altitude and module), higher at
solar minimum.  The LEO rate is an empirical input of the model, so this only guards the preset.
"""

from spaceplan.radiation import Phase, mission_dose


def test_iss_dosimetry_leo_rate():
    lo = mission_dose([Phase("leo", 86400.0)], solar_activity="max").phases[0].rate_sv_per_day * 1e3
    hi = mission_dose([Phase("leo", 86400.0)], solar_activity="min").phases[0].rate_sv_per_day * 1e3
    assert 0.3 <= lo < hi <= 0.8
