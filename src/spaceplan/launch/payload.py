"""Payload optimizer: the largest payload a vehicle puts into a target orbit from a site.

Free variables: payload mass, the first-stage pitch-kick angle and the two
linear-tangent angles of the upper-stage steering.  The ascent is flown with
``simulate_ascent`` (cutoff at the target specific energy), and the payload is
maximised subject to the insertion conditions at the (first) cutoff

* radius = target perigee radius and radial velocity = 0 (equalities; with the
  energy cutoff they put the cutoff at the perigee of the target orbit.  The
  osculating perigee itself is not used: r_p = a (1 - |e|) has a kink at e = 0,
  exactly where a circular target sits), and
* propellant left in the last stage >= 0 (the active constraint at the optimum;
  when the stage runs dry first, the shortfall is measured as the propellant
  the rocket equation says it still needs).

A coarse grid over the guidance angles seeds SLSQP (Kraft 1988, as in scipy),
which finds the neighbourhood of the optimum; the optimum is then polished on
the reduced problem (``_polish``: at a fixed kick, Newton's method solves the
three insertion conditions for payload and the two steering angles; Brent's
method maximises that payload over the kick).  The simulation being smooth
(every event is located inside its step by root finding, see ``_kernels.py``),
the answer does not depend on SLSQP's path: it is reproducible to < 0.01 kg
across processes, CPUs and numba targets (tests/launch/test_reproducibility.py).
The answer is the payload of a guidance-optimal open-loop ascent in this 3-DOF
model, not a closed-loop PEG/IGM trajectory; the gap is usually ~1 %.

Validity envelope (:func:`input_envelope`; the result's ``warnings``): refused, a perigee below 100 km
(:class:`~spaceplan.launch.ascent.TargetOrbit`: the orbit decays at once), an apogee beyond 1e6 km, an
inclination outside 0-180 deg or below the site's geocentric latitude (or above 180 deg minus it: a direct
ascent cannot reach it and the model flies no dog-leg, :func:`~spaceplan.launch.ascent.launch_azimuth`);
warned, a perigee below 150 km (a circular orbit there re-enters within hours: King-Hele on NRLMSIS 2.1,
``spaceplan station lifetime``), an apogee beyond the Moon's mean distance, 384,400 km (the Moon's pull, absent
from the two-body insertion, reshapes such an orbit within one revolution), and a payload more than 10 % above
the largest payload the vehicle's preset publishes for any orbit (its ``[published]`` table: the validation
compares within 10-15 %, so beyond that the vehicle model is extrapolated).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from spaceplan.core.errors import ImpossibleOrbitError, SpaceplanError
from spaceplan.core.validity import Bound, Envelope, check, physical, warning
from spaceplan.launch.ascent import (AscentResult, Guidance, Site, TargetOrbit, initial_state, load_site,
                                     simulate_ascent)
from spaceplan.launch.vehicles import Vehicle, load_vehicle

import os as _os

_DEBUG = bool(_os.environ.get("SPACEPLAN_DEBUG_OPT"))
# "converged" means the orbit flown meets the target within these (stated) tolerances, not only that the
# optimizer stopped: perigee and apogee altitude (m) and inclination (deg) of the final orbit
TARGET_TOL_ALTITUDE_M = 1_000.0
TARGET_TOL_INCLINATION_DEG = 0.1
_SCALE = np.array([1.0e4, 5.0, 30.0, 30.0])  # payload kg, kick deg, theta0 deg, theta1 deg
_BOUNDS_DEG = [(0.3, 20.0), (-20.0, 75.0), (-70.0, 50.0)]


ENVELOPE = Envelope("the ascent optimizer", outputs=(physical("payload_kg", "mass", "payload"),
                                                    physical("liftoff_mass_kg", "mass", "lift-off mass")))
MOON_DISTANCE_M = 384_400e3  # mean Earth-Moon distance
PUBLISHED_MARGIN = 1.10  # a payload this far above the vehicle's best published figure is extrapolated


_RECOVERED_WORDS = ("reusable", "droneship", "asds", "rtls", "recovered")


def input_envelope(vehicle: Vehicle, recovery: str = "expendable") -> Envelope:
    """The ascent optimizer's envelope for ``vehicle``: target perigee >= 150 km and apogee <= the Moon's distance
    (warned beyond), payload <= 1.1 x the largest published payload (warned above; none without a ``[published]``
    payload).  An expendable ascent is held to the published figures that are not for a recovered first stage
    (a reusable figure says nothing of the expendable capability)."""
    published = [float(v) for k, v in vehicle.published.items() if k.endswith(("_kg", "_kg_high"))
                 and isinstance(v, (int, float)) and not isinstance(v, bool)
                 and (recovery != "expendable" or not any(w in k for w in _RECOVERED_WORDS))]
    inputs = (
        Bound("perigee_alt_m", 150e3, None, code="below_drag_limit", unit="km", scale=1e-3, label="orbit perigee",
              why="a circular orbit re-enters within hours below 150 km"),
        Bound("apogee_alt_m", None, MOON_DISTANCE_M, code="beyond_the_moon", unit="km", scale=1e-3,
              label="orbit apogee", why="beyond the Moon's mean distance its pull, absent from the two-body "
              "insertion, reshapes the orbit"),
    )
    if published:
        inputs += (Bound("payload_kg", None, PUBLISHED_MARGIN * max(published), code="above_published_payload",
                         unit="kg", label="payload", why=f"10 % above {vehicle.name}'s largest published payload, "
                         f"{max(published):,.0f} kg"),)
    return Envelope("the ascent optimizer", inputs=inputs)

@dataclass(frozen=True)
class PayloadResult:
    """Largest payload to ``target`` and the ascent that delivers it."""

    vehicle: str
    site: Site
    target: TargetOrbit
    payload_kg: float
    guidance: Guidance
    ascent: AscentResult
    recovery: str = "expendable"
    reserve_kg: float = 0.0
    evaluations: int = 0
    converged: bool = True  # optimum polished AND the final orbit within the TARGET_TOL_* of the target
    warnings: tuple = ()

    @property
    def losses(self):
        return self.ascent.losses

    def to_dict(self) -> dict:
        a = self.ascent
        return {
            "vehicle": self.vehicle,
            "site": self.site.to_dict(),
            "target": self.target.to_dict(),
            "recovery": self.recovery,
            "payload_kg": self.payload_kg,
            "first_stage_reserve_kg": self.reserve_kg,
            "achieved": {"perigee_km": a.perigee_alt_m / 1e3, "apogee_km": a.apogee_alt_m / 1e3,
                         "inclination_deg": math.degrees(a.inclination_rad)},
            "losses": a.losses.to_dict(),
            "guidance": {"kick_deg": self.guidance.kick_deg, "theta0_deg": self.guidance.theta0_deg,
                         "theta1_deg": self.guidance.theta1_deg},
            "stages": [s.to_dict() for s in a.stages],
            "max_q_kpa": a.max_q_pa / 1e3,
            "t_max_q_s": a.t_max_q_s,
            "t_fairing_s": a.t_fairing_s,
            "liftoff_mass_kg": a.liftoff_mass_kg,
            "evaluations": self.evaluations,
            "converged": self.converged,
            "warnings": list(self.warnings),
            "target_miss": target_miss(a, self.target),
            "target_tolerance": {"altitude_km": TARGET_TOL_ALTITUDE_M / 1e3,
                                 "inclination_deg": TARGET_TOL_INCLINATION_DEG},
        }


def target_miss(a: AscentResult, target: TargetOrbit) -> dict:
    """How far the final orbit is from the target: perigee and apogee altitude (km), inclination (deg)."""
    return {"perigee_km": (a.perigee_alt_m - target.perigee_alt_m) / 1e3,
            "apogee_km": (a.apogee_alt_m - target.apogee_alt_m) / 1e3,
            "inclination_deg": math.degrees(a.inclination_rad - target.inclination_rad)}


def _miss_text(a: AscentResult, target: TargetOrbit) -> str:
    m = target_miss(a, target)
    return (f"perigee {m['perigee_km']:+.1f} km, apogee {m['apogee_km']:+.1f} km, "
            f"inclination {m['inclination_deg']:+.3f} deg")


def meets_target(a: AscentResult, target: TargetOrbit) -> bool:
    """The final orbit within the stated tolerances of the target (and the ascent reached orbit)."""
    miss = target_miss(a, target)
    return (a.status in (0, 1) and a.propellant_left_kg > -1.0  # depleted at cutoff to 1 kg: the polish optimum
            and abs(miss["perigee_km"]) * 1e3 <= TARGET_TOL_ALTITUDE_M
            and abs(miss["apogee_km"]) * 1e3 <= TARGET_TOL_ALTITUDE_M
            and abs(miss["inclination_deg"]) <= TARGET_TOL_INCLINATION_DEG)


class _Settled(Exception):
    """Raised from the SLSQP callback once the payload has settled: SLSQP only brings the search near the optimum,
    the polish (``_polish``) converges it."""


def _guidance(x) -> Guidance:
    return Guidance(kick_deg=float(x[1] * _SCALE[1]), theta0_deg=float(x[2] * _SCALE[2]),
                    theta1_deg=float(x[3] * _SCALE[3]))


def _insertion(a: AscentResult, target: TargetOrbit) -> np.ndarray:
    """Smooth insertion residuals at the (first) cutoff: [propellant left (t), radius - target perigee radius
    (km), radial velocity (10 m/s)].  With the cutoff at the target energy, r = r_p and v_r = 0 put the cutoff
    at the perigee of the target orbit.  (The osculating perigee itself is not used: at e = 0 it has a kink,
    r_p = a (1 - |e|), so a circular target sat on a corner of the constraint and the optimizer dithered.)"""
    y = a.cut1_state
    rn = float(np.linalg.norm(y[:3]))
    vr = float(y[:3] @ y[3:6]) / rn
    return np.array([a.propellant_left_kg / 1.0e3, (rn - target.rp) / 1.0e3, vr / 10.0])


# Newton tolerances of the polish on the insertion residuals: 1 mg of propellant, 0.01 mm, 1 um/s
_INNER_TOL = np.array([1e-9, 1e-8, 1e-7])
_KICK_XTOL = 2e-7  # scaled (x 5 deg): 1e-6 deg on the pitch kick


def _solve_inner(run, target, kick, z0):
    """At a fixed pitch kick, solve insertion residuals = 0 for z = (payload, theta0, theta1) (scaled) by Newton's
    method with a forward-difference Jacobian (step 1e-6, the simulation being smooth) and a backtracking line
    search.  Returns (z, converged)."""
    def x_of(z):
        return np.array([z[0], kick, z[1], z[2]])

    def F(z):
        try:
            a = run(x_of(z))
        except SpaceplanError:  # e.g. a payload beyond the lift-off thrust
            return None
        if a.status not in (0, 1):
            return None
        return _insertion(a, target)

    z = np.array(z0, float)
    f = F(z)
    if f is None:
        return z, False
    for _ in range(30):
        if np.all(np.abs(f) < _INNER_TOL):
            return z, True
        J = np.empty((3, 3))
        ok = True
        for k in range(3):
            dz = np.zeros(3)
            dz[k] = 1e-6
            fk = F(z + dz)
            if fk is None:
                ok = False
                break
            J[:, k] = (fk - f) / 1e-6
        if not ok:
            return z, False
        try:
            step = np.linalg.solve(J, -f)
        except np.linalg.LinAlgError:
            return z, False
        lam = 1.0
        norm0 = float(np.linalg.norm(f / _INNER_TOL))
        for _ in range(12):
            zn = z + lam * step
            fn = F(zn)
            if fn is not None and float(np.linalg.norm(fn / _INNER_TOL)) < norm0:
                break
            lam *= 0.5
        else:
            return z, False
        z, f = zn, fn
    return z, bool(np.all(np.abs(f) < _INNER_TOL))


def _polish(run, target, x, bounds):
    """Converge the optimum of a smooth problem so that the answer does not depend on where SLSQP stopped.

    The insertion conditions (3 equalities) leave one degree of freedom, taken as the pitch kick: P(kick) is
    the payload of the ascent that, with this kick, burns the last stage to depletion exactly at the target
    perigee and energy (``_solve_inner``); P is maximised by Brent's bounded search (parabolic steps, golden
    section fallback) to 1e-6 deg in the kick.  Near the maximum P is flat, so the payload is exact to second
    order in the kick.  Returns the scaled x, or None when the inner solve fails at the start point."""
    from scipy.optimize import minimize_scalar

    store: dict[float, np.ndarray] = {}
    start = np.array([x[0], x[2], x[3]])

    def payload_at(kick):
        near = min(store, key=lambda k: abs(k - kick)) if store else None
        z, ok = _solve_inner(run, target, kick, store[near] if near is not None else start)
        if not ok and near is not None:
            z, ok = _solve_inner(run, target, kick, start)
        if not ok:
            return -1.0e3
        store[kick] = z
        return float(z[0])

    k0 = float(x[1])
    if payload_at(k0) <= -1.0e3:
        return None
    lo_b, hi_b = bounds
    width = 0.02  # scaled: 0.1 deg either side of SLSQP's kick
    for _ in range(8):
        lo, hi = max(k0 - width, lo_b), min(k0 + width, hi_b)
        res = minimize_scalar(lambda k: -payload_at(float(k)), bounds=(lo, hi), method="bounded",
                              options={"xatol": _KICK_XTOL, "maxiter": 100})
        k_best = float(res.x)
        if k_best not in store:
            return None
        at_edge = (k_best - lo < 5 * _KICK_XTOL and lo > lo_b) or (hi - k_best < 5 * _KICK_XTOL and hi < hi_b)
        if not at_edge:
            break
        k0, width = k_best, 2.0 * width
    z = store[k_best]
    return np.array([z[0], k_best, z[1], z[2]])


def optimize_payload(vehicle: Vehicle | str, target: TargetOrbit, site: Site | str = "cape-canaveral", *,
                     reserve_kg: float = 0.0, booster_reserve_kg: float = 0.0, recovering: bool = False,
                     recovery: str = "expendable", southerly: bool = False, j2: bool = False,
                     start: tuple[float, float, float, float] | None = None, dt: float = 1.0) -> PayloadResult:
    """Maximise the payload to ``target``; raises ImpossibleOrbitError when no positive payload gets there.

    Two stages: SLSQP from a grid seed (with restarts) finds the neighbourhood of the optimum; ``_polish`` then
    converges it on the smooth reduced problem (payload as a function of the pitch kick with the insertion
    conditions solved by Newton's method), so the payload is reproducible to well under 1 kg whatever path SLSQP
    took (different CPUs, numba targets, or start points).  ``converged`` is False when the polish failed and
    the SLSQP point is returned."""
    if isinstance(vehicle, str):
        vehicle = load_vehicle(vehicle)
    site = load_site(site)
    kw = dict(reserve_kg=reserve_kg, booster_reserve_kg=booster_reserve_kg, recovering=recovering,
              southerly=southerly, j2=j2, dt=dt, record=False)
    # validates azimuth / reserve before any optimisation
    cache: dict[tuple, AscentResult] = {}
    count = [0]

    def run(x) -> AscentResult:
        key = tuple(np.asarray(x, float).tolist())
        if key not in cache:
            count[0] += 1
            cache[key] = simulate_ascent(vehicle, max(float(x[0]) * _SCALE[0], 0.0), site, target, _guidance(x),
                                         **kw)
        return cache[key]

    def c_left(x):
        return _insertion(run(x), target)[0]

    def c_orbit(x):
        return _insertion(run(x), target)[1:]

    m_lo = vehicle.liftoff_mass_kg()
    # the heaviest payload that still lifts off (thrust-to-weight 1.05, recovery hardware included)
    pay_max = vehicle.liftoff_thrust_n() / (1.05 * 9.80665) - initial_state(site, 0.0, vehicle, recovering)[6]
    if pay_max <= 0.0:
        raise ImpossibleOrbitError("vehicle", f"{vehicle.name} cannot lift itself off the pad",
                                   "liftoff thrust-to-weight > 1")
    if start is None:
        x0 = _seed(run, target, m_lo)
    else:
        x0 = np.array(start, float) / _SCALE
    pay_hi = min(m_lo, pay_max) / _SCALE[0]
    angle_bounds = [(lo / s, hi / s) for (lo, hi), s in zip(_BOUNDS_DEG, _SCALE[1:])]

    def feasible_point(a, tol_left=-50.0):
        c = _insertion(a, target)
        return a.status in (0, 1) and abs(c[1]) < 2.0 and abs(c[2]) < 2.0 and a.propellant_left_kg > tol_left

    best = None
    for attempt in range(6):
        history: list[np.ndarray] = []
        # trust region on the payload: a factor 3 around the start; SLSQP on crashing trials (no
        # gradient information) would otherwise jump to the lift-off limit
        x0[0] = min(max(x0[0], 1e-3 * pay_hi), pay_hi)
        bounds = [(x0[0] / 3.0, min(3.0 * x0[0], pay_hi))] + angle_bounds

        def stop_when_settled(xk):
            history.append(np.array(xk))
            if len(history) >= 6:
                settled = np.ptp([h[0] for h in history[-5:]]) * _SCALE[0] < 3.0
                if settled and feasible_point(run(xk), -20.0):
                    raise _Settled

        try:
            res = minimize(lambda x: -x[0], x0, method="SLSQP", bounds=bounds,
                           constraints=[{"type": "eq", "fun": c_orbit}, {"type": "ineq", "fun": c_left}],
                           options={"maxiter": 60, "ftol": 1e-6, "eps": 1e-5}, callback=stop_when_settled)
            x = res.x
        except _Settled:
            x = history[-1]
        a = run(x)
        if _DEBUG:
            print('attempt', attempt, x * _SCALE, a.status, _insertion(a, target), count[0])
        feasible = feasible_point(a)
        ok = feasible and a.propellant_left_kg < 100.0
        if feasible and (best is None or x[0] > best[0]):
            best = x
        if ok and not (x[0] >= 0.999 * bounds[0][1] and bounds[0][1] < pay_hi):  # done unless capped by the box
            break
        if ok:
            x0 = np.array(x)
            continue
        # restart: from a lighter payload when SLSQP stalled in an infeasible region, else a fresh seed
        if a.status in (0, 1) and abs(_insertion(a, target)[1]) < 100.0:
            x0 = np.array(x)
            if not feasible:
                x0[0] *= 0.7
        else:
            x0 = _seed(run, target, m_lo, shift=attempt + 1)
    if best is None or best[0] * _SCALE[0] < 1.0:
        a = run(x0)
        raise ImpossibleOrbitError(
            "payload", f"{vehicle.name} cannot put a positive payload into {target.perigee_alt_m / 1e3:.0f} x "
            f"{target.apogee_alt_m / 1e3:.0f} km at {math.degrees(target.inclination_rad):.1f} deg from {site.name}"
            f" (best attempt: apogee {a.apogee_alt_m / 1e3:.0f} km, propellant short by "
            f"{max(-a.propellant_left_kg, 0):.0f} kg)", "a reachable orbit")
    polished = _polish(run, target, best, angle_bounds[0])
    converged = polished is not None and polished[0] > 0.0
    if converged:
        best = polished
    payload = float(best[0] * _SCALE[0])
    final = simulate_ascent(vehicle, payload, site, target, _guidance(best), **{**kw, "record": True})
    for _ in range(4):
        # unpolished fallback only: SLSQP accepts a last stage a few kg short (|left| < 50 kg, status depleted):
        # take that shortfall off the payload (1 kg of payload ~ 1 kg of last-stage propellant at burnout) so the
        # reported payload really reaches the target energy
        if converged or final.status != 1 or final.propellant_left_kg >= 0.0 or payload <= 0.0:
            break
        payload = max(payload + 1.05 * final.propellant_left_kg - 0.5, 0.0)
        final = simulate_ascent(vehicle, payload, site, target, _guidance(best), **{**kw, "record": True})
    converged = converged and meets_target(final, target)
    warnings = check(input_envelope(vehicle, recovery), perigee_alt_m=target.perigee_alt_m,
                     apogee_alt_m=target.apogee_alt_m,
                     payload_kg=payload)
    warnings += check(ENVELOPE, payload_kg=payload, liftoff_mass_kg=final.liftoff_mass_kg)
    if not converged:
        warnings += (warning("not_converged", "payload", f"{vehicle.name}: the optimizer did not reach a proven "
                             f"optimum on the target (final orbit off by {_miss_text(final, target)}); "
                             f"{payload:,.0f} kg is the best feasible ascent found"),)
    return PayloadResult(vehicle.name, site, target, payload, _guidance(best), final, recovery, reserve_kg,
                         count[0], converged, warnings)


def _seed(run, target: TargetOrbit, liftoff_kg: float, shift: int = 0) -> np.ndarray:
    """Pick a start: guidance angles from a coarse grid, payload from the best leftover."""
    p_guess = 0.02 * liftoff_kg * (0.5 if target.two_burn else 1.0) / (1 + shift)
    best, best_score = None, -math.inf
    for kick in (1.5, 3.0, 5.0):
        for th0 in (10.0, 30.0, 50.0):
            for th1 in (-30.0, -10.0, 10.0):
                x = np.array([p_guess, kick, th0, th1]) / _SCALE
                a = run(x)
                if a.status == 2:
                    continue
                score = a.propellant_left_kg - 30.0 * abs(a.perigee_alt_m - target.perigee_alt_m) / 1e3
                if score > best_score:
                    best, best_score = x, score
    if best is None:
        raise ImpossibleOrbitError("payload", "every trial ascent crashes: the vehicle cannot lift off or climb",
                                   "a vehicle with thrust-to-weight > 1")
    return best
