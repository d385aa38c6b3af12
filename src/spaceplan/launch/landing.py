"""Fuel-optimal powered-descent guidance by lossless convexification.

The non-convex landing problem (thrust magnitude between rho1 > 0 and rho2,
mass depletion, glide-slope cone, thrust pointing limit) is posed as a
second-order cone program and solved with CLARABEL through cvxpy:

* Açıkmeşe & Ploen 2007, "Convex programming approach to powered descent
  guidance for Mars landing", JGCD 30(5):1353-1366 (problem 4, eqs. 33-37):
  variables sigma = Gamma/m, u = T/m, z = ln m; dynamics r'' = u + g,
  z' = -alpha sigma; constraint ||u|| <= sigma (the relaxation of
  ||T|| = Gamma) and the thrust bounds, made convex with the second-order
  (lower) and first-order (upper) Taylor expansions of exp(-z) about
  z0(t) = ln(m_wet - alpha rho2 t):

      rho1 e^-z0 [1 - (z - z0) + (z - z0)^2 / 2] <= sigma <= rho2 e^-z0 [1 - (z - z0)]

  with ln(m_wet - alpha rho2 t) <= z <= ln(m_wet - alpha rho1 t).
* Blackmore, Açıkmeşe & Scharf 2010, "Minimum-landing-error powered-descent
  guidance for Mars landing using convex optimization", JGCD 33(4):1161-1171:
  when no trajectory reaches the target, problem 3 minimizes the final
  distance to the target; problem 4 then minimizes fuel with that distance as
  a bound.  The glide-slope cone has its apex at the landing point.

Axes follow the papers: e1 is up (altitude), e2 and e3 are horizontal; the
target is the origin.  Controls are held constant over each of the N
intervals (zero-order hold) and the dynamics are discretized exactly.  The
time of flight is found by a coarse scan between the paper's bounds
t_l = (m_wet - m_dry) ||v0|| / rho2 and t_u = m_fuel / (alpha rho1), then a
golden-section search (the cost is unimodal in t_f, Blackmore et al. 2010).
Each t_f reuses one compiled cvxpy problem whose t_f-dependent numbers are
cvxpy Parameters (disciplined parametrized programming), so only the cone
program is re-solved.

Validity envelope (:data:`ENVELOPE`, checked by :func:`solve_landing` and
:func:`landing_propellant`):

* refused: a start at or below the landing point (``--r0`` altitude <= 0) and a
  maximum thrust below the weight of the *dry* vehicle (thrust-to-weight < 1 for
  every mass the descent can reach: no trajectory can stop a fall, the problem is
  meaningless rather than infeasible);
* warned: a thrust-to-weight below 1 at ignition (the vehicle falls faster until
  it has burned enough propellant: outside the papers' cases, T/W 1.9 at ignition),
  and a start beyond the flat-ground, uniform-gravity model: altitude above 0.5 %
  of the planet's radius (gravity 2h/R = 1 % weaker) or horizontal distance above
  1 % of it (gravity tilted by 0.57 deg).  The radius is that of the body whose
  surface gravity GM/R^2 is nearest to the case's (Mars for 3.7114 m/s^2:
  17 km altitude, 34 km downrange; Earth 32/64 km; Moon 8.7/17 km).  The papers'
  cases start at 1.5 km altitude and 2 km downrange;
* warned: a relaxed solution that is not lossless (thrust below ``--thrust-min`` on
  some interval: Açıkmeşe & Ploen 2007's condition ||T|| = Gamma fails, the
  trajectory is not flyable as computed).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from spaceplan.core import registry
from spaceplan.core.constants import EARTH, G0, MARS, MERCURY, MOON, VENUS
from spaceplan.core.errors import (InfeasibleError, InputError, ParseError, SpaceplanError, UnknownNameError,
                                   require_positive, require_range)
from spaceplan.core.validity import REFUSE, Bound, Envelope, check, physical, warning, with_warnings

GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0

FLAT_ALTITUDE_FRACTION = 0.005  # h / R: uniform gravity within 2 h / R = 1 %
FLAT_DISTANCE_FRACTION = 0.01  # d / R: gravity tilted by d / R = 0.57 deg over the descent
_SURFACE_BODIES = (EARTH, MARS, MOON, VENUS, MERCURY)

ENVELOPE = Envelope(
    "the powered-descent guidance",
    inputs=(
        Bound("thrust_max_n", "dry_weight_n", None, REFUSE, "thrust_below_weight", "N", 1.0, "thrust_max",
              "thrust-to-weight below 1 even at the dry mass: no trajectory can stop the descent"),
        Bound("thrust_max_n", "wet_weight_n", None, code="thrust_below_weight_at_ignition", unit="N",
              label="thrust_max", why="thrust-to-weight below 1 at ignition: the vehicle falls faster until it has "
              "burned enough propellant; the papers' cases have 1.9"),
        Bound("altitude_m", None, "flat_altitude_m", code="beyond_flat_ground", unit="km", scale=1e-3,
              label="r0 altitude", why="flat ground and uniform gravity hold to 1 % up to 0.5 % of the planet's "
              "radius"),
        Bound("downrange_m", None, "flat_downrange_m", code="beyond_flat_ground", unit="km", scale=1e-3,
              label="r0 horizontal distance", why="flat ground holds to 0.57 deg of gravity tilt up to 1 % of the "
              "planet's radius"),
    ),
    outputs=(physical("propellant_kg", "mass", "propellant"), physical("tf_s", "time", "time of flight", 1.0, "s"),
             Bound("landing_error_m", 0.0, None, REFUSE, "unphysical", "m", 1.0, "landing error",
                   "no distance lies outside it")),
)


def surface_body(gravity_m_s2: float):
    """The body whose surface gravity GM/R^2 is nearest (in ratio) to ``gravity_m_s2``."""
    g = abs(float(gravity_m_s2))
    return min(_SURFACE_BODIES, key=lambda b: abs(math.log(g / (b.gm / b.radius ** 2))))


def envelope_warnings(p: "LandingProblem") -> tuple[dict, ...]:
    """Apply :data:`ENVELOPE` to the inputs of ``p``: raises InputError (field ``thrust_max``) for a thrust
    that cannot hold the dry vehicle; returns the warnings (ignition thrust-to-weight, flat-ground limits)."""
    g = float(np.linalg.norm(p.gravity))
    radius = surface_body(g).radius
    return check(ENVELOPE, thrust_max_n=p.rho2, dry_weight_n=p.m_dry * g, wet_weight_n=p.m_wet * g,
                 altitude_m=p.r0[0], flat_altitude_m=FLAT_ALTITUDE_FRACTION * radius,
                 downrange_m=math.hypot(p.r0[1], p.r0[2]), flat_downrange_m=FLAT_DISTANCE_FRACTION * radius)


def _solution_warnings(sol: "LandingSolution") -> tuple[dict, ...]:
    out = check(ENVELOPE, propellant_kg=sol.propellant_kg, tf_s=sol.tf_s, landing_error_m=sol.landing_error_m)
    if not sol.lossless:
        out += (warning("relaxation_not_lossless", "thrust_min",
                        f"the convex relaxation is not lossless (min ||T||/T_min {sol.thrust_min_ratio:.3f}, gap "
                        f"{sol.lossless_gap:.1e}): the thrust dips below thrust_min, the trajectory is not flyable "
                        "as computed (Açıkmeşe & Ploen 2007's condition ||T|| = Gamma fails)"),)
    return out


@dataclass(frozen=True)
class LandingProblem:
    """A powered-descent problem in SI units (e1 up; target at the origin).

    ``alpha`` is the mass flow per unit of net thrust, s/m = 1/(Isp g0 cos(cant))
    (Açıkmeşe & Ploen 2007, eq. 2: canted thrusters spend mass on thrust that
    cancels sideways; for the Mars example 1/(225 x 9.80665 x cos 27 deg) =
    5.09e-4 s/m).  ``glide_slope_deg`` is the half-angle of the
    glide-slope cone measured from vertical (86 deg = no closer than 4 deg
    above the horizon); None disables it.  ``pointing_deg`` limits the thrust
    direction to that angle from vertical; None disables it.
    """

    gravity: tuple[float, float, float]
    m_wet: float
    m_dry: float
    rho1: float
    rho2: float
    alpha: float
    r0: tuple[float, float, float]
    v0: tuple[float, float, float]
    glide_slope_deg: float | None = 86.0
    pointing_deg: float | None = None
    v_max: float | None = None
    name: str = "custom"

    def __post_init__(self):
        require_positive("m_wet", self.m_wet, unit="kg")
        require_positive("m_dry", self.m_dry, unit="kg")
        if self.m_dry >= self.m_wet:
            raise InputError("m_dry", f"dry mass {self.m_dry:g} kg must be below wet mass {self.m_wet:g} kg",
                             f"0 < m_dry < {self.m_wet:g} kg")
        require_positive("thrust_min (rho1)", self.rho1, unit="N")
        require_positive("thrust_max (rho2)", self.rho2, unit="N")
        if self.rho1 >= self.rho2:
            raise InputError("thrust_min", f"{self.rho1:g} N must be below thrust_max {self.rho2:g} N",
                             f"0 < thrust_min < {self.rho2:g} N")
        require_positive("alpha", self.alpha, unit="kg/(N s)")
        for name, vec in (("gravity", self.gravity), ("r0", self.r0), ("v0", self.v0)):
            arr = np.asarray(vec, dtype=float)
            if arr.shape != (3,) or not np.all(np.isfinite(arr)):
                raise InputError(name, f"need 3 finite components, got {vec!r}", "(up, east, north)")
        if self.gravity[0] >= 0:
            raise InputError("gravity", f"first (up) component must be negative, got {self.gravity[0]:g}", "< 0 m/s^2")
        if self.r0[0] <= 0:
            raise InputError("r0", f"initial altitude must be positive, got {self.r0[0]:g} m", "> 0 m")
        if self.glide_slope_deg is not None and not (0.0 < self.glide_slope_deg < 90.0):
            raise InputError("glide_slope_deg", f"got {self.glide_slope_deg:g}", "0 to 90 deg from vertical")
        if self.pointing_deg is not None and not (0.0 < self.pointing_deg <= 180.0):
            raise InputError("pointing_deg", f"got {self.pointing_deg:g}", "0 to 180 deg from vertical")
        if self.v_max is not None:
            require_positive("v_max", self.v_max, unit="m/s")
        if self.glide_slope_deg is not None:
            horiz = math.hypot(self.r0[1], self.r0[2])
            if self.r0[0] < math.tan(math.radians(90.0 - self.glide_slope_deg)) * horiz - 1e-9:
                raise InputError("r0", "initial position lies outside the glide-slope cone",
                                 f"altitude >= tan({90 - self.glide_slope_deg:g} deg) x horizontal distance")

    @property
    def propellant_kg(self) -> float:
        return self.m_wet - self.m_dry

    def tf_bounds(self) -> tuple[float, float]:
        """Açıkmeşe & Ploen 2007 eq. (55) bounds on the time of flight, s."""
        v0 = float(np.linalg.norm(self.v0))
        t_lo = self.m_dry * v0 / self.rho2
        t_hi = self.propellant_kg / (self.alpha * self.rho1)
        return max(t_lo, 1e-3), t_hi


@dataclass(frozen=True)
class LandingSolution:
    """A solved descent: trajectory at the N+1 nodes, thrust per interval (ZOH)."""

    problem: LandingProblem
    mode: str  # "min_fuel" (reaches the target) or "min_landing_error" (closest reachable point)
    status: str
    fuel_optimal_feasible: bool
    t: np.ndarray  # (N+1,) s
    r: np.ndarray  # (N+1, 3) m
    v: np.ndarray  # (N+1, 3) m/s
    m: np.ndarray  # (N+1,) kg
    thrust: np.ndarray  # (N, 3) N, held over [t_k, t_k+1)
    sigma: np.ndarray  # (N,) m/s^2, the relaxed thrust-acceleration magnitude
    tf_s: float
    propellant_kg: float
    landing_error_m: float
    lossless: bool
    lossless_gap: float  # max over nodes of (sigma - ||u||) / sigma
    thrust_min_ratio: float  # min ||T|| / rho1 (>= 1 within tolerance when lossless)
    thrust_max_ratio: float  # max ||T|| / rho2 (<= 1)
    solve_time_s: float
    n_solves: int
    propellant_required_kg: float = math.nan  # to land on the target at this t_f, propellant limit lifted
    tf_scan: tuple[tuple[float, float], ...] = field(default=())  # (t_f, cost) visited; cost inf if infeasible
    warnings: tuple = ()  # validity warnings ({code, field, message}) of :data:`ENVELOPE`

    @property
    def throttle(self) -> np.ndarray:
        """||T|| / rho2 per interval."""
        return np.linalg.norm(self.thrust, axis=1) / self.problem.rho2

    def to_dict(self) -> dict[str, Any]:
        p = self.problem
        return {
            "case": p.name,
            "mode": self.mode,
            "status": self.status,
            "fuel_optimal_feasible": self.fuel_optimal_feasible,
            "tf_s": self.tf_s,
            "propellant_kg": self.propellant_kg,
            "propellant_available_kg": p.propellant_kg,
            "propellant_required_kg": self.propellant_required_kg,
            "landing_error_m": self.landing_error_m,
            "final_mass_kg": float(self.m[-1]),
            "lossless": self.lossless,
            "lossless_gap": self.lossless_gap,
            "thrust_min_ratio": self.thrust_min_ratio,
            "thrust_max_ratio": self.thrust_max_ratio,
            "n_nodes": int(len(self.t) - 1),
            "n_solves": self.n_solves,
            "solve_time_s": self.solve_time_s,
            "warnings": list(self.warnings),
            "inputs": {
                "gravity_m_s2": list(p.gravity), "m_wet_kg": p.m_wet, "m_dry_kg": p.m_dry,
                "thrust_min_n": p.rho1, "thrust_max_n": p.rho2, "alpha_s_per_m": p.alpha,
                "r0_m": list(p.r0), "v0_m_s": list(p.v0), "glide_slope_deg": p.glide_slope_deg,
                "pointing_deg": p.pointing_deg, "v_max_m_s": p.v_max,
            },
            "trajectory": {
                "t_s": self.t, "r_m": self.r, "v_m_s": self.v, "mass_kg": self.m,
                "thrust_n": self.thrust, "throttle": self.throttle,
            },
        }


# --------------------------------------------------------------------------- compiled problems

class _Compiled:
    """One cvxpy problem with t_f-dependent Parameters, compiled once and re-solved.

    kind: "fuel" (land on the target, max final mass), "error" (min distance to
    the target), "fuel_d" (max final mass with final distance <= D).
    """

    def __init__(self, n: int, kind: str, glide: bool, pointing: bool, vmax: bool):
        import cvxpy as cp

        self.n, self.kind = n, kind
        P = cp.Parameter
        self.dt = P(nonneg=True)
        self.dt2h = P(nonneg=True)
        self.gdt = P(3)
        self.gdt2 = P(3)
        self.adt = P(nonneg=True)  # alpha dt
        self.z0 = P(n)  # ln(m_wet - alpha rho2 t_k): expansion point and lower bound on z
        self.zhi = P(n + 1)  # ln(m_wet - alpha rho1 t_k): upper bound on z
        self.mu1 = P(n, nonneg=True)  # rho1 e^-z0
        self.mu1h = P(n, nonneg=True)  # rho1 e^-z0 / 2
        self.mu2 = P(n, nonneg=True)  # rho2 e^-z0
        self.r0 = P(3)
        self.v0 = P(3)
        self.zwet = P()
        self.zdry = P()
        self.tan_gs = P(nonneg=True)
        self.cos_pt = P()
        self.vmax = P(nonneg=True)
        self.dmax = P(nonneg=True)

        r = cp.Variable((n + 1, 3))
        v = cp.Variable((n + 1, 3))
        z = cp.Variable(n + 1)
        u = cp.Variable((n, 3))
        s = cp.Variable(n)
        w = cp.Variable(n)  # z_k - z0_k
        self.r, self.v, self.z, self.u, self.s = r, v, z, u, s
        ones = np.ones((n, 1))
        cons = [
            r[0] == self.r0, v[0] == self.v0, z[0] == self.zwet,
            v[1:] == v[:-1] + self.dt * u + ones @ cp.reshape(self.gdt, (1, 3), order="C"),
            r[1:] == r[:-1] + self.dt * v[:-1] + self.dt2h * u + ones @ cp.reshape(self.gdt2, (1, 3), order="C"),
            z[1:] == z[:-1] - self.adt * s,
            w == z[:-1] - self.z0,
            cp.norm(u, 2, axis=1) <= s,
            s >= cp.multiply(self.mu1, 1 - w) + cp.multiply(self.mu1h, cp.square(w)),
            s <= cp.multiply(self.mu2, 1 - w),
            w >= 0,
            z <= self.zhi,
            z[n] >= self.zdry,
            r[n, 0] == 0, v[n] == 0,
            r[:, 0] >= 0,  # never below the ground (implied by the glide slope when there is one)
        ]
        if glide:
            # cone with apex at the landing point: tan(gs) ||horizontal offset|| <= altitude
            cons.append(self.tan_gs * cp.norm(r[:, 1:] - np.ones((n + 1, 1)) @ cp.reshape(r[n, 1:], (1, 2), order="C"),
                                              2, axis=1) <= r[:, 0])
        if pointing:
            cons.append(u[:, 0] >= self.cos_pt * s)
        if vmax:
            cons.append(cp.norm(v, 2, axis=1) <= self.vmax)
        if kind == "fuel":
            cons.append(r[n, 1:] == 0)
            objective = cp.Maximize(z[n])
        elif kind == "fuel_d":
            cons.append(cp.norm(r[n, 1:], 2) <= self.dmax)
            objective = cp.Maximize(z[n])
        elif kind == "error":
            objective = cp.Minimize(cp.norm(r[n, 1:], 2))
        else:  # pragma: no cover - internal
            raise ValueError(kind)
        self.problem = cp.Problem(objective, cons)
        assert self.problem.is_dpp()

    def set(self, p: LandingProblem, tf: float, dmax: float = 0.0, relax_dry: bool = False) -> None:
        n = self.n
        dt = tf / n
        g = np.asarray(p.gravity, float)
        tk = dt * np.arange(n + 1)
        self.dt.value = dt
        self.dt2h.value = 0.5 * dt * dt
        self.gdt.value = g * dt
        self.gdt2.value = 0.5 * g * dt * dt
        self.adt.value = p.alpha * dt
        m_lo = np.maximum(p.m_wet - p.alpha * p.rho2 * tk, 1e-6 * p.m_wet)
        z0 = np.log(m_lo[:n])
        self.z0.value = z0
        self.zhi.value = np.log(np.maximum(p.m_wet - p.alpha * p.rho1 * tk, 1e-6 * p.m_wet))
        self.mu1.value = p.rho1 * np.exp(-z0)
        self.mu1h.value = 0.5 * p.rho1 * np.exp(-z0)
        self.mu2.value = p.rho2 * np.exp(-z0)
        self.r0.value = np.asarray(p.r0, float)
        self.v0.value = np.asarray(p.v0, float)
        self.zwet.value = math.log(p.m_wet)
        self.zdry.value = math.log(p.m_dry if not relax_dry else 1e-3 * p.m_wet)
        gs = p.glide_slope_deg if p.glide_slope_deg is not None else 89.0
        self.tan_gs.value = math.tan(math.radians(90.0 - gs))
        pt = p.pointing_deg if p.pointing_deg is not None else 180.0
        self.cos_pt.value = math.cos(math.radians(pt))
        self.vmax.value = p.v_max if p.v_max is not None else 1e9
        self.dmax.value = dmax

    def solve(self) -> str:
        import cvxpy as cp

        import warnings

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "may be inaccurate": reported through the status
                self.problem.solve(solver=cp.CLARABEL, **_SOLVER_OPTS)
        except cp.error.SolverError:
            return "solver_error"
        return str(self.problem.status)


_CACHE: dict[tuple, _Compiled] = {}
_SOLVER_OPTS = {"equilibrate_enable": False}  # Clarabel's equilibration stopped early (0.9 kg off) on this problem


def _compiled(n: int, kind: str, p: LandingProblem) -> _Compiled:
    key = (n, kind, p.glide_slope_deg is not None, p.pointing_deg is not None, p.v_max is not None)
    if key not in _CACHE:
        _CACHE[key] = _Compiled(n, *key[1:])
    return _CACHE[key]


_OK = ("optimal", "optimal_inaccurate")


def _evaluate(c: _Compiled, p: LandingProblem, tf: float, dmax: float = 0.0,
              relax_dry: bool = False) -> tuple[float, str]:
    """Cost at t_f: propellant (fuel kinds) or landing error (error kind); inf if infeasible.

    ``relax_dry`` lifts the propellant limit (final mass >= dry mass) so that the
    cost tells how much propellant the landing needs, not only whether it fits.
    """
    c.set(p, tf, dmax, relax_dry)
    status = c.solve()
    if status not in _OK:
        return math.inf, status
    if c.kind == "error":
        return float(np.linalg.norm(c.r.value[c.n, 1:])), status
    return float(p.m_wet - math.exp(c.z.value[c.n])), status


def _search_tf(c: _Compiled, p: LandingProblem, t_lo: float, t_hi: float, n_scan: int, tol_s: float,
               dmax: float = 0.0, scan: list | None = None, relax_dry: bool = False) -> tuple[float, float, int]:
    """Coarse scan of t_f, then Brent's bounded search (parabolic steps, golden-section fallback) between
    the neighbours of the best feasible scan point.  The cost is unimodal in t_f (Blackmore et al. 2010).

    Returns (tf_best, cost_best, n_solves); cost inf if no feasible t_f was found.
    """
    from scipy.optimize import minimize_scalar

    scan = [] if scan is None else scan
    visited: list[tuple[float, float]] = []

    def f(tf: float) -> float:
        cost, _ = _evaluate(c, p, float(tf), dmax, relax_dry)
        visited.append((float(tf), cost))
        return cost

    grid = np.linspace(t_lo, t_hi, n_scan)
    costs = np.array([f(tf) for tf in grid])
    if not np.any(np.isfinite(costs)):
        # refine once: the feasible window may be narrower than the grid step
        fine = np.linspace(t_lo, t_hi, 4 * n_scan)[1::2]
        costs = np.concatenate([costs, [f(tf) for tf in fine]])
        grid = np.concatenate([grid, fine])
        order = np.argsort(grid)
        grid, costs = grid[order], costs[order]
    scan += visited
    if not np.any(np.isfinite(costs)):
        return math.nan, math.inf, len(visited)
    i = int(np.argmin(np.where(np.isfinite(costs), costs, np.inf)))
    a = float(grid[max(i - 1, 0)])
    b = float(grid[min(i + 1, len(grid) - 1)])
    finite = costs[np.isfinite(costs)]
    penalty = float(finite.max() + abs(finite.max()) + 1.0)  # infeasible t_f: worse than any feasible one
    n0 = len(visited)
    if b - a > tol_s:
        minimize_scalar(lambda x: min(f(x), penalty), bounds=(a, b), method="bounded",
                        options={"xatol": tol_s, "maxiter": 40})
    scan += visited[n0:]
    best_tf, best_cost = min(visited, key=lambda tc: tc[1])
    return float(best_tf), float(best_cost), len(visited)


def solve_landing(problem: LandingProblem, *, n_nodes: int = 55, tf_s: float | None = None,
                  search_nodes: int = 30, n_scan: int = 6, tf_tol_s: float = 0.5,
                  lossless_tol: float = 1e-3) -> LandingSolution:
    """Fuel-optimal landing; minimum-landing-error fallback when the target is out of reach.

    With ``tf_s`` given, only that time of flight is tried.  Otherwise t_f is
    searched between the bounds of :meth:`LandingProblem.tf_bounds` on a
    coarser grid of ``search_nodes`` nodes (the cost is flat near its optimum
    in t_f, so the coarse optimum is the fine one to well under 0.1 % of fuel),
    then the problem is solved once on ``n_nodes`` nodes at the t_f found.
    Blackmore et al. 2010: if no trajectory reaches the target, problem 3
    (minimum landing error) fixes t_f and the reachable distance D, and
    problem 4 (minimum fuel with ||r(t_f)|| <= D) gives the trajectory.
    Raises InfeasibleError if not even problem 3 has a solution (the vehicle
    cannot come to rest on the ground).
    """
    if not (10 <= int(n_nodes) <= 400):
        raise InputError("n_nodes", f"got {n_nodes}", "10 to 400")
    found = envelope_warnings(problem)
    n = int(n_nodes)
    ns = max(10, min(int(search_nodes), n))
    start = time.perf_counter()
    t_lo, t_hi = problem.tf_bounds()
    scan: list[tuple[float, float]] = []
    solves = 0
    if tf_s is not None:
        require_positive("tf_s", tf_s, unit="s")
        tf_best = float(tf_s)
    else:
        # t_f minimizing the propellant needed, propellant limit lifted (Açıkmeşe & Ploen bounds on t_f
        # still hold; the limit is checked by the fine solve below)
        tf_best, required, solves = _search_tf(_compiled(ns, "fuel", problem), problem, t_lo, t_hi, n_scan,
                                               tf_tol_s, scan=scan, relax_dry=True)
        if not math.isfinite(required):
            tf_best = math.nan
    fuel = _compiled(n, "fuel", problem)
    cost, status = (math.inf, "infeasible") if math.isnan(tf_best) else _evaluate(fuel, problem, tf_best)
    solves += 0 if math.isnan(tf_best) else 1
    mode, feasible, dmax = "min_fuel", math.isfinite(cost), 0.0
    required = cost  # when the target is reached, what it takes is what was used
    if not feasible:
        if math.isfinite(tf_best):  # how much propellant the target would need (limit lifted)
            required, _ = _evaluate(fuel, problem, tf_best, relax_dry=True)
            solves += 1
        if tf_s is None:
            err = _compiled(ns, "error", problem)
            tf_req = tf_best
            tf_best, dmax = math.nan, math.inf
            if math.isfinite(tf_req):  # the closest landing is near the fuel-optimal t_f: search there first
                tf_best, dmax, k = _search_tf(err, problem, max(t_lo, 0.85 * tf_req), min(t_hi, 1.15 * tf_req),
                                              3, tf_tol_s)
                solves += k
            if not math.isfinite(dmax):
                tf_best, dmax, k = _search_tf(err, problem, t_lo, t_hi, n_scan, tf_tol_s)
                solves += k
        if math.isfinite(tf_best):
            dmax, _ = _evaluate(_compiled(n, "error", problem), problem, tf_best)
            solves += 1
        if not math.isfinite(dmax):
            raise InfeasibleError(
                f"landing {problem.name!r}: no trajectory comes to rest on the ground within the thrust, "
                f"propellant and glide-slope limits (t_f searched {t_lo:.1f}..{t_hi:.1f} s)")
        mode = "min_landing_error"
        fuel = _compiled(n, "fuel_d", problem)
        dmax = dmax * (1 + 1e-5) + 1e-2
        cost, status = _evaluate(fuel, problem, tf_best, dmax)
        solves += 1
        if not math.isfinite(cost):
            raise InfeasibleError(f"landing {problem.name!r}: minimum-fuel solution at the minimum landing "
                                  f"error {dmax:.1f} m not found (solver status {status})")
    elapsed = time.perf_counter() - start
    sol = _package(problem, fuel, tf_best, mode, status, feasible, elapsed, solves, scan, lossless_tol, required)
    return with_warnings(sol, found + _solution_warnings(sol))


def _package(p: LandingProblem, c: _Compiled, tf: float, mode: str, status: str, feasible: bool,
             elapsed: float, solves: int, scan: list, tol: float, required: float = math.nan) -> LandingSolution:
    n = c.n
    t = np.linspace(0.0, tf, n + 1)
    r = np.array(c.r.value)
    v = np.array(c.v.value)
    m = np.exp(np.array(c.z.value))
    u = np.array(c.u.value)
    s = np.array(c.s.value)
    thrust = u * m[:n, None]
    unorm = np.linalg.norm(u, axis=1)
    gap = float(np.max((s - unorm) / np.maximum(s, 1e-12)))
    tmag = np.linalg.norm(thrust, axis=1)
    tmin_ratio = float(tmag.min() / p.rho1)
    tmax_ratio = float(tmag.max() / p.rho2)
    lossless = bool(gap <= tol and tmin_ratio >= 1 - tol and tmax_ratio <= 1 + tol)
    return LandingSolution(
        problem=p, mode=mode, status=status, fuel_optimal_feasible=feasible, t=t, r=r, v=v, m=m,
        thrust=thrust, sigma=s, tf_s=float(tf), propellant_kg=float(p.m_wet - m[-1]),
        landing_error_m=float(np.linalg.norm(r[-1, 1:])), lossless=lossless, lossless_gap=gap,
        thrust_min_ratio=tmin_ratio, thrust_max_ratio=tmax_ratio, solve_time_s=elapsed, n_solves=solves,
        propellant_required_kg=float(required), tf_scan=tuple(sorted(scan)))


# --------------------------------------------------------------------------- presets

def landing_cases() -> list[str]:
    """Names of the bundled landing cases (registry kind ``landing_cases``)."""
    return registry.names("landing_cases")


def load_case(name_or_path: str | Path, **overrides) -> LandingProblem:
    """A LandingProblem from a bundled case name or a TOML file ([landing] table, SI units).

    Keys: gravity_m_s2 (3) or gravity_m_s2 scalar (then (-g, 0, 0)), m_wet_kg,
    m_dry_kg, thrust_min_n, thrust_max_n (along the vehicle axis), and either
    alpha_s_per_m or isp_s with optional cant_deg (alpha = 1/(isp g0 cos cant)),
    r0_m, v0_m_s, glide_slope_deg, pointing_deg, v_max_m_s.
    """
    preset = registry.resolve("landing_cases", name_or_path, field="landing case")
    d = preset.table("landing")
    unknown = set(d) - _CASE_KEYS
    if unknown:
        raise UnknownNameError("landing case key", sorted(unknown)[0], sorted(_CASE_KEYS))
    if overrides.get("isp_s") is not None or overrides.get("cant_deg") is not None:
        d.pop("alpha_s_per_m", None)  # a given Isp or cant replaces the case's alpha
    d.update({k: v for k, v in overrides.items() if v is not None})
    try:
        g = d["gravity_m_s2"]
        gravity = (-float(g), 0.0, 0.0) if np.ndim(g) == 0 else tuple(float(x) for x in g)
        if "alpha_s_per_m" in d:
            alpha = float(d["alpha_s_per_m"])
        else:
            isp, cant = float(d["isp_s"]), float(d.get("cant_deg", 0.0))
            require_positive("isp_s", isp, unit="s")
            require_range("cant_deg", cant, 0.0, 89.0, "deg")
            alpha = 1.0 / (isp * G0 * math.cos(math.radians(cant)))
        return LandingProblem(
            gravity=gravity, m_wet=float(d["m_wet_kg"]), m_dry=float(d["m_dry_kg"]),
            rho1=float(d["thrust_min_n"]), rho2=float(d["thrust_max_n"]), alpha=alpha,
            r0=tuple(float(x) for x in d["r0_m"]), v0=tuple(float(x) for x in d["v0_m_s"]),
            glide_slope_deg=d.get("glide_slope_deg"), pointing_deg=d.get("pointing_deg"),
            v_max=d.get("v_max_m_s"), name=str(d.get("name", preset.name)))
    except KeyError as exc:
        raise ParseError("landing case", f"{preset.path}: missing key {exc.args[0]!r}") from None
    except (TypeError, ValueError) as exc:
        if isinstance(exc, SpaceplanError):
            raise
        raise ParseError("landing case", f"{preset.path}: a value has the wrong type ({exc})") from None


_CASE_KEYS = {"name", "gravity_m_s2", "m_wet_kg", "m_dry_kg", "thrust_min_n", "thrust_max_n", "alpha_s_per_m", "isp_s",
              "cant_deg", "r0_m", "v0_m_s", "glide_slope_deg", "pointing_deg", "v_max_m_s"}


# --------------------------------------------------------------------------- rocket-stage helper

def landing_propellant(mass_kg: float, thrust_max_n: float, thrust_min_n: float, isp_s: float,
                       r0, v0, gravity: float = G0, glide_slope_deg: float | None = None,
                       pointing_deg: float | None = None, dry_mass_kg: float | None = None,
                       n_nodes: int = 40, return_solution: bool = False):
    """Propellant (kg) of a fuel-optimal propulsive landing of a rocket stage.

    ``r0``: altitude (m, scalar: 1-D vertical landing) or (up, east, north)
    position of the stage relative to the pad (m); ``v0`` likewise (m/s).
    The burn starts at (r0, v0): the caller places the ignition point (for a
    stage whose minimum thrust exceeds its weight the burn cannot be idle, so
    a start too high is infeasible, like a real hover-slam).  ``dry_mass_kg``
    bounds the final mass (default: 1 % of ``mass_kg``, i.e. propellant not
    limiting).  No aerodynamic drag (conservative: drag would help).
    Returns the propellant in kg, or ``(kg, LandingSolution)`` with
    ``return_solution=True``.  Raises InfeasibleError if the stage cannot land
    at the pad (the minimum-landing-error fallback is then in the solution of
    :func:`solve_landing`, not here).
    """
    r0 = np.atleast_1d(np.asarray(r0, float))
    v0 = np.atleast_1d(np.asarray(v0, float))
    if r0.shape == (1,):
        r0 = np.array([r0[0], 0.0, 0.0])
    if v0.shape == (1,):
        v0 = np.array([v0[0], 0.0, 0.0])
    require_positive("gravity", gravity, unit="m/s^2")
    require_positive("isp_s", isp_s, unit="s")
    dry = 0.01 * mass_kg if dry_mass_kg is None else dry_mass_kg
    prob = LandingProblem(gravity=(-float(gravity), 0.0, 0.0), m_wet=float(mass_kg), m_dry=float(dry),
                          rho1=float(thrust_min_n), rho2=float(thrust_max_n), alpha=1.0 / (isp_s * G0),
                          r0=tuple(r0), v0=tuple(v0), glide_slope_deg=glide_slope_deg,
                          pointing_deg=pointing_deg, name="stage_landing")
    if thrust_max_n / mass_kg <= gravity:
        raise InfeasibleError(f"landing: thrust_max {thrust_max_n:g} N cannot hold the stage's weight "
                              f"{mass_kg * gravity:g} N")
    found = envelope_warnings(prob)
    # a tighter t_f bracket than the propellant-based one when propellant is not limiting
    vmag = float(np.linalg.norm(v0))
    a_max = thrust_max_n / mass_kg - gravity
    t_char = vmag / a_max + math.sqrt(2.0 * max(r0[0], 1.0) / a_max)
    t_lo, t_hi = prob.tf_bounds()
    t_hi = min(t_hi, 4.0 * t_char + 5.0)
    n = int(n_nodes)
    c = _compiled(n, "fuel", prob)
    start = time.perf_counter()
    scan: list = []
    tf, cost, solves = _search_tf(c, prob, t_lo, t_hi, 10, 0.05 * max(t_char, 1.0) / 10 + 0.02, scan=scan)
    if not math.isfinite(cost):
        raise InfeasibleError(
            f"landing: the stage cannot land at rest on the pad from r0={[round(float(x), 1) for x in r0]} m, "
            f"v0={[round(float(x), 1) for x in v0]} m/s with thrust {thrust_min_n:g}..{thrust_max_n:g} N "
            f"(t_f {t_lo:.1f}..{t_hi:.1f} s); ignite higher if it cannot stop in time, lower if its minimum thrust exceeds its weight")
    cost, status = _evaluate(c, prob, tf)
    sol = _package(prob, c, tf, "min_fuel", status, True, time.perf_counter() - start, solves + 1, scan, 1e-3)
    sol = with_warnings(sol, found + _solution_warnings(sol))
    return (sol.propellant_kg, sol) if return_solution else sol.propellant_kg


__all__ = ["LandingProblem", "LandingSolution", "solve_landing", "landing_propellant", "load_case",
           "landing_cases", "ENVELOPE", "envelope_warnings", "surface_body"]
