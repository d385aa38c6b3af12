"""Study section ``stations``: station lifetimes, reboost and deorbit.

For each configured station: free decay (King-Hele over NRLMSIS 2.1, 5/50/95 % solar activity), reboost propellant
per year to hold its band and what supplying it costs, how much of the configured region it overflies;
for the first station, the propellant to keep it up to each configured end year and its controlled
deorbit (:mod:`spaceplan.station`).  The claim the section answers is the scenario's (``claim``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spaceplan.core.constants import JULIAN_YEAR
from spaceplan.study.config import SectionConfig, option

TITLE = "Space stations: decay, reboost and deorbit"


@dataclass(frozen=True)
class Config(SectionConfig):
    SECTION = "stations"
    stations: tuple[str, ...] = option(["iss", "ros", "ros_97"], "station presets to compare (first: the one "
                                       "extended and deorbited)")
    vehicle: str = option("progress", "reboost vehicle preset (progress, zvezda, cygnus, usdv)")
    deorbit_vehicle: str = option("usdv", "deorbit vehicle preset")
    start_year: int = option(2027, "first year of the reboost accounting", lo=1990, hi=2090)
    end_years: tuple[int, ...] = option([2030, 2032], "end-of-life years for the first station", lo=1990, hi=2100)
    activity: int = option(50, "solar-activity percentile for reboost (5, 50, 95)", choices=(5, 50, 95))
    region: str = option("russia", "region for the overflight comparison (spaceplan constellation regions)")
    decay_years: float = option(3.0, "span of the free-decay figure (years)", lo=0.1, hi=30.0)
    claim: str = option("", "the claim the section answers, quoted at the top of its prose ('' : none)")


@dataclass(frozen=True)
class Result:
    config: Config
    summaries: tuple
    extensions: tuple  # (end_year, propellant_kg, dv_m_s, flights, cost_musd)
    decay_band: dict
    deorbit: Any
    notes: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"stations": [s.to_dict() for s in self.summaries],
                "extensions": [{"end_year": e[0], "propellant_kg": e[1], "dv_m_s": e[2], "supply_flights": e[3],
                                "cost_musd": e[4]} for e in self.extensions],
                "decay": {str(k): {"reentry_utc": v.to_dict()["reentry_utc"],
                                   "altitude_end_km": v.altitude[-1] / 1e3} for k, v in self.decay_band.items()},
                "deorbit": self.deorbit.to_dict(), "notes": list(self.notes)}


def compute(config: Config, progress=None) -> Result:
    from spaceplan.core.errors import InputError
    from spaceplan.station import decay as D
    from spaceplan.station.compare import summarize
    from spaceplan.station.deorbit import deorbit_plan
    from spaceplan.station.presets import load_station, load_vehicle
    from spaceplan.station.reboost import reboost_plan

    if not config.stations:
        raise InputError("stations.stations", "empty list", "at least one station preset")
    tick = progress or (lambda done, total: None)
    stations = [load_station(s) for s in config.stations]
    vehicle = load_vehicle(config.vehicle)
    total = len(stations) + len(config.end_years) + 2
    done = 0
    summaries = []
    for st in stations:
        summaries.append(summarize(st, vehicle, config.start_year, config.start_year + 3, config.activity,
                                   config.region))
        done += 1
        tick(done, total)
    first = stations[0]
    extensions = []
    for end in config.end_years:
        if end < config.start_year:
            raise InputError("stations.end_years", f"{end} is before start_year {config.start_year}",
                             f">= {config.start_year}")
        plan = reboost_plan(first, vehicle, first.band_km, config.start_year, int(end), config.activity)
        dv = sum(y.dv_m_s for y in plan.years)
        flights = plan.total_propellant_kg / vehicle.propellant_kg
        extensions.append((int(end), plan.total_propellant_kg, dv, flights, flights * vehicle.cost_musd))
        done += 1
        tick(done, total)
    from spaceplan.core.time import utc_to_tdb

    t0 = float(utc_to_tdb(f"{config.start_year}-01-01"))
    band = D.activity_band(first, t0, t0 + config.decay_years * JULIAN_YEAR)
    done += 1
    tick(done, total)
    deorbit = deorbit_plan(first, load_vehicle(config.deorbit_vehicle))
    done += 1
    tick(done, total)
    return Result(config, tuple(summaries), tuple(extensions), band, deorbit, band[50].notes + deorbit.notes)


def render(result: Result, ctx):
    from spaceplan.station.deorbit import BALLISTIC_SPREAD_SCOPE
    from spaceplan.station.plots import plot_decay, plot_footprint
    from spaceplan.study.flags import mark
    from spaceplan.study.runner import SectionResult

    cfg = result.config
    first = result.summaries[0]
    figures = [ctx.save_figure("stations_decay", plot_decay, result.decay_band,
                               title=f"{first.name}: free decay from {cfg.start_year} (no reboost)"),
               ctx.save_figure("stations_deorbit_footprint", plot_footprint, result.deorbit)]
    lines = ([f"Claim: {cfg.claim.strip()}", ""] if cfg.claim.strip() else []) + [
        "Drag: NRLMSIS 2.1 (pymsis) driven by "
        "CelesTrak's observed space weather to its snapshot date and NASA MSFC's 5/50/95 % forecast after it; "
        "station masses and drag areas are presets (areas are stated assumptions).", "",
        f"| station | incl. (°) | altitude (km) | decay {first.first_year}-{first.last_year} (m/day) "
        f"| reboost propellant {first.first_year}-{first.last_year} (kg/yr) "
        f"| {cfg.vehicle} flights/yr | supply cost (M$/yr) | {cfg.region.title()} seen (% area) "
        "| passes/day over it |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in result.summaries:
        w = s.warnings  # e.g. re-enters within the year without reboosts: marked beside the reboost figures
        lines.append(f"| {s.name} | {s.inclination_deg:g} | {s.altitude_km:g} | {s.decay_m_per_day:.0f} | "
                     f"{mark(f'{s.propellant_kg_per_year:,.0f}', w)} | {mark(f'{s.supply_flights_per_year:.1f}', w)} | "
                     f"{mark(f'{s.supply_cost_musd_per_year:,.0f}', w)} | {100 * s.region_visited_fraction:.0f} | "
                     f"{s.region_visits_per_day:.1f} |")
    lines += ["", f"Keeping the {first.name} up from {cfg.start_year} ({cfg.activity} % activity, {cfg.vehicle}):",
              "", "| to the end of | reboost dv (m/s) | propellant (t) | supply flights | cost (M$) |",
              "|---|---:|---:|---:|---:|"]
    for end, prop_kg, dv, flights, cost in result.extensions:
        lines.append(f"| {end} | {dv:.0f} | {prop_kg / 1e3:.1f} | {flights:.1f} | {cost:,.0f} |")
    band = result.decay_band
    reentries = {a: r.to_dict()["reentry_utc"] for a, r in band.items()}
    if any(reentries.values()):
        fates = ", ".join(f"{a} %: {v[:10] if v else 'still up'}" for a, v in reentries.items())
        lines += ["", f"Without reboosts, within {cfg.decay_years:g} years of {cfg.start_year}-01-01 the {first.name} "
                      f"re-enters at 120 km ({fates})."]
    d = result.deorbit
    lines += ["", f"Controlled deorbit with the {d.vehicle}: {len(d.multi_burn) - 1} perigee-lowering burns and "
                  f"a final burn take {sum(b.dv_finite_m_s for b in d.multi_burn):.0f} m/s and "
                  f"{d.multi_propellant_kg / 1e3:.1f} t of propellant; one single burn would need "
                  f"{d.single_burn.dv_finite_m_s:.0f} m/s ({d.single_burn.propellant_kg / 1e3:.1f} t, "
                  f"{d.single_burn.duration_s / 60:.0f} min of thrust) against "
                  f"{d.propellant_available_kg / 1e3:.0f} t carried.  " + _deorbit_verdict(d)
              + f"  Ballistic spread: {d.ballistic_spread_km:,.0f} km ({BALLISTIC_SPREAD_SCOPE})."]
    if len(result.summaries) > 1:
        best = max(result.summaries, key=lambda s: s.region_visited_fraction)
        lines += ["", f"Reading: of the compared stations, {best.name} overflies the most of "
                      f"{cfg.region.title()} ({100 * best.region_visited_fraction:.0f} % of its area, "
                      f"{best.region_visits_per_day:.1f} passes a day); "
                      + "; ".join(f"{s.name} {100 * s.region_visited_fraction:.0f} %" for s in result.summaries
                                  if s is not best) + ".  "
                      + " ".join(f"{s.name} needs {mark(f'{s.propellant_kg_per_year:,.0f}', s.warnings)} kg of reboost propellant a year "
                                 f"in {s.first_year}-{s.last_year} ({s.decay_m_per_day:.0f} m/day of decay on average "
                                 f"at {s.altitude_km:g} km; {s.decay_first_month_m_per_day:.0f} m/day in January "
                                 f"{s.first_year})." for s in result.summaries)]
    return SectionResult(TITLE, "\n".join(lines), result.to_dict(), tuple(figures))


def _deorbit_verdict(d) -> str:
    """Whether the deorbit vehicle's propellant suffices, in words (an infeasible plan is called infeasible)."""
    need = min(d.multi_propellant_kg, d.single_burn.propellant_kg)
    if need > d.propellant_available_kg:
        return (f"**Infeasible** with one {d.vehicle}: even the cheaper plan needs {need / 1e3:.1f} t, "
                f"{need / d.propellant_available_kg:.1f} times what it carries.")
    if d.multi_propellant_kg > d.propellant_available_kg:
        return "Only the single burn fits in the propellant carried; the multi-burn plan is infeasible."
    return "Both plans fit in the propellant carried."

