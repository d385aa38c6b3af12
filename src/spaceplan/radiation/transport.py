"""Straight-ahead transport of the GCR ions Z = 1-28 through a shield: dose and dose equivalent vs depth.

Method (Wilson et al. 1995, NASA TP-3495 "HZETRN", sec. 2): in the straight-ahead and continuous-
slowing-down approximations each ion j obeys

    d phi_j/dx = d/dE (S_j phi_j) - sigma_j phi_j + sum_k sigma_k Y_kj phi_k        (velocity-conserving)

with phi in 1/(cm^2 s sr MeV/n), x in g/cm^2 and S_j = dE_n/dx = (z^2/A) S_p.  It is marched in depth
steps: the slowing-down term exactly along its characteristics (range shift dx z^2/A in proton-range
units, flux carried with the ratio of stopping powers), the nuclear terms by operator splitting
(removal exp(-sigma dx), products at the same energy per nucleon).  Cross sections, yields and the
energy/depth grids are in presets/radiation_models/gcr_iso15390.toml with their sources; neutrons and
target fragments are not transported (what they add is inside the one calibration factor, set on
MSL/RAD cruise).  A point at the centre of a spherical shell of areal density x in the isotropic GCR
field sees x along every ray, so 4 pi times the directional result is the dose at the point.

Dose in tissue (water): D = 4 pi sum_j z_j^2 int phi_j S_p,w dE; dose equivalent H = the same with
Q(L) of ICRP 60, L = z^2 S_p,w (keV/um); absorbed dose in silicon (Chang'E-4/LND) with S_p,Si.
Tables over (modulation W, depth) are computed once per material and cached (~0.5 s each).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.radiation import spectrum, stopping
from spaceplan.radiation._data import preset

AVOGADRO = 6.02214076e23
MB_CM2 = 1e-27


def _sigma_mb(z_p: float, a_p: float, z_t: float, a_t: float, tr: dict) -> float:
    """Nuclear reaction (removal) cross section, mb, projectile (z_p, a_p) on target (z_t, a_t)."""
    if z_p == 1 and a_t == 1:
        return tr["pp_sigma_mb"]
    if z_p == 1:
        return tr["proton_sigma_mb"] * a_t ** tr["proton_sigma_power"]
    if a_t == 1:
        return tr["proton_sigma_mb"] * a_p ** tr["proton_sigma_power"]
    r0_cm = tr["r0_fm"] * 1e-13
    return np.pi * r0_cm**2 * (a_p ** (1 / 3) + a_t ** (1 / 3) - tr["b_overlap"]) ** 2 / MB_CM2


@functools.lru_cache(maxsize=None)
def macroscopic_sigma(material: str) -> np.ndarray:
    """Removal cross section per gram (cm^2/g) of each element Z = 1..28 in ``material``."""
    tr = preset("gcr_iso15390")["transport"]
    els = stopping.material_table(material)["elements"]
    mass = sum(n * a_t for _, a_t, n in els)
    z, a = spectrum.elements()
    return np.array([AVOGADRO / mass * sum(n * _sigma_mb(zp, ap, zt, at, tr) * MB_CM2 for zt, at, n in els)
                     for zp, ap in zip(z, a)])


@functools.lru_cache(maxsize=1)
def yields() -> np.ndarray:
    """Y[k, j]: mean number of ions j produced per nuclear reaction of ion k (same energy per nucleon)."""
    tr = preset("gcr_iso15390")["transport"]
    z, _ = spectrum.elements()
    n = len(z)
    y = np.zeros((n, n))
    y[1, 0] = 2.0  # He -> 2 hydrogen ions
    share = tr["alpha_share"]
    for k in range(2, n):
        zk = int(z[k])
        if zk == 3:
            y[k, 1], y[k, 0] = 1.0, 1.0  # Li -> He + H
            continue
        dz = np.arange(1, zk - 2)
        p = (1.0 / dz) / np.sum(1.0 / dz)
        for d, pk in zip(dz, p):
            y[k, zk - d - 1] += pk
            y[k, 1] += pk * share * d / 2.0
            y[k, 0] += pk * (1.0 - share) * d
    return y


def quality_factor(let_kev_um) -> np.ndarray:
    """ICRP 60 Q(L), L in keV/um of water."""
    q = preset("gcr_iso15390")["quality"]
    L = np.asarray(let_kev_um, dtype=float)
    mid = 0.32 * L - 2.2
    high = 300.0 / np.sqrt(np.maximum(L, q["l_high"]))
    return np.where(L < q["l_low"], 1.0, np.where(L <= q["l_high"], mid, high))


def energy_grid() -> np.ndarray:
    tr = preset("gcr_iso15390")["transport"]
    return np.geomspace(tr["e_min_mev"], tr["e_max_mev"], int(tr["n_energy"]))


def depth_steps() -> np.ndarray:
    """Depth nodes (g/cm^2): 1 g/cm^2 to 30, 2.5 to 200, 10 to the deepest node."""
    tr = preset("gcr_iso15390")["transport"]
    return np.concatenate([np.arange(0.0, 30.0, 1.0), np.arange(30.0, 200.0, 2.5),
                           np.arange(200.0, tr["depth_max_gcm2"] + 1e-9, 10.0)])


@functools.lru_cache(maxsize=4096)
def _shift(material: str, dx_p: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Slowing down by ``dx_p`` g/cm^2 of proton range: (source index, weight, flux factor) per energy node.

    A particle found at E after the step had E' with R_p(E') = R_p(E) + dx_p; its flux is carried with
    S(E')/S(E).  Sources above the grid's top energy give 0 (factor 0).
    """
    e = energy_grid()
    loge = np.log(e)
    e_src = stopping.proton_energy_at_range(stopping.proton_range(e, material) + dx_p, material)
    ok = (e_src > 0) & (e_src <= e[-1])
    le = np.log(np.where(ok, e_src, e[0]))
    i = np.clip(np.searchsorted(loge, le) - 1, 0, len(e) - 2)
    t = (le - loge[i]) / (loge[i + 1] - loge[i])
    ratio = np.where(ok, stopping.proton_stopping(np.where(ok, e_src, e[0]), material)
                     / stopping.proton_stopping(e, material), 0.0)
    return i, t, ratio


def _trapezoid_weights(e: np.ndarray) -> np.ndarray:
    w = np.zeros_like(e)
    de = np.diff(e)
    w[:-1] += 0.5 * de
    w[1:] += 0.5 * de
    return w


@dataclass(frozen=True)
class DepthTable:
    """Dose tables of one material: rates per day at each (W node, group, depth node), ion transport only."""

    material: str
    w: np.ndarray  # (nW,)
    depth_gcm2: np.ndarray  # (nX,)
    groups: tuple[str, ...]
    absorbed_gy: np.ndarray  # (nW, nG, nX) Gy/day in tissue
    dose_eq_sv: np.ndarray  # (nW, nG, nX) Sv/day, ICRP 60 Q
    absorbed_si_gy: np.ndarray  # (nW, nX) Gy/day in silicon
    gy_eq: np.ndarray  # (nW, nX) Gy-Eq/day (NCRP 132 RBE), at the point (not yet the BFO depth)


def _kernels(e: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per (element, energy) weights turning a flux into dose rates (Gy/day): D, H, D_Si, Gy-Eq."""
    z, _ = spectrum.elements()
    rbe = preset("gcr_iso15390")["rbe"]
    s_w = stopping.proton_stopping(e, "water")
    s_si = stopping.proton_stopping(e, "silicon")
    we = _trapezoid_weights(e)
    conv = 4.0 * np.pi * stopping.MEV_PER_G_TO_GY * DAY
    z2 = (z**2)[:, None]
    k_d = conv * z2 * s_w[None, :] * we[None, :]
    k_h = k_d * quality_factor(0.1 * z2 * s_w[None, :])
    k_si = conv * z2 * s_si[None, :] * we[None, :]
    k_eq = k_d * np.where(z[:, None] == 1, rbe["proton"], rbe["heavy_ion"])
    return k_d, k_h, k_si, k_eq


def transport(material: str, w, depths=None, flux0=None) -> dict[str, np.ndarray]:
    """Uncalibrated dose rates vs depth in ``material`` for modulation(s) ``w`` (1-D array).

    Returns per-element arrays: ``absorbed`` and ``dose_eq`` (nW, 28, nX) Gy/day, Sv/day; ``si`` and
    ``gy_eq`` (nW, nX).  ``flux0`` (nW, 28, nE) replaces the ISO spectrum at the shield's surface.
    """
    tr = preset("gcr_iso15390")["transport"]
    e = energy_grid()
    loge = np.log(e)
    w = np.atleast_1d(np.asarray(w, dtype=float))
    x_nodes = depth_steps() if depths is None else np.asarray(depths, dtype=float)
    z, a = spectrum.elements()
    phi = spectrum.flux(e, w) if flux0 is None else np.array(flux0, dtype=float)
    sigma = macroscopic_sigma(material)
    y = yields()
    k_d, k_h, k_si, k_eq = _kernels(e)
    frac = tr["cascade_energy_fraction"]
    # cascade protons: produced at frac * E from reactions at E -> read the removed flux at E / frac
    src_e = e / frac
    ci = np.clip(np.searchsorted(loge, np.log(src_e)) - 1, 0, len(e) - 2)
    ct = (np.log(src_e) - loge[ci]) / (loge[ci + 1] - loge[ci])
    c_ok = src_e <= e[-1]
    nx = len(x_nodes)
    out_d = np.empty((len(w), len(z), nx))
    out_h = np.empty_like(out_d)
    out_si = np.empty((len(w), nx))
    out_eq = np.empty((len(w), nx))

    def record(k):
        out_d[:, :, k] = np.einsum("wze,ze->wz", phi, k_d)
        out_h[:, :, k] = np.einsum("wze,ze->wz", phi, k_h)
        out_si[:, k] = np.einsum("wze,ze->w", phi, k_si)
        out_eq[:, k] = np.einsum("wze,ze->w", phi, k_eq)

    record(0)
    for k in range(1, nx):
        dx = x_nodes[k] - x_nodes[k - 1]
        new = np.empty_like(phi)
        for j in range(len(z)):
            i, t, ratio = _shift(material, float(dx * z[j] ** 2 / a[j]))
            new[:, j, :] = (phi[:, j, i] * (1.0 - t) + phi[:, j, i + 1] * t) * ratio
        surv = np.exp(-sigma * dx)[None, :, None]
        removed = new * (1.0 - surv)
        new *= surv
        new += np.matmul(removed.transpose(0, 2, 1), y).transpose(0, 2, 1)
        rp_removed = removed[:, 0, :]
        casc = (rp_removed[:, ci] * (1.0 - ct) + rp_removed[:, ci + 1] * ct) / frac
        new[:, 0, :] += tr["cascade_protons"] * np.where(c_ok, casc, 0.0)
        phi = new
        record(k)
    return {"depth_gcm2": x_nodes, "absorbed": out_d, "dose_eq": out_h, "si": out_si, "gy_eq": out_eq}


def _group_sum(per_element: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
    z, _ = spectrum.elements()
    names, sums = [], []
    for name, (lo, hi) in spectrum.groups().items():
        sel = (z >= lo) & (z <= hi)
        names.append(name)
        sums.append(per_element[:, sel, :].sum(axis=1))
    return tuple(names), np.stack(sums, axis=1)


@functools.lru_cache(maxsize=None)
def table(material: str) -> DepthTable:
    """Dose tables of ``material`` (transport only, uncalibrated) over the preset's W grid and depth nodes."""
    w = np.asarray(preset("gcr_iso15390")["transport"]["w_grid"], dtype=float)
    res = transport(material, w)
    names, d = _group_sum(res["absorbed"])
    _, h = _group_sum(res["dose_eq"])
    return DepthTable(material, w, res["depth_gcm2"], names, d, h, res["si"], res["gy_eq"])


def interpolate(values: np.ndarray, w_nodes: np.ndarray, x_nodes: np.ndarray, x, w) -> np.ndarray:
    """Log-linear interpolation of ``values`` (nW, nX), > 0, at depth(s) ``x`` and modulation(s) ``w``."""
    x, w = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(w, dtype=float))
    logv = np.log(np.maximum(values, 1e-300))
    rows = np.stack([np.interp(x, x_nodes, logv[k]) for k in range(len(w_nodes))])  # (nW, *shape)
    iw = np.clip(np.searchsorted(w_nodes, w) - 1, 0, len(w_nodes) - 2)
    t = np.clip((w - w_nodes[iw]) / (w_nodes[iw + 1] - w_nodes[iw]), 0.0, 1.0)
    lo = np.take_along_axis(rows, iw[None, ...], axis=0)[0]
    hi = np.take_along_axis(rows, (iw + 1)[None, ...], axis=0)[0]
    return np.exp(lo * (1.0 - t) + hi * t)
