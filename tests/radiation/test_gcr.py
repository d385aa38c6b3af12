"""Free-space GCR model: attenuation curves, materials, modulation, normalization."""

import numpy as np
import pytest

from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import gcr
from spaceplan.radiation._data import preset
from spaceplan.radiation.timeline import Phase, mission_dose


def test_attenuation_decreases_with_depth_for_every_material():
    x = np.linspace(0.0, 1000.0, 400)
    for m in gcr.MATERIALS:
        a = gcr.attenuation(x, m)
        assert a[0] == pytest.approx(1.0)
        assert np.all(np.diff(a) < 0)


def test_hydrogen_rich_materials_shield_better_per_gram():
    x = np.array([5.0, 10.0, 20.0, 50.0, 100.0])
    al = gcr.free_space_rate(x, 500.0, "aluminium")
    pe = gcr.free_space_rate(x, 500.0, "polyethylene")
    water = gcr.free_space_rate(x, 500.0, "water")
    assert np.all(pe < water) and np.all(water < al)


def test_aluminium_equivalent_round_trip():
    x = np.array([1.0, 7.0, 20.0, 80.0])
    x_al = gcr.aluminium_equivalent(x, "polyethylene")
    assert np.all(x_al > x)
    np.testing.assert_allclose(gcr.attenuation(x_al, "aluminium"), gcr.attenuation(x, "polyethylene"), rtol=1e-9)


def test_dose_falls_as_modulation_rises():
    phi = np.linspace(310.0, 1600.0, 30)  # W from 0.7 to 184 (phi below 300 MV is W = 0)
    rate = gcr.free_space_rate(10.0, phi)
    assert np.all(np.diff(rate) < 0)
    assert np.all(np.diff(gcr.rate_w(np.array([0.0, 5.0, 20.0, 100.0])[:, None], np.linspace(0, 200, 21)), axis=1) < 0)


def test_vectorized_broadcast():
    out = gcr.free_space_rate(np.array([[1.0], [20.0]]), np.array([350.0, 1100.0]))
    assert out.shape == (2, 2)


def test_material_aliases_and_errors():
    assert gcr.material_name("Aluminum") == "aluminium"
    assert gcr.material_name("HDPE") == "polyethylene"
    with pytest.raises(UnknownNameError, match="material"):
        gcr.material_name("lead")
    with pytest.raises(InputError, match="shielding_gcm2"):
        gcr.free_space_rate(-1.0, 500.0)
    with pytest.raises(InputError, match="solar_activity"):
        gcr.free_space_rate(10.0, 100.0)


def test_named_levels():
    assert gcr.named_phi("min") < gcr.named_phi("max")
    with pytest.raises(UnknownNameError):
        gcr.named_phi("medium")


def _rate(location, start, end, shielding):
    t0, t1 = utc_to_tdb(start), utc_to_tdb(end)
    return mission_dose([Phase(location, t1 - t0, t0)], shielding_gcm2=shielding).phases[0].rate_sv_per_day * 1e3


