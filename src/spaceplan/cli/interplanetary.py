"""CLI: ``spaceplan windows`` (launch opportunities) and ``spaceplan porkchop`` (C3 grid and figure)."""

from __future__ import annotations

from typing import Optional

import typer

from spaceplan.core.constants import DAY
from spaceplan.core.durations import parse_duration
from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, parse_date_range, \
    parse_utc, print_warnings, progress, stdout, table, write_figure
from spaceplan.cli._formats import OEM_HELP, check_oem, save_oem


def _out():
    """stdout console; 160 columns when not a terminal (pipes, files) so tables do not wrap."""
    if stdout.is_terminal:
        return stdout
    from rich.console import Console

    return Console(width=160)


def _fmt(x, nd=2):
    return "-" if x is None else f"{x:.{nd}f}"


def windows(
    departure: str = typer.Argument(..., help="Departure body, e.g. earth."),
    arrival: str = typer.Argument(..., help="Arrival body, e.g. mars."),
    start: int = typer.Option(..., "--from", help="First year of departures (1 Jan)."),
    end: int = typer.Option(..., "--to", help="Last year of departures (31 Dec)."),
    c3_max: Optional[float] = typer.Option(None, "--c3-max", help="C3 cap (km^2/s^2) for launch periods."),
    tof_min: Optional[float] = typer.Option(None, "--tof-min", help="Shortest flight (days); default per pair."),
    tof_max: Optional[float] = typer.Option(None, "--tof-max", help="Longest flight (days); default per pair."),
    ridge_deg: float = typer.Option(1.0, "--ridge-deg",
                                    help="Leave out transfers within this many degrees of 180 (0 keeps them)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Launch opportunities: minimum-C3 departure/arrival per transfer type, arrival v-infinity, launch period."""
    from spaceplan.core.errors import InputError
    from spaceplan.interplanetary.windows import default_tof_bounds, find_opportunities

    from spaceplan.core.errors import require_range

    if c3_max is not None:
        require_range("--c3-max", c3_max, 1e-6, 1e4, "km^2/s^2")
    require_range("--ridge-deg", ridge_deg, 0.0, 89.9, "deg")
    for flag, year in (("--from", start), ("--to", end)):
        require_range(flag, year, 1900, 2052)
    if end < start:
        raise InputError("--to", f"{end} is before --from {start}", f"a year from {start} to 2052")
    bounds = None
    if tof_min is not None or tof_max is not None:
        for flag, value in (("--tof-min", tof_min), ("--tof-max", tof_max)):
            if value is not None:
                require_range(flag, value, 1.0, 20_000.0, "days")
        lo, hi = default_tof_bounds(departure, arrival)
        bounds = ((tof_min * DAY) if tof_min is not None else lo, (tof_max * DAY) if tof_max is not None else hi)
        if not bounds[1] > bounds[0]:
            raise InputError("--tof-max" if tof_max is not None else "--tof-min",
                             f"longest flight {bounds[1] / DAY:g} d is not above the shortest {bounds[0] / DAY:g} d",
                             "--tof-min < --tof-max")
    with progress("searching opportunities", enabled=not as_json) as update, \
            cli_fields({"years": "--from/--to", "tof_bounds": "--tof-min/--tof-max", "c3_cap": "--c3-max"}):
        result = find_opportunities(departure, arrival, start, end, c3_cap=None if c3_max is None else c3_max * 1e6,
                                    tof_bounds=bounds, ridge_deg=ridge_deg, progress=update)
    if as_json:
        emit_json(result)
        return
    columns = ["Year", "Type", "Depart", "Arrive", "TOF d", "C3 km²/s²", "v∞ arr km/s", "DLA °", "RLA °"]
    if c3_max is not None:
        columns += [f"C3≤{c3_max:g} from", "to", "days"]
    rows = []
    for opp in result.opportunities:
        data = opp.to_dict()
        for name, point in data["types"].items():
            if point is None:
                continue
            mark = " *" if name == data["best_type"] else ""
            flag = " (edge)" if point["at_search_boundary"] else ""
            row = [str(data["year"]), name + mark, point["departure_utc"][:10], point["arrival_utc"][:10],
                   f"{point['tof_days']:.0f}", _fmt(point["c3_km2s2"]) + flag, _fmt(point["vinf_arrival_kms"]),
                   _fmt(point["dla_deg"], 1), _fmt(point["rla_deg"], 1)]
            if c3_max is not None:
                lp = data["launch_periods"].get(name)
                row += (["none", "", ""] if lp is None else
                        [lp["first_utc"], lp["last_utc"], f"{lp['days']:.0f}{'+' if lp['truncated'] else ''}"])
            rows.append(row)
    title = (f"{result.departure_body.title()} to {result.arrival_body.title()} opportunities {start}-{end} "
             f"(TOF {result.tof_bounds[0] / DAY:.0f}-{result.tof_bounds[1] / DAY:.0f} d; * = lower C3)")
    _out().print(table(title, columns, rows))
    notes = []
    if any("(edge)" in r[5] for r in rows):
        notes.append(f"(edge): minimum on the search boundary (TOF bound, span end, or the {result.ridge_deg:g} deg "
                     "exclusion around 180-deg transfers), not an interior minimum")
    if any(r[-1].endswith("+") for r in rows if c3_max is not None):
        notes.append("+: launch period reaches half a synodic period from the optimum (longer in fact)")
    for note in notes:
        _out().print(note)
    print_warnings(result)
    if not result.opportunities:
        stdout.print("no opportunity has its minimum-C3 departure in this span")


def porkchop_command(
    departure: str = typer.Argument(..., help="Departure body, e.g. earth."),
    arrival: str = typer.Argument(..., help="Arrival body, e.g. mars."),
    depart: str = typer.Option(..., "--depart", help="Departure dates START:END (UTC), e.g. 2026-08-01:2027-01-31."),
    arrive: str = typer.Option(..., "--arrive", help="Arrival dates START:END (UTC), e.g. 2027-03-01:2028-03-01."),
    step: str = typer.Option("1d", "--step", help="Grid step of both axes, e.g. 1d, 12h."),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
    grid: bool = typer.Option(False, "--grid", help="With --json: include every cell (large)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    oem: Optional[str] = typer.Option(None, "--oem", help=OEM_HELP + " The minimum-C3 transfer (lower of the two "
                                      "types), heliocentric, one state a day."),
) -> None:
    """Porkchop grid: departure C3, launch asymptote (DLA/RLA), arrival v-infinity, per transfer type."""
    from spaceplan.core.constants import body
    from spaceplan.core.errors import InputError
    from spaceplan.core.time import epoch_count, epoch_grid
    from spaceplan.core.porkchop import check_cells, porkchop

    body(departure), body(arrival)
    check_plot_path(plot)
    check_oem(oem)
    step_s = parse_duration(step, "--step")
    spans = {}
    for field, text in (("--depart", depart), ("--arrive", arrive)):
        a, b = parse_date_range(field, text)
        t0, t1 = parse_utc(f"{field} start", a), parse_utc(f"{field} end", b)
        if t1 <= t0:
            raise InputError(field, f"empty or inverted date range {text!r}", "END after START")
        if step_s > t1 - t0:
            raise InputError("--step", f"{step} is longer than the {field} range ({(t1 - t0) / DAY:g} d)",
                             f"<= {(t1 - t0) / DAY:g} d")
        spans[field] = (t0, t1, epoch_count(t0, step_s, t1))
    # the size check comes before any array is built: --step 1s over a year is ~5e14 cells
    check_cells(spans["--depart"][2], spans["--arrive"][2], field="--step", hint="use a longer --step or shorter ranges")
    ranges = {field: epoch_grid(t0, step_s, stop_tdb=t1, field=field) for field, (t0, t1, _) in spans.items()}
    with progress("porkchop", enabled=not as_json) as update, \
            cli_fields({"departure dates": "--depart", "arrival dates": "--arrive"}):
        result = porkchop(departure, arrival, ranges["--depart"], ranges["--arrive"], progress=update)
    if plot:
        from spaceplan.interplanetary.plots import plot_porkchop

        write_figure(plot, plot_porkchop, result)
    if oem:
        from spaceplan.core.arcs import lambert_transfer_states
        from spaceplan.core.errors import InfeasibleError

        minima = [p for p in result.min().values() if p is not None]
        if not minima:
            raise InfeasibleError("--oem: no cell of the grid holds a transfer")
        best = min(minima, key=lambda p: p.c3)
        save_oem(oem, lambert_transfer_states(departure, arrival, best.departure_tdb, best.arrival_tdb))
    if as_json:
        emit_json(result.to_dict(grid=grid))
        return
    summary = result.to_dict()
    rows = []
    for name, point in summary["minimum_c3"].items():
        if point is None:
            rows.append([name, "-", "-", "-", "-", "-", "-", "-"])
            continue
        rows.append([name, point["departure_utc"][:10], point["arrival_utc"][:10], f"{point['tof_days']:.0f}",
                     _fmt(point["c3_km2s2"]), _fmt(point["vinf_arrival_kms"]), _fmt(point["dla_deg"], 1),
                     _fmt(point["rla_deg"], 1)])
    nd, na = result.shape
    _out().print(table(f"{result.departure_body.title()} to {result.arrival_body.title()} porkchop "
                       f"{nd} x {na} cells: minimum C3 per type (grid cell)",
                       ["Type", "Depart", "Arrive", "TOF d", "C3 km²/s²", "v∞ arr km/s", "DLA °", "RLA °"],
                       rows))
    counts = summary["cells"]
    _out().print("cells: " + "; ".join(f"type {k}: " + ", ".join(f"{n} {s}" for s, n in v.items())
                                       for k, v in counts.items()))
    print_warnings(result)
    if plot:
        stdout.print(f"figure written to {plot}")


def register(app: typer.Typer) -> None:
    """Add ``windows`` and ``porkchop`` as top-level commands."""
    app.command("windows")(windows)
    app.command("porkchop")(porkchop_command)
