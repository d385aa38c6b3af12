"""``spaceplan propulsion``: nuclear-electric tugs, low-thrust transfers, NEP vs NTP vs chemical."""

from __future__ import annotations

import math
from typing import Optional

import typer

from spaceplan.core.constants import DAY
from spaceplan.core.durations import parse_duration
from spaceplan.core.units import parse_length, parse_mass
from spaceplan.cli._common import (JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, parse_date_range,
                                   parse_utc, print_warnings, progress, stdout, table, write_figure, wrote)
from spaceplan.cli._formats import OEM_HELP, check_oem, save_oem
from spaceplan.core.errors import InputError
from spaceplan.propulsion.edelbaum import MAX_PLANE_CHANGE_RAD

propulsion_app = typer.Typer(help="Nuclear-electric tugs (TEM/Zeus), NTP and chemical stages, low-thrust transfers.",
                             no_args_is_help=True)

def _nep(name: str):
    from spaceplan.propulsion.presets import NEPVehicle, load_vehicle

    v = load_vehicle(name)
    if not isinstance(v, NEPVehicle):
        raise InputError("--vehicle", f"{name} is a {v.kind} stage, not a nuclear-electric tug", "zeus, zeus-official")
    return v


def _engine(vehicle, thrust, isp, power_kwe, efficiency):
    """(thrust N, exhaust speed m/s, label) from a preset or explicit numbers."""
    from spaceplan.propulsion import electric

    from spaceplan.core.errors import require_positive, require_range

    for flag, value in (("--thrust", thrust), ("--isp", isp), ("--power-kwe", power_kwe)):
        if value is not None:
            require_positive(flag, value)
    require_range("--efficiency", efficiency, 0.01, 1.0)
    if vehicle:
        for flag, value in (("--thrust", thrust), ("--isp", isp)):
            if value is not None:  # a preset's engine would silently win over the number given
                raise InputError(flag, f"given together with --vehicle {vehicle}, whose engine sets it",
                                 "--vehicle '' to use --thrust/--isp, or a preset without them")
        v = _nep(vehicle)
        if power_kwe is not None:
            v = v.with_power(power_kwe * 1e3)
        return v.thrust_n, v.exhaust_speed_m_s, v
    if isp is None:
        raise InputError("--isp", "needed without --vehicle", "> 0 s")
    c = float(electric.exhaust_speed(isp))
    if thrust is None:
        if power_kwe is None:
            raise InputError("--thrust", "give --thrust, or --power-kwe (with --efficiency), or --vehicle")
        thrust = float(electric.thrust(power_kwe * 1e3, efficiency, c))
    if thrust <= 0:
        raise InputError("--thrust", f"got {thrust:g}", "> 0 N")
    return float(thrust), c, None


@propulsion_app.command("edelbaum")
def edelbaum_cmd(
    a0: str = typer.Option("7000km", "--a0", help="Initial circular orbit radius (km, or with m/km)."),
    af: str = typer.Option("42166km", "--af", help="Final circular orbit radius (km, or with m/km)."),
    inc: float = typer.Option(28.5, "--inc", help=f"Plane change, deg (0 to {math.degrees(MAX_PLANE_CHANGE_RAD):.6g}: "
                              "Edelbaum's solution holds up to 2 rad)."),
    accel: Optional[float] = typer.Option(None, "--accel", help="Constant acceleration, m/s² [default 3.5e-4]."),
    vehicle: Optional[str] = typer.Option(None, "--vehicle", help="NEP preset: acceleration = thrust / (wet mass + cargo)."),
    cargo: str = typer.Option("0t", "--cargo", help="Cargo mass with --vehicle (e.g. 7t)."),
    central: str = typer.Option("earth", "--body", help="Central body."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Edelbaum circle-to-circle transfer with a plane change (Kechichian 1997): delta-v and time."""
    import numpy as np

    from spaceplan.core.constants import body
    from spaceplan.propulsion.edelbaum import edelbaum

    if vehicle:
        if accel is not None:
            raise InputError("--accel", "give --accel or --vehicle, not both")
        v = _nep(vehicle)
        accel = v.thrust_n / (v.wet_mass_kg() + parse_mass("--cargo", cargo, allow_zero=True))
    elif parse_mass("--cargo", cargo, allow_zero=True) > 0:
        raise InputError("--cargo", "only used with --vehicle (acceleration = thrust / (wet mass + cargo))",
                         "--vehicle PRESET --cargo MASS, or --accel alone")
    accel = 3.5e-4 if accel is None else accel
    a0_m, af_m = parse_length("--a0", a0, allow_negative=True), parse_length("--af", af, allow_negative=True)
    with cli_fields({"a0": "--a0", "af": "--af", "delta_i": "--inc", "accel": "--accel"}):
        t = edelbaum(a0_m, af_m, np.radians(inc), accel, body(central).gm, central)
    if json_out:
        emit_json(t)
        return
    d = t.to_dict()
    stdout.print(table(f"Edelbaum transfer around {body(central).name}", ["a0 km", "af km", "di deg", "accel m/s²",
                                                                           "dv km/s", "days", "beta0 deg"],
                       [[f"{a0_m / 1e3:g}", f"{af_m / 1e3:g}", f"{inc:g}", f"{accel:.3g}", f"{float(d['dv_km_s']):.5f}",
                         f"{float(d['tof_days']):.3f}", f"{float(d['beta0_deg']):.2f}"]]))
    print_warnings(t)


@propulsion_app.command("spiral")
def spiral_cmd(
    vehicle: Optional[str] = typer.Option("zeus-official", "--vehicle", help="NEP preset (zeus, zeus-official); '' for --thrust/--isp."),
    cargo: str = typer.Option("0t", "--cargo", help="Cargo mass (e.g. 7t)."),
    mass: Optional[str] = typer.Option(None, "--mass", help="Initial mass instead of the preset's wet mass + cargo."),
    thrust: Optional[float] = typer.Option(None, "--thrust", help="Thrust, N (without --vehicle)."),
    isp: Optional[float] = typer.Option(None, "--isp", help="Specific impulse, s (without --vehicle)."),
    power_kwe: Optional[float] = typer.Option(None, "--power-kwe", help="Electric power, kWe (scales the preset, or sets thrust)."),
    efficiency: float = typer.Option(0.75, "--efficiency", help="Thruster efficiency (with --power-kwe, no --vehicle)."),
    central: str = typer.Option("earth", "--body", help="Central body."),
    altitude: str = typer.Option("800km", "--alt", help="Circular orbit altitude (km, or with m/km)."),
    c3: float = typer.Option(0.0, "--c3", help="Target C3, km²/s² (>= 0)."),
    capture: bool = typer.Option(False, "--capture", help="Capture spiral (from C3 down to the orbit) instead of escape."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
    oem: Optional[str] = typer.Option(None, "--oem", help=OEM_HELP + " The planar spiral lies in the equator."),
    start: str = typer.Option("2030-01-01", "--start", help="Start date (UTC) of the spiral in the --oem file."),
) -> None:
    """Tangential-thrust spiral escape (or capture), mass decreasing, Van Allen belt time flagged."""
    from spaceplan.core.constants import body
    from spaceplan.propulsion.spiral import spiral_capture, spiral_escape

    check_plot_path(plot)
    check_oem(oem)
    t_start = parse_utc("--start", start) if oem else 0.0
    f, c, v = _engine(vehicle or None, thrust, isp, power_kwe, efficiency)
    m_cargo = parse_mass("--cargo", cargo, allow_zero=True)
    m = parse_mass("--mass", mass) if mass else ((v.wet_mass_kg() if v else 0.0) + m_cargo)
    if m <= 0:
        raise InputError("--mass", "no mass: give --mass or --vehicle", "> 0 kg")
    b = body(central)
    fn = spiral_capture if capture else spiral_escape
    alt_m = parse_length("--alt", altitude, allow_negative=True)
    with cli_fields({"altitude": "--alt", "c3": "--c3", "r0": "--alt"}):
        r = fn(b.name.lower(), b.radius + alt_m, f, c, m, c3 * 1e6)
    if v is not None:  # the preset's tanks and reactor life against the spiral's xenon and thrusting time
        from spaceplan.core.validity import with_warnings

        r = with_warnings(r, v.envelope_warnings(r.propellant_kg, r.time_s))
    if plot:
        from spaceplan.propulsion.plots import plot_spiral

        write_figure(plot, plot_spiral, r)
        wrote(plot, json_out)
    if oem:
        from spaceplan.propulsion.ephemerides import spiral_states

        save_oem(oem, spiral_states(r, t_start, v.name if v else "spiral"))
    if json_out:
        d = r.to_dict()
        d["vehicle"] = v.name if v else None
        emit_json(d)
        return
    d = r.to_dict()
    name = v.name if v else f"{f:.3g} N at {c / 9.80665:.0f} s"
    stdout.print(table(f"{d['mode']} spiral, {name}, {b.name} {alt_m / 1e3:g} km, C3 {c3:g} km²/s²",
                       ["mass start kg", "mass end kg", "propellant kg", "dv km/s", "days", "revolutions",
                        "inner belt d", "outer belt d"],
                       [[f"{d['mass_start_kg']:,.0f}", f"{d['mass_end_kg']:,.0f}", f"{d['propellant_kg']:,.0f}",
                         f"{d['dv_km_s']:.3f}", f"{d['time_days']:.1f}", f"{d['revolutions']:.0f}",
                         f"{d['inner_belt_days']:.1f}", f"{d['outer_belt_days']:.1f}"]]))
    print_warnings(r)


MAX_LEGS = 2000  # Sims-Flanagan solves per grid (the default grid has 35)


@propulsion_app.command("transfer")
def transfer_cmd(
    origin: str = typer.Argument(..., help="Departure body (earth, mars, venus, ...)."),
    target: str = typer.Argument(..., help="Arrival body."),
    vehicle: str = typer.Option("zeus", "--vehicle", help="NEP preset (zeus, zeus-official) or a .toml file."),
    depart: str = typer.Option("2028-01:2029-06", "--depart", help="Departure dates START:END (heliocentric leg start)."),
    step: str = typer.Option("90d", "--step", help="Departure date step."),
    tof: str = typer.Option("300:700", "--tof", help="Times of flight MIN:MAX, days."),
    tof_step: float = typer.Option(100.0, "--tof-step", help="Time-of-flight step, days."),
    cargo: str = typer.Option("0t", "--cargo", help="Cargo mass (e.g. 20t)."),
    segments: int = typer.Option(12, "--segments", help="Sims-Flanagan segments."),
    c3_max: float = typer.Option(0.0, "--c3-max", help="Largest launch C3, km²/s² (0: the tug starts at escape)."),
    vinf_max: float = typer.Option(0.0, "--vinf-max", help="Largest arrival v-infinity, km/s (0: rendezvous)."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " Thrust and mass history of the best leg."),
    oem: Optional[str] = typer.Option(None, "--oem", help=OEM_HELP + " The best leg, one segment per arc "
                                      "between impulses."),
) -> None:
    """Minimum-propellant low-thrust legs over departure dates x times of flight (Sims-Flanagan, porkchop-seeded)."""
    import numpy as np

    from spaceplan.core.constants import DAY
    from spaceplan.core.time import epoch_count, epoch_grid, tdb_to_iso
    from spaceplan.propulsion.sims_flanagan import LowThrustSpacecraft, date_tof_grid

    check_plot_path(plot)
    check_oem(oem)
    v = _nep(vehicle)
    start, end = parse_date_range("--depart", depart)
    dt = parse_duration(step, "--step")
    parts = tof.split(":")
    try:
        lo, hi = (float(parts[0]), float(parts[-1]))
    except ValueError:
        raise InputError("--tof", f"cannot read {tof!r}", "MIN:MAX days, e.g. 300:700") from None
    if not (0 < lo <= hi) or tof_step <= 0:
        raise InputError("--tof", f"got {tof!r} step {tof_step:g}", "0 < MIN <= MAX, step > 0")
    m_cargo = parse_mass("--cargo", cargo, allow_zero=True)
    sc = LowThrustSpacecraft.from_vehicle(v, v.wet_mass_kg() + m_cargo)
    t0, t1 = parse_utc("--depart start", start), parse_utc("--depart end", end)
    from spaceplan.core.errors import require_size

    n_legs = epoch_count(t0, dt, t1) * (np.floor((hi - lo) / tof_step + 1e-9) + 1)
    require_size("--step", float(n_legs), MAX_LEGS, "low-thrust legs", "a longer --step or --tof-step",
                 "departure dates x times of flight")  # each leg is an NLP solve: checked before the grid exists
    deps = epoch_grid(t0, dt, stop_tdb=t1, field="--depart")
    tofs = np.arange(lo, hi + 1e-9, tof_step)[::-1] * DAY
    with progress("low-thrust legs", not json_out) as update:
        grid = date_tof_grid(origin, target, deps, tofs, sc, segments, c3_max * 1e6, vinf_max * 1e3, progress=update)
    grid.best()  # InfeasibleError when no cell is feasible
    leg = grid.best_leg
    if plot:
        from spaceplan.propulsion.plots import plot_leg_history

        write_figure(plot, plot_leg_history, leg)
        wrote(plot, json_out)
    if oem:
        from spaceplan.propulsion.ephemerides import leg_states

        save_oem(oem, leg_states(leg, name=f"{v.name} {leg.departure_body}-{leg.arrival_body}"))
    if json_out:
        emit_json({"vehicle": v.name, "grid": grid.to_dict(), "best": leg.to_dict()})
        return
    rows = []
    for a, td in enumerate(deps):
        row = [tdb_to_iso(td)[:10]]
        for b in range(tofs.size):
            row.append(f"{grid.propellant_kg[a, b]:,.0f}" if grid.feasible[a, b] else "infeasible")
        rows.append(row)
    stdout.print(table(f"{v.name} ({sc.thrust_n:.1f} N, Isp {sc.isp_s:.0f} s, {sc.mass_kg / 1e3:.1f} t): propellant kg, "
                       f"{grid.departure_body.title()} -> {grid.arrival_body.title()}",
                       ["Departure"] + [f"{t / DAY:.0f} d" for t in tofs], rows))
    d = leg.to_dict()
    stdout.print(f"best: depart {d['departure_utc'][:10]}, arrive {d['arrival_utc'][:10]} ({d['tof_days']:.0f} d), "
                 f"propellant {d['propellant_kg']:,.0f} kg, final mass {d['mass_final_kg']:,.0f} kg, "
                 f"thrusting {d['thrusting_days']:.0f} d, C3 {d['c3_km2s2']:.2f} km²/s², "
                 f"arrival v-inf {d['vinf_arrival_kms']:.2f} km/s")


@propulsion_app.command("compare")
def compare_cmd(
    cargo: str = typer.Option("20t", "--cargo", help="Cargo mass (e.g. 20t)."),
    to: str = typer.Option("mars-orbit", "--to", help="mars-orbit or lunar-orbit."),
    nep: str = typer.Option("zeus-official,zeus", "--nep", help="NEP presets, comma-separated."),
    ntp: str = typer.Option("ntp-dra5", "--ntp", help="NTP stage preset."),
    chemical: str = typer.Option("centaur", "--chemical", help="Chemical stage preset (centaur, fregat)."),
    launchers: str = typer.Option("angara-a5v,falcon-heavy,starship", "--launchers", help="Heavy launchers, comma-separated."),
    window: str = typer.Option("2028-09-01:2029-01-31", "--window", help="Impulsive departure window (Mars)."),
    helio_departure: str = typer.Option("2028-09-01", "--helio-departure", help="NEP heliocentric leg start (Mars)."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " IMLEO vs trip time."),
) -> None:
    """NEP tug vs NTP stage vs chemical stack: IMLEO, trip time, propellant, launches, reactor energy; verdict."""
    from spaceplan.propulsion.compare import compare

    check_plot_path(plot)
    w = parse_date_range("--window", window)
    for field, text in (("--window start", w[0]), ("--window end", w[1]), ("--helio-departure", helio_departure)):
        parse_utc(field, text)
    split = lambda s: tuple(x.strip() for x in s.split(",") if x.strip())  # noqa: E731
    c = compare(parse_mass("--cargo", cargo), to, split(nep), ntp, chemical, split(launchers), w, helio_departure)
    if plot:
        from spaceplan.propulsion.plots import plot_trade

        write_figure(plot, plot_trade, c)
        wrote(plot, json_out)
    if json_out:
        emit_json(c)
        return
    lv = list(c.launchers)
    rows = []
    for o in c.options:  # short preset keys and one launches column: the table fits 80 columns
        if not o.feasible:
            rows.append([o.key or o.name, "infeasible", "-", "-", "-", "-", "-"])
            continue
        rows.append([o.key or o.name, f"{o.imleo_kg / 1e3:.1f}", f"{o.propellant_kg / 1e3:.1f}",
                     f"{o.trip_time_s / DAY:.0f}", f"{o.dv_m_s / 1e3:.2f}", "/".join(str(o.launches[n]) for n in lv),
                     f"{o.reactor_energy_mwd_t:.0f}" if o.kind == "nep" else "-"])
    stdout.print(table(f"{c.cargo_kg / 1e3:g} t of cargo to {c.destination}",
                       ["Option", "IMLEO t", "prop. t", "trip d", "dv km/s", "launches", "MWt-d"], rows))
    stdout.print("launches: " + " / ".join(lv) + "; "
                 + "; ".join(f"{o.key}: {o.name}" for o in c.options if o.key and o.key != o.name))
    print_warnings(c)
    stdout.print(c.verdict)
    stdout.print(f"[dim]assumptions: {c.assumptions}[/dim]")


@propulsion_app.command("tem")
def tem_cmd(json_out: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Which published TEM/Zeus claims are mutually consistent (F = 2 eta P / c)."""
    from spaceplan.propulsion.tem import tem_consistency

    t = tem_consistency()
    if json_out:
        emit_json(t)
        return
    stdout.print(table("TEM / Zeus claims", ["Claim", "implies", "value", "consistent", "why"],
                       [[c.claim, c.implies, f"{c.value:,.3g} {c.unit}".strip(), "yes" if c.consistent else "NO", c.why]
                        for c in t.checks]))


@propulsion_app.command("presets")
def presets_cmd(json_out: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Bundled propulsion presets (vehicles, thrusters, launchers) with their main numbers."""
    from spaceplan.propulsion import presets as p

    rows, out = [], []
    for name in p.preset_names("vehicles"):
        v = p.load_vehicle(name)
        thrust = v.thrust_n
        dry = v.dry_mass_kg if isinstance(v, p.NEPVehicle) else v.stage_dry_kg
        out.append({"key": name, "name": v.name, "kind": v.kind, "thrust_n": thrust, "isp_s": v.isp_s, "dry_kg": dry})
        rows.append([name, v.name, v.kind, f"{thrust:,.1f}", f"{v.isp_s:.0f}", f"{dry:,.0f}"])
    if json_out:
        emit_json({"vehicles": out, "thrusters": p.preset_names("thrusters"), "launchers": p.launcher_names()})
        return
    stdout.print(table("Propulsion vehicles", ["Key", "Name", "kind", "thrust N", "Isp s", "dry kg"], rows))
    stdout.print(f"thrusters: {', '.join(p.preset_names('thrusters'))}; launchers: {', '.join(p.launcher_names())}")


def register(app: typer.Typer) -> None:
    """Attach ``spaceplan propulsion``."""
    app.add_typer(propulsion_app, name="propulsion")
