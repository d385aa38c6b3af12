"""``spaceplan radiation``: crew dose for a mission timeline vs limits."""

from __future__ import annotations

from typing import Optional

import typer

from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, emit_json, parse_utc, renamed_error, stdout, table, \
    write_figure
from spaceplan.core.errors import InputError

radiation_app = typer.Typer(help="Crew radiation dose: cosmic rays, solar particle events, career limits.",
                            no_args_is_help=True)

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
    try:
        result = mission_dose(phases, **args)
    except InputError as exc:
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
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """GCR dose-equivalent and absorbed dose rates at every location."""
    from spaceplan.radiation import environments, gcr, spectrum
    from spaceplan.radiation.timeline import _phi_label

    flags = {"shielding_gcm2": "--shielding", "material": "--material", "solar_activity": "--solar"}
    try:
        if date is not None:
            w = float(spectrum.w_at(parse_utc("--date", date)))
            label, phi = f"{date} (space-weather record)", float(spectrum.phi_from_w(w))
        else:
            label, phi = _phi_label(solar)
            if phi is None:
                raise InputError("--solar", "'auto' needs --date", "min, max or phi in MV, or give --date")
            w = float(spectrum.w_from_phi(phi))
        material = gcr.material_name(material)
        out = []
        for loc in environments.locations():
            h = float(environments.rate_w(loc, shielding, material, w))
            d = float(environments.rate_w(loc, shielding, material, w, "absorbed"))
            out.append({"location": loc, "rate_msv_per_day": h * 1e3, "absorbed_mgy_per_day": d * 1e3,
                        "rate_msv_per_year": h * 365.25e3, "quality_factor": h / d})
    except InputError as exc:
        if exc.field in flags:
            raise _renamed(exc, flags[exc.field]) from None
        raise
    doc = {"shielding_gcm2": shielding, "material": material, "solar_activity": label, "phi_mv": phi,
           "modulation_w": w, "locations": out}
    if json_out:
        emit_json(doc)
        return
    stdout.print(table(f"GCR dose rates behind {shielding:g} g/cm² {material}, W = {w:.0f} (phi {phi:.0f} MV; {label})",
                       ["location", "mSv/day", "mGy/day", "mSv/year", "Q"],
                       [[r["location"], f"{r['rate_msv_per_day']:.3f}", f"{r['absorbed_mgy_per_day']:.3f}",
                         f"{r['rate_msv_per_year']:.0f}", f"{r['quality_factor']:.2f}"] for r in out]))
    stdout.print("leo and earth are empirical rates (ISS-like shielding; ground background): --shielding does not apply.")


def register(app: typer.Typer) -> None:
    """Add the ``radiation`` sub-command group."""
    app.add_typer(radiation_app, name="radiation")
