"""Figures: a spiral in its orbit plane, a thrust/mass history, and the IMLEO vs trip-time trade."""

from __future__ import annotations

import numpy as np

from spaceplan.core.constants import DAY


def _fig(w=7.0, h=5.0):
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(w, h))


def _save(fig, path):
    import matplotlib.pyplot as plt

    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_spiral(result, path) -> None:
    """The spiral in the orbit plane (1000 km), central body and Van Allen belt bands (Earth) drawn."""
    _save(spiral_figure(result), path)


def spiral_figure(result):
    """The figure of :func:`plot_spiral` (each belt's label centred inside its band, on the 45 deg diagonal)."""
    from spaceplan.core.constants import body
    from spaceplan.propulsion.spiral import INNER_BELT_ALT_M, OUTER_BELT_ALT_M

    fig, ax = _fig(6.5, 6.5)
    h = result.history
    b = body(result.body)
    if b.name == "Earth":
        for lo, hi, label in ((*INNER_BELT_ALT_M, "inner belt"), (*OUTER_BELT_ALT_M, "outer belt")):
            ring = np.linspace(0, 2 * np.pi, 200)
            for alt in (lo, hi):
                ax.plot((b.radius + alt) / 1e6 * np.cos(ring), (b.radius + alt) / 1e6 * np.sin(ring), ":", lw=0.8,
                        color="tab:red")
            mid = (b.radius + 0.5 * (lo + hi)) / 1e6 / np.sqrt(2.0)  # the band's middle radius, at 45 deg
            ax.text(mid, mid, label, color="tab:red", fontsize=8, ha="center", va="center", rotation=-45,
                    clip_on=True)
    from matplotlib.patches import Circle

    ax.add_patch(Circle((0, 0), b.radius / 1e6, color="tab:blue", alpha=0.4))
    ax.plot(h[:, 1] / 1e6, h[:, 2] / 1e6, lw=0.3, color="k")
    ax.set_aspect("equal")
    ax.set_xlabel("x, 1000 km")
    ax.set_ylabel("y, 1000 km")
    ax.set_title(f"{result.mode} spiral at {b.name}: {result.dv_m_s / 1e3:.2f} km/s, {result.time_s / DAY:.0f} d, "
                 f"{result.revolutions:.0f} revolutions",
                 fontsize=9)
    return fig


def plot_leg_history(leg, path) -> None:
    """Thrust used and available, and the mass, per Sims-Flanagan segment."""
    fig, ax = _fig(7.5, 4.5)
    p = leg.profile
    t = p[:, 0] / DAY
    w = leg.tof_s / leg.n_segments / DAY
    ax.bar(t, p[:, 5], width=0.9 * w, color="tab:orange", label="thrust used")
    ax.step(t, p[:, 3], where="mid", color="tab:red", lw=1, label="thrust available")
    ax.set_xlabel("days from departure")
    ax.set_ylabel("thrust, N")
    ax2 = ax.twinx()
    ax2.plot(t, p[:, 2] / 1e3, "k.-", label="mass")
    ax2.set_ylabel("mass, t")
    ax.legend(loc="upper center", fontsize=8)
    ax.set_title(f"{leg.departure_body.title()} -> {leg.arrival_body.title()}, {leg.tof_s / DAY:.0f} d: "
                 f"{leg.propellant_kg:,.0f} kg propellant, {leg.thrusting_time_s / DAY:.0f} d thrusting", fontsize=9)
    _save(fig, path)


def plot_trade(comparison, path) -> None:
    """IMLEO against trip time, one point per option (infeasible ones listed in the title)."""
    fig, ax = _fig(7.0, 4.8)
    marks = {"nep": "o", "ntp": "s", "chemical": "^"}
    bad = []
    for o in comparison.options:
        if not o.feasible:
            bad.append(o.name)
            continue
        ax.scatter(o.trip_time_s / DAY, o.imleo_kg / 1e3, marker=marks.get(o.kind, "o"), s=60)
        ax.annotate(o.name, (o.trip_time_s / DAY, o.imleo_kg / 1e3), fontsize=8, xytext=(5, 4),
                    textcoords="offset points")
    ax.margins(x=0.3, y=0.15)
    ax.set_xlabel("trip time, days")
    ax.set_ylabel("mass in LEO (IMLEO), t")
    where = comparison.destination.replace("-", " ")
    title = f"{comparison.cargo_kg / 1e3:g} t of cargo to {where}"
    if bad:
        title += f"\ninfeasible: {', '.join(bad)}"
    ax.set_title(title, fontsize=9)
    ax.grid(alpha=0.3)
    _save(fig, path)
