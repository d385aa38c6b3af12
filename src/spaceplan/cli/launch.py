"""``spaceplan launch``: launch-vehicle payload to orbit, with the first stage expended or recovered."""

from __future__ import annotations

from typing import List, Optional

import typer

from spaceplan.cli._common import (JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, print_warnings, stdout,
                                   table, write_figure)
from spaceplan.core.errors import InputError

launch_app = typer.Typer(help="Launch vehicles: payload to orbit, recovery modes (drone ship, RTLS), reuse.",
                         no_args_is_help=True)


@launch_app.command("payload")
def payload(
    vehicle: str = typer.Argument(..., help="Vehicle preset (falcon9, falcon-heavy, soyuz-2.1b, soyuz-2.1b-fregat, "
                                            "angara-a5, amur-lng, starship) or a .toml file."),
    orbit: str = typer.Option("200x200", "--orbit", help="Target orbit PERIGEExAPOGEE or one altitude (km, or with m/km), e.g. 200x200, 200kmx35786km, or 'gto' (185x35786 km)."),
    inclination: Optional[float] = typer.Option(None, "--inclination", "-i",
                                                help="Inclination, deg [default: the site's geocentric latitude, due east]."),
    site: str = typer.Option("cape-canaveral", "--site", help="Launch site: cape-canaveral, kennedy, vandenberg, "
                                                             "boca-chica, baikonur, plesetsk, vostochny, kourou."),
    recovery: str = typer.Option("expendable", "--recovery", help="First stage: expendable, droneship or rtls."),
    southerly: bool = typer.Option(False, "--southerly", help="Launch on the southbound azimuth."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
) -> None:
    """Largest payload into the orbit (guidance optimised), the losses and, with recovery, the payload it costs."""
    from spaceplan.launch.ascent import load_site, parse_orbit
    from spaceplan.launch.recovery import MODES, payload_with_recovery
    from spaceplan.launch.vehicles import load_vehicle
    from spaceplan.core.errors import InputError

    check_plot_path(plot)
    if recovery not in MODES:
        raise InputError("--recovery", f"unknown mode {recovery!r}", ", ".join(MODES))
    veh = load_vehicle(vehicle)
    with cli_fields({"site": "--site", "inclination": "--inclination", "orbit.apogee": "--orbit",
                     "orbit.perigee": "--orbit"}):
        s = load_site(site)
        target = parse_orbit(orbit, s.geocentric_latitude_deg if inclination is None else inclination)
    with cli_fields({"inclination": "--inclination", "recovery": "--recovery"}):
        result = payload_with_recovery(veh, target, s, recovery, southerly=southerly)
    if plot:
        from spaceplan.launch.plots import plot_ascent

        write_figure(plot, plot_ascent, result.payload.ascent, title=f"{veh.name} to {orbit} km, {recovery}")
    if json_out:
        emit_json(result)
        return
    d = result.to_dict()
    t = d["target"]
    stdout.print(f"[bold]{veh.name}[/bold] from {s.name} to {t['perigee_km']:.0f} x {t['apogee_km']:.0f} km at "
                 f"{t['inclination_deg']:.2f} deg, first stage {recovery}")
    stdout.print(f"payload: [bold]{d['payload_kg']:,.0f} kg[/bold]" + (
        f"  (expendable {d['expendable_payload_kg']:,.0f} kg, recovery costs {d['recovery_penalty_kg']:,.0f} kg = "
        f"{d['recovery_penalty_percent']:.1f} %)" if recovery != "expendable" else ""))
    rows = [[st["name"], f"{st['t_ignition_s']:.0f}", f"{st['t_burnout_s']:.0f}", f"{st['altitude_km']:.1f}",
             f"{st['speed_rel_kms']:.3f}", f"{st['flight_path_angle_deg']:.1f}", f"{st['mass_kg']:,.0f}"]
            for st in d["stages"]]
    stdout.print(table("Stage events", ["stage", "ignition s", "burnout s", "alt km", "v_rel km/s", "gamma deg",
                                        "mass kg"], rows))
    lo = d["losses"]
    stdout.print(table("Losses (inertial speed)", ["ideal dv m/s", "gravity", "drag", "steering", "pressure",
                                                   "total"],
                       [[f"{lo['ideal_dv_m_s']:.0f}", f"{lo['gravity_loss_m_s']:.0f}", f"{lo['drag_loss_m_s']:.0f}",
                         f"{lo['steering_loss_m_s']:.0f}", f"{lo['pressure_loss_m_s']:.0f}", f"{lo['total_loss_m_s']:.0f}"]]))
    stdout.print(f"max-q {d['max_q_kpa']:.1f} kPa at T+{d['t_max_q_s']:.0f} s; fairing jettison T+{d['t_fairing_s']:.0f} s;"
                 f" achieved {d['achieved']['perigee_km']:.0f} x {d['achieved']['apogee_km']:.0f} km at "
                 f"{d['achieved']['inclination_deg']:.2f} deg")
    if recovery != "expendable":
        b = d["recovery_budget"]
        stdout.print(table(f"First-stage recovery ({recovery})", ["burn", "propellant kg", "dv m/s"], [
            ["boost-back" + (f" ({b['boostback_after_meco_s']:.0f} s after MECO)" if recovery == "rtls" else ""),
             f"{b['boostback_kg']:,.0f}", f"{b['boostback_dv_m_s']:.0f}"],
            ["entry", f"{b['entry_kg']:,.0f}", f"{b['entry_dv_m_s']:.0f}"],
            ["landing", f"{b['landing_kg']:,.0f}", f"{b['landing_dv_m_s']:.0f}"],
            ["total", f"{b['total_kg']:,.0f}", ""]]))
        stdout.print(f"landing {b['landing_distance_km']:.0f} km from the pad; landing burn: {b['landing_model']}")
    print_warnings(result)


@launch_app.command("vehicles")
def vehicles(json_out: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """List the vehicle presets with their liftoff mass and thrust."""
    from spaceplan.launch.vehicles import load_vehicle, vehicle_names

    out = []
    for name in vehicle_names():
        v = load_vehicle(name)
        out.append({"key": name, "name": v.name, "stages": len(v.stages), "boosters": v.booster_count,
                    "liftoff_mass_t": v.liftoff_mass_kg() / 1e3, "liftoff_thrust_kn": v.liftoff_thrust_n() / 1e3,
                    "published": v.published})
    if json_out:
        emit_json(out)
        return
    stdout.print(table("Vehicle presets", ["key", "name", "stages", "boosters", "liftoff t", "thrust kN"],
                       [[o["key"], o["name"], o["stages"], o["boosters"], f"{o['liftoff_mass_t']:.0f}",
                         f"{o['liftoff_thrust_kn']:.0f}"] for o in out]))


def _vec(field: str, text: Optional[str], length: bool = False):
    """'up,east,north' (or one number: vertical) -> three floats; with ``length``, each component a length
    in the forms of :func:`spaceplan.core.units.parse_length` (bare numbers in m) -> m."""
    if text is None:
        return None
    items = text.replace(";", ",").split(",")
    if length:
        from spaceplan.core.units import parse_length

        parts = [parse_length(field, x, allow_zero=True, default="m", allow_negative=True) for x in items]
    else:
        try:
            parts = [float(x) for x in items]
        except ValueError:
            raise InputError(field, f"cannot read {text!r}", "three numbers 'up,east,north' (or one: vertical)") from None
    if len(parts) == 1:
        parts = [parts[0], 0.0, 0.0]
    if len(parts) != 3:
        raise InputError(field, f"need 1 or 3 components, got {len(parts)}", "'up,east,north'")
    return parts


def _parse_flights(text: str) -> list[int]:
    try:
        if ".." in text:
            a, b = (int(x) for x in text.split(".."))
        else:
            values = [int(x) for x in text.split(",")]
    except ValueError:
        raise InputError("--flights", f"cannot read {text!r}", "A..B or a comma list, e.g. 1..20") from None
    if ".." in text:
        if not 1 <= a <= b <= 1000:  # checked before the list is built: 1..10**11 must not eat the memory
            raise InputError("--flights", f"got {text!r}", "A..B with 1 <= A <= B <= 1000, e.g. 1..20")
        values = list(range(a, b + 1))
    if not values or min(values) < 1 or max(values) > 1000:
        raise InputError("--flights", f"got {text!r}", "integers 1 to 1000, e.g. 1..20")
    return values


def landing(
    case: str = typer.Option("acikmese2007", "--case", help="Bundled case (acikmese2007, blackmore2010_infeasible, "
                             "or a mars_* file name) or a FILE.toml with a [landing] table."),
    r0: Optional[str] = typer.Option(None, "--r0", help="Initial position 'up,east,north' from the target, m (bare "
                                     "numbers) or with m/km, e.g. 1500,0,2000 or 1.5km,0,2km (overrides the case)."),
    v0: Optional[str] = typer.Option(None, "--v0", help="Initial velocity 'up,east,north' in m/s."),
    m_wet: Optional[float] = typer.Option(None, "--wet-mass", help="Initial mass, kg."),
    m_dry: Optional[float] = typer.Option(None, "--dry-mass", help="Dry mass (lowest final mass), kg."),
    thrust_max: Optional[float] = typer.Option(None, "--thrust-max", help="Upper thrust bound, N."),
    thrust_min: Optional[float] = typer.Option(None, "--thrust-min", help="Lower thrust bound, N."),
    isp: Optional[float] = typer.Option(None, "--isp", help="Specific impulse, s (with --cant)."),
    cant: Optional[float] = typer.Option(None, "--cant", help="Thruster cant angle, deg (mass flow / cos cant)."),
    gravity: Optional[float] = typer.Option(None, "--gravity", help="Surface gravity, m/s^2 (e.g. 9.80665, 3.7114)."),
    glide: Optional[float] = typer.Option(None, "--glide-slope", help="Glide-slope cone half-angle from vertical, deg."),
    pointing: Optional[float] = typer.Option(None, "--pointing", help="Thrust pointing limit from vertical, deg."),
    nodes: int = typer.Option(55, "--nodes", help="Discretization nodes N (10-400)."),
    tf: Optional[float] = typer.Option(None, "--tf", help="Fix the time of flight, s (default: searched)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
) -> None:
    """Fuel-optimal powered-descent guidance (Açıkmeşe & Ploen 2007; Blackmore et al. 2010 fallback)."""
    check_plot_path(plot)

    from spaceplan.launch.landing import landing_cases, load_case, solve_landing

    name = case
    if not case.endswith(".toml") and case not in landing_cases():
        matches = [c for c in landing_cases() if c.endswith(case) or case in c]
        if len(matches) == 1:
            name = matches[0]
    overrides = {"r0_m": _vec("--r0", r0, length=True), "v0_m_s": _vec("--v0", v0), "m_wet_kg": m_wet, "m_dry_kg": m_dry,
                 "thrust_max_n": thrust_max, "thrust_min_n": thrust_min, "glide_slope_deg": glide,
                 "pointing_deg": pointing}
    if gravity is not None:
        overrides["gravity_m_s2"] = gravity
    if isp is not None:
        overrides["isp_s"] = isp
    if cant is not None:
        overrides["cant_deg"] = cant
    fields = {"m_wet": "--wet-mass", "m_dry": "--dry-mass", "thrust_min (rho1)": "--thrust-min",
              "thrust_min": "--thrust-min", "thrust_max (rho2)": "--thrust-max", "thrust_max": "--thrust-max", "gravity": "--gravity",
              "r0": "--r0", "v0": "--v0", "glide_slope_deg": "--glide-slope", "pointing_deg": "--pointing",
              "n_nodes": "--nodes", "tf_s": "--tf", "isp_s": "--isp", "cant_deg": "--cant"}
    with cli_fields(fields):
        problem = load_case(name, **overrides)
        sol = solve_landing(problem, n_nodes=nodes, tf_s=tf)
    if plot:
        from spaceplan.launch.landing_plots import plot_landing

        write_figure(plot, plot_landing, sol)
    if as_json:
        emit_json(sol)
        return
    rows = [
        ["case", problem.name],
        ["mode", sol.mode.replace("_", " ") + ("" if sol.fuel_optimal_feasible else " (target out of reach)")],
        ["time of flight", f"{sol.tf_s:.2f} s"],
        ["propellant used", f"{sol.propellant_kg:.2f} kg of {problem.propellant_kg:.1f} kg"],
        ["propellant to reach target", f"{sol.propellant_required_kg:.2f} kg"],
        ["landing error", f"{sol.landing_error_m:.1f} m"],
        ["final mass", f"{sol.m[-1]:.2f} kg"],
        ["lossless (||T|| >= T_min)", f"{'yes' if sol.lossless else 'NO'} (min ||T||/T_min {sol.thrust_min_ratio:.4f}, "
                                      f"relaxation gap {sol.lossless_gap:.1e})"],
        ["solver", f"CLARABEL, {sol.status}, {sol.n_solves} solves, {sol.solve_time_s:.2f} s"],
    ]
    stdout.print(table("Powered-descent guidance", ["Quantity", "value"], rows))
    print_warnings(sol)
    if plot:
        stdout.print(f"figure: {plot}")


def economics(
    vehicles: List[str] = typer.Argument(..., help="Vehicle presets (falcon9, amur_lng) or FILE.toml with an "
                                         "[economics] table; several for a comparison."),
    flights: str = typer.Option("1..20", "--flights", help="Flights per first stage: A..B or a list, e.g. 1..20."),
    mode: Optional[str] = typer.Option(None, "--mode", help="Recovery mode: asds, rtls or land (default: the "
                                       "vehicle's highest-payload recovery mode)."),
    learning_rate: Optional[float] = typer.Option(None, "--learning-rate", help="Wright's-law learning rate (0.5-1)."),
    flights_per_year: Optional[float] = typer.Option(None, "--flights-per-year", help="Launch rate, per year."),
    refurbish: Optional[float] = typer.Option(None, "--refurbish", help="Refurbishment per reflight, fraction of a "
                                              "new first stage."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
) -> None:
    """Cost per launch and per kg against flights per first stage; break-even reuses vs expendable."""
    check_plot_path(plot)
    from spaceplan.launch.economics import load_cost_model, reuse_costs

    n = _parse_flights(flights)
    results = []
    for v in vehicles:
        model = load_cost_model(v, learning_rate=learning_rate, flights_per_year=flights_per_year,
                                refurbish_fraction=refurbish)
        results.append(reuse_costs(model, n, mode))
    if plot:
        from spaceplan.launch.economics_plots import plot_cost_per_kg

        write_figure(plot, plot_cost_per_kg, results)
    if as_json:
        emit_json({"vehicles": results})
        return
    for b in results:
        m = b.model
        rows = [[int(k), f"{c / 1e6:.2f}", f"{x:,.0f}"] for k, c, x in
                zip(b.flights, b.cost_per_launch_usd, b.cost_per_kg_usd)]
        stdout.print(table(f"{m.name}: {b.mode} recovery, {m.payload_kg[b.mode]:,.0f} kg to {m.orbit} "
                           f"(expendable {m.payload_kg['expendable']:,.0f} kg)",
                           ["Flights per stage", "cost per launch (M USD)", "cost per kg (USD)"], rows))
        be = "never within the range" if b.break_even_flights is None else f"{b.break_even_flights} flights"
        price = "" if m.price_usd is None else (f"; list price {m.price_usd / 1e6:.2f} M USD = "
                                                f"{m.price_usd / m.payload_kg[b.mode]:,.0f} USD/kg")
        stdout.print(f"expendable: {b.expendable_cost_usd / 1e6:.2f} M USD = {b.expendable_cost_per_kg_usd:,.0f} "
                     f"USD/kg; break-even: {be}{price}. Costs are estimates: see the preset's sources.")
    print_warnings(*results)
    if plot:
        stdout.print(f"figure: {plot}")


def register(app: typer.Typer) -> None:
    """Attach ``spaceplan launch`` (payload, vehicles, landing, economics)."""
    launch_app.command("landing")(landing)
    launch_app.command("economics")(economics)
    app.add_typer(launch_app, name="launch")

