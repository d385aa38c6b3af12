"""Figures for launch results: the ascent profile (altitude, speed, dynamic pressure, acceleration)."""

from __future__ import annotations


def plot_ascent(result, path: str, title: str | None = None) -> str:
    """Four stacked panels vs time for an ``AscentResult`` (or a ``PayloadResult``), staging marked. Returns path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ascent = getattr(result, "ascent", result)
    t = ascent.column("t_s")
    fig, axes = plt.subplots(4, 1, figsize=(8, 10), sharex=True)
    panels = [
        (ascent.column("altitude_m") / 1e3, "altitude (km)", None),
        (ascent.column("speed_rel_m_s") / 1e3, "speed (km/s)", ascent.column("speed_inertial_m_s") / 1e3),
        (ascent.column("q_pa") / 1e3, "dynamic pressure (kPa)", None),
        (ascent.column("accel_m_s2") / 9.80665, "thrust acceleration (g)", None),
    ]
    for ax, (y, label, y2) in zip(axes, panels):
        ax.plot(t, y, color="C0", label="Earth-relative" if y2 is not None else None)
        if y2 is not None:
            ax.plot(t, y2, color="C1", label="inertial")
            ax.legend(loc="upper left")
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        for k, ev in enumerate(ascent.stages):
            ax.axvline(ev.t_burnout_s, color="k", ls="--", lw=0.8, label=None)
        if ascent.t_fairing_s > 0:
            ax.axvline(ascent.t_fairing_s, color="C2", ls=":", lw=0.8)
    axes[2].axvline(ascent.t_max_q_s, color="C3", ls=":", lw=0.8)
    for ev in ascent.stages:
        axes[0].text(ev.t_burnout_s, 0.05, f"{ev.name} out", fontsize=7, rotation=90, va="bottom", ha="right",
                     transform=axes[0].get_xaxis_transform())
    if ascent.t_fairing_s > 0:
        axes[0].text(ascent.t_fairing_s, 0.95, "fairing", fontsize=7, color="C2", rotation=90, va="top", ha="right",
                     transform=axes[0].get_xaxis_transform())
    axes[2].annotate(f"max-q {ascent.max_q_pa / 1e3:.1f} kPa", (ascent.t_max_q_s, ascent.max_q_pa / 1e3), fontsize=8)
    axes[-1].set_xlabel("time since liftoff (s)")
    lo = ascent.losses
    fig.suptitle((title or f"{ascent.vehicle} ascent") + f"\npayload {ascent.payload_kg:,.0f} kg; losses: gravity "
                 f"{lo.gravity_ms:.0f}, drag {lo.drag_ms:.0f}, steering {lo.steering_ms:.0f}, "
                 f"back-pressure {lo.pressure_ms:.0f} m/s", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
