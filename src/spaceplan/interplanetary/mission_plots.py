"""Figures for Mars round trips: the Pareto front (total duration vs total delta-v).

The mission timeline with cumulative crew dose is ``spaceplan.radiation.plots.plot_timeline``
(fed with ``crew_phases(trip)``), so the dose figure has one implementation.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from spaceplan.core.constants import DAY

_COLOURS = {"conjunction": "tab:blue", "opposition": "tab:orange"}


def plot_pareto(search, path, chosen=(), dv_max_kms: float | None = None) -> Path:
    """Least total delta-v vs total duration per class, the overall Pareto front and the chosen trips."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5))
    step_d = search.step_s / DAY
    finite_dv = []
    for c, cur in search.curves.items():
        days = np.arange(cur.best_total.size) * step_d
        ok = np.isfinite(cur.best_total)
        ax.plot(days[ok], cur.best_total[ok] / 1e3, ".", ms=3, color=_COLOURS.get(c), alpha=0.5,
                label=f"{c} class (least dv per duration)")
        finite_dv.append(cur.best_total[ok] / 1e3)
    p = search.pareto
    if p:
        ax.plot([t.total_s / DAY for t in p], [t.total_dv / 1e3 for t in p], "-", color="k", lw=1.2,
                drawstyle="steps-post",
                label="Pareto front")
    for t in chosen:
        ax.plot(t.total_s / DAY, t.total_dv / 1e3, "*", ms=14, color=_COLOURS.get(t.mission_class),
                mec="k", label=f"chosen {t.mission_class}: {t.total_s / DAY:.0f} d, {t.total_dv / 1e3:.1f} km/s")
    allv = np.concatenate(finite_dv) if finite_dv else np.array([10.0])
    top = dv_max_kms or min(float(np.nanmin(allv)) * 3.0, float(np.nanmax(allv)))
    ax.set_ylim(0, top)
    ax.set_xlabel("total mission duration (days)")
    ax.set_ylabel("total delta-v (km/s): LEO departure + Mars orbit in/out" )
    when = f"departures {search.to_dict()['window_start_utc']} to {search.to_dict()['window_end_utc']}"
    ax.set_title(f"Mars round trips, {when}")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)
