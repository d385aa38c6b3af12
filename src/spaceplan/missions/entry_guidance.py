"""Bank-angle entry guidance for :func:`spaceplan.missions.mars_entry.fly_entry`: MSL-style phases.

Mars Science Laboratory flew a guided entry (Mendeck & Craig, "Entry guidance for the 2011 Mars Science
Laboratory mission", AIAA 2011-6639, NTRS 20110003649; J. Spacecraft Rockets 51(4), 2014): the capsule
*prebanks* at the reference bank until the sensed drag reaches 0.2 Earth g (1.96 m/s^2), then *range control*
modulates the bank magnitude so that the range flown ends at the parachute-deploy state, then *heading alignment*
(crossrange only) down to the deploy speed.  Here:

1. **prebank**: the reference bank sigma_ref until the sensed drag >= ``prebank_drag_g``.
2. **range control**, each ``cycle_s``: the numerical predictor-corrector of
   :mod:`spaceplan.missions.entry_guidance_kernel` solves the constant bank magnitude whose predicted trajectory
   reaches the target downrange at the deploy speed.  The predictor's atmosphere is the nominal one scaled by a
   density estimate k, filtered from the sensed drag over the model drag at the current state
   (k <- k + ``density_gain`` (D_sensed / D_model - k)), as numerical predictor-correctors do (Lu 2014).
3. **heading alignment** below ``heading_alignment_speed_m_s``: the last range-control bank magnitude is held
   (MSL steered the bank to null the heading error there; this is a simplification).
4. **lateral logic** (``lateral=True``, the default), throughout: the bank's sign reverses when the crossrange to the
   target -- its distance from the vehicle's current plane of motion, X = R asin(sin(d) sin(psi_T - psi)), d the
   angle to the target -- leaves a deadband on the side the current bank does not correct.  The deadband is linear
   in speed, ``deadband_km`` = (at the heading-alignment speed, at 6 km/s) and constant outside, as in Apollo's and
   MSL's lateral logic; its values here are assumptions (the flown MSL corridor is not read from a source in this
   session).  Reversals are instantaneous (no roll-rate limit), so they leave the vertical lift unchanged.
   ``lateral=False``: the planar, longitudinal-only flight.

The entry direction defines the frame: the vehicle enters on the equator of a non-rotating Mars heading east, and
the target is on that equator at the target downrange (no planetary rotation, no winds).

The target downrange is that of the *reference trajectory*: the constant bank sigma_ref flown in the nominal
atmosphere from the entry state to the deploy speed.  In an undispersed flight the guidance therefore flies the
reference (bank ~ sigma_ref throughout); :func:`reference_bank` calibrates sigma_ref so that the reference reaches
a given deploy state (speed at deploy altitude) -- a calibration, not a validation.

Validity: the bank saturates at 0 deg (the target lies beyond the lift-up range) or 180 deg (short of the
lift-down range); :func:`flight_warnings` reports the time saturated and a final miss beyond MSL's 12.5 km
deploy-ellipse requirement (Mendeck & Craig 2011 abstract: "within 12.5 km of the pre-designated parachute deploy
coordinates").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import G0, MARS
from spaceplan.core.errors import InfeasibleError, InputError, require_positive, require_range
from spaceplan.core.validity import warning
from spaceplan.missions import entry_guidance_kernel as kern
from spaceplan.missions.mars_entry import drag_acceleration

PREBANK_DRAG_G = 0.2  # MSL: range control starts at 0.2 Earth g sensed drag (Mendeck & Craig 2011)
#: MSL's switch from range control to heading alignment; an assumption here (the MSL setting is of this order,
#: not read from a primary source in this session)
HEADING_ALIGNMENT_SPEED_M_S = 1_100.0
MSL_DEPLOY_MISS_M = 12_500.0  # MSL requirement: deploy within 12.5 km of the target (Mendeck & Craig 2011)
PREDICT_DT_S = 1.0  # predictor step (RK4)
MISS_TOLERANCE_M = 50.0  # corrector convergence on the predicted range miss
DEADBAND_TOP_SPEED_M_S = 6_000.0  # the reversal deadband is widest from this speed up


@dataclass(frozen=True)
class EntryGuidance:
    """Settings of the bank-angle guidance: reference bank (deg), deploy speed (m/s) where range control aims,
    the drag that ends the prebank (Earth g), the heading-alignment speed (m/s), the guidance cycle (s), the gain of
    the density-estimate filter, and optionally the target downrange (m; default: the reference trajectory's)."""

    reference_bank_deg: float
    deploy_speed_m_s: float
    prebank_drag_g: float = PREBANK_DRAG_G
    heading_alignment_speed_m_s: float = HEADING_ALIGNMENT_SPEED_M_S
    cycle_s: float = 1.0
    density_gain: float = 0.3
    target_downrange_m: float | None = None
    lateral: bool = True
    deadband_km: tuple = (2.0, 25.0)

    def __post_init__(self):
        require_range("reference bank", self.reference_bank_deg, 0.0, 180.0, unit="deg")
        require_range("deploy speed", self.deploy_speed_m_s, 50.0, 5_000.0, unit="m/s")
        require_range("prebank drag", self.prebank_drag_g, 0.0, 5.0, unit="g")
        require_range("heading-alignment speed", self.heading_alignment_speed_m_s, 0.0, 10_000.0, unit="m/s")
        require_range("guidance cycle", self.cycle_s, 0.05, 10.0, unit="s")
        require_range("density filter gain", self.density_gain, 0.0, 1.0)
        if self.target_downrange_m is not None:
            require_positive("target downrange", self.target_downrange_m, unit="m")
        if len(self.deadband_km) != 2 or not 0.0 < self.deadband_km[0] <= self.deadband_km[1] <= 1_000.0:
            raise InputError("reversal deadband", f"got {self.deadband_km}", "two values 0 < low <= high <= 1000 km")

    def describe(self) -> str:
        return (f"prebank {self.reference_bank_deg:.1f} deg to {self.prebank_drag_g:g} g, range control "
                f"(predictor-corrector) to {self.deploy_speed_m_s:.0f} m/s, bank held below "
                f"{self.heading_alignment_speed_m_s:.0f} m/s; "
                + (f"bank reversals at a {self.deadband_km[0]:g}-{self.deadband_km[1]:g} km crossrange deadband"
                   if self.lateral else "longitudinal channel only"))

    def deadband_m(self, speed_m_s: float) -> float:
        """Crossrange deadband (m) of the reversal logic at ``speed_m_s``: linear between the heading-alignment
        speed and 6 km/s."""
        lo_v, hi_v = self.heading_alignment_speed_m_s, DEADBAND_TOP_SPEED_M_S
        f = min(max((speed_m_s - lo_v) / max(hi_v - lo_v, 1.0), 0.0), 1.0)
        return 1e3 * (self.deadband_km[0] + f * (self.deadband_km[1] - self.deadband_km[0]))


def _predict(vehicle, v, gam, h, s, bank_deg, v_stop, interface_m, rho0, scale_height):
    return kern.predict(float(v), float(gam), float(h), float(s),
                        vehicle.lift_to_drag * math.cos(math.radians(bank_deg)), float(v_stop), 0.0,
                        float(interface_m), vehicle.ballistic_coefficient_kg_m2, float(rho0), float(scale_height),
                        MARS.gm, MARS.radius, PREDICT_DT_S, 3_000.0)


def reference_state(vehicle, entry_speed_m_s: float, flight_path_deg: float, bank_deg: float, deploy_speed_m_s: float,
                    interface_m: float, rho0: float, scale_height: float) -> dict:
    """The reference trajectory's end (constant ``bank_deg``, nominal atmosphere, from the entry interface down to
    the deploy speed): {"downrange_m", "altitude_m", "speed_m_s", "time_s", "reached"}."""
    s, h, v, t, code = _predict(vehicle, entry_speed_m_s, math.radians(flight_path_deg), interface_m, 0.0, bank_deg,
                                deploy_speed_m_s, interface_m, rho0, scale_height)
    return {"downrange_m": float(s), "altitude_m": float(h), "speed_m_s": float(v), "time_s": float(t),
            "reached": int(code) == kern.REACHED}


def reference_bank(vehicle, entry_speed_m_s: float, flight_path_deg: float, deploy_speed_m_s: float,
                   deploy_altitude_m: float, *, bracket_deg=(45.0, 90.0), interface_m: float | None = None) -> float:
    """Calibrate the reference bank (deg): the constant bank, within ``bracket_deg``, whose nominal trajectory
    slows to ``deploy_speed_m_s`` at ``deploy_altitude_m`` (bisection).  For MSL (5.85 km/s, -15.5 deg, beta 146
    kg/m^2, L/D 0.24) the altitude at 470 m/s peaks near a 45 deg bank (12.6 km) and falls both ways: nearer
    lift-up the capsule lofts, flies ~50 % longer and sinks again before slowing (0 deg: 10.3 km).  The default
    bracket keeps the monotonic, steeper branch that a range-controlled entry flies."""
    from spaceplan.missions.mars_entry import ENTRY_INTERFACE_M, RHO0_KG_M3, SCALE_HEIGHT_M

    h_ei = ENTRY_INTERFACE_M if interface_m is None else interface_m

    def alt(bank):
        return reference_state(vehicle, entry_speed_m_s, flight_path_deg, bank, deploy_speed_m_s, h_ei,
                               RHO0_KG_M3, SCALE_HEIGHT_M)["altitude_m"] - deploy_altitude_m

    lo, hi = float(bracket_deg[0]), float(bracket_deg[1])
    f_lo, f_hi = alt(lo), alt(hi)
    if f_lo < 0.0 or f_hi > 0.0:
        top, bottom = f_lo + deploy_altitude_m, max(f_hi + deploy_altitude_m, 0.0)
        slows = (f"they slow to it between {bottom / 1e3:.1f} and {top / 1e3:.1f} km" if top > 0.0 else
                 "none of them slows to it above the ground")
        raise InfeasibleError(f"infeasible: the deploy state {deploy_speed_m_s:.0f} m/s at "
                              f"{deploy_altitude_m / 1e3:.1f} km is not reached by a constant bank between {lo:g} and "
                              f"{hi:g} deg ({slows})")
    for _ in range(50):
        mid = 0.5 * (lo + hi)
        if alt(mid) > 0.0:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-3:
            break
    return 0.5 * (lo + hi)


class BankGuidance:
    """One guided flight's guidance state (prebank -> range control -> heading alignment); ``fly_entry`` calls
    :meth:`command` every integration step with the state and the sensed drag, and gets L/D cos(bank)."""

    def __init__(self, settings: EntryGuidance, vehicle, entry_speed_m_s: float, flight_path_deg: float,
                 interface_m: float, rho0: float, scale_height: float, step_s: float = 0.0):
        if vehicle.lift_to_drag <= 0.0:
            raise InputError("lift_to_drag", "bank-angle guidance needs lift", "> 0")
        self.s, self.vehicle = settings, vehicle
        self.rho0, self.scale_height, self.interface_m = rho0, scale_height, interface_m
        ref = reference_state(vehicle, entry_speed_m_s, flight_path_deg, settings.reference_bank_deg,
                              settings.deploy_speed_m_s, interface_m, rho0, scale_height)
        if settings.target_downrange_m is None and not ref["reached"]:
            raise InputError("reference bank", f"{settings.reference_bank_deg:g} deg does not bring the vehicle down "
                             f"to {settings.deploy_speed_m_s:.0f} m/s", "a bank whose trajectory reaches the deploy "
                             "speed")
        self.target_m = ref["downrange_m"] if settings.target_downrange_m is None else settings.target_downrange_m
        self.u = math.cos(math.radians(settings.reference_bank_deg))
        self.phase = "prebank"
        self.k = 1.0
        self.next_t = 0.0
        # the time a command is held: the cycle, rounded up to whole integration steps (command() runs per step)
        self.period_s = (math.ceil(settings.cycle_s / step_s - 1e-9) * step_s if step_s > 0.0 else settings.cycle_s)
        self.range_control_start_s = None
        self.saturated_s = {kern.SATURATED_LIFT_UP: 0.0, kern.SATURATED_LIFT_DOWN: 0.0}
        self.last_miss_m = 0.0
        self.sign = 1.0  # + : the lift's horizontal part turns the heading psi up (left of the eastbound entry)
        self.reversals = 0
        self.radius = MARS.radius
        self.history = []  # (t, signed bank deg, phase code 0/1/2, density estimate, crossrange m)

    def geometry(self, y) -> tuple[float, float]:
        """(range to go m: the great-circle distance to the target, negative once the target lies behind the
        vehicle (|psi_T - psi| > 90 deg) so that an overflight still reads as long; crossrange m: the target's
        distance from the current plane of motion, > 0 to the left, where the heading psi grows)."""
        if len(y) < 6:
            return self.target_m - float(y[3]), 0.0
        theta, psi, phi = float(y[3]) / self.radius, float(y[4]), float(y[5])
        dtheta = self.target_m / self.radius - theta
        d = math.acos(min(max(math.cos(phi) * math.cos(dtheta), -1.0), 1.0))
        psi_target = 0.5 * math.pi - math.atan2(math.sin(dtheta), -math.sin(phi) * math.cos(dtheta))
        dpsi = math.remainder(psi_target - psi, 2.0 * math.pi)
        ahead = 1.0 if math.cos(dpsi) >= 0.0 else -1.0
        return ahead * self.radius * d, self.radius * math.asin(math.sin(d) * math.sin(dpsi))

    def _lift(self) -> tuple[float, float]:
        ld = self.vehicle.lift_to_drag
        return ld * self.u, self.sign * ld * math.sqrt(max(1.0 - self.u * self.u, 0.0))

    def command(self, t: float, y, sensed_drag: float) -> tuple[float, float]:
        """(L/D cos(bank), L/D sin(bank)) to fly from ``t`` on; ``y`` = (V, gamma, h, s[, psi, phi]) and
        ``sensed_drag`` (m/s^2) now."""
        if t + 1e-9 < self.next_t:
            return self._lift()
        self.next_t = t + self.s.cycle_s
        v, gam, h = float(y[0]), float(y[1]), float(y[2])
        to_go, cross = self.geometry(y)
        model = drag_acceleration(v, h, self.vehicle.ballistic_coefficient_kg_m2, self.rho0, self.scale_height)
        if self.phase == "prebank" and sensed_drag >= self.s.prebank_drag_g * G0:
            self.phase, self.range_control_start_s = "range", t
        if self.phase != "prebank" and model > 0.0:
            self.k += self.s.density_gain * (sensed_drag / model - self.k)
        if self.phase == "range" and v <= self.s.heading_alignment_speed_m_s:
            self.phase = "heading"
        if self.phase == "range":
            u, miss, status = kern.solve_bank(v, gam, h, 0.0, to_go, self.vehicle.lift_to_drag, self.u,
                                              self.s.deploy_speed_m_s, self.interface_m,
                                              self.vehicle.ballistic_coefficient_kg_m2, self.rho0 * self.k,
                                              self.scale_height, MARS.gm, MARS.radius, PREDICT_DT_S, 3_000.0,
                                              MISS_TOLERANCE_M)
            self.u, self.last_miss_m = float(u), float(miss)
            if status != kern.OK:
                self.saturated_s[int(status)] += self.period_s
        if self.s.lateral and self.phase != "prebank":
            band = self.s.deadband_m(v)
            if cross * self.sign < -band:  # the target drifts out of the deadband on the other side: reverse
                self.sign = -self.sign
                self.reversals += 1
        code = {"prebank": 0, "range": 1, "heading": 2}[self.phase]
        bank = math.degrees(math.acos(min(max(self.u, -1.0), 1.0)))
        self.history.append((t, self.sign * bank if self.s.lateral else bank, code, self.k, cross))
        return self._lift()

    def miss(self, y) -> tuple[float, float, float]:
        """(downrange error m, crossrange error m, miss distance m) of the end state ``y``."""
        down = float(y[3]) - self.target_m
        if len(y) < 6:
            return down, 0.0, abs(down)
        return down, self.radius * float(y[5]), abs(self.geometry(y)[0])

    def summary(self, y) -> dict:
        """The guidance's record for the result (SI; the result's ``to_dict`` converts)."""
        down, cross, dist = self.miss(y)
        banks = np.array([abs(row[1]) for row in self.history if row[2] == 1]) if self.history else np.array([])
        return {"law": self.s.describe(), "reference_bank_deg": self.s.reference_bank_deg,
                "deploy_speed_m_s": self.s.deploy_speed_m_s, "range_control_start_s": self.range_control_start_s,
                "target_downrange_m": self.target_m, "downrange_error_m": down, "crossrange_error_m": cross,
                "miss_distance_m": dist, "bank_reversals": self.reversals, "lateral": self.s.lateral,
                "bank_min_deg": float(banks.min()) if banks.size else None,
                "bank_max_deg": float(banks.max()) if banks.size else None,
                "saturated_lift_up_s": self.saturated_s[kern.SATURATED_LIFT_UP],
                "saturated_lift_down_s": self.saturated_s[kern.SATURATED_LIFT_DOWN],
                "density_estimate": self.k}

    def warnings(self, y) -> list[dict]:
        out = []
        for status, bank, why in ((kern.SATURATED_LIFT_UP, 0, "short of the target even lift up"),
                                  (kern.SATURATED_LIFT_DOWN, 180, "past the target even lift down")):
            if self.saturated_s[status] > 0.0:
                out.append(warning("guidance_saturated", "bank_deg",
                                   f"the range control saturated at {bank} deg bank for {self.saturated_s[status]:.0f} s "
                                   f"({why})"))
        down, cross, dist = self.miss(y)
        if dist > MSL_DEPLOY_MISS_M:
            out.append(warning("guidance_miss", "target_downrange",
                               f"the guided entry ends {dist / 1e3:.1f} km from the target ({down / 1e3:+.1f} km "
                               f"downrange, {cross / 1e3:+.1f} km crossrange; beyond MSL's "
                               f"{MSL_DEPLOY_MISS_M / 1e3:g} km deploy requirement): the target is out of reach"))
        return out


ENTRY_KIND = "entry_vehicles"
_ENTRY_FIELDS = ("mass_kg", "ballistic_coefficient_kg_m2", "lift_to_drag", "nose_radius_m", "entry_speed_m_s",
                 "flight_path_deg", "interface_m", "deploy_speed_m_s", "deploy_altitude_m")


@dataclass(frozen=True)
class EntryCase:
    """A published entry as a preset (``spaceplan/missions/presets/entry_vehicles``): the vehicle, its entry state
    and the deploy state its guidance aimed at (SI)."""

    vehicle: object  # EntryVehicle
    entry_speed_m_s: float
    flight_path_deg: float
    interface_m: float
    deploy_speed_m_s: float
    deploy_altitude_m: float
    source: str = ""


def entry_case_names() -> list[str]:
    from spaceplan.core import registry

    return registry.names(ENTRY_KIND, table="entry")


def load_entry_case(name_or_path: str) -> EntryCase:
    """An entry preset by name (``msl``) or a TOML file with an [entry] table."""
    from spaceplan.core import registry
    from spaceplan.core.errors import ParseError
    from spaceplan.missions.mars_entry import EntryVehicle

    preset = registry.resolve(ENTRY_KIND, name_or_path, table="entry", field="--vehicle")
    t = preset.table("entry")
    missing, unknown = [f for f in _ENTRY_FIELDS if f not in t], sorted(set(t) - set(_ENTRY_FIELDS))
    if missing or unknown:
        raise ParseError(f"entry vehicle {preset.name}", f"{preset.path}: missing {missing}, unknown {unknown}")
    try:
        v = {f: float(t[f]) for f in _ENTRY_FIELDS}
    except (TypeError, ValueError) as exc:
        raise ParseError(f"entry vehicle {preset.name}", f"{preset.path}: a value has the wrong type ({exc})") from None
    vehicle = EntryVehicle(str(preset.title), v["mass_kg"], v["ballistic_coefficient_kg_m2"], v["lift_to_drag"],
                           v["nose_radius_m"])
    return EntryCase(vehicle, v["entry_speed_m_s"], v["flight_path_deg"], v["interface_m"], v["deploy_speed_m_s"],
                     v["deploy_altitude_m"], preset.source)
