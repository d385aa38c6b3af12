"""``spaceplan mars mission``: crewed Mars round trips (conjunction / opposition class) and crew dose."""

from __future__ import annotations

from typing import Optional

import typer

from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, print_warnings, \
    progress, stdout, table, write_figure

mars_app = typer.Typer(help="Crewed Mars missions: round trips, durations, delta-v and crew dose.",
                       no_args_is_help=True)


@mars_app.command("mission")
def mission(
    year: int = typer.Option(..., "--year", help="Departure year (Jan 1 to Mar 31 of the next year are searched)."),
    mission_class: str = typer.Option("both", "--class", help="conjunction, opposition or both."),
    max_duration: Optional[float] = typer.Option(None, "--max-duration", help="Longest total mission, days."),
    min_stay: Optional[float] = typer.Option(None, "--min-stay", help="Shortest stay at Mars, days."),
    max_stay: Optional[float] = typer.Option(None, "--max-stay", help="Longest stay at Mars, days."),
    venus: bool = typer.Option(False, "--venus", help="Also try one Venus flyby on either leg."),
    shielding: float = typer.Option(20.0, "--shielding", help="Crew shielding, g/cm^2 aluminium."),
    max_transit: Optional[float] = typer.Option(None, "--max-transit",
                                                help="Longest transit each way, days (DRA 5.0 crews: ~180-210)."),
    step: float = typer.Option(2.0, "--step", help="Grid step, days."),
    aerocapture: bool = typer.Option(False, "--aerocapture", help="Aerocapture at Mars (no insertion burn)."),
    max_entry_speed: Optional[float] = typer.Option(None, "--max-entry-speed", help="Earth entry speed cap, km/s."),
    capsule: str = typer.Option("mars-return-default", "--capsule",
                                help="Earth-return capsule preset: braking above its entry-speed limit is charged "
                                     "(mars-return-default 12.5 km/s, orion 11, earth-aerocapture 14)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " (Pareto front)"),
) -> None:
    """Best conjunction- and opposition-class round trips for a departure year, with crew dose."""
    from spaceplan.core.errors import InfeasibleError, require_positive
    from spaceplan.interplanetary import search_round_trips
    from spaceplan.missions import crew_dose

    check_plot_path(plot)
    require_positive("--shielding", shielding, allow_zero=True, unit="g/cm^2")
    if max_transit is not None and not 80.0 < max_transit <= 450.0:
        from spaceplan.core.errors import InputError

        raise InputError("--max-transit", f"got {max_transit:g} days", "80 < days <= 450")
    if max_entry_speed is not None:
        require_positive("--max-entry-speed", max_entry_speed, unit="km/s")
    fields = {"step_days": "--step", "min_stay_days": "--min-stay", "max_stay_days": "--max-stay",
              "max_duration_days": "--max-duration", "year": "--year", "mission_class": "--class",
              "min_stay_days/max_stay_days": "--min-stay/--max-stay", "outbound_tof_days": "--max-transit",
              "return_tof_days": "--max-transit", "max_entry_speed": "--max-entry-speed", "capsule": "--capsule"}
    with progress("Searching round trips", enabled=not as_json) as update, cli_fields(fields):
        search = search_round_trips(
            year, mission_class, min_stay_days=min_stay, max_stay_days=max_stay, max_duration_days=max_duration,
            venus=venus, step_days=step,
            outbound_tof_days=(80.0, 400.0 if max_transit is None else max_transit),
            return_tof_days=(80.0, 450.0 if max_transit is None else max_transit),
            mars_capture="aerocapture" if aerocapture else "propulsive",
            max_entry_speed=None if max_entry_speed is None else max_entry_speed * 1e3, capsule=capsule,
            progress=update)
    options = []
    for c in search.classes:
        try:
            trip = search.best(c, max_duration_days=max_duration)
        except InfeasibleError:
            continue
        dose = crew_dose(trip, shielding)
        options.append((trip, dose))
    if not options:
        raise InfeasibleError("--max-duration: no round trip of the requested class fits the constraints")
    if plot:
        from spaceplan.interplanetary.mission_plots import plot_pareto

        write_figure(plot, lambda path: plot_pareto(search, path, chosen=[t for t, _ in options]))
    if as_json:
        emit_json({
            "search": search.to_dict(),
            "options": [{**t.to_dict(), "dose": None if d is None else d.to_dict()} for t, d in options],
            "shielding_gcm2": shielding,
        })
        return
    labels = [
        ("Earth departure", "earth_departure_utc", "{}"), ("Mars arrival", "mars_arrival_utc", "{}"),
        ("Mars departure", "mars_departure_utc", "{}"), ("Earth arrival", "earth_arrival_utc", "{}"),
        ("outbound transit, d", "outbound_tof_days", "{:.0f}"), ("stay at Mars, d", "stay_days", "{:.0f}"),
        ("return transit, d", "return_tof_days", "{:.0f}"), ("total, d", "total_days", "{:.0f}"),
        ("deep space, d", "deep_space_days", "{:.0f}"), ("C3, km2/s2", "c3_km2s2", "{:.1f}"),
        ("dv Earth departure (LEO), km/s", "dv_earth_departure_kms", "{:.2f}"),
        ("dv Mars insertion, km/s", "dv_mars_arrival_kms", "{:.2f}"),
        ("dv Mars departure, km/s", "dv_mars_departure_kms", "{:.2f}"),
        ("dv Venus flyby, km/s", "dv_flyby_kms", "{:.2f}"),
        ("dv braking before Earth entry, km/s", "dv_earth_arrival_kms", "{:.2f}"),
        ("dv total, km/s", "dv_total_kms", "{:.2f}"), ("Earth entry speed, km/s", "entry_speed_kms", "{:.1f}"),
        ("  after braking, km/s", "entry_speed_final_kms", "{:.1f}"),
    ]
    dicts = [t.to_dict() for t, _ in options]
    rows = [[label] + [fmt.format(x[key]) for x in dicts] for label, key, fmt in labels]
    rows.append(["Venus flyby"] + [(f"{x['venus_flyby']['leg']} {x['venus_flyby']['date_utc']}"
                                    if x["venus_flyby"] else "none") for x in dicts])
    rows.append([f"crew dose, mSv ({shielding:g} g/cm2 Al)"]
                + ["n/a" if d is None else f"{d.total_sv * 1e3:.0f}" for _, d in options])
    stdout.print(table(f"Mars round trips departing {year} (least delta-v per class; patched conics, DE421)",
                       ["quantity"] + [t.mission_class for t, _ in options], rows))
    for t, d in options:
        if d is not None:
            stdout.print(f"[bold]{t.mission_class}[/bold]: {d.assessment}")
    print_warnings({"warnings": list(search.warnings)}, *(t for t, _ in options))
    if plot:
        stdout.print(f"figure written to {plot}")


def register(app: typer.Typer) -> None:
    app.add_typer(mars_app, name="mars")
