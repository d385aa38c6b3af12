"""Study section ``surface_power``: a lunar base's power, fission against solar + storage, site by site.

The claim the section answers is the scenario's (``claim``).  For each configured site and power: sunlight from DE421 (:mod:`spaceplan.surface_power.illumination`), masses
of fission, solar + Li-ion and solar + regenerative fuel cells (:mod:`spaceplan.surface_power.sizing`),
landers needed, the crossover power and a plain-words verdict (:mod:`spaceplan.surface_power.trade`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spaceplan.study.config import SectionConfig, option

TITLE = "Lunar surface power: fission against solar + storage"


@dataclass(frozen=True)
class Config(SectionConfig):
    SECTION = "surface_power"
    sites: tuple[str, ...] = option(["lunar-equator", "shackleton-rim"], "site presets or LAT,LON (spaceplan power sites)")
    powers_kwe: tuple[float, ...] = option([40.0, 100.0], "continuous loads to size (kWe)", lo=0.01, hi=10_000.0)
    night_fraction: float = option(1.0, "night load as a fraction of the day load (1 = constant)", lo=0.0, hi=1.0)
    mission_years: float = option(10.0, "mission length (array degradation)", lo=0.1, hi=30.0)
    lander: str = option("generic-6t", "lander preset or capacity (e.g. '3t') for the lander count")
    span: tuple[str, str] = option(["2030-01-01", "2031-01-01"], "illumination span for sizing [start, end] (UTC)")
    step_hours: float = option(1.0, "illumination step for sizing (hours)", lo=0.05, hi=24.0)
    claim: str = option("", "the claim the section answers, quoted at the top of its prose ('' : none)")
    curve_kwe: tuple[float, float] = option([1.0, 200.0], "power range of the mass-vs-power figure (kWe)",
                                            lo=0.01, hi=10_000.0)


@dataclass(frozen=True)
class Result:
    config: Config
    illumination: tuple  # SiteIllumination per site
    trades: tuple  # SiteTrade per (site, power)
    curves: tuple  # MassCurves per site
    elevation: Any  # SunSeries of the sites (float32, for the figure)

    def to_dict(self) -> dict:
        return {"illumination": [{k: v for k, v in i.to_dict().items() if k != "dark_periods"}
                                 for i in self.illumination],
                "trades": [t.to_dict() for t in self.trades],
                "curves": [c.to_dict() for c in self.curves]}


def compute(config: Config, progress=None) -> Result:
    from spaceplan.surface_power.illumination import span_epochs, summarize, sun_series
    from spaceplan.surface_power.trade import mass_curves, trade_site

    tick = progress or (lambda done, total: None)
    step_s = config.step_hours * 3600.0
    span = (str(config.span[0]), str(config.span[1]))
    series = sun_series(list(config.sites), span_epochs(span[0], span[1], step_s))
    illum = tuple(summarize(series, i) for i in range(len(series.sites)))
    total = len(config.sites) * (len(config.powers_kwe) + 1)
    done = 0
    trades, curves = [], []
    for site in config.sites:
        for p in config.powers_kwe:
            trades.append(trade_site(site, p * 1e3, p * 1e3 * config.night_fraction, config.mission_years,
                                     config.lander, span, step_s))
            done += 1
            tick(done, total)
        curves.append(mass_curves(site, config.curve_kwe[0] * 1e3, config.curve_kwe[1] * 1e3, config.mission_years,
                                  span=span, step_s=step_s, lander=config.lander))
        done += 1
        tick(done, total)
    return Result(config, illum, tuple(trades), tuple(curves), series)


def render(result: Result, ctx):
    from spaceplan.study.flags import mark
    from spaceplan.study.runner import SectionResult
    from spaceplan.surface_power.plots import plot_mass_vs_power, plot_sun_elevation

    cfg = result.config
    figures = []
    for i, site in enumerate(result.elevation.sites):
        figures.append(ctx.save_figure(f"surface_power_sun_{site.name}", plot_sun_elevation, result.elevation,
                                       index=i))
    figures.append(ctx.save_figure("surface_power_mass_vs_power", plot_mass_vs_power, list(result.curves)))
    lines = ([f"Claim: {cfg.claim.strip()}", ""] if cfg.claim.strip() else []) + [
        "Sunlight comes from the DE421 ephemeris and the IAU 2009 lunar rotation; polar horizons are representative profiles calibrated "
        "to published illumination (Bussey et al. 2010, Glaser et al. 2014), not measured terrain.  Fission "
        "masses follow a class curve through published designs (Kilopower, FSP); solar and storage "
        "coefficients are assumptions stated in `spaceplan/surface_power/presets`.", "",
        f"Sunlight {cfg.span[0]} to {cfg.span[1]}:", "",
        "| site | lat, lon (°) | lit (% of time) | mean solar disc (%) | longest darkness (days) | Earth eclipses |",
        "|---|---|---:|---:|---:|---|"]
    for r in result.illumination:
        ecl = ", ".join(f"{e.to_dict()['start_utc'][:10]} ({'total' if e.total else 'partial'})" for e in r.eclipses)
        lines.append(f"| {r.site.name} | {r.site.latitude_deg:.2f}, {r.site.longitude_deg:.2f} | "
                     f"{100 * r.lit_time_fraction:.1f} | {100 * r.mean_disc_fraction:.1f} | "
                     f"{r.longest_dark_hours / 24:.1f}{' (cut by span)' if r.longest_dark_truncated else ''} | "
                     f"{ecl or 'none'} |")
    lines += ["", f"Mass for {cfg.mission_years:g} years, lander {result.trades[0].lander} "
                  f"({result.trades[0].lander_kg:,.0f} kg):", "",
              "| site | load (kWe day / night) | fission (t, landers) | solar + Li-ion (t, landers) "
              "| solar + RFC (t, landers) | lightest | crossover vs RFC (kWe) |", "|---|---|---|---|---|---|---:|"]
    for t in result.trades:
        by = {o.option: o for o in t.options}
        cells = [mark(f"{by[k].mass_kg / 1e3:.1f}, {by[k].landers_text}", by[k].warnings)
                 for k in ("fission", "solar+li-ion", "solar+rfc")]
        x = t.crossover_w.get("rfc")
        lines.append(f"| {t.site} | {t.day_w / 1e3:g} / {t.night_w / 1e3:g} | " + " | ".join(cells)
                     + f" | {t.best.option} | {'-' if x is None else f'{x / 1e3:.2g}'} |")
    lines += ["", "Reading: " + " ".join(t.verdict for t in result.trades if t.day_w == max(cfg.powers_kwe) * 1e3)]
    data = result.to_dict()
    return SectionResult(TITLE, "\n".join(lines), data, tuple(figures))
