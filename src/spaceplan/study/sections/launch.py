"""Study section "launch": reusable vs expendable, Falcon 9 vs Amur-LNG.

Claim (Roscosmos): reusing the first stage brought SpaceX large savings; Amur-LNG will be reusable.
This section gives: payload per recovery mode (from the payload optimizer of
:mod:`spaceplan.launch.recovery` when ``payload_source = "optimizer"``, else the published figures of the
cost presets), cost per launch and per kg against flights per stage with the break-even number of reuses
(:mod:`spaceplan.launch.economics`), and a powered-descent solve (:mod:`spaceplan.launch.landing`): the
Açıkmeşe-Ploen Mars case, its infeasible companion and a Falcon 9-like landing burn.  Keys of ``[launch]``:

    vehicles = ["falcon9", "amur_lng"]        # cost presets (presets/economics)
    flights = [1, 20]                         # flights per first stage, inclusive range
    payload_source = "preset"                 # or "optimizer" (slower: ascent simulations)
    orbit = "200x200"                         # for the optimizer: km, and inclination
    inclination_deg = 51.7
    landing_cases = ["mars_acikmese2007", "mars_blackmore2010_infeasible"]
    stage_landing = {mass_kg = 30000, thrust_max_n = 845000, throttle_min = 0.4, isp_s = 282,
                     r0_m = [2000, 0, 0], v0_m_s = [-250, 0, 0]}
"""

from __future__ import annotations

from spaceplan.study.runner import SectionContext, SectionResult, section_config

DEFAULTS = {
    "title": "Launch: reusable vs expendable, Falcon 9 vs Amur-LNG",
    "vehicles": ["falcon9", "amur_lng"],
    "flights": [1, 20],
    "payload_source": "preset",
    "orbit": "200x200",
    "inclination_deg": 51.7,
    "landing_cases": ["mars_acikmese2007", "mars_blackmore2010_infeasible"],
    "landing_nodes": 55,
    "stage_landing": {"mass_kg": 30000.0, "thrust_max_n": 845000.0, "throttle_min": 0.4, "isp_s": 282.0,
                      "r0_m": [2000.0, 0.0, 0.0], "v0_m_s": [-250.0, 0.0, 0.0]},
}

# cost-preset name -> (vehicle preset of the payload optimizer, {economics mode: optimizer mode})
# cost preset -> (vehicle preset, its launch site, {cost recovery mode: recovery-model mode})
_OPTIMIZER = {"falcon9": ("falcon9", "cape-canaveral", {"asds": "droneship", "rtls": "rtls"}),
              "amur_lng": ("amur-lng", "vostochny", {"land": "droneship"})}


def _optimizer_payloads(name: str, cfg: dict, notes: list[str]) -> dict[str, float] | None:
    """Payload per mode from the ascent/recovery optimizer; None (with a note) if it is unavailable."""
    if name not in _OPTIMIZER:
        return None
    try:
        from spaceplan.launch.ascent import parse_orbit
        from spaceplan.launch.recovery import payload_with_recovery
    except ImportError as exc:  # pragma: no cover - depends on the other launch modules
        notes.append(f"payload optimizer unavailable ({exc}); published payloads used")
        return None
    vehicle, site, modes = _OPTIMIZER[name]
    target = parse_orbit(str(cfg["orbit"]), float(cfg["inclination_deg"]))
    out: dict[str, float] = {}
    try:
        for mode, opt_mode in modes.items():
            res = payload_with_recovery(vehicle, target, site, mode=opt_mode)
            out[mode] = float(res.payload_kg)
            out["expendable"] = float(res.expendable_payload_kg)
    except Exception as exc:  # noqa: BLE001 - the section must still run; the fallback is stated
        notes.append(f"payload optimizer failed for {name} ({type(exc).__name__}: {exc}); published payloads used")
        return None
    return out


def _reading(b) -> str:
    """One sentence on a vehicle's reuse economics, from its numbers."""
    m = b.model
    penalty = 1.0 - m.payload_kg[b.mode] / m.payload_kg["expendable"]
    refurb = f"refurbishment at {m.refurbish_fraction:.0%} of a new stage per reflight"
    landing = {"asds": "drone-ship", "rtls": "return-to-launch-site", "land": "landing-zone"}.get(b.mode, b.mode)
    if b.break_even_flights is None:
        return (f"{m.name}: with {refurb} and the {penalty:.0%} payload penalty of a {landing} landing, reuse never "
                f"beats an expendable launch on cost per kg within {int(b.flights[-1])} flights.")
    return (f"{m.name}: with {refurb}, a recovered stage beats the expendable one on cost per kg from flight "
            f"{b.break_even_flights} on, despite the {penalty:.0%} payload penalty of a {landing} landing.")


def run(config: dict, ctx: SectionContext) -> SectionResult:
    from spaceplan.core.constants import G0
    from spaceplan.launch.economics import load_cost_model, reuse_costs, with_payloads
    from spaceplan.launch.economics_plots import plot_cost_per_kg
    from spaceplan.launch.landing import landing_propellant, load_case, solve_landing
    from spaceplan.launch.landing_plots import plot_landing

    cfg = section_config("launch", DEFAULTS, config)
    lo, hi = (int(x) for x in cfg["flights"])
    flights = range(lo, hi + 1)
    notes: list[str] = []
    steps = len(cfg["vehicles"]) + len(cfg["landing_cases"]) + 1
    done = 0

    # ---- economics
    breakdowns = []
    for name in cfg["vehicles"]:
        model = load_cost_model(name)
        source = "published / preset"
        if cfg["payload_source"] == "optimizer":
            pay = _optimizer_payloads(name, cfg, notes)
            if pay:
                model = with_payloads(model, pay)
                source = f"payload optimizer, {cfg['orbit']} km at {cfg['inclination_deg']} deg"
        breakdowns.append((reuse_costs(model, flights), source))
        done += 1
        ctx.progress(done, steps)
    fig_cost = ctx.figure_path("launch_cost_per_kg.png")
    plot_cost_per_kg([b for b, _ in breakdowns], fig_cost)

    # ---- landing
    landings = []
    for case in cfg["landing_cases"]:
        landings.append(solve_landing(load_case(case), n_nodes=int(cfg["landing_nodes"])))
        done += 1
        ctx.progress(done, steps)
    figures = ["figures/launch_cost_per_kg.png"]
    if landings:
        plot_landing(landings, ctx.figure_path("launch_landing.png"))
        figures.append("figures/launch_landing.png")
    st = cfg["stage_landing"]
    kg, stage_sol = landing_propellant(float(st["mass_kg"]), float(st["thrust_max_n"]),
                                       float(st["throttle_min"]) * float(st["thrust_max_n"]), float(st["isp_s"]),
                                       st["r0_m"], st["v0_m_s"], return_solution=True)
    done += 1
    ctx.progress(done, steps)

    # ---- report
    lines = ["Roscosmos says first-stage reuse brought SpaceX large savings and plans the reusable Amur-LNG. "
             "Costs below are **estimates** (every number and its source is in "
             "`spaceplan/launch/presets/economics/*.toml`); payloads per recovery mode are the recovery "
             "penalty that reuse pays.", "",
             "| vehicle | recovery | payload recovered / expendable (kg) | payload source | expendable cost (M$) "
             "| cost at 1 / 5 / 10 / 20 flights (M$) | $/kg at 10 flights | expendable $/kg | break-even flights "
             "| list price $/kg |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    data_eco = []
    for b, source in breakdowns:
        m = b.model

        def at(n, arr):
            return arr[list(b.flights).index(n)] if n in b.flights else float("nan")

        costs = " / ".join(f"{at(n, b.cost_per_launch_usd) / 1e6:.1f}" for n in (1, 5, 10, 20))
        price = "-" if m.price_usd is None else f"{m.price_usd / m.payload_kg[b.mode]:,.0f}"
        be = "never" if b.break_even_flights is None else str(b.break_even_flights)
        lines.append(f"| {m.name} | {b.mode} | {m.payload_kg[b.mode]:,.0f} / {m.payload_kg['expendable']:,.0f} "
                     f"| {source} | {b.expendable_cost_usd / 1e6:.1f} | {costs} | {at(10, b.cost_per_kg_usd):,.0f} "
                     f"| {b.expendable_cost_per_kg_usd:,.0f} | {be} | {price} |")
        data_eco.append({**b.to_dict(), "payload_source": source})
    lines += ["", "Powered landing (fuel-optimal, lossless convexification; Açıkmeşe & Ploen 2007, "
              "Blackmore et al. 2010):", "",
              "| case | mode | propellant used / available (kg) | needed to reach target (kg) | t_f (s) "
              "| landing error (m) | lossless | solve time (s) |", "|---|---|---|---|---|---|---|---|"]
    for s in landings:
        lines.append(f"| {s.problem.name} | {s.mode.replace('_', ' ')} | {s.propellant_kg:.1f} / "
                     f"{s.problem.propellant_kg:.0f} | {s.propellant_required_kg:.1f} | {s.tf_s:.1f} "
                     f"| {s.landing_error_m:.0f} | {'yes' if s.lossless else 'no'} | {s.solve_time_s:.2f} |")
    dv = abs(float(st["v0_m_s"][0])) + G0 * stage_sol.tf_s
    lines += ["", f"Falcon 9-like landing burn ({st['mass_kg'] / 1000:.0f} t stage, one engine "
              f"{st['thrust_max_n'] / 1e3:.0f} kN, {st['throttle_min']:.0%} minimum throttle, from "
              f"{st['r0_m'][0]:.0f} m at {abs(st['v0_m_s'][0]):.0f} m/s): **{kg:,.0f} kg** of propellant in "
              f"{stage_sol.tf_s:.1f} s (delta-v {dv:.0f} m/s, no drag; equal to the rocket equation with "
              "|v0| + g t_f, the 1-D check). Burn start is the input: the engine cannot throttle below the "
              "stage's weight, so a hover is impossible and the ignition point must be right.",
              "", "Reading: " + " ".join(_reading(b) for b, _ in breakdowns)
              + " Amur-LNG's cost split is assumed, not published."]
    if notes:
        lines += [""] + [f"Note: {n}" for n in notes]
    data = {
        "economics": data_eco,
        "landing": [{k: v for k, v in s.to_dict().items() if k != "trajectory"} for s in landings],
        "stage_landing": {"propellant_kg": kg, "tf_s": stage_sol.tf_s, "lossless": stage_sol.lossless,
                          **{k: v for k, v in st.items()}},
    }
    return SectionResult(title=cfg["title"], markdown="\n".join(lines), data=data,
                         figures=tuple(figures))
