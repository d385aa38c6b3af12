"""Figures of the Starship architecture: landed payload vs tankers per window, the campaign calendar, the Mars entry
corridor (altitude vs speed).  The data functions are pure; the plot functions only draw."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from spaceplan.core.errors import InfeasibleError


def landed_vs_tankers(ship, years, *, max_tankers: int = 20, **kw) -> dict:
    """{year: (tankers, landed payload t)} with the most each number of tankers lands (0 where nothing lands)."""
    from spaceplan.missions.starship_mars import evaluate

    out = {}
    for year in years:
        n = np.arange(0, max_tankers + 1)
        landed = []
        for k in n:
            try:
                a = evaluate(ship, year=int(year), payload_kg=None, tankers=int(k), with_return=False, **kw)
                landed.append(a.payload_kg / 1e3)
            except InfeasibleError:
                landed.append(0.0)
        out[int(year)] = (n.tolist(), landed)
    return out


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_landed_vs_tankers(curves: dict, ship_name: str, path: str | Path) -> Path:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 5))
    for year, (n, landed) in sorted(curves.items()):
        ax.plot(n, landed, "o-", label=f"{year} window")
    ax.set_xlabel("tanker flights")
    ax.set_ylabel("payload landed on Mars (t)")
    ax.set_title(f"{ship_name}: landed payload vs tanker flights")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)


def plot_campaign_calendar(arch_dict: dict, path: str | Path) -> Path:
    """Launch days of the ship and its tankers, loiter, departure burn (from ``Architecture.to_dict()``)."""
    plt = _pyplot()
    c = arch_dict["campaign"]
    days = c["launch_days"]
    fig, ax = plt.subplots(figsize=(9, 3.5))
    ax.plot(days[:1], [1], "s", color="C1", markersize=10, label="ship launch")
    ax.plot(days[1:], [1] * (len(days) - 1), "^", color="C0", markersize=8, label="tanker launches")
    ax.axvline(c["duration_days"], color="C3", label=f"departure {arch_dict['departure']['departure_utc']}")
    ax.fill_between([0, c["duration_days"]], 0.8, 1.2, color="C2", alpha=0.15, label="loiter in LEO (boil-off)")
    ax.set_ylim(0.5, 1.5)
    ax.set_yticks([])
    ax.set_xlabel(f"days after the first launch ({arch_dict['first_launch_utc']})")
    ax.set_title(f"Refilling campaign: {c['tankers']} tankers, {c['boiloff_t']:.1f} t boiled off")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)


def plot_entry_corridor(trajectories: list[tuple[str, np.ndarray]], path: str | Path) -> Path:
    """Altitude vs speed of entry trajectories (``EntryResult.trajectory`` columns t, h, V, g) with labels."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 5))
    for label, traj in trajectories:
        ax.plot(traj[:, 2] / 1e3, traj[:, 1] / 1e3, label=label)
    ax.set_xlabel("speed (km/s)")
    ax.set_ylabel("altitude (km)")
    ax.set_title("Mars entry corridor (NASA fact-sheet exponential atmosphere)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)
