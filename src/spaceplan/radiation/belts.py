"""Trapped protons and electrons (Van Allen belts): AE-8/AP-8 fluxes and the dose behind shielding.

* Fluxes: NASA AP-8 (Sawyer & Vette 1976, NSSDC 76-06) and AE-8 (Vette 1991, NSSDC 91-24) integral
  omnidirectional fluxes J(>E, L, B/B0), min and max solar activity, from the ``radbelt`` package
  (Leo Singer, NASA; AE-8/AP-8 + IGRF in Fortran; licence NOSA 1.3: installed metadata ``License: NOSA``,
  source headers ``SPDX-License-Identifier: NASA-1.3``).  ``aep8`` costs ~1.2 ms per point here, so the
  fluxes are tabulated once on an (E, L, B/B0) grid (``data/ae8ap8_table.npz``, built by
  :mod:`.trapped_table`, checked against radbelt at off-grid points in the tests) and interpolated
  (log flux, bilinear in L and ln B/B0).  Activity between the two models: log-linear in W between the
  named minimum and maximum (AP-8/AE-8 exist only for the two epochs).
* Magnetic coordinates: McIlwain L and B/B0 from IGRF via ``radbelt.igrf(lon, lat, height, year)``
  (~0.2 ms per point), called with plain floats: no astropy time or frame is used, and astropy's IERS
  auto-download is switched off before radbelt is imported (the stale-IERS trap, FIELD-NOTES).
* Dose behind shielding (SHIELDOSE-2 method, Seltzer 1994, NIST Tech. Note 1407 / NISTIR 5477: the
  centre of a solid aluminium sphere, i.e. every ray through the same depth x): protons in the
  continuous-slowing-down, straight-ahead approximation with nuclear removal (Letaw cross section;
  SHIELDOSE-2 corrects for secondaries instead), tissue dose = omnidirectional fluence x stopping power
  of the residual energy, Q(L) of ICRP 60; electrons transmitted with the linear fraction
  max(0, 1 - x/R_p) of their Katz-Penfold practical range (Katz & Penfold 1952, Rev. Mod. Phys. 24:28)
  at the CSDA residual energy, depositing ~2 MeV cm^2/g; electron bremsstrahlung is left out (it
  matters only behind < 1 g/cm^2 or for thin-walled electronics, not for crew behind >= 3 g/cm^2).
"""

from __future__ import annotations

import functools
import importlib.resources

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError, require_positive
from spaceplan.radiation import spectrum, stopping, transport

ELECTRON_STOPPING_MEV_CM2_G = 2.0  # collision stopping power of 0.3-7 MeV electrons in water, ~1.9-2.0 (ICRU 37)


@functools.lru_cache(maxsize=1)
def radbelt_module():
    """``radbelt`` with astropy's IERS auto-download switched off (the stale-IERS trap, FIELD-NOTES).

    radbelt imports ``astropy.units`` only; spaceplan never passes it astropy times or frames (it calls the
    Fortran ``igrf``/``aep8`` wrappers with plain decimal years and geodetic coordinates), but astropy's
    IERS table goes stale 30 days after its release and would then try to download if anything asked it
    for UT1: the switch below makes that impossible.
    """
    from astropy.utils import iers

    iers.conf.auto_download = False
    iers.conf.auto_max_age = None
    import radbelt

    return radbelt


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, np.ndarray]:
    path = importlib.resources.files("spaceplan.radiation").joinpath("data", "ae8ap8_table.npz")
    with importlib.resources.as_file(path) as p, np.load(p) as data:
        return {k: np.array(data[k]) for k in data.files}


def energies(particle: str) -> np.ndarray:
    """Tabulated energies (MeV) of ``particle`` ('p' or 'e')."""
    return _table()["proton_mev" if particle == "p" else "electron_mev"]


def _bilinear(grid: np.ndarray, l_nodes: np.ndarray, b_nodes: np.ndarray, lval, bb0) -> np.ndarray:
    """Bilinear interpolation of ``grid`` (nE, nL, nB) in (L, ln B/B0); zero outside the L range."""
    lval = np.asarray(lval, dtype=float)
    lb = np.log(np.clip(np.asarray(bb0, dtype=float), 1.0, None))
    ln_b = np.log(b_nodes)
    i = np.clip(np.searchsorted(l_nodes, lval) - 1, 0, len(l_nodes) - 2)
    j = np.clip(np.searchsorted(ln_b, lb) - 1, 0, len(ln_b) - 2)
    ti = np.clip((lval - l_nodes[i]) / (l_nodes[i + 1] - l_nodes[i]), 0.0, 1.0)
    tj = np.clip((lb - ln_b[j]) / (ln_b[j + 1] - ln_b[j]), 0.0, 1.0)
    g = np.log(np.maximum(grid, 1e-30))
    v = (g[:, i, j] * (1 - ti) * (1 - tj) + g[:, i + 1, j] * ti * (1 - tj) + g[:, i, j + 1] * (1 - ti) * tj
         + g[:, i + 1, j + 1] * ti * tj)
    out = np.exp(v)
    inside = (lval >= l_nodes[0]) & (lval <= l_nodes[-1]) & (lb <= ln_b[-1])
    return np.where(inside & (out > 1e-20), out, 0.0)


def integral_flux(particle: str, lval, bb0, solar: str) -> np.ndarray:
    """J(>E) at every tabulated energy, 1/(cm^2 s), shape (nE, *L.shape); ``solar`` 'min' or 'max'."""
    t = _table()
    return _bilinear(t[f"flux_{particle}_{solar}"], t["l_grid"], t["bb0_grid"], lval, bb0)


def _solar_weight(w) -> np.ndarray:
    lo, hi = spectrum.named_w("min"), spectrum.named_w("max")
    return np.clip((np.asarray(w, dtype=float) - lo) / (hi - lo), 0.0, 1.0)


def flux_at(particle: str, lval, bb0, w) -> np.ndarray:
    """J(>E) interpolated between AP-8/AE-8 MIN and MAX, log-linear in the modulation W."""
    f = _solar_weight(w)
    lo = integral_flux(particle, lval, bb0, "min")
    hi = integral_flux(particle, lval, bb0, "max")
    with np.errstate(divide="ignore"):
        out = np.exp((1 - f) * np.log(np.maximum(lo, 1e-30)) + f * np.log(np.maximum(hi, 1e-30)))
    return np.where((lo > 0) | (hi > 0), out, 0.0)


def magnetic_coordinates(lon_deg, lat_deg, height_km, year) -> tuple[np.ndarray, np.ndarray]:
    """(McIlwain L, B/B0) from IGRF (radbelt) at geodetic longitude/latitude (deg) and height (km)."""
    rb = radbelt_module()
    lon, lat, h = np.broadcast_arrays(np.asarray(lon_deg, float), np.asarray(lat_deg, float),
                                      np.asarray(height_km, float))
    require_positive("height_km", h, allow_zero=True, unit="km")
    year = np.broadcast_to(np.asarray(year, dtype=float), lon.shape)
    if np.any((year < 1945.0) | (year > 2035.0)):
        raise InputError("date", "outside the IGRF model in radbelt", "1945 to 2035")
    lval, bb0 = rb.igrf(lon, lat, h, year)
    return np.asarray(lval, dtype=float), np.asarray(bb0, dtype=float)


# --------------------------------------------------------------------------------------------------
# Dose behind shielding from fluxes (SHIELDOSE-2 method, centre of an aluminium sphere)
# --------------------------------------------------------------------------------------------------

def _katz_penfold_range(e_mev) -> np.ndarray:
    """Electron practical range (g/cm^2) in aluminium-like matter (Katz & Penfold 1952)."""
    e = np.asarray(e_mev, dtype=float)
    low = 0.412 * e ** (1.265 - 0.0954 * np.log(np.maximum(e, 1e-3)))
    return np.where(e < 2.5, low, 0.530 * e - 0.106)


@functools.lru_cache(maxsize=64)
def _response(particle: str, shielding_al_gcm2: float) -> tuple[np.ndarray, np.ndarray]:
    """Per-bin responses (Gy and Sv per unit omnidirectional fluence in each integral-flux interval).

    Bins are the intervals between tabulated energies (the last extends to 1.5x the top energy);
    returns (dose Gy cm^2, dose equivalent Sv cm^2) for fluence in each bin, evaluated at the
    bin's logarithmic mid-energy with 8 sub-points.
    """
    e_nodes = energies(particle)
    edges = np.concatenate([e_nodes, [e_nodes[-1] * 1.5]])
    x = float(shielding_al_gcm2)
    d_out, h_out = [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        sub = np.geomspace(lo, hi, 9)[:-1] * (hi / lo) ** (1 / 16)
        if particle == "p":
            r = stopping.proton_range(sub, "aluminium") - x
            alive = r > stopping.proton_range(1.0, "aluminium")
            e_res = np.where(alive, stopping.proton_energy_at_range(np.maximum(r, 1e-9), "aluminium"), 1.0)
            surv = np.exp(-transport.macroscopic_sigma("aluminium")[0] * x)
            s = stopping.proton_stopping(e_res, "water")
            dose = np.where(alive, surv * s, 0.0)
            q = transport.quality_factor(0.1 * s)
        else:
            rp = _katz_penfold_range(sub)
            frac = np.clip(1.0 - x / rp, 0.0, 1.0)
            dose = frac * ELECTRON_STOPPING_MEV_CM2_G
            q = np.ones_like(dose)
        d_out.append(float(np.mean(dose)) * stopping.MEV_PER_G_TO_GY)
        h_out.append(float(np.mean(dose * q)) * stopping.MEV_PER_G_TO_GY)
    return np.asarray(d_out), np.asarray(h_out)


def dose_rates(particle: str, integral: np.ndarray, shielding_al_gcm2: float) -> tuple[np.ndarray, np.ndarray]:
    """(Gy/day, Sv/day) behind ``shielding_al_gcm2`` from integral fluxes J(>E_k) (nE, ...)."""
    require_positive("shielding_gcm2", shielding_al_gcm2, allow_zero=True, unit="g/cm^2")
    j = np.asarray(integral, dtype=float)
    bins = np.concatenate([j[:-1] - j[1:], j[-1:]], axis=0)
    bins = np.maximum(bins, 0.0)
    d, h = _response(particle, round(float(shielding_al_gcm2), 6))
    shape = (-1,) + (1,) * (j.ndim - 1)
    return DAY * np.sum(bins * d.reshape(shape), axis=0), DAY * np.sum(bins * h.reshape(shape), axis=0)


def l_max() -> float:
    """Largest tabulated L (beyond it AE-8/AP-8 give no trapped flux)."""
    return float(_table()["l_grid"][-1])


def trapped_rates(lval, bb0, w, shielding_al_gcm2: float) -> dict[str, np.ndarray]:
    """Trapped proton and electron dose rates (Gy/day, Sv/day) at (L, B/B0), modulation W.

    Also ``jp`` = J(>10 MeV protons) and ``je`` = J(>1 MeV electrons), 1/(cm^2 s).
    """
    out = {}
    for particle, name, e_ref in (("p", "proton", 10.0), ("e", "electron", 1.0)):
        j = flux_at(particle, lval, bb0, w)
        d, h = dose_rates(particle, j, shielding_al_gcm2)
        out[f"{name}_gy"], out[f"{name}_sv"] = d, h
        out["j" + particle] = j[int(np.argmin(np.abs(energies(particle) - e_ref)))]
    return out
