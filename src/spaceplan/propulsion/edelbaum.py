"""Edelbaum's circle-to-circle low-thrust transfer with a plane change (Kechichian 1997 formulation).

Constant acceleration f, thrust out of plane with a yaw angle beta that is constant on each revolution
(Edelbaum 1961; Kechichian, "Reformulation of Edelbaum's low-thrust transfer problem using optimal
control theory", J. Guid. Control Dyn. 20(5), 1997):

    V0 = sqrt(mu/a0), Vf = sqrt(mu/af), di = |i_f - i_0|,
    dV = sqrt(V0^2 - 2 V0 Vf cos(pi/2 di) + Vf^2),           t_f = dV / f,
    tan(beta0) = sin(pi/2 di) / (V0/Vf - cos(pi/2 di)),
    V(t) = sqrt(V0^2 - 2 V0 f t cos(beta0) + f^2 t^2),
    tan(beta(t)) = V0 sin(beta0) / (V0 cos(beta0) - f t),
    i(t) = i0 + sign(di) 2/pi [atan((f t - V0 cos beta0)/(V0 sin beta0)) + pi/2 - beta0].

The law-of-cosines form of dV has no division, so the coplanar limit (di = 0: dV = |V0 - Vf|) is exact.
Vectorized over every argument; SI units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import DAY, body
from spaceplan.core.errors import InputError, require_positive
from spaceplan.core.validity import REFUSE, Bound, Envelope, check, physical

__all__ = ["EdelbaumTransfer", "edelbaum", "edelbaum_history", "MAX_PLANE_CHANGE_RAD", "ENVELOPE"]

# Edelbaum's yaw law needs pi/2 di <= pi (cos of the half-angle falls to -1): the solution holds up to
# di = 2 rad = 114.59 deg (Edelbaum 1961; Kechichian 1997, eq. 19).
MAX_PLANE_CHANGE_RAD = 2.0

ENVELOPE = Envelope(
    "Edelbaum's circle-to-circle transfer",
    inputs=(Bound("a0_m", "radius_m", "soi_m", REFUSE, "orbit_outside_body_domain", "km", 1e-3, "a0",
                  "circular orbits above the central body's surface and inside its sphere of influence"),
            Bound("af_m", "radius_m", "soi_m", REFUSE, "orbit_outside_body_domain", "km", 1e-3, "af",
                  "circular orbits above the central body's surface and inside its sphere of influence"),
            Bound("delta_i_rad", 0.0, MAX_PLANE_CHANGE_RAD, REFUSE, "plane_change_beyond_model", "deg",
                  57.29577951308232, "delta_i", "Edelbaum's solution holds up to 2 rad")),
    outputs=(physical("dv_m_s", "dv", "delta-v", 1e-3, "km/s"), physical("tof_s", "time", "time", 1 / DAY, "d")))


@dataclass(frozen=True)
class EdelbaumTransfer:
    """Edelbaum transfer(s): arrays with the broadcast shape of the inputs (SI)."""

    a0_m: np.ndarray
    af_m: np.ndarray
    delta_i_rad: np.ndarray
    accel_m_s2: np.ndarray
    dv_m_s: np.ndarray
    tof_s: np.ndarray
    beta0_rad: np.ndarray
    v0_m_s: np.ndarray
    vf_m_s: np.ndarray
    warnings: tuple = ()

    def to_dict(self) -> dict:
        return {"a0_km": self.a0_m / 1e3, "af_km": self.af_m / 1e3, "delta_i_deg": np.degrees(self.delta_i_rad),
                "accel_km_s2": self.accel_m_s2 / 1e3, "dv_km_s": self.dv_m_s / 1e3, "tof_days": self.tof_s / DAY,
                "beta0_deg": np.degrees(self.beta0_rad), "warnings": list(self.warnings)}


def edelbaum(a0_m, af_m, delta_i_rad, accel_m_s2, mu, central=None) -> EdelbaumTransfer:
    """Delta-v and time of an Edelbaum transfer between circular orbits a0 -> af with a plane change
    delta_i (rad, 0 to 2 rad = 114.59 deg, Edelbaum's limit) at constant acceleration.

    With ``central`` (a body or its name) both radii must lie between its surface and its sphere of
    influence (:data:`ENVELOPE`); without it, only > 0."""
    require_positive("a0", a0_m, unit="m")
    require_positive("af", af_m, unit="m")
    require_positive("accel", accel_m_s2, unit="m/s^2")
    require_positive("mu", mu, unit="m^3/s^2")
    b = body(central) if central is not None else None
    check(ENVELOPE, a0_m=a0_m, af_m=af_m, delta_i_rad=np.abs(np.asarray(delta_i_rad, float)),
          radius_m=b.radius if b else 0.0, soi_m=b.soi_radius if b else None)
    a0, af, di, f = np.broadcast_arrays(*(np.asarray(x, float) for x in (a0_m, af_m, delta_i_rad, accel_m_s2)))
    di = np.abs(di)
    v0, vf = np.sqrt(mu / a0), np.sqrt(mu / af)
    half = 0.5 * np.pi * di
    cos_h = np.cos(half)
    dv = np.sqrt(np.maximum(v0 * v0 - 2.0 * v0 * vf * cos_h + vf * vf, 0.0))
    beta0 = np.arctan2(np.sin(half), v0 / vf - cos_h)
    check(ENVELOPE, dv_m_s=dv, tof_s=dv / f)
    return EdelbaumTransfer(a0, af, di, f, dv, dv / f, beta0, v0, vf)


def edelbaum_history(transfer: EdelbaumTransfer, n: int = 200) -> dict[str, np.ndarray]:
    """Time histories (one scalar transfer): t [s], a [m], delta-i flown [rad], yaw beta [rad]."""
    if np.ndim(transfer.dv_m_s) != 0:
        raise InputError("transfer", "history of a single transfer only", "a scalar EdelbaumTransfer")
    v0, b0, f = float(transfer.v0_m_s), float(transfer.beta0_rad), float(transfer.accel_m_s2)
    t = np.linspace(0.0, float(transfer.tof_s), n)
    v = np.sqrt(np.maximum(v0 * v0 - 2 * v0 * f * t * np.cos(b0) + (f * t) ** 2, 1e-300))
    beta = np.arctan2(v0 * np.sin(b0), v0 * np.cos(b0) - f * t)
    if float(transfer.delta_i_rad) == 0.0:
        di = np.zeros_like(t)
    else:
        di = 2.0 / np.pi * (np.arctan((f * t - v0 * np.cos(b0)) / (v0 * np.sin(b0))) + np.pi / 2 - b0)
    mu = v0 * v0 * float(transfer.a0_m)
    return {"t_s": t, "a_m": mu / v ** 2, "delta_i_rad": di, "beta_rad": beta}
