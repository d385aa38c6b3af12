"""``spaceplan radiation``: crew dose for a mission timeline vs limits."""

from __future__ import annotations

from typing import Optional

import typer

from spaceplan.core.constants import DAY
from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, emit_json, parse_utc, print_warnings, \
    renamed_error, stdout, table, write_figure
from spaceplan.core.errors import InputError

radiation_app = typer.Typer(help="Crew radiation dose: cosmic rays, solar particle events, career limits.",
                            no_args_is_help=True)

_MODEL_HELP = ("GCR model: iso15390 (ISO 15390 spectra + transport + published depth response, default) or "
               "transport (the ion transport alone); both calibrated on MSL/RAD cruise.")
_TIMELINE_HELP = ("Timeline: a .toml/.json file, or phases 'location:duration,...' e.g. "
                  "'deep_space:180d,mars_surface:500d,deep_space:180d' (optional '@YYYY-MM-DD' start per phase). "
                  "Locations: deep_space (cruise), mars_orbit, mars_surface, lunar_orbit, lunar_surface, leo, earth.")


@radiation_app.command("dose")
def dose(
    timeline: str = typer.Option(..., "--timeline", "-t", help=_TIMELINE_HELP),
    start: Optional[str] = typer.Option(None, "--start", help="UTC start date of the first phase (drives the solar cycle)."),
    shielding: Optional[float] = typer.Option(None, "--shielding", help="Areal density around the crew, g/cm² [default 20]."),
    material: Optional[str] = typer.Option(None, "--material", help="aluminium, polyethylene, water or regolith [default aluminium]."),
    solar: Optional[str] = typer.Option(None, "--solar", help="min, max, auto (from dates; min if undated) or phi in MV [default auto]."),
    spe: Optional[str] = typer.Option(None, "--spe", help="Add a solar particle event: aug1972, oct1989, sep1989, feb1956, design."),
    spe_phase: Optional[str] = typer.Option(None, "--spe-phase", help="Phase number (1-based) receiving the SPE; needs --spe or spe in the file [default: first deep-space phase]."),
    shelter: Optional[float] = typer.Option(None, "--shelter", help="Storm shelter: extra g/cm² of polyethylene for the hours of the SPE (needs --spe); the ARS verdict is given with and without it."),
    model: str = typer.Option("iso15390", "--model", help=_MODEL_HELP),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP),
) -> None:
    """Dose per phase and in total, against the NASA 600 mSv and 1 Sv career limits and acute thresholds."""
    from pathlib import Path

    from spaceplan.radiation.timeline import load_timeline, mission_dose, parse_timeline, phase_number

    check_plot_path(plot)
    if start is not None:
        parse_utc("--start", start)
    if timeline.lower().endswith((".toml", ".json")) or Path(timeline).is_file():
        phases, options = load_timeline(timeline, start=start)
    else:
        phases, options = parse_timeline(timeline, start=start), {}
    origin: dict[str, str] = {}  # mission_dose argument -> the field as the user wrote it

    def pick(key: str, flag: str, value, default):
        if value is not None:
            origin[key] = flag
            return value
        if key in options:
            origin[key] = f"{timeline}: {key}"
            return options[key]
        origin[key] = flag
        return default

    if spe_phase is not None:
        text = spe_phase.strip()
        if not text.lstrip("+-").isdigit():
            raise InputError("--spe-phase", f"expected a whole phase number, got {spe_phase!r}", f"1 to {len(phases)}")
        spe_phase = phase_number("--spe-phase", int(text), len(phases))
    args = {
        "shielding_gcm2": pick("shielding_gcm2", "--shielding", shielding, 20.0),
        "material": pick("material", "--material", material, "aluminium"),
        "solar_activity": pick("solar_activity", "--solar", solar, None),
        "spe": pick("spe", "--spe", spe, None),
        "spe_phase": pick("spe_phase", "--spe-phase", spe_phase, None),
    }
    if args["spe"] is None and args["spe_phase"] is not None:
        raise InputError(origin["spe_phase"], f"phase {args['spe_phase']} given without an SPE scenario",
                         "only together with --spe (or spe in the timeline file)")
    if shelter is not None and args["spe"] is None:
        raise InputError("--shelter", "a storm shelter without an SPE scenario", "--shelter only together with --spe")
    from spaceplan.radiation.gcr import use_model

    try:
        with use_model(model):
            result = mission_dose(phases, **args, shelter_gcm2=shelter)
    except InputError as exc:
        if exc.field == "shelter_gcm2":
            raise _renamed(exc, "--shelter") from None
        if exc.field in origin and origin[exc.field] != exc.field:
            raise _renamed(exc, origin[exc.field]) from None
        raise
    if plot:
        from spaceplan.radiation.plots import plot_timeline

        write_figure(plot, plot_timeline, result)
    if json_out:
        emit_json(result)
        return
    rows = []
    for p in result.phases:
        d = p.to_dict()
        rows.append([p.label, d["start_utc"] or "-", f"{d['duration_days']:.0f}", f"{p.phi_mv:.0f}",
                     f"{d['rate_msv_per_day']:.3f}", f"{d['dose_msv']:.0f}", f"{d['cumulative_msv']:.0f}",
                     f"{d['absorbed_mgy']:.0f}"])
    rows.append(["total", "", f"{result.duration_days:.0f}", "", "", f"{result.total_sv * 1e3:.0f}", "",
                 f"{result.total_absorbed_gy * 1e3:.0f}"])
    stdout.print(table(
        f"Crew dose behind {result.shielding_gcm2:g} g/cm² {result.material}, solar activity {result.solar_activity}",
        ["phase", "start", "days", "phi MV", "mSv/d", "mSv", "cum mSv", "mGy"], rows))
    for k, p in enumerate(result.phases, 1):
        if p.spe is not None:
            stdout.print(f"SPE {p.spe.title} in phase {k} ({p.location}): {p.spe.bfo_gy * 1e3:.0f} mGy BFO, "
                         f"{p.spe.skin_gy * 1e3:.0f} mGy skin, {p.spe_dose_sv * 1e3:.0f} mSv added "
                         f"(behind {p.spe.aluminium_equivalent_gcm2:.1f} g/cm² Al-equivalent).")
    for note in result.notes:
        stdout.print(f"Note: {note}.")
    stdout.print(result.assessment, soft_wrap=False)
    print_warnings(result)
    if plot:
        stdout.print(f"figure: {plot}")


def _renamed(exc: InputError, field: str) -> InputError:
    """The same error under the option name the user wrote (``--shielding``, ``mission.toml: spe``)."""
    return renamed_error(exc, field)


@radiation_app.command("rates")
def rates(
    shielding: float = typer.Option(20.0, "--shielding", help="Areal density around the crew, g/cm²."),
    material: str = typer.Option("aluminium", "--material", help="aluminium, polyethylene, water or regolith."),
    solar: str = typer.Option("min", "--solar", help="min, max or phi in MV."),
    date: Optional[str] = typer.Option(None, "--date", help="UTC date: modulation W from the bundled space-weather record/forecast (overrides --solar)."),
    model: str = typer.Option("iso15390", "--model", help=_MODEL_HELP),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help="Figure: dose equivalent vs shielding depth (0-100 g/cm² of --material) by ion group. " + PLOT_HELP),
) -> None:
    """GCR dose-equivalent and absorbed dose rates at every location."""
    from spaceplan.radiation import environments, gcr, spectrum
    from spaceplan.radiation.timeline import phi_label

    flags = {"shielding_gcm2": "--shielding", "material": "--material", "solar_activity": "--solar", "date": "--date"}
    try:
        if date is not None:
            w = float(spectrum.w_at(parse_utc("--date", date)))
            label, phi = f"{date} (space-weather record)", float(spectrum.phi_from_w(w))
        else:
            label, phi = phi_label(solar)
            if phi is None:
                raise InputError("--solar", "'auto' needs --date", "min, max or phi in MV, or give --date")
            w = float(spectrum.w_from_phi(phi))
        material = gcr.material_name(material)
        check_plot_path(plot)
        out = []
        with gcr.use_model(model):
            for loc in environments.locations():
                h = float(environments.rate_w(loc, shielding, material, w))
                d = float(environments.rate_w(loc, shielding, material, w, "absorbed"))
                out.append({"location": loc, "rate_msv_per_day": h * 1e3, "absorbed_mgy_per_day": d * 1e3,
                            "rate_msv_per_year": h * 365.25e3, "quality_factor": h / d})
            if plot:
                import numpy as np

                from spaceplan.radiation.plots import plot_depth_dose

                depths = np.linspace(0.0, 100.0, 101)
                groups = gcr.group_rates_w(depths, w, material)
                write_figure(plot, plot_depth_dose, depths, groups,
                             title=f"Free-space GCR behind {material}, W = {w:.0f} ({label}), model {model}")
    except InputError as exc:
        if exc.field in flags:
            raise _renamed(exc, flags[exc.field]) from None
        raise
    from spaceplan.radiation.gcr import shielding_warnings

    doc = {"shielding_gcm2": shielding, "material": material, "solar_activity": label, "phi_mv": phi,
           "modulation_w": w, "model": model, "locations": out, "warnings": list(shielding_warnings(shielding))}
    if json_out:
        emit_json(doc)
        return
    stdout.print(table(f"GCR dose rates behind {shielding:g} g/cm² {material}, W = {w:.0f} (phi {phi:.0f} MV; {label})",
                       ["location", "mSv/day", "mGy/day", "mSv/year", "Q"],
                       [[r["location"], f"{r['rate_msv_per_day']:.3f}", f"{r['absorbed_mgy_per_day']:.3f}",
                         f"{r['rate_msv_per_year']:.0f}", f"{r['quality_factor']:.2f}"] for r in out]))
    stdout.print("leo and earth are empirical rates (ISS-like shielding; ground background): --shielding does not apply.")
    print_warnings(doc)


_TRAJECTORIES = ("orbit", "tli", "tmi", "spiral")


@radiation_app.command("belts")
def belts_cmd(
    trajectory: str = typer.Option("tli", "--trajectory", help="orbit (circular, --altitude/--inclination), tli (Apollo-like trans-lunar coast), tmi (trans-Mars injection) or spiral (electric-propulsion escape of --vehicle)."),
    date: str = typer.Option("2030-01-01", "--date", help="UTC start (field epoch, solar modulation)."),
    altitude: str = typer.Option("400km", "--altitude", help="orbit: altitude; tli/tmi: perigee altitude (km, or with m/km) [default 400 km; tli 185 km]."),
    inclination: float = typer.Option(51.6, "--inclination", help="Orbit-plane inclination, deg."),
    hours: float = typer.Option(8.0, "--hours", help="orbit/tli/tmi: hours to follow."),
    c3: Optional[float] = typer.Option(None, "--c3", help="tli/tmi: C3 in km²/s² [default tli -1.5, tmi 12]."),
    vehicle: str = typer.Option("zeus", "--vehicle", help="spiral: an electric-propulsion vehicle preset (e.g. zeus)."),
    shielding: float = typer.Option(10.0, "--shielding", help="Aluminium-equivalent areal density, g/cm²."),
    model: str = typer.Option("iso15390", "--model", help=_MODEL_HELP),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    plot: Optional[str] = typer.Option(None, "--plot", help="Figure: dose rate along the passage with the L-shell. " + PLOT_HELP),
) -> None:
    """Trapped-belt (AE-8/AP-8) and GCR dose along an orbit, an injection or a spiral; belt time by L-shell."""
    from spaceplan.core.units import parse_length
    from spaceplan.radiation import gcr, trajectory as tj

    check_plot_path(plot)
    _check_shielding(shielding)
    key = trajectory.strip().lower()
    if key not in _TRAJECTORIES:
        raise InputError("--trajectory", f"unknown trajectory {trajectory!r}", ", ".join(_TRAJECTORIES))
    t0 = parse_utc("--date", date)
    if not 0.0 < hours <= 24.0 * 30:
        raise InputError("--hours", f"{hours:g}", "0 to 720 hours")
    if not 0.0 <= inclination <= 180.0:
        raise InputError("--inclination", f"{inclination:g} deg", "0 to 180 deg")
    alt_m = parse_length("--altitude", "185km" if key == "tli" and altitude == "400km" else altitude)
    with gcr.use_model(model):
        try:
            if key == "orbit":
                t, r = tj.circular_orbit(t0, alt_m, inclination, hours * 3600.0, 60.0)
                track = tj.dose_along(t, r, shielding)
            elif key in ("tli", "tmi"):
                c3_m2 = (c3 if c3 is not None else (-1.5 if key == "tli" else 12.0)) * 1e6
                t, r = tj.conic_from_perigee(t0, alt_m, inclination, c3_m2, hours * 3600.0, n_samples=1500)
                track = tj.dose_along(t, r, shielding)
            else:
                from spaceplan.missions.radiation_exposure import spiral_track

                spiral = _vehicle_spiral(vehicle)
                tr = spiral_track(spiral, t0, inclination)
                track = tj.dose_along(tr.tdb, tr.r_eci_m, shielding)
        except InputError as exc:
            flags = {"altitude": "--altitude", "perigee_alt": "--altitude", "inclination": "--inclination",
                     "c3": "--c3", "shielding_gcm2": "--shielding", "date": "--date"}
            if exc.field in flags:
                raise _renamed(exc, flags[exc.field]) from None
            raise
    doc = {"trajectory": key, "date": date, "model": model, **track.to_dict()}
    if plot:
        from spaceplan.radiation.plots import plot_belt_passage

        write_figure(plot, plot_belt_passage, track)
    if json_out:
        emit_json(doc)
        return
    stdout.print(table(f"Dose along {key} from {date}, behind {shielding:g} g/cm² aluminium ({model})",
                       ["days", "GCR mSv", "trapped mSv", "total mSv", "mGy", "trapped share (Gy)", "inner belt h",
                        "outer belt h"],
                       [[f"{doc['duration_days']:.2f}", f"{doc['gcr_msv']:.3g}", f"{doc['trapped_msv']:.3g}",
                         f"{doc['total_msv']:.3g}", f"{doc['absorbed_mgy']:.3g}", f"{doc['trapped_share_absorbed']:.2f}",
                         f"{doc['inner_belt_days'] * 24:.1f}", f"{doc['outer_belt_days'] * 24:.1f}"]]))
    stdout.print("Belt time by L-shell and flux (inner: L 1.1-2.5 with AP-8 J(>10 MeV) > 10/cm²/s; outer: L 3-7 "
                 "with AE-8 J(>1 MeV) > 10/cm²/s).")
    print_warnings(doc)


def _check_shielding(shielding: float) -> None:
    from spaceplan.core.errors import require_positive, require_range

    require_positive("--shielding", shielding, allow_zero=True, unit="g/cm²")
    require_range("--shielding", shielding, 0.0, 1000.0, "g/cm² (aluminium equivalent)")


def _vehicle_spiral(vehicle: str, cargo_kg: float = 7000.0):
    """The escape spiral of a nuclear-electric vehicle preset (with 7 t of cargo, the study's lunar case) from the
    propulsion domain's NEP parking orbit (800 km)."""
    from spaceplan.core.constants import EARTH_RADIUS
    from spaceplan.propulsion.compare import NEP_LEO_ALT_M
    from spaceplan.propulsion.presets import NEPVehicle, load_vehicle
    from spaceplan.propulsion.spiral import spiral_escape

    try:
        v = load_vehicle(vehicle)
    except InputError as exc:
        raise _renamed(exc, "--vehicle") from None
    if not isinstance(v, NEPVehicle):
        raise InputError("--vehicle", f"{vehicle} is not a nuclear-electric vehicle", "e.g. zeus, zeus-official")
    return spiral_escape("earth", EARTH_RADIUS + NEP_LEO_ALT_M, v.thrust_n, v.exhaust_speed_m_s,
                         v.wet_mass_kg() + cargo_kg)


@radiation_app.command("orbit")
def orbit_cmd(
    altitude: str = typer.Option("400km", "--altitude", help="Altitude(s) (km, or with m/km), comma-separated, e.g. 400km,500km."),
    inclination: str = typer.Option("51.6", "--inclination", help="Inclination(s) in deg, comma-separated, e.g. 51.6,97."),
    date: str = typer.Option("2026-01-01", "--date", help="UTC date (field epoch, solar modulation)."),
    station: Optional[str] = typer.Option(None, "--station", help="Station preset(s), comma-separated (e.g. iss,ros,ros_97): their altitude and inclination replace --altitude/--inclination, and the crew dose per year from --date is given."),
    shielding: float = typer.Option(20.0, "--shielding", help="Aluminium-equivalent areal density, g/cm²."),
    model: str = typer.Option("iso15390", "--model", help=_MODEL_HELP),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Crew dose rate in circular LEO orbits by altitude and inclination (one day sampled at 60 s)."""
    from spaceplan.core.units import parse_length
    from spaceplan.radiation import gcr, trajectory as tj

    t0 = parse_utc("--date", date)
    _check_shielding(shielding)
    if station is not None:
        _station_years(station, t0, date, shielding, model, json_out)
        return
    alts = [parse_length("--altitude", a.strip()) for a in altitude.split(",") if a.strip()]
    try:
        incs = [float(i) for i in inclination.split(",") if i.strip()]
    except ValueError:
        raise InputError("--inclination", f"cannot read {inclination!r}", "degrees, comma-separated, e.g. 51.6,97") from None
    if not alts or not incs or len(alts) * len(incs) > 24:
        raise InputError("--altitude/--inclination", f"{len(alts)} x {len(incs)} orbits", "1 to 24 combinations")
    rows, found = [], []
    with gcr.use_model(model):
        for a in alts:
            for i in incs:
                try:
                    t, r = tj.circular_orbit(t0, a, i, DAY, 60.0)
                except InputError as exc:
                    raise _renamed(exc, {"altitude": "--altitude", "inclination": "--inclination"}.get(exc.field, exc.field)) from None
                d = tj.dose_along(t, r, shielding).to_dict()
                found += [w for w in d["warnings"] if w not in found]
                rows.append({"altitude_km": a / 1e3, "inclination_deg": i, "gcr_msv_per_day": d["gcr_msv"],
                             "trapped_msv_per_day": d["trapped_msv"], "total_msv_per_day": d["total_msv"],
                             "absorbed_mgy_per_day": d["absorbed_mgy"], "trapped_share_absorbed": d["trapped_share_absorbed"],
                             "total_msv_per_year": d["total_msv"] * 365.25, "saa_minutes_per_day": d["inner_belt_days"] * 1440})
    if json_out:
        emit_json({"date": date, "shielding_gcm2": shielding, "model": model, "orbits": rows, "warnings": found})
        return
    stdout.print(table(f"LEO crew dose, {date}, behind {shielding:g} g/cm² aluminium ({model})",
                       ["alt km", "inc deg", "GCR mSv/d", "trapped mSv/d", "total mSv/d", "mGy/d", "trapped share (Gy)",
                        "mSv/yr", "belt min/d"],
                       [[f"{r['altitude_km']:.0f}", f"{r['inclination_deg']:g}", f"{r['gcr_msv_per_day']:.3f}",
                         f"{r['trapped_msv_per_day']:.3f}", f"{r['total_msv_per_day']:.3f}",
                         f"{r['absorbed_mgy_per_day']:.3f}", f"{r['trapped_share_absorbed']:.2f}",
                         f"{r['total_msv_per_year']:.0f}", f"{r['saa_minutes_per_day']:.0f}"] for r in rows]))
    print_warnings({"warnings": found})


def _station_years(names: str, t0: float, date: str, shielding: float, model: str, json_out: bool) -> None:
    """Crew dose over one year from ``date`` in each named station's orbit (missions.station_dose_per_year)."""
    from spaceplan.missions import station_dose_per_year
    from spaceplan.radiation import gcr
    from spaceplan.station.presets import load_station

    rows = []
    with gcr.use_model(model):
        for name in [n.strip() for n in names.split(",") if n.strip()]:
            try:
                st = load_station(name)
            except InputError as exc:
                raise _renamed(exc, "--station") from None
            d = station_dose_per_year(st, t0, shielding)
            rows.append({"station": st.key, "name": st.name, "altitude_km": st.altitude_km,
                         "inclination_deg": st.inclination_deg, "gcr_msv_per_year": d.items[0].gcr_sv * 1e3,
                         "trapped_msv_per_year": d.trapped_sv * 1e3, "total_msv_per_year": d.total_sv * 1e3,
                         "absorbed_mgy_per_year": d.absorbed_gy * 1e3})
    if json_out:
        emit_json({"date": date, "shielding_gcm2": shielding, "model": model, "stations": rows})
        return
    stdout.print(table(f"Crew dose per year from {date}, behind {shielding:g} g/cm² aluminium ({model})",
                       ["station", "alt km", "inc deg", "GCR mSv", "trapped mSv", "total mSv", "mGy"],
                       [[r["name"], f"{r['altitude_km']:.0f}", f"{r['inclination_deg']:g}", f"{r['gcr_msv_per_year']:.0f}",
                         f"{r['trapped_msv_per_year']:.0f}", f"{r['total_msv_per_year']:.0f}",
                         f"{r['absorbed_mgy_per_year']:.0f}"] for r in rows]))


def register(app: typer.Typer) -> None:
    """Add the ``radiation`` sub-command group."""
    app.add_typer(radiation_app, name="radiation")
