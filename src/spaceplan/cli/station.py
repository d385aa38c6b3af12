"""``spaceplan station``: decay, reboost propellant, controlled deorbit and reentry windows."""

from __future__ import annotations

import math
from typing import Optional

import typer

from spaceplan.core.constants import DAY, JULIAN_YEAR
from spaceplan.cli._common import (JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, print_warnings, stdout,
                                   table, write_figure, wrote)
from spaceplan.cli._formats import CZML_HELP, OEM_HELP, check_czml, check_oem, save_oem, save_text
from spaceplan.core.durations import parse_duration
from spaceplan.core.errors import InputError, require_range
from spaceplan.core.units import parse_length, parse_length_grid, parse_length_range

station_app = typer.Typer(help="Space stations: orbit decay, reboost propellant, controlled deorbit, reentry windows.",
                          no_args_is_help=True)

_STATION_HELP = "Station preset (iss, ros, ros_97, tiangong, tiangong1, mir) or a .toml file."
_ACTIVITY_HELP = "Solar activity percentile after the last observed day: 5, 50 or 95 (NASA MSFC forecast)."


def _activity(value: int) -> int:
    if value not in (5, 50, 95):
        raise InputError("--activity", f"got {value}", "5, 50 or 95")
    return value


def _years(text: str) -> tuple[int, int]:
    """``FIRST:LAST`` or one ``YEAR`` -> (first, last), whole years, first <= last."""
    parts = str(text).strip().split(":")
    try:
        first, last = (float(parts[0]), float(parts[-1])) if len(parts) <= 2 else (None, None)
    except ValueError:
        first = last = None
    if first is None or first != int(first) or last != int(last):
        raise InputError("--years", f"cannot read {text!r}", "whole years FIRST:LAST or one YEAR, e.g. 2026:2030")
    if first > last:
        raise InputError("--years", f"{text!r}: FIRST is after LAST", "FIRST <= LAST, e.g. 2026:2030")
    return int(first), int(last)


@station_app.command("decay")
def decay_cmd(
    station: str = typer.Argument(..., help=_STATION_HELP),
    start: str = typer.Option("2026-01-01", "--from", help="UTC start date."),
    end: str = typer.Option("2031-01-01", "--to", help="UTC end date."),
    activity: Optional[int] = typer.Option(None, "--activity", help=_ACTIVITY_HELP + " [default: all three]"),
    altitude: Optional[str] = typer.Option(None, "--altitude", help="Start mean altitude (km, or with m/km) "
                                           "[default: preset]."),
    method: str = typer.Option("king-hele", "--method", help="king-hele (orbit-averaged) or numerical (Cowell, 60 s)."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
    oem: Optional[str] = typer.Option(None, "--oem", help=OEM_HELP + " The numerical run (Cowell, 60 s) at --activity "
                                      "(default 50 %); five years at 60 s is 2.6 million states, ~280 MB."),
    oem_step: str = typer.Option("60s", "--oem-step", help="Time between OEM states, a multiple of 60 s."),
) -> None:
    """Free decay (no reboosts) of a station's mean altitude, at the 5/50/95 % solar-activity levels."""
    from spaceplan.core.time import tdb_to_iso
    from spaceplan.station import decay as D
    from spaceplan.station.presets import load_station

    check_plot_path(plot)
    check_oem(oem)
    st = load_station(station)
    levels = (_activity(activity),) if activity is not None else (5, 50, 95)
    oem_every = parse_duration(oem_step, "--oem-step") if oem else 60.0
    alt_km = None if altitude is None else parse_length("--altitude", altitude, allow_negative=True) / 1e3
    with cli_fields({"altitude": "--altitude", "method": "--method"}):
        band = {a: D.decay(st, start, end, a, method, alt_km) for a in levels}
    if oem:
        from spaceplan.station.ephemerides import decay_states

        with cli_fields({"sample": "--oem-step"}):
            save_oem(oem, decay_states(st, start, end, activity if activity is not None else 50, alt_km,
                                       sample_s=oem_every))
    if plot:
        from spaceplan.station.plots import plot_decay

        write_figure(plot, plot_decay, band)
        wrote(plot, json_out)
    if json_out:
        emit_json({"station": st.to_dict(), "runs": [band[a] for a in levels]})
        return
    rows = []
    for a, r in band.items():  # one rate: over the first month, or up to a re-entry inside it
        rate, window = r.first_month_rate_m_per_day(), r.first_month_window_days()
        year = float(r.altitude_at(r.t[0] + JULIAN_YEAR))
        short = window < D.MONTH_DAYS
        rows.append([f"{a} %", f"{r.altitude[0] / 1e3:.1f}", f"{rate:,.0f}" + (f" ({window:.1f} d)" if short else ""),
                     "-" if short else f"{rate * D.MONTH_DAYS / 1e3:.2f}",
                     f"{year / 1e3:.1f}" if year > 120e3 else "-", f"{r.altitude[-1] / 1e3:.1f}",
                     tdb_to_iso(r.reentry_tdb, "D") if r.reentered else "-"])
    stdout.print(table(f"{st.name}: free decay {start} to {end} ({method})",
                       ["activity", "start km", "m/day (1st month)", "km/month", "after 1 year km", "end km",
                        "reentry (120 km)"], rows))
    print_warnings(*band.values())
    for note in band.get(50, next(iter(band.values()))).notes:
        stdout.print(f"[dim]{note}[/dim]")


@station_app.command("reboost")
def reboost_cmd(
    station: str = typer.Argument(..., help=_STATION_HELP),
    band: str = typer.Option("400:420km", "--band", help="Altitude band LOW:HIGH (km, or with m/km; e.g. 400:420km)."),
    years: str = typer.Option("2026:2030", "--years", help="FIRST:LAST calendar years."),
    vehicle: str = typer.Option("progress", "--vehicle", help="progress, zvezda, cygnus or usdv."),
    activity: int = typer.Option(50, "--activity", help=_ACTIVITY_HELP),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
) -> None:
    """Reboosts, dv and propellant per year to hold a station in an altitude band."""
    from spaceplan.station.presets import load_station, load_vehicle
    from spaceplan.station.reboost import reboost_plan

    check_plot_path(plot)
    lo, hi = (x / 1e3 for x in parse_length_range("--band", band))
    y0, y1 = _years(years)
    st, veh = load_station(station), load_vehicle(vehicle)
    with cli_fields({"band": "--band"}):
        plans = {f"{a} %": reboost_plan(st, veh, (lo, hi), int(y0), int(y1), a)
                 for a in ((_activity(activity),) if not plot else (5, 50, 95))}
    plan = plans.get(f"{activity} %") or plans["50 %"]
    if plot:
        from spaceplan.station.plots import plot_propellant

        write_figure(plot, plot_propellant, plans)
        wrote(plot, json_out)
    if json_out:
        emit_json(plan)
        return
    rows = [[y.year, f"{y.reboost_equivalents:.1f}", f"{y.dv_m_s:.1f}", f"{y.propellant_kg:,.0f}",
             f"{y.vehicle_flights:.1f}", f"{y.cost_musd:,.0f}"] for y in plan.years]
    stdout.print(table(f"{st.name}: hold {lo:g}-{hi:g} km with {veh.name} ({activity} % activity)",
                       ["year", "reboosts", "dv m/s", "propellant kg", "flights", "cost M$"], rows))
    flown = ", ".join(f"{y.year}: {y.reboosts}" for y in plan.years)
    stdout.print(f"each year pays for the altitude it loses (reboosts: that dv in {lo:g} -> {hi:g} km Hohmann "
                 f"pairs); pairs flown {flown}")
    print_warnings(plan)
    stdout.print(f"total {plan.total_propellant_kg:,.0f} kg; reboost only (attitude control and debris avoidance "
                 "not included)")


@station_app.command("deorbit")
def deorbit_cmd(
    station: str = typer.Argument(..., help=_STATION_HELP),
    vehicle: str = typer.Option("usdv", "--vehicle", help="Deorbit propulsion preset (usdv, progress, ...)."),
    start_altitude: str = typer.Option("330km", "--start-altitude", help="Circular altitude at the first burn "
                                       "(km, or with m/km)."),
    perigee: str = typer.Option("225km", "--perigee", help="Perigee after the lowering burns (km, or with m/km)."),
    final_perigee: str = typer.Option("50km", "--final-perigee", help="Perigee after the final burn (km, or with m/km)."),
    burns: int = typer.Option(2, "--burns", help="Number of perigee-lowering burns before the final one."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
    oem: Optional[str] = typer.Option(None, "--oem", help=OEM_HELP + " The nominal fragment from the final burn to "
                                      "70 km, 5 s steps."),
    czml: Optional[str] = typer.Option(None, "--czml", help=CZML_HELP + " Descent, ground track, fragment footprint "
                                       "and Point Nemo."),
) -> None:
    """Controlled deorbit: perigee lowering and the final burn into the South Pacific; single vs multi-burn."""
    from spaceplan.station.deorbit import BALLISTIC_SPREAD_SCOPE, deorbit_plan
    from spaceplan.station.presets import load_station, load_vehicle

    check_plot_path(plot)
    check_oem(oem)
    check_czml(czml)
    st = load_station(station)
    km = {flag: parse_length(flag, text, allow_negative=True) / 1e3 for flag, text in
          (("--start-altitude", start_altitude), ("--perigee", perigee), ("--final-perigee", final_perigee))}
    with cli_fields({"start altitude": "--start-altitude", "lowering perigee": "--perigee",
                     "final perigee": "--final-perigee", "lowering_burns": "--burns"}):
        plan = deorbit_plan(st, load_vehicle(vehicle), km["--start-altitude"], km["--perigee"], km["--final-perigee"],
                            burns)
    if plot:
        from spaceplan.station.plots import plot_footprint

        write_figure(plot, plot_footprint, plan)
        wrote(plot, json_out)
    if oem:
        from spaceplan.station.ephemerides import deorbit_states

        save_oem(oem, deorbit_states(plan, st))
    if czml:
        from spaceplan.station.ephemerides import deorbit_czml

        save_text(czml, deorbit_czml(plan, st))
    if json_out:
        emit_json(plan)
        return
    rows = [[b.label, f"{b.dv_impulsive_m_s:.1f}", f"{b.dv_finite_m_s:.1f}", f"{b.duration_s / 60:.1f}",
             f"{b.propellant_kg:,.0f}", f"{b.perigee_after_km:.0f}"] for b in plan.multi_burn + (plan.single_burn,)]
    stdout.print(table(f"{plan.station} deorbit with {plan.vehicle}",
                       ["burn", "dv impulsive m/s", "dv flown m/s", "minutes", "propellant kg", "perigee km"], rows))
    stdout.print(f"multi-burn propellant {plan.multi_propellant_kg:,.0f} kg vs single burn "
                 f"{plan.single_burn.propellant_kg:,.0f} kg of {plan.propellant_available_kg:,.0f} kg available; "
                 f"ballistic spread {plan.ballistic_spread_km:,.0f} km ({BALLISTIC_SPREAD_SCOPE})")
    for note in plan.notes:
        stdout.print(f"[dim]{note}[/dim]")
    print_warnings(plan)


@station_app.command("reentry")
def reentry_cmd(
    tle_file: str = typer.Argument(..., help="TLE history of one object (2- or 3-line sets, oldest first)."),
    orbit: list[str] = typer.Option([], "--orbit", help="A published orbit to add to the history, "
                                    "DATE=PERIGEExAPOGEE in km (e.g. 2018-03-25=208.1x224.3); repeatable."),
    score_at: Optional[str] = typer.Option(None, "--score", help="The actual reentry (UTC): forecast from the sets "
                                           "known 30, 14, 7, 3 and 1 days before it and print the error funnel."),
    uncertainty: str = typer.Option("0", "--uncertainty", help="With --score: half-width of the actual reentry "
                                    "time as published (e.g. 12h, 0.5d; bare number in days); leads shorter than 10 "
                                    "times it are skipped, as in the IADC campaigns [default 0]."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Reentry window: fit Cd A / m to the TLE history, King-Hele eccentric-orbit decay to 120 km with persistence
    space weather."""
    from pathlib import Path

    from spaceplan.station.reentry import forecast, read_tles

    if not Path(tle_file).is_file():
        raise InputError("TLE_FILE", f"no such file {tle_file!r}")
    history = read_tles(tle_file, "TLE_FILE")
    history = sorted(history + [_published_orbit(text, history[-1].inclination) for text in orbit],
                     key=lambda e: e.epoch_tdb)
    half_width_days = _uncertainty_days(uncertainty)
    if score_at is not None:
        _score(history, score_at, half_width_days, json_out)
        return
    if half_width_days:
        raise InputError("--uncertainty", "given without --score", "--score ACTUAL_UTC --uncertainty HALF_WIDTH")
    result = forecast(history)
    if json_out:
        emit_json(result)
        return
    d = result.to_dict()
    stdout.print(f"{d['name']}: {d['tles']} element sets {d['fit_from_utc']} to {d['fit_to_utc']}; "
                 f"fitted Cd A/m = {d['ballistic_coefficient_m2_kg']:.5f} m²/kg (m/CdA {d['mass_per_area_kg_m2']:.0f} kg/m²)")
    stdout.print(f"reentry (120 km) {d['nominal_utc']}, window {d['window_start_utc']} to {d['window_end_utc']} "
                 f"({d['window_days']:.1f} days)")
    for note in d["notes"]:
        stdout.print(f"[dim]{note}[/dim]")


def _uncertainty_days(text: str) -> float:
    """``--uncertainty``: 0 (the default), or a duration (bare numbers in days) -> days."""
    from spaceplan.core.durations import parse_duration

    if str(text).strip() in ("0", "0d", "0.0"):
        return 0.0
    return parse_duration(text, "--uncertainty", "d") / DAY


def _score(history, actual_text: str, uncertainty_days: float, json_out: bool) -> None:
    """The funnel table of one object's forecasts at 30, 14, 7, 3 and 1 days against its actual reentry."""
    from spaceplan.cli._common import parse_utc
    from spaceplan.station.reentry_score import RULE_OF_THUMB, score

    result = score(history, parse_utc("--score", actual_text), uncertainty_days=uncertainty_days)
    if json_out:
        emit_json(result)
        return
    d = result.to_dict()
    def short(iso: str) -> str:  # 2018-04-02T00:16Z -> 04-02 00:16
        return iso[5:16].replace("T", " ")

    rows = [[f"{f['lead_days']:g}", short(f["nominal_utc"]), short(f["window_start_utc"]),
             short(f["window_end_utc"]), f"{f['error_days']:+.2f}", f"{f['relative_error']:.0%}",
             "yes" if f["window_contains_actual"] else "NO"] for f in d["forecasts"]]
    rows += [[f"{s['lead_days']:g}", "skipped", "-", "-", "-", "-", "-"] for s in d["skipped"]]
    rows.sort(key=lambda r: -float(r[0]))
    stdout.print(table(f"{d['name']}: forecasts vs the actual reentry {d['actual_utc']}",
                       ["lead d", "forecast", "5 %", "95 %", "error d", "err/rem", "held"], rows))
    for s in d["skipped"]:
        stdout.print(f"[dim]{s['lead_days']:g} d skipped: {s['reason']}[/dim]")
    stdout.print(f"[dim]IADC campaigns: |error| ~ {RULE_OF_THUMB[0]:.0%}-{RULE_OF_THUMB[1]:.0%} of the remaining "
                 "lifetime; space weather observed to each fit epoch, then 81-day-mean persistence[/dim]")


def _grid_values(field: str, text: str, unit: str, default_step: float | None) -> list[float]:
    """LOW:HIGH[:STEP] -> values; without STEP, ``default_step`` apart or (None) doubling from LOW."""
    body = text.strip().lower().removesuffix(unit).strip()
    parts = body.split(":")
    allowed = f"LOW:HIGH[:STEP]{unit}, e.g. 200:800{unit}"
    try:
        lo, hi, *rest = (float(p) for p in parts)
    except ValueError:
        raise InputError(field, f"cannot read {text!r}", allowed) from None
    if len(rest) > 1 or not 0 < lo <= hi or (rest and rest[0] <= 0):
        raise InputError(field, f"cannot read {text!r}", allowed)
    step = rest[0] if rest else default_step
    if step is None:
        values = [lo]
        while values[-1] * 2 <= hi * (1 + 1e-9):
            values.append(values[-1] * 2)
        return values if values[-1] >= hi * (1 - 1e-9) else values + [hi]
    n = int(round((hi - lo) / step))
    if n > 200:
        raise InputError(field, f"{n + 1} values", "at most 201 values")
    return [lo + k * step for k in range(n + 1)]


@station_app.command("lifetime")
def lifetime_cmd(
    alt: str = typer.Option("200:800km", "--alt", help="Mean altitude(s): VALUE or LOW:HIGH[:STEP], km (bare numbers) "
                            "or with m/km, e.g. 400km, 200:800km, 300000m:500km (default step 50 km)."),
    bc: str = typer.Option("25:200", "--bc", help="m/(Cd A) in kg/m², LOW:HIGH[:STEP] (default: doubling)."),
    activity: Optional[int] = typer.Option(None, "--activity", help=_ACTIVITY_HELP + " [default: all three]"),
    start: str = typer.Option("2026-11-01", "--start", help="UTC start date."),
    inclination: float = typer.Option(51.6, "--inclination", help="Inclination, degrees."),
    numerical_max_days: float = typer.Option(0.0, "--numerical-max-days", help="Also run the Cowell propagator "
                                             "where King-Hele gives at most this many days (slow: ~1 s per 100 days)."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Orbital lifetime (to 120 km) on an altitude x m/(Cd A) x solar-activity grid, King-Hele (and Cowell)."""
    from spaceplan.station.lifetime import lifetime_grid

    require_range("--inclination", inclination, 0.0, 180.0, "deg")
    levels = (_activity(activity),) if activity is not None else (5, 50, 95)
    altitudes_km = [h / 1e3 for h in parse_length_grid("--alt", alt, default="km", default_step_m=50e3)]
    grid = lifetime_grid(altitudes_km, _grid_values("--bc", bc, "", None), levels, start,
                         inclination, numerical_max_days=numerical_max_days)
    if json_out:
        emit_json(grid)
        return
    for k, level in enumerate(grid.activity):
        rows = []
        for i, h in enumerate(grid.altitude_km):
            cells = []
            for j in range(len(grid.ballistic_kg_m2)):
                cell = _days(grid.king_hele_days[k, i, j], grid.cap_years)
                if math.isfinite(grid.numerical_days[k, i, j]):
                    cell += f" ({_days(grid.numerical_days[k, i, j], grid.cap_years)})"
                cells.append(cell)
            rows.append([f"{h:g}"] + cells)
        extra = "; Cowell in parentheses" if numerical_max_days > 0 else ""
        stdout.print(table(f"Lifetime to 120 km from {start}, {level} % solar activity, i = {inclination:g} deg "
                           f"(King-Hele{extra})", ["altitude km"] + [f"{b:g} kg/m²" for b in grid.ballistic_kg_m2],
                           rows))
    for note in grid.notes:
        stdout.print(f"[dim]{note}[/dim]")
    print_warnings(grid)


def _days(days: float, cap_years: float) -> str:
    if not math.isfinite(days):
        return f"> {cap_years:g} y"
    return f"{days:.1f} d" if days < 365.25 else f"{days / 365.25:.1f} y"


def _published_orbit(text: str, inclination: float):
    """``DATE=PERIGEExAPOGEE`` (km) -> an element set at the TLEs' inclination."""
    from spaceplan.core.time import utc_to_tdb
    from spaceplan.station.reentry import published_state

    allowed = "DATE=PERIGEExAPOGEE in km, e.g. 2018-03-25=208.1x224.3"
    date, sep, heights = text.partition("=")
    parts = heights.lower().split("x")
    if not sep or len(parts) != 2:
        raise InputError("--orbit", f"cannot read {text!r}", allowed)
    try:  # each height: the one length parser (bare numbers in km; 208.1x224.3km puts the unit on the apogee)
        unit = "m" if parts[1].strip().endswith("m") and not parts[1].strip().endswith("km") else "km"
        hp = parse_length("--orbit", parts[0], allow_zero=True, default=unit, allow_negative=True)
        ha = parse_length("--orbit", parts[1], allow_zero=True, allow_negative=True)
    except InputError:
        raise InputError("--orbit", f"cannot read {text!r}", allowed) from None
    epoch = float(utc_to_tdb(date.strip(), "--orbit"))
    return published_state(epoch, hp, ha, inclination, f"published orbit {date.strip()}")


@station_app.command("presets")
def presets_cmd(json_out: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """List the station and vehicle presets."""
    from spaceplan.station.presets import load_station, load_vehicle, station_names, vehicle_names

    stations = [load_station(n) for n in station_names()]
    vehicles = [load_vehicle(n) for n in vehicle_names()]
    if json_out:
        emit_json({"stations": stations, "vehicles": vehicles})
        return
    stdout.print(table("Stations", ["key", "name", "mass t", "incl deg", "alt km", "Cd A m²"],
                       [[s.key, s.name, f"{s.mass_kg / 1e3:.1f}", s.inclination_deg, s.altitude_km,
                         f"{s.cd_area:,.0f}"] for s in stations]))
    stdout.print(table("Vehicles", ["key", "name", "thrust N", "Isp s", "propellant kg"],
                       [[v.key, v.name, f"{v.thrust_n:,.0f}", v.isp_s, f"{v.propellant_kg:,.0f}"] for v in vehicles]))


def register(app: typer.Typer) -> None:
    app.add_typer(station_app, name="station")
