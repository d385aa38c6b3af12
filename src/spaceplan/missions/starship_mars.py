"""Starship to Mars, end to end: refilling in LEO, trans-Mars injection, entry, landing, return propellant.

Composition (each step a public function of its domain):

1. **Departure**: the minimum-C3 ballistic transfer of the window (:func:`spaceplan.interplanetary.find_opportunities`,
   DE421 + Lambert; or a chosen departure date and flight time through :func:`spaceplan.interplanetary.transfer`).
   The injection from a circular refilling orbit of radius r is one impulse, dv = sqrt(C3 + 2 mu/r) - sqrt(mu/r)
   (no gravity loss: a refilled ship has thrust-to-weight ~1 g, the loss is a few tens of m/s).
2. **Mass budget**, backwards from the landed mass m_L = dry + payload with K = exp(dv_land / c_land)
   exp((dv_TMI + dv_margin) / c): propellant in LEO = m_L (K - 1); the payload a full ship lands is
   capacity / (K - 1) - dry (capped by the preset's payload).  ``dv_margin`` covers course corrections and entry
   targeting (assumption, 100 m/s).
3. **Refilling**: :func:`spaceplan.missions.refilling.campaign` with the tanker load the launch domain's ascent
   model gives for the tanker configuration (:func:`spaceplan.missions.tanker.tanker_load`).
4. **Entry**: direct entry at the arrival v-infinity (no aerocapture; SpaceX's plan) through the exponential Mars
   atmosphere, lifting body with the preset's L/D and ballistic coefficient (:mod:`spaceplan.missions.mars_entry`),
   flown with the equilibrium-glide guidance of :func:`~spaceplan.missions.mars_entry.fly_entry` down to
   ``HANDOVER_ALTITUDE_M``.
5. **Landing**: below ``HANDOVER_ALTITUDE_M`` the ship flies on without lift (drag with its ballistic coefficient,
   gravity) and lights its sea-level Raptors at 90 % thrust against its velocity (gravity turn) at the latest
   altitude from which that stops it at the ground (:func:`landing_dv`).  On Mars drag still matters during the
   burn (terminal speed ~0.5 km/s at the surface for these ballistic coefficients), which the convex guidance of
   :mod:`spaceplan.launch.landing` leaves out, so it is not used here: that problem was infeasible from the
   hand-over state without drag.
6. **Return** (ISRU): from the surface, ascent to a 250 km orbit (``MARS_ASCENT_DV``, assumption: 3.6 km/s orbital
   speed less 0.24 km/s rotation plus ~0.6 km/s of losses) and trans-Earth injection at the v-infinity of the next
   Mars-Earth opportunity, with the crew's payload and an Earth landing reserve on board: the propellant the ISRU
   plant must make over the surface stay is an output.  Crewed trips get their dose from
   :func:`spaceplan.radiation.mission_dose` (deep space, Mars surface, deep space).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np

from spaceplan.core.constants import DAY, EARTH, G0, MARS
from spaceplan.core.errors import InfeasibleError, InputError, require_range
from spaceplan.missions import refilling
from spaceplan.missions.mars_entry import EntryResult, EntryVehicle, entry_speed, fly_entry
from spaceplan.missions.ships import Ship, load_ship

DV_MARGIN_M_S = 100.0  # assumption: course corrections and entry targeting
MARS_ASCENT_DV = 4_000.0  # assumption: Mars surface to a 250 km orbit, losses included
MARS_PARKING_ALT_M = 250e3
EARTH_LANDING_RESERVE_KG = 30_000.0  # assumption: as the tankers' landing reserve
MARS_GRAVITY = MARS.gm / MARS.radius ** 2
DEFAULT_ENTRY_FPA_DEG = -12.0  # assumption: inside the corridor of the bundled ships at 6-7.5 km/s
HANDOVER_ALTITUDE_M = 40_000.0  # the lifting entry hands over to the vertical fall + landing burn here


def _utc(tdb: float) -> str:
    from spaceplan.core.time import tdb_to_iso

    return str(tdb_to_iso(tdb, "D"))[:10]


def injection_dv(c3_m2s2, orbit_alt_m: float = 200e3, mu: float = EARTH.gm, radius: float = EARTH.radius):
    """Impulse (m/s) from a circular orbit to a hyperbola of energy C3 (vectorised): the interplanetary domain's
    :func:`~spaceplan.interplanetary.hyperbolic_burn` at v_inf = sqrt(C3)."""
    from spaceplan.interplanetary import hyperbolic_burn

    return hyperbolic_burn(np.sqrt(np.asarray(c3_m2s2, float)), mu, radius + orbit_alt_m)


@functools.lru_cache(maxsize=64)
def window(year: int, departure_body: str = "earth", arrival_body: str = "mars"):
    """The opportunity departing in ``year`` (:func:`spaceplan.interplanetary.find_opportunities`, cached)."""
    from spaceplan.interplanetary import find_opportunities

    search = find_opportunities(departure_body, arrival_body, int(year), int(year))
    if not search.opportunities:
        raise InputError("--year", f"no {departure_body}-{arrival_body} opportunity departs in {year}",
                         "a year with a Mars window (2026, 2028 (to early 2029), 2031, 2033, 2035 ...)")
    return search.opportunities[-1]


@functools.lru_cache(maxsize=16)
def _return_opportunities(year: int):
    """Mars-Earth opportunities departing from ``year`` to three years later (one search per year, cached: every
    arrival date of a sweep in the same year shares it)."""
    from spaceplan.interplanetary import find_opportunities

    return tuple(opp.best for opp in find_opportunities("mars", "earth", year, min(year + 3, 2049)).opportunities)


@functools.lru_cache(maxsize=64)
def next_return(after_tdb: float, min_stay_days: float = 30.0):
    """The first Mars-Earth opportunity whose minimum-C3 departure is ``min_stay_days`` after ``after_tdb``."""
    from spaceplan.core.time import tdb_to_datetime64

    year = int(str(tdb_to_datetime64(after_tdb))[:4])
    for best in _return_opportunities(year):
        if best.departure_tdb >= after_tdb + min_stay_days * DAY:
            return best
    raise InfeasibleError(f"no Mars-Earth opportunity within 3 years after {_utc(after_tdb)}")


def _descend(m0, v0, gam0, h0, h_ignite, thrust, c_land, beta0, dt=0.1):
    """Planar descent from (v0, flight path gam0 < 0, h0) without lift: drag and gravity, plus ``thrust`` against the
    velocity (a gravity turn) once below ``h_ignite``.  Returns (altitude where the ship has stopped (< 5 m/s), or
    minus the speed left at the ground, or at the 50-minute limit when it never comes down; mass).  Compiled:
    :func:`spaceplan.missions.descent_kernel.descend`."""
    from spaceplan.missions.descent_kernel import descend
    from spaceplan.missions.mars_entry import RHO0_KG_M3, SCALE_HEIGHT_M

    h, m = descend(float(m0), float(v0), float(gam0), float(h0), float(h_ignite), float(thrust), float(c_land),
                   float(beta0), float(dt), MARS.gm, MARS.radius, RHO0_KG_M3, SCALE_HEIGHT_M)
    return float(h), float(m)


@functools.lru_cache(maxsize=512)
def _landing(m0: float, v0: float, gam0: float, h0: float, thrust: float, c_land: float,
             beta: float) -> tuple[float, float]:
    top, _ = _descend(m0, v0, gam0, h0, h0, thrust, c_land, beta)
    if top < 0.0:
        raise InfeasibleError(f"infeasible: the landing engines ({thrust / 1e6:.1f} MN) cannot stop "
                              f"{m0 / 1e3:.0f} t flying at {v0:.0f} m/s from {h0 / 1e3:.1f} km")
    lo, hi = 0.0, h0
    for _ in range(40):  # bisection on the ignition altitude: stop at the ground
        mid = 0.5 * (lo + hi)
        end, _ = _descend(m0, v0, gam0, h0, mid, thrust, c_land, beta)
        if end < 0.0:
            lo = mid
        else:
            hi = mid
        if hi - lo < 2.0:
            break
    _, m1 = _descend(m0, v0, gam0, h0, hi, thrust, c_land, beta)
    return c_land * math.log(m0 / m1), hi


def landing_dv(ship: Ship, mass_kg: float, speed_m_s: float, flight_path_deg: float,
               altitude_m: float) -> tuple[float, float]:
    """(delta-v m/s, ignition altitude m) of the landing burn from the end of the entry: without lift, the ship flies
    on with drag (its ballistic coefficient) and gravity, then burns against its velocity (gravity turn) at 90 % of
    its landing engines' thrust from the latest altitude at which that stops it at the ground (bisection): the
    supersonic retropropulsion of a heavy Mars lander, drag included.  Inputs rounded for the cache."""
    m = round(mass_kg, -1)
    return _landing(m, round(speed_m_s), round(min(flight_path_deg, -0.1), 1) * math.pi / 180.0,
                    round(altitude_m, -1), 0.9 * ship.landing_engines * ship.engine_thrust_n, ship.isp_landing_s * G0,
                    ship.ballistic_coefficient(m))


@dataclass(frozen=True)
class Return:
    """The trip home from the Mars surface and what the ISRU plant must make for it (SI)."""

    departure_tdb: float
    arrival_tdb: float
    vinf_mars_m_s: float
    vinf_earth_m_s: float
    ascent_dv_m_s: float
    tei_dv_m_s: float
    propellant_kg: float
    stay_days: float
    fits_tanks: bool

    @property
    def isru_rate_kg_per_day(self) -> float:
        return self.propellant_kg / max(self.stay_days, 1.0)

    def to_dict(self) -> dict:
        # CH4/O2 at Raptor's mixture ratio 3.6 (by mass): 1 / 4.6 methane, 3.6 / 4.6 oxygen
        return {"mars_departure_utc": _utc(self.departure_tdb), "earth_arrival_utc": _utc(self.arrival_tdb),
                "vinf_mars_kms": self.vinf_mars_m_s / 1e3, "vinf_earth_kms": self.vinf_earth_m_s / 1e3,
                "ascent_dv_kms": self.ascent_dv_m_s / 1e3, "tei_dv_kms": self.tei_dv_m_s / 1e3,
                "isru_propellant_t": self.propellant_kg / 1e3, "isru_ch4_t": self.propellant_kg / 4.6 / 1e3,
                "isru_o2_t": self.propellant_kg * 3.6 / 4.6 / 1e3, "stay_days": self.stay_days,
                "isru_rate_t_per_day": self.isru_rate_kg_per_day / 1e3, "fits_tanks": self.fits_tanks}


@dataclass(frozen=True)
class Architecture:
    """One Starship flight to Mars: departure, refilling, entry, landing, return (SI inside, display units out)."""

    ship: Ship
    payload_kg: float  # landed payload (requested, or the most the tankers allow)
    departure_tdb: float
    arrival_tdb: float
    transfer_type: str
    c3_m2s2: float
    dla_rad: float
    vinf_arrival_m_s: float
    tmi_dv_m_s: float
    landing_dv_m_s: float
    propellant_needed_kg: float
    max_payload_kg: float  # with full tanks (capped by the preset)
    campaign: refilling.Campaign
    entry: EntryResult
    return_trip: Return | None
    dose: object | None  # spaceplan.radiation.MissionDose for crewed ships
    feasible: bool
    verdict: str
    tanker_delivery_kg: float
    warnings: tuple = ()
    assumptions: dict = field(default_factory=dict)

    @property
    def tof_days(self) -> float:
        return (self.arrival_tdb - self.departure_tdb) / DAY

    def to_dict(self) -> dict:
        return {
            "ship": self.ship.to_dict(), "feasible": self.feasible, "verdict": self.verdict,
            "landed_payload_t": self.payload_kg / 1e3, "max_payload_full_tanks_t": self.max_payload_kg / 1e3,
            "departure": {"departure_utc": _utc(self.departure_tdb), "arrival_utc": _utc(self.arrival_tdb),
                          "type": self.transfer_type, "tof_days": self.tof_days, "c3_km2s2": self.c3_m2s2 / 1e6,
                          "dla_deg": math.degrees(self.dla_rad), "vinf_arrival_kms": self.vinf_arrival_m_s / 1e3,
                          "tmi_dv_kms": self.tmi_dv_m_s / 1e3},
            "propellant_needed_t": self.propellant_needed_kg / 1e3, "tanker_delivery_t": self.tanker_delivery_kg / 1e3,
            "campaign": self.campaign.to_dict(),
            "first_launch_utc": _utc(self.departure_tdb - self.campaign.duration_days * DAY),
            "entry": self.entry.to_dict(), "landing_dv_kms": self.landing_dv_m_s / 1e3,
            "return": None if self.return_trip is None else self.return_trip.to_dict(),
            "dose": None if self.dose is None else self.dose.to_dict(),
            "warnings": list(self.warnings), "assumptions": self.assumptions,
        }


def _entry_vehicle(ship: Ship, mass_kg: float) -> EntryVehicle:
    return EntryVehicle(ship.name, mass_kg, ship.ballistic_coefficient(mass_kg), ship.lift_to_drag,
                        ship.nose_radius_m)


def evaluate(ship: Ship | str = "block2-cargo", *, year: int = 2026, payload_kg: float | None = 100e3,
             tankers: int | None = None, departure_tdb: float | None = None, tof_days: float | None = None,
             cadence_per_day: float = 2.0 / 7.0, boiloff_per_day: float = 0.001, transfer_loss: float = 0.02,
             orbit_alt_m: float = 200e3, entry_fpa_deg: float = DEFAULT_ENTRY_FPA_DEG,
             tanker_delivery_kg: float | None = None, shielding_gcm2: float = 20.0, with_return: bool = True,
             depot: bool = False) -> Architecture:
    """One Starship flight to Mars (see the module docstring).  ``payload_kg`` None: the most the tankers (or full
    tanks) allow; ``tankers`` None: the least that carries ``payload_kg``.  ``tanker_delivery_kg`` None: the launch
    domain's ascent model for the ship's tanker preset (~30 s the first time, then cached)."""
    from spaceplan.interplanetary import transfer

    ship = load_ship(ship)
    if payload_kg is not None:
        if not math.isfinite(payload_kg) or not 0 <= payload_kg <= ship.max_payload_kg:
            raise InputError("--payload", f"got {payload_kg / 1e3:g} t (above what {ship.name} carries)"
                             if payload_kg > ship.max_payload_kg else f"got {payload_kg / 1e3:g} t",
                             f"0 to {ship.max_payload_kg / 1e3:g} t")
    require_range("--boiloff", boiloff_per_day, 0.0, 0.999999, unit="/day")
    if tanker_delivery_kg is None:
        from spaceplan.missions.tanker import tanker_load

        tanker_delivery_kg = tanker_load(ship.tanker).delivered_kg
    opp = window(year)
    best = opp.best
    if departure_tdb is None and tof_days is None:
        point = best
    else:
        dep = best.departure_tdb if departure_tdb is None else float(departure_tdb)
        tof = best.tof / DAY if tof_days is None else float(tof_days)
        require_range("--tof", tof, 60.0, 500.0, unit="days")
        if abs(dep - best.departure_tdb) > 120 * DAY:
            raise InputError("--departure", f"{_utc(dep)} is {abs(dep - best.departure_tdb) / DAY:.0f} days from the "
                             f"{year} window's optimum {_utc(best.departure_tdb)}", "within 120 days of it")
        point = transfer("earth", "mars", dep, dep + tof * DAY)
    tmi = float(injection_dv(point.c3, orbit_alt_m))
    v_entry = entry_speed(point.vinf_arrival)
    c, c_land = ship.exhaust_speed_m_s, ship.isp_landing_s * G0
    # entry and landing at the preset payload's mass, then one refinement at the actual mass
    m_land_guess = ship.dry_mass_kg + (ship.max_payload_kg if payload_kg is None else payload_kg)
    dv_land = 500.0
    for _ in range(2):
        m_entry = m_land_guess * math.exp(dv_land / c_land)
        ent = fly_entry(_entry_vehicle(ship, m_entry), v_entry, entry_fpa_deg, end_altitude_m=HANDOVER_ALTITUDE_M,
                        glide=True)
        if not ent.captured:
            raise InfeasibleError(f"infeasible: {ship.name} skips out of the Mars atmosphere at "
                                  f"{entry_fpa_deg:g} deg and {v_entry / 1e3:.2f} km/s (steepen --entry-angle)")
        dv_land, ignition_m = landing_dv(ship, m_entry, ent.end_speed_m_s, ent.end_flight_path_deg,
                                         ent.end_altitude_m)
    k = math.exp(dv_land / c_land) * math.exp((tmi + DV_MARGIN_M_S) / c)
    full_payload = ship.propellant_capacity_kg / (k - 1.0) - ship.dry_mass_kg
    max_payload = min(full_payload, ship.max_payload_kg)
    warnings = list(ship.warnings) + list(ent.warnings)
    if ent.peak_deceleration_g > ship.max_deceleration_g:
        warnings.append({"code": "deceleration", "field": "entry_fpa_deg",
                         "message": f"peak deceleration {ent.peak_deceleration_g:.1f} g above the ship's "
                                    f"{ship.max_deceleration_g:g} g limit"})
    if v_entry > ship.max_entry_speed_m_s > 0:
        warnings.append({"code": "entry_speed", "field": "tof_days",
                         "message": f"entry at {v_entry / 1e3:.2f} km/s above the {ship.max_entry_speed_m_s / 1e3:g} "
                                    "km/s the heat shield is stated for"})
    if tankers is not None:
        camp = refilling.campaign(0.0, tanker_delivery_kg, cadence_per_day=cadence_per_day,
                                  boiloff_per_day=boiloff_per_day, transfer_loss=transfer_loss, tankers=tankers,
                                  depot=depot)
        loaded = min(camp.loaded_kg, ship.propellant_capacity_kg)
        can_land = loaded / (k - 1.0) - ship.dry_mass_kg
        if payload_kg is None:
            payload_kg = max(min(can_land, ship.max_payload_kg), 0.0)
        feasible = can_land >= payload_kg and can_land > 0
    if payload_kg is None:
        payload_kg = max(max_payload, 0.0)
    if payload_kg > ship.max_payload_kg:
        raise InputError("--payload", f"{payload_kg / 1e3:g} t is above what {ship.name} carries",
                         f"0 to {ship.max_payload_kg / 1e3:g} t")
    need = (ship.dry_mass_kg + payload_kg) * (k - 1.0)
    if tankers is None:
        if need > ship.propellant_capacity_kg:
            raise InfeasibleError(
                f"infeasible: landing {payload_kg / 1e3:.0f} t from the {year} window needs {need / 1e3:.0f} t of "
                f"propellant in LEO, above the {ship.propellant_capacity_kg / 1e3:.0f} t tanks of {ship.name} "
                f"(at most {max(full_payload, 0) / 1e3:.0f} t landed with full tanks, C3 "
                f"{point.c3 / 1e6:.1f} km2/s2): no number of tankers helps")
        camp = refilling.campaign(need, tanker_delivery_kg, cadence_per_day=cadence_per_day,
                                  boiloff_per_day=boiloff_per_day, transfer_loss=transfer_loss, depot=depot)
        feasible = True
    warnings += list(camp.warnings)
    ret = _return(ship, point) if with_return else None
    if ret is not None and not ret.fits_tanks:
        warnings.append({"code": "return", "field": "variant",
                         "message": f"the return needs {ret.propellant_kg / 1e3:.0f} t, above the tanks"})
    dose = None
    if ship.crew > 0:
        from spaceplan.radiation import Phase, mission_dose

        phases = [Phase("deep_space", point.tof, point.departure_tdb, "Earth -> Mars")]
        if ret is not None:
            phases += [Phase("mars_surface", ret.departure_tdb - point.arrival_tdb, point.arrival_tdb, "at Mars"),
                       Phase("deep_space", ret.arrival_tdb - ret.departure_tdb, ret.departure_tdb, "Mars -> Earth")]
        dose = mission_dose(phases, shielding_gcm2=shielding_gcm2)
    verdict = (f"{ship.name} lands {payload_kg / 1e3:.0f} t from the {year} window with {camp.tankers} tanker "
               f"flights of {tanker_delivery_kg / 1e3:.0f} t ({camp.launches} launches over {camp.duration_days:.0f} "
               f"days)" if feasible else
               f"infeasible: {camp.tankers} tankers load {camp.loaded_kg / 1e3:.0f} t, which lands at most "
               f"{max(can_land, 0) / 1e3:.0f} t, below the {payload_kg / 1e3:.0f} t asked")
    assumptions = {"dv_margin_m_s": DV_MARGIN_M_S, "mars_ascent_dv_m_s": MARS_ASCENT_DV,
                   "entry_fpa_deg": entry_fpa_deg, "handover_altitude_km": HANDOVER_ALTITUDE_M / 1e3,
                   "landing_ignition_km": ignition_m / 1e3,
                   "orbit_alt_km": orbit_alt_m / 1e3, "boiloff_percent_per_day": 100 * boiloff_per_day,
                   "transfer_loss_percent": 100 * transfer_loss, "cadence_per_week": 7 * cadence_per_day,
                   "shielding_gcm2": shielding_gcm2, "initial_propellant_in_leo_t": 0.0}
    return Architecture(ship, float(payload_kg), point.departure_tdb, point.arrival_tdb, point.transfer_type,
                        float(point.c3), float(point.dla), float(point.vinf_arrival), tmi, float(dv_land), float(need),
                        float(max_payload), camp, ent, ret, dose, bool(feasible), verdict, float(tanker_delivery_kg),
                        tuple(warnings), assumptions)


def _return(ship: Ship, outbound) -> Return:
    """Propellant for the trip home in the next Mars-Earth opportunity (see the module docstring, step 6)."""
    back = next_return(float(outbound.arrival_tdb))
    vinf_m = math.sqrt(back.c3)
    tei = float(injection_dv(back.c3, MARS_PARKING_ALT_M, MARS.gm, MARS.radius))
    m_end = ship.dry_mass_kg + ship.ascent_payload_kg + EARTH_LANDING_RESERVE_KG
    m0 = m_end * math.exp((MARS_ASCENT_DV + tei) / ship.exhaust_speed_m_s)
    prop = m0 - ship.dry_mass_kg - ship.ascent_payload_kg
    stay = (back.departure_tdb - outbound.arrival_tdb) / DAY
    return Return(float(back.departure_tdb), float(back.arrival_tdb), vinf_m, float(back.vinf_arrival),
                  MARS_ASCENT_DV, tei, float(prop), float(stay), bool(prop <= ship.propellant_capacity_kg))


def fast_transfers(ship: Ship | str = "block2-crew", year: int = 2026, tofs_days=None, *,
                   tanker_delivery_kg: float | None = None, shielding_gcm2: float = 20.0, **kw) -> list[dict]:
    """Transit time against propellant and dose at the window's optimum departure date: per flight time the C3,
    injection delta-v, the payload a full ship lands, the entry speed and the outbound crew dose; ``feasible`` when
    something lands and the entry speed is within the ship's heat-shield limit.  The landing burn is the one
    :func:`evaluate` computes at the window's optimum (faster entries would change it a little)."""
    from spaceplan.interplanetary import transfer
    from spaceplan.radiation import Phase, mission_dose

    ship = load_ship(ship)
    if tanker_delivery_kg is None:
        from spaceplan.missions.tanker import tanker_load

        tanker_delivery_kg = tanker_load(ship.tanker).delivered_kg
    best = window(year).best
    dv_land = evaluate(ship, year=year, payload_kg=None, tanker_delivery_kg=tanker_delivery_kg,
                       with_return=False).landing_dv_m_s
    tofs = np.arange(90.0, round(best.tof / DAY) + 1.0, 10.0) if tofs_days is None else np.asarray(tofs_days, float)
    c, c_land = ship.exhaust_speed_m_s, ship.isp_landing_s * G0
    rows = []
    for tof in tofs:
        try:
            p = transfer("earth", "mars", best.departure_tdb, best.departure_tdb + tof * DAY)
        except InputError:
            continue
        tmi = float(injection_dv(p.c3))
        k = math.exp(dv_land / c_land) * math.exp((tmi + DV_MARGIN_M_S) / c)
        landed = min(ship.propellant_capacity_kg / (k - 1.0) - ship.dry_mass_kg, ship.max_payload_kg)
        dose = mission_dose([Phase("deep_space", tof * DAY, best.departure_tdb)], shielding_gcm2=shielding_gcm2)
        v_entry = entry_speed(p.vinf_arrival)
        entry_ok = ship.max_entry_speed_m_s <= 0 or v_entry <= ship.max_entry_speed_m_s
        rows.append({"tof_days": float(tof), "c3_km2s2": p.c3 / 1e6, "tmi_dv_kms": tmi / 1e3,
                     "landed_payload_t": max(landed, 0.0) / 1e3, "feasible": bool(landed > 0 and entry_ok),
                     "entry_ok": bool(entry_ok), "entry_speed_kms": v_entry / 1e3,
                     "outbound_dose_msv": float(dose.total_sv) * 1e3})
    return rows


def evaluate_many(points, ship: Ship | str = "block2-cargo", year: int = 2026, **kw) -> list[dict]:
    """Evaluate a batch of (payload kg, tankers, departure offset days from the window's optimum) points; each row
    {payload_t, tankers, offset_days, feasible, landed_t, launches, c3_km2s2, error}.  Infeasible points are rows,
    not exceptions (a sweep must not stop on one).  Picklable inputs and outputs: for Dask or processes."""
    from spaceplan.core.errors import SpaceplanError

    best = window(year).best
    rows = []
    for payload_kg, tankers, offset_days in points:
        row = {"payload_t": payload_kg / 1e3, "tankers": int(tankers), "offset_days": float(offset_days),
               "feasible": False, "landed_t": 0.0, "launches": 0, "c3_km2s2": None, "error": ""}
        try:
            a = evaluate(ship, year=year, payload_kg=payload_kg, tankers=int(tankers),
                         departure_tdb=best.departure_tdb + offset_days * DAY, tof_days=best.tof / DAY, **kw)
            row.update(feasible=a.feasible, landed_t=a.payload_kg / 1e3 if a.feasible else 0.0,
                       launches=a.campaign.launches, c3_km2s2=a.c3_m2s2 / 1e6)
        except SpaceplanError as exc:
            row["error"] = str(exc)
        rows.append(row)
    return rows
