"""Study section ``mars_missions``: a one-way cargo window and crewed Mars round trips, with the crew dose.

From DE421 and patched conics: the minimum-C3 one-way transfer of a cargo departure window, the
least-delta-v conjunction- and opposition-class round trips of one Mars opportunity (the year its window
opens) and of a second, freely chosen departure window, and the crew dose of each trip
(:func:`spaceplan.radiation.mission_dose`, solar activity from the cycle model at each phase's date)
against NASA's 600 mSv career limit and the acute radiation syndrome threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InfeasibleError
from spaceplan.study.config import SectionConfig, option
from spaceplan.study.flags import mark

NASA_LIMIT_SV = 0.6  # NASA-STD-3001 career limit, 600 mSv effective dose


@dataclass(frozen=True)
class Config(SectionConfig):
    SECTION = "mars_missions"
    cargo_departure: tuple[str, str] = option(["2026-09-01", "2027-02-28"], "one-way cargo departure window [first, last] (UTC)")
    cargo_tof_days: tuple[float, float] = option([120.0, 400.0], "cargo flight time bounds (days)", lo=10.0, hi=2000.0)
    crew_year: int = option(2028, "year the crewed opportunity's window opens", lo=1990, hi=2050)
    late_departure: tuple[str, str] = option(["2029-01-01", "2029-12-31"], "second crewed departure window [first, last] (UTC)")
    step_days: float = option(4.0, "date grid step (days)", lo=0.5, hi=30.0)
    venus: bool = option(True, "allow a Venus swing-by on opposition-class trips")
    crew_max_transit_days: float = option(210.0, "longest crew transit each way, conjunction class (days)", lo=120.0, hi=400.0)
    shielding_gcm2: float = option(20.0, "aluminium shielding (g/cm²)", lo=0.0, hi=200.0)
    capsule: str = option("mars-return-default", "Earth-return capsule preset: its entry-speed limit; braking above "
                          "it is charged (mars-return-default 12.5 km/s, orion 11, earth-aerocapture 14)")
    spe: str = option("", "historical solar particle event added to each crewed trip's first deep-space phase "
                      "(spaceplan radiation SPE scenarios, e.g. aug1972; '' : none)")

    def __post_init__(self):
        from spaceplan.core.errors import InputError

        if self.cargo_tof_days[1] <= self.cargo_tof_days[0]:
            raise InputError("mars_missions.cargo_tof_days", f"got {list(self.cargo_tof_days)}", "[shortest, longest]")
        if self.spe:
            from spaceplan.core.errors import UnknownNameError
            from spaceplan.radiation.spe import event_name, event_names

            try:
                event_name(self.spe)
            except UnknownNameError:
                raise UnknownNameError("mars_missions.spe", self.spe, event_names()) from None
        for field in ("cargo_departure", "late_departure"):
            first, last = getattr(self, field)
            if str(last) <= str(first):
                raise InputError(f"mars_missions.{field}", f"got {[first, last]}", "[first, last] ISO dates, last later")


@dataclass(frozen=True)
class CrewOption:
    """The least-delta-v trip of one class in one departure window, and its crew dose."""

    window: str  # display label, generated from the configuration
    kind: str  # "opportunity" (the crew_year window) or "window" (late_departure)
    trip: Any  # spaceplan.interplanetary.RoundTrip
    dose: Any  # spaceplan.radiation dose result

    def to_dict(self) -> dict:
        return {"window": self.window, **self.trip.to_dict(), "dose": self.dose.to_dict()}


@dataclass(frozen=True)
class Result:
    config: Config
    cargo: Any  # TransferPoint: minimum-C3 one-way transfer
    options: tuple[CrewOption, ...]
    pareto_points: int
    pareto: Any  # spaceplan.interplanetary.mission_plots.ParetoPicture of the crew_year opportunity

    def to_dict(self) -> dict:
        return {"cargo": self.cargo.to_dict(), "crewed": [o.to_dict() for o in self.options],
                "pareto_points": self.pareto_points, "shielding_gcm2": self.config.shielding_gcm2}


def window_label(first: str, last: str) -> str:
    """"departing in 2029" when the window lies in one calendar year, else "departing FIRST to LAST"."""
    if str(first)[:4] == str(last)[:4]:
        return f"departing in {str(first)[:4]}"
    return f"departing {first} to {last}"


def compute(config: Config, progress=None) -> Result:
    from spaceplan.core.time import epoch_grid, utc_to_tdb
    from spaceplan.interplanetary.mission_plots import pareto_picture
    from spaceplan.core.porkchop import porkchop
    from spaceplan.interplanetary import search_round_trips
    from spaceplan.missions import crew_dose

    tick = progress or (lambda done, total: None)
    step = config.step_days
    tick(0, 3)
    t0, t1 = (float(utc_to_tdb(x, "mars_missions.cargo_departure")) for x in config.cargo_departure)
    lo, hi = (x * DAY for x in config.cargo_tof_days)
    dep = epoch_grid(t0, step * DAY, stop_tdb=t1, field="mars_missions.cargo_departure")
    arr = epoch_grid(t0 + lo, step * DAY, stop_tdb=t1 + hi, field="mars_missions.cargo_tof_days")
    pc = porkchop("earth", "mars", dep, arr, tof_bounds=(lo, hi))
    cargo = min((v for v in pc.min().values() if v is not None), key=lambda p: p.c3)
    tick(1, 3)

    # Conjunction class with DRA 5.0-like crew transits (<= crew_max_transit_days each way);
    # opposition class with the full transit range and the Venus option.
    transit = (120.0, config.crew_max_transit_days)
    windows = [(f"{config.crew_year} opportunity", "opportunity", {"year": config.crew_year}),
               (window_label(*config.late_departure), "window", {"departure_window": tuple(config.late_departure)})]
    options, first_search = [], None
    for n, (label, kind, where) in enumerate(windows):
        full = search_round_trips(mission_class="both", step_days=step, venus=config.venus, capsule=config.capsule,
                                  **where)
        conj = search_round_trips(mission_class="conjunction", step_days=step, outbound_tof_days=transit,
                                  return_tof_days=transit, capsule=config.capsule, **where)
        first_search = first_search or full
        for c, s_ in (("conjunction", conj), ("opposition", full)):
            try:
                trip = s_.best(c)
            except InfeasibleError:
                continue
            options.append(CrewOption(label, kind, trip, crew_dose(trip, config.shielding_gcm2, spe=config.spe)))
        tick(2 + n, 3)
    return Result(config, cargo, tuple(options), len(first_search.pareto), pareto_picture(first_search))


def render(result: Result, ctx):
    from spaceplan.interplanetary.mission_plots import plot_pareto
    from spaceplan.radiation.plots import plot_timeline
    from spaceplan.study.runner import SectionResult

    cfg = result.config
    first = [o for o in result.options if o.kind == "opportunity"]
    figures = [ctx.save_figure("mars_pareto", plot_pareto, result.pareto, chosen=[o.trip for o in first])]
    for o in first:
        figures.append(ctx.save_figure(f"mars_timeline_{o.trip.mission_class}", plot_timeline, o.dose))

    cargo = result.cargo.to_dict()
    cargo_year = str(cfg.cargo_departure[0])[:4]
    from spaceplan.interplanetary import DRA5_MARS_APOAPSIS_ALT, DRA5_MARS_PERIAPSIS_ALT, LEO_ALTITUDE
    from spaceplan.interplanetary.capsules import load_capsule

    cap = load_capsule(cfg.capsule)

    lines = [
        f"Patched conics on DE421: Lambert arcs between planet centres, impulsive burns from a "
        f"{LEO_ALTITUDE / 1e3:.0f} km parking orbit at Earth and into/out of the {DRA5_MARS_PERIAPSIS_ALT / 1e3:.0f} km "
        f"x {DRA5_MARS_APOAPSIS_ALT / 1e3:,.0f} km one-sol Mars orbit of NASA's "
        f"Design Reference Architecture 5.0; Earth arrival by {cap.mode} at up to {cap.max_entry_speed / 1e3:g} km/s "
        f"at 125 km ({cap.name}), a braking burn charged for any speed above that.  Least total delta-v per class; "
        f"conjunction class with crew transits of at most {cfg.crew_max_transit_days:g} days each way (as DRA 5.0's "
        "~180-day transits), opposition class (30-90 day stay, at most 650 days)"
        f"{' with an optional Venus flyby' if cfg.venus else ', no Venus flyby'}; grid step {cfg.step_days:g} days.",
        "",
        f"**Uncrewed, one way ({cfg.cargo_departure[0]} to {cfg.cargo_departure[1]} departures).** The window's "
        f"minimum-energy transfer leaves on {cargo['departure_utc'][:10]} (C3 {cargo['c3_km2s2']:.1f} km²/s², type "
        f"{cargo['type']}) and arrives {cargo['arrival_utc'][:10]} after {cargo['tof_days']:.0f} days at "
        f"{cargo['vinf_arrival_kms']:.2f} km/s hyperbolic excess.",
        "",
        f"**Crewed round trips** (crew dose behind {cfg.shielding_gcm2:g} g/cm² aluminium, solar activity from the "
        "cycle model at each phase's date):",
        "",
        "| window | class | Earth departure | Mars arrival | Mars departure | Earth return | transit out / stay / "
        "back (d) | total (d) | delta-v (km/s) | of which entry braking (km/s) | entry speed (km/s) | Venus | "
        "dose (mSv) | vs NASA 600 mSv |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for o in result.options:
        x, d = o.trip.to_dict(), o.dose
        fb = x["venus_flyby"]
        dv = mark(f"{x['dv_total_kms']:.2f}", o.trip.warnings)
        entry = mark(f"{x['entry_speed_kms']:.1f}", o.trip.warnings)
        dose = mark(f"{d.total_sv * 1e3:.0f}", getattr(d, "warnings", ()))
        lines.append(
            f"| {o.window} | {o.trip.mission_class} | {x['earth_departure_utc']} | {x['mars_arrival_utc']} | "
            f"{x['mars_departure_utc']} | {x['earth_arrival_utc']} | {x['outbound_tof_days']:.0f} / "
            f"{x['stay_days']:.0f} / {x['return_tof_days']:.0f} | {x['total_days']:.0f} | {dv} | "
            f"{x['dv_earth_arrival_kms']:.2f} | {entry} | "
            f"{(fb['leg'] + ' ' + fb['date_utc']) if fb else '-'} | {dose} | "
            f"{d.total_sv / NASA_LIMIT_SV:.1f}x |")
    if not result.options:
        lines.append("| no feasible round trip in either window | | | | | | | | | | | | | |")
    lines.append("")
    lines += [f"- *{o.window}, {o.trip.mission_class} class:* {o.dose.assessment}" for o in result.options]
    lines += ["", _plain_words(result.options)]
    late = window_label(*cfg.late_departure)
    title = (f"Mars missions: {cargo_year} uncrewed, {cfg.crew_year} opportunity and crewed trips {late}, "
             "with the crew dose")
    return SectionResult(title, "\n".join(lines), result.to_dict(), tuple(figures))


def _plain_words(options) -> str:
    """A summary of the options written from their numbers (no hard-coded conclusions)."""
    from spaceplan.missions import dose_order

    by = {o.trip.mission_class: o for o in options if o.kind == "opportunity"}
    out = []
    if "conjunction" in by and "opposition" in by:
        (tc, dc), (to, do) = (by["conjunction"].trip, by["conjunction"].dose), (by["opposition"].trip, by["opposition"].dose)
        unc = max(dc.assessment_detail.uncertainty_fraction, do.assessment_detail.uncertainty_fraction)
        order = dose_order(dc.total_sv, do.total_sv, unc)
        which = ("more dose for the long stay" if order == "a" else "more dose for the short stay" if order == "b"
                 else f"a {abs(dc.total_sv / do.total_sv - 1):.0%} difference inside the model's +/-{unc:.0%}: which "
                      "trip doses its crew more depends on the model and the solar cycle")
        out.append(
            f"In plain words: the long-stay trip takes {tc.total_s / DAY:.0f} days ({tc.deep_space_s / DAY:.0f} in "
            f"deep space) for {tc.total_dv / 1e3:.1f} km/s; the short-stay trip {to.total_s / DAY:.0f} days "
            f"({to.deep_space_s / DAY:.0f} in deep space) for {to.total_dv / 1e3:.1f} km/s, and its crew gets "
            f"{do.total_sv * 1e3:.0f} mSv against {dc.total_sv * 1e3:.0f} mSv ({which}).")
    over = [c for c, o in by.items() if o.dose.total_sv > NASA_LIMIT_SV]
    if over:
        out.append("Both exceed NASA's 600 mSv career limit" if len(over) == 2 else
                   f"The {over[0]}-class trip exceeds NASA's 600 mSv career limit")
        out[-1] += (" from cosmic rays alone, but that dose accrues over years: acute radiation sickness needs "
                    "~1 Gy within days, which only a large solar particle event caught outside a storm "
                    "shelter could deliver.")
    for o in options:
        if o.kind == "window" and o.trip.mission_class in by:
            ref = by[o.trip.mission_class]
            out.append(f"{o.window[0].upper()}{o.window[1:]}, the best {o.trip.mission_class}-class trip leaves "
                       f"{o.trip.to_dict()['earth_departure_utc']} for {o.trip.total_dv / 1e3:.1f} km/s (the "
                       f"{ref.window}'s {ref.trip.to_dict()['earth_departure_utc']} departure: "
                       f"{ref.trip.total_dv / 1e3:.1f} km/s).")
    return " ".join(out)
