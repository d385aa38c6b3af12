"""Study section ``interplanetary``: launch opportunities between two bodies and the porkchop of one window.

Per synodic opportunity in the year span, the minimum-C3 ballistic transfer of each type and its launch
period under a C3 cap (:func:`spaceplan.interplanetary.windows.find_opportunities`), and the porkchop of
one departure window (:func:`spaceplan.core.porkchop.porkchop`): DE421 states, Izzo Lambert arcs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError
from spaceplan.study.config import SectionConfig, option

TITLE = "Interplanetary launch windows"


@dataclass(frozen=True)
class Config(SectionConfig):
    SECTION = "interplanetary"
    departure_body: str = option("earth", "departure body (planet, Moon or EMB)")
    arrival_body: str = option("mars", "arrival body")
    start_year: int = option(2026, "first year of the opportunity search", lo=1900, hi=2053)
    end_year: int = option(2035, "last year of the opportunity search", lo=1900, hi=2053)
    c3_cap_km2s2: float = option(20.0, "launch-period cap on departure C3 (km²/s²)", lo=0.0, hi=1e4)
    porkchop_depart: tuple[str, str] = option(["2026-08-01", "2027-01-31"], "porkchop departure dates [first, last] (UTC)")
    porkchop_arrive: tuple[str, str] = option(["2027-03-01", "2028-03-01"], "porkchop arrival dates [first, last] (UTC)")
    porkchop_step_days: float = option(1.0, "porkchop grid step (days)", lo=0.01, hi=100.0)

    def __post_init__(self):
        from spaceplan.core.constants import BODIES
        from spaceplan.core.errors import UnknownNameError

        for field in ("departure_body", "arrival_body"):
            name = getattr(self, field)
            if name.strip().lower() not in BODIES or name.strip().lower() == "sun":
                raise UnknownNameError(f"interplanetary.{field}", name, [b for b in BODIES if b != "sun"])
        if self.departure_body.strip().lower() == self.arrival_body.strip().lower():
            raise InputError("interplanetary.arrival_body", f"same as departure_body ({self.departure_body})",
                             "a different body")
        if self.end_year < self.start_year:
            raise InputError("interplanetary.end_year", f"{self.end_year} is before start_year {self.start_year}",
                             f">= {self.start_year}")


@dataclass(frozen=True)
class Result:
    """Opportunities of the span (summary objects) and the porkchop's summary and displayed fields."""

    config: Config
    search: Any  # spaceplan.interplanetary.windows.OpportunitySearch (a few transfer points per opportunity)
    porkchop: dict  # Porkchop.to_dict(): minima, shape, cell counts
    picture: Any  # spaceplan.interplanetary.plots.PorkchopPicture (float16 display fields)

    def to_dict(self) -> dict:
        return {"opportunities": self.search.to_dict(), "porkchop": self.porkchop}


def _dates(field: str, pair, step_s: float) -> np.ndarray:
    from spaceplan.core.time import epoch_grid, utc_to_tdb

    t0, t1 = utc_to_tdb(pair[0], f"interplanetary.{field}"), utc_to_tdb(pair[1], f"interplanetary.{field}")
    if t1 - t0 < step_s:
        raise InputError(f"interplanetary.{field}", f"range {list(pair)} is shorter than the step", "end after start + step")
    return epoch_grid(t0, step_s, stop_tdb=t1, field=f"interplanetary.{field}")


def compute(config: Config, progress=None) -> Result:
    from spaceplan.interplanetary.plots import porkchop_picture
    from spaceplan.core.porkchop import porkchop
    from spaceplan.interplanetary.windows import find_opportunities

    tick = progress or (lambda done, total: None)
    step = config.porkchop_step_days * DAY
    t_dep = _dates("porkchop_depart", config.porkchop_depart, step)
    t_arr = _dates("porkchop_arrive", config.porkchop_arrive, step)
    total = 2 * t_dep.size
    search = find_opportunities(config.departure_body, config.arrival_body, config.start_year, config.end_year,
                                c3_cap=config.c3_cap_km2s2 * 1e6,
                                progress=lambda d, t: tick(d * t_dep.size // max(t, 1), total))
    grid = porkchop(config.departure_body, config.arrival_body, t_dep, t_arr,
                    progress=lambda d, t: tick(t_dep.size + t_dep.size * d // max(t, 1), total))
    tick(total, total)
    return Result(config, search, grid.to_dict(), porkchop_picture(grid))


def render(result: Result, ctx):
    from spaceplan.interplanetary.plots import plot_porkchop
    from spaceplan.study.runner import SectionResult

    cfg, search = result.config, result.search
    dep, arr = search.departure_body.title(), search.arrival_body.title()
    window = str(cfg.porkchop_depart[0])[:4]
    figure = ctx.save_figure(f"porkchop_{search.departure_body}_{search.arrival_body}_{window}", plot_porkchop,
                             result.picture)
    data = result.to_dict()
    cap = cfg.c3_cap_km2s2
    lines = [
        f"Ballistic {dep} to {arr} opportunities {search.start_year}-{search.end_year}: per transfer type the "
        f"minimum-C3 departure (DE421 ephemeris, Izzo Lambert arcs, departure from {dep}'s centre, flight "
        f"{search.tof_bounds[0] / DAY:.0f}-{search.tof_bounds[1] / DAY:.0f} days).  Launch period: departure days "
        f"on which some arrival needs C3 <= {cap:g} km²/s².  * = the opportunity's lower-C3 type.",
        "",
        "| Opportunity | Type | Departure | Arrival | TOF (d) | C3 (km²/s²) | v∞ arrival (km/s) | DLA (°) "
        f"| Launch period C3 ≤ {cap:g} km²/s² |",
        "|---|---|---|---|---:|---:|---:|---:|---|",
    ]
    for opp in data["opportunities"]["opportunities"]:
        for name, p in opp["types"].items():
            if p is None:
                continue
            lp = opp["launch_periods"].get(name)
            period = "none" if lp is None else (f"{lp['first_utc']} to {lp['last_utc']} ({lp['days']:.0f} d"
                                                f"{', longer: search edge' if lp['truncated'] else ''})")
            star = " *" if name == opp["best_type"] else ""
            edge = " (ridge/edge)" if p["at_search_boundary"] else ""
            lines.append(f"| {opp['year']} | {name}{star} | {p['departure_utc'][:10]} | {p['arrival_utc'][:10]} | "
                         f"{p['tof_days']:.0f} | {p['c3_km2s2']:.2f}{edge} | {p['vinf_arrival_kms']:.2f} | "
                         f"{p['dla_deg']:.1f} | {period} |")
    if not search.opportunities:
        lines += ["", f"No {dep} to {arr} opportunity departs within {search.start_year}-{search.end_year}."]
    else:
        best = min(search.opportunities, key=lambda o: o.best.c3)
        earth_mars = {search.departure_body, search.arrival_body} <= {"earth", "emb", "mars"}
        check = ("These minima agree with NASA/TM-2010-216764 (Burke, Falck & McGuire 2010) to about 1 % in C3 and "
                 "a few days where both cover the same years" if earth_mars else
                 "The search is validated on the Earth-Mars minima of NASA/TM-2010-216764 (Burke, Falck & McGuire "
                 f"2010); no {dep}-{arr} reference is checked")
        lines += ["", f"Cheapest {dep} to {arr} opportunity of the span: {best.year} (type {best.best.transfer_type}, "
                      f"C3 {best.best.c3 / 1e6:.2f} km²/s²).  {check} (validation appendix; docs/interplanetary.md)."]
    pc = result.porkchop
    minima = ", ".join(_porkchop_minimum(k, v, pc, data["opportunities"], cfg.porkchop_step_days)
                       for k, v in pc["minimum_c3"].items() if v)
    lines += ["", f"Porkchop of the {dep} to {arr} {window} window, departures {cfg.porkchop_depart[0]} to "
                  f"{cfg.porkchop_depart[1]} ({pc['shape'][0]} x {pc['shape'][1]} cells, "
                  f"{cfg.porkchop_step_days:g}-day step): minimum C3 " + (minima or "none in the grid") + "."]
    return SectionResult(f"{TITLE}: {dep} to {arr}", "\n".join(lines), data, (figure,))


def _porkchop_minimum(name: str, cell: dict, pc: dict, search: dict, step_days: float) -> str:
    """The porkchop's minimum of one transfer type, told as one value with the table's.

    The grid's best cell and the table's optimum are two samplings of the same function: the table
    refines between days (and leaves out the band around 180 deg where C3 jumps), the grid steps by
    ``step_days``.  When the table's optimum of this type lies inside the porkchop's window, that is
    the minimum stated, and the grid cell is given beside it with the reason they differ.
    """
    grid = (f"{cell['c3_km2s2']:.2f} km²/s² ({cell['departure_utc'][:10]} → {cell['arrival_utc'][:10]})")
    (d0, d1), (a0, a1) = pc["departure_utc"], pc["arrival_utc"]
    inside = [p for o in search["opportunities"] for t, p in o["types"].items() if t == name and p
              and d0 <= p["departure_utc"] <= d1 and a0 <= p["arrival_utc"] <= a1]
    if not inside:
        return f"type {name} {grid}, the best cell of the {step_days:g}-day grid"
    best = min(inside, key=lambda p: p["c3_km2s2"])
    table = f"{best['c3_km2s2']:.2f} km²/s² ({best['departure_utc'][:10]} → {best['arrival_utc'][:10]})"
    if cell["c3_km2s2"] >= best["c3_km2s2"]:
        why = ("the minimum lies between grid cells"
               + ("; it sits on a ridge or edge of the table's search, where C3 changes steeply"
                  if best.get("at_search_boundary") else ""))
        return f"type {name} {table} as in the table above (best cell of the {step_days:g}-day grid {grid}: {why})"
    ridge = search.get("ridge_exclusion_deg") or 0.0
    return (f"type {name} {grid} in the grid, below the table's {table} because the grid keeps transfers within "
            f"{ridge:g}° of 180° that the table leaves out (there C3 depends on the arrival body's latitude "
            f"and changes by km²/s² per day)")

