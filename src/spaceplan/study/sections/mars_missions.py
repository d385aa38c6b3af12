"""Study section ``mars_missions``: the 2026 uncrewed and 2028/2029 crewed options, with the crew dose.

Roscosmos says a Mars round trip risks radiation sickness and that "the
astronomical window must align"; SpaceX plans a crewed Starship for 2029 and
Russia has floated a joint 2029 mission.  This section computes, from DE421 and
patched conics: the 2026 one-way cargo window (minimum C3), the least-delta-v
conjunction- and opposition-class round trips of the 2028 opportunity (whose
window runs from late 2028 into January 2029), what departing in 2029 proper
costs, and the crew dose of each trip (``spaceplan.radiation.mission_dose``)
against NASA's 600 mSv career limit and the acute radiation syndrome threshold.
"""

from __future__ import annotations

from typing import Any

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InfeasibleError
from spaceplan.core.time import utc_to_tdb
from spaceplan.study.runner import SectionContext, SectionResult, section_config

DEFAULTS: dict[str, Any] = {
    "cargo_departure": ["2026-09-01", "2027-02-28"],
    "cargo_tof_days": [120, 400],
    "crew_year": 2028,
    "late_departure": ["2029-01-01", "2029-12-31"],
    "step_days": 4.0,
    "venus": True,
    "crew_max_transit_days": 210.0,
    "shielding_gcm2": 20.0,
}


def _dose(trip, shielding):
    from spaceplan.interplanetary.roundtrip import crew_phases
    from spaceplan.radiation import Phase, mission_dose

    return mission_dose([Phase(*row) for row in crew_phases(trip)], shielding_gcm2=shielding)


def run(config: dict, ctx: SectionContext) -> SectionResult:
    from spaceplan.interplanetary.mission_plots import plot_pareto
    from spaceplan.interplanetary.porkchop import porkchop
    from spaceplan.interplanetary.roundtrip import search_round_trips
    from spaceplan.radiation.plots import plot_timeline

    cfg = section_config("mars_missions", DEFAULTS, config)
    step = float(cfg["step_days"])
    shielding = float(cfg["shielding_gcm2"])
    total_steps = 4
    ctx.progress(0, total_steps)

    # ---- 2026 cargo, one way
    import numpy as np

    t0, t1 = (float(utc_to_tdb(x, "mars_missions.cargo_departure")) for x in cfg["cargo_departure"])
    lo, hi = (float(x) * DAY for x in cfg["cargo_tof_days"])
    dep = np.arange(t0, t1 + 1, step * DAY)
    arr = np.arange(t0 + lo, t1 + hi + 1, step * DAY)
    pc = porkchop("earth", "mars", dep, arr, tof_bounds=(lo, hi), chunk_cells=ctx.chunk_cells)
    mins = {k: v for k, v in pc.min().items() if v is not None}
    cargo = min(mins.values(), key=lambda p: p.c3)
    cargo_d = cargo.to_dict()
    ctx.progress(1, total_steps)

    # ---- crewed, 2028 opportunity (window into Jan 2029) and 2029 departures proper.
    # Conjunction class with DRA 5.0-like crew transits (<= crew_max_transit_days each way);
    # opposition class with the full transit range and the Venus option.
    transit = (120.0, float(cfg["crew_max_transit_days"]))
    windows = [(f"{cfg['crew_year']} opportunity", {"year": int(cfg["crew_year"])}),
               ("departing in 2029", {"departure_window": tuple(cfg["late_departure"])})]
    options = []
    search = None
    for n, (label, where) in enumerate(windows):
        full = search_round_trips(mission_class="both", step_days=step, venus=bool(cfg["venus"]), **where)
        conj = search_round_trips(mission_class="conjunction", step_days=step, outbound_tof_days=transit,
                                  return_tof_days=transit, **where)
        search = search if search is not None else full
        for c, s_ in (("conjunction", conj), ("opposition", full)):
            try:
                trip = s_.best(c)
            except InfeasibleError:
                continue
            options.append((label, trip, _dose(trip, shielding)))
        ctx.progress(2 + n, total_steps)

    figures = []
    pareto_png = ctx.figure_path("mars_pareto.png")
    plot_pareto(search, pareto_png, chosen=[t for lab, t, _ in options if lab.endswith("opportunity")])
    figures.append(f"figures/{pareto_png.name}")
    for lab, t, d in options:
        if lab.endswith("opportunity"):
            png = ctx.figure_path(f"mars_timeline_{t.mission_class}.png")
            plot_timeline(d, png)
            figures.append(f"figures/{png.name}")
    ctx.progress(4, total_steps)

    lines = [
        "Patched conics on DE421: Lambert arcs between planet centres, impulsive burns from a 400 km "
        "parking orbit at Earth and into/out of the 250 km x 33,793 km one-sol Mars orbit of NASA's "
        "Design Reference Architecture 5.0, direct Earth entry.  Least total delta-v per class; "
        f"conjunction class with crew transits of at most {transit[1]:g} days each way (as DRA 5.0's "
        "~180-day transits), opposition class (30-90 day stay, at most 650 days) with an optional Venus "
        f"flyby; grid step {step:g} days.",
        "",
        f"**2026 uncrewed (one way).** The 2026 window's minimum-energy transfer leaves on "
        f"{cargo_d['departure_utc'][:10]} (C3 {cargo_d['c3_km2s2']:.1f} km²/s², type {cargo_d['type']}) "
        f"and arrives {cargo_d['arrival_utc'][:10]} after {cargo_d['tof_days']:.0f} days at "
        f"{cargo_d['vinf_arrival_kms']:.2f} km/s hyperbolic excess.",
        "",
        f"**Crewed round trips** (crew dose behind {shielding:g} g/cm² aluminium, solar activity from the "
        "cycle model at each phase's date):",
        "",
        "| window | class | Earth departure | Mars arrival | Mars departure | Earth return | transit out / stay / "
        "back (d) | total (d) | delta-v (km/s) | Venus | dose (mSv) | vs NASA 600 mSv |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    data_opts = []
    for lab, t, d in options:
        x = t.to_dict()
        fb = x["venus_flyby"]
        lines.append(
            f"| {lab} | {t.mission_class} | {x['earth_departure_utc']} | {x['mars_arrival_utc']} | "
            f"{x['mars_departure_utc']} | {x['earth_arrival_utc']} | {x['outbound_tof_days']:.0f} / "
            f"{x['stay_days']:.0f} / {x['return_tof_days']:.0f} | {x['total_days']:.0f} | {x['dv_total_kms']:.2f} | "
            f"{(fb['leg'] + ' ' + fb['date_utc']) if fb else '-'} | {d.total_sv * 1e3:.0f} | "
            f"{d.total_sv / 0.6:.1f}x |")
        data_opts.append({"window": lab, **x, "dose": d.to_dict()})
    lines.append("")
    for lab, t, d in options:
        lines.append(f"- *{lab}, {t.mission_class} class:* {d.assessment}")
    lines += ["", _plain_words(options)]
    data = {
        "cargo_2026": cargo_d,
        "crewed": data_opts,
        "pareto_points": len(search.pareto),
        "shielding_gcm2": shielding,
    }
    return SectionResult("Mars missions: the 2026 uncrewed and 2029 crewed options, with the crew dose",
                         "\n".join(lines), data, tuple(figures))


def _plain_words(options) -> str:
    """A data-driven summary of the options (no hard-coded conclusions)."""
    first = [(t, d) for lab, t, d in options if lab.endswith("opportunity")]
    late = {t.mission_class: t for lab, t, d in options if not lab.endswith("opportunity")}
    out = []
    by = {t.mission_class: (t, d) for t, d in first}
    if "conjunction" in by and "opposition" in by:
        (tc, dc), (to, do) = by["conjunction"], by["opposition"]
        more = "more" if dc.total_sv > do.total_sv else "less"
        out.append(
            f"In plain words: the long-stay trip takes {tc.total_s / DAY:.0f} days ({tc.deep_space_s / DAY:.0f} in "
            f"deep space) for {tc.total_dv / 1e3:.1f} km/s; the short-stay trip {to.total_s / DAY:.0f} days "
            f"({to.deep_space_s / DAY:.0f} in deep space) for {to.total_dv / 1e3:.1f} km/s, and its crew gets "
            f"{do.total_sv * 1e3:.0f} mSv against {dc.total_sv * 1e3:.0f} mSv ({more} dose for the long stay).")
    over = [t.mission_class for t, d in first if d.total_sv > 0.6]
    if over:
        out.append("Both exceed NASA's 600 mSv career limit" if len(over) == 2 else
                   f"The {over[0]}-class trip exceeds NASA's 600 mSv career limit")
        out[-1] += (" from cosmic rays alone, but that dose accrues over years: acute radiation sickness needs "
                    "~1 Gy within days, which only a large solar particle event caught outside a storm "
                    "shelter could deliver.")
    for c, t in late.items():
        if c in by:
            ref = by[c][0]
            out.append(f"Departing in 2029 proper, the best {c}-class trip leaves {t.to_dict()['earth_departure_utc']} "
                       f"for {t.total_dv / 1e3:.1f} km/s (the {ref.to_dict()['earth_departure_utc']} departure above: "
                       f"{ref.total_dv / 1e3:.1f} km/s).")
    return " ".join(out)
