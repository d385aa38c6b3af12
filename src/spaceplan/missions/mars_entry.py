"""Mars atmospheric entry of a lifting body: trajectory, peak deceleration and a heating indicator.

Atmosphere: the exponential profile of the NASA Mars Fact Sheet (D. R. Williams, NSSDC/GSFC, "Mars Fact
Sheet"): surface density rho0 = 0.020 kg/m^3 and scale height H = 11.1 km, rho(h) = rho0 exp(-h/H).  It is a
Viking-era mean; real density varies by tens of percent with season and dust (MSL's reconstruction found the
upper atmosphere denser than predicted: Karlgaard et al. 2014), which is what the tolerance of the MSL check
(tests/validation) allows for.

Dynamics (planar, non-rotating spherical Mars, point mass; Vinh, Busemann & Culp, *Hypersonic and Planetary Entry
Flight Mechanics*, 1980, eq. 2.2 without rotation):

    dV/dt     = -D/m - g sin(gamma)
    dgamma/dt = (L/m) cos(sigma) / V - (g / V - V / r) cos(gamma)
    dh/dt     = V sin(gamma)
    ds/dt     = V cos(gamma) R / r

with D/m = rho V^2 / (2 beta), beta = m / (C_D A) the ballistic coefficient, L/m = (L/D) D/m, sigma the bank angle
(constant, set by the glide guidance of :func:`fly_entry`, or by the MSL-style range control of
:mod:`spaceplan.missions.entry_guidance`) and g = mu / r^2.  Fixed-step RK4 (``dt_s``), stopped when the altitude falls to ``end_altitude_m`` or
the speed to ``end_speed_m_s`` (where a propulsive landing takes over), or when the vehicle climbs back above the
entry interface (skip-out: no capture).

Heating indicator: Sutton & Graves (NASA TR R-376, 1971) stagnation-point convective heat flux
q = k sqrt(rho / r_n) V^3 with k = 1.9027e-4 kg^0.5/m for a CO2/N2 Mars atmosphere (Sutton & Graves 1971, as
tabulated by Tauber & Sutton, J. Spacecraft Rockets 28(1), 1991), r_n the nose (or belly) radius.  It is an
indicator (convective only, no radiation, no catalysis), for comparing entries, not a heat-shield sizing.

Entry speed at the interface from the arrival v-infinity: V = sqrt(v_inf^2 + 2 mu / (R + h_EI)) (energy).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import G0, MARS
from spaceplan.core.errors import InputError, require_positive, require_range

RHO0_KG_M3 = 0.020  # NASA Mars Fact Sheet: surface density
SCALE_HEIGHT_M = 11_100.0  # NASA Mars Fact Sheet: scale height
SUTTON_GRAVES_K_MARS = 1.9027e-4  # kg^0.5 / m (Sutton & Graves 1971; Tauber & Sutton 1991)
ENTRY_INTERFACE_M = 125_000.0  # Mars entry interface altitude (MSL: Way et al. 2013)
BURN_MAX_SPEED_M_S = 1_000.0  # the landing-burn trigger is armed below this speed
GLIDE_TAU_S = 20.0  # time constant of the glide guidance's flight-path hold
ATMOSPHERE = "NASA Mars Fact Sheet exponential: rho = 0.020 kg/m3 exp(-h / 11.1 km)"


def density(altitude_m, rho0: float = RHO0_KG_M3, scale_height_m: float = SCALE_HEIGHT_M):
    """Mars density (kg/m^3) at ``altitude_m`` (exponential fit; see the module docstring; ``rho0`` and
    ``scale_height_m`` disperse it)."""
    return rho0 * np.exp(-np.asarray(altitude_m, float) / scale_height_m)


def drag_acceleration(v: float, h: float, beta: float, rho0: float = RHO0_KG_M3,
                      scale_height: float = SCALE_HEIGHT_M) -> float:
    """Drag deceleration D/m = rho V^2 / (2 beta) (m/s^2) at speed ``v`` and altitude ``h`` (scalar, per step)."""
    return rho0 * math.exp(-h / scale_height) * v * v / (2.0 * beta)


def entry_speed(vinf_m_s: float, altitude_m: float = ENTRY_INTERFACE_M) -> float:
    """Speed at the entry interface for an arrival hyperbolic excess ``vinf_m_s`` (m/s)."""
    return math.sqrt(vinf_m_s ** 2 + 2.0 * MARS.gm / (MARS.radius + altitude_m))


@dataclass(frozen=True)
class EntryVehicle:
    """What the entry needs of a vehicle: mass (kg), ballistic coefficient m/(C_D A) (kg/m^2), L/D, nose radius (m)
    and the bank angle flown (deg; 0 = full lift up)."""

    name: str
    mass_kg: float
    ballistic_coefficient_kg_m2: float
    lift_to_drag: float
    nose_radius_m: float
    bank_deg: float = 0.0

    def __post_init__(self):
        require_positive("entry mass_kg", self.mass_kg, unit="kg")
        require_positive("ballistic_coefficient_kg_m2", self.ballistic_coefficient_kg_m2, unit="kg/m^2")
        require_range("lift_to_drag", self.lift_to_drag, 0.0, 3.0)
        require_positive("nose_radius_m", self.nose_radius_m, unit="m")
        require_range("bank_deg", self.bank_deg, 0.0, 180.0, unit="deg")


@dataclass(frozen=True)
class EntryResult:
    """One entry trajectory (SI).  ``captured`` False: the vehicle skipped out of the atmosphere."""

    vehicle: str
    entry_speed_m_s: float
    flight_path_deg: float
    captured: bool
    peak_deceleration_g: float  # Earth g (9.80665 m/s^2) of aerodynamic deceleration
    peak_heat_flux_w_m2: float  # Sutton-Graves stagnation-point indicator
    heat_load_j_m2: float
    end_altitude_m: float
    end_speed_m_s: float
    end_flight_path_deg: float
    downrange_m: float
    time_s: float
    trajectory: np.ndarray  # (n, 4): t s, altitude m, speed m/s, deceleration g
    atmosphere: str = ATMOSPHERE
    warnings: tuple = ()
    guidance: dict | None = None  # range-control record (SI) when flown with an EntryGuidance
    bank_history: np.ndarray | None = None  # (n, 5): t s, bank deg (signed), phase (0 prebank, 1 range, 2 hold),
    #                                          density estimate, crossrange to the target m

    def to_dict(self, trajectory: bool = False) -> dict:
        out = {"vehicle": self.vehicle, "entry_speed_kms": self.entry_speed_m_s / 1e3,
               "flight_path_deg": self.flight_path_deg, "captured": self.captured,
               "peak_deceleration_g": self.peak_deceleration_g,
               "peak_heat_flux_w_cm2": self.peak_heat_flux_w_m2 / 1e4, "heat_load_j_cm2": self.heat_load_j_m2 / 1e4,
               "end_altitude_km": self.end_altitude_m / 1e3, "end_speed_m_s": self.end_speed_m_s,
               "end_flight_path_deg": self.end_flight_path_deg, "downrange_km": self.downrange_m / 1e3,
               "time_s": self.time_s, "atmosphere": self.atmosphere, "warnings": list(self.warnings)}
        if self.guidance is not None:
            g = self.guidance
            out["guidance"] = {
                "law": g["law"], "reference_bank_deg": g["reference_bank_deg"],
                "deploy_speed_m_s": g["deploy_speed_m_s"], "range_control_start_s": g["range_control_start_s"],
                "target_downrange_km": g["target_downrange_m"] / 1e3,
                "downrange_error_km": g["downrange_error_m"] / 1e3, "bank_min_deg": g["bank_min_deg"],
                "bank_max_deg": g["bank_max_deg"], "bank_reversals": g["bank_reversals"],
                "crossrange_error_km": g["crossrange_error_m"] / 1e3, "miss_distance_km": g["miss_distance_m"] / 1e3,
                "saturated_lift_up_s": g["saturated_lift_up_s"],
                "saturated_lift_down_s": g["saturated_lift_down_s"], "density_estimate": g["density_estimate"]}
        if trajectory:
            out["trajectory"] = {"t_s": self.trajectory[:, 0], "altitude_km": self.trajectory[:, 1] / 1e3,
                                 "speed_kms": self.trajectory[:, 2] / 1e3, "deceleration_g": self.trajectory[:, 3]}
        return out


def _rates(y, beta, ld_cos, mu, radius, lift_down_fast=False, rho0=RHO0_KG_M3, scale_height=SCALE_HEIGHT_M,
           ld_sin=0.0):
    v, gam, h = y[0], y[1], y[2]
    r = radius + h
    g = mu / (r * r)
    drag = drag_acceleration(v, h, beta, rho0, scale_height)
    if lift_down_fast and drag > 1e-3:  # glide guidance: the bank that levels the flight path (tau = 20 s)
        want = (g - v * v / r) * math.cos(gam) - v * gam / GLIDE_TAU_S
        ld_cos = min(max(want / drag, -abs(ld_cos)), abs(ld_cos))
    if len(y) == 6:  # with heading psi and latitude phi (the guided flight's lateral channel)
        psi, phi, cg = y[4], y[5], math.cos(gam)
        return (np.array([-drag - g * math.sin(gam), ld_cos * drag / v - (g / v - v / r) * cg, v * math.sin(gam),
                          v * cg * math.cos(psi) * radius / (r * math.cos(phi)),
                          ld_sin * drag / (v * cg) - v / r * cg * math.cos(psi) * math.tan(phi),
                          v * cg * math.sin(psi) / r]), drag)
    return (np.array([-drag - g * math.sin(gam),
                      ld_cos * drag / v - (g / v - v / r) * math.cos(gam),
                      v * math.sin(gam),
                      v * math.cos(gam) * radius / r]), drag)


def fly_entry(vehicle: EntryVehicle, entry_speed_m_s: float, flight_path_deg: float, *,
              interface_m: float = ENTRY_INTERFACE_M, end_altitude_m: float = 5_000.0, end_speed_m_s: float = 0.0,
              dt_s: float = 0.5, max_time_s: float = 3_000.0, burn_accel_m_s2: float = 0.0,
              glide: bool = False, guidance=None, density_factor: float = 1.0,
              scale_height_m: float = SCALE_HEIGHT_M) -> EntryResult:
    """Fly ``vehicle`` from the entry interface at ``entry_speed_m_s`` and ``flight_path_deg`` (< 0: descending).

    ``burn_accel_m_s2`` > 0: also stop where a landing burn of that net deceleration must start to stop in time,
    altitude <= 1.3 V^2 / (2 a) + 500 m (30 % and 500 m of margin for the burn's start-up and throttle), once
    the deceleration pulse has passed its peak, the vehicle descends and flies slower than 1 km/s.  ``glide``: instead of a constant bank, an
    equilibrium-glide guidance: once drag is felt, the bank sets the vertical lift (L/m) cos(sigma) =
    (g - V^2/r) cos(gamma) - V gamma / tau (tau = 20 s), clipped to +-L/D: the vehicle levels off where the air is
    dense enough and sinks as it slows (lift down while faster than circular speed keeps it from skipping out).
    This is how a lifting body (Shuttle, Starship) bleeds speed high up instead of diving.

    ``guidance`` (an :class:`~spaceplan.missions.entry_guidance.EntryGuidance`): instead of a constant bank, MSL-style
    prebank, range control (predictor-corrector on the bank magnitude) and bank hold, with bank reversals steering
    crossrange (the state then adds the heading psi and the latitude phi of a non-rotating sphere:
    ds/dt = V cos(gamma) cos(psi) R / (r cos(phi)), dpsi/dt = (L/m) sin(sigma) / (V cos(gamma)) - V cos(gamma)
    cos(psi) tan(phi) / r, dphi/dt = V cos(gamma) sin(psi) / r; Vinh et al. 1980 without rotation); the flight then
    ends at the guidance's deploy speed unless ``end_speed_m_s`` is given.  ``density_factor`` and ``scale_height_m`` disperse
    the *flown* atmosphere, rho = density_factor rho0 exp(-h / scale_height_m); the guidance keeps the nominal
    model and estimates the density from the sensed drag."""
    require_range("entry speed", entry_speed_m_s, 1_000.0, 20_000.0, unit="m/s")
    require_range("entry flight path angle", flight_path_deg, -45.0, -0.5, unit="deg")
    require_range("end altitude", end_altitude_m, 0.0, interface_m - 1.0, unit="m")
    require_range("end speed", end_speed_m_s, 0.0, entry_speed_m_s, unit="m/s")
    require_range("density factor", density_factor, 0.1, 10.0)
    require_range("scale height", scale_height_m, 3_000.0, 30_000.0, unit="m")
    beta = vehicle.ballistic_coefficient_kg_m2
    down = bool(glide)
    ld_cos = vehicle.lift_to_drag * math.cos(math.radians(vehicle.bank_deg))
    mu, radius = MARS.gm, MARS.radius
    rho0, big_h = RHO0_KG_M3 * density_factor, float(scale_height_m)
    atm = dict(rho0=rho0, scale_height=big_h)
    guide = None
    if guidance is not None:
        from spaceplan.missions.entry_guidance import BankGuidance

        if glide:
            raise InputError("guidance", "glide and range-control guidance exclude each other", "one of them")
        guide = BankGuidance(guidance, vehicle, entry_speed_m_s, flight_path_deg, interface_m, RHO0_KG_M3,
                             SCALE_HEIGHT_M, dt_s)
        if end_speed_m_s == 0.0:
            end_speed_m_s = guidance.deploy_speed_m_s
            require_range("deploy speed", end_speed_m_s, 0.0, entry_speed_m_s, unit="m/s")
    y = np.array([entry_speed_m_s, math.radians(flight_path_deg), interface_m, 0.0])
    ld_sin = 0.0
    if guide is not None and guidance.lateral:  # + heading (from the entry direction) and latitude
        y = np.concatenate([y, [0.0, 0.0]])
    t = 0.0
    rows = [(0.0, interface_m, entry_speed_m_s, 0.0)]
    peak_g = peak_q = load = 0.0
    captured = True
    kq = SUTTON_GRAVES_K_MARS / math.sqrt(vehicle.nose_radius_m)
    q_prev = kq * math.sqrt(float(density(interface_m, rho0, big_h))) * entry_speed_m_s ** 3
    drag = drag_acceleration(entry_speed_m_s, interface_m, beta, rho0, big_h)  # sensed at the current state
    past_peak = False  # the landing-burn condition applies once the deceleration pulse is over
    while True:
        if guide is not None:  # the sensed drag now (computed at the end of the last step) sets the bank held
            ld_cos, ld_sin = guide.command(t, y, drag)
        k1, d1 = _rates(y, beta, ld_cos, mu, radius, down, ld_sin=ld_sin, **atm)
        k2, _ = _rates(y + 0.5 * dt_s * k1, beta, ld_cos, mu, radius, down, ld_sin=ld_sin, **atm)
        k3, _ = _rates(y + 0.5 * dt_s * k2, beta, ld_cos, mu, radius, down, ld_sin=ld_sin, **atm)
        k4, _ = _rates(y + dt_s * k3, beta, ld_cos, mu, radius, down, ld_sin=ld_sin, **atm)
        y_new = y + dt_s / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        t += dt_s
        def above(state):  # > 0 while the entry goes on
            h_stop = end_altitude_m
            if burn_accel_m_s2 > 0.0 and past_peak and state[1] < 0.0 and state[0] < BURN_MAX_SPEED_M_S:
                h_stop = max(h_stop, 1.3 * state[0] ** 2 / (2.0 * burn_accel_m_s2) + 500.0)
            return state[2] - h_stop

        if above(y_new) <= 0.0 or y_new[0] <= max(end_speed_m_s, 1.0):
            # land exactly on the stop condition by linear interpolation inside the step
            fa = above(y) / max(above(y) - above(y_new), 1e-12) if above(y_new) <= 0.0 else 1.0
            fv = (y[0] - end_speed_m_s) / max(y[0] - y_new[0], 1e-12) if y_new[0] <= end_speed_m_s else 1.0
            f = min(max(min(fa, fv), 0.0), 1.0)
            y_new = y + f * (y_new - y)
            t -= (1.0 - f) * dt_s
            y = y_new
            break
        y = y_new
        drag = drag_acceleration(y[0], y[2], beta, rho0, big_h)
        q = kq * math.sqrt(rho0 * math.exp(-y[2] / big_h)) * y[0] ** 3
        load += 0.5 * (q + q_prev) * dt_s
        q_prev = q
        peak_g, peak_q = max(peak_g, drag / G0), max(peak_q, q)
        past_peak = past_peak or (peak_g > 0.5 and drag / G0 < 0.9 * peak_g)
        rows.append((t, y[2], y[0], drag / G0))
        if y[2] > interface_m and y[1] > 0.0:
            captured = False
            break
        if t >= max_time_s:
            break
    drag = drag_acceleration(y[0], y[2], beta, rho0, big_h)
    rows.append((t, y[2], y[0], drag / G0))
    warnings = []
    if not captured:
        warnings.append({"code": "skip_out", "field": "flight_path_deg",
                         "message": f"the vehicle leaves the atmosphere again at {flight_path_deg:g} deg: steepen the entry"})
    if entry_speed_m_s > 7_500.0:
        warnings.append({"code": "extrapolation", "field": "entry_speed",
                         "message": f"entry at {entry_speed_m_s / 1e3:.2f} km/s is above the ~7.5 km/s SpaceX states "
                                    "for a Starship Mars entry"})
    atmosphere = ATMOSPHERE
    if density_factor != 1.0 or big_h != SCALE_HEIGHT_M:
        atmosphere = (f"dispersed NASA Mars Fact Sheet exponential: rho = {rho0:.4g} kg/m3 exp(-h / "
                      f"{big_h / 1e3:.4g} km)")
    summary = history = None
    if guide is not None:
        summary = guide.summary(y)
        history = np.array(guide.history).reshape(-1, 5)
        warnings += guide.warnings(y)
    return EntryResult(vehicle.name, float(entry_speed_m_s), float(flight_path_deg), captured, float(peak_g),
                       float(peak_q), float(load), float(y[2]), float(y[0]), math.degrees(float(y[1])),
                       float(y[3]), float(t), np.array(rows), atmosphere, tuple(warnings), summary, history)


def corridor(vehicle: EntryVehicle, entry_speed_m_s: float, max_g: float, angles_deg=None, **kw) -> dict:
    """The entry corridor: flight path angles (deg) that are captured (no skip-out) and stay under ``max_g``.

    Returns {"shallow_deg", "steep_deg" (None when empty), "angles_deg", "peak_g", "captured"} over the scan."""
    require_positive("max_g", max_g, unit="g")
    angles = np.arange(-4.0, -30.01, -0.5) if angles_deg is None else np.asarray(angles_deg, float)
    runs = [fly_entry(vehicle, entry_speed_m_s, float(a), **kw) for a in angles]
    ok = [a for a, r in zip(angles, runs) if r.captured and r.peak_deceleration_g <= max_g]
    return {"shallow_deg": float(max(ok)) if ok else None, "steep_deg": float(min(ok)) if ok else None,
            "angles_deg": angles.tolist(), "peak_g": [r.peak_deceleration_g for r in runs],
            "captured": [r.captured for r in runs], "max_g": max_g}


def check_flight_path(value: float, field: str = "flight_path_deg") -> float:
    if not -45.0 <= value <= -0.5:
        raise InputError(field, f"got {value:g} deg", "-45 to -0.5 deg (descending)")
    return value
