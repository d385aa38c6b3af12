"""Porkchop figure: C3 contours, time-of-flight lines, arrival v-infinity, minima marked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.porkchop import KM2, Porkchop

_C3_LEVELS = np.array([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 25, 30, 40, 50, 60, 80, 100])


def _dates(tdb):
    from spaceplan.core.time import tdb_to_datetime64

    return tdb_to_datetime64(tdb).astype("datetime64[s]").astype(object)


@dataclass(frozen=True)
class PorkchopPicture:
    """What the porkchop figure shows, without the full grid: per cell the lower-C3 type's C3 (km^2/s^2,
    NaN above the display ceiling) and arrival v-infinity (km/s), in float16 (display precision), and the
    minimum-C3 transfer of each type.  Small enough to travel in a study result."""

    departure_body: str
    arrival_body: str
    departure_tdb: np.ndarray  # (n_dep,)
    arrival_tdb: np.ndarray  # (n_arr,)
    c3_km2s2: np.ndarray  # (n_dep, n_arr) float16
    vinf_arrival_kms: np.ndarray  # (n_dep, n_arr) float16
    minima: dict  # "I"/"II" -> TransferPoint | None


def porkchop_picture(result: Porkchop, c3_max_km2s2: float = 50.0) -> PorkchopPicture:
    """The displayed fields of ``result``: per cell the type with the lower C3, masked above ``c3_max_km2s2``."""
    c3 = result.c3.astype(float) / KM2
    vinf = result.vinf_arrival.astype(float) / 1e3
    with np.errstate(invalid="ignore"):
        use_two = np.isnan(c3[0]) | (c3[1] < c3[0])
    best = np.where(use_two, c3[1], c3[0])
    vinf_best = np.where(use_two, vinf[1], vinf[0])
    with np.errstate(invalid="ignore"):
        shown = np.where(best <= c3_max_km2s2, best, np.nan)
    return PorkchopPicture(result.departure_body, result.arrival_body, np.asarray(result.departure_tdb, float),
                           np.asarray(result.arrival_tdb, float), shown.astype(np.float16),
                           np.where(np.isfinite(shown), vinf_best, np.nan).astype(np.float16), result.min())


def plot_porkchop(result: Porkchop | PorkchopPicture, path: str | Path, c3_max_km2s2: float = 50.0,
                  title: str | None = None) -> Path:
    """Draw the porkchop of ``result`` (both transfer types, per cell the one with lower C3) and save it.

    Filled/labelled contours: departure C3 (km^2/s^2, up to ``c3_max_km2s2``, the
    handbook's display ceiling); dashed grey: time of flight (days); red: arrival
    v-infinity (km/s) of the same transfer; stars: minimum-C3 cell of each type.
    ``result`` is a porkchop grid or its :class:`PorkchopPicture`.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    pic = result if isinstance(result, PorkchopPicture) else porkchop_picture(result, c3_max_km2s2)
    x = np.array(_dates(pic.departure_tdb))
    y = np.array(_dates(pic.arrival_tdb))
    xx, yy = np.meshgrid(mdates.date2num(x), mdates.date2num(y), indexing="ij")
    with np.errstate(invalid="ignore"):
        shown = np.where(pic.c3_km2s2.astype(float) <= c3_max_km2s2, pic.c3_km2s2.astype(float), np.nan)
    vinf_best = pic.vinf_arrival_kms.astype(float)
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
    for (name, point), color in zip(pic.minima.items(), ("tab:orange", "tab:blue")):
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
    dep, arr = pic.departure_body.title(), pic.arrival_body.title()
    years = str(x[0])[:4] if str(x[0])[:4] == str(x[-1])[:4] else f"{str(x[0])[:4]}-{str(x[-1])[:4]}"
    ax.set_title(title or f"{dep} → {arr} porkchop, {years} departures "
                 f"(DE421, ballistic, type I below / type II above the 180° ridge)", fontsize=10)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
