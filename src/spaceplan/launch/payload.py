"""Payload optimizer: the largest payload a vehicle puts into a target orbit from a site.

Free variables: payload mass, the first-stage pitch-kick angle and the two
linear-tangent angles of the upper-stage steering.  The ascent is flown with
``simulate_ascent`` (cutoff at the target specific energy), and SLSQP (Kraft
1988, as in scipy) maximises the payload subject to

* perigee of the cutoff orbit = target perigee (equality; with the energy
  cutoff this fixes both perigee and apogee), and
* propellant left in the last stage >= 0 (the active constraint at the optimum;
  when the stage runs dry first, the shortfall is measured as the propellant
  the rocket equation says it still needs).

A coarse grid over the guidance angles seeds the optimizer.  The answer is the
payload of a guidance-optimal open-loop ascent in this 3-DOF model, not a
closed-loop PEG/IGM trajectory; the gap is usually ~1 %.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from spaceplan.core.errors import ImpossibleOrbitError
from spaceplan.launch.ascent import (AscentResult, Guidance, Site, TargetOrbit, initial_state, load_site,
                                     simulate_ascent)
from spaceplan.launch.vehicles import Vehicle, load_vehicle

import os as _os

_DEBUG = bool(_os.environ.get("SPACEPLAN_DEBUG_OPT"))
_SCALE = np.array([1.0e4, 5.0, 30.0, 30.0])  # payload kg, kick deg, theta0 deg, theta1 deg
_BOUNDS_DEG = [(0.3, 20.0), (-20.0, 75.0), (-70.0, 50.0)]


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
    converged: bool = True  # False: best feasible point found, SLSQP did not reach the optimum

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
        }


class _Settled(Exception):
    """Raised from the SLSQP callback once the payload has settled (SLSQP dithers on the fixed-step noise)."""


def _guidance(x) -> Guidance:
    return Guidance(kick_deg=float(x[1] * _SCALE[1]), theta0_deg=float(x[2] * _SCALE[2]),
                    theta1_deg=float(x[3] * _SCALE[3]))


def optimize_payload(vehicle: Vehicle | str, target: TargetOrbit, site: Site | str = "cape-canaveral", *,
                     reserve_kg: float = 0.0, booster_reserve_kg: float = 0.0, recovering: bool = False,
                     recovery: str = "expendable", southerly: bool = False, j2: bool = False,
                     start: tuple[float, float, float, float] | None = None, dt: float = 1.0) -> PayloadResult:
    """Maximise the payload to ``target``; raises ImpossibleOrbitError when no positive payload gets there."""
    if isinstance(vehicle, str):
        vehicle = load_vehicle(vehicle)
    site = load_site(site)
    kw = dict(reserve_kg=reserve_kg, booster_reserve_kg=booster_reserve_kg, recovering=recovering,
              southerly=southerly, j2=j2, dt=dt, record=False)
    # validates azimuth / reserve before any optimisation
    cache: dict[tuple, AscentResult] = {}
    count = [0]

    def run(x) -> AscentResult:
        key = tuple(np.round(np.asarray(x, float), 12))
        if key not in cache:
            count[0] += 1
            cache[key] = simulate_ascent(vehicle, max(float(x[0]) * _SCALE[0], 0.0), site, target, _guidance(x),
                                         **kw)
        return cache[key]

    def c_left(x):
        return run(x).propellant_left_kg / 1.0e3

    def c_perigee(x):
        return (run(x).perigee_alt_m - target.perigee_alt_m) / 1.0e5

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
    best = None
    converged = False
    for attempt in range(6):
        history: list[np.ndarray] = []
        # trust region on the payload: a factor 3 around the start; SLSQP on crashing trials (no
        # gradient information) would otherwise jump to the lift-off limit
        x0[0] = min(max(x0[0], 1e-3 * pay_hi), pay_hi)
        bounds = [(x0[0] / 3.0, min(3.0 * x0[0], pay_hi))] + angle_bounds

        def stop_when_settled(xk):
            history.append(np.array(xk))
            if len(history) >= 6:
                a_k = run(xk)
                settled = np.ptp([h[0] for h in history[-5:]]) * _SCALE[0] < 3.0
                if settled and a_k.status in (0, 1) and abs(a_k.perigee_alt_m - target.perigee_alt_m) < 1_000.0 \
                        and a_k.propellant_left_kg > -20.0:
                    raise _Settled

        try:
            res = minimize(lambda x: -x[0], x0, method="SLSQP", bounds=bounds,
                           constraints=[{"type": "eq", "fun": c_perigee}, {"type": "ineq", "fun": c_left}],
                           options={"maxiter": 60, "ftol": 1e-5, "eps": 1e-4}, callback=stop_when_settled)
            x = res.x
        except _Settled:
            x = history[-1]
        a = run(x)
        if _DEBUG:
            print('attempt', attempt, x * _SCALE, a.status, a.perigee_alt_m, a.propellant_left_kg, count[0])
        feasible = a.status in (0, 1) and abs(a.perigee_alt_m - target.perigee_alt_m) < 2_000.0 \
            and a.propellant_left_kg > -50.0
        ok = feasible and a.propellant_left_kg < 100.0
        if feasible and (best is None or x[0] > best[0]):
            best = x
            converged = ok
        if ok and not (x[0] >= 0.999 * bounds[0][1] and bounds[0][1] < pay_hi):  # done unless capped by the box
            break
        if ok:
            x0 = np.array(x)
            continue
        # restart: from a lighter payload when SLSQP stalled in an infeasible region, else a fresh seed
        if a.status in (0, 1) and abs(a.perigee_alt_m - target.perigee_alt_m) < 100_000.0:
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
    a = run(best)
    # exact bookkeeping: hand the small propellant residue (|left| < 50 kg) to the payload by the rocket equation
    payload = float(best[0] * _SCALE[0])
    final = simulate_ascent(vehicle, payload, site, target, _guidance(best), **{**kw, "record": True})
    for _ in range(4):
        # the optimizer accepts a last stage a few kg short (|left| < 50 kg, status depleted): take that
        # shortfall off the payload (1 kg of payload ~ 1 kg of last-stage propellant at burnout) so the reported
        # payload really reaches the target energy
        if final.status != 1 or final.propellant_left_kg >= 0.0 or payload <= 0.0:
            break
        payload = max(payload + 1.05 * final.propellant_left_kg - 0.5, 0.0)
        final = simulate_ascent(vehicle, payload, site, target, _guidance(best), **{**kw, "record": True})
    return PayloadResult(vehicle.name, site, target, payload, _guidance(best), final, recovery, reserve_kg,
                         count[0], converged)


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
