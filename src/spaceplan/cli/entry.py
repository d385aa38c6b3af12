"""``spaceplan mars entry``: one Mars entry of a published capsule (preset), at a constant bank or guided
(:mod:`spaceplan.missions.entry_guidance`: prebank, predictor-corrector range control to the deploy state)."""

from __future__ import annotations

from typing import Optional

import typer

from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, print_warnings, \
    stdout, table, write_figure


def entry(
    vehicle: str = typer.Option("msl", "--vehicle", help="Entry preset (spaceplan/missions/presets/entry_vehicles) "
                                                         "or a TOML file with an [entry] table."),
    speed: Optional[float] = typer.Option(None, "--speed", help="Entry speed at the interface, km/s (default: the "
                                                                "preset's)."),
    angle: Optional[float] = typer.Option(None, "--angle", help="Entry flight path angle, deg (default: the preset's)."),
    bank: Optional[float] = typer.Option(None, "--bank", help="Constant bank, deg (0 = lift up); with --guided: the "
                                                              "reference bank instead of the calibrated one."),
    guided: bool = typer.Option(False, "--guided", help="Fly MSL-style bank guidance: prebank to 0.2 g, then range "
                                                        "control to the deploy state, with bank reversals."),
    deploy_speed: Optional[float] = typer.Option(None, "--deploy-speed", help="Parachute-deploy speed, m/s, "
                                                                              "with --guided (default: the preset's)."),
    deploy_altitude: Optional[float] = typer.Option(None, "--deploy-altitude",
                                                    help="Deploy altitude, km: where a constant-bank flight "
                                                         "ends, or what --guided calibrates the reference bank on "
                                                         "(not with --bank) (default: the preset's)."),
    density_factor: float = typer.Option(1.0, "--density-factor", help="Disperse the flown atmosphere's density "
                                                                       "(the guidance keeps the nominal model)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " (altitude vs speed, deceleration, bank "
                                                                      "history; guided: with the reference bank "
                                                                      "held open loop)"),
) -> None:
    """A Mars entry to the parachute-deploy state: peak deceleration, heating indicator, time, downrange."""
    import dataclasses

    import numpy as np

    from spaceplan.core.errors import InputError, require_range
    from spaceplan.missions.entry_guidance import EntryGuidance, load_entry_case, reference_bank
    from spaceplan.missions.mars_entry import fly_entry

    check_plot_path(plot)
    case = load_entry_case(vehicle)
    v0 = case.entry_speed_m_s if speed is None else speed * 1e3
    fpa = case.flight_path_deg if angle is None else angle
    v_dep = case.deploy_speed_m_s if deploy_speed is None else deploy_speed
    h_dep = case.deploy_altitude_m if deploy_altitude is None else deploy_altitude * 1e3
    require_range("--speed", v0 / 1e3, 1.0, 20.0, unit="km/s")
    require_range("--angle", fpa, -45.0, -0.5, unit="deg")
    require_range("--deploy-speed", v_dep, 50.0, min(5_000.0, v0), unit="m/s")
    require_range("--deploy-altitude", h_dep / 1e3, 0.0, case.interface_m / 1e3 - 1.0, unit="km")
    require_range("--density-factor", density_factor, 0.1, 10.0)
    if bank is not None:
        require_range("--bank", bank, 0.0, 180.0, unit="deg")
    if deploy_speed is not None and not guided:  # a constant-bank flight ends at the deploy altitude
        raise InputError("--deploy-speed", "given without --guided", "--guided --deploy-speed M_S")
    if deploy_altitude is not None and guided and bank is not None:  # it only calibrates the reference bank
        raise InputError("--deploy-altitude", "given with --guided --bank (the reference bank is then not "
                         "calibrated)", "--guided --deploy-altitude KM without --bank")
    if guided:
        with cli_fields({"deploy altitude": "--deploy-altitude", "reference bank": "--bank"}):
            ref = reference_bank(case.vehicle, v0, fpa, v_dep, h_dep, interface_m=case.interface_m) \
                if bank is None else bank
            guidance = EntryGuidance(ref, v_dep)
            r = fly_entry(case.vehicle, v0, fpa, interface_m=case.interface_m, end_altitude_m=0.0,
                          guidance=guidance, density_factor=density_factor)  # checks the reference reaches v_dep
    else:
        r = fly_entry(dataclasses.replace(case.vehicle, bank_deg=0.0 if bank is None else bank), v0, fpa,
                      interface_m=case.interface_m, end_altitude_m=h_dep, density_factor=density_factor)
    if plot:
        from spaceplan.missions.entry_plots import plot_entry

        compare = []
        if guided:
            held = dataclasses.replace(case.vehicle, bank_deg=guidance.reference_bank_deg)
            compare = [(f"reference bank {guidance.reference_bank_deg:.1f} deg held", fly_entry(
                held, v0, fpa, interface_m=case.interface_m, end_altitude_m=0.0, end_speed_m_s=v_dep,
                density_factor=density_factor))]
        write_figure(plot, plot_entry, r, compare=compare)
    d = r.to_dict()
    d["peak_deceleration_time_s"] = float(r.trajectory[np.argmax(r.trajectory[:, 3]), 0])
    if as_json:
        emit_json(d)
        return
    rows = [["entry", f"{d['entry_speed_kms']:.3f} km/s at {d['flight_path_deg']:g} deg"],
            ["peak deceleration", f"{d['peak_deceleration_g']:.1f} g at {d['peak_deceleration_time_s']:.0f} s"],
            ["peak heat flux (Sutton-Graves)", f"{d['peak_heat_flux_w_cm2']:.0f} W/cm2"],
            ["end", f"{d['end_speed_m_s']:.0f} m/s at {d['end_altitude_km']:.1f} km, {d['time_s']:.0f} s after "
                    "entry"], ["downrange", f"{d['downrange_km']:.0f} km"]]
    g = d.get("guidance")
    if g is None:
        rows.insert(1, ["bank", f"{0.0 if bank is None else bank:g} deg (constant)"])
    else:
        rows.insert(1, ["guidance", g["law"]])
        rows += [["range control from", f"{g['range_control_start_s']:.0f} s"],
                 ["bank during range control", f"{g['bank_min_deg']:.1f} to {g['bank_max_deg']:.1f} deg"],
                 ["target downrange", f"{g['target_downrange_km']:.0f} km (miss {g['downrange_error_km']:+.2f} km)"],
                 ["bank reversals", f"{g['bank_reversals']} (crossrange at the end {g['crossrange_error_km']:+.2f} km)"],
                 ["density estimate", f"x{g['density_estimate']:.3f} of the nominal model"]]
    stdout.print(table(f"Mars entry: {d['vehicle']} ({d['atmosphere']})", ["quantity", "value"], rows))
    print_warnings(r)
    if plot:
        stdout.print(f"figure written to {plot}")


def register(app: typer.Typer) -> None:
    from spaceplan.cli.mars import mars_app

    mars_app.command("entry")(entry)
