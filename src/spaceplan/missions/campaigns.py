"""Starship campaigns per Mars window (2026, 2028/29, 2031 ...) and the verdicts on the news claims.

Per window: ``ships`` ships each landing ``payload_kg``; each needs its refilling campaign
(:func:`spaceplan.missions.starship_mars.evaluate`); all launches (ships + tankers) come from the pads at
``cadence_per_day`` in total.  The launch period is the run of departure days around the optimum on which the ship
can still reach Mars with that payload: C3 <= C3_max, where C3_max follows from full tanks,
dv_max = c ln(m_full / (m_landed K_land)), C3_max = (dv_max + v_circ)^2 - 2 mu / r, and arrives no faster than the
heat shield's entry speed (arrival v-infinity <= sqrt(V_max^2 - 2 mu_Mars / r_EI)), on the porkchop of the window
(:func:`spaceplan.interplanetary.porkchop`).  The campaign fits when the launches can all fly
between ``as_of`` and the last departure day minus the final coast; the verdict names what limits it: the tanker
count (tanks), the cadence (launches per week needed) or the time left.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from spaceplan.core.constants import DAY, EARTH, G0, MARS
from spaceplan.core.errors import InfeasibleError, InputError
from spaceplan.missions.mars_entry import ENTRY_INTERFACE_M
from spaceplan.missions.ships import load_ship
from spaceplan.missions.starship_mars import DV_MARGIN_M_S, _utc, evaluate


@dataclass(frozen=True)
class Period:
    first_tdb: float
    last_tdb: float


@functools.lru_cache(maxsize=64)
def _period(year: int, c3_cap: float, vinf_cap: float) -> Period | None:
    """Contiguous departure days around the window's optimum (1-day steps, arrivals every 2 days, flights of
    90-500 days) on which some transfer has C3 <= ``c3_cap`` and arrival v-infinity <= ``vinf_cap``
    (:func:`spaceplan.interplanetary.porkchop`)."""
    import numpy as np

    from spaceplan.core.time import epoch_grid
    from spaceplan.interplanetary import porkchop
    from spaceplan.missions.starship_mars import window

    best = window(year).best
    t_dep = epoch_grid(best.departure_tdb - 200 * DAY, DAY, stop_tdb=best.departure_tdb + 200 * DAY)
    t_arr = epoch_grid(t_dep[0] + 90 * DAY, 2 * DAY, stop_tdb=t_dep[-1] + 500 * DAY)
    pc = porkchop("earth", "mars", t_dep, t_arr, tof_bounds=(90 * DAY, 500 * DAY), ridge_deg=1.0)
    with np.errstate(invalid="ignore"):
        ok = ((pc.c3 <= c3_cap) & (pc.vinf_arrival <= vinf_cap)).any(axis=(0, 2))
    i = int(np.argmin(np.abs(t_dep - best.departure_tdb)))
    if not ok[i]:
        return None
    lo, hi = i, i
    while lo > 0 and ok[lo - 1]:
        lo -= 1
    while hi < ok.size - 1 and ok[hi + 1]:
        hi += 1
    return Period(float(t_dep[lo]), float(t_dep[hi]))


def max_c3(arch, orbit_alt_m: float = 200e3) -> float:
    """The largest departure C3 (m^2/s^2) with which the ship of ``arch`` still lands its payload on full tanks."""
    ship = arch.ship
    c, c_land = ship.exhaust_speed_m_s, ship.isp_landing_s * G0
    m_landed = ship.dry_mass_kg + arch.payload_kg
    m_full = m_landed + ship.propellant_capacity_kg
    m_after = m_landed * math.exp(arch.landing_dv_m_s / c_land + DV_MARGIN_M_S / c)
    if m_full <= m_after:
        return 0.0
    dv = c * math.log(m_full / m_after)
    r = EARTH.radius + orbit_alt_m
    return max((dv + math.sqrt(EARTH.gm / r)) ** 2 - 2 * EARTH.gm / r, 0.0)


@dataclass(frozen=True)
class WindowCampaign:
    year: int
    ship: str
    ships: int
    payload_kg: float
    architecture: object  # Architecture of one ship (or None when infeasible)
    launches: int
    tankers_per_ship: int
    c3_max_m2s2: float
    period_first_tdb: float | None
    period_last_tdb: float | None
    as_of_tdb: float | None
    days_available: float | None
    days_needed: float
    cadence_needed_per_week: float | None
    feasible: bool
    limit: str  # "", "tanks", "cadence", "time", "window"
    verdict: str

    @property
    def warnings(self) -> tuple:
        """The validity warnings of the ship's architecture (ship, entry, campaign)."""
        return () if self.architecture is None else tuple(self.architecture.warnings)

    def to_dict(self) -> dict:
        a = self.architecture
        return {"warnings": list(self.warnings), "year": self.year, "ship": self.ship, "ships": self.ships, "payload_per_ship_t": self.payload_kg / 1e3,
                "landed_total_t": self.ships * self.payload_kg / 1e3 if self.feasible else 0.0,
                "tankers_per_ship": self.tankers_per_ship, "launches": self.launches,
                "c3_max_km2s2": self.c3_max_m2s2 / 1e6,
                "launch_period": None if self.period_first_tdb is None else
                [_utc(self.period_first_tdb), _utc(self.period_last_tdb)],
                "as_of_utc": None if self.as_of_tdb is None else _utc(self.as_of_tdb),
                "days_available": self.days_available, "days_needed": self.days_needed,
                "cadence_needed_per_week": self.cadence_needed_per_week, "feasible": self.feasible,
                "limit": self.limit, "verdict": self.verdict,
                "architecture": None if a is None else a.to_dict()}


def window_campaign(year: int, ship="block2-cargo", *, ships: int = 1, payload_kg: float = 100e3,
                    cadence_per_day: float = 2.0 / 7.0, as_of: str | None = None, claim: str = "",
                    **kw) -> WindowCampaign:
    """``ships`` ships of ``payload_kg`` each in the ``year`` window, launched from ``as_of`` on (see the module
    docstring).  ``claim`` names the claim in the verdict."""
    from spaceplan.core.time import utc_to_tdb

    ship = load_ship(ship)
    if int(ships) != ships or not 1 <= ships <= 100:
        raise InputError("--ships", f"got {ships}", "1 to 100")
    label = claim or f"{ships} x {ship.name} with {payload_kg / 1e3:g} t in {year}"
    try:
        arch = evaluate(ship, year=year, payload_kg=payload_kg, cadence_per_day=cadence_per_day, **kw)
    except InfeasibleError as exc:
        return WindowCampaign(year, ship.key, int(ships), float(payload_kg), None, 0, 0, 0.0, None, None, None, None,
                              0.0, None, False, "tanks", f"{label}: {exc}")
    cap = max_c3(arch)
    vinf_cap = (math.sqrt(max(ship.max_entry_speed_m_s ** 2 - 2 * MARS.gm / (MARS.radius + ENTRY_INTERFACE_M), 0.0))
                if ship.max_entry_speed_m_s > 0 else math.inf)
    period = _period(int(year), round(cap, -3), round(vinf_cap)) if cap > 0 else None
    per_ship = 1 + arch.campaign.tankers + (1 if arch.campaign.depot else 0)
    launches = per_ship * int(ships)
    coast = 1.0  # days between the last tanker and the departure burn (refilling.campaign's default)
    days_needed = (launches - 1) / cadence_per_day + coast
    t0 = None if as_of is None else float(utc_to_tdb(as_of, "as_of"))
    if period is None:
        return WindowCampaign(year, ship.key, int(ships), float(payload_kg), arch, launches, arch.campaign.tankers, cap,
                              None, None, t0, None, days_needed, None, False, "window",
                              f"{label}: infeasible: no departure day of the {year} window has C3 <= "
                              f"{cap / 1e6:.1f} km2/s2")
    available = None if t0 is None else (period.last_tdb - t0) / DAY
    cadence_needed = None if available is None or available <= coast else (launches - 1) / (available - coast) * 7.0
    limit = ""
    if available is not None and available <= coast:
        limit = "time"
    elif available is not None and days_needed > available:
        limit = "cadence"
    feasible = not limit
    start_by = period.last_tdb - days_needed * DAY
    words = (f"{label}: {arch.campaign.tankers} tankers of {arch.tanker_delivery_kg / 1e3:.0f} t per ship, "
             f"{launches} launches; at {cadence_per_day * 7:g} launches/week the campaign takes {days_needed:.0f} days, "
             f"so the first launch must fly by {_utc(start_by)} for the last departure day {_utc(period.last_tdb)} "
             f"(launch period {_utc(period.first_tdb)} to {_utc(period.last_tdb)} at C3 <= {cap / 1e6:.1f} km2/s2)")
    if limit == "time":
        words += f"; infeasible: the window has closed by {as_of}"
    elif limit == "cadence":
        words += (f"; infeasible from {as_of}: {available:.0f} days are left, which needs "
                  f"{cadence_needed:.1f} launches/week")
    elif available is not None:
        words += f"; feasible from {as_of} ({available:.0f} days left, {cadence_needed:.1f} launches/week needed)"
    return WindowCampaign(year, ship.key, int(ships), float(payload_kg), arch, launches, arch.campaign.tankers, cap,
                          float(period.first_tdb), float(period.last_tdb), t0, available, days_needed, cadence_needed,
                          feasible, limit, words)


def claims(*, as_of: str | None = None, cadence_per_day: float = 2.0 / 7.0, optimus_payload_kg: float = 20e3,
           optimus_ships: int = 2, crew_payload_kg: float = 50e3, tanker_loads: dict | None = None,
           **kw) -> dict:
    """The two news claims: "uncrewed Starship with Optimus in the 2026 window" and "crew in 2029" (the 2028/29
    window; a crewed ship must also depart in calendar 2029 to match the claim).

    Each claim is flown with the tankers of its own ship generation: the Optimus ships are Block 2 (their Block 2
    tankers), the 2029 crew ship Block 3 (Block 3 tankers).  ``tanker_loads`` maps a tanker preset to the kg it
    delivers (computed once by the caller); a tanker preset missing from it is computed
    (:func:`spaceplan.missions.tanker.tanker_load`); ``tanker_delivery_kg`` in ``kw`` (a load given by the user)
    applies to both claims."""
    from spaceplan.core.time import utc_to_tdb

    def load_for(ship):
        if "tanker_delivery_kg" in kw or not tanker_loads or ship.tanker not in tanker_loads:
            return {}
        return {"tanker_delivery_kg": tanker_loads[ship.tanker]}

    cargo, crew_ship = load_ship("block2-cargo"), load_ship("block3-crew")
    opt = window_campaign(2026, cargo, ships=optimus_ships, payload_kg=optimus_payload_kg,
                          cadence_per_day=cadence_per_day, as_of=as_of,
                          claim=f"uncrewed Starship with Optimus in the 2026 window ({optimus_ships} ships, "
                                f"{optimus_payload_kg / 1e3:g} t each)", **load_for(cargo), **kw)
    crew = window_campaign(2028, crew_ship, ships=1, payload_kg=crew_payload_kg, cadence_per_day=cadence_per_day,
                           as_of=as_of, claim=f"crew in 2029 (1 Block 3 crew ship, {crew_payload_kg / 1e3:g} t)",
                           **load_for(crew_ship), **kw)
    y2029 = float(utc_to_tdb("2029-01-01"))
    in_2029 = crew.period_last_tdb is not None and crew.period_last_tdb >= y2029
    crew_words = crew.verdict + ("; the 2028 window's launch period reaches into 2029" if in_2029 else
                                 "; infeasible as a 2029 departure: the launch period closes before 2029-01-01 "
                                 "(a 2028 departure)")
    return {"optimus_2026": opt, "crew_2029": crew, "crew_departs_in_2029": bool(in_2029),
            "crew_2029_verdict": crew_words}
