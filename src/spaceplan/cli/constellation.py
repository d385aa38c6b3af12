"""``spaceplan constellation ...``: presets, shells, coverage, compare and ground tracks.

``register(app)`` creates the ``constellation`` sub-app, adds the commands of this module and
then those of :mod:`spaceplan.cli.constellation_net` (catalog, latency, deploy, capacity).
Display units here (deg, km, min, ISO UTC); the API below works in SI.  Heavy imports
(numba kernels, matplotlib) happen inside the commands.
"""

from __future__ import annotations

import re
from typing import List, Optional

import typer

from spaceplan.core.durations import parse_duration
from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, \
    parse_window, progress, stdout, table, write_figure

PRESET_HELP = ("Constellation preset (see 'spaceplan constellation presets'), a TOML file of [[shell]] tables, "
               "or a satellite catalog: TLE/3LE or OMM XML, KVN, JSON, CSV (format read from the content).")
REGION_HELP = ("world, a country (e.g. russia), bbox:LAT0,LAT1,LON0,LON1 (deg; LON0 > LON1 wraps the antimeridian) "
               "or a comma-separated list of cities.")
GRID_HELP = "Ground grid cell size, e.g. 1deg, 0.5deg, 5 (0.1 to 30 deg, must divide 180 deg)."
ELEV_HELP = "Minimum elevation of a usable satellite above the horizon (deg, 0 to 89)."
START_HELP = "Start of the time window (UTC, ISO 8601, e.g. 2026-01-01 or 2026-01-01T06:00)."
MIN_SATS_HELP = "A point counts as covered when at least this many satellites are in view."
ALT_HELP = "Replace the altitude (km) of every shell, e.g. for presets whose altitude is an assumption."

GRID_MIN_DEG = 0.1  # the region is cut from a global grid: 6.5 M points at 0.1 deg, 26 M at 0.05 deg
WINDOW_FIELDS = {"duration_s": "--duration", "step_s": "--step", "min_elevation_deg": "--min-elevation",
                 "min_sats": "--min-sats", "region": "--region", "bbox": "--region", "bbox lat0": "--region",
                 "bbox lat1": "--region", "bbox lon0": "--region", "bbox lon1": "--region", "city": "--region",
                 "altitude_km": "--altitude"}
_GRID = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(deg|°|d)?\s*$", re.IGNORECASE)


def _out():
    """stdout console; 160 columns when not a terminal (pipes, files) so tables do not wrap."""
    if stdout.is_terminal:
        return stdout
    from rich.console import Console

    return Console(width=160)


def parse_grid(text: str) -> float:
    """``1deg`` / ``0.5°`` / ``5`` -> cell size in degrees (range and divisibility checked by the grid)."""
    from spaceplan.core.errors import InputError, require_range

    match = _GRID.match(str(text))
    if not match:
        raise InputError("--grid", f"cannot read grid size {text!r}", "degrees, e.g. 1deg, 0.5deg or 5")
    value = float(match.group(1))
    require_range("--grid", value, GRID_MIN_DEG, 30.0, "deg")
    if abs(round(180.0 / value) * value - 180.0) > 1e-9:
        raise InputError("--grid", f"{value:g} deg does not divide 180 deg", "e.g. 0.25, 0.5, 1, 2, 5, 10")
    return value


def _window(start: str, duration: str, step: str):
    """(tdb grid, duration_s, step_s) of the CLI time-window options, with CLI field names.

    The window must lie inside the dates spaceplan handles (DE421's span) and hold at most
    1e7 steps; both are checked before the grid is built.
    """
    from spaceplan.constellation.coverage import time_grid
    from spaceplan.core.errors import InputError, require_size

    duration_s = parse_duration(duration, "--duration")
    step_s = parse_duration(step, "--step")
    if step_s > duration_s:
        raise InputError("--step", f"step {step} is longer than --duration {duration}", "step <= duration")
    require_size("--duration", duration_s / step_s, 10_000_000, "time steps", "use a longer --step")
    t0 = parse_window(start, duration, duration_s)
    with cli_fields(WINDOW_FIELDS):
        return time_grid(t0, duration_s, step_s), duration_s, step_s


def _check_common(min_elevation: float, min_sats: int) -> None:
    from spaceplan.core.errors import InputError, require_range

    require_range("--min-elevation", min_elevation, 0.0, 89.0, "deg")
    if min_sats < 1:
        raise InputError("--min-sats", f"got {min_sats}", "integer >= 1")


def _load(preset: str, altitude: Optional[float] = None):
    """Preset name, TOML file or TLE/OMM catalog (by content) -> Constellation or CatalogConstellation."""
    from spaceplan.constellation.sources import load_source

    return load_source(preset, altitude_km=altitude)


def _pct(x) -> str:
    return "-" if x is None else f"{100 * x:.1f} %"


# --- commands ------------------------------------------------------------------------------------


def presets(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """List the bundled constellation presets: satellites, shells, operator and source."""
    from spaceplan.constellation.shells import list_presets, load_constellation

    consts = [load_constellation(name) for name in list_presets()]
    if as_json:
        emit_json({"presets": [{"key": c.key, "name": c.name, "operator": c.operator, "satellites": c.count,
                                "shells": len(c.shells), "source": c.source} for c in consts]})
        return
    rows = [[c.key, c.name, c.operator, c.count, len(c.shells), c.source] for c in consts]
    _out().print(table("Constellation presets", ["Preset", "Name", "Operator", "satellites", "shells", "Source"], rows))


def shells(
    preset: str = typer.Argument(..., help=PRESET_HELP),
    min_elevation: float = typer.Option(25.0, "--min-elevation", help=ELEV_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The Walker shells of a preset or TOML file, with each shell's analytic coverage geometry.

    Per shell (Wertz, SMAD 3rd ed. sec. 5.2): Earth central angle of the footprint, the longest
    slant range, the footprint's share of the Earth's surface and the highest latitude covered.
    """
    import math

    from spaceplan.constellation import geometry
    from spaceplan.constellation.shells import Constellation
    from spaceplan.core.errors import require_range

    require_range("--min-elevation", min_elevation, 0.0, 89.0, "deg")
    const = _load(preset)
    elev = math.radians(min_elevation)
    d = const.to_dict()
    if not isinstance(const, Constellation):  # a TLE/OMM catalog: its satellites grouped into shells
        for entry, shell in zip(d["shells"], const.shells):
            entry["analytic"] = {"min_elevation_deg": min_elevation, "max_latitude_deg": math.degrees(float(
                geometry.max_latitude(shell.inclination_rad, max(shell.altitude_m, 100e3), elev)))}
        if as_json:
            emit_json(d)
            return
        rows = [[s["name"], f"{s['altitude_km']:.1f}", f"{s['inclination_deg']:.2f}", s["satellites"],
                 s["planes"] or "-", f"{s['analytic']['max_latitude_deg']:.1f}"] for s in d["shells"]]
        _out().print(table(f"{d['name']}: {d['satellites']} catalog satellites in {len(d['shells'])} shells "
                           f"(mean altitude and inclination; elevation >= {min_elevation:g} deg)",
                           ["Shell", "altitude km", "inclination deg", "satellites", "planes", "reach lat deg"], rows))
        return
    for entry, shell in zip(d["shells"], const.shells):
        entry["analytic"] = {
            "min_elevation_deg": min_elevation,
            "earth_central_angle_deg": math.degrees(float(geometry.earth_central_angle(shell.altitude_m, elev))),
            "max_slant_range_km": float(geometry.slant_range(shell.altitude_m, elev)) / 1e3,
            "footprint_fraction": float(geometry.footprint_fraction(shell.altitude_m, elev)),
            "max_latitude_deg": math.degrees(float(geometry.max_latitude(shell.inclination_rad, shell.altitude_m, elev))),
        }
    if as_json:
        emit_json(d)
        return
    rows = [[s["name"], f"{s['altitude_km']:.1f}", f"{s['inclination_deg']:.2f}", s["planes"], s["sats_per_plane"],
             s["satellites"], s["phasing"], s["pattern"], f"{s['raan_spread_deg']:.0f}",
             f"{s['analytic']['earth_central_angle_deg']:.2f}", f"{s['analytic']['max_slant_range_km']:.0f}",
             f"{s['analytic']['max_latitude_deg']:.1f}", ", ".join(s["assumed"]) or "-"]
            for s in d["shells"]]
    out = _out()
    out.print(table(f"{d['name']}: {d['satellites']} satellites in {len(d['shells'])} shells "
                    f"(geometry at elevation >= {min_elevation:g} deg)",
                    ["Shell", "altitude km", "inclination deg", "planes", "sats/plane", "satellites", "phasing F",
                     "Pattern", "node spread deg", "central angle deg", "slant range km", "reach lat deg",
                     "Assumed"], rows))
    if d["source"]:
        out.print(f"source: {d['source']}")
    if d["notes"]:
        out.print(f"notes: {d['notes']}")


def coverage_command(
    preset: str = typer.Argument(..., help=PRESET_HELP),
    region: str = typer.Option("world", "--region", help=REGION_HELP),
    min_elevation: float = typer.Option(25.0, "--min-elevation", help=ELEV_HELP),
    min_sats: int = typer.Option(1, "--min-sats", help=MIN_SATS_HELP),
    start: str = typer.Option("2026-01-01", "--start", help=START_HELP),
    duration: str = typer.Option("1d", "--duration", help="Length of the time window, e.g. 2h, 1d."),
    step: str = typer.Option("60s", "--step", help="Time step, e.g. 30s, 60s, 5min (gaps are counted in steps)."),
    grid: str = typer.Option("1deg", "--grid", help=GRID_HELP),
    altitude: Optional[float] = typer.Option(None, "--altitude", help=ALT_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " A coverage map."),
    map_quantity: str = typer.Option("auto", "--map", help="What the map shows: fraction (% of time covered), sats "
                                     "(mean satellites in view), gap (longest gap) or auto (sats if covered "
                                     "everywhere all the time, else fraction)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Coverage of a region: time fraction covered, satellites in view and longest gaps (area-weighted)."""
    import math

    from spaceplan.constellation.coverage import check_size, coverage
    from spaceplan.constellation.plots import QUANTITIES
    from spaceplan.constellation.regions import parse_region
    from spaceplan.core.errors import UnknownNameError

    check_plot_path(plot)
    if map_quantity not in QUANTITIES:
        raise UnknownNameError("--map", map_quantity, QUANTITIES)
    _check_common(min_elevation, min_sats)
    grid_deg = parse_grid(grid)
    tdb, duration_s, step_s = _window(start, duration, step)
    const = _load(preset, altitude)
    with cli_fields(WINDOW_FIELDS):
        ground = parse_region(region, grid_deg)
    check_size(ground.size, len(tdb), "--grid", "--duration")
    with progress(f"coverage {const.key or const.name}", enabled=not as_json) as update:
        result = coverage(const, ground, tdb, math.radians(min_elevation), min_sats, progress=update)
    if plot:
        from spaceplan.constellation.plots import coverage_map

        write_figure(plot, coverage_map, result, quantity=map_quantity)
    d = result.to_dict()
    if as_json:
        d["inputs"] = {"constellation": preset, "region": region, "grid_deg": grid_deg, "start_utc": start,
                       "duration_s": duration_s, "step_s": step_s, "min_elevation_deg": min_elevation,
                       "min_sats": min_sats, "altitude_km": altitude}
        d["figure"] = plot
        emit_json(d)
        return
    rows = [["points (area)", f"{d['points']}" + (f" ({d['area_km2'] / 1e6:.1f} M km²)" if d["area_km2"] else "")],
            ["window", f"{d['start_utc']} + {d['duration_h']:g} h, {d['steps']} steps of {d['step_s']:g} s"],
            [f"coverage (>= {min_sats} in view, area x time)", _pct(d["coverage_fraction"])],
            ["area covered at every step", _pct(d["continuous_area_fraction"])],
            ["satellites in view: mean", f"{d['mean_sats_in_view']:.1f}"],
            ["satellites in view: min / p5 / p50 / p95",
             f"{d['min_sats_in_view']} / {d['sats_in_view_p5']} / {d['sats_in_view_p50']} / {d['sats_in_view_p95']}"],
            ["longest gap anywhere (min)", f"{d['max_gap_min']:.1f}"],
            ["per-point longest gap p50 / p90 / p99 (min)",
             f"{d['point_max_gap_p50_min']:.1f} / {d['point_max_gap_p90_min']:.1f} / {d['point_max_gap_p99_min']:.1f}"],
            ["compute time (s)", f"{d['wall_s']:.2f}"]]
    out = _out()
    out.print(table(f"{d['constellation']} ({d['satellites']} sats) over {d['region']}, "
                    f"elevation >= {min_elevation:g}°", ["Quantity", "Value"], rows))
    if "points_detail" in d:
        prow = [[p["name"], f"{p['lat_deg']:.2f}", f"{p['lon_deg']:.2f}", _pct(p["coverage_fraction"]),
                 f"{p['mean_sats_in_view']:.1f}", f"{p['max_gap_min']:.1f}"] for p in d["points_detail"]]
        out.print(table("Points", ["City", "lat deg", "lon deg", "coverage", "mean in view", "max gap min"], prow))
    if plot:
        out.print(f"figure: {plot}")


def compare_command(
    presets_: List[str] = typer.Argument(..., metavar="PRESET...", help="Presets or TOML files to compare (one table row each)."),
    region: List[str] = typer.Option(["world"], "--region", help=REGION_HELP + " Repeat for several regions."),
    min_elevation: float = typer.Option(25.0, "--min-elevation", help=ELEV_HELP),
    min_sats: int = typer.Option(1, "--min-sats", help=MIN_SATS_HELP),
    start: str = typer.Option("2026-01-01", "--start", help=START_HELP),
    duration: str = typer.Option("1d", "--duration", help="Length of the time window, e.g. 1h, 1d."),
    step: str = typer.Option("60s", "--step", help="Time step, e.g. 60s."),
    grid: str = typer.Option("1deg", "--grid", help=GRID_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Side-by-side coverage of several constellations over the same regions and time window."""
    import math

    from spaceplan.constellation.coverage import Comparison, check_size, coverage
    from spaceplan.constellation.regions import parse_region

    _check_common(min_elevation, min_sats)
    grid_deg = parse_grid(grid)
    tdb, duration_s, step_s = _window(start, duration, step)
    consts = [_load(p, None) for p in presets_]
    with cli_fields(WINDOW_FIELDS):
        grounds = [parse_region(r, grid_deg) for r in region]
    for ground in grounds:
        check_size(ground.size, len(tdb), "--grid", "--duration", runs=len(consts) * len(grounds))
    total = len(consts) * len(grounds) * len(tdb)
    results = []
    with progress("comparing", enabled=not as_json) as update:
        k = 0
        for const in consts:
            row = []
            for ground in grounds:
                base = k * len(tdb)
                row.append(coverage(const, ground, tdb, math.radians(min_elevation), min_sats,
                                    progress=lambda done, _n, b=base: update(b + done, total)))
                k += 1
            results.append(tuple(row))
    comp = Comparison(tuple(consts), tuple(results))
    if as_json:
        d = comp.to_dict()
        d["inputs"] = {"constellations": list(presets_), "regions": list(region), "grid_deg": grid_deg,
                       "start_utc": start, "duration_s": duration_s, "step_s": step_s,
                       "min_elevation_deg": min_elevation, "min_sats": min_sats}
        emit_json(d)
        return
    rows = []
    for const, res in zip(consts, results):
        for r in res:
            rows.append([const.key or const.name, const.count, len(const.shells), r.region, _pct(r.coverage_fraction),
                         _pct(r.continuous_area_fraction), f"{r.mean_sats_in_view:.1f}", f"{r.max_gap / 60:.1f}"])
    out = _out()
    out.print(table(f"Coverage, elevation >= {min_elevation:g}°, >= {min_sats} sat(s), {start} + {duration} at {step}",
                    ["Constellation", "satellites", "shells", "Region", "coverage", "always covered",
                     "mean in view", "max gap min"], rows))


def groundtrack(
    preset: str = typer.Argument(..., help=PRESET_HELP),
    satellites: int = typer.Option(6, "--satellites", help="Number of satellites, spread over shells and planes."),
    start: str = typer.Option("2026-01-01", "--start", help=START_HELP),
    duration: str = typer.Option("3h", "--duration", help="Length of the tracks, e.g. 95min, 3h, 1d."),
    step: str = typer.Option("30s", "--step", help="Time between track points, e.g. 30s."),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " Ground tracks on a world map."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP + " Includes the tracks (lat/lon deg per step)."),
) -> None:
    """Sub-satellite ground tracks of a few satellites (Walker: circular orbits with J2 drift; catalog: SGP4)."""
    import numpy as np

    from spaceplan.constellation.plots import select_satellites, sub_satellite_points
    from spaceplan.core.errors import InputError

    check_plot_path(plot)
    tdb, _, step_s = _window(start, duration, step)
    if len(tdb) > 100_000:
        raise InputError("--duration", f"{len(tdb)} track points", "at most 100000 (use a longer --step)")
    const = _load(preset)
    if not 1 <= satellites <= min(const.count, 50):
        raise InputError("--satellites", f"got {satellites}", f"1 to {min(const.count, 50)}")
    idx = select_satellites(const, satellites)
    lat, lon = (np.degrees(a) for a in sub_satellite_points(const, tdb, idx))
    shell_of = const.shell_of_satellite()
    if plot:
        from spaceplan.constellation.plots import ground_tracks

        write_figure(plot, lambda path: ground_tracks(const, tdb, path, idx))
    sats = [{"index": int(i), "shell": const.shells[int(shell_of[i])].name, "start_lat_deg": float(lat[0, k]),
             "start_lon_deg": float(lon[0, k]), "max_abs_lat_deg": float(np.max(np.abs(lat[:, k])))}
            for k, i in enumerate(idx)]
    if as_json:
        from spaceplan.core.time import tdb_to_iso

        for k, s in enumerate(sats):
            s["lat_deg"], s["lon_deg"] = lat[:, k], lon[:, k]
        emit_json({"constellation": const.name, "start_utc": tdb_to_iso(tdb[0]), "step_s": step_s,
                   "steps": len(tdb), "satellites": sats, "figure": plot})
        return
    rows = [[s["index"], s["shell"], f"{s['start_lat_deg']:.2f}", f"{s['start_lon_deg']:.2f}",
             f"{s['max_abs_lat_deg']:.1f}"] for s in sats]
    out = _out()
    out.print(table(f"{const.name}: ground tracks, {len(tdb)} points of {step_s:g} s",
                    ["Satellite", "Shell", "start lat deg", "start lon deg", "max |lat| deg"], rows))
    if plot:
        out.print(f"figure: {plot}")


def register(app: typer.Typer) -> None:
    """Create the ``constellation`` sub-app on ``app`` with this module's and constellation_net's commands."""
    from spaceplan.cli import constellation_net

    sub = typer.Typer(
        name="constellation",
        help="Satellite constellations: Walker presets, coverage maps and comparisons, ground tracks, "
             "TLE/OMM catalogs, latency, deployment and capacity.",
        no_args_is_help=True,
    )
    sub.command("presets")(presets)
    sub.command("shells")(shells)
    sub.command("coverage")(coverage_command)
    sub.command("compare")(compare_command)
    sub.command("groundtrack")(groundtrack)
    constellation_net.register(sub)
    app.add_typer(sub, name="constellation")
