"""Figures: Sun elevation over a span with the dark periods; system mass against power with the crossover."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def _dates(tdb):
    from spaceplan.core.time import tdb_to_datetime64

    return tdb_to_datetime64(np.asarray(tdb)).astype("datetime64[s]").astype(object)


def plot_sun_elevation(series, path: str | Path, index: int = 0, title: str | None = None) -> Path:
    """Sun elevation (deg) at site ``index`` of a SunSeries, the horizon under the Sun, dark periods
    shaded and Earth eclipses marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from spaceplan.surface_power.illumination import dark_periods, earth_eclipses

    site = series.sites[index]
    t = _dates(series.tdb)
    el = np.degrees(series.elevation[index].astype(float))
    hor = np.degrees(site.horizon_at(series.azimuth[index]))
    fig, ax = plt.subplots(figsize=(10, 4.2), dpi=110)
    ax.plot(t, el, lw=0.7, color="tab:orange", label="Sun elevation (centre)")
    if not site.flat:
        ax.plot(t, hor, lw=0.6, color="saddlebrown", label="horizon under the Sun")
    else:
        ax.axhline(0.0, color="saddlebrown", lw=0.6, label="flat horizon")
    darks = dark_periods(series, index)
    for k, d in enumerate(darks):
        ax.axvspan(*_dates([d.start_tdb, d.end_tdb]), color="0.2", alpha=0.18, lw=0,
                   label="dark (no part of the disc visible)" if k == 0 else None)
    for k, e in enumerate(earth_eclipses(series, index)):
        ax.axvline(_dates(0.5 * (e.start_tdb + e.end_tdb)), color="tab:purple", lw=0.8, ls="--",
                   label="Earth eclipse" if k == 0 else None)
    longest = max(darks, key=lambda d: d.hours, default=None)
    lit = 100.0 * float(np.mean(series.visible[index] > 0))
    text = f"lit {lit:.1f} % of the time"
    if longest is not None:
        text += f"; longest darkness {longest.hours / 24:.1f} d"
    ax.set_title(title or f"{site.name} ({site.latitude_deg:.2f}, {site.longitude_deg:.2f} deg): {text}", fontsize=10)
    ax.set_ylabel("elevation (deg)")
    span = np.ptp(el)
    if span < 20:  # polar: zoom on the horizon
        ax.set_ylim(min(el.min(), hor.min()) - 0.5, max(el.max(), hor.max()) + 0.5)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path)
    plt.close(fig)
    return path


def plot_mass_vs_power(curves, path: str | Path, title: str | None = None) -> Path:
    """Mass (t) against constant power (kWe), one line per option (a list of MassCurves: one panel each),
    crossovers marked; a dotted line at one lander's payload."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    curves = curves if isinstance(curves, (list, tuple)) else [curves]
    fig, axes = plt.subplots(1, len(curves), figsize=(5.2 * len(curves), 4.2), dpi=110, squeeze=False)
    colors = {"fission": "tab:red", "solar+li-ion": "tab:blue", "solar+rfc": "tab:green"}
    for ax, c in zip(axes[0], curves):
        p = c.power_w / 1e3
        for name, m in c.mass_kg.items():
            ax.loglog(p, m / 1e3, label=name, color=colors.get(name), lw=1.6)
        for storage, x in c.crossover_w.items():
            if x is not None and p[0] <= x / 1e3 <= p[-1]:
                y = np.interp(x / 1e3, p, c.mass_kg["fission"] / 1e3)
                ax.plot([x / 1e3], [y], "o", color=colors.get(f"solar+{storage}"), ms=6)
                ax.annotate(f"{x / 1e3:.2g} kWe", (x / 1e3, y), textcoords="offset points", xytext=(6, -12), fontsize=8)
        ax.axhline(c.lander_kg / 1e3, color="0.4", ls=":", lw=1, label=f"one lander ({c.lander_kg / 1e3:g} t)")
        ax.set_title(title or c.site, fontsize=10)
        ax.set_xlabel("continuous power (kWe)")
        ax.grid(alpha=0.3, which="both")
    axes[0][0].set_ylabel("system mass (t)")
    axes[0][-1].legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path)
    plt.close(fig)
    return path
