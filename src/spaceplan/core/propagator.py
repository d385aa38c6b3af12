"""Numerical orbit propagation (Cowell): zonal harmonics J2-J4, drag, thrust arcs, altitude events.

Equations of motion in an Earth-centred frame with z along the rotation axis
(precession and nutation neglected, < 0.4 deg over 25 years)::

    r'' = -mu r / r^3 + a_J2 + a_J3 + a_J4 + a_drag + a_thrust,   m' = -|T| / (Isp g0)

* zonal harmonics: Vallado (2013), *Fundamentals of Astrodynamics and
  Applications*, 4th ed., eq. 8-30 (J2..J4 from EGM2008, ``core.constants``);
* drag: a = -1/2 rho (Cd A / m) |v_rel| v_rel with v_rel = v - w x r (the
  atmosphere co-rotates with the Earth); rho from an orbit-averaged NRLMSIS 2.1
  table (:class:`spaceplan.core.density_grid.DensityTable`) at the height above the
  WGS 84 ellipsoid (first order in the flattening);
* thrust arcs: ``burns`` rows (t_start, t_end, thrust N, Isp s), thrust along
  +v (positive) or -v (negative).

Integration: fixed-step, 12-stage 8th-order Dormand-Prince (DOP853, Hairer,
Norsett & Wanner 1993; the coefficients are scipy's) in a numba kernel; at
60 s steps in LEO the truncation error per orbit is ~1e-10 of the energy.
A downward crossing of ``stop_altitude`` ends the run; its time is found by
bisection on re-integrated partial steps (to 1 ms).  :func:`rhs` exposes the
same force model to scipy's ``solve_ivp`` for cross-checks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.integrate._ivp import dop853_coefficients as _dop

from spaceplan.core import cowell_kernel
from spaceplan.core.constants import (
    DAY,
    EARTH_FLATTENING,
    EARTH_GM,
    EARTH_J2,
    EARTH_J3,
    EARTH_J4,
    EARTH_RADIUS,
    EARTH_ROTATION_RATE,
    G0,
)
from spaceplan.core.errors import InputError, require_positive, require_range

_A = np.ascontiguousarray(_dop.A[:12, :12])
_B = np.ascontiguousarray(_dop.B[:12])
_C = np.ascontiguousarray(_dop.C[:12])
_NO_TABLE = (0.0, 1.0, np.array([0.0, 1.0]), np.zeros((0, 2)))


@dataclass(frozen=True)
class ForceModel:
    """What acts on the spacecraft besides the central body.

    ``cd_area`` is Cd x A (m^2, attitude-averaged area); ``density`` an
    orbit-averaged table (None: no drag); ``zonal`` the highest zonal term kept
    (0, 2, 3 or 4); ``burns`` an (n, 4) array of (t_start s TDB, t_end, thrust N
    signed along velocity, Isp s).
    """

    cd_area: float = 0.0
    density: object | None = None
    zonal: int = 4
    burns: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))

    def args(self) -> tuple:
        if self.zonal not in (0, 2, 3, 4):
            raise InputError("zonal", f"got {self.zonal!r}", "0, 2, 3 or 4")
        j2 = EARTH_J2 if self.zonal >= 2 else 0.0
        j3 = EARTH_J3 if self.zonal >= 3 else 0.0
        j4 = EARTH_J4 if self.zonal >= 4 else 0.0
        tab = self.density
        t0, dt, alts, log_rho = (tab.t0, tab.dt, tab.alt, tab.log_rho) if tab is not None else _NO_TABLE
        burns = np.ascontiguousarray(np.asarray(self.burns, dtype=float).reshape(-1, 4))
        if burns.size and (np.any(burns[:, 1] < burns[:, 0]) or np.any(burns[:, 3] <= 0)):
            raise InputError("burns", "each burn needs t_end >= t_start and Isp > 0", "rows (t0, t1, thrust N, Isp s)")
        return (EARTH_GM, EARTH_RADIUS, EARTH_FLATTENING, j2, j3, j4, EARTH_ROTATION_RATE, float(self.cd_area),
                float(t0), float(dt), np.ascontiguousarray(alts, dtype=float),
                np.ascontiguousarray(log_rho, dtype=float), burns, G0)


@dataclass(frozen=True)
class Trajectory:
    """Propagation output: epochs (TDB s), states (n, 7: r m, v m/s, mass kg), mean height over each interval."""

    t: np.ndarray
    state: np.ndarray
    mean_altitude: np.ndarray  # m, mean ellipsoid height over the steps since the previous output
    stopped: bool  # True when the stop altitude was reached (the last row is the event)
    stop_time: float

    @property
    def altitude(self) -> np.ndarray:
        """Height above the ellipsoid (m) at the output epochs."""
        r = self.state[:, :3]
        rn = np.linalg.norm(r, axis=1)
        return rn - EARTH_RADIUS * (1.0 - EARTH_FLATTENING * (r[:, 2] / rn) ** 2)

    def to_dict(self) -> dict:
        return {"points": len(self.t), "final_altitude_km": float(self.altitude[-1] / 1e3),
                "final_mass_kg": float(self.state[-1, 6]), "stopped_at_altitude": bool(self.stopped),
                "duration_days": float((self.t[-1] - self.t[0]) / DAY) if len(self.t) else 0.0}


def circular_state(altitude: float, inclination: float, raan: float = 0.0, arg_lat: float = 0.0):
    """Position and velocity (m, m/s) on a circular orbit ``altitude`` (m) above the equatorial radius."""
    require_range("altitude", altitude / 1e3, 100.0, 40_000.0, "km")
    a = EARTH_RADIUS + altitude
    v = math.sqrt(EARTH_GM / a)
    cu, su, co, so, ci, si = (math.cos(arg_lat), math.sin(arg_lat), math.cos(raan), math.sin(raan),
                              math.cos(inclination), math.sin(inclination))
    r = a * np.array([co * cu - so * su * ci, so * cu + co * su * ci, su * si])
    vv = v * np.array([-co * su - so * cu * ci, -so * su + co * cu * ci, cu * si])
    return r, vv


def propagate(r0, v0, mass: float, t_start: float, duration: float, *, step: float = 60.0,
              force: ForceModel = ForceModel(), output_every: int = 1, stop_altitude: float = -np.inf) -> Trajectory:
    """Integrate from (r0, v0, mass) at ``t_start`` for ``duration`` seconds at fixed ``step`` seconds."""
    require_positive("mass", mass, unit="kg")
    require_positive("step", step, unit="s")
    require_positive("duration", duration, unit="s")
    if int(output_every) < 1:
        raise InputError("output_every", f"got {output_every!r}", ">= 1 step")
    r0 = np.asarray(r0, dtype=float)
    if not (np.linalg.norm(r0) > EARTH_RADIUS * (1.0 - EARTH_FLATTENING)):
        raise InputError("r0", "initial position is inside the Earth", "|r| above the surface")
    y0 = np.concatenate([r0, np.asarray(v0, dtype=float), [float(mass)]])
    t_end = float(t_start) + float(duration)
    burns = np.asarray(force.burns, dtype=float).reshape(-1, 4)
    # split at burn edges so that every step sees a smooth right-hand side
    edges = sorted({float(t_start), t_end} | {float(e) for e in burns[:, :2].ravel() if t_start < e < t_end})
    ts, ys, hs = [np.array([float(t_start)])], [y0[None, :]], [np.array([np.nan])]
    hit, t_hit, y = False, t_end, y0
    for a, b in zip(edges[:-1], edges[1:]):
        mid = 0.5 * (a + b)
        active = burns[(burns[:, 0] <= mid) & (mid < burns[:, 1])].copy()
        active[:, 0], active[:, 1] = -np.inf, np.inf
        seg = ForceModel(force.cd_area, force.density, force.zonal, active)
        n_steps = max(1, int(math.ceil((b - a) / step - 1e-9)))
        h = (b - a) / n_steps
        n_cap = n_steps // int(output_every) + 2
        t_out, y_out, h_out = np.empty(n_cap), np.empty((n_cap, 7)), np.empty(n_cap)
        n, hit, t_hit = cowell_kernel.propagate_fixed(y, a, h, n_steps, int(output_every), float(stop_altitude), _A, _B,
                                                 _C, *seg.args(), t_out, y_out, h_out)
        ts.append(t_out[:n])
        ys.append(y_out[:n])
        hs.append(h_out[:n])
        y = y_out[n - 1].copy()
        if hit:
            break
    t, y, h = np.concatenate(ts), np.vstack(ys), np.concatenate(hs)
    h[0] = Trajectory(t[:1], y[:1], h[:1], False, 0.0).altitude[0]
    return Trajectory(t, y, h, bool(hit), float(t_hit))


def rhs(force: ForceModel):
    """f(t, y) for ``scipy.integrate.solve_ivp`` with exactly the kernel's force model."""
    args = force.args()
    out = np.empty(7)

    def f(t, y):
        cowell_kernel.cowell_rhs(t, np.ascontiguousarray(y, dtype=float), *args, out)
        return out.copy()

    return f
