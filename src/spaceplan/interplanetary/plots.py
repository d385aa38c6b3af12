"""Porkchop figure: C3 contours, time-of-flight lines, arrival v-infinity, minima marked."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.interplanetary.porkchop import KM2, Porkchop

_C3_LEVELS = np.array([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 25, 30, 40, 50, 60, 80, 100])


def _dates(tdb):
    from spaceplan.core.time import tdb_to_datetime64

    return tdb_to_datetime64(tdb).astype("datetime64[s]").astype(object)


def plot_porkchop(result: Porkchop, path: str | Path, c3_max_km2s2: float = 50.0, title: str | None = None) -> Path:
    """Draw the porkchop of ``result`` (both transfer types, per cell the one with lower C3) and save it.

    Filled/labelled contours: departure C3 (km^2/s^2, up to ``c3_max_km2s2``, the
    handbook's display ceiling); dashed grey: time of flight (days); red: arrival
    v-infinity (km/s) of the same transfer; stars: minimum-C3 cell of each type.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    x = np.array(_dates(result.departure_tdb))
    y = np.array(_dates(result.arrival_tdb))
    xx, yy = np.meshgrid(mdates.date2num(x), mdates.date2num(y), indexing="ij")
    c3 = result.c3.astype(float) / KM2
    vinf = result.vinf_arrival.astype(float) / 1e3
    with np.errstate(invalid="ignore"):
        use_two = np.isnan(c3[0]) | (c3[1] < c3[0])
    best = np.where(use_two, c3[1], c3[0])
    vinf_best = np.where(use_two, vinf[1], vinf[0])
    shown = np.where(best <= c3_max_km2s2, best, np.nan)
    fig, ax = plt.subplots(figsize=(11, 8.5), dpi=110)
    finite = shown[np.isfinite(shown)]
    if finite.size:
        levels = _C3_LEVELS[(_C3_LEVELS >= np.floor(finite.min())) & (_C3_LEVELS <= c3_max_km2s2)]
        if levels.size < 2:
            levels = np.linspace(finite.min(), finite.max() + 1e-6, 6)
        filled = ax.contourf(xx, yy, shown, levels=levels, cmap="viridis_r", alpha=0.55, extend="neither")
        lines = ax.contour(xx, yy, shown, levels=levels, colors="k", linewidths=0.7)
        ax.clabel(lines, fmt="%g", fontsize=8)
        bar = fig.colorbar(filled, ax=ax, pad=0.01)
        bar.set_label("departure C3 (km²/s²)")
        vlevels = np.arange(2.0, 8.01, 0.5)
        vinf_shown = np.where(np.isfinite(shown), vinf_best, np.nan)
        vlines = ax.contour(xx, yy, vinf_shown, levels=vlevels, colors="tab:red", linewidths=0.9, linestyles="-")
        ax.clabel(vlines, fmt="%.1f", fontsize=7, colors="tab:red")
    tof_days = (yy - xx)
    tof_levels = np.arange(50, 1001, 50)
    tof_levels = tof_levels[(tof_levels > tof_days.min()) & (tof_levels < tof_days.max())]
    if tof_levels.size:
        tl = ax.contour(xx, yy, tof_days, levels=tof_levels, colors="0.35", linestyles="--", linewidths=0.8)
        ax.clabel(tl, fmt="%d d", fontsize=7, colors="0.3")
    handles = [Line2D([], [], color="k", lw=0.8, label="departure C3 (km²/s²)"),
               Line2D([], [], color="tab:red", lw=0.9, label="arrival v∞ (km/s)"),
               Line2D([], [], color="0.35", ls="--", lw=0.8, label="time of flight (days)")]
    for (name, point), color in zip(result.min().items(), ("tab:orange", "tab:blue")):
        if point is None:
            continue
        px, py = mdates.date2num(_dates(point.departure_tdb)), mdates.date2num(_dates(point.arrival_tdb))
        ax.plot(px, py, marker="*", ms=16, color=color, mec="k", zorder=5)
        text = (f"type {name} min C3 {point.c3 / KM2:.2f} km²/s²\n"
                f"{str(_dates(point.departure_tdb))[:10]} → {str(_dates(point.arrival_tdb))[:10]}\n"
                f"{point.tof / DAY:.0f} d, v∞ arr {point.vinf_arrival / 1e3:.2f} km/s")
        ax.annotate(text, (px, py), xytext=(12, -38 if name == "I" else 14), textcoords="offset points",
                    fontsize=8, bbox={"boxstyle": "round", "fc": "white", "ec": color, "alpha": 0.9}, zorder=6)
        handles.append(Line2D([], [], marker="*", ms=12, color=color, mec="k", ls="", label=f"type {name} minimum"))
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.yaxis.set_major_locator(mdates.MonthLocator())
    ax.yaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    plt.setp(ax.get_xticklabels(), rotation=35, ha="right")
    ax.set_xlabel("departure date (UTC)")
    ax.set_ylabel("arrival date (UTC)")
    ax.grid(alpha=0.25)
    ax.legend(handles=handles, loc="upper left", fontsize=8, framealpha=0.9)
    dep, arr = result.departure_body.title(), result.arrival_body.title()
    ax.set_title(title or f"{dep} → {arr} porkchop, {str(x[0])[:4]}-{str(x[-1])[:4]} departures "
                 f"(DE421, ballistic, type I below / type II above the 180° ridge)", fontsize=10)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
