"""Starship HLS to the lunar surface: the same refilling model for an Artemis-style landing.

Profile (NASA's HLS concept of operations): the HLS ship and a propellant depot launch to LEO; tankers fill the
depot, the HLS takes the depot's load (a second transfer, with its own loss), leaves LEO for a near-rectilinear halo
orbit (NRHO), meets the crew there, lands, and returns the crew to NRHO.  Delta-v budget (assumptions with their
sources; no aerobraking, no lunar refuelling):

* LEO (200 km) -> trans-lunar injection: the impulse from the circular orbit to an ellipse reaching the Moon's
  distance (384,400 km), computed (~3.1 km/s);
* NRHO insertion ~0.45 km/s, NRHO <-> low lunar orbit ~0.73 km/s each way, low lunar orbit <-> surface ~1.9 km/s
  each way including gravity losses (Whitley & Martinez, "Options for staging orbits in cislunar space",
  IEEE Aerospace 2016, NTRS 20150019648, tables of transfer costs; assumptions rounded from them);
* 5 % margin on the surface legs (assumption).

The HLS descends with its crew payload and ascends with ``ascent_payload_kg``; everything else as
:mod:`spaceplan.missions.refilling` (boil-off, transfer losses, cadence).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spaceplan.core.constants import EARTH
from spaceplan.core.errors import InfeasibleError, InputError
from spaceplan.missions import refilling
from spaceplan.missions.ships import Ship, load_ship

MOON_DISTANCE_M = 384_400e3
NRHO_INSERTION_DV = 450.0  # Whitley & Martinez 2016 (rounded)
NRHO_LLO_DV = 730.0  # Whitley & Martinez 2016 (rounded), each way
LLO_SURFACE_DV = 1_900.0  # assumption: 1.7 km/s ideal + gravity losses, each way
SURFACE_MARGIN = 0.05


def tli_dv(orbit_alt_m: float = 200e3) -> float:
    """Impulse from a circular LEO to an ellipse with apogee at the Moon's distance (m/s)."""
    mu, r1 = EARTH.gm, EARTH.radius + orbit_alt_m
    a = 0.5 * (r1 + MOON_DISTANCE_M)
    return math.sqrt(mu * (2 / r1 - 1 / a)) - math.sqrt(mu / r1)


@dataclass(frozen=True)
class LunarLanding:
    ship: Ship
    payload_down_kg: float
    dv_m_s: dict
    propellant_needed_kg: float
    campaign: refilling.Campaign
    tanker_delivery_kg: float
    feasible: bool
    verdict: str
    warnings: tuple = ()

    def to_dict(self) -> dict:
        return {"ship": self.ship.to_dict(), "payload_down_t": self.payload_down_kg / 1e3,
                "dv_kms": {k: v / 1e3 for k, v in self.dv_m_s.items()},
                "propellant_needed_t": self.propellant_needed_kg / 1e3, "tanker_delivery_t": self.tanker_delivery_kg / 1e3,
                "campaign": self.campaign.to_dict(), "launches": self.campaign.launches, "feasible": self.feasible,
                "verdict": self.verdict, "warnings": list(self.warnings)}


def lunar_landing(ship: Ship | str = "hls-block2", *, payload_down_kg: float = 5_000.0,
                  tanker_delivery_kg: float | None = None, depot: bool = True, cadence_per_day: float = 2.0 / 7.0,
                  boiloff_per_day: float = 0.001, transfer_loss: float = 0.02, orbit_alt_m: float = 200e3) -> LunarLanding:
    """Propellant, tankers and launches for one HLS landing (see the module docstring)."""
    ship = load_ship(ship)
    if not (math.isfinite(payload_down_kg) and 0 <= payload_down_kg <= ship.max_payload_kg):
        raise InputError("--payload", f"got {payload_down_kg / 1e3:g} t", f"0 to {ship.max_payload_kg / 1e3:g} t")
    if tanker_delivery_kg is None:
        from spaceplan.missions.tanker import tanker_load

        tanker_delivery_kg = tanker_load(ship.tanker).delivered_kg
    c = ship.exhaust_speed_m_s
    surface = (NRHO_LLO_DV + LLO_SURFACE_DV) * (1.0 + SURFACE_MARGIN)
    dv = {"tli": tli_dv(orbit_alt_m), "nrho_insertion": NRHO_INSERTION_DV, "descent": surface, "ascent": surface}
    m_end = ship.dry_mass_kg + ship.ascent_payload_kg  # back in NRHO
    m_surface = m_end * math.exp(surface / c)
    m_before_landing = (m_surface - ship.ascent_payload_kg + payload_down_kg) * math.exp(surface / c)
    # the propellant for the ascent rides down: m_surface includes it, the crew payload swaps at the surface
    m_leo = m_before_landing * math.exp((dv["tli"] + NRHO_INSERTION_DV) / c)
    need = m_leo - ship.dry_mass_kg - payload_down_kg
    if need > ship.propellant_capacity_kg:
        raise InfeasibleError(f"infeasible: the HLS needs {need / 1e3:.0f} t in LEO, above its "
                              f"{ship.propellant_capacity_kg / 1e3:.0f} t tanks")
    camp = refilling.campaign(need, tanker_delivery_kg, cadence_per_day=cadence_per_day,
                              boiloff_per_day=boiloff_per_day, transfer_loss=transfer_loss, depot=depot)
    verdict = (f"{ship.name}: {need / 1e3:.0f} t of propellant in LEO, {camp.tankers} tanker flights of "
               f"{tanker_delivery_kg / 1e3:.0f} t{' into a depot' if depot else ''}, {camp.launches} launches in all "
               f"over {camp.duration_days:.0f} days")
    return LunarLanding(ship, float(payload_down_kg), dv, float(need), camp, float(tanker_delivery_kg), True, verdict,
                        tuple(ship.warnings) + tuple(camp.warnings))
