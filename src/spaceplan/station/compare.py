"""Compare stations (e.g. ISS vs the Russian Orbital Station): decay, reboost propellant, Russian overflight,
and what the supply flights for that propellant cost.

* decay: the altitude lost to drag per day inside the preset's band, averaged over the same years as the
  reboost propellant it costs (and, apart, the King-Hele free-decay rate over the first month at the station's
  altitude, which at a rising solar cycle is well above the period's mean);
* reboost: :func:`spaceplan.station.reboost.reboost_plan` in the preset's band, propellant per year;
* revisit of a region (default: Russia, Natural Earth outline through ``spaceplan.core.regions``):
  a point is "visited" when the station passes within the Earth-central angle at which it stands
  ``min_elevation`` above the horizon (SMAD, Wertz 1999, eq. 5-16 ff.); the ground track comes from the
  Cowell propagator (J2-J4, no drag) over ``days`` at 60 s steps, rotated into the Earth-fixed frame by
  GMST.  Reported: the area fraction of the region visited at least once and the mean number of visits
  per day (passes, counted as entries into view);
* cost: supply flights = propellant / the vehicle's usable reboost propellant, times the vehicle preset's
  cost per flight (launch included, as stated in the preset).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import propagator as prop
from spaceplan.core.constants import DAY, EARTH_RADIUS
from spaceplan.core.frames import ecef_to_geocentric, eci_to_ecef
from spaceplan.core.time import utc_to_tdb
from spaceplan.station import decay as D
from spaceplan.station.presets import Station, Vehicle
from spaceplan.station.reboost import reboost_plan


@dataclass(frozen=True)
class StationSummary:
    key: str
    name: str
    inclination_deg: float
    altitude_km: float
    decay_m_per_day: float  # mean over first_year..last_year, the period of propellant_kg_per_year
    decay_first_month_m_per_day: float
    first_year: int
    last_year: int
    propellant_kg_per_year: float
    supply_flights_per_year: float
    supply_cost_musd_per_year: float
    region: str
    region_visited_fraction: float
    region_visits_per_day: float
    warnings: tuple = ()  # the reboost plan's: e.g. a station that re-enters within the year without reboosts

    def to_dict(self) -> dict:
        return {**self.__dict__, "warnings": list(self.warnings)}


def region_revisit(station: Station, region: str = "russia", start: str = "2027-01-01", days: float = 3.0,
                   min_elevation_deg: float = 10.0, grid_deg: float = 2.0) -> tuple[float, float]:
    """(area fraction of ``region`` seen at least once, mean passes per day over its points)."""
    from spaceplan.core.regions import parse_region

    pts = parse_region(region, grid_deg)
    t0 = float(utc_to_tdb(start, "start"))
    r, v = prop.circular_state(station.altitude_km * 1e3, station.inclination)
    tr = prop.propagate(r, v, station.mass_kg, t0, days * DAY, step=60.0, force=prop.ForceModel())
    lat, lon, rad = ecef_to_geocentric(eci_to_ecef(tr.state[:, :3], tr.t))
    eps = math.radians(min_elevation_deg)
    h = float(np.mean(rad)) - EARTH_RADIUS
    lam = math.acos(EARTH_RADIUS * math.cos(eps) / (EARTH_RADIUS + h)) - eps
    cos_lam = math.cos(lam)
    sp, cp = np.sin(pts.lat), np.cos(pts.lat)
    seen_prev = np.zeros(pts.size, bool)
    ever = np.zeros(pts.size, bool)
    passes = np.zeros(pts.size)
    for k in range(len(tr.t)):
        c = sp * math.sin(lat[k]) + cp * math.cos(lat[k]) * np.cos(pts.lon - lon[k])
        seen = c >= cos_lam
        passes += seen & ~seen_prev
        ever |= seen
        seen_prev = seen
    w = pts.weight / pts.weight.sum()
    return float(np.sum(w * ever)), float(np.sum(w * passes) / days)


def summarize(station: Station, vehicle: Vehicle, first_year: int = 2027, last_year: int = 2030,
              activity: int = 50, region: str = "russia") -> StationSummary:
    run = D.decay(station, f"{first_year}-01-01", f"{first_year}-02-01", activity, "king-hele")
    plan = reboost_plan(station, vehicle, station.band_km, first_year, last_year, activity)
    n_years = last_year - first_year + 1
    prop_year = plan.total_propellant_kg / n_years
    flights = prop_year / vehicle.propellant_kg if vehicle.propellant_kg > 0 else 0.0
    frac, visits = region_revisit(station, region, f"{first_year}-01-01")
    return StationSummary(station.key, station.name, station.inclination_deg, station.altitude_km,
                          plan.mean_decay_m_per_day, run.first_month_rate_m_per_day(), first_year, last_year,
                          prop_year, flights, flights * vehicle.cost_musd, region, frac, visits, plan.warnings)
