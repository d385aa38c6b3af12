"""SPE scenario doses: depth dependence, materials, locations."""

import numpy as np
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


def test_below_table_uses_thinnest_depth_with_note():
    bare, thin = spe_dose("aug1972", 0.0), spe_dose("aug1972", 0.5)
    assert bare.bfo_gy == thin.bfo_gy and bare.skin_gy == thin.skin_gy
    assert "below the thinnest tabulated depth" in bare.note and "lower bound" in bare.note
    assert thin.note == "" and spe_dose("aug1972", 20.0).to_dict()["note"] is None


def test_deep_end_of_every_table_steepens_so_extrapolation_is_an_upper_bound():
    # The log-log extrapolation beyond 50 g/cm^2 uses the last chord's slope; it bounds the dose from
    # above only if the curves steepen with depth (concave in log-log) over their deep end.
    import numpy as np

    from spaceplan.radiation._data import preset

    data = preset("spe")
    depth = np.log(data["depth_gcm2"])
    deep = depth >= np.log(5.0)
    for name, event in data["events"].items():
        for key in ("bfo_gy", "skin_gy"):
            if key in event:
                slopes = np.diff(np.log(event[key])[deep]) / np.diff(depth[deep])
                assert np.all(np.diff(slopes) < 0), (name, key)


def test_beyond_table_extrapolated_log_log_with_note():
    at30, at50 = spe_dose("aug1972", 30.0), spe_dose("aug1972", 50.0)
    slope = np.log(at50.bfo_gy / at30.bfo_gy) / np.log(50.0 / 30.0)
    at80 = spe_dose("aug1972", 80.0)
    assert at80.bfo_gy == pytest.approx(at50.bfo_gy * (80.0 / 50.0) ** slope)
    assert at80.bfo_gy < at50.bfo_gy and "extrapolated log-log" in at80.note and "upper bound" in at80.note
    # 40 g/cm^2 polyethylene (51.6 Al-eq) and 27 g/cm^2 on Mars (+23.1 Al-eq of CO2) used to raise
    assert spe_dose("aug1972", 40.0, "polyethylene").note
    assert spe_dose("aug1972", 27.0, location="mars_surface").bfo_gy > 0


def test_beyond_extrapolation_raises_with_range_in_users_material():
    with pytest.raises(InputError, match=r"shielding_gcm2: .*allowed: 0 to 100 g/cm\^2 aluminium"):
        spe_dose("aug1972", 120.0)
    with pytest.raises(InputError, match=r"allowed: 0 to 77.5 g/cm\^2 polyethylene for SPE runs at deep_space"):
        spe_dose("aug1972", 80.0, "polyethylene")
    with pytest.raises(InputError, match=r"allowed: 0 to 76.9 g/cm\^2 aluminium for SPE runs at mars_surface"):
        spe_dose("aug1972", 80.0, location="mars_surface")
    assert spe_dose("aug1972", 500.0, location="leo").bfo_gy == 0.0  # shielded location: no table lookup
