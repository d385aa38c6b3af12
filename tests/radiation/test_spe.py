"""SPE scenario doses: depth dependence, materials, locations."""

import pytest

from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.radiation.spe import event_name, event_names, spe_dose


def test_events_and_aliases():
    assert {"aug1972", "oct1989", "sep1989", "feb1956", "design"} <= set(event_names())
    assert event_name("August 1972") == "aug1972"
    assert event_name("carrington") == "design"
    with pytest.raises(UnknownNameError, match="spe"):
        event_name("2003")


def test_dose_falls_with_depth_and_hard_events_fall_slower():
    thin, thick = spe_dose("aug1972", 1.0), spe_dose("aug1972", 20.0)
    assert thin.bfo_gy > thick.bfo_gy and thin.skin_gy > thin.bfo_gy
    soft = spe_dose("aug1972", 1.0).bfo_gy / spe_dose("aug1972", 30.0).bfo_gy
    hard = spe_dose("feb1956", 1.0).bfo_gy / spe_dose("feb1956", 30.0).bfo_gy
    assert soft > hard


def test_aug1972_behind_spacesuit_like_shielding_is_ars_range():
    # ~1 g/cm^2 (spacesuit / thin capsule): ~1 Gy BFO, the classic Apollo-era concern (NCRP 153 sec. 3).
    assert 0.5 < spe_dose("aug1972", 1.0).bfo_gy < 2.0


def test_locations_and_materials():
    free = spe_dose("oct1989", 10.0)
    assert spe_dose("oct1989", 10.0, location="leo").bfo_gy == 0.0
    assert spe_dose("oct1989", 10.0, location="lunar_surface").bfo_gy == pytest.approx(0.5 * free.bfo_gy)
    assert spe_dose("oct1989", 10.0, location="mars_surface").bfo_gy < 0.5 * free.bfo_gy
    assert spe_dose("oct1989", 10.0, "polyethylene").bfo_gy < free.bfo_gy
    assert free.dose_equivalent_sv == pytest.approx(1.5 * free.bfo_gy)
    assert spe_dose("design", 10.0).bfo_gy == pytest.approx(3.8 * spe_dose("aug1972", 10.0).bfo_gy)


def test_outside_table_raises():
    with pytest.raises(InputError, match="shielding_gcm2"):
        spe_dose("aug1972", 0.1)
    with pytest.raises(InputError, match="shielding_gcm2"):
        spe_dose("aug1972", 80.0)
