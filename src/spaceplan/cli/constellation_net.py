"""``spaceplan constellation catalog | latency | deploy | capacity``: network-side constellation commands.

``register(constellation_app)`` adds the commands to the ``constellation`` sub-app that
``spaceplan.cli.constellation`` creates.  Heavy imports happen inside the commands.
"""

from __future__ import annotations

from typing import Optional

import typer

from spaceplan.core.durations import parse_duration
from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, cli_fields, emit_json, parse_utc, \
    parse_window, progress, stdout, table, write_figure


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
    isl: bool = typer.Option(True, "--isl/--bent-pipe", help="Laser ISLs (+Grid) or bent pipe through ground relays."),
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
        system = const.catalog if shell is None else const.catalog.select(system.indices)
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
            years = (camp.foc_tdb - camp.start_tdb) / (365.25 * 86400.0)
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
    if plot:
        stdout.print(f"figure: {plot}")


def capacity(
    preset: str = typer.Argument(..., help="Constellation preset, TOML file or TLE/OMM catalog."),
    payload: Optional[str] = typer.Option(None, "--payload", help="Payload model (default: the preset's; "
                                          "required for a TLE/OMM catalog)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """First-order throughput per satellite and per system (beams x bandwidth x efficiency x demand weight)."""
    from spaceplan.constellation.capacity import PAYLOADS, estimate_capacity
    from spaceplan.constellation.sources import CatalogConstellation, load_source
    from spaceplan.core.errors import InputError

    const = load_source(preset)
    if isinstance(const, CatalogConstellation) and payload is None:
        raise InputError("--payload", "a TLE/OMM catalog says nothing about the payload", ", ".join(sorted(PAYLOADS)))
    d = estimate_capacity(const, payload).to_dict()
    if as_json:
        emit_json(d)
        return
    rows = [["capacity per satellite (Gbit/s)", f"{d['capacity_per_satellite_gbps']:.1f} ({d['limited_by']})"],
            ["peak system (Tbit/s)", f"{d['peak_system_tbps']:.1f}"],
            ["served system, demand-weighted (Tbit/s)", f"{d['served_system_tbps']:.1f}"],
            ["assumed parameters", ", ".join(d["assumed"]) or "-"]]
    stdout.print(table(f"{d['constellation']}: {d['payload']}", ["Quantity", "Value"], rows))


def register(constellation_app: typer.Typer) -> None:
    """Add ``catalog``, ``latency``, ``deploy`` and ``capacity`` to the ``constellation`` sub-app."""
    constellation_app.command("catalog")(catalog)
    constellation_app.command("latency")(latency)
    constellation_app.command("deploy")(deploy)
    constellation_app.command("capacity")(capacity)
