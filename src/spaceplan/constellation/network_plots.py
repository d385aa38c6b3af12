"""Figures for the network side of constellations: RTT over time and deployment curves (matplotlib, Agg)."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def plot_latency(series, path, title: str | None = None) -> Path:
    """RTT (ms) against time (min) for one or several :class:`LatencySeries`, with fibre references."""
    plt = _plt()
    items = series if isinstance(series, (list, tuple)) else [series]
    fig, ax = plt.subplots(figsize=(9, 4.8), dpi=110)
    fibre_done = set()
    for s in items:
        t_min = (s.tdb - s.tdb[0]) / 60.0
        ax.step(t_min, s.rtt_ms, where="post", lw=1.6, label=f"{s.constellation} ({s.mode})")
        key = (s.source, s.destination)
        if key not in fibre_done:
            fibre_done.add(key)
            ax.axhline(s.fibre_rtt_s * 1e3, color="0.3", ls="--", lw=1.0,
                       label=f"fibre, great circle x {s.route_factor:g} (n = 1.468): {s.fibre_rtt_s * 1e3:.1f} ms")
            ax.axhline(s.vacuum_rtt_s * 1e3, color="0.6", ls=":", lw=1.0,
                       label=f"light in vacuum along the great circle: {s.vacuum_rtt_s * 1e3:.1f} ms")
    s0 = items[0]
    ax.set_xlabel("time since start (min)")
    ax.set_ylabel("round-trip time (ms)")
    ax.set_title(title or f"RTT {s0.source} - {s0.destination} ({s0.great_circle_m / 1e3:.0f} km great circle)")
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path)
    plt.close(fig)
    return path


def plot_deployment(campaigns, path, title: str | None = None) -> Path:
    """Operational satellites against date for one or several :class:`DeploymentCampaign`, FOC marked."""
    plt = _plt()
    from spaceplan.core.time import tdb_to_datetime64

    items = campaigns if isinstance(campaigns, (list, tuple)) else [campaigns]
    fig, ax = plt.subplots(figsize=(9, 4.8), dpi=110)
    for c in items:
        t = np.linspace(c.start_tdb, c.foc_tdb + 0.05 * (c.foc_tdb - c.start_tdb), 400)
        dates = tdb_to_datetime64(t).astype("datetime64[D]").astype("O")
        frac = c.operational_count(t) / len(c.operational_tdb) * 100
        label = f"{c.constellation} on {c.launcher.name}, {len(c.launch_tdb)} launches"
        line, = ax.plot(dates, frac, lw=1.8, label=label)
        foc = tdb_to_datetime64(np.array([c.foc_tdb])).astype("datetime64[D]").astype("O")[0]
        ax.axvline(foc, color=line.get_color(), ls=":", lw=1)
    ax.set_xlabel("date (UTC)")
    ax.set_ylabel("satellites operational (% of constellation)")
    ax.set_ylim(0, 105)
    ax.set_title(title or "Deployment campaign: operational satellites over time (dotted: full operational capability)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, frameon=False)
    fig.set_size_inches(9, 4.8 + 0.25 * len(items))
    fig.autofmt_xdate()
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path)
    plt.close(fig)
    return path
