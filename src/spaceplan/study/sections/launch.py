"""Study section ``launch``: reusable against expendable first stages, and powered landings.

Payload per recovery mode (from the payload optimizer of :mod:`spaceplan.launch.recovery` when
``payload_source = "optimizer"``, else the published figures of the cost presets), cost per launch and per
kg against flights per stage with the break-even number of reuses (:mod:`spaceplan.launch.economics`), and
powered-descent solves (:mod:`spaceplan.launch.landing`: lossless convexification, Açıkmeşe & Ploen 2007):
reference cases and a booster landing burn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spaceplan.study.config import SectionConfig, join_names, option

_LANDING = {"asds": "drone-ship", "rtls": "return-to-launch-site", "land": "landing-zone"}
_STAGE_KEYS = ("mass_kg", "thrust_max_n", "throttle_min", "isp_s", "r0_m", "v0_m_s")


@dataclass(frozen=True)
class Config(SectionConfig):
    SECTION = "launch"
    title: str = option("", "section title ('' : the vehicles' names)")
    vehicles: tuple[str, ...] = option(["falcon9", "amur_lng"], "vehicle presets with an [economics] table (spaceplan presets vehicles)")
    flights: tuple[int, int] = option([1, 20], "flights per first stage [first, last]", lo=1, hi=200)
    payload_source: str = option("preset", "payloads per recovery mode: published ('preset') or ascent "
                                 "simulations ('optimizer', ~1-2 min per vehicle and mode)", choices=("preset", "optimizer"))
    orbit: str = option("200x200", "target orbit of the optimizer, perigee x apogee (km)")
    inclination_deg: float = option(51.7, "target inclination of the optimizer (deg)", lo=0.0, hi=180.0)
    landing_cases: tuple[str, ...] = option(["mars_acikmese2007", "mars_blackmore2010_infeasible"],
                                            "powered-descent reference cases")
    landing_nodes: int = option(55, "collocation nodes of the landing solves", lo=10, hi=400)
    stage_label: str = option("Falcon 9-like booster", "what the stage landing burn stands for, in the prose")
    stage_landing: dict = option({"mass_kg": 30000.0, "thrust_max_n": 845000.0, "throttle_min": 0.4, "isp_s": 282.0,
                                  "r0_m": [2000.0, 0.0, 0.0], "v0_m_s": [-250.0, 0.0, 0.0]},
                                 "booster landing burn: mass, one engine's thrust, minimum throttle, Isp, start state")

    def __post_init__(self):
        from spaceplan.core.errors import InputError, UnknownNameError

        if self.flights[1] < self.flights[0]:
            raise InputError("launch.flights", f"got {list(self.flights)}", "[first, last] with last >= first")
        for key, value in self.stage_landing.items():
            if key not in _STAGE_KEYS:
                raise UnknownNameError(f"launch.stage_landing.{key}", key, _STAGE_KEYS)
            ok = (isinstance(value, list) and len(value) == 3 and all(isinstance(v, (int, float)) for v in value)
                  if key in ("r0_m", "v0_m_s") else isinstance(value, (int, float)) and not isinstance(value, bool))
            if not ok:
                raise InputError(f"launch.stage_landing.{key}", f"got {value!r}",
                                 "3 numbers" if key in ("r0_m", "v0_m_s") else "a number")


@dataclass(frozen=True)
class Result:
    config: Config
    economics: tuple  # (ReuseCosts, payload source text) per vehicle
    landings: tuple  # LandingSolution per case (trajectories of a few dozen nodes)
    stage_propellant_kg: float
    stage_tf_s: float
    stage_lossless: bool
    notes: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "economics": [{**b.to_dict(), "payload_source": source} for b, source in self.economics],
            "landing": [{k: v for k, v in s.to_dict().items() if k != "trajectory"} for s in self.landings],
            "stage_landing": {"propellant_kg": self.stage_propellant_kg, "tf_s": self.stage_tf_s,
                              "lossless": self.stage_lossless, **self.config.stage_landing},
        }


def _optimizer_payloads(name: str, cfg: Config, notes: list[str]) -> dict[str, float] | None:
    """Payload per mode from the ascent/recovery optimizer; None (with a note) if it is unavailable."""
    from spaceplan.core.errors import SpaceplanError

    from spaceplan.core import registry

    preset = registry.load("vehicles", name, table="economics")
    if not preset.has("payload_model"):
        notes.append(f"no ascent model for {name}; published payloads used")
        return None
    vehicle, model = preset.name, preset.table("payload_model")
    from spaceplan.launch.ascent import parse_orbit
    from spaceplan.launch.recovery import payload_with_recovery

    site, modes = model["site"], model["recovery_modes"]
    target = parse_orbit(cfg.orbit, cfg.inclination_deg)
    out: dict[str, float] = {}
    try:
        for mode, opt_mode in modes.items():
            res = payload_with_recovery(vehicle, target, site, mode=opt_mode)
            out[mode] = float(res.payload_kg)
            out["expendable"] = float(res.expendable_payload_kg)
    except SpaceplanError as exc:  # the section still runs; the fallback is stated
        notes.append(f"payload optimizer failed for {name} ({type(exc).__name__}: {exc}); published payloads used")
        return None
    return out


def compute(config: Config, progress=None) -> Result:
    from spaceplan.launch.economics import load_cost_model, reuse_costs, with_payloads
    from spaceplan.launch.landing import landing_propellant, load_case, solve_landing

    tick = progress or (lambda done, total: None)
    flights = range(config.flights[0], config.flights[1] + 1)
    notes: list[str] = []
    steps = len(config.vehicles) + len(config.landing_cases) + 1
    done = 0
    economics = []
    for name in config.vehicles:
        model = load_cost_model(name)
        source = "published / preset"
        if config.payload_source == "optimizer":
            pay = _optimizer_payloads(name, config, notes)
            if pay:
                model = with_payloads(model, pay)
                source = f"payload optimizer, {config.orbit} km at {config.inclination_deg:g}°"
        economics.append((reuse_costs(model, flights), source))
        done += 1
        tick(done, steps)
    landings = []
    for case in config.landing_cases:
        landings.append(solve_landing(load_case(case), n_nodes=config.landing_nodes))
        done += 1
        tick(done, steps)
    st = {**Config().stage_landing, **config.stage_landing}
    kg, sol = landing_propellant(float(st["mass_kg"]), float(st["thrust_max_n"]),
                                 float(st["throttle_min"]) * float(st["thrust_max_n"]), float(st["isp_s"]),
                                 st["r0_m"], st["v0_m_s"], return_solution=True)
    tick(steps, steps)
    return Result(config, tuple(economics), tuple(landings), float(kg), float(sol.tf_s), bool(sol.lossless), tuple(notes))


def _reading(b) -> str:
    """One sentence on a vehicle's reuse economics, from its numbers."""
    m = b.model
    penalty = 1.0 - m.payload_kg[b.mode] / m.payload_kg["expendable"]
    refurb = f"refurbishment at {m.refurbish_fraction:.0%} of a new stage per reflight"
    landing = _LANDING.get(b.mode, b.mode)
    if b.break_even_flights is None:
        return (f"{m.name}: with {refurb} and the {penalty:.0%} payload penalty of a {landing} landing, reuse never "
                f"beats an expendable launch on cost per kg within {int(b.flights[-1])} flights.")
    return (f"{m.name}: with {refurb}, a recovered stage beats the expendable one on cost per kg from flight "
            f"{b.break_even_flights} on, despite the {penalty:.0%} payload penalty of a {landing} landing.")


def render(result: Result, ctx):
    from spaceplan.core.constants import G0
    from spaceplan.launch.economics_plots import plot_cost_per_kg
    from spaceplan.launch.landing_plots import plot_landing
    from spaceplan.study.flags import mark
    from spaceplan.study.runner import SectionResult

    cfg = result.config
    figures = [ctx.save_figure("launch_cost_per_kg", plot_cost_per_kg, [b for b, _ in result.economics])]
    if result.landings:
        figures.append(ctx.save_figure("launch_landing", plot_landing, list(result.landings)))
    names = [b.model.name for b, _ in result.economics]
    shown = [n for n in (1, 5, 10, 20) if cfg.flights[0] <= n <= cfg.flights[1]] or [cfg.flights[1]]
    per_kg_at = 10 if 10 in shown else shown[-1]
    lines = [f"Reusable against expendable first stages: {join_names(names)}.  Costs below are **estimates** "
             "(every number, and whether it is published or estimated, is in "
             "the `[economics]` table of `spaceplan/launch/presets/vehicles/*.toml`); payloads per recovery mode are the recovery penalty "
             "that reuse pays.", "",
             "| vehicle | recovery | payload recovered / expendable (kg) | payload source | expendable cost (M$) "
             f"| cost at {' / '.join(map(str, shown))} flights (M$) | $/kg at {per_kg_at} flights "
             "| expendable $/kg | break-even flights | list price $/kg |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for b, source in result.economics:
        m = b.model
        flights = list(b.flights)
        costs = " / ".join(f"{b.cost_per_launch_usd[flights.index(n)] / 1e6:.1f}" for n in shown)
        last = f"{b.cost_per_kg_usd[flights.index(per_kg_at)]:,.0f}"
        price = "-" if m.price_usd is None else f"{m.price_usd / m.payload_kg[b.mode]:,.0f}"
        be = "never" if b.break_even_flights is None else str(b.break_even_flights)
        lines.append(f"| {m.name} | {b.mode} | {m.payload_kg[b.mode]:,.0f} / {m.payload_kg['expendable']:,.0f} "
                     f"| {source} | {b.expendable_cost_usd / 1e6:.1f} | {mark(costs, b.warnings)} | {mark(last, b.warnings)} "
                     f"| {b.expendable_cost_per_kg_usd:,.0f} | {mark(be, b.warnings)} | {price} |")
    if result.landings:
        lines += ["", "Powered landing (fuel-optimal, lossless convexification; Açıkmeşe & Ploen 2007, "
                  "Blackmore et al. 2010):", "",
                  "| case | mode | propellant used / available (kg) | needed to reach target (kg) | t_f (s) "
                  "| landing error (m) | lossless | solve time (s) |", "|---|---|---|---|---|---|---|---|"]
        for s in result.landings:
            mode = s.mode.replace("_", " ") if s.fuel_optimal_feasible else \
                f"**infeasible** (target out of reach): {s.mode.replace('_', ' ')}"
            lines.append(f"| {s.problem.name} | {mode} | {mark(f'{s.propellant_kg:.1f}', s.warnings)} / "
                         f"{s.problem.propellant_kg:.0f} | {s.propellant_required_kg:.1f} | {s.tf_s:.1f} "
                         f"| {s.landing_error_m:.0f} | {'yes' if s.lossless else 'no'} | {s.solve_time_s:.2f} |")
    st = {**Config().stage_landing, **cfg.stage_landing}
    dv = abs(float(st["v0_m_s"][0])) + G0 * result.stage_tf_s
    lines += ["", f"{cfg.stage_label[0].upper()}{cfg.stage_label[1:]} landing burn ({st['mass_kg'] / 1000:.0f} t "
              f"stage, one engine {st['thrust_max_n'] / 1e3:.0f} kN, {st['throttle_min']:.0%} minimum throttle, from "
              f"{st['r0_m'][0]:.0f} m at {abs(st['v0_m_s'][0]):.0f} m/s): **{result.stage_propellant_kg:,.0f} kg** of "
              f"propellant in {result.stage_tf_s:.1f} s (delta-v {dv:.0f} m/s, no drag; equal to the rocket equation "
              "with |v0| + g t_f, the 1-D check).  Burn start is the input: the engine cannot throttle below the "
              "stage's weight, so a hover is impossible and the ignition point must be right.",
              "", "Reading: " + " ".join(_reading(b) for b, _ in result.economics)]
    lines += [f"Note: {n}" for n in result.notes]
    title = cfg.title or "Launch: reusable vs expendable, " + " vs ".join(names)
    return SectionResult(title, "\n".join(lines), result.to_dict(), tuple(figures))
