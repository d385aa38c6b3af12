"""Trapped-particle fluxes (AE-8/AP-8 table from radbelt) and their dose behind shielding."""

import numpy as np
import pytest

from spaceplan.radiation import belts


def test_radbelt_licence_is_nosa_from_installed_metadata():
    from importlib.metadata import metadata

    assert metadata("radbelt")["License"] == "NOSA"
    assert metadata("radbelt")["Version"] == "0.1.8"


def test_iers_auto_download_is_off_after_loading_radbelt():
    belts.radbelt_module()
    from astropy.utils import iers

    assert iers.conf.auto_download is False and iers.conf.auto_max_age is None


def test_table_matches_radbelt_on_grid_nodes():
    """At grid nodes the interpolation must return radbelt's own values (float32 storage: 1e-6)."""
    rb = belts.radbelt_module()
    L = np.array([1.3, 1.5, 2.0, 4.5]); bb = np.array([1.1, 1.5, 1.05, 1.2])
    for particle, e in (("p", 30.0), ("e", 1.0)):
        k = int(np.argmin(np.abs(belts.energies(particle) - e)))
        ours = belts.integral_flux(particle, L, bb, "max")[k]
        live = rb.aep8(np.full(L.shape, e), L, bb, particle, "max")
        np.testing.assert_allclose(ours, live, rtol=1e-5, atol=1e-3)


def test_table_interpolates_radbelt_between_nodes():
    """Off-grid points: within 35 % of radbelt where the flux is appreciable (bilinear in L and ln B/B0)."""
    rb = belts.radbelt_module()
    L = np.array([1.27, 1.43, 2.1, 4.4]); bb = np.array([1.13, 1.6, 1.07, 1.3])
    for particle, e in (("p", 15.0), ("p", 100.0), ("e", 1.0)):
        k = int(np.argmin(np.abs(belts.energies(particle) - e)))
        ours = belts.integral_flux(particle, L, bb, "min")[k]
        live = rb.aep8(np.full(L.shape, e), L, bb, particle, "min")
        ok = live > 100.0
        np.testing.assert_allclose(ours[ok], live[ok], rtol=0.35)


def test_trapped_dose_falls_with_shielding_and_electrons_stop_first():
    L, bb = np.array([1.5]), np.array([1.1])
    prev = None
    for x in (1.0, 3.0, 10.0, 30.0):
        r = belts.trapped_rates(L, bb, 50.0, x)
        if prev is not None:
            assert r["proton_gy"][0] < prev["proton_gy"][0]
        prev = r
    assert belts.trapped_rates(np.array([4.5]), np.array([1.0]), 50.0, 5.0)["electron_gy"][0] == 0.0
    assert belts.trapped_rates(np.array([4.5]), np.array([1.0]), 50.0, 0.5)["electron_gy"][0] > 0.0


def test_magnetic_coordinates_and_date_range():
    L, bb = belts.magnetic_coordinates(0.0, 0.0, np.array([1000.0, 20000.0]), 2012.5)
    assert 1.1 < L[0] < 1.3 and 3.5 < L[1] < 5.0 and np.all(bb >= 1.0)
    from spaceplan.core.errors import InputError

    with pytest.raises(InputError):
        belts.magnetic_coordinates(0.0, 0.0, 400.0, 2040.0)
