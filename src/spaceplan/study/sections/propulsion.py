"""Study section ``propulsion``: nuclear-electric tugs against NTP and chemical stages.

The section spirals the first configured NEP tug out of Earth orbit (:mod:`spaceplan.propulsion.spiral`)
and compares, for the configured cargo and destinations, the NEP tug(s), an NTP stage and a chemical
stack (:mod:`spaceplan.propulsion.compare`).  With ``tem_checks``, it also checks which published
TEM/"Zeus" numbers agree with each other (:mod:`spaceplan.propulsion.tem`); the claim the section
answers is the scenario's (``claim``), not written here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.study.config import SectionConfig, option

TITLE = "Propulsion: nuclear-electric tugs against nuclear-thermal and chemical stages"


@dataclass(frozen=True)
class Config(SectionConfig):
    SECTION = "propulsion"
    nep: tuple[str, ...] = option(["zeus-official", "zeus"], "NEP tug presets (spaceplan propulsion presets)")
    ntp: str = option("ntp-dra5", "NTP stage preset")
    chemical: str = option("centaur", "chemical stage preset")
    launchers: tuple[str, ...] = option(["angara-a5v", "falcon-heavy", "starship"], "heavy launchers for the launch count")
    mars_cargo_t: float = option(20.0, "cargo to a 500 km Mars orbit (t); 0 skips Mars", lo=0.0, hi=1000.0)
    lunar_cargo_t: float = option(7.0, "cargo to a 100 km lunar orbit (t), Roscosmos' 7 t claim; 0 skips", lo=0.0,
                                  hi=1000.0)
    mars_window: tuple[str, str] = option(["2028-09-01", "2029-01-31"], "impulsive departure window [start, end] (UTC)")
    helio_departure: str = option("2028-09-01", "NEP heliocentric leg start (UTC); its spiral starts earlier")
    claim: str = option("", "the claim the section answers, quoted at the top of its prose ('' : none)")
    belt_shielding_gcm2: float = option(10.0, "aluminium-equivalent shielding around the crew during the escape spiral "
                                        "(g/cm²; an assumption: a crew or electronics bay)", lo=0.0, hi=200.0)
    spiral_inclination_deg: float = option(51.6, "plane of the tug's parking orbit (deg; an assumption: Baikonur/"
                                           "Vostochny launches)", lo=0.0, hi=180.0)
    tem_checks: bool | None = option(None, "check the published TEM/Zeus numbers against each other (F = 2 eta P / c); "
                                     "None: when a TEM preset is among the NEP tugs")


@dataclass(frozen=True)
class Result:
    config: Config
    tem: Any  # TemConsistency, or None without tem_checks
    comparisons: tuple  # Comparison per destination
    spiral: Any  # SpiralResult: escape spiral of the first NEP preset with the lunar cargo (history thinned, float32)
    spiral_vehicle: str
    spiral_stack: dict  # the tug's dry and wet mass, its full xenon load and the cargo the spiral starts with (kg)
    belts: dict = dataclasses.field(default_factory=dict)  # belt days by L-shell and dose (radiation, via missions)

    def to_dict(self) -> dict:
        return {"tem": None if self.tem is None else self.tem.to_dict(),
                "comparisons": [c.to_dict() for c in self.comparisons],
                "spiral": {**self.spiral.to_dict(), "vehicle": self.spiral_vehicle, **self.spiral_stack, **self.belts}}


def compute(config: Config, progress=None) -> Result:
    from spaceplan.core.constants import EARTH_RADIUS
    from spaceplan.propulsion.compare import NEP_LEO_ALT_M, compare
    from spaceplan.propulsion.presets import NEPVehicle, load_vehicle
    from spaceplan.propulsion.spiral import spiral_escape
    from spaceplan.propulsion.tem import tem_consistency

    tick = progress or (lambda done, total: None)
    jobs = [("lunar-orbit", config.lunar_cargo_t), ("mars-orbit", config.mars_cargo_t)]
    jobs = [(d, c) for d, c in jobs if c > 0]
    total = len(jobs) + 1
    comps = []
    for k, (dest, cargo_t) in enumerate(jobs):
        comps.append(compare(cargo_t * 1e3, dest, tuple(config.nep), config.ntp, config.chemical,
                             tuple(config.launchers), tuple(config.mars_window), config.helio_departure))
        tick(k + 1, total)
    v = load_vehicle(config.nep[0])
    if not isinstance(v, NEPVehicle):
        from spaceplan.core.errors import InputError

        raise InputError("propulsion.nep", f"{config.nep[0]} is not a nuclear-electric tug")
    sp = spiral_escape("earth", EARTH_RADIUS + NEP_LEO_ALT_M, v.thrust_n, v.exhaust_speed_m_s,
                       v.wet_mass_kg() + config.lunar_cargo_t * 1e3)
    h = sp.history
    step = max(1, h.shape[0] // 12_000)
    hist = np.ascontiguousarray(h[::step], dtype=np.float32)
    tick(total, total)
    stack = {"tug_wet_kg": v.wet_mass_kg(), "tug_dry_kg": v.dry_mass_kg, "xenon_load_kg": v.propellant_capacity_kg,
             "cargo_kg": config.lunar_cargo_t * 1e3}
    from spaceplan.propulsion.tem import TEM_PRESETS

    tem_wanted = config.tem_checks
    if tem_wanted is None:  # the TEM claims are checked when the scenario flies a TEM preset
        tem_wanted = any(getattr(load_vehicle(n), "key", n) in TEM_PRESETS for n in config.nep)
    tem = tem_consistency() if tem_wanted else None
    return Result(config, tem, tuple(comps), dataclasses.replace(sp, history=hist), v.name, stack,
                  _belt_exposure(sp, config))


def _belt_exposure(sp, config: Config) -> dict:
    """Belt days by McIlwain L-shell and AE-8/AP-8 flux (issue 24 finding 13) and the crew dose behind the
    configured shielding, from the radiation domain through the missions layer."""
    from spaceplan.core.time import utc_to_tdb
    from spaceplan.missions import spiral_dose

    start = float(utc_to_tdb(config.helio_departure)) - sp.time_s
    d = spiral_dose(sp, start, config.spiral_inclination_deg, config.belt_shielding_gcm2).to_dict()
    return {"inner_belt_days": d["inner_belt_days"], "outer_belt_days": d["outer_belt_days"],
            "belt_days_method": "McIlwain L (IGRF) with AE-8/AP-8 flux", "inclination_deg": config.spiral_inclination_deg,
            "shielding_gcm2": config.belt_shielding_gcm2, "dose_msv": d["total_msv"], "trapped_msv": d["trapped_msv"]}


def _count(option, launcher: str) -> str:
    """Launch count of one option on one launcher, marked when the fairing volume (not the mass) binds."""
    n = option.launches[launcher]
    return f"{n} (volume)" if option.launch_binding.get(launcher) == "volume" else str(n)


def render(result: Result, ctx):
    from spaceplan.propulsion.plots import plot_spiral, plot_trade
    from spaceplan.study.flags import mark
    from spaceplan.study.runner import SectionResult

    cfg = result.config
    s = result.to_dict()["spiral"]
    figures = [ctx.save_figure("propulsion_spiral", plot_spiral, result.spiral)]
    for c in result.comparisons:
        figures.append(ctx.save_figure(f"propulsion_trade_{c.destination.replace('-', '_')}", plot_trade, c))
    from spaceplan.propulsion.compare import NEP_LEO_ALT_M

    t = result.tem
    lines = ([f"Claim: {cfg.claim.strip()}", ""] if cfg.claim.strip() else [])
    lines += ["Thrust follows F = 2 eta P / c; presets say what is published and what is assumed "
              "(`spaceplan/propulsion/presets`)."]
    if t is not None:
        lines += ["", f"Which TEM claims agree: {t.checks[0].claim} is {t.jet_power_w / 1e3:.0f} kW of jet power, "
                      f"{t.electric_power_needed_w / 1e3:.0f} kWe at the ID-500's efficiency.", "",
                  "| claim | implies | value | consistent | why |", "|---|---|---:|---|---|"]
        for c in t.checks:
            lines.append(f"| {c.claim} | {c.implies} | {c.value:,.3g} {c.unit} | "
                         f"{'yes' if c.consistent else '**no**'} | {c.why} |")
    lines += ["", f"Escape spiral of the {s['vehicle']} from {NEP_LEO_ALT_M / 1e3:.0f} km: the tug ({s['tug_dry_kg'] / 1e3:.1f} t dry, "
                  f"{s['tug_wet_kg'] / 1e3:.1f} t with its full {s['xenon_load_kg'] / 1e3:.1f} t xenon load and tanks) "
                  f"and {s['cargo_kg'] / 1e3:g} t of cargo, {s['mass_start_kg'] / 1e3:.1f} t in all: "
                  f"{s['time_days']:.0f} days, {s['revolutions']:.0f} revolutions, "
                  f"{s['dv_km_s']:.2f} km/s, {s['propellant_kg']:,.0f} kg of xenon; "
                  f"{s['inner_belt_days']:.0f} days in the inner and {s['outer_belt_days']:.0f} days in the outer "
                  f"Van Allen belt (by McIlwain L-shell and AE-8/AP-8 flux in a {s.get('inclination_deg', 51.6):g} deg "
                  f"plane), {s['dose_msv'] / 1e3:.2g} Sv behind {s['shielding_gcm2']:g} g/cm² of aluminium "
                  f"({s['trapped_msv'] / 1e3:.2g} Sv from trapped particles).", ""]
    for c in result.comparisons:
        lv = list(c.launchers)
        lines += [f"{c.cargo_kg / 1e3:g} t of cargo to {c.destination.replace('-', ' ')}:", "",
                  "| option | IMLEO (t) | propellant (t) | trip (days) | delta-v (km/s) | "
                  + " | ".join(f"{n} launches" for n in lv) + " | reactor (MWt-days) |",
                  "|---|---:|---:|---:|---:|" + "---:|" * len(lv) + "---:|"]
        for o in c.options:
            if not o.feasible:
                lines.append(f"| {o.name} | infeasible: {o.note} |" + " |" * (4 + len(lv)))
                continue
            lines.append(f"| {o.name} | {o.imleo_kg / 1e3:.1f} | {mark(f'{o.propellant_kg / 1e3:.1f}', o.warnings)} | "
                         f"{mark(f'{o.trip_time_s / DAY:.0f}', o.warnings)} | {o.dv_m_s / 1e3:.2f} | "
                         + " | ".join(_count(o, n) for n in lv)
                         + f" | {o.reactor_energy_mwd_t:.0f} |" if o.kind == "nep" else
                         f"| {o.name} | {o.imleo_kg / 1e3:.1f} | {o.propellant_kg / 1e3:.1f} | "
                         f"{o.trip_time_s / DAY:.0f} | {o.dv_m_s / 1e3:.2f} | "
                         + " | ".join(_count(o, n) for n in lv) + " | - |")
        lines += ["", f"Launches: by mass or by fairing volume, whichever needs more (marked \"volume\"); "
                      "volume counts the propellant only.", "",
                  f"Assumptions: {c.assumptions}.", "", "Reading: " + c.verdict, ""]
    return SectionResult(TITLE, "\n".join(lines), result.to_dict(), tuple(figures))
