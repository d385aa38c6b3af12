"""Study section ``starship``: can Starship go to Mars, with how many tankers, landing how much, and when?

Claims (news): Starship flies to Mars in the late-2026 window, uncrewed, with Optimus robots aboard; crews follow in
2029; NASA lands Starship on the Moon.  The section runs the architecture of :mod:`spaceplan.missions` (tanker load
from the launch domain's ascent model, refilling with boil-off, the window's departure, Mars entry and landing,
return and ISRU, crew dose) per window, the two claims' verdicts, the fast-transfer trade, the alternatives table
(Starship refilled, NTP DRA 5.0, NEP tug + Starship crew) and the HLS lunar landing.
"""

from __future__ import annotations

from dataclasses import dataclass

from spaceplan.study.config import SectionConfig, option

TITLE = "Starship to Mars: refilling, entry and landing, and the alternatives"


@dataclass(frozen=True)
class Config(SectionConfig):
    SECTION = "starship"
    cargo_ship: str = option("block2-cargo", "cargo ship preset (spaceplan.missions presets: starships)")
    crew_ship: str = option("block3-crew", "crew ship preset")
    years: tuple[int, ...] = option([2026, 2028, 2031], "departure windows", lo=2026, hi=2040)
    ships_per_window: int = option(2, "cargo ships sent per window", lo=1, hi=100)
    payload_t: float = option(100.0, "payload landed per cargo ship (t)", lo=0.0, hi=150.0)
    optimus_ships: int = option(2, "uncrewed ships with Optimus in 2026", lo=1, hi=100)
    optimus_payload_t: float = option(20.0, "payload per Optimus ship (t; robots and their kit, assumption)",
                                      lo=0.0, hi=150.0)
    crew_payload_t: float = option(50.0, "payload landed with the 2029 crew (t)", lo=0.0, hi=100.0)
    cadence_per_week: float = option(2.0, "launches per week from all pads", lo=0.01, hi=168.0)
    boiloff_percent_per_day: float = option(0.1, "boil-off in LEO (% of the load per day)", lo=0.0, hi=99.0)
    transfer_loss_percent: float = option(2.0, "loss per propellant transfer (%)", lo=0.0, hi=99.0)
    as_of: str = option("2026-12-07", "date the campaigns can start (UTC)")
    alternatives_year: int = option(2028, "window of the alternatives table", lo=2026, hi=2040)
    alternatives_landed_t: float = option(100.0, "payload to land in the alternatives table (t)", lo=1.0, hi=1e4)
    alternatives_nep: bool = option(True, "include the NEP tug hybrid (its low-thrust legs take minutes)")
    shielding_gcm2: float = option(20.0, "crew shielding (g/cm² aluminium)", lo=0.0, hi=1000.0)
    tanker_load_t: float = option(0.0, "propellant per tanker flight (t); 0: computed by the launch ascent model",
                                  lo=0.0, hi=2000.0)


@dataclass(frozen=True)
class _Given:
    """A tanker load given in the scenario instead of computed (same fields as TankerLoad.to_dict())."""

    vehicle: str
    delivered_kg: float

    def to_dict(self) -> dict:
        return {"vehicle": self.vehicle, "delivered_t": self.delivered_kg / 1e3, "published_t": [100.0, 150.0],
                "booster_reserve_t": float("nan"), "model": "given in the scenario (starship.tanker_load_t)"}


@dataclass(frozen=True)
class Result:
    config: Config
    tankers: dict  # tanker preset -> TankerLoad.to_dict()
    windows: tuple  # WindowCampaign.to_dict() per year
    claims: dict
    fast: tuple  # fast-transfer rows (crew ship, first window)
    alternatives: dict
    moon: dict
    curves: dict  # year -> (tankers, landed t) for the cargo ship
    entries: tuple  # (label, trajectory) per window, for the corridor figure

    def to_dict(self) -> dict:
        return {"tankers": self.tankers, "windows": list(self.windows), "claims": self.claims, "fast_transfers":
                list(self.fast), "alternatives": self.alternatives, "moon": self.moon,
                "landed_vs_tankers": {str(k): {"tankers": v[0], "landed_t": v[1]} for k, v in self.curves.items()}}


def compute(config: Config, progress=None) -> Result:
    from spaceplan.missions.architectures import alternatives
    from spaceplan.missions.campaigns import claims, window_campaign
    from spaceplan.missions.moon_hls import lunar_landing
    from spaceplan.missions.ships import load_ship
    from spaceplan.missions.starship_mars import fast_transfers
    from spaceplan.missions.starship_plots import landed_vs_tankers
    from spaceplan.missions.tanker import tanker_load

    tick = progress or (lambda done, total: None)
    total = len(config.years) + 6
    cargo, crew = load_ship(config.cargo_ship), load_ship(config.crew_ship)
    names = dict.fromkeys((cargo.tanker, crew.tanker, load_ship("hls").tanker))
    if config.tanker_load_t > 0:
        loads = {name: _Given(name, config.tanker_load_t * 1e3) for name in names}
    else:
        loads = {name: tanker_load(name) for name in names}
    tick(1, total)
    kw = dict(cadence_per_day=config.cadence_per_week / 7.0, boiloff_per_day=config.boiloff_percent_per_day / 100.0,
              transfer_loss=config.transfer_loss_percent / 100.0)
    windows, entries = [], []
    for k, year in enumerate(config.years):
        w = window_campaign(int(year), cargo, ships=config.ships_per_window, payload_kg=config.payload_t * 1e3,
                            as_of=config.as_of, tanker_delivery_kg=loads[cargo.tanker].delivered_kg, **kw)
        windows.append(w.to_dict())
        if w.architecture is not None:
            entries.append((f"{year}: {w.architecture.entry.entry_speed_m_s / 1e3:.2f} km/s, "
                            f"{w.architecture.entry.flight_path_deg:g} deg", w.architecture.entry.trajectory[::4]))
        tick(2 + k, total)
    cl = claims(as_of=config.as_of, optimus_payload_kg=config.optimus_payload_t * 1e3,
                optimus_ships=config.optimus_ships, crew_payload_kg=config.crew_payload_t * 1e3,
                tanker_loads={name: load.delivered_kg for name, load in loads.items()}, **kw)
    claims_d = {"optimus_2026": cl["optimus_2026"].to_dict(), "crew_2029": cl["crew_2029"].to_dict(),
                "crew_departs_in_2029": cl["crew_departs_in_2029"], "crew_2029_verdict": cl["crew_2029_verdict"]}
    tick(total - 4, total)
    fast = fast_transfers(crew, int(config.years[0]), tanker_delivery_kg=loads[crew.tanker].delivered_kg,
                          shielding_gcm2=config.shielding_gcm2)
    curves = landed_vs_tankers(cargo, config.years, tanker_delivery_kg=loads[cargo.tanker].delivered_kg,
                               max_tankers=12, **kw)
    tick(total - 3, total)
    alt = alternatives(config.alternatives_year, config.alternatives_landed_t * 1e3, ship=cargo, crew_ship=crew,
                       tanker_delivery_kg=loads[cargo.tanker].delivered_kg,
                       crew_tanker_delivery_kg=loads[crew.tanker].delivered_kg, with_nep=config.alternatives_nep,
                       shielding_gcm2=config.shielding_gcm2, **kw).to_dict()
    tick(total - 1, total)
    moon = lunar_landing("hls", tanker_delivery_kg=loads[load_ship("hls").tanker].delivered_kg, **kw).to_dict()
    tick(total, total)
    return Result(config, {k: v.to_dict() for k, v in loads.items()}, tuple(windows), claims_d, tuple(fast), alt,
                  moon, curves, tuple(entries))


def render(result: Result, ctx):
    from spaceplan.missions.starship_plots import plot_entry_corridor, plot_landed_vs_tankers
    from spaceplan.study.runner import SectionResult

    cfg = result.config
    figures = [ctx.save_figure("starship_landed_vs_tankers", plot_landed_vs_tankers, result.curves, cfg.cargo_ship),
               ctx.save_figure("starship_entry_corridor", plot_entry_corridor, list(result.entries))]
    first = next((w for w in result.windows if w["architecture"]), None)
    if first is not None:
        from spaceplan.missions.starship_plots import plot_campaign_calendar

        figures.append(ctx.save_figure("starship_campaign_calendar", plot_campaign_calendar, first["architecture"]))
    lines = ["Claims: Starship flies to Mars in the late-2026 window, uncrewed, with Optimus robots; crews follow in "
             "2029; Starship lands on the Moon for NASA.  Every vehicle number is a preset with its source or marked "
             "as an assumption (`spaceplan/missions/presets/starships`, `spaceplan/launch/presets/vehicles`).", "",
             ("Tanker flights, their load given in the scenario (`tanker_load_t`):" if cfg.tanker_load_t > 0 else
              "Tanker flights, their load computed by the launch domain's ascent model (Super Heavy returning to the "
              "pad, payload optimised; the load is the propellant left in the tanker in orbit less its landing "
              "reserve; booster and tanker dry masses from the CH4/LOX stage mass model at their propellant capacity):"),
             "", "| tanker | delivered (t) | SpaceX states (t) | booster reserve (t) | booster / tanker dry (t) |",
             "|---|---:|---|---:|---:|"]
    warned = []
    for t in result.tankers.values():
        reserve = t["booster_reserve_t"]
        dry = (f"{t['booster_dry_t']:.1f} / {t['tanker_dry_t']:.1f}" if "booster_dry_t" in t else "-")
        lines.append(f"| {t['vehicle']} | {t['delivered_t']:.0f} | {t['published_t'][0]:.0f}-{t['published_t'][1]:.0f} "
                     f"| {'-' if reserve != reserve else f'{reserve:.0f}'} | {dry} |")
        warned += [w["message"] for w in t.get("warnings", ())]
    if warned:
        lines += [""] + [f"Warning: {m}." for m in warned]
    lines += ["", f"Per window, {cfg.ships_per_window} x {cfg.cargo_ship} landing {cfg.payload_t:g} t each "
                  f"({cfg.cadence_per_week:g} launches/week, boil-off {cfg.boiloff_percent_per_day:g} %/day, "
                  f"{cfg.transfer_loss_percent:g} % per transfer, campaigns from {cfg.as_of}):", "",
              "| window | departure | C3 (km²/s²) | tankers/ship | launches | entry (km/s) | peak g | landing Δv (km/s) "
              "| ISRU for the return (t) | verdict |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for w in result.windows:
        a = w["architecture"]
        if a is None:
            lines.append(f"| {w['year']} | | | | | | | | | {w['verdict']} |")
            continue
        ret = a["return"]
        lines.append(f"| {w['year']} | {a['departure']['departure_utc']} | {a['departure']['c3_km2s2']:.1f} | "
                     f"{w['tankers_per_ship']} | {w['launches']} | {a['entry']['entry_speed_kms']:.2f} | "
                     f"{a['entry']['peak_deceleration_g']:.1f} | {a['landing_dv_kms']:.2f} | "
                     f"{ret['isru_propellant_t'] if ret else float('nan'):.0f} | "
                     f"{'feasible' if w['feasible'] else 'infeasible (' + w['limit'] + ')'} |")
    cl = result.claims
    lines += ["", "Verdicts:", "", f"* {cl['optimus_2026']['verdict']}.", f"* {cl['crew_2029_verdict']}."]
    crew = cl["crew_2029"]["architecture"]
    if crew and crew["dose"]:
        lines.append(f"* The 2029 crew's round trip ({crew['departure']['tof_days']:.0f} d out, "
                     f"{crew['return']['stay_days']:.0f} d on Mars): {crew['dose']['total_msv']:.0f} mSv behind "
                     f"{cfg.shielding_gcm2:g} g/cm² ({crew['dose']['assessment']}).")
    fast = [r for r in result.fast if r["feasible"]]
    lands = [r for r in result.fast if r["landed_payload_t"] > 0]
    if fast:
        quick = min(fast, key=lambda r: r["tof_days"])
        slow = max(fast, key=lambda r: r["tof_days"])
        lines += ["", f"Fast transfers ({cfg.crew_ship}, {cfg.years[0]} window, full tanks): the shortest flight that "
                      f"lands anything within the heat shield's entry speed is {quick['tof_days']:.0f} days (C3 "
                      f"{quick['c3_km2s2']:.0f} km²/s², {quick['landed_payload_t']:.0f} t landed, entry at "
                      f"{quick['entry_speed_kms']:.1f} km/s, {quick['outbound_dose_msv']:.0f} mSv outbound) against "
                      f"{slow['tof_days']:.0f} days ({slow['landed_payload_t']:.0f} t, "
                      f"{slow['outbound_dose_msv']:.0f} mSv)."]
        quickest = min(lands, key=lambda r: r["tof_days"])
        if quickest["tof_days"] < quick["tof_days"]:
            lines.append(f"Propellant alone would allow {quickest['tof_days']:.0f} days, but the ship would enter at "
                         f"{quickest['entry_speed_kms']:.1f} km/s.")
    alt = result.alternatives
    lines += ["", f"Landing {alt['landed_t']:g} t in the {alt['year']} window:", "",
              "| option | launches | IMLEO (t) | cargo trip (d) | crew transit (d) | crew dose (mSv) | note |",
              "|---|---:|---:|---:|---:|---:|---|"]
    for o in alt["options"]:
        if not o["feasible"]:
            lines.append(f"| {o['name']} | infeasible: {o['note']} | | | | | |")
            continue
        lines.append(f"| {o['name']} | {o['launches']} | {o['imleo_t']:,.0f} | {o['cargo_trip_days']:.0f} | "
                     f"{o['crew_transit_days']:.0f} | {o['crew_dose_msv']:.0f} | {o['note']} |")
    m = result.moon
    lines += ["", f"Moon: {m['verdict']} (NASA said \"high teens\" of launches in 2023).", "",
              "Entry: NASA Mars Fact Sheet exponential atmosphere, lifting body with the preset's L/D and ballistic "
              "coefficient, equilibrium-glide bank guidance; heating from Sutton-Graves (an indicator).  Checked "
              "against published figures in tests/validation (tanker counts: Musk 2021, Kingdon 2025, NASA 2023 HLS; "
              "entry: Allen-Eggers 1958, MSL 2012; the 2026 window; the CH4/LOX stage masses: Musk 2016 ITS); where "
              "ours misses, the test records the miss and its cause."]
    return SectionResult(TITLE, "\n".join(lines), result.to_dict(), tuple(figures))
