"""Figure: mission timeline with cumulative dose against career limits."""

from __future__ import annotations

from spaceplan.radiation._data import preset

_COLOURS = {"deep_space": "#6a5acd", "mars_orbit": "#ffa500", "mars_surface": "#d2691e", "lunar_orbit": "#9467bd",
            "lunar_surface": "#7f7f7f", "leo": "#1f77b4", "earth": "#2ca02c"}


def plot_timeline(result, path) -> None:
    """Save a figure of ``result`` (a MissionDose): phases as coloured bands, cumulative dose (mSv), limits."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    career = preset("limits")["career"]
    fig, ax = plt.subplots(figsize=(9, 4.8), constrained_layout=True)
    t0, cum = 0.0, 0.0
    xs, ys = [0.0], [0.0]
    seen = set()
    for p in result.phases:
        days = p.duration_s / 86400.0
        colour = _COLOURS.get(p.location, "#bcbd22")
        ax.axvspan(t0, t0 + days, color=colour, alpha=0.22, lw=0,
                   label=None if p.location in seen else p.location.replace("_", " "))
        seen.add(p.location)
        ax.text(t0 + days / 2, 0.98, p.label.replace("_", " "), transform=ax.get_xaxis_transform(),
                ha="center", va="top", fontsize=8, rotation=90 if days < 0.12 * result.duration_days else 0)
        t = np.linspace(0.0, days, 50)
        gcr = cum + p.rate_sv_per_day * 1e3 * t
        if p.spe_dose_sv > 0:  # the event is drawn as a step at mid-phase
            gcr = gcr + np.where(t >= days / 2, p.spe_dose_sv * 1e3, 0.0)
            y_mid = cum + p.rate_sv_per_day * 1e3 * days / 2 + p.spe_dose_sv * 1e3
            ax.annotate(f"SPE {result.spe_event}: +{p.spe_dose_sv * 1e3:.0f} mSv", (t0 + days / 2, y_mid),
                        xytext=(10, -14), textcoords="offset points", fontsize=8)
        xs += list(t0 + t)
        ys += list(gcr)
        cum, t0 = p.cumulative_sv * 1e3, t0 + days
    ax.plot(xs, ys, color="black", lw=2, label=f"cumulative dose ({result.total_sv * 1e3:.0f} mSv)")
    ax.axhline(career["nasa_sv"] * 1e3, color="#d62728", ls="--", lw=1.2,
               label=f"NASA career limit {career['nasa_sv'] * 1e3:.0f} mSv")
    ax.axhline(career["other_agencies_sv"] * 1e3, color="#1f77b4", ls=":", lw=1.5,
               label=f"ESA/Roscosmos/CSA limit {career['other_agencies_sv']:g} Sv")
    ax.set_xlim(0, max(t0, 1e-9))
    ax.set_ylim(0, max(ys[-1], career["other_agencies_sv"] * 1e3) * 1.12)
    ax.set_xlabel("mission elapsed time (days)")
    ax.set_ylabel("cumulative dose equivalent (mSv)")
    spe = f", SPE {result.spe_event}" if result.spe_event else ""
    start = result.phases[0].start_tdb
    when = ""
    if start is not None:
        from spaceplan.core.time import tdb_to_iso

        when = f", start {str(tdb_to_iso(start))[:10]}"
    ax.set_title(f"Crew dose: {result.shielding_gcm2:g} g/cm² {result.material}, solar activity "
                 f"{result.solar_activity}{when}{spe}")
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    ax.grid(alpha=0.3)
    fig.savefig(path, dpi=120)
    plt.close(fig)
