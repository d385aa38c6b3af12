"""``spaceplan mars starship``, ``spaceplan mars architectures`` and ``spaceplan moon starship``: Starship refilling,
Mars entry and landing, the alternatives table, and the HLS lunar landing (:mod:`spaceplan.missions`)."""

from __future__ import annotations

import re
from typing import Optional

import typer

from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, stdout, table, \
    write_figure
from spaceplan.core.errors import InputError

moon_app = typer.Typer(help="The Moon: Starship HLS landings and their refilling campaigns.", no_args_is_help=True)

_PERCENT_PER_DAY = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(%)?\s*(?:/\s*(d|day))?\s*$", re.IGNORECASE)
FIELDS = {"propellant need": "--payload", "tanker delivery": "--tanker-load", "tankers": "--tankers",
          "cadence": "--cadence", "boiloff": "--boiloff", "transfer_loss": "--transfer-loss",
          "entry flight path angle": "--entry-angle", "--tof": "--tof"}


def parse_boiloff(text: str) -> float:
    """``0.1%/day``, ``0.1%`` or ``0.001`` (fraction) -> fraction per day, 0 to < 1."""
    m = _PERCENT_PER_DAY.match(str(text))
    if not m:
        raise InputError("--boiloff", f"cannot read {text!r}", "a percentage per day, e.g. 0.1%/day")
    value = float(m.group(1)) / (100.0 if m.group(2) else 1.0)
    if not 0.0 <= value < 1.0:
        raise InputError("--boiloff", f"got {text!r}", "0 to < 100 %/day")
    return value


def parse_cadence(text: str) -> float:
    """``2/week``, ``8/month`` or a bare number per week -> launches per day (> 0)."""
    from spaceplan.core.constants import DAY
    from spaceplan.core.durations import parse_rate

    return parse_rate(text, "--cadence", default_unit="week") * DAY


def _mass(field: str, text: str | None, allow_zero: bool = True) -> float | None:
    if text is None:
        return None
    from spaceplan.cli.propulsion import parse_mass

    return parse_mass(field, text, allow_zero=allow_zero)


def _check_common(year: int, tankers: int | None = None, entry_angle: float = -12.0, tof: float | None = None):
    """Refuse meaningless numbers before anything is computed."""
    from spaceplan.core.errors import require_range

    require_range("--year", year, 1900, 2052)
    if tankers is not None:
        require_range("--tankers", tankers, 0, 200)
    require_range("--entry-angle", entry_angle, -45.0, -0.5, unit="deg")
    if tof is not None:
        require_range("--tof", tof, 60.0, 500.0, unit="days")


def starship(
    year: int = typer.Option(2026, "--year", help="Departure window (2026, 2028, 2031, 2033, 2035)."),
    payload: Optional[str] = typer.Option("100t", "--payload", help="Landed payload, e.g. 100t; 'max' for the most "
                                                                   "the tankers (or full tanks) allow."),
    variant: str = typer.Option("cargo", "--variant", help="cargo or crew."),
    block: int = typer.Option(2, "--block", help="Starship generation: 2 (1,200 t) or 3 (1,500 t)."),
    tankers: Optional[int] = typer.Option(None, "--tankers", help="Number of tanker flights (default: the least "
                                                                   "that lands the payload)."),
    boiloff: str = typer.Option("0.1%/day", "--boiloff", help="Propellant boil-off in LEO, e.g. 0.1%/day."),
    cadence: str = typer.Option("2/week", "--cadence", help="Launch cadence from the pads, e.g. 2/week."),
    transfer_loss: float = typer.Option(2.0, "--transfer-loss", help="Loss per propellant transfer, %."),
    tof: Optional[float] = typer.Option(None, "--tof", help="Flight time, days (default: the window's minimum C3)."),
    departure: Optional[str] = typer.Option(None, "--departure", help="Departure date (UTC; default: the optimum)."),
    entry_angle: float = typer.Option(-12.0, "--entry-angle", help="Mars entry flight path angle, deg."),
    tanker_load: Optional[str] = typer.Option(None, "--tanker-load", help="Propellant per tanker flight, e.g. 150t "
                                                                          "(default: computed by the ascent model)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " (landed payload vs tankers)"),
) -> None:
    """One Starship flight to Mars: tankers, refilling calendar, departure, entry, landing, return and ISRU."""
    from spaceplan.cli._common import parse_utc
    from spaceplan.missions.ships import ship_for
    from spaceplan.missions.starship_mars import evaluate

    check_plot_path(plot)
    if variant not in ("cargo", "crew"):
        raise InputError("--variant", f"got {variant!r}", "cargo or crew")
    _check_common(year, tankers, entry_angle, tof)
    ship = ship_for(block, variant)
    pay = None if str(payload).strip().lower() == "max" else _mass("--payload", payload)
    if pay is not None and pay > ship.max_payload_kg:
        raise InputError("--payload", f"got {payload} (above what {ship.name} carries)",
                         f"0 to {ship.max_payload_kg / 1e3:g} t")
    rate, boil = parse_cadence(cadence), parse_boiloff(boiloff)
    load = _mass("--tanker-load", tanker_load, False)
    if not 0.0 <= transfer_loss < 100.0:
        raise InputError("--transfer-loss", f"got {transfer_loss:g} %", "0 to < 100 %")
    dep = None if departure is None else parse_utc("--departure", departure)
    with cli_fields(FIELDS):
        arch = evaluate(ship, year=year, payload_kg=pay, tankers=tankers, departure_tdb=dep, tof_days=tof,
                        cadence_per_day=rate, boiloff_per_day=boil, transfer_loss=transfer_loss / 100.0,
                        entry_fpa_deg=entry_angle, tanker_delivery_kg=load)
    if plot:
        from spaceplan.missions.starship_plots import landed_vs_tankers, plot_landed_vs_tankers

        curves = landed_vs_tankers(ship, [year], tanker_delivery_kg=arch.tanker_delivery_kg, cadence_per_day=rate,
                                   boiloff_per_day=boil, transfer_loss=transfer_loss / 100.0)
        write_figure(plot, plot_landed_vs_tankers, curves, ship.name)
    if as_json:
        emit_json(arch.to_dict())
        return
    d = arch.to_dict()
    dep_d, c, e = d["departure"], d["campaign"], d["entry"]
    rows = [["departure", f"{dep_d['departure_utc']} (type {dep_d['type']}), C3 {dep_d['c3_km2s2']:.1f} km2/s2, "
                          f"DLA {dep_d['dla_deg']:.1f} deg"],
            ["arrival", f"{dep_d['arrival_utc']} after {dep_d['tof_days']:.0f} d, v_inf {dep_d['vinf_arrival_kms']:.2f} "
                        "km/s"],
            ["trans-Mars injection", f"{dep_d['tmi_dv_kms']:.2f} km/s from {d['assumptions']['orbit_alt_km']:.0f} km"],
            ["tanker load", f"{d['tanker_delivery_t']:.0f} t per flight"],
            ["propellant needed in LEO", f"{d['propellant_needed_t']:.0f} t"],
            ["tankers / launches", f"{c['tankers']} / {c['launches']} over {c['duration_days']:.0f} days "
                                   f"(first launch {d['first_launch_utc']})"],
            ["boil-off / transfer losses", f"{c['boiloff_t']:.1f} t / {c['transfer_loss_t']:.1f} t"],
            ["entry", f"{e['entry_speed_kms']:.2f} km/s at {e['flight_path_deg']:g} deg, peak "
                      f"{e['peak_deceleration_g']:.1f} g, heat flux {e['peak_heat_flux_w_cm2']:.0f} W/cm2"],
            ["landing burn", f"{d['landing_dv_kms']:.2f} km/s"],
            ["landed payload", f"{d['landed_payload_t']:.0f} t (full tanks: {d['max_payload_full_tanks_t']:.0f} t)"]]
    if d["return"]:
        r = d["return"]
        rows.append(["return (ISRU)", f"{r['isru_propellant_t']:.0f} t ({r['isru_ch4_t']:.0f} t CH4 + "
                                      f"{r['isru_o2_t']:.0f} t O2) over {r['stay_days']:.0f} d, leave "
                                      f"{r['mars_departure_utc']}"])
    if d["dose"]:
        rows.append(["crew dose", f"{d['dose']['total_msv']:.0f} mSv: {d['dose']['assessment']}"])
    stdout.print(table(f"{ship.name}, {year} window", ["quantity", "value"], rows))
    stdout.print(arch.verdict)
    for w in arch.warnings:
        stdout.print(f"[yellow]warning[/yellow]: {w['message']}")
    if plot:
        stdout.print(f"figure written to {plot}")


def architectures(
    year: int = typer.Option(2028, "--year", help="Departure window."),
    landed: str = typer.Option("100t", "--landed", help="Payload to land on Mars, e.g. 100t."),
    crew_tof: Optional[float] = typer.Option(None, "--crew-tof", help="Crew transit of the hybrid's Starship, days "
                                                                      "(default: the fastest the entry allows)."),
    tanker_load: Optional[str] = typer.Option(None, "--tanker-load", help="Propellant per tanker flight, e.g. 150t."),
    no_nep: bool = typer.Option(False, "--no-nep", help="Leave out the NEP hybrid (its low-thrust legs take minutes)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The same landed payload by Starship refilled, an NTP stage (DRA 5.0) and an NEP tug + Starship crew hybrid."""
    from spaceplan.missions.architectures import alternatives

    from spaceplan.core.errors import require_range

    _check_common(year)
    if crew_tof is not None:
        require_range("--crew-tof", crew_tof, 60.0, 500.0, unit="days")
    landed_kg = _mass("--landed", landed, False)
    load = _mass("--tanker-load", tanker_load, False)
    with cli_fields({"--landed": "--landed", **FIELDS}):
        alt = alternatives(year, landed_kg, crew_tof_days=crew_tof, tanker_delivery_kg=load, with_nep=not no_nep)
    if as_json:
        emit_json(alt.to_dict())
        return
    rows = [[o.name, "yes" if o.feasible else "no", o.launches, f"{o.imleo_kg / 1e3:,.0f}", f"{o.cargo_trip_days:.0f}",
             f"{o.crew_transit_days:.0f}", f"{o.crew_dose_msv:.0f}", o.note] for o in alt.options]
    stdout.print(table(f"Landing {alt.landed_kg / 1e3:g} t on Mars in the {year} window",
                       ["option", "feasible", "launches", "IMLEO, t", "cargo trip, d", "crew transit, d",
                        "crew dose, mSv", "note"], rows))


@moon_app.command("starship")
def moon_starship(
    payload: str = typer.Option("5t", "--payload", help="Payload landed with the crew, e.g. 5t."),
    depot: bool = typer.Option(True, "--depot/--no-depot", help="Tankers fill a depot first (NASA's plan)."),
    boiloff: str = typer.Option("0.1%/day", "--boiloff", help="Boil-off in LEO, e.g. 0.1%/day."),
    cadence: str = typer.Option("2/week", "--cadence", help="Launch cadence, e.g. 2/week."),
    tanker_load: Optional[str] = typer.Option(None, "--tanker-load", help="Propellant per tanker flight, e.g. 100t."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """A Starship HLS lunar landing (LEO refilling -> NRHO -> surface -> NRHO): tankers and launches."""
    from spaceplan.missions.moon_hls import lunar_landing

    pay, rate, boil = _mass("--payload", payload), parse_cadence(cadence), parse_boiloff(boiloff)
    load = _mass("--tanker-load", tanker_load, False)
    with cli_fields(FIELDS):
        r = lunar_landing("hls-block2", payload_down_kg=pay, depot=depot, cadence_per_day=rate, boiloff_per_day=boil,
                          tanker_delivery_kg=load)
    if as_json:
        emit_json(r.to_dict())
        return
    d = r.to_dict()
    rows = [[k, f"{v:.2f}"] for k, v in d["dv_kms"].items()]
    rows += [["propellant in LEO, t", f"{d['propellant_needed_t']:.0f}"], ["tanker load, t", f"{d['tanker_delivery_t']:.0f}"],
             ["tankers", d["campaign"]["tankers"]], ["launches", d["launches"]]]
    stdout.print(table("Starship HLS lunar landing (delta-v in km/s)", ["quantity", "value"], rows))
    stdout.print(r.verdict)
    for w in r.warnings:
        stdout.print(f"[yellow]warning[/yellow]: {w['message']}")


def register(app: typer.Typer) -> None:
    from spaceplan.cli.mars import mars_app

    mars_app.command("starship")(starship)
    mars_app.command("architectures")(architectures)
    app.add_typer(moon_app, name="moon")
