"""Dose along any trajectory near Earth: GCR behind the geomagnetic cutoff + trapped belts, per sample.

Plain inputs (no other domain's types): epochs (TDB s past J2000) and geocentric inertial positions
(m, inertial-of-date; rotated to ECEF with GMST by :func:`spaceplan.core.frames.eci_to_ecef`).  For each
sample:

* magnetic coordinates (L, B/B0) from IGRF (:func:`.belts.magnetic_coordinates`) inside 12 Earth radii;
* GCR: free-space rate behind the shielding (:mod:`.gcr`) x (1 - Earth's blocked sky fraction) x the
  transmission of the spectrum above the vertical Stormer cutoff R_c = 14.5 GV / L^2 (dipole; the
  14.5 GV coefficient for the present dipole moment: Smart & Shea 2005, Adv. Space Res. 36:2012),
  computed by transporting the cut spectrum (:func:`.transport.transport`);
* trapped protons and electrons from AP-8/AE-8 behind the shielding (:mod:`.belts`).

Beyond 12 Earth radii there is no cutoff or belt and the GCR rate is the free-space one.
Rates are integrated with the trapezoid rule over the sample times.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from spaceplan.core.constants import DAY, EARTH_MEAN_RADIUS
from spaceplan.core.errors import InputError
from spaceplan.core.validity import warning
from spaceplan.radiation import belts, gcr, spectrum, transport

STORMER_GV = 14.5
MAGNETOSPHERE_RE = 12.0
# below this aluminium-equivalent depth the trapped electrons' bremsstrahlung, which the belt dose leaves out,
# matters (belts module docstring: it matters only behind < 1 g/cm^2 or for thin-walled electronics)
THIN_SHIELD_AL_GCM2 = 1.0
_RC_GRID = np.array([0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 14.5, 17.0])
_W_GRID = np.array([0.0, 25.0, 50.0, 100.0, 150.0, 200.0])
_X_NODES = np.concatenate([np.arange(0.0, 30.0, 1.0), np.arange(30.0, 100.001, 2.5)])
INNER_BELT_L = (1.1, 2.5)   # inner (proton) belt, McIlwain L (Walt 1994, "Introduction to geomagnetically
OUTER_BELT_L = (3.0, 7.0)   # trapped radiation", ch. 1: slot 2-3, outer electron belt 3-7)
BELT_FLUX_THRESHOLD = 10.0  # 1/(cm^2 s): AP-8 > 10 MeV protons or AE-8 > 1 MeV electrons above this = "in a belt"


@functools.lru_cache(maxsize=1)
def _cutoff_table() -> np.ndarray:
    """ln(H_t(x, W, R_c) / H_t(x, W, 0)) on (_RC_GRID, _W_GRID, _X_NODES) for aluminium."""
    e = transport.energy_grid()
    z, a = spectrum.elements()
    pc = np.sqrt(e * (e + 2.0 * spectrum.PROTON_MASS_MEV)) * 1e-3  # GeV/c per nucleon
    rig = (a / z)[:, None] * pc[None, :]
    base = spectrum.flux(e, _W_GRID)  # (nW, 28, nE)
    flux0 = np.concatenate([np.where(rig[None] >= rc, base, 0.0) for rc in _RC_GRID])  # (nRc*nW, 28, nE)
    res = transport.transport("aluminium", np.tile(_W_GRID, len(_RC_GRID)), _X_NODES, flux0)
    h = res["dose_eq"].sum(axis=1).reshape(len(_RC_GRID), len(_W_GRID), len(_X_NODES))
    return np.log(np.maximum(h, 1e-300) / h[:1])


def cutoff_transmission(x_al, w, rc_gv) -> np.ndarray:
    """Fraction of the free-space GCR dose equivalent behind ``x_al`` left above the cutoff ``rc_gv``."""
    table = _cutoff_table()
    x, w, rc = np.broadcast_arrays(np.clip(np.asarray(x_al, float), 0, _X_NODES[-1]),
                                   np.clip(np.asarray(w, float), 0, 200), np.clip(np.asarray(rc_gv, float), 0, _RC_GRID[-1]))
    ir = np.clip(np.searchsorted(_RC_GRID, rc) - 1, 0, len(_RC_GRID) - 2)
    iw = np.clip(np.searchsorted(_W_GRID, w) - 1, 0, len(_W_GRID) - 2)
    tr = (rc - _RC_GRID[ir]) / (_RC_GRID[ir + 1] - _RC_GRID[ir])
    tw = (w - _W_GRID[iw]) / (_W_GRID[iw + 1] - _W_GRID[iw])
    out = 0.0
    for dr, fr in ((0, 1 - tr), (1, tr)):
        for dw, fw in ((0, 1 - tw), (1, tw)):
            rows = table[ir + dr, iw + dw]  # (..., nX)
            k = np.clip(np.searchsorted(_X_NODES, x) - 1, 0, len(_X_NODES) - 2)
            tx = (x - _X_NODES[k]) / (_X_NODES[k + 1] - _X_NODES[k])
            v = np.take_along_axis(rows, k[..., None], -1)[..., 0] * (1 - tx) + \
                np.take_along_axis(rows, (k + 1)[..., None], -1)[..., 0] * tx
            out = out + fr * fw * v
    return np.exp(out)


@dataclass(frozen=True)
class DoseTrack:
    """Dose rates along a sampled trajectory (per sample) and their time integrals."""

    tdb: np.ndarray = field(repr=False)
    l_shell: np.ndarray = field(repr=False)  # McIlwain L (inf beyond the magnetosphere)
    gcr_sv_per_day: np.ndarray = field(repr=False)
    proton_sv_per_day: np.ndarray = field(repr=False)
    electron_sv_per_day: np.ndarray = field(repr=False)
    absorbed_gy_per_day: np.ndarray = field(repr=False)
    proton_flux_10mev: np.ndarray = field(repr=False)  # AP-8 J(>10 MeV), 1/(cm^2 s)
    electron_flux_1mev: np.ndarray = field(repr=False)  # AE-8 J(>1 MeV), 1/(cm^2 s)
    trapped_gy_per_day: np.ndarray = field(repr=False)  # trapped protons + electrons, absorbed
    shielding_gcm2: float = 0.0
    material: str = "aluminium"
    warnings: tuple = ()  # validity warnings ({code, field, message}): shielding depth (:func:`dose_along`)

    @property
    def total_sv_per_day(self) -> np.ndarray:
        return self.gcr_sv_per_day + self.proton_sv_per_day + self.electron_sv_per_day

    def integral(self, rate: np.ndarray) -> float:
        return float(np.trapezoid(rate, self.tdb) / DAY) if len(self.tdb) > 1 else 0.0

    @property
    def gcr_sv(self) -> float:
        return self.integral(self.gcr_sv_per_day)

    @property
    def trapped_sv(self) -> float:
        return self.integral(self.proton_sv_per_day + self.electron_sv_per_day)

    @property
    def total_sv(self) -> float:
        return self.integral(self.total_sv_per_day)

    @property
    def absorbed_gy(self) -> float:
        return self.integral(self.absorbed_gy_per_day)

    @property
    def trapped_absorbed_gy(self) -> float:
        return self.integral(self.trapped_gy_per_day)

    def belt_days(self) -> dict[str, float]:
        """Days in the inner and outer belts by L-shell and flux (issue 24 finding 13), not by altitude bands.

        Inner: L in [1.1, 2.5) with AP-8 J(>10 MeV) above ``BELT_FLUX_THRESHOLD``; outer: L in [3, 7) with
        AE-8 J(>1 MeV) above it (low-altitude samples on belt L-shells but under the mirror points do
        not count).
        """
        dt = np.gradient(self.tdb) / DAY if len(self.tdb) > 1 else np.zeros(1)
        inner = (self.l_shell >= INNER_BELT_L[0]) & (self.l_shell < INNER_BELT_L[1]) & \
            (self.proton_flux_10mev > BELT_FLUX_THRESHOLD)
        outer = (self.l_shell >= OUTER_BELT_L[0]) & (self.l_shell < OUTER_BELT_L[1]) & \
            (self.electron_flux_1mev > BELT_FLUX_THRESHOLD)
        return {"inner_belt_days": float(np.sum(dt[inner])), "outer_belt_days": float(np.sum(dt[outer]))}

    def to_dict(self) -> dict:
        days = (self.tdb[-1] - self.tdb[0]) / DAY if len(self.tdb) else 0.0
        return {"duration_days": days, "shielding_gcm2": self.shielding_gcm2, "material": self.material,
                "gcr_msv": self.gcr_sv * 1e3, "trapped_msv": self.trapped_sv * 1e3, "total_msv": self.total_sv * 1e3,
                "absorbed_mgy": self.absorbed_gy * 1e3, "trapped_absorbed_mgy": self.trapped_absorbed_gy * 1e3,
                "trapped_share": self.trapped_sv / self.total_sv if self.total_sv > 0 else 0.0,
                "trapped_share_absorbed": self.trapped_absorbed_gy / self.absorbed_gy if self.absorbed_gy > 0 else 0.0,
                **self.belt_days(), "warnings": list(self.warnings)}


def dose_along(tdb, r_eci_m, shielding_gcm2: float = 20.0, material: str = "aluminium", w=None) -> DoseTrack:
    """Dose rates at each sample of a geocentric trajectory (epochs TDB s, inertial positions m, shape (n, 3)).

    ``w``: modulation parameter (scalar or per sample); default from the epochs (:func:`.spectrum.w_at`).
    """
    from spaceplan.core.frames import ecef_to_geodetic, eci_to_ecef
    from spaceplan.core.time import year_fraction

    t = np.atleast_1d(np.asarray(tdb, dtype=float))
    r = np.asarray(r_eci_m, dtype=float).reshape(-1, 3)
    if r.shape[0] != t.shape[0]:
        raise InputError("trajectory", f"{t.shape[0]} epochs but {r.shape[0]} positions", "one position per epoch")
    if np.any(np.diff(t) < 0):
        raise InputError("trajectory", "epochs not in time order", "increasing epochs")
    material = gcr.material_name(material)
    x_al = float(gcr.aluminium_equivalent(shielding_gcm2, material))
    w = spectrum.w_at(t) if w is None else np.broadcast_to(spectrum.check_w(w), t.shape).astype(float)
    radius = np.linalg.norm(r, axis=1)
    if np.any(radius < EARTH_MEAN_RADIUS):
        raise InputError("trajectory", "a position lies inside the Earth", "radii above 6371 km")
    near = radius < MAGNETOSPHERE_RE * EARTH_MEAN_RADIUS
    lval = np.full(t.shape, np.inf)
    bb0 = np.ones(t.shape)
    if np.any(near):
        lat, lon, h = ecef_to_geodetic(eci_to_ecef(r[near], t[near]))
        year = year_fraction(t[near])
        lval[near], bb0[near] = belts.magnetic_coordinates(np.degrees(lon), np.degrees(lat), h / 1e3, year)
    sin_rho = np.clip(EARTH_MEAN_RADIUS / radius, 0.0, 1.0)
    open_sky = 1.0 - 0.5 * (1.0 - np.sqrt(1.0 - sin_rho**2))
    rc = np.where(np.isfinite(lval) & (lval > 0), STORMER_GV / np.maximum(lval, 1.0) ** 2, 0.0)
    trans = np.where(near, cutoff_transmission(x_al, w, rc), 1.0)
    h_fs = gcr.rate_w(shielding_gcm2, w, material)
    d_fs = gcr.rate_w(shielding_gcm2, w, material, "absorbed")
    gcr_h = open_sky * trans * h_fs
    gcr_d = open_sky * trans * d_fs
    trapped = {k: np.zeros(t.shape) for k in ("proton_gy", "proton_sv", "electron_gy", "electron_sv", "jp", "je")}
    inside = near & (lval <= belts.l_max())
    if np.any(inside):
        rates = belts.trapped_rates(lval[inside], bb0[inside], w[inside], x_al)
        for k, v in rates.items():
            trapped[k][inside] = v
    found = gcr.shielding_warnings(shielding_gcm2)
    if x_al < THIN_SHIELD_AL_GCM2 and np.any(trapped["electron_gy"] > 0):
        found += (warning("thin_shield_bremsstrahlung", "shielding",
                          f"shielding {x_al:g} g/cm^2 aluminium equivalent is below {THIN_SHIELD_AL_GCM2:g} g/cm^2: "
                          "the trapped electrons' bremsstrahlung, left out of the belt dose, matters there"),)
    return DoseTrack(t, lval, gcr_h, trapped["proton_sv"], trapped["electron_sv"],
                     gcr_d + trapped["proton_gy"] + trapped["electron_gy"], trapped["jp"], trapped["je"],
                     trapped["proton_gy"] + trapped["electron_gy"],
                     float(shielding_gcm2), material, found)


def circular_orbit(start_tdb: float, altitude_m: float, inclination_deg: float, duration_s: float,
                   step_s: float = 60.0, raan_deg: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, inertial positions m) of a circular orbit (two-body; enough to sample the field)."""
    from spaceplan.core.constants import EARTH_GM

    if not 150e3 <= altitude_m <= 2_000e3:
        raise InputError("altitude", f"{altitude_m / 1e3:g} km", "150 to 2000 km")
    if not 0.0 <= inclination_deg <= 180.0:
        raise InputError("inclination", f"{inclination_deg:g} deg", "0 to 180 deg")
    a = EARTH_MEAN_RADIUS + altitude_m
    n = np.sqrt(EARTH_GM / a**3)
    t = start_tdb + np.arange(0.0, duration_s + 1e-9, step_s)
    u = n * (t - start_tdb)
    inc, raan = np.radians(inclination_deg), np.radians(raan_deg)
    x_orb, y_orb = a * np.cos(u), a * np.sin(u)
    r = np.stack([x_orb * np.cos(raan) - y_orb * np.cos(inc) * np.sin(raan),
                  x_orb * np.sin(raan) + y_orb * np.cos(inc) * np.cos(raan),
                  y_orb * np.sin(inc)], axis=1)
    return t, r


def conic_from_perigee(start_tdb: float, perigee_alt_m: float, inclination_deg: float, c3_m2_s2: float,
                       duration_s: float, n_samples: int = 2000, outbound: bool = True,
                       raan_deg: float = 0.0, arg_perigee_deg: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, inertial positions m) along a two-body conic leaving (or, ``outbound=False``, reaching) perigee.

    Injection burns (trans-lunar, trans-Mars) and Earth returns: ``c3_m2_s2`` < 0 gives an ellipse (TLI:
    apogee near the Moon), > 0 a hyperbola (TMI).  The departure starts at perigee at ``start_tdb``; an
    arrival ends at perigee at ``start_tdb + duration_s``.  Samples are dense near perigee (uniform in
    log time), where the belts are crossed.
    """
    from spaceplan.core.constants import EARTH_GM

    mu = EARTH_GM
    rp = EARTH_MEAN_RADIUS + perigee_alt_m
    if not 100e3 <= perigee_alt_m <= 2_000e3:
        raise InputError("perigee_alt", f"{perigee_alt_m / 1e3:g} km", "100 to 2000 km")
    v2 = c3_m2_s2 + 2 * mu / rp
    if v2 <= mu / rp:
        raise InputError("c3", f"{c3_m2_s2 / 1e6:g} km^2/s^2 is below a circular orbit", f"> {-mu / rp / 1e6:.1f} km^2/s^2")
    h = rp * np.sqrt(v2)
    e = h * h / (mu * rp) - 1.0
    tau = np.concatenate([[0.0], np.geomspace(10.0, duration_s, n_samples - 1)])
    if e < 1.0:
        a = rp / (1 - e)
        n = np.sqrt(mu / a**3)
        m = n * tau
        big_e = m.copy()
        for _ in range(50):
            big_e -= (big_e - e * np.sin(big_e) - m) / (1 - e * np.cos(big_e))
        nu = 2 * np.arctan2(np.sqrt(1 + e) * np.sin(big_e / 2), np.sqrt(1 - e) * np.cos(big_e / 2))
    else:
        a = rp / (e - 1)
        n = np.sqrt(mu / a**3)
        m = n * tau
        hh = np.arcsinh(m / e)
        for _ in range(60):
            hh -= (e * np.sinh(hh) - hh - m) / (e * np.cosh(hh) - 1)
        nu = 2 * np.arctan2(np.sqrt(e + 1) * np.sinh(hh / 2), np.sqrt(e - 1) * np.cosh(hh / 2))
    r = h * h / mu / (1 + e * np.cos(nu))
    u = np.radians(arg_perigee_deg) + (nu if outbound else -nu)
    inc, raan = np.radians(inclination_deg), np.radians(raan_deg)
    xo, yo = r * np.cos(u), r * np.sin(u)
    pos = np.stack([xo * np.cos(raan) - yo * np.cos(inc) * np.sin(raan),
                    xo * np.sin(raan) + yo * np.cos(inc) * np.cos(raan), yo * np.sin(inc)], axis=1)
    if outbound:
        return start_tdb + tau, pos
    return (start_tdb + duration_s - tau)[::-1], pos[::-1]
