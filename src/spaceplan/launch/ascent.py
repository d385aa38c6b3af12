"""Ascent simulation: a vehicle, a payload, a site and a guidance law -> trajectory, events and losses.

Model (see ``_kernels.py`` for the equations): 3-DOF point mass integrated in an
Earth-centred inertial frame over a rotating spherical Earth (radius = WGS 84
equatorial, mu = EGM2008, J2 optional), drag on the Earth-relative velocity
with a Mach-dependent Cd, USSA76 atmosphere, thrust corrected for ambient
pressure, throttling for a max-q and/or an acceleration limit, stage burnout,
separation coasts, drop of strap-on boosters and of the fairing once the
free-molecular heating 1/2 rho v^3 drops below the limit.  Fixed-step RK4
(1 s), with the step shortened to land exactly on burnout, on the pitch
programme's break points, on the fairing jettison and on cutoff (the last two
found inside the step by regula falsi), so the result is a smooth function of
payload and guidance: no event moves by a whole step when an input changes by
a rounding error.

Launch azimuth for a target inclination i from latitude phi (inertial,
spherical Earth): sin(beta) = cos(i) / cos(phi) (Vallado 2013, eq. 6-19
without the Earth-rotation correction, which the simulation handles itself).
The heading follows the plane of the target inclination through the current
position, and the upper stages yaw towards the horizontal velocity still to be
gained so that the pad's Earth-rotation velocity component off that plane is
cancelled (without this, 51.6 deg from the Cape came out at 49.4 deg).  The pad
sits at its geocentric latitude (``Site.geocentric_latitude_deg``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import registry
from spaceplan.core.constants import EARTH_FLATTENING, EARTH_GM, EARTH_J2, EARTH_RADIUS, EARTH_ROTATION_RATE
from spaceplan.core.errors import ImpossibleOrbitError, InputError
from spaceplan.launch import _kernels as K
from spaceplan.launch.vehicles import Vehicle

MIN_PERIGEE_M = 100_000.0


@dataclass(frozen=True)
class Site:
    """A launch pad: geodetic latitude and longitude (deg, east positive) as published for the pad."""

    key: str
    name: str
    latitude_deg: float
    longitude_deg: float

    @property
    def geocentric_latitude_deg(self) -> float:
        """Geocentric latitude of the pad on the WGS 84 ellipsoid, tan(psi) = (1 - f)^2 tan(phi) (Vallado 2013,
        sec. 3.2, with (1 - f)^2 = 1 - e^2).  The spherical-Earth model puts the pad at this latitude: an orbit's inclination is measured
        from the Earth's centre, so a due-east launch from Cape Canaveral (geodetic 28.56 deg, geocentric 28.40 deg)
        reaches i = 28.40 deg, and the usual "28.5 deg" LEO reference orbit is reachable from the Florida pads."""
        phi = math.radians(self.latitude_deg)
        return math.degrees(math.atan((1.0 - EARTH_FLATTENING) ** 2 * math.tan(phi)))

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "latitude_deg": self.latitude_deg,
                "longitude_deg": self.longitude_deg, "geocentric_latitude_deg": self.geocentric_latitude_deg}


def site_names() -> list[str]:
    """Names of the launch-site presets (registry kind ``launch_sites``)."""
    return registry.names("launch_sites")


def load_site(name: str | Site) -> Site:
    """A launch site preset by name (``cape-canaveral``, ``Baikonur``, ...; see :mod:`spaceplan.core.registry`)."""
    if isinstance(name, Site):
        return name
    p = registry.load("launch_sites", name, field="site")
    return Site(p.name, p.data["name"], float(p.data["latitude_deg"]), float(p.data["longitude_deg"]))


@dataclass(frozen=True)
class TargetOrbit:
    """Target orbit: perigee and apogee altitudes (m) and inclination (rad)."""

    perigee_alt_m: float
    apogee_alt_m: float
    inclination_rad: float

    def __post_init__(self):
        if not (math.isfinite(self.perigee_alt_m) and math.isfinite(self.apogee_alt_m)):
            raise InputError("orbit", "perigee and apogee must be finite")
        if self.perigee_alt_m < MIN_PERIGEE_M:
            raise ImpossibleOrbitError("orbit.perigee", f"perigee {self.perigee_alt_m / 1e3:g} km is inside the "
                                       "atmosphere: the orbit decays at once", ">= 100 km")
        if self.apogee_alt_m < self.perigee_alt_m:
            raise ImpossibleOrbitError("orbit.apogee", f"apogee {self.apogee_alt_m / 1e3:g} km below perigee "
                                       f"{self.perigee_alt_m / 1e3:g} km", ">= perigee")
        if self.apogee_alt_m > 1.0e9:
            raise InputError("orbit.apogee", f"got {self.apogee_alt_m / 1e3:g} km", "<= 1e6 km (bound orbits)")
        if not (0.0 <= self.inclination_rad <= math.pi):
            raise InputError("inclination", f"got {math.degrees(self.inclination_rad):g} deg", "0 to 180 deg")

    @property
    def rp(self) -> float:
        return EARTH_RADIUS + self.perigee_alt_m

    @property
    def ra(self) -> float:
        return EARTH_RADIUS + self.apogee_alt_m

    @property
    def two_burn(self) -> bool:
        """High orbits (apogee > 2000 km above perigee) use a parking orbit and a perigee burn."""
        return self.apogee_alt_m - self.perigee_alt_m > 2_000_000.0

    def to_dict(self) -> dict:
        return {"perigee_km": self.perigee_alt_m / 1e3, "apogee_km": self.apogee_alt_m / 1e3,
                "inclination_deg": math.degrees(self.inclination_rad)}


def parse_orbit(text: str, inclination_deg: float) -> TargetOrbit:
    """``"200x200"`` or ``"185x35786"`` (perigee x apogee, km), or ``"gto"`` -> TargetOrbit."""
    from spaceplan.core.units import parse_length

    t = str(text).strip().lower()
    if t == "gto":
        t = "185x35786"
    parts = t.replace("*", "x").split("x")
    allowed = "PERIGEExAPOGEE or ALTITUDE (km, or with m/km), e.g. 200x200, 200kmx35786km, 400, or gto"
    if len(parts) not in (1, 2):
        raise InputError("--orbit", f"cannot read {text!r}: {len(parts)} numbers", allowed)
    try:  # each height: the one length parser (bare numbers in km)
        hp, ha = (parse_length("--orbit", p, allow_zero=True, allow_negative=True) for p in (parts * 2)[:2])
    except InputError:
        raise InputError("--orbit", f"cannot read {text!r}", allowed) from None
    return TargetOrbit(hp, ha, math.radians(inclination_deg))


def launch_azimuth(inclination_rad: float, latitude_rad: float, southerly: bool = False) -> float:
    """Inertial launch azimuth (rad from north) reaching inclination i from latitude phi.

    sin(beta) = cos(i) / cos(phi); no solution (ImpossibleOrbitError) when i < |phi| (or i > 180 - |phi|):
    a direct ascent cannot reach an inclination below the site latitude without a dog-leg.
    """
    c = math.cos(inclination_rad) / math.cos(latitude_rad)
    if abs(c) > 1.0 + 1e-12:
        lat = abs(math.degrees(latitude_rad))
        inc = math.degrees(inclination_rad)
        where = (f"below the site's geocentric latitude {lat:.4f} deg" if inc < 90.0 else
                 f"above 180 deg minus the site's geocentric latitude ({180.0 - lat:.4f} deg)")
        raise ImpossibleOrbitError(
            "inclination", f"{inc:.4f} deg is {where}: a direct ascent cannot reach it (a dog-leg would be needed)",
            f"{lat:.4f} to {180.0 - lat:.4f} deg")
    beta = math.asin(max(-1.0, min(1.0, c)))
    return math.pi - beta if southerly else beta


@dataclass(frozen=True)
class Guidance:
    """Open-loop guidance: vertical rise, linear pitch kick of ``kick_deg`` over ``t_kick_s``, gravity turn for the
    first stage; linear-tangent pitch from ``theta0_deg`` to ``theta1_deg`` (above the local horizontal) over the
    upper stages' nominal burn time."""

    kick_deg: float = 3.0
    theta0_deg: float = 20.0
    theta1_deg: float = -10.0
    t_vert_s: float | None = None  # None: the time to reach ~40 m/s vertically from the liftoff thrust-to-weight
    t_kick_s: float = 10.0


@dataclass(frozen=True)
class Phase:
    name: str
    thrust_vac_n: float
    exit_area_m2: float
    mdot: float
    propellant_kg: float
    drop_kg: float
    coast_s: float
    mode: int
    throttle_min: float


def build_phases(vehicle: Vehicle, reserve_kg: float = 0.0, recovering: bool = False,
                 booster_reserve_kg: float = 0.0) -> list[Phase]:
    """Split the flight into constant-engine phases (strap-ons + core, core, upper stages).

    ``reserve_kg``: first-stage (core) propellant kept for recovery (not burnt on ascent).
    ``booster_reserve_kg``: the same for each strap-on booster.

    A stage's auxiliary (non-propulsive) fluids are expelled with its propellant: the phase's mass flow and the mass
    it burns are (1 + k) times the propellant's, k = ``Stage.auxiliary_flow_ratio``, at the same thrust.  A stage
    that drops part of its structure during its burn (``jettison_mass_kg``) is flown as two phases, the second
    starting with the drop and no coast.
    """
    s0 = vehicle.stages[0]
    k0 = 1.0 + s0.auxiliary_flow_ratio
    phases: list[Phase] = []
    core_used = 0.0
    if vehicle.boosters is not None:
        b, n = vehicle.boosters, vehicle.booster_count
        kb = 1.0 + b.auxiliary_flow_ratio
        usable_b = b.usable_propellant_kg - booster_reserve_kg
        if usable_b <= 0:
            raise InputError("booster reserve", "recovery reserve exceeds the booster propellant")
        tb = usable_b / b.mdot
        f = s0.throttle_with_boosters
        core_used = s0.mdot * f * tb
        phases.append(Phase("boosters + core", n * b.thrust_vac_n + f * s0.thrust_vac_n,
                            n * b.engine_count * b.engine.exit_area_m2 + f * s0.engine_count * s0.engine.exit_area_m2,
                            n * b.mdot * kb + f * s0.mdot * k0, n * usable_b * kb + core_used * k0, 0.0, 0.0, 0,
                            max(b.engine.throttle_min, s0.engine.throttle_min)))
    core_prop = s0.usable_propellant_kg - core_used - reserve_kg
    if core_prop <= 0:
        raise InputError("recovery reserve", f"{reserve_kg:.0f} kg leaves no first-stage propellant for ascent",
                         f"< {s0.usable_propellant_kg - core_used:.0f} kg")
    drop = 0.0
    if vehicle.boosters is not None:
        b = vehicle.boosters
        drop = vehicle.booster_count * (b.dry_mass_kg + b.residual_kg + b.auxiliary_residual_kg + booster_reserve_kg
                                        + (b.recovery_hardware_kg if recovering else 0.0))
    phases.append(Phase(s0.name, s0.thrust_vac_n, s0.engine_count * s0.engine.exit_area_m2, s0.mdot * k0,
                        core_prop * k0, drop, 0.0, 0, s0.engine.throttle_min))
    prev = s0
    prev_extra = reserve_kg + (s0.recovery_hardware_kg if recovering else 0.0)
    for s in vehicle.stages[1:]:
        k = 1.0 + s.auxiliary_flow_ratio
        ae = s.engine_count * s.engine.exit_area_m2
        drop = prev.dry_mass_kg - prev.jettison_mass_kg + prev.residual_kg + prev.auxiliary_residual_kg + prev_extra
        prop = s.usable_propellant_kg * k
        if s.jettison_mass_kg > 0.0:
            first = min(s.mdot * k * s.jettison_after_s, prop)
            phases.append(Phase(s.name, s.thrust_vac_n, ae, s.mdot * k, first, drop, s.separation_coast_s, 1,
                                s.engine.throttle_min))
            phases.append(Phase(f"{s.name} (after {s.jettison_mass_kg:.0f} kg jettison)", s.thrust_vac_n, ae,
                                s.mdot * k, prop - first, s.jettison_mass_kg, 0.0, 1, s.engine.throttle_min))
        else:
            phases.append(Phase(s.name, s.thrust_vac_n, ae, s.mdot * k, prop, drop, s.separation_coast_s, 1,
                                s.engine.throttle_min))
        prev, prev_extra = s, 0.0
    return phases


def site_position(site: Site) -> np.ndarray:
    """Pad position (m) on the spherical Earth at the geocentric latitude, Earth-fixed = inertial at t = 0."""
    lat, lon = math.radians(site.geocentric_latitude_deg), math.radians(site.longitude_deg)
    return EARTH_RADIUS * np.array([math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)])


def initial_state(site: Site, payload_kg: float, vehicle: Vehicle, recovering: bool) -> np.ndarray:
    r = site_position(site)
    v = np.cross([0.0, 0.0, EARTH_ROTATION_RATE], r)
    m0 = vehicle.liftoff_mass_kg(payload_kg)
    if recovering:
        m0 += vehicle.stages[0].recovery_hardware_kg
        if vehicle.boosters is not None:
            m0 += vehicle.booster_count * vehicle.boosters.recovery_hardware_kg
    y = np.zeros(K.NY)
    y[:3], y[3:6], y[6] = r, v, m0
    return y


def plane_normal(site: Site, azimuth_rad: float) -> np.ndarray:
    lat, lon = math.radians(site.geocentric_latitude_deg), math.radians(site.longitude_deg)
    up = np.array([math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)])
    east = np.array([-math.sin(lon), math.cos(lon), 0.0])
    north = np.array([-math.sin(lat) * math.cos(lon), -math.sin(lat) * math.sin(lon), math.cos(lat)])
    d = math.sin(azimuth_rad) * east + math.cos(azimuth_rad) * north
    n = np.cross(up, d)
    return n / np.linalg.norm(n)


def orbit_of(r, v, mu: float = EARTH_GM) -> tuple[float, float, float]:
    """(perigee radius, apogee radius, inclination) of the osculating orbit; apogee = inf if unbound."""
    r = np.asarray(r, float)
    v = np.asarray(v, float)
    h = np.cross(r, v)
    hn = float(np.linalg.norm(h))
    rn = float(np.linalg.norm(r))
    energy = 0.5 * float(v @ v) - mu / rn
    e_vec = np.cross(v, h) / mu - r / rn
    e = float(np.linalg.norm(e_vec))
    p = hn * hn / mu
    rp = p / (1.0 + e)
    ra = p / (1.0 - e) if e < 1.0 and energy < 0 else math.inf
    inc = math.acos(max(-1.0, min(1.0, h[2] / hn))) if hn > 0 else 0.0
    return rp, ra, inc


@dataclass(frozen=True)
class StageEvent:
    name: str
    t_ignition_s: float
    t_burnout_s: float
    altitude_m: float
    speed_rel_ms: float
    gamma_rel_rad: float
    mass_kg: float
    propellant_left_kg: float

    def to_dict(self) -> dict:
        return {"name": self.name, "t_ignition_s": self.t_ignition_s, "t_burnout_s": self.t_burnout_s,
                "altitude_km": self.altitude_m / 1e3, "speed_rel_kms": self.speed_rel_ms / 1e3,
                "flight_path_angle_deg": math.degrees(self.gamma_rel_rad), "mass_kg": self.mass_kg,
                "propellant_left_kg": self.propellant_left_kg}


@dataclass(frozen=True)
class Losses:
    gravity_ms: float
    drag_ms: float
    steering_ms: float
    pressure_ms: float
    ideal_ms: float

    @property
    def total_ms(self) -> float:
        return self.gravity_ms + self.drag_ms + self.steering_ms + self.pressure_ms

    def to_dict(self) -> dict:
        return {"gravity_loss_m_s": self.gravity_ms, "drag_loss_m_s": self.drag_ms,
                "steering_loss_m_s": self.steering_ms, "pressure_loss_m_s": self.pressure_ms,
                "total_loss_m_s": self.total_ms, "ideal_dv_m_s": self.ideal_ms}


COLUMNS = ("t_s", "altitude_m", "speed_rel_m_s", "speed_inertial_m_s", "q_pa", "accel_m_s2", "mass_kg", "phase",
           "gamma_rel_rad", "downrange_m", "throttle", "mach")


@dataclass(frozen=True)
class AscentResult:
    vehicle: str
    payload_kg: float
    status: int
    stages: tuple[StageEvent, ...]
    losses: Losses
    final_state: np.ndarray  # y at the end (r, v, m, losses)
    cut1_state: np.ndarray  # y at the first cutoff (= final for single-burn ascents)
    perigee_alt_m: float
    apogee_alt_m: float
    inclination_rad: float
    propellant_left_kg: float  # in the last stage (negative: equivalent shortfall when depleted early)
    t_fairing_s: float
    t_max_q_s: float
    max_q_pa: float
    trajectory: np.ndarray  # (n, len(COLUMNS))
    liftoff_mass_kg: float
    jettisoned_kg: float
    burnt_kg: float
    stage_states: np.ndarray  # (n_phases, 12) state vector at each phase's burnout

    @property
    def reached(self) -> bool:
        return self.status == K.STATUS_OK

    def column(self, name: str) -> np.ndarray:
        return self.trajectory[:, COLUMNS.index(name)]

    def to_dict(self) -> dict:
        return {"vehicle": self.vehicle, "payload_kg": self.payload_kg, "reached_orbit": self.reached,
                "perigee_km": self.perigee_alt_m / 1e3, "apogee_km": self.apogee_alt_m / 1e3,
                "inclination_deg": math.degrees(self.inclination_rad),
                "propellant_left_kg": self.propellant_left_kg, "losses": self.losses.to_dict(),
                "stages": [s.to_dict() for s in self.stages], "t_fairing_s": self.t_fairing_s,
                "t_max_q_s": self.t_max_q_s, "max_q_kpa": self.max_q_pa / 1e3,
                "liftoff_mass_kg": self.liftoff_mass_kg}


def simulate_ascent(vehicle: Vehicle, payload_kg: float, site: Site | str, target: TargetOrbit,
                    guidance: Guidance = Guidance(), *, reserve_kg: float = 0.0, booster_reserve_kg: float = 0.0,
                    recovering: bool = False, southerly: bool = False, dt: float = 1.0, j2: bool = False,
                    record: bool = True) -> AscentResult:
    """Fly ``vehicle`` with ``payload_kg`` from ``site`` towards ``target`` under ``guidance``.

    The last stage cuts off when the specific orbital energy equals the target's (single burn) or that of a
    circular parking orbit at the target perigee (two burns); it then coasts to the next equator crossing and
    flies a second burn to the target energy, pitched so that the final perigee is the target's (the parking
    orbit coast and perigee burn of real GTO flights).  Perigee, apogee and inclination are then those of the
    final orbit.
    """
    site = load_site(site)
    if payload_kg < 0 or not math.isfinite(payload_kg):
        raise InputError("payload_kg", f"got {payload_kg:g}", ">= 0")
    az = launch_azimuth(target.inclination_rad, math.radians(site.geocentric_latitude_deg), southerly)
    phases = build_phases(vehicle, reserve_kg, recovering, booster_reserve_kg)
    y0 = initial_state(site, payload_kg, vehicle, recovering)
    n = plane_normal(site, az)
    t_up = sum(p.propellant_kg / p.mdot for p in phases if p.mode == 1) or 1.0
    t_vert = guidance.t_vert_s
    if t_vert is None:
        tw = vehicle.liftoff_thrust_n() / (y0[6] * 9.80665)
        if tw <= 1.0:
            raise ImpossibleOrbitError("payload_kg", f"liftoff thrust-to-weight {tw:.2f} <= 1: the vehicle cannot lift "
                                       f"{payload_kg:.0f} kg off the pad", "thrust-to-weight > 1")
        t_vert = min(max(40.0 / (9.80665 * (tw - 1.0)), 5.0), 40.0)
    gp = np.array([t_vert, guidance.t_kick_s, math.radians(guidance.kick_deg),
                   math.radians(guidance.theta0_deg), math.radians(guidance.theta1_deg), 0.0, t_up,
                   math.cos(target.inclination_rad), EARTH_GM, 0.0])  # gp[9]: second-burn pitch (set in fly)
    mu = EARTH_GM
    if target.two_burn:
        e1, e2 = -mu / (2 * target.rp), -mu / (target.rp + target.ra)
    else:
        e1, e2 = -mu / (target.rp + target.ra), math.nan
    arr = lambda attr: np.array([getattr(p, attr) for p in phases], dtype=float)  # noqa: E731
    rec = np.zeros((4000 if record else 0, K.NREC))
    y, status, ev, nrec, ycut, ystage = K.fly(
        y0, n, arr("thrust_vac_n"), arr("exit_area_m2"), arr("mdot"), arr("propellant_kg"), arr("drop_kg"),
        arr("coast_s"), np.array([p.mode for p in phases], dtype=np.int64), arr("throttle_min"),
        vehicle.fairing_mass_kg, vehicle.fairing_altitude_m, vehicle.fairing_heat_flux_w_m2,
        vehicle.reference_area_m2, np.array(vehicle.cd_mach), np.array(vehicle.cd), vehicle.q_limit_pa,
        vehicle.accel_limit_g * 9.80665, gp, e1, e2, dt, mu, EARTH_RADIUS, EARTH_J2 if j2 else 0.0,
        EARTH_ROTATION_RATE, rec, y0[:3] / np.linalg.norm(y0[:3]), target.rp if target.two_burn else math.nan)
    nph = len(phases)
    events = tuple(StageEvent(p.name, *ev[i]) for i, p in enumerate(phases))
    left = float(ev[nph - 1, 6])
    if status == K.STATUS_DEPLETED:
        # equivalent shortfall: propellant the last stage would still need to reach the target energy
        target_e = e2 if target.two_burn else e1
        v = float(np.linalg.norm(y[3:6]))
        en = 0.5 * v * v - mu / float(np.linalg.norm(y[:3]))
        dv_short = max(target_e - en, 0.0) / max(v, 1.0)
        last = phases[-1]
        isp_g0 = last.thrust_vac_n / last.mdot
        left = -float(y[6]) * math.expm1(dv_short / isp_g0)
    elif status != K.STATUS_OK:
        left = -1.0e6
    ycut_use = ycut if np.all(np.isfinite(ycut)) else y
    rp, ra, inc = orbit_of(ycut_use[:3], ycut_use[3:6])
    if target.two_burn and status in (K.STATUS_OK, K.STATUS_DEPLETED):
        rp, ra, inc = orbit_of(y[:3], y[3:6])  # the orbit the second burn leaves, not the parking orbit
    losses = Losses(float(y[7]), float(y[8]), float(y[9]), float(y[10]), float(y[11]))
    burnt = sum(p.propellant_kg for p in phases[:-1]) + (phases[-1].propellant_kg - max(float(ev[nph - 1, 6]), 0.0))
    jett = float(sum(p.drop_kg for p in phases)) + (vehicle.fairing_mass_kg if ev[nph, 3] == 0.0 else 0.0)
    return AscentResult(vehicle.name, float(payload_kg), int(status), events, losses, y, ycut_use,
                        rp - EARTH_RADIUS, ra - EARTH_RADIUS, inc, left, float(ev[nph, 0]), float(ev[nph, 1]),
                        float(ev[nph, 2]), rec[:nrec].copy(), float(y0[6]), jett, float(burnt), ystage)
