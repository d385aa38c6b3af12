"""First-stage recovery: the propellant a landing needs, and the payload it costs.

Modes: ``expendable`` (nothing kept), ``droneship`` (the stage falls
ballistically downrange, an entry burn slows it before the dense atmosphere,
a landing burn stops it on a ship positioned at the impact point) and
``rtls`` (return to launch site: after separation the stage flips and a
boost-back burn cancels its downrange velocity and sends it back, then entry
and landing burns as above).  The flip takes the stage's ``flip_coast_s``
from MECO to the boost-back ignition (Falcon 9: 22 s, the RTLS webcast
telemetry below), during which the stage coasts on downrange and upward.

Everything is computed from the stage's state at separation (no fixed
percentages): the separated stage (dry + recovery hardware + reserve) is
propagated with gravity and drag (``descent_cd`` on the body cross-section)
over the rotating Earth; the boost-back speed is found by bisection so that
the landing point is the launch site; the entry burn starts at 70 km while
descending and brings the Earth-relative speed down to ``entry_target_speed``
(default 750 m/s: the webcast telemetry of an RTLS flight, as transcribed on
gtplanet.net forum "Space in general" p. 75, shows the entry burn taking the
booster from 1408 m/s at 62.5 km to 753 m/s at 36 km; the landing burn then
began at 295 m/s); the descent is handed over at 15 km.  For the landing burn
``spaceplan.launch.landing.landing_propellant(stage_mass_kg, thrust_n, isp_s,
v0, h0)`` is used when that module exists (powered-descent guidance by
another part of spaceplan), else a 1-D gravity-and-drag "suicide burn" is
simulated here (ignition height found by bisection so that speed reaches 0 at
the ground).  The reserve is the root of need(reserve) - reserve (reserve ->
payload optimisation -> separation state -> propellant needed), bracketed then
found by Brent's method (``payload_with_recovery``), re-optimising the payload
(and the guidance) each time.  Burn cutoffs and the entry / hand-over
altitudes are located inside the integration step by root finding, so the
propellant of each burn is a continuous function of the separation state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from spaceplan.core.constants import EARTH_GM, EARTH_RADIUS, EARTH_ROTATION_RATE
from spaceplan.core.errors import ConvergenceError, ImpossibleOrbitError, InputError
from spaceplan.launch import _kernels as K
from spaceplan.launch.ascent import Site, TargetOrbit, load_site
from spaceplan.launch.payload import PayloadResult, optimize_payload
from spaceplan.launch.vehicles import Stage, Vehicle, load_vehicle

import os as _os

_DEBUG = bool(_os.environ.get("SPACEPLAN_DEBUG_OPT"))
MODES = ("expendable", "droneship", "rtls")
ENTRY_ALTITUDE_M = 70_000.0
HANDOVER_ALTITUDE_M = 15_000.0
HANDOVER_SPEED_MS = 100.0  # landing.py takes over below this speed (drag < 0.3 g)
LANDING_THROTTLE = 0.85  # the 1-D burn that places the ignition point keeps 15 % thrust margin
RESERVE_XTOL_KG = 0.1  # Brent's tolerance on the reserve (the payload moves ~0.3 kg per kg of reserve)


@dataclass(frozen=True)
class RecoveryBudget:
    """Propellant (kg) the first stage keeps for each recovery burn, and what happened."""

    mode: str
    boostback_kg: float
    entry_kg: float
    landing_kg: float
    boostback_dv_ms: float
    entry_dv_ms: float
    landing_dv_ms: float
    landing_distance_km: float  # from the launch site (droneship: where the ship must wait)
    max_descent_q_pa: float
    landing_model: str
    boostback_after_meco_s: float = 0.0  # RTLS: MECO to boost-back ignition (the stage's flip_coast_s)

    @property
    def total_kg(self) -> float:
        return self.boostback_kg + self.entry_kg + self.landing_kg

    def to_dict(self) -> dict:
        return {"mode": self.mode, "boostback_kg": self.boostback_kg, "entry_kg": self.entry_kg,
                "landing_kg": self.landing_kg, "total_kg": self.total_kg, "boostback_dv_m_s": self.boostback_dv_ms,
                "entry_dv_m_s": self.entry_dv_ms, "landing_dv_m_s": self.landing_dv_ms,
                "landing_distance_km": self.landing_distance_km, "max_descent_q_kpa": self.max_descent_q_pa / 1e3,
                "landing_model": self.landing_model, "boostback_after_meco_s": self.boostback_after_meco_s}


@dataclass(frozen=True)
class RecoveryResult:
    """Payload with the first stage recovered, against the expendable payload."""

    mode: str
    payload: PayloadResult
    budget: RecoveryBudget
    expendable_payload_kg: float
    iterations: int

    @property
    def payload_kg(self) -> float:
        return self.payload.payload_kg

    @property
    def penalty_kg(self) -> float:
        return self.expendable_payload_kg - self.payload_kg

    def to_dict(self) -> dict:
        d = self.payload.to_dict()
        d["recovery_budget"] = self.budget.to_dict()
        d["expendable_payload_kg"] = self.expendable_payload_kg
        d["recovery_penalty_kg"] = self.penalty_kg
        d["recovery_penalty_percent"] = 100.0 * self.penalty_kg / self.expendable_payload_kg
        d["recovery_iterations"] = self.iterations
        return d


def _engine_set(stage: Stage, n: int):
    e = stage.engine
    return n * e.thrust_vac_n, n * e.exit_area_m2, n * e.mdot


def _ecef(y, t):
    c, s = math.cos(EARTH_ROTATION_RATE * t), math.sin(EARTH_ROTATION_RATE * t)
    r = y[:3]
    return np.array([c * r[0] + s * r[1], -s * r[0] + c * r[1], r[2]])


def _site_ecef(site: Site) -> np.ndarray:
    from spaceplan.launch.ascent import site_position

    return site_position(site)


def _descend(stage: Stage, y, t, area, entry_target_speed):
    """Coast to 70 km, entry burn, coast to the hand-over altitude. Returns (y, t, entry_kg, entry_dv, max_q)."""
    mu, re, om = EARTH_GM, EARTH_RADIUS, EARTH_ROTATION_RATE
    y1, dt1, q1 = K.coast_descent(y, 1.0, 3000.0, area, stage.descent_cd, mu, re, om, ENTRY_ALTITUDE_M)
    t += dt1
    tv, ae, md = _engine_set(stage, stage.entry_engines)
    m_before = y1[6]
    vrel = np.linalg.norm(y1[3:6] - np.cross([0, 0, om], y1[:3]))
    entry_kg = 0.0
    entry_dv = 0.0
    if vrel > entry_target_speed:
        y2, t2, used = K.retro_burn(y1, 0.2, tv, ae, md, area, stage.descent_cd, mu, re, om, entry_target_speed,
                                    0, np.zeros(3), 1.0e9, t)
        entry_kg = used
        entry_dv = tv / md * math.log(m_before / (m_before - used)) if used > 0 else 0.0
        y1, t = y2, t2
    y3, dt3, q3 = K.coast_descent(y1, 0.5, 3000.0, area, stage.descent_cd, mu, re, om, HANDOVER_ALTITUDE_M)
    return y3, t + dt3, entry_kg, entry_dv, max(q1, q3)


def _landing_own(stage: Stage, y, area):
    """1-D suicide burn from the hand-over state: find the ignition height that stops the stage at the ground.

    Returns (propellant kg, state at ignition)."""
    mu, re, om = EARTH_GM, EARTH_RADIUS, EARTH_ROTATION_RATE
    tv, ae, md = _engine_set(stage, stage.landing_engines)
    tv, md = LANDING_THROTTLE * tv, LANDING_THROTTLE * md  # throttled: thrust LT T_vac - p A_e (A_e fixed)

    def attempt(h_ign):
        ya, _, _ = K.coast_descent(y, 0.1, 600.0, area, stage.descent_cd, mu, re, om, h_ign)
        yb, _, used = K.retro_burn(ya, 0.05, tv, ae, md, area, stage.descent_cd, mu, re, om, 0.5, 0,
                                   np.zeros(3), 1.0e9, 0.0)
        return float(np.linalg.norm(yb[:3]) - re), used, ya

    lo, hi = 0.0, HANDOVER_ALTITUDE_M - 1.0
    alt_hi, _, _ = attempt(hi)
    if alt_hi < 0:
        raise ImpossibleOrbitError("landing", "the landing engines cannot stop the stage from the hand-over altitude",
                                   "more landing thrust")
    for _ in range(30):
        mid = 0.5 * (lo + hi)
        alt, _, _ = attempt(mid)
        if alt < 0:
            lo = mid
        else:
            hi = mid
    _, used, y_ign = attempt(hi)
    return used, y_ign


def _landing(stage: Stage, y, area) -> tuple[float, str]:
    """Landing-burn propellant: ignition point from the drag-inclusive 1-D suicide burn; the burn itself by the
    fuel-optimal powered-descent solver ``spaceplan.launch.landing.landing_propellant`` when it is available."""
    own, y_ign = _landing_own(stage, y, area)
    try:
        from spaceplan.launch.landing import landing_propellant  # powered-descent guidance module
    except ImportError:
        return own, "1-D suicide burn with drag (recovery.py)"
    from spaceplan.core.errors import SpaceplanError

    tv, ae, md = _engine_set(stage, stage.landing_engines)
    # fly the drag-dominated part of the burn here (drag exceeds thrust at 300+ m/s for a blunt booster),
    # hand the last HANDOVER_SPEED m/s to the fuel-optimal solver, which neglects drag
    y_h, _, used1 = K.retro_burn(y_ign, 0.05, LANDING_THROTTLE * tv, ae, LANDING_THROTTLE * md,
                                 area, stage.descent_cd, EARTH_GM, EARTH_RADIUS, EARTH_ROTATION_RATE,
                                 HANDOVER_SPEED_MS, 0, np.zeros(3), 1.0e9, 0.0)
    thrust_sl = tv - 101_325.0 * ae
    isp_sl = thrust_sl / (md * 9.80665)
    v_h = float(np.linalg.norm(y_h[3:6] - np.cross([0, 0, EARTH_ROTATION_RATE], y_h[:3])))
    h_h = float(np.linalg.norm(y_h[:3]) - EARTH_RADIUS)
    try:
        kg = landing_propellant(float(y_h[6]), thrust_sl, stage.engine.throttle_min * tv - 101_325.0 * ae, isp_sl,
                                h_h, -v_h, dry_mass_kg=stage.dry_mass_kg + stage.recovery_hardware_kg)
    except SpaceplanError as exc:
        return own, f"1-D suicide burn with drag (recovery.py); landing.py declined: {exc}"
    return float(used1 + kg), (f"suicide burn with drag down to {HANDOVER_SPEED_MS:.0f} m/s, then fuel-optimal "
                               "powered descent (spaceplan.launch.landing)")


def recovery_budget(vehicle: Vehicle, ascent_result, site: Site, mode: str, reserve_kg: float,
                    entry_target_speed: float = 750.0) -> RecoveryBudget:
    """Propellant each recovery burn needs, from the first stage's state at separation."""
    stage = vehicle.stages[0]
    iph = 1 if vehicle.boosters is not None else 0
    y_sep = np.array(ascent_result.stage_states[iph], dtype=float)
    t_sep = float(ascent_result.stages[iph].t_burnout_s)
    # the separated stage: dry + unusable residual + recovery hardware + its reserve
    y_sep[6] = stage.dry_mass_kg + stage.residual_kg + stage.recovery_hardware_kg + reserve_kg
    y_sep[7:] = 0.0
    area = vehicle.reference_area_m2
    mu, re, om = EARTH_GM, EARTH_RADIUS, EARTH_ROTATION_RATE
    site_e = _site_ecef(site)
    boost_kg = boost_dv = 0.0
    if mode == "rtls":
        # separation and flip (the stage coasts on), then boost back horizontally towards the site
        y0, dtf, _ = K.coast_descent(y_sep, 1.0, stage.flip_coast_s, area, stage.descent_cd, mu, re, om, -1e9)
        t0 = t_sep + stage.flip_coast_s
        p = _ecef(y0, t0)
        up = p / np.linalg.norm(p)
        back = site_e - p
        back -= up * (back @ up)
        back /= np.linalg.norm(back)
        tv, ae, md = _engine_set(stage, stage.boostback_engines)

        def land_error(v_return):
            yb, tb, used = K.retro_burn(y0, 0.2, tv, ae, md, area, stage.descent_cd, mu, re, om, v_return, 1, back,
                                        y0[6] - (stage.dry_mass_kg + stage.residual_kg
                                                 + stage.recovery_hardware_kg), t0)
            yd, td, ek, edv, mq = _descend(stage, yb, tb, area, entry_target_speed)
            pl = _ecef(yd, td)
            d = pl - site_e
            dist = EARTH_RADIUS * math.acos(max(-1.0, min(1.0, pl @ site_e / (np.linalg.norm(pl) * EARTH_RADIUS))))
            sign = 1.0 if d @ back < 0 else -1.0  # positive: short of the site (still downrange)
            return sign * dist, used, yb, tb, yd, td, ek, edv, mq

        lo, hi = 0.0, 3000.0
        e_hi = land_error(hi)
        if e_hi[0] > 0:
            raise ImpossibleOrbitError("rtls", "the stage cannot fly back to the launch site even with a 3 km/s "
                                       "boost-back", "droneship")
        for _ in range(30):
            mid = 0.5 * (lo + hi)
            if land_error(mid)[0] > 0:
                lo = mid
            else:
                hi = mid
        err, boost_kg, yb, tb, yd, td, entry_kg, entry_dv, max_q = land_error(hi)
        m_b = y0[6]
        boost_dv = tv / md * math.log(m_b / (m_b - boost_kg)) if boost_kg > 0 else 0.0
        dist_km = abs(err) / 1e3
    else:
        yd, td, entry_kg, entry_dv, max_q = _descend(stage, y_sep, t_sep, area, entry_target_speed)
        pl = _ecef(yd, td)
        dist_km = EARTH_RADIUS * math.acos(max(-1.0, min(1.0, pl @ site_e / (np.linalg.norm(pl) * EARTH_RADIUS)))) / 1e3
    landing_kg, model = _landing(stage, yd, area)
    tv, ae, md = _engine_set(stage, stage.landing_engines)
    m_l = float(yd[6])
    landing_dv = tv / md * math.log(m_l / (m_l - landing_kg)) if 0 < landing_kg < m_l else 0.0
    return RecoveryBudget(mode, float(boost_kg), float(entry_kg), float(landing_kg), float(boost_dv),
                          float(entry_dv), float(landing_dv), float(dist_km), float(max_q), model,
                          float(stage.flip_coast_s) if mode == "rtls" else 0.0)


def payload_with_recovery(vehicle: Vehicle | str, target: TargetOrbit, site: Site | str = "cape-canaveral",
                          mode: str = "droneship", *, entry_target_speed: float = 750.0, southerly: bool = False,
                          tol_kg: float = 100.0, max_iter: int = 30,
                          expendable: PayloadResult | None = None) -> RecoveryResult:
    """Largest payload with the first stage recovered in ``mode``.

    The reserve r is the root of f(r) = need(r) - r, need(r) being the propellant the recovery burns take after an
    ascent (payload and guidance re-optimised) that keeps r in the stage.  f decreases with r (a larger reserve
    separates the stage slower and lower).  First the root is bracketed, [lo, hi] with f(lo) > 0 > f(hi) both
    computed, from the start [0, usable load]: a reserve whose stage cannot fly back (RTLS boost-back capped by the
    reserve) counts as f > 0, a reserve that leaves no positive payload, no ascent propellant or a landing too heavy
    for the landing engines as f < 0; steps are fixed-point / secant estimates (10 % beyond the root, so that they
    bracket it) when they fall inside the bracket, bisections otherwise, so the iteration cannot run away (an
    unguarded secant once stepped 50 t -> 76 t, where the landing failed).  Then Brent's method (``brentq``) finds
    the root to ``RESERVE_XTOL_KG``.  That is sound because f is continuous: every event of the ascent and of the
    descent is located by root finding inside its integration step and the payload optimum is polished (an earlier
    version stopped on a "narrowed" bracket while need(r) jumped by ~1 t with the machine, in 180 kg steps of the
    0.2 s burn grid).  The answer is reproducible to well under 1 kg of payload.

    Raises ImpossibleOrbitError naming the cause when the bracket closes (below ``tol_kg``) with no computed upper
    end (no reserve both brings the stage back and leaves a positive payload), ConvergenceError after ``max_iter``
    evaluations or when the root found is more than ``tol_kg`` from its need.
    """
    if mode not in MODES:
        raise InputError("recovery", f"unknown mode {mode!r}", ", ".join(MODES))
    if isinstance(vehicle, str):
        vehicle = load_vehicle(vehicle)
    site = load_site(site)
    stage = vehicle.stages[0]
    if mode != "expendable" and vehicle.booster_count:
        # the boosters would fly their legs and grid fins but no propellant budget comes back for them:
        # a number here would be neither "boosters recovered" nor "boosters expended"
        raise InputError("recovery", f"{vehicle.name}: recovering the core with {vehicle.booster_count} strap-on "
                         "boosters is not modelled (their return budget is not computed)", "expendable")
    if expendable is None:
        expendable = optimize_payload(vehicle, target, site, southerly=southerly)
    if mode == "expendable":
        zero = RecoveryBudget(mode, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, math.nan, 0.0, "none")
        return RecoveryResult(mode, expendable, zero, expendable.payload_kg, 0)
    if not stage.reusable:
        raise InputError("recovery", f"{stage.name} is not a reusable stage", "expendable")
    g = expendable.guidance
    start = [(expendable.payload_kg * 0.8, g.kick_deg, g.theta0_deg, g.theta1_deg)]

    def evaluate(reserve):
        """-> (f, result, budget, why); f = None where the point fails (why says how), with its sign in ``why``."""
        try:
            try:
                result = optimize_payload(vehicle, target, site, reserve_kg=reserve, recovering=True,
                                          recovery=mode, southerly=southerly, start=start[0])
            except ImpossibleOrbitError:
                result = optimize_payload(vehicle, target, site, reserve_kg=reserve, recovering=True,
                                          recovery=mode, southerly=southerly)
        except InputError as exc:  # ImpossibleOrbitError included: no positive payload with this reserve
            return None, None, None, ("high", f"reserve {reserve:.0f} kg leaves no positive payload ({exc})")
        try:
            budget = recovery_budget(vehicle, result.ascent, site, mode, reserve, entry_target_speed)
        except ImpossibleOrbitError as exc:
            if exc.field == "landing":
                # the unburnt reserve makes the stage too heavy for its landing engines: reserve too large
                return None, result, None, ("high", f"reserve {reserve:.0f} kg lands too heavy ({exc})")
            if mode != "rtls":
                raise
            return None, result, None, ("low", f"reserve {reserve:.0f} kg cannot bring the stage back ({exc})")
        gg = result.guidance
        start[0] = (result.payload_kg, gg.kick_deg, gg.theta0_deg, gg.theta1_deg)
        return budget.total_kg - reserve, result, budget, None

    cache: dict[float, tuple] = {}
    history: list[str] = []
    calls = [0]

    def f_at(reserve):
        """Memoised evaluate(); raises ConvergenceError past ``max_iter`` evaluations."""
        reserve = float(reserve)
        if reserve not in cache:
            if calls[0] >= max_iter:
                raise ConvergenceError(f"recovery: reserve did not settle in {max_iter} evaluations ("
                                       + "; ".join(history[-4:]) + ")")
            calls[0] += 1
            out = evaluate(reserve)
            cache[reserve] = out
            f, _, _, why = out
            history.append(f"{reserve:.0f} kg -> need {reserve + f:.0f} kg" if f is not None else why[1])
            if _DEBUG:
                print("recovery evaluation", calls[0], round(reserve, 3), None if f is None else round(f, 4),
                      why and why[0])
        return cache[reserve]

    def positive(out):
        f, _, _, why = out
        return f > 0 if f is not None else why[0] == "low"

    # 1. bracket the root with numeric values of f at both ends
    lo, f_lo = 0.0, None  # f(0) > 0: with no reserve every recovery burn is short
    hi, f_hi = stage.usable_propellant_kg, None  # a reserve of the whole load leaves nothing for the ascent
    reserve = (0.06 if mode == "droneship" else 0.12) * stage.usable_propellant_kg
    prev = None  # last numeric (reserve, f)
    last_bad = ""
    while f_lo is None or f_hi is None:
        out = f_at(reserve)
        f = out[0]
        if f is None:
            last_bad = out[3][1]
        if positive(out):
            lo, f_lo = reserve, f
        else:
            hi, f_hi = reserve, f
        if f_lo is not None and f_hi is not None:
            break
        if hi - lo < tol_kg:
            raise ImpossibleOrbitError(
                "recovery", f"{mode}: no first-stage reserve both recovers the stage and leaves a positive payload "
                f"(bracket closed at {lo:.0f}-{hi:.0f} kg: {last_bad or 'no feasible point'})", "droneship or "
                "expendable" if mode == "rtls" else "expendable")
        cand = math.nan
        if f is not None and prev is not None and reserve != prev[0]:
            slope = (f - prev[1]) / (reserve - prev[0])
            if slope < 0.0:
                cand = reserve - 1.1 * f / slope  # secant, 10 % beyond so that it brackets
        elif f is not None:
            cand = reserve + 3.0 * f  # f' = need' - 1 is about -0.2 to -0.4: step past the fixed point
        if f is not None:
            prev = (reserve, f)
        if not (lo < cand < hi):
            cand = 0.5 * (lo + hi)
        reserve = cand

    # 2. Brent's method on the bracket: f is continuous (events located by root finding, payload optimum polished),
    # so the root is found to XTOL_KG whatever the machine
    def g(reserve):
        out = f_at(reserve)
        if out[0] is not None:
            return out[0]
        return 1.0e4 if positive(out) else -1.0e4  # an infeasible point inside the bracket: keep its side

    root = brentq(g, lo, hi, xtol=RESERVE_XTOL_KG, rtol=1e-12, maxiter=max_iter)
    f, result, budget, why = f_at(root)
    if f is None or abs(f) > tol_kg:
        raise ConvergenceError(f"recovery: no reserve within {tol_kg:.0f} kg of its need near {root:.0f} kg ("
                               + "; ".join(history[-4:]) + ")")
    return RecoveryResult(mode, result, budget, expendable.payload_kg, calls[0])
