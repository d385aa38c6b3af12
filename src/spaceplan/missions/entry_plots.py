"""Figure of a Mars entry (:func:`spaceplan.missions.mars_entry.fly_entry`): altitude vs speed, deceleration vs time
and, for a guided flight, the signed bank and the crossrange to the target vs time (the reversals).  Draws only."""

from __future__ import annotations

from pathlib import Path


def plot_entry(result, path: str | Path, *, compare=None) -> Path:
    """Two panels (three with guidance): altitude vs speed and deceleration vs time of ``result`` (and of the
    ``(label, EntryResult)`` pairs in ``compare``), then the bank history."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [("flown", result)] + list(compare or [])
    guided = result.bank_history is not None and len(result.bank_history)
    fig, axes = plt.subplots(1, 3 if guided else 2, figsize=(14 if guided else 10, 4.5))
    for label, r in runs:
        tr = r.trajectory
        axes[0].plot(tr[:, 2] / 1e3, tr[:, 1] / 1e3, label=label)
        axes[1].plot(tr[:, 0], tr[:, 3], label=label)
    axes[0].set(xlabel="speed (km/s)", ylabel="altitude (km)")
    axes[0].set_title(result.vehicle, fontsize=9)
    axes[1].set(xlabel="time from entry (s)", ylabel="deceleration (Earth g)",
                title=f"peak {result.peak_deceleration_g:.1f} g")
    if guided:
        h = result.bank_history
        axes[2].step(h[:, 0], h[:, 1], where="post", color="C0", label="bank (deg)")
        axes[2].set(xlabel="time from entry (s)", ylabel="bank (deg; sign = side)",
                    title=f"{result.guidance['bank_reversals']} bank reversals")
        twin = axes[2].twinx()
        twin.plot(h[:, 0], h[:, 4] / 1e3, color="C3", label="crossrange to target (km)")
        twin.set_ylabel("crossrange to the target (km)", color="C3")
    for ax in axes:
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)
