"""``spaceplan launch``: launch-vehicle payload to orbit, with the first stage expended or recovered."""

from __future__ import annotations

from typing import Optional

import typer

from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, stdout, table, write_figure

launch_app = typer.Typer(help="Launch vehicles: payload to orbit, recovery modes (drone ship, RTLS), reuse.",
                         no_args_is_help=True)


@launch_app.command("payload")
def payload(
    vehicle: str = typer.Argument(..., help="Vehicle preset (falcon9, falcon-heavy, soyuz-2.1b, soyuz-2.1b-fregat, "
                                            "angara-a5, amur-lng, starship) or a .toml file."),
    orbit: str = typer.Option("200x200", "--orbit", help="Target orbit PERIGEExAPOGEE in km, or 'gto' (185x35786)."),
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
            ["boost-back", f"{b['boostback_kg']:,.0f}", f"{b['boostback_dv_m_s']:.0f}"],
            ["entry", f"{b['entry_kg']:,.0f}", f"{b['entry_dv_m_s']:.0f}"],
            ["landing", f"{b['landing_kg']:,.0f}", f"{b['landing_dv_m_s']:.0f}"],
            ["total", f"{b['total_kg']:,.0f}", ""]]))
        stdout.print(f"landing {b['landing_distance_km']:.0f} km from the pad; landing burn: {b['landing_model']}")


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


def register(app: typer.Typer) -> None:
    """Attach ``spaceplan launch`` (and the landing/economics commands when present)."""
    app.add_typer(launch_app, name="launch")


try:  # the powered-descent / economics commands live in another module
    from spaceplan.cli import launch_more as _launch_more
except ModuleNotFoundError as _exc:  # not built (yet)
    if _exc.name != "spaceplan.cli.launch_more":
        raise
else:
    _launch_more.register(launch_app)
