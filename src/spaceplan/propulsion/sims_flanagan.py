"""Heliocentric low-thrust legs by the Sims-Flanagan direct method, solved with SLSQP.

Sims & Flanagan, "Preliminary design of low-thrust interplanetary missions", AAS 99-338 (1999): the leg
is cut into n segments of equal duration with one impulse at each midpoint, bounded by what the
engine can give in a segment, |dv_i| <= T_i dt / m_i (T_i constant for a reactor, T_0 (1 AU / r)^2 for
solar power); Kepler arcs (``spaceplan.core`` universal-variable kernel) join the impulses; the mass
falls by exp(-|dv_i| / c) per impulse.  Half the segments are propagated forward from departure, half
backward from arrival, and the 7 state/mass mismatches at the match point are equality constraints
(the convention of pykep's ``leg.sims_flanagan``, Izzo 2012).  Launch C3 and arrival v-infinity are
decision variables bounded by ``c3_max`` and ``vinf_arrival_max`` (0: fixed at zero, i.e. the tug
starts at escape and ends in a rendezvous).  Minimum propellant = maximum final mass; SLSQP (scipy)
with central-difference constraint Jacobians from a parallel numba kernel.

Body states come from DE421 (``spaceplan.core.ephemeris``); the initial guess is the Lambert arc
(``spaceplan.core.lambert``) for a single leg and the porkchop cell
(``spaceplan.core.porkchop``) for a launch-date x time-of-flight grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from spaceplan.core.constants import AU, DAY, G0, SUN, body
from spaceplan.core.errors import InputError, require_positive, require_range
from spaceplan.propulsion import _kernels

__all__ = ["LowThrustSpacecraft", "LowThrustLeg", "solve_leg", "tof_sweep", "date_tof_grid"]

VU = float(np.sqrt(SUN.gm / AU))  # velocity unit: circular speed at 1 AU (29.78 km/s)
FEAS_TOL = 1e-7  # scaled mismatch tolerance: 15 km, 3 mm/s, 1e-7 of the initial mass


@dataclass(frozen=True)
class LowThrustSpacecraft:
    """Thrust T [N] (at 1 AU if solar), Isp [s], initial mass [kg], and the power law."""

    thrust_n: float
    isp_s: float
    mass_kg: float
    solar: bool = False
    name: str = "spacecraft"

    def __post_init__(self):
        require_positive("thrust", self.thrust_n, unit="N")
        require_positive("isp_s", self.isp_s, unit="s")
        require_positive("mass", self.mass_kg, unit="kg")

    @classmethod
    def from_vehicle(cls, vehicle, mass_kg: float | None = None) -> "LowThrustSpacecraft":
        """From an NEP preset (constant reactor power); mass defaults to its full wet mass."""
        m = vehicle.wet_mass_kg() if mass_kg is None else mass_kg
        return cls(vehicle.thrust_n, vehicle.isp_s, float(m), False, vehicle.name)


@dataclass(frozen=True)
class LowThrustLeg:
    """A solved (or infeasible) Sims-Flanagan leg, SI.  ``profile`` rows per segment: t mid [s],
    r [m], mass [kg], available thrust [N], throttle |u|, thrust used [N], dv [m/s]."""

    departure_body: str
    arrival_body: str
    departure_tdb: float
    tof_s: float
    n_segments: int
    spacecraft: LowThrustSpacecraft
    feasible: bool
    mass_final_kg: float
    vinf_departure_m_s: np.ndarray
    vinf_arrival_m_s: np.ndarray
    miss_position_m: float
    miss_velocity_m_s: float
    profile: np.ndarray
    iterations: int
    message: str
    throttles: np.ndarray = field(repr=False, default=None)

    @property
    def propellant_kg(self) -> float:
        return self.spacecraft.mass_kg - self.mass_final_kg

    @property
    def thrusting_time_s(self) -> float:
        """Equivalent full-thrust time, sum of |u_i| dt."""
        return float(np.sum(self.profile[:, 4]) * self.tof_s / self.n_segments)

    @property
    def c3_m2_s2(self) -> float:
        return float(self.vinf_departure_m_s @ self.vinf_departure_m_s)

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        d = {"departure_body": self.departure_body, "arrival_body": self.arrival_body,
             "departure_utc": tdb_to_iso(self.departure_tdb), "arrival_utc": tdb_to_iso(self.departure_tdb + self.tof_s),
             "tof_days": self.tof_s / DAY, "segments": self.n_segments, "feasible": self.feasible,
             "mass_initial_kg": self.spacecraft.mass_kg, "mass_final_kg": self.mass_final_kg,
             "propellant_kg": self.propellant_kg, "thrusting_days": self.thrusting_time_s / DAY,
             "thrust_n": self.spacecraft.thrust_n, "isp_s": self.spacecraft.isp_s, "solar": self.spacecraft.solar,
             "c3_km2s2": self.c3_m2_s2 / 1e6, "vinf_arrival_kms": float(np.linalg.norm(self.vinf_arrival_m_s)) / 1e3,
             "miss_position_km": self.miss_position_m / 1e3, "miss_velocity_kms": self.miss_velocity_m_s / 1e3,
             "iterations": self.iterations, "message": self.message,
             "thrust_profile": [{"t_days": p[0] / DAY, "r_au": p[1] / AU, "mass_kg": p[2], "throttle": p[4],
                                 "thrust_n": p[5]} for p in self.profile]}
        return d


def _states(dep, arr, t0, tof):
    from spaceplan.core.ephemeris import state

    r1, v1 = state(dep, t0, center="sun")
    r2, v2 = state(arr, t0 + tof, center="sun")
    return (np.ascontiguousarray(r1, float), np.ascontiguousarray(v1, float),
            np.ascontiguousarray(r2, float), np.ascontiguousarray(v2, float))


def _lambert_guess(r1, r2, tof):
    from spaceplan.core.lambert import solve_lambert

    try:
        sol = solve_lambert(r1, r2, tof, SUN.gm)
        return sol.v1, sol.v2
    except Exception:  # 180-deg geometry or no solution: start from the body velocities
        return None, None


def _clip(v, vmax):
    n = float(np.linalg.norm(v))
    return v if n <= vmax or n == 0 else v * (vmax / n)


def _spread_guess(l1, l2, v_start, v_end, n, tof, sc):
    """Throttles that give the Lambert arc's departure burn over the forward half and its arrival burn
    over the backward half (norms capped at 1), and the rocket-equation final mass."""
    u = np.zeros((n, 3))
    if l1 is None:
        return u.reshape(-1), sc.mass_kg
    nf, nb = n // 2, n - n // 2
    per_seg = sc.thrust_n * tof / n / sc.mass_kg
    d1, d2 = l1 - v_start, v_end - l2
    u[:nf] = _clip(d1 / (nf * per_seg), 1.0)
    u[nf:] = _clip(d2 / (nb * per_seg), 1.0)
    dv = min(float(np.linalg.norm(d1) + np.linalg.norm(d2)), n * per_seg)
    return u.reshape(-1), sc.mass_kg * float(np.exp(-dv / (G0 * sc.isp_s)))


def solve_leg(dep_body: str, arr_body: str, departure_tdb: float, tof_s: float, spacecraft: LowThrustSpacecraft,
              n_segments: int = 20, c3_max_m2_s2: float = 0.0, vinf_arrival_max_m_s: float = 0.0,
              guess: dict | None = None, maxiter: int = 300) -> LowThrustLeg:
    """Minimum-propellant Sims-Flanagan leg between two ephemeris bodies for a fixed time of flight.

    ``guess`` may hold ``vinf_departure`` / ``vinf_arrival`` (m/s vectors), ``throttles`` (n, 3) and
    ``mass_final_kg``; default: the Lambert arc's v-infinities (clipped to the bounds) and its end burns
    spread over each half (a coasting start is tried too when that fails).
    An unreachable target (thrust too low for the time) returns ``feasible=False`` with the residual
    miss in position and velocity rather than raising."""
    from scipy.optimize import minimize
    from threadpoolctl import threadpool_limits

    dep, arr = body(dep_body).name.lower(), body(arr_body).name.lower()
    if dep == arr:
        raise InputError("arrival body", f"same as the departure body {dep!r}", "a different body")
    require_positive("tof", tof_s, unit="s")
    require_range("n_segments", n_segments, 2, 400)
    require_positive("c3_max", c3_max_m2_s2, allow_zero=True, unit="m^2/s^2")
    require_positive("vinf_arrival_max", vinf_arrival_max_m_s, allow_zero=True, unit="m/s")
    n = int(n_segments)
    rdep, vdep, rarr, varr = _states(dep, arr, float(departure_tdb), float(tof_s))
    nd = 3 if c3_max_m2_s2 > 0 else 0
    na = 3 if vinf_arrival_max_m_s > 0 else 0
    vdmax, vamax = np.sqrt(c3_max_m2_s2), float(vinf_arrival_max_m_s)
    guess = guess or {}
    l1, l2 = _lambert_guess(rdep, rarr, tof_s)
    vd0 = np.asarray(guess.get("vinf_departure", (l1 - vdep) if l1 is not None else np.zeros(3)), float)
    va0 = np.asarray(guess.get("vinf_arrival", (l2 - varr) if l2 is not None else np.zeros(3)), float)
    vd0, va0 = _clip(vd0, vdmax), _clip(va0, vamax)
    if "throttles" in guess:
        u0 = np.asarray(guess["throttles"], float).reshape(-1)
        if u0.size != 3 * n:
            raise InputError("guess.throttles", f"{u0.size // 3} segments for a {n}-segment leg", f"({n}, 3)")
        u0 = np.clip(u0, -1.0, 1.0)
        mf0 = min(float(guess.get("mass_final_kg", spacecraft.mass_kg)), spacecraft.mass_kg)
    else:  # the Lambert arc's end burns (what the v-infinity bounds leave) spread over each half
        u0, mf0 = _spread_guess(l1, l2, vdep + vd0, varr + va0, n, tof_s, spacecraft)
    x0 = np.concatenate([_clip(vd0, vdmax)[:nd] / VU, _clip(va0, vamax)[:na] / VU, u0, [mf0 / spacecraft.mass_kg]])
    veff = G0 * spacecraft.isp_s
    r_ref = AU if spacecraft.solar else 0.0
    nfwd = n // 2
    args = (nd, na, n, nfwd, rdep, vdep, rarr, varr, float(spacecraft.mass_kg), float(tof_s),
            float(spacecraft.thrust_n), r_ref, veff, SUN.gm, AU, VU)
    out = np.empty(7)
    prof = np.empty((n, 5))
    off = nd + na

    def eq(x):
        _kernels.sf_eval(x, *args, out, prof)
        return out.copy()

    def eq_jac(x):
        jac = np.empty((7, x.size))
        _kernels.sf_jacobian(x, 1e-7, *args, jac)
        return jac

    def ineq(x):
        u = x[off:off + 3 * n].reshape(n, 3)
        parts = [1.0 - np.sum(u * u, axis=1)]
        if nd:
            parts.append([vdmax ** 2 / VU ** 2 - x[:3] @ x[:3]])
        if na:
            parts.append([vamax ** 2 / VU ** 2 - x[nd:nd + 3] @ x[nd:nd + 3]])
        return np.concatenate(parts)

    def ineq_jac(x):
        u = x[off:off + 3 * n].reshape(n, 3)
        rows = n + (1 if nd else 0) + (1 if na else 0)
        j = np.zeros((rows, x.size))
        for i in range(n):
            j[i, off + 3 * i:off + 3 * i + 3] = -2.0 * u[i]
        k = n
        if nd:
            j[k, :3] = -2.0 * x[:3]
            k += 1
        if na:
            j[k, nd:nd + 3] = -2.0 * x[nd:nd + 3]
        return j

    grad_f = np.zeros(x0.size)
    grad_f[-1] = -1.0
    bounds = [(-1.0, 1.0)] * (nd + na) + [(-1.0, 1.0)] * (3 * n) + [(1e-3, 1.0)]
    if nd or na:
        bounds[:nd + na] = [(-vdmax / VU, vdmax / VU)] * nd + [(-vamax / VU, vamax / VU)] * na
    cons = [{"type": "eq", "fun": eq, "jac": eq_jac}, {"type": "ineq", "fun": ineq, "jac": ineq_jac}]

    def run(start):
        # one BLAS thread: SLSQP's small dense QPs are 5-10x slower with a thread pool on a shared machine
        with threadpool_limits(1):
            return minimize(lambda x: -x[-1], start, jac=lambda x: grad_f, method="SLSQP", bounds=bounds,
                            constraints=cons, options={"maxiter": int(maxiter), "ftol": 1e-10})

    def worst(r):
        _kernels.sf_eval(r.x, *args, out, prof)
        return max(float(np.max(np.abs(out))), float(-np.min(ineq(r.x))))

    res = run(x0)
    if worst(res) > FEAS_TOL and "throttles" not in guess:  # second start: coast guess, full mass
        x1 = x0.copy()
        x1[off:] = 0.0
        x1[-1] = 1.0
        res2 = run(x1)
        if worst(res2) < worst(res):
            res = res2
    x = res.x
    ok = _kernels.sf_eval(x, *args, out, prof)
    miss_r, miss_v = float(np.linalg.norm(out[:3])) * AU, float(np.linalg.norm(out[3:6])) * VU
    feasible = bool(ok and np.all(np.abs(out) < FEAS_TOL) and np.all(ineq(x) > -1e-6))
    dt = tof_s / n
    tmid = (np.arange(n) + 0.5) * dt
    profile = np.column_stack([tmid, prof[:, 0], prof[:, 1], prof[:, 2], prof[:, 3], prof[:, 2] * prof[:, 3],
                               prof[:, 4]])
    vd = x[:3] * VU if nd else np.zeros(3)
    va = x[nd:nd + 3] * VU if na else np.zeros(3)
    msg = "optimal" if feasible and res.success else (
        f"feasible, optimizer stopped: {res.message}" if feasible else
        f"infeasible: misses {arr} by {miss_r / 1e3:,.0f} km and {miss_v:,.1f} m/s after {res.nit} iterations "
        f"(thrust {spacecraft.thrust_n:g} N too low for {tof_s / DAY:.0f} d, or a poor initial guess)")
    return LowThrustLeg(dep, arr, float(departure_tdb), float(tof_s), n, spacecraft, feasible,
                        float(x[-1] * spacecraft.mass_kg), vd, va, miss_r, miss_v, profile, int(res.nit), msg,
                        x[off:off + 3 * n].reshape(n, 3).copy())


def _warm(leg: LowThrustLeg) -> dict:
    return {"throttles": leg.throttles, "mass_final_kg": leg.mass_final_kg,
            "vinf_departure": leg.vinf_departure_m_s, "vinf_arrival": leg.vinf_arrival_m_s}


def _better(a: LowThrustLeg | None, b: LowThrustLeg) -> LowThrustLeg:
    """The feasible leg with less propellant (a feasible one beats an infeasible one)."""
    if a is None:
        return b
    if a.feasible != b.feasible:
        return a if a.feasible else b
    if a.feasible:
        return a if a.propellant_kg <= b.propellant_kg else b
    return a if a.miss_position_m <= b.miss_position_m else b


def _row(dep, arr, t0, tofs, spacecraft, n_segments, c3_max, vinf_max, seeds=None, progress=None, done0=0,
         total=0):
    """Legs for one departure date over the times of flight: each solved from its own seed (Lambert or
    porkchop) and, when a shorter one is feasible, warm-started from it; the better of the two is kept.
    (SLSQP finds local optima: a cold start at a long time of flight often lands in a worse one.)"""
    order = np.argsort(tofs)
    legs: list = [None] * tofs.size
    prev = None
    for k, j in enumerate(order):
        seed = {} if seeds is None else dict(seeds[j])
        leg = solve_leg(dep, arr, t0, tofs[j], spacecraft, n_segments, c3_max, vinf_max, seed)
        if prev is not None:
            leg = _better(leg, solve_leg(dep, arr, t0, tofs[j], spacecraft, n_segments, c3_max, vinf_max,
                                         _warm(prev)))
        legs[j] = leg
        if leg.feasible:
            prev = leg
        if progress is not None:
            progress(done0 + k + 1, total or tofs.size)
    return legs


def tof_sweep(dep_body: str, arr_body: str, departure_tdb: float, tofs_s, spacecraft: LowThrustSpacecraft,
              n_segments: int = 20, c3_max_m2_s2: float = 0.0, vinf_arrival_max_m_s: float = 0.0,
              progress=None) -> list[LowThrustLeg]:
    """Minimum-propellant legs for a list of times of flight (returned in the given order), solved from
    the shortest up, each from the Lambert seed and warm-started from the previous feasible one."""
    tofs = np.atleast_1d(np.asarray(tofs_s, float))
    require_positive("tof", tofs, unit="s")
    return _row(dep_body, arr_body, departure_tdb, tofs, spacecraft, n_segments, c3_max_m2_s2,
                vinf_arrival_max_m_s, progress=progress)


@dataclass(frozen=True)
class DateTofGrid:
    """Launch date x time-of-flight grid of minimum-propellant legs (NaN where infeasible)."""

    departure_body: str
    arrival_body: str
    departure_tdb: np.ndarray
    tof_s: np.ndarray
    propellant_kg: np.ndarray  # (n_dep, n_tof)
    lambert_c3_m2_s2: np.ndarray  # (n_dep, n_tof): the porkchop seed
    feasible: np.ndarray
    best_leg: LowThrustLeg | None = None  # the least-propellant feasible leg (with its profile)

    def best(self) -> tuple[int, int]:
        p = np.where(self.feasible, self.propellant_kg, np.inf)
        if not np.any(np.isfinite(p)):
            from spaceplan.core.errors import InfeasibleError

            raise InfeasibleError("no feasible low-thrust leg on the launch-date x time-of-flight grid")
        return np.unravel_index(int(np.argmin(p)), p.shape)

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        return {"departure_body": self.departure_body, "arrival_body": self.arrival_body,
                "departure_utc": [tdb_to_iso(t) for t in self.departure_tdb], "tof_days": self.tof_s / DAY,
                "propellant_kg": np.where(self.feasible, self.propellant_kg, np.nan),
                "lambert_c3_km2s2": self.lambert_c3_m2_s2 / 1e6, "feasible": self.feasible}


def date_tof_grid(dep_body: str, arr_body: str, departure_tdb, tofs_s, spacecraft: LowThrustSpacecraft,
                  n_segments: int = 20, c3_max_m2_s2: float = 0.0, vinf_arrival_max_m_s: float = 0.0,
                  progress=None) -> DateTofGrid:
    """Minimum-propellant legs over launch dates x times of flight.  The ballistic porkchop over the same
    cells (``spaceplan.core.porkchop``) seeds every solve with its departure v-infinity and
    the cell's Lambert arrival v-infinity (clipped to the bounds); along each row the shorter feasible leg
    also warm-starts the next (see :func:`tof_sweep`)."""
    from spaceplan.core.porkchop import porkchop

    t_dep = np.atleast_1d(np.asarray(departure_tdb, float))
    tofs = np.atleast_1d(np.asarray(tofs_s, float))
    require_positive("tof", tofs, unit="s")
    nd, nt = t_dep.size, tofs.size
    prop = np.full((nd, nt), np.nan)
    c3 = np.full((nd, nt), np.nan)
    feas = np.zeros((nd, nt), bool)
    dep, arr = body(dep_body).name.lower(), body(arr_body).name.lower()
    best_leg = None
    for i, t0 in enumerate(t_dep):
        order = np.argsort(tofs)
        pc = porkchop(dep, arr, np.array([t0]), t0 + tofs[order])
        back = np.argsort(order)  # porkchop column of each requested tof
        best = pc.best_c3()[0][back]
        vinf = pc.vinf_departure()[:, :, back]  # (2, 1, nt, 3)
        c3k = pc.c3[:, 0][:, back]
        kind = np.where(np.nan_to_num(c3k[0], nan=np.inf) <= np.nan_to_num(c3k[1], nan=np.inf), 0, 1)
        c3[i] = best
        seeds = [{"vinf_departure": vinf[kind[j], 0, j]} if np.isfinite(best[j]) else {} for j in range(nt)]
        legs = _row(dep, arr, t0, tofs, spacecraft, n_segments, c3_max_m2_s2, vinf_arrival_max_m_s, seeds,
                    progress, i * nt, nd * nt)
        feas[i] = [leg.feasible for leg in legs]
        prop[i] = [leg.propellant_kg for leg in legs]
        for leg in legs:
            if leg.feasible and (best_leg is None or leg.propellant_kg < best_leg.propellant_kg):
                best_leg = leg
    return DateTofGrid(dep, arr, t_dep, tofs, prop, c3, feas, best_leg)
