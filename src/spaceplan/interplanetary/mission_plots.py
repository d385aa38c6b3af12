"""Figures for Mars round trips: the Pareto front (total duration vs total delta-v).

The mission timeline with cumulative crew dose is ``spaceplan.radiation.plots.plot_timeline``
(fed with ``crew_phases(trip)``), so the dose figure has one implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spaceplan.core.constants import DAY

_COLOURS = {"conjunction": "tab:blue", "opposition": "tab:orange"}


@dataclass(frozen=True)
class ParetoPicture:
    """What the Pareto figure shows, without the search grids: least total delta-v (m/s) per total
    duration step for each class, the Pareto front's trips and the departure window."""

    step_s: float
    best_total: dict  # class -> (n_durations,) least total delta-v, m/s (NaN: none)
    pareto: tuple  # RoundTrip, ...
    window_start_utc: str
    window_end_utc: str


def pareto_picture(search) -> ParetoPicture:
    """The slim content of ``plot_pareto`` for a :class:`~spaceplan.interplanetary.RoundTripSearch`."""
    from spaceplan.core.time import tdb_to_iso

    return ParetoPicture(float(search.step_s), {c: np.asarray(cur.best_total, float) for c, cur in search.curves.items()},
                         tuple(search.pareto), str(tdb_to_iso(search.window_start, unit="D")),
                         str(tdb_to_iso(search.window_end, unit="D")))


def plot_pareto(search, path, chosen=(), dv_max_kms: float | None = None) -> Path:
    """Least total delta-v vs total duration per class, the overall Pareto front and the chosen trips.

    ``search`` is a round-trip search or its :class:`ParetoPicture`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pic = search if isinstance(search, ParetoPicture) else pareto_picture(search)
    fig, ax = plt.subplots(figsize=(8, 5))
    step_d = pic.step_s / DAY
    finite_dv = []
    for c, best_total in pic.best_total.items():
        days = np.arange(best_total.size) * step_d
        ok = np.isfinite(best_total)
        ax.plot(days[ok], best_total[ok] / 1e3, ".", ms=3, color=_COLOURS.get(c), alpha=0.5,
                label=f"{c} class (least dv per duration)")
        finite_dv.append(best_total[ok] / 1e3)
    p = pic.pareto
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
    when = f"departures {pic.window_start_utc} to {pic.window_end_utc}"
    ax.set_title(f"Mars round trips, {when}")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)
