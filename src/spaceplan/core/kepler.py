"""Two-body (Keplerian) motion: classical elements <-> state vectors, universal-variable propagation.

Sources: Vallado (2013) "Fundamentals of Astrodynamics and Applications" 4th ed.,
algorithm 9 (RV2COE), algorithm 10 (COE2RV), algorithm 8 (KEPLER, universal variables);
Curtis (2020) "Orbital Mechanics for Engineering Students" 4th ed., algorithms 3.4, 4.2, 4.5.

All functions are vectorized: element arrays broadcast against each other, states are (..., 3).
SI units: m, m/s, rad, s, m^3/s^2.

Conventions for singular orbits (``state_to_elements``), tolerance 1e-11 on e and on i:
  * circular inclined:   argp = 0, nu = argument of latitude (from the ascending node);
  * elliptic equatorial: raan = 0, argp = longitude of periapsis (from +x);
  * circular equatorial: raan = argp = 0, nu = true longitude (from +x);
  * a = -mu / (2 energy): negative for hyperbolas, +inf for an exactly parabolic orbit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spaceplan.core import kepler_kernel
from spaceplan.core.errors import ConvergenceError, ImpossibleOrbitError, InputError, require_positive

__all__ = [
    "Elements",
    "elements_to_state",
    "state_to_elements",
    "propagate",
    "period",
    "vis_viva_speed",
    "characteristic_energy",
    "hyperbolic_excess",
]

_SINGULAR_TOL = 1e-11


@dataclass(frozen=True)
class Elements:
    """Classical orbital elements (arrays, SI): a [m], e, i, raan, argp, nu [rad]."""

    a: np.ndarray
    e: np.ndarray
    i: np.ndarray
    raan: np.ndarray
    argp: np.ndarray
    nu: np.ndarray

    def to_dict(self) -> dict:
        return {
            "a_km": np.asarray(self.a) / 1e3,
            "e": np.asarray(self.e),
            "i_deg": np.degrees(self.i),
            "raan_deg": np.degrees(self.raan),
            "argp_deg": np.degrees(self.argp),
            "nu_deg": np.degrees(self.nu),
        }


def _mu(mu) -> float | np.ndarray:
    require_positive("mu", mu, unit="m^3/s^2")
    return np.asarray(mu, dtype=np.float64)


def _states(field: str, value) -> np.ndarray:
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 0 or arr.shape[-1] != 3:
        raise InputError(field, f"expected shape (..., 3), got {arr.shape}", "(..., 3) vector(s)")
    if not np.all(np.isfinite(arr)):
        raise InputError(field, "contains non-finite values", "finite")
    return arr


def elements_to_state(a, e, i, raan, argp, nu, mu):
    """Position and velocity (..., 3) from classical elements (Vallado 2013 algorithm 10).

    a [m] (> 0 for ellipses, < 0 for hyperbolas; parabolas are not representable by a),
    e >= 0, angles [rad]. Raises InputError for e < 0, a*(1-e) <= 0 (periapsis radius must be
    positive, which excludes e = 1 and sign-inconsistent a), and ImpossibleOrbitError for a
    hyperbolic true anomaly beyond the asymptotes."""
    mu = _mu(mu)
    a, e, i, raan, argp, nu = np.broadcast_arrays(*(np.asarray(x, dtype=np.float64) for x in (a, e, i, raan, argp, nu)))
    for field, arr in (("a", a), ("e", e), ("i", i), ("raan", raan), ("argp", argp), ("nu", nu)):
        if not np.all(np.isfinite(arr)):
            raise InputError(field, "contains non-finite values", "finite")
    if np.any(e < 0):
        raise InputError("e", f"got {float(e[e < 0].flat[0]):g}", ">= 0")
    rp = a * (1.0 - e)
    if np.any(rp <= 0):
        k = np.flatnonzero((rp <= 0).ravel())[0]
        raise InputError(
            "a",
            f"a*(1-e) = {float(rp.flat[k]):g} m with a = {float(a.flat[k]):g} m, e = {float(e.flat[k]):g}",
            "a > 0 for e < 1, a < 0 for e > 1 (periapsis radius > 0; e = 1 not representable)",
        )
    p = a * (1.0 - e * e)
    denom = 1.0 + e * np.cos(nu)
    if np.any(denom <= 0):
        raise ImpossibleOrbitError("nu", "true anomaly beyond the hyperbola's asymptotes", "1 + e cos(nu) > 0")
    r_pf = p / denom
    sqmp = np.sqrt(mu / p)
    cn, sn = np.cos(nu), np.sin(nu)
    rp_vec = np.stack([r_pf * cn, r_pf * sn, np.zeros_like(cn)], axis=-1)
    vp_vec = np.stack([-sqmp * sn, sqmp * (e + cn), np.zeros_like(cn)], axis=-1)
    co, so = np.cos(raan), np.sin(raan)
    cw, sw = np.cos(argp), np.sin(argp)
    ci, si = np.cos(i), np.sin(i)
    # Perifocal -> inertial rotation R3(-raan) R1(-i) R3(-argp)
    rot = np.stack(
        [
            np.stack([co * cw - so * sw * ci, -co * sw - so * cw * ci, so * si], axis=-1),
            np.stack([so * cw + co * sw * ci, -so * sw + co * cw * ci, -co * si], axis=-1),
            np.stack([sw * si, cw * si, ci], axis=-1),
        ],
        axis=-2,
    )
    r = np.einsum("...ij,...j->...i", rot, rp_vec)
    v = np.einsum("...ij,...j->...i", rot, vp_vec)
    return r, v


def state_to_elements(r, v, mu) -> Elements:
    """Classical elements from position/velocity (..., 3) (Vallado 2013 algorithm 9).

    See the module docstring for the circular/equatorial conventions."""
    mu = _mu(mu)
    r = _states("r", r)
    v = _states("v", v)
    rn = np.linalg.norm(r, axis=-1)
    if np.any(rn == 0):
        raise InputError("r", "zero position vector", "|r| > 0")
    vn2 = np.einsum("...i,...i->...", v, v)
    h = np.cross(r, v)
    hn = np.linalg.norm(h, axis=-1)
    if np.any(hn == 0):
        raise ImpossibleOrbitError("v", "rectilinear motion (r parallel to v): elements undefined", "r x v != 0")
    rv = np.einsum("...i,...i->...", r, v)
    mu_b = mu[..., None] if mu.ndim else mu
    e_vec = ((vn2 - mu / rn)[..., None] * r - rv[..., None] * v) / mu_b
    e = np.linalg.norm(e_vec, axis=-1)
    energy = 0.5 * vn2 - mu / rn
    with np.errstate(divide="ignore"):
        a = np.where(energy == 0, np.inf, -mu / (2.0 * np.where(energy == 0, 1.0, energy)))
    i = np.arccos(np.clip(h[..., 2] / hn, -1.0, 1.0))
    n_vec = np.stack([-h[..., 1], h[..., 0], np.zeros_like(hn)], axis=-1)  # z x h
    nn = np.linalg.norm(n_vec, axis=-1)
    equatorial = (i < _SINGULAR_TOL) | (np.pi - i < _SINGULAR_TOL)
    circular = e < _SINGULAR_TOL
    safe_nn = np.where(equatorial, 1.0, nn)
    safe_e = np.where(circular, 1.0, e)

    raan = np.where(equatorial, 0.0, np.arctan2(n_vec[..., 1], n_vec[..., 0]) % (2 * np.pi))
    # Reference direction in the orbit plane: ascending node, or +x for equatorial orbits
    # (sense follows h: for retrograde equatorial orbits angles are measured the other way).
    node = np.where(equatorial[..., None], np.array([1.0, 0.0, 0.0]), n_vec / safe_nn[..., None])
    h_hat = h / hn[..., None]

    def angle_from(ref, vec):
        # signed angle from ref to vec about h_hat, in [0, 2 pi)
        cos_ = np.einsum("...i,...i->...", ref, vec)
        sin_ = np.einsum("...i,...i->...", np.cross(ref, vec), h_hat)
        return np.arctan2(sin_, cos_) % (2 * np.pi)

    e_hat = e_vec / safe_e[..., None]
    argp = np.where(circular, 0.0, angle_from(node, e_hat))
    nu = np.where(circular, angle_from(node, r / rn[..., None]), angle_from(e_hat, r / rn[..., None]))
    return Elements(a=a, e=e, i=i, raan=raan, argp=argp, nu=nu)


def propagate(r0, v0, dt, mu):
    """Two-body state after dt [s] by the universal-variable Kepler equation
    (Vallado 2013 algorithm 8; Curtis 2020 algorithm 3.4), any conic, any sign of dt.

    r0, v0: (3,) or (N,3) [m, m/s]; dt: scalar or (N,); mu scalar or (N,). Returns (r, v)
    with the broadcast shape. Parallel numba kernel over N."""
    r0 = _states("r0", r0)
    v0 = _states("v0", v0)
    mu_arr = _mu(mu)
    dt = np.asarray(dt, dtype=np.float64)
    if not np.all(np.isfinite(dt)):
        raise InputError("dt", "contains non-finite values", "finite seconds")
    if r0.ndim > 2 or v0.ndim > 2 or dt.ndim > 1 or mu_arr.ndim > 1:
        raise InputError("r0", "expected (3,) or (N, 3) states with scalar or (N,) dt, mu", "(N, 3)")
    scalar = r0.ndim == 1 and v0.ndim == 1 and dt.ndim == 0 and mu_arr.ndim == 0
    n = max(r0.shape[0] if r0.ndim == 2 else 1, v0.shape[0] if v0.ndim == 2 else 1,
            dt.shape[0] if dt.ndim == 1 else 1, mu_arr.shape[0] if mu_arr.ndim == 1 else 1)
    try:
        R0 = np.ascontiguousarray(np.broadcast_to(r0.reshape(-1, 3), (n, 3)))
        V0 = np.ascontiguousarray(np.broadcast_to(v0.reshape(-1, 3), (n, 3)))
        DT = np.ascontiguousarray(np.broadcast_to(dt.reshape(-1), (n,)))
        MU = np.ascontiguousarray(np.broadcast_to(mu_arr.reshape(-1), (n,)))
    except ValueError as exc:
        raise InputError("r0", f"shapes do not broadcast: {exc}", "same N for r0, v0, dt, mu") from None
    if np.any(np.linalg.norm(R0, axis=1) == 0):
        raise InputError("r0", "zero position vector", "|r0| > 0")
    r = np.empty((n, 3))
    v = np.empty((n, 3))
    ok = np.empty(n, dtype=np.bool_)
    kepler_kernel.kepler_universal_batch(R0, V0, DT, MU, r, v, ok)
    if not np.all(ok):
        k = int(np.flatnonzero(~ok)[0])
        raise ConvergenceError(f"universal-variable Kepler did not converge for state {k} (dt = {DT[k]:g} s)")
    if scalar:
        return r[0], v[0]
    return r, v


def period(a, mu):
    """Orbital period 2 pi sqrt(a^3/mu) [s] for a > 0 (Kepler's third law)."""
    require_positive("a", a, unit="m")
    mu = _mu(mu)
    return 2.0 * np.pi * np.sqrt(np.asarray(a, dtype=np.float64) ** 3 / mu)


def vis_viva_speed(r, a, mu):
    """Speed from the vis-viva equation v^2 = mu (2/r - 1/a) [m/s]; a < 0 for hyperbolas."""
    require_positive("r", r, unit="m")
    mu = _mu(mu)
    r = np.asarray(r, dtype=np.float64)
    a = np.asarray(a, dtype=np.float64)
    v2 = mu * (2.0 / r - 1.0 / a)
    if np.any(v2 < 0):
        raise ImpossibleOrbitError("r", "r beyond apoapsis (2/r < 1/a)", "r <= 2a for ellipses")
    return np.sqrt(v2)


def characteristic_energy(r, v, mu):
    """C3 = v^2 - 2 mu / r [m^2/s^2] of state(s) (..., 3); negative when bound."""
    r = _states("r", r)
    v = _states("v", v)
    mu = _mu(mu)
    return np.einsum("...i,...i->...", v, v) - 2.0 * mu / np.linalg.norm(r, axis=-1)


def hyperbolic_excess(r, v, mu):
    """Hyperbolic excess speed v_inf = sqrt(C3) [m/s]; raises ImpossibleOrbitError if bound."""
    c3 = characteristic_energy(r, v, mu)
    if np.any(c3 < 0):
        raise ImpossibleOrbitError("v", "orbit is bound (C3 < 0): no hyperbolic excess", "C3 >= 0")
    return np.sqrt(c3)
