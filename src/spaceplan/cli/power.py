"""``spaceplan power``: lunar surface power, sunlight site by site and fission against solar + storage."""

from __future__ import annotations

from typing import List, Optional

import typer

from spaceplan.core.durations import parse_duration
from spaceplan.core.units import parse_power
from spaceplan.cli._common import JSON_HELP, PLOT_HELP, check_plot_path, emit_json, parse_utc, print_warnings, \
    stdout, table, write_figure, wrote
from spaceplan.core.errors import InputError

power_app = typer.Typer(help="Lunar surface power: illumination by site, fission vs solar + storage sizing and trade.",
                        no_args_is_help=True)

def parse_power_range(field: str, text: str) -> tuple[float, float]:
    parts = str(text).split(":")
    if len(parts) == 1:
        p = parse_power(field, parts[0])
        return p, p
    if len(parts) != 2:
        raise InputError(field, f"cannot read power range {text!r}", "LOW:HIGH, e.g. 10kW:200kW")
    lo, hi = parse_power(field, parts[0]), parse_power(field, parts[1])
    if hi <= lo:
        raise InputError(field, f"empty or inverted range {text!r}", "HIGH above LOW")
    return lo, hi


def _sites(values: List[str]) -> list[str]:
    out = [s.strip() for v in values for s in (v.split(";") if "," in v and ";" in v else
                                                   ([v] if _is_latlon(v) else v.split(","))) if s.strip()]
    if not out:
        raise InputError("--site", "no site given", "a preset name or LAT,LON")
    return out


def _is_latlon(text: str) -> bool:
    parts = text.split(",")
    try:
        return len(parts) == 2 and all(float(p) is not None for p in parts)
    except ValueError:
        return False


def _horizon_kind(site) -> str:
    if site.flat:
        return "flat"
    return "representative, calibrated (see preset)" if "CALIBRATED" in site.horizon_source else "from preset"


@power_app.command("sites")
def sites_cmd(json_out: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Site presets: position, mast height, horizon (published or assumed) and published statistics."""
    from spaceplan.surface_power.sites import parse_site, site_names

    rows = [parse_site(n) for n in site_names()]
    if json_out:
        emit_json([s.to_dict() for s in rows])
        return
    stdout.print(table("Lunar site presets", ["Site", "lat °", "lon °", "mast m", "horizon"],
                       [[s.name, f"{s.latitude_deg:.2f}", f"{s.longitude_deg:.2f}", f"{s.height_m:g}",
                         _horizon_kind(s)] for s in rows]))


MAX_SITE_EPOCHS = 5_000_000  # Sun/Earth geometry per site and epoch: ~10 years at 1 min for one site


@power_app.command("illumination")
def illumination_cmd(
    site: List[str] = typer.Option(..., "--site", help="Site preset (see 'power sites') or LAT,LON in degrees; repeatable."),
    start: str = typer.Option("2030-01-01", "--from", help="UTC start date."),
    end: str = typer.Option("2031-01-01", "--to", help="UTC end date."),
    step: str = typer.Option("10min", "--step", help="Time step, e.g. 10min, 1h."),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " Sun elevation of the first site."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Sun elevation, night lengths, longest darkness and Earth eclipses at lunar sites (DE421)."""
    from spaceplan.surface_power.illumination import span_epochs, summarize, sun_series

    check_plot_path(plot)
    from spaceplan.core.errors import require_size

    step_s = parse_duration(step, "--step")
    t0, t1 = parse_utc("--from", start), parse_utc("--to", end)
    require_size("--step", (t1 - t0) / step_s * len(site), MAX_SITE_EPOCHS, "site-epochs",
                 "a longer --step or a shorter span", f"{len(site)} site(s) x {(t1 - t0) / step_s:.3g} epochs")
    series = sun_series(_sites(site), span_epochs(start, end, step_s))
    results = [summarize(series, i) for i in range(len(series.sites))]
    if plot:
        from spaceplan.surface_power.plots import plot_sun_elevation

        write_figure(plot, plot_sun_elevation, series, index=0)
        wrote(plot, json_out)
    if json_out:
        emit_json([r.to_dict() for r in results])
        return
    rows = []
    for r in results:
        rows.append([r.site.name, f"{r.site.latitude_deg:.2f}, {r.site.longitude_deg:.2f}",
                     f"{100 * r.lit_time_fraction:.1f}", f"{100 * r.mean_disc_fraction:.1f}",
                     f"{r.longest_dark_hours:.0f}" + (" (cut by span)" if r.longest_dark_truncated else ""),
                     "-" if r.mean_night_hours is None else f"{r.mean_night_hours:.1f}",
                     f"{r.elevation_range_deg[0]:.2f} / {r.elevation_range_deg[1]:.2f}",
                     ", ".join(f"{e.to_dict()['start_utc'][:10]} {'total' if e.total else 'partial'}" for e in r.eclipses)
                     or "none"])
    stdout.print(table(f"Sunlight {start} to {end} at {step} (DE421, IAU 2009 lunar rotation)",
                       ["Site", "lat, lon °", "lit % time", "mean disc %", "longest dark h", "mean night h",
                        "Sun el min/max °", "Earth eclipses"], rows))
    for r in results:
        if r.site.published:
            pub = r.site.published
            if "illuminated_fraction" in pub:
                stdout.print(f"{r.site.name}: published {100 * pub['illuminated_fraction']:.2f} % over "
                             f"{pub.get('span', ['?', '?'])[0]} to {pub.get('span', ['?', '?'])[1]} "
                             f"({pub.get('source', '')[:60]}...); horizon: {_horizon_kind(r.site)}")


@power_app.command("size")
def size_cmd(
    site: str = typer.Option(..., "--site", help="Site preset or LAT,LON."),
    power: str = typer.Option(..., "--power", help="Continuous (day) load, e.g. 100kW."),
    night_power: Optional[str] = typer.Option(None, "--night-power", help="Load while dark [default: same as --power]."),
    years: float = typer.Option(10.0, "--years", help="Mission length (array degradation), years."),
    exclusion: str = typer.Option("1000m", "--exclusion", help="Reactor exclusion distance for the shield (m, or with m/km)."),
    lander: str = typer.Option("generic-6t", "--lander", help="Lander preset (blue-moon-mk1, starship-hls, generic-6t) or capacity like 3t."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Size fission, solar + Li-ion, solar + RFC (and a hybrid for day/night loads) at one site."""
    from spaceplan.surface_power.trade import trade_site

    p = parse_power("--power", power)
    pn = p if night_power is None else parse_power("--night-power", night_power, allow_zero=True)
    from spaceplan.core.units import parse_length

    t = trade_site(site, p, pn, years, lander, exclusion_m=parse_length("--exclusion", exclusion, default="m"))
    if json_out:
        emit_json(t)
        return
    rows = []
    for o in t.options:
        d = o.detail
        extra = (f"{d.get('units', 1)} unit(s), radiator {d['radiator_area_m2']:.0f} m², shield {d['shield_mass_kg']:,.0f} kg"
                 if o.option == "fission" else
                 f"array {d['array_bol_kw']:.0f} kW BOL ({d['array_area_m2']:.0f} m², {d['tracking']}), "
                 f"storage {d['storage_usable_kwh']:,.0f} kWh usable")
        rows.append([o.option, f"{o.mass_kg:,.0f}", f"{o.volume_m3:.1f}", o.landers_text, extra])
    stdout.print(table(f"{t.site}: {t.day_w / 1e3:g} kWe" + (f" day / {t.night_w / 1e3:g} kWe night" if t.night_w != t.day_w else "")
                       + f", {t.years:g} years, {t.lander} ({t.lander_kg:,.0f} kg)",
                       ["Option", "mass kg", "volume m³", "landers", "sizing"], rows))
    print_warnings(t)
    stdout.print(t.verdict)


@power_app.command("trade")
def trade_cmd(
    sites: List[str] = typer.Option(..., "--sites", help="Sites, comma-separated or repeated (LAT,LON with ';' between)."),
    power: str = typer.Option("10kW:200kW", "--power", help="Power range LOW:HIGH for the curves, e.g. 10kW:200kW."),
    years: float = typer.Option(10.0, "--years", help="Mission length, years."),
    lander: str = typer.Option("generic-6t", "--lander", help="Lander preset or capacity."),
    plot: Optional[str] = typer.Option(None, "--plot", help=PLOT_HELP + " Mass vs power per site."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Mass against power for each option per site, the crossover power and a verdict at the range ends."""
    from spaceplan.surface_power.trade import mass_curves, trade_site

    check_plot_path(plot)
    lo, hi = parse_power_range("--power", power)
    names = _sites(sites)
    if hi == lo:
        hi = lo * 1.0001
    curves = [mass_curves(s, lo, hi, years, lander=lander) for s in names]
    trades = [trade_site(s, p, None, years, lander) for s in names for p in sorted({lo, hi})]
    if plot:
        from spaceplan.surface_power.plots import plot_mass_vs_power

        write_figure(plot, plot_mass_vs_power, curves)
        wrote(plot, json_out)
    if json_out:
        emit_json({"curves": curves, "trades": trades})
        return
    rows = []
    for c in curves:
        for st, x in c.crossover_w.items():
            rows.append([c.site, f"solar+{st}", "none" if x is None else f"{x / 1e3:.3g}",
                         f"{c.mass_kg['fission'][0] / 1e3:.1f} / {c.mass_kg['fission'][-1] / 1e3:.1f}",
                         f"{c.mass_kg['solar+' + st][0] / 1e3:.1f} / {c.mass_kg['solar+' + st][-1] / 1e3:.1f}"])
    stdout.print(table(f"Fission vs solar + storage, {lo / 1e3:g} to {hi / 1e3:g} kWe, {years:g} years",
                       ["Site", "solar option", "crossover kWe", f"fission t at {lo / 1e3:g}/{hi / 1e3:g} kWe",
                        "solar t at ends"], rows))
    print_warnings(*trades)
    for t in trades:
        stdout.print(t.verdict)


def register(app: typer.Typer) -> None:
    app.add_typer(power_app, name="power")
