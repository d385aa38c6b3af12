"""Study section ``interplanetary``: Earth-Mars launch opportunities and the porkchop of one window.

Config keys (all optional; defaults in brackets):
  departure_body ["earth"], arrival_body ["mars"], start_year [2026], end_year [2035],
  c3_cap_km2s2 [20.0] (launch periods), porkchop_depart [["2026-08-01", "2027-01-31"]],
  porkchop_arrive [["2027-03-01", "2028-03-01"]], porkchop_step_days [1.0].
"""

from __future__ import annotations

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError

DEFAULTS = {"departure_body": "earth", "arrival_body": "mars", "start_year": 2026, "end_year": 2035,
            "c3_cap_km2s2": 20.0, "porkchop_depart": ["2026-08-01", "2027-01-31"],
            "porkchop_arrive": ["2027-03-01", "2028-03-01"], "porkchop_step_days": 1.0}


def _dates(field, pair, step_s):
    from spaceplan.core.time import utc_to_tdb

    if not isinstance(pair, (list, tuple)) or len(pair) != 2:
        raise InputError(f"interplanetary.{field}", f"got {pair!r}", "[start, end] ISO dates")
    t0, t1 = utc_to_tdb(pair[0], field), utc_to_tdb(pair[1], field)
    if t1 - t0 < step_s:
        raise InputError(f"interplanetary.{field}", f"range {pair} is shorter than the step", "end after start + step")
    return t0 + step_s * np.arange(int((t1 - t0) / step_s + 1e-6) + 1)


def run(config: dict, ctx):
    from spaceplan.interplanetary.plots import plot_porkchop
    from spaceplan.interplanetary.porkchop import porkchop
    from spaceplan.interplanetary.windows import find_opportunities
    from spaceplan.study.runner import SectionResult, section_config

    cfg = section_config("interplanetary", DEFAULTS, config)
    dep, arr = cfg["departure_body"], cfg["arrival_body"]
    start, end = int(cfg["start_year"]), int(cfg["end_year"])
    cap = float(cfg["c3_cap_km2s2"])
    step = float(cfg["porkchop_step_days"]) * DAY
    t_dep = _dates("porkchop_depart", cfg["porkchop_depart"], step)
    t_arr = _dates("porkchop_arrive", cfg["porkchop_arrive"], step)

    total = t_dep.size + 1
    search = find_opportunities(dep, arr, start, end, c3_cap=cap * 1e6,
                                progress=lambda d, t: ctx.progress(d * t_dep.size // max(t, 1), total))
    grid = porkchop(dep, arr, t_dep, t_arr, chunk_cells=ctx.chunk_cells,
                    progress=lambda d, t: ctx.progress(t_dep.size * d // max(t, 1), total))
    fig_path = ctx.figure_path(f"porkchop_{dep}_{arr}_{str(cfg['porkchop_depart'][0])[:4]}.png")
    plot_porkchop(grid, fig_path)
    ctx.progress(total, total)

    data = search.to_dict()
    lines = [
        f"Ballistic {dep.title()} to {arr.title()} opportunities {start}-{end}: per transfer type the minimum-C3 "
        f"departure (DE421 ephemeris, Izzo Lambert arcs, departure from the {dep.title()}'s centre, flight "
        f"{search.tof_bounds[0] / DAY:.0f}-{search.tof_bounds[1] / DAY:.0f} days).  Launch period: departure days "
        f"on which some arrival needs C3 <= {cap:g} km²/s².  * = the opportunity's lower-C3 type.",
        "",
        "| Opportunity | Type | Departure | Arrival | TOF (d) | C3 (km²/s²) | v∞ arrival (km/s) | DLA (°) "
        f"| Launch period C3 ≤ {cap:g} |",
        "|---|---|---|---|---:|---:|---:|---:|---|",
    ]
    for opp in data["opportunities"]:
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
    best = min((o for o in search.opportunities), key=lambda o: o.best.c3, default=None)
    if best is not None:
        lines += ["", f"Cheapest opportunity of the span: {best.year} (type {best.best.transfer_type}, "
                      f"C3 {best.best.c3 / 1e6:.2f} km²/s²).  These minima agree with NASA/TM-2010-216764 "
                      "(Burke, Falck & McGuire 2010) to about 1 % in C3 and a few days; see docs/interplanetary.md."]
    pc = grid.to_dict()
    lines += ["", f"Porkchop of the {str(cfg['porkchop_depart'][0])[:4]} window "
                  f"({grid.shape[0]} x {grid.shape[1]} cells): minimum C3 "
              + ", ".join(f"type {k} {v['c3_km2s2']:.2f} km²/s² ({v['departure_utc'][:10]} → {v['arrival_utc'][:10]})"
                          for k, v in pc["minimum_c3"].items() if v) + "."]
    figure = str(fig_path.relative_to(ctx.out_dir))
    return SectionResult("Interplanetary launch windows", "\n".join(lines),
                         {"opportunities": data, "porkchop": pc}, (figure,))
