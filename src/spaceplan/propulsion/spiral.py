"""Tangential-thrust spiral escape and capture, integrated numerically (numba RK4, mass decreasing).

Planar two-body motion with thrust F along the velocity (escape) from a circular orbit of radius r0
until the specific energy reaches C3/2 (C3 = 0: parabolic escape).  Mass falls at F/c; the
delta-v is the integral of F/m.  Capture is the time reverse: from a circular orbit with the final
(post-capture) mass, integrated backwards (mass growing) to the arrival C3, which gives the arrival
mass the capture needs.  Known results: for constant acceleration a (mu = r0 = v0 = 1) the escape
delta-v tends to v0 as a -> 0 (Wiesel 1989, "Spaceflight Dynamics"): 0.7453 v0 at a = 1e-2 and
0.8563 v0 at a = 1e-3 (numerical values, space.stackexchange question 29456).

Time inside the Van Allen belts is flagged for Earth: inner belt 1,000-6,000 km altitude and outer
belt 13,000-60,000 km (NASA Goddard, "Van Allen Probes" mission overview; the edges vary with solar
activity: approximate bands).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import DAY, EARTH, MOON, body
from spaceplan.core.errors import InfeasibleError, require_positive, require_range
from spaceplan.core.validity import REFUSE, Bound, Envelope, check, physical
from spaceplan.propulsion import _kernels

__all__ = ["SpiralResult", "spiral_escape", "spiral_capture", "constant_acceleration_escape_dv", "ENVELOPE",
           "sphere_of_influence"]

# Laplace sphere of influence of the Moon about the Earth, a (m_Moon/m_Earth)^(2/5) (Curtis 2020, eq. 8.2),
# with the mean Earth-Moon distance 384,400 km: ~66,100 km
_MOON_DISTANCE_M = 384_400e3


def sphere_of_influence(b) -> float:
    """Sphere-of-influence radius (m) of a body: about the Sun for planets, about the Earth for the Moon."""
    if b.name == MOON.name:
        return _MOON_DISTANCE_M * (MOON.gm / EARTH.gm) ** 0.4
    return b.soi_radius


ENVELOPE = Envelope(
    "a two-body spiral",
    inputs=(Bound("altitude_m", 0.0, "soi_altitude_m", REFUSE, "orbit_outside_body_domain", "km", 1e-3, "altitude",
                  "a circular orbit above the surface and inside the sphere of influence, where two-body motion "
                  "about this body holds"),
            Bound("c3_m2_s2", 0.0, 1e9, REFUSE, "c3_outside_range", "km^2/s^2", 1e-6, "c3", "C3 >= 0: "
                  "the spiral ends on an escape hyperbola")),
    outputs=(physical("dv_m_s", "dv", "delta-v", 1e-3, "km/s"), physical("time_s", "time", "time", 1 / DAY, "d"),
             physical("mass_end_kg", "mass", "final mass"), physical("propellant_kg", "mass", "propellant")))

INNER_BELT_ALT_M = (1_000e3, 6_000e3)
OUTER_BELT_ALT_M = (13_000e3, 60_000e3)
STEP_RAD = 0.02  # RK4 step: 0.02 rad of local mean motion (~314 steps per revolution)
MAX_STEPS = 200_000_000


@dataclass(frozen=True)
class SpiralResult:
    """One spiral (SI).  ``history`` columns: t [s], x [m], y [m], mass [kg], delta-v so far [m/s], vx, vy [m/s]."""

    mode: str  # "escape" | "capture"
    body: str
    r0_m: float
    c3_m2_s2: float
    thrust_n: float
    exhaust_speed_m_s: float
    mass_start_kg: float  # escape: in orbit; capture: on arrival
    mass_end_kg: float  # escape: at C3; capture: in orbit
    dv_m_s: float
    time_s: float
    revolutions: float
    time_inner_belt_s: float
    time_outer_belt_s: float
    history: np.ndarray
    warnings: tuple = ()

    @property
    def propellant_kg(self) -> float:
        return self.mass_start_kg - self.mass_end_kg

    def to_dict(self) -> dict:
        return {"mode": self.mode, "body": self.body, "r0_km": self.r0_m / 1e3, "c3_km2s2": self.c3_m2_s2 / 1e6,
                "thrust_n": self.thrust_n, "exhaust_speed_km_s": self.exhaust_speed_m_s / 1e3,
                "mass_start_kg": self.mass_start_kg, "mass_end_kg": self.mass_end_kg,
                "propellant_kg": self.propellant_kg, "dv_km_s": self.dv_m_s / 1e3, "time_days": self.time_s / DAY,
                "revolutions": self.revolutions, "inner_belt_days": self.time_inner_belt_s / DAY,
                "outer_belt_days": self.time_outer_belt_s / DAY, "warnings": list(self.warnings)}


def _run(mu, r0, m0, thrust, mdot, c3, belts, h=STEP_RAD, m_min=0.0):
    rec = np.zeros((131_072, 7))  # thinned by 2 when full: >= ~40 samples per revolution up to ~1,600 revolutions
    info = np.zeros(12)
    _kernels.spiral_escape(float(mu), float(r0), float(m0), float(thrust), float(mdot), 0.5 * float(c3), float(h),
                           MAX_STEPS, float(m_min), np.asarray(belts, float), rec, info)
    status = int(info[11])
    if status == 2:
        raise InfeasibleError(f"spiral: the propellant runs out before C3 = {c3 / 1e6:g} km^2/s^2 "
                              f"(all {m0 - m_min:.0f} kg spent after {info[1] / 1e3:.2f} km/s and {info[0] / DAY:.1f} d)")
    if status == 1:
        raise InfeasibleError(f"spiral: C3 = {c3 / 1e6:g} km^2/s^2 not reached within {MAX_STEPS} steps "
                              f"({info[0] / DAY:.0f} d of thrusting, delta-v {info[1] / 1e3:.2f} km/s so far: thrust too low)")
    return info, rec[: int(info[9])].copy()


def _check_steps(mu, r0, accel):
    """Refuse (InfeasibleError) a spiral whose step count would exceed MAX_STEPS: at acceleration a the
    escape takes ~ v0 / a of time, mostly near r0 where a step is STEP_RAD / n0."""
    v0 = np.sqrt(mu / r0)
    steps = v0 / accel * np.sqrt(mu / r0 ** 3) / STEP_RAD
    if steps > MAX_STEPS:
        raise InfeasibleError(f"spiral: acceleration {accel:.3g} m/s^2 is {accel / (mu / r0 ** 2):.2g} of local "
                              f"gravity; escape would take ~{v0 / accel / DAY:,.0f} d and ~{steps:.2g} integration "
                              f"steps (limit {MAX_STEPS:.0e})")


def _revs(hist, mu):
    ang = np.unwrap(np.arctan2(hist[:, 2], hist[:, 1]))
    return float(abs(ang[-1] - ang[0]) / (2 * np.pi))


def _setup(central, r0_m, thrust_n, exhaust_speed_m_s, mass_kg, c3_m2_s2):
    b = body(central)
    require_positive("r0", r0_m, unit="m")
    require_positive("thrust", thrust_n, unit="N")
    require_positive("exhaust_speed", exhaust_speed_m_s, unit="m/s")
    require_positive("mass", mass_kg, unit="kg")
    check(ENVELOPE, altitude_m=float(r0_m) - b.radius, soi_altitude_m=sphere_of_influence(b) - b.radius,
          c3_m2_s2=c3_m2_s2)
    belts = (0.0, 0.0, 0.0, 0.0)
    if b.name == "Earth":
        belts = (b.radius + INNER_BELT_ALT_M[0], b.radius + INNER_BELT_ALT_M[1],
                 b.radius + OUTER_BELT_ALT_M[0], b.radius + OUTER_BELT_ALT_M[1])
    return b, belts


def _result(*args) -> SpiralResult:
    r = SpiralResult(*args)
    check(ENVELOPE, dv_m_s=r.dv_m_s, time_s=r.time_s, mass_end_kg=r.mass_end_kg, propellant_kg=r.propellant_kg)
    return r


def spiral_escape(central, r0_m: float, thrust_n: float, exhaust_speed_m_s: float, mass_kg: float,
                  c3_m2_s2: float = 0.0, propellant_kg: float | None = None) -> SpiralResult:
    """Spiral out from a circular orbit of radius r0 around ``central`` to C3 (>= 0), thrust along the
    velocity, mass starting at ``mass_kg`` and falling at F/c.  With ``propellant_kg`` the run is
    :class:`InfeasibleError` (saying how far it got) if that propellant is spent first."""
    b, belts = _setup(central, r0_m, thrust_n, exhaust_speed_m_s, mass_kg, c3_m2_s2)
    _check_steps(b.gm, r0_m, thrust_n / mass_kg)
    m_min = 0.0
    if propellant_kg is not None:
        require_range("propellant_kg", propellant_kg, 0.0, mass_kg, unit="kg")
        m_min = mass_kg - propellant_kg
    info, hist = _run(b.gm, r0_m, mass_kg, thrust_n, thrust_n / exhaust_speed_m_s, c3_m2_s2, belts, m_min=m_min)
    return _result("escape", b.name, float(r0_m), float(c3_m2_s2), float(thrust_n), float(exhaust_speed_m_s),
                        float(mass_kg), float(info[2]), float(info[1]), float(info[0]), _revs(hist, b.gm),
                        float(info[7]), float(info[8]), hist)


def spiral_capture(central, r0_m: float, thrust_n: float, exhaust_speed_m_s: float, mass_in_orbit_kg: float,
                   c3_m2_s2: float = 0.0) -> SpiralResult:
    """Spiral in from C3 (arrival) to a circular orbit r0, ending with ``mass_in_orbit_kg``: integrated
    backwards in time (mass growing), which yields the arrival mass the capture needs."""
    b, belts = _setup(central, r0_m, thrust_n, exhaust_speed_m_s, mass_in_orbit_kg, c3_m2_s2)
    _check_steps(b.gm, r0_m, thrust_n / mass_in_orbit_kg)
    info, hist = _run(b.gm, r0_m, mass_in_orbit_kg, thrust_n, -thrust_n / exhaust_speed_m_s, c3_m2_s2, belts)
    hist = hist[::-1].copy()
    hist[:, 0] = info[0] - hist[:, 0]
    hist[:, 4] = info[1] - hist[:, 4]
    # time reversal flips the velocity; mirroring y keeps the capture prograde (counter-clockwise)
    hist[:, 2] = -hist[:, 2]
    hist[:, 5] = -hist[:, 5]
    return _result("capture", b.name, float(r0_m), float(c3_m2_s2), float(thrust_n), float(exhaust_speed_m_s),
                        float(info[2]), float(mass_in_orbit_kg), float(info[1]), float(info[0]), _revs(hist, b.gm),
                        float(info[7]), float(info[8]), hist)


def constant_acceleration_escape_dv(accel: float, mu: float = 1.0, r0: float = 1.0, h: float = STEP_RAD) -> float:
    """Escape delta-v (to C3 = 0) at constant tangential acceleration (no mass change), any consistent units."""
    require_positive("accel", accel)
    require_positive("mu", mu)
    require_positive("r0", r0)
    info, _ = _run(mu, r0, 1.0, accel, 0.0, 0.0, (0.0, 0.0, 0.0, 0.0), h)
    return float(info[1])
