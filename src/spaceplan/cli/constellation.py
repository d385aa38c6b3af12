"""``spaceplan constellation ...``: presets, shells, coverage, compare and ground tracks.

``register(app)`` creates the ``constellation`` sub-app, adds the commands of this module and
then catalog, latency, deploy and capacity.
Display units here (deg, km, min, ISO UTC); the API below works in SI.  Heavy imports
(numba kernels, matplotlib) happen inside the commands.
"""

from __future__ import annotations

import re
from typing import List, Optional

import typer

from spaceplan.core.constants import JULIAN_YEAR
from spaceplan.core.durations import parse_duration
from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_output_path, check_plot_path, cli_fields, emit_json, \
    parse_utc, parse_window, print_warnings, progress, stdout, table, write_figure
from spaceplan.cli._formats import CZML_HELP, check_czml, save_oem_folder, save_text

PRESET_HELP = ("Constellation preset (see 'spaceplan constellation presets'), a TOML file of [[shell]] tables, "
               "or a satellite catalog: TLE/3LE or OMM XML, KVN, JSON, CSV (format read from the content).")
REGION_HELP = ("world, a country (e.g. russia), bbox:LAT0,LAT1,LON0,LON1 (deg; LON0 > LON1 wraps the antimeridian) "
               "or a comma-separated list of cities.")
GRID_HELP = "Ground grid cell size, e.g. 1deg, 0.5deg, 5 (0.1 to 30 deg, must divide 180 deg)."
ELEV_HELP = "Minimum elevation of a usable satellite above the horizon (deg, 0 to 89)."
START_HELP = "Start of the time window (UTC, ISO 8601, e.g. 2026-01-01 or 2026-01-01T06:00)."
MIN_SATS_HELP = "A point counts as covered when at least this many satellites are in view."
ALT_HELP = ("Replace the altitude of every shell (km, or with m/km), e.g. for presets whose altitude is an "
            "assumption.")

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


def _altitude_km(text: Optional[str]) -> Optional[float]:
    """``--altitude`` (the one length parser: 550, 550km, 550000m) -> km, or None."""
    from spaceplan.core.units import parse_length

    return None if text is None else parse_length("--altitude", text, allow_negative=True) / 1e3


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
    altitude: Optional[str] = typer.Option(None, "--altitude", help=ALT_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " A coverage map."),
    map_quantity: str = typer.Option("auto", "--map", help="What the map shows: fraction (% of time covered), sats "
                                     "(mean satellites in view), gap (longest gap) or auto (sats if covered "
                                     "everywhere all the time, else fraction)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    czml: Optional[str] = typer.Option(None, "--czml", help=CZML_HELP + " The --map quantity per grid cell "
                                       "(merged to at most 20,000 cells)."),
) -> None:
    """Coverage of a region: time fraction covered, satellites in view and longest gaps (area-weighted)."""
    import math

    from spaceplan.constellation.coverage import check_size, coverage
    from spaceplan.constellation.plots import QUANTITIES
    from spaceplan.core.regions import parse_region
    from spaceplan.core.errors import UnknownNameError

    check_plot_path(plot)
    check_czml(czml)
    if map_quantity not in QUANTITIES:
        raise UnknownNameError("--map", map_quantity, QUANTITIES)
    _check_common(min_elevation, min_sats)
    grid_deg = parse_grid(grid)
    tdb, duration_s, step_s = _window(start, duration, step)
    const = _load(preset, _altitude_km(altitude))
    with cli_fields(WINDOW_FIELDS):
        ground = parse_region(region, grid_deg)
    check_size(ground.size, len(tdb), "--grid", "--duration")
    with progress(f"coverage {const.key or const.name}", enabled=not as_json) as update:
        result = coverage(const, ground, tdb, math.radians(min_elevation), min_sats, progress=update)
    if plot:
        from spaceplan.constellation.plots import coverage_map

        write_figure(plot, coverage_map, result, quantity=map_quantity)
    if czml:
        from spaceplan.constellation.scenes import coverage_czml

        save_text(czml, coverage_czml(result, map_quantity))
    d = result.to_dict()
    if as_json:
        d["inputs"] = {"constellation": preset, "region": region, "grid_deg": grid_deg, "start_utc": start,
                       "duration_s": duration_s, "step_s": step_s, "min_elevation_deg": min_elevation,
                       "min_sats": min_sats, "altitude_km": _altitude_km(altitude)}
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
    print_warnings(d)
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
    from spaceplan.core.regions import parse_region

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
    oem: Optional[str] = typer.Option(None, "--oem", help="Also write one CCSDS OEM 2.0 file per satellite (EME2000, "
                                      "UTC, every --step) into this folder (created if missing)."),
    czml: Optional[str] = typer.Option(None, "--czml", help=CZML_HELP + " The satellites moving and their ground "
                                       "tracks."),
) -> None:
    """Sub-satellite ground tracks of a few satellites (Walker: circular orbits with J2 drift; catalog: SGP4)."""
    import numpy as np

    from spaceplan.constellation.plots import select_satellites, sub_satellite_points
    from spaceplan.core.errors import InputError

    check_plot_path(plot)
    check_czml(czml)
    check_output_path("--oem", oem, "folder")
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
    if oem:
        from spaceplan.constellation.scenes import satellite_states

        save_oem_folder(oem, satellite_states(const, idx, tdb))
    if czml:
        from spaceplan.constellation.scenes import constellation_czml

        save_text(czml, constellation_czml(const, idx, tdb))
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


def catalog(
    file: str = typer.Argument(..., help="TLE/3LE or OMM file (XML, KVN, JSON, CSV)."),
    fmt: Optional[str] = typer.Option(None, "--format", help="tle, xml, kvn, json or csv (default: from the extension/content)."),
    group_shells: bool = typer.Option(False, "--group-shells", help="Cluster satellites into shells (altitude, inclination) and count planes."),
    strict: bool = typer.Option(False, "--strict", help="Reject the file at the first malformed record instead of skipping it."),
    at: Optional[str] = typer.Option(None, "--at", help="Propagate every satellite to this UTC date and report SGP4 errors."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Read a TLE/OMM catalog: satellites, epochs, rejected records (with line numbers), shells."""
    from spaceplan.constellation.catalog import load_catalog

    t_at = None if at is None else parse_utc("--at", at)
    with cli_fields({"format": "--format", "catalog file": "FILE"}):
        cat = load_catalog(file, fmt, strict=strict)
    if not len(cat) and not cat.issues:
        from spaceplan.core.errors import InputError

        raise InputError("FILE", f"no satellite records in {file!r}", "a TLE/3LE or OMM (XML, KVN, JSON, CSV) file")
    out = cat.to_dict(group=group_shells)
    if at is not None and len(cat):
        out["propagation"] = cat.propagate(t_at).to_dict()
        out["propagation"]["at_utc"] = at
    if as_json:
        emit_json(out)
        return
    stdout.print(f"{out['source']}: {out['satellites']} satellites read, {out['rejected_records']} records rejected")
    if len(cat):
        stdout.print(f"epochs {out['epoch_first_utc']} .. {out['epoch_last_utc']}; mean altitude "
                     f"{out['mean_altitude_km']['min']:.1f} .. {out['mean_altitude_km']['max']:.1f} km")
    for issue in cat.issues[:20]:
        stdout.print(f"  rejected: {issue}")
    if len(cat.issues) > 20:
        stdout.print(f"  ... {len(cat.issues) - 20} more (see --json)")
    if "propagation" in out:
        p = out["propagation"]
        stdout.print(f"at {at}: {p['satellite_steps_ok']} of {p['satellites']} propagated; {len(p['failures'])} SGP4 errors")
        for f in p["failures"][:10]:
            stdout.print(f"  NORAD {f['norad_id']}: SGP4 error {f['code']} ({f['message']})")
    if group_shells and len(cat):
        rows = [[g["altitude_km"], g["inclination_deg"], g["satellites"], g["planes"] or "-", g["sats_per_plane"] or "-"]
                for g in out["shells"]]
        stdout.print(table("Shells", ["altitude km", "inclination deg", "satellites", "planes", "sats/plane"], rows))


def latency(
    preset: str = typer.Argument(..., help="Constellation preset (e.g. starlink_gen1, rassvet_2027), TOML file, "
                                 "or TLE/OMM catalog (bent pipe only)."),
    source: str = typer.Option(..., "--from", help="City name or 'lat,lon' (degrees)."),
    destination: str = typer.Option(..., "--to", help="City name or 'lat,lon' (degrees)."),
    duration: str = typer.Option("1h", "--duration", help="Span, e.g. 1h, 1d."),
    step: str = typer.Option("60s", "--step", help="Time step, e.g. 60s."),
    start: str = typer.Option("2026-01-01", "--start", help="Start date (UTC, ISO 8601)."),
    isl: Optional[bool] = typer.Option(None, "--isl/--bent-pipe", help="Laser ISLs (+Grid) or bent pipe through ground "
                                       "relays [default: ISLs when the preset has them (its isl key), else bent pipe]."),
    shell: Optional[int] = typer.Option(None, "--shell", help="Use only this shell (1-based) of the preset."),
    min_elevation: float = typer.Option(25.0, "--min-elevation", help="Minimum elevation of ground-satellite links (deg)."),
    route_factor: float = typer.Option(1.0, "--route-factor", help="Fibre path length / great circle for the terrestrial comparison."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
) -> None:
    """Round-trip time between two cities over time, compared with fibre along the great circle."""
    from spaceplan.constellation.latency import latency_over
    from spaceplan.constellation.sources import CatalogConstellation, load_source
    from spaceplan.core.errors import InputError

    check_plot_path(plot)
    fields = {"duration_s": "--duration", "step_s": "--step", "step": "--step", "min_elevation_deg": "--min-elevation",
              "route_factor": "--route-factor", "destination": "--to"}
    duration_s, step_s = parse_duration(duration, "--duration"), parse_duration(step, "--step")
    t0 = parse_window(start, duration, duration_s)
    with cli_fields(fields):
        const = load_source(preset)
    system = const
    if shell is not None:
        if not 1 <= shell <= len(const.shells):
            raise InputError("--shell", f"got {shell}", f"1 to {len(const.shells)}")
        system = const.shells[shell - 1]
    if isinstance(const, CatalogConstellation):
        if isl:
            raise InputError("--isl", "a TLE/OMM catalog has no plane/slot structure for +Grid laser links",
                             "--bent-pipe for a catalog, or a Walker preset / TOML file for --isl")
        isl = False
        system = const.catalog if shell is None else const.catalog.select(system.indices)
    has_isl = getattr(const, "isl", None)
    if isl is None:
        isl = has_isl is not False
    elif isl and has_isl is False:
        raise InputError("--isl", f"{const.name} has no inter-satellite links ({const.isl_source or 'its preset'})",
                         "--bent-pipe, or a TOML file of your own design with isl = true")
    with progress("routing", enabled=not as_json) as update, cli_fields(fields):
        series = latency_over(system, source, destination, t0, duration_s, step_s, isl=isl,
                              min_elevation_deg=min_elevation, route_factor=route_factor, progress=update)
    if plot:
        from spaceplan.constellation.network_plots import plot_latency

        write_figure(plot, plot_latency, series)
    if as_json:
        emit_json(series)
        return
    d = series.to_dict(series=False)
    fmt = lambda x: "-" if x is None else f"{x:.1f}"  # noqa: E731
    rows = [["RTT min / median / max (ms)", f"{fmt(d['rtt_min_ms'])} / {fmt(d['rtt_median_ms'])} / {fmt(d['rtt_max_ms'])}"],
            ["steps without a path", f"{d['unreachable_steps']} of {d['steps']}"],
            ["great circle (km)", f"{d['great_circle_km']:.0f}"],
            [f"fibre RTT (n = 1.468, x{route_factor:g}) (ms)", f"{d['fibre_rtt_ms']:.1f}"],
            ["light in vacuum, great circle (ms)", f"{d['vacuum_great_circle_rtt_ms']:.1f}"]]
    stdout.print(table(f"{d['constellation']} {d['mode']}: {d['source']} -> {d['destination']}", ["Quantity", "Value"], rows))
    print_warnings(series)
    if plot:
        stdout.print(f"figure: {plot}")


def deploy(
    preset: str = typer.Argument(..., help="Constellation preset or TOML file."),
    launcher: str = typer.Option(..., "--launcher", help="A vehicle preset with deployment data: falcon9, soyuz-2.1b, angara-a5 or amur-lng (see `spaceplan presets vehicles`)."),
    cadence: str = typer.Option("24/yr", "--cadence", help="Launch rate: 24/yr, 2/month, or a ramp 6/yr,12/yr@2 (rate@years)."),
    start: str = typer.Option("2026-01-01", "--start", help="First launch (UTC date)."),
    sat_mass: Optional[float] = typer.Option(None, "--sat-mass", help="Satellite mass (kg), default from the constellation preset's [satellite] table."),
    per_launch: Optional[int] = typer.Option(None, "--per-launch", help="Satellites per launch (default: demonstrated load or mass limit)."),
    raise_days: Optional[float] = typer.Option(None, "--raise-days", help="Orbit-raising time (days)."),
    coverage_region: Optional[str] = typer.Option(None, "--coverage-region", help="Also find when the deployed part covers this region (world, russia, bbox:...)."),
    coverage_threshold: float = typer.Option(0.95, "--coverage-threshold", help="Coverage fraction for the milestone (0-1]."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
) -> None:
    """Deployment campaign: launches needed and the date each shell reaches full operational capability."""
    from spaceplan.constellation.deployment import coverage_milestone, plan_deployment
    from spaceplan.constellation.sources import CatalogConstellation, load_source
    from spaceplan.core.ephemeris import span_tdb
    from spaceplan.core.errors import InputError, require_range

    check_plot_path(plot)
    t0 = parse_utc("--start", start)
    if raise_days is not None:
        require_range("--raise-days", raise_days, 0.0, 3650.0, "days")
    if coverage_region is not None:
        require_range("--coverage-threshold", coverage_threshold, 1e-6, 1.0)
    const = load_source(preset)
    if isinstance(const, CatalogConstellation):
        raise InputError("constellation", f"{preset!r} is a TLE/OMM catalog: its satellites are already in orbit",
                         "a Walker preset or TOML file of [[shell]] tables to plan a deployment")
    fields = {"satellite_mass_kg": "--sat-mass", "raise_days": "--raise-days", "sats_per_launch": "--per-launch",
              "cadence": "--cadence", "launcher": "--launcher", "start": "--start", "launches": "--per-launch",
              "threshold": "--coverage-threshold", "region": "--coverage-region", "bbox": "--coverage-region"}
    with cli_fields(fields):
        camp = plan_deployment(const, launcher, cadence, t0, satellite_mass_kg=sat_mass,
                               sats_per_launch=per_launch,
                               raise_days=raise_days)
        if camp.foc_tdb > span_tdb()[1]:
            years = (camp.foc_tdb - camp.start_tdb) / JULIAN_YEAR
            raise InputError("--cadence", f"{len(camp.launch_tdb)} launches at {cadence} reach full capability only "
                             f"after {years:.3g} years",
                             "a campaign that ends by 2053-10-09 (DE421); raise --cadence or --per-launch")
        d = camp.to_dict()
        if coverage_region:
            with progress("coverage milestone", enabled=not as_json) as update:
                d["coverage_milestone"] = coverage_milestone(camp, const, coverage_region, coverage_threshold,
                                                             progress=update).to_dict()
    if plot:
        from spaceplan.constellation.network_plots import plot_deployment

        write_figure(plot, plot_deployment, camp)
    if as_json:
        emit_json(d)
        return
    stdout.print(f"{d['constellation']} on {d['launcher']['name']}: {d['satellites']} satellites, "
                 f"{d['sats_per_launch']} per launch ({d['sats_per_launch_basis']}), {d['launches']} launches")
    stdout.print(f"first launch {d['start_utc']}, last {d['last_launch_utc']}, full operational capability "
                 f"{d['full_operational_capability_utc']} ({d['years_to_foc']:.1f} years)")
    rows = [[s["shell"], s["satellites"], s["launches"], s["first_launch_utc"], s["full_operational_capability_utc"],
             f"{s['max_drift_wait_days']:.0f}"] for s in d["shells"]]
    stdout.print(table("Shells", ["Shell", "satellites", "launches", "First launch", "FOC", "max drift wait d"], rows))
    stdout.print("milestones: " + ", ".join(f"{k.replace('pct_utc', '%')} {v}" for k, v in d["milestones"].items()))
    if "coverage_milestone" in d:
        m = d["coverage_milestone"]
        when = m["reached_utc"] or "not reached"
        stdout.print(f"coverage of {m['region']} >= {m['threshold'] * 100:.0f} %: {when} "
                     f"(sampled: " + ", ".join(f"{s['operational']} sats {s['coverage_fraction'] * 100:.0f} %" for s in m["samples"]) + ")")
    for note in d["notes"]:
        stdout.print(f"note: {note}")
    print_warnings(d)
    if plot:
        stdout.print(f"figure: {plot}")


def capacity(
    preset: str = typer.Argument(..., help="Constellation preset, TOML file or TLE/OMM catalog."),
    payload: Optional[str] = typer.Option(None, "--payload", help="Payload model (default: the preset's; "
                                          "required for a TLE/OMM catalog)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """First-order throughput per satellite and per system (beams x bandwidth x efficiency x demand weight)."""
    from spaceplan.constellation.capacity import estimate_capacity, payload_names
    from spaceplan.constellation.sources import CatalogConstellation, load_source
    from spaceplan.core.errors import InputError

    const = load_source(preset)
    if isinstance(const, CatalogConstellation) and payload is None:
        raise InputError("--payload", "a TLE/OMM catalog says nothing about the payload", ", ".join(payload_names()))
    d = estimate_capacity(const, payload).to_dict()
    if as_json:
        emit_json(d)
        return
    rows = [["capacity per satellite (Gbit/s)", f"{d['capacity_per_satellite_gbps']:.1f} ({d['limited_by']})"],
            ["peak system (Tbit/s)", f"{d['peak_system_tbps']:.1f}"],
            ["served system, demand-weighted (Tbit/s)",
             f"{d['served_system_tbps']:.1f} ({d['served_is']}: {d['served_assumption']})"],
            ["assumed parameters", ", ".join(d["assumed"]) or "-"]]
    stdout.print(table(f"{d['constellation']}: {d['payload']}", ["Quantity", "Value"], rows))
    print_warnings(d)


def export(
    preset: str = typer.Argument(..., help="Walker constellation preset or a TOML file of [[shell]] tables."),
    omm: Optional[str] = typer.Option(None, "--omm", help="Write CCSDS OMM element sets: .xml, .kvn (or .omm), .json "
                                      "or .csv (format from the extension)."),
    tle: Optional[str] = typer.Option(None, "--tle", help="Write three-line element sets (name + TLE)."),
    epoch: str = typer.Option("2026-01-01", "--epoch", help="Epoch of the element sets (UTC)."),
    first_number: int = typer.Option(90000, "--first-number", help="Catalogue number of the first satellite "
                                     "(TLE: up to 99999 for the last)."),
    altitude: Optional[str] = typer.Option(None, "--altitude", help=ALT_HELP),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """SGP4 element sets of every satellite of a Walker preset: OMM and/or TLE for any SGP4 tool.

    Mean elements of the Walker model (circular, secular J2): SGP4 reproduces our positions within its
    own J2 short-period and J3 long-period terms (~10-20 km in LEO) and our along-track rate."""
    from pathlib import Path

    from spaceplan.constellation.export import OMM_FORMATS, omm_text, tle_text, walker_element_sets
    from spaceplan.core.errors import InputError

    if not omm and not tle:
        raise InputError("--omm", "nothing to write", "--omm FILE and/or --tle FILE")
    fmt = None
    if omm:
        suffix = Path(omm).suffix.lower().lstrip(".")
        fmt = {"omm": "kvn", "txt": "kvn"}.get(suffix, suffix)
        if fmt not in OMM_FORMATS:
            raise InputError("--omm", f"unknown OMM file extension {Path(omm).suffix or '(none)'!r}",
                             ".xml, .kvn, .omm, .json or .csv")
        check_output_path("--omm", omm, "file")
    check_output_path("--tle", tle, "file")
    t = parse_utc("--epoch", epoch)
    const = _load(preset, _altitude_km(altitude))
    if not hasattr(const, "shells") or hasattr(const, "catalog"):
        raise InputError("PRESET", f"{preset!r} is a catalog, not a Walker constellation", "a Walker preset or TOML")
    with cli_fields({"first_catalog_number": "--first-number"}):
        sets = walker_element_sets(const, t, first_catalog_number=first_number)
    tle_out = tle_text(sets) if tle else None  # refuses numbers past five digits before anything is written
    if omm:
        save_text(omm, omm_text(sets, fmt))
    if tle:
        save_text(tle, tle_out)
    summary = {"constellation": const.name, "satellites": len(sets), "epoch_utc": epoch,
               "catalog_numbers": [sets[0].satrec.satnum, sets[-1].satrec.satnum], "omm": omm, "omm_format": fmt,
               "tle": tle, "mean_element_theory": "SGP4", "ref_frame": "TEME"}
    if as_json:
        emit_json(summary)
        return
    _out().print(f"{const.name}: {len(sets)} element sets at {epoch} (NORAD {sets[0].satrec.satnum}-"
                 f"{sets[-1].satrec.satnum})" + (f"; OMM ({fmt}) {omm}" if omm else "") + (f"; TLE {tle}" if tle else ""))


def register(app: typer.Typer) -> None:
    """Create the ``constellation`` sub-app on ``app`` with this module's commands."""
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
    sub.command("export")(export)
    sub.command("catalog")(catalog)
    sub.command("latency")(latency)
    sub.command("deploy")(deploy)
    sub.command("capacity")(capacity)
    app.add_typer(sub, name="constellation")
