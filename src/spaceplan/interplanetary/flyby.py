"""Patched-conic gravity assists: turn-angle limit and powered flybys (vectorized).

A hyperbolic flyby with asymptotic speed v_inf and periapsis radius r_p has
eccentricity e = 1 + r_p v_inf^2 / mu and turns the v-infinity vector by
delta = 2 asin(1/e) (Curtis, Orbital Mechanics for Engineering Students, 4th ed.,
eq. 8.55; Vallado, Fundamentals of Astrodynamics, 4th ed., sec. 12.4).  The
largest turn comes from the lowest safe periapsis (radius + minimum altitude,
by default the body's ``atmosphere_top``).

When |v_inf,in| != |v_inf,out| the flyby needs a burn.  With a tangential
impulse at periapsis the two hyperbolic half-branches share r_p and the turn is
delta = asin(1/e_in) + asin(1/e_out), e_x = 1 + r_p v_x^2 / mu, solved for r_p;
the burn is |sqrt(v_out^2 + 2 mu/r_p) - sqrt(v_in^2 + 2 mu/r_p)|
(the powered-flyby model of pykep's ``fb_vel`` / Izzo's MGA problems, and of
Vasile & De Pascale, J. Spacecraft Rockets 43(6), 2006).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import Body, body as _body
from spaceplan.core.errors import InputError, require_positive


def min_flyby_radius(planet: str | Body, min_altitude: float | None = None) -> float:
    """Lowest safe periapsis radius, m: radius + ``min_altitude`` (default ``Body.atmosphere_top``)."""
    b = _body(planet)
    alt = b.atmosphere_top if min_altitude is None else float(min_altitude)
    require_positive("min_altitude", alt, allow_zero=True, unit="m")
    return b.radius + alt


def max_turn_angle(vinf, rp, mu):
    """Largest v-infinity turn, rad: 2 asin(1 / (1 + rp vinf^2 / mu)) (Curtis eq. 8.55)."""
    vinf = np.asarray(vinf, dtype=float)
    require_positive("vinf", vinf, unit="m/s")
    require_positive("rp", rp, unit="m")
    return 2.0 * np.arcsin(1.0 / (1.0 + np.asarray(rp, dtype=float) * vinf**2 / mu))


def turn_angle(vinf_in, vinf_out):
    """Angle between incoming and outgoing v-infinity vectors (..., 3), rad."""
    a = np.asarray(vinf_in, dtype=float)
    b = np.asarray(vinf_out, dtype=float)
    na = np.linalg.norm(a, axis=-1)
    nb = np.linalg.norm(b, axis=-1)
    require_positive("vinf_in", na, unit="m/s")
    require_positive("vinf_out", nb, unit="m/s")
    return np.arccos(np.clip(np.sum(a * b, axis=-1) / (na * nb), -1.0, 1.0))


def unpowered_flyby(vinf_in, rp, mu, plane_angle=0.0):
    """Outgoing v-infinity of an unpowered flyby, (..., 3) m/s.

    The incoming vector ``vinf_in`` (..., 3) is turned by 2 asin(1/e) about an axis
    perpendicular to it; ``plane_angle`` (rad) rotates that axis about v_inf,in
    (B-plane angle).  |v_inf| is conserved.
    """
    v = np.asarray(vinf_in, dtype=float)
    vm = np.linalg.norm(v, axis=-1, keepdims=True)
    require_positive("vinf_in", vm, unit="m/s")
    delta = max_turn_angle(vm[..., 0], rp, mu)[..., None]
    u = v / vm
    ref = np.where(np.abs(u[..., 2:3]) < 0.9, np.array([0.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0]))
    n1 = np.cross(u, ref)
    n1 /= np.linalg.norm(n1, axis=-1, keepdims=True)
    n2 = np.cross(u, n1)
    phi = np.asarray(plane_angle, dtype=float)[..., None]
    axis = np.cos(phi) * n1 + np.sin(phi) * n2
    # Rodrigues rotation of u about axis (perpendicular to u) by delta
    out = u * np.cos(delta) + np.cross(axis, u) * np.sin(delta)
    return out * vm


@dataclass(frozen=True)
class FlybyResult:
    """Powered-flyby solution per case (arrays): burn dv (m/s), periapsis rp (m), turn and limit (rad)."""

    dv: np.ndarray
    rp: np.ndarray
    turn: np.ndarray
    max_turn: np.ndarray
    feasible: np.ndarray

    def to_dict(self) -> dict:
        return {
            "dv_kms": self.dv / 1e3,
            "periapsis_radius_km": self.rp / 1e3,
            "turn_deg": np.degrees(self.turn),
            "max_turn_deg": np.degrees(self.max_turn),
            "feasible": self.feasible,
        }


def powered_flyby(vinf_in, vinf_out, mu: float, rp_min: float) -> FlybyResult:
    """Powered flyby joining v_inf,in to v_inf,out ((N,3) or (3,), m/s) above ``rp_min`` (m).

    ``feasible`` is False where the required turn exceeds what a periapsis at
    ``rp_min`` allows (then ``dv`` is inf: no tangential periapsis burn can do it).
    ``max_turn`` is the limit for the mean of the two speeds.
    """
    from spaceplan.interplanetary._roundtrip_kernels import powered_flyby_kernel

    require_positive("mu", mu)
    require_positive("rp_min", rp_min, unit="m")
    vi = np.atleast_2d(np.asarray(vinf_in, dtype=float))
    vo = np.atleast_2d(np.asarray(vinf_out, dtype=float))
    if vi.shape != vo.shape or vi.shape[-1] != 3:
        raise InputError("vinf_out", f"shape {vo.shape} does not match vinf_in {vi.shape}", "(N, 3) both")
    require_positive("vinf_in", np.linalg.norm(vi, axis=-1), unit="m/s")
    require_positive("vinf_out", np.linalg.norm(vo, axis=-1), unit="m/s")
    n = vi.shape[0]
    dv, rp, turn = np.empty(n), np.empty(n), np.empty(n)
    ok = np.empty(n, dtype=np.bool_)
    powered_flyby_kernel(np.ascontiguousarray(vi), np.ascontiguousarray(vo), float(mu), float(rp_min), dv, rp, turn, ok)
    vm = 0.5 * (np.linalg.norm(vi, axis=-1) + np.linalg.norm(vo, axis=-1))
    lim = 2.0 * np.arcsin(1.0 / (1.0 + rp_min * vm**2 / mu))
    squeeze = np.ndim(vinf_in) == 1
    pick = (lambda x: x[0]) if squeeze else (lambda x: x)
    return FlybyResult(pick(dv), pick(rp), pick(turn), pick(lim), pick(ok))
