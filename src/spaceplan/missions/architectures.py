"""The same landed payload on Mars three ways: Starship refilled chemically, an NTP stage (DRA 5.0), and the
"hybrid" of a nuclear-electric tug hauling cargo to Mars orbit while Starships carry the crew fast.

* **Starship (chemical)**: ships of :func:`spaceplan.missions.starship_mars.evaluate`, each landing the most its
  full tanks allow at the window's optimum (capped by the preset); launches = ships x (1 + tankers); IMLEO = ships x
  (dry + payload + loaded propellant); crew transit = the window's minimum-C3 flight time.
* **NTP (DRA 5.0)**: the NERVA-derived stage of ``propulsion`` (``ntp-dra5``: tanks scale with the hydrogen load,
  ``tank_fraction``) pushes landers to a 500 km Mars orbit (:func:`spaceplan.propulsion.compare.impulsive_option`,
  departure and capture impulses at the window's C3 and arrival v-infinity); each lander lands
  ``LANDED_FRACTION`` of its mass in orbit (DRA 5.0 cargo lander: ~40 t landed of ~103 t in Mars orbit,
  NASA-SP-2009-566-ADD; assumption rounded from it); crew transit 180 days (DRA 5.0).
* **NEP hybrid**: TEM/Zeus-class tugs (``propulsion`` presets) each haul ``TUG_CARGO_KG`` of lander to a 500 km Mars
  orbit (:func:`_tug`: numerical spirals out and in, an Edelbaum heliocentric leg; computed once per tug, then
  multiplied by the tug count; not tied to a window: a tug departs when it is ready); the crew flies a Starship on a fast transfer
  (``crew_tof_days``; default the fastest transit whose Mars entry stays within the heat shield's speed and that
  still lands the crew's ``crew_payload_kg``).

Launches for NTP and NEP use the heavy launcher's LEO payload (``launcher``); crew dose for a conjunction-class trip
(deep space out, ``stay_days`` on the surface, deep space back at the same transit) from
:func:`spaceplan.radiation.mission_dose`.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from spaceplan.core.constants import DAY, EARTH_RADIUS, MARS
from spaceplan.core.errors import InfeasibleError, require_positive
from spaceplan.missions.ships import load_ship
from spaceplan.missions.starship_mars import evaluate, injection_dv, window

LANDED_FRACTION = 0.39  # DRA 5.0 cargo lander (assumption rounded from NASA-SP-2009-566-ADD)
TUG_CARGO_KG = 20_000.0  # assumption: one Zeus-class tug's cargo (the propulsion study's 20 t case)
DRA5_CREW_TOF_DAYS = 180.0  # DRA 5.0 crew transit (NASA-SP-2009-566)
MARS_ORBIT_ALT_M = 500e3


@dataclass(frozen=True)
class Alternative:
    name: str
    feasible: bool
    launches: int
    imleo_kg: float
    cargo_trip_days: float
    crew_transit_days: float
    crew_dose_msv: float
    note: str

    def to_dict(self) -> dict:
        return {"name": self.name, "feasible": self.feasible, "launches": self.launches,
                "imleo_t": self.imleo_kg / 1e3, "cargo_trip_days": self.cargo_trip_days,
                "crew_transit_days": self.crew_transit_days, "crew_dose_msv": self.crew_dose_msv, "note": self.note}


@dataclass(frozen=True)
class Alternatives:
    year: int
    landed_kg: float
    options: tuple[Alternative, ...]
    assumptions: dict
    warnings: tuple = ()  # of the Starship evaluations behind the options (ship, entry, campaign)

    def to_dict(self) -> dict:
        return {"year": self.year, "landed_t": self.landed_kg / 1e3, "options": [o.to_dict() for o in self.options],
                "assumptions": self.assumptions, "warnings": list(self.warnings)}


def _dose_msv(transit_days: float, stay_days: float, shielding: float) -> float:
    from spaceplan.radiation import Phase, mission_dose

    d = mission_dose([Phase("deep_space", transit_days * DAY), Phase("mars_surface", stay_days * DAY),
                      Phase("deep_space", transit_days * DAY)], shielding_gcm2=shielding)
    return float(d.total_sv) * 1e3


@dataclass(frozen=True)
class Tug:
    """One NEP tug hauling ``TUG_CARGO_KG`` from 800 km around the Earth to a 500 km Mars orbit (SI)."""

    name: str
    imleo_kg: float
    propellant_kg: float
    trip_time_s: float
    dv_m_s: float


@functools.lru_cache(maxsize=8)
def _tug(nep: str) -> Tug:
    """Escape spiral (numerical, :func:`spaceplan.propulsion.spiral.spiral_escape`), an Edelbaum heliocentric
    transfer between the mean circular orbits of Earth and Mars with Mars' 1.85 deg inclination
    (:func:`spaceplan.propulsion.edelbaum.edelbaum`, constant acceleration at the mean mass), and a numerical capture
    spiral; the xenon load and tanks (``tankage_fraction``) iterated to a fixed point.  A cheaper stand-in for the
    Sims-Flanagan leg of :func:`spaceplan.propulsion.compare.nep_mars` (minutes per window on this machine)."""
    from spaceplan.core.constants import AU, SUN
    from spaceplan.propulsion.edelbaum import edelbaum
    from spaceplan.propulsion.presets import NEPVehicle, load_vehicle
    from spaceplan.propulsion.spiral import spiral_capture, spiral_escape

    v = load_vehicle(nep)
    if not isinstance(v, NEPVehicle):
        raise InfeasibleError(f"{nep} is not a nuclear-electric tug")
    c, thrust = v.exhaust_speed_m_s, v.thrust_n
    prop = 10_000.0
    for _ in range(30):
        m_final = v.dry_mass_kg + prop * v.tankage_fraction + TUG_CARGO_KG
        cap = spiral_capture("mars", MARS.radius + MARS_ORBIT_ALT_M, thrust, c, m_final)
        # heliocentric leg: backwards from the capture's start mass
        m_arr = cap.mass_start_kg
        helio = edelbaum(AU, 1.523679 * AU, math.radians(1.85), thrust / m_arr, SUN.gm)
        m_dep = m_arr * math.exp(float(helio.dv_m_s) / c)
        esc = spiral_escape("earth", EARTH_RADIUS + 800e3, thrust, c, m_dep * 1.0)
        # the escape spiral starts heavier than m_dep by its own propellant
        m0 = m_dep + esc.propellant_kg
        new = m0 - m_final
        if abs(new - prop) < 1.0:
            prop = new
            break
        prop = new
    else:
        raise InfeasibleError(f"{v.name}: the xenon load does not converge (tanks too heavy)")
    m0 = v.dry_mass_kg + prop * (1 + v.tankage_fraction) + TUG_CARGO_KG
    t = esc.time_s + (m_dep - m_arr) * c / thrust + cap.time_s
    return Tug(v.name, m0, prop, t, esc.dv_m_s + float(helio.dv_m_s) + cap.dv_m_s)


def alternatives(year: int, landed_kg: float, *, ship="block2-cargo", crew_ship="block2-crew", ntp="ntp-dra5",
                 nep="zeus", launcher="starship", crew_tof_days: float | None = None, crew_payload_kg: float = 20e3,
                 stay_days: float = 500.0, shielding_gcm2: float = 20.0, tanker_delivery_kg: float | None = None,
                 crew_tanker_delivery_kg: float | None = None, with_nep: bool = True, **kw) -> Alternatives:
    """The alternatives table for landing ``landed_kg`` in the ``year`` window (see the module docstring).

    The crew ship of the hybrid is refilled by its own generation's tankers: ``crew_tanker_delivery_kg``, else
    ``tanker_delivery_kg`` when the two ships share a tanker preset (or the load was given), else the launch
    domain's ascent model for the crew ship's tanker preset."""
    from spaceplan.propulsion.compare import impulsive_option
    from spaceplan.propulsion.presets import load_launcher, load_vehicle

    require_positive("--landed", landed_kg, unit="kg")
    best = window(year).best
    opts = []
    # Starship, refilled chemically
    one = evaluate(ship, year=year, payload_kg=None, tanker_delivery_kg=tanker_delivery_kg, with_return=False, **kw)
    warns = list(one.warnings)
    per_ship = one.payload_kg
    if per_ship <= 0:
        opts.append(Alternative("Starship (refilled)", False, 0, math.nan, one.tof_days, one.tof_days, math.nan,
                                "a full ship lands nothing in this window"))
    else:
        n = math.ceil(landed_kg / per_ship - 1e-9)
        arch = evaluate(ship, year=year, payload_kg=landed_kg / n, tanker_delivery_kg=one.tanker_delivery_kg,
                        with_return=False, **kw)
        imleo = n * (arch.ship.dry_mass_kg + arch.payload_kg + arch.campaign.loaded_kg)
        opts.append(Alternative("Starship (refilled)", True, n * arch.campaign.launches, imleo, arch.tof_days,
                                arch.tof_days, _dose_msv(arch.tof_days, stay_days, shielding_gcm2),
                                f"{n} ship{'s' if n > 1 else ''} x {arch.payload_kg / 1e3:.0f} t, {arch.campaign.tankers} tankers each"))
    lv = load_launcher(launcher)
    in_orbit = landed_kg / LANDED_FRACTION
    dv1 = float(injection_dv(best.c3, 400e3))
    dv2 = float(injection_dv(best.vinf_arrival ** 2, MARS_ORBIT_ALT_M, MARS.gm, MARS.radius))
    try:
        o = impulsive_option(load_vehicle(ntp), in_orbit, dv1, dv2, best.tof, [lv])
        opts.append(Alternative("NTP stage (DRA 5.0)", True, int(sum(o.launches.values())), o.imleo_kg,
                                o.trip_time_s / DAY, DRA5_CREW_TOF_DAYS,
                                _dose_msv(DRA5_CREW_TOF_DAYS, stay_days, shielding_gcm2),
                                f"{in_orbit / 1e3:.0f} t of landers to a 500 km orbit ({LANDED_FRACTION:.0%} lands); "
                                f"{o.note}"))
    except InfeasibleError as exc:
        opts.append(Alternative("NTP stage (DRA 5.0)", False, 0, math.nan, math.nan, DRA5_CREW_TOF_DAYS, math.nan,
                                str(exc)))
    if with_nep:
        try:
            tug = _tug(nep)
            crew_load = crew_tanker_delivery_kg
            if crew_load is None:
                if tanker_delivery_kg is not None or load_ship(crew_ship).tanker == one.ship.tanker:
                    crew_load = one.tanker_delivery_kg
                else:
                    from spaceplan.missions.tanker import tanker_load

                    crew_load = tanker_load(load_ship(crew_ship).tanker).delivered_kg
            if crew_tof_days is None:  # the fastest transit the heat shield allows that still lands the crew
                from spaceplan.missions.starship_mars import fast_transfers

                ok = [r for r in fast_transfers(crew_ship, year, tanker_delivery_kg=crew_load)
                      if r["feasible"] and r["landed_payload_t"] * 1e3 >= crew_payload_kg]
                crew_tof_days = min(r["tof_days"] for r in ok) if ok else best.tof / DAY
            n_tugs = math.ceil(in_orbit / TUG_CARGO_KG - 1e-9)
            crew = evaluate(crew_ship, year=year, payload_kg=crew_payload_kg, tof_days=crew_tof_days,
                            tanker_delivery_kg=crew_load, with_return=False, **kw)
            warns += [w for w in crew.warnings if w not in warns]
            launches = n_tugs * int(math.ceil(tug.imleo_kg / lv.leo_payload_kg - 1e-9)) + crew.campaign.launches
            opts.append(Alternative(f"NEP tug ({nep}) cargo + Starship crew", True, launches,
                                    n_tugs * tug.imleo_kg + crew.ship.dry_mass_kg + crew_payload_kg
                                    + crew.campaign.loaded_kg, tug.trip_time_s / DAY, crew.tof_days,
                                    _dose_msv(crew.tof_days, stay_days, shielding_gcm2),
                                    f"{n_tugs} tugs x {TUG_CARGO_KG / 1e3:.0f} t of landers; crew Starship "
                                    f"{crew.tof_days:.0f} d with {crew.campaign.tankers} tankers"))
        except InfeasibleError as exc:
            opts.append(Alternative(f"NEP tug ({nep}) cargo + Starship crew", False, 0, math.nan, math.nan,
                                    crew_tof_days, math.nan, str(exc)))
    return Alternatives(int(year), float(landed_kg), tuple(opts),
                        {"landed_fraction_from_orbit": LANDED_FRACTION, "tug_cargo_t": TUG_CARGO_KG / 1e3,
                         "stay_days": stay_days, "shielding_gcm2": shielding_gcm2, "launcher": lv.name,
                         "launcher_leo_t": lv.leo_payload_kg / 1e3, "crew_tof_days_hybrid": crew_tof_days},
                        tuple(warns))
