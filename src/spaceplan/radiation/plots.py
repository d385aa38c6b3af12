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


def plot_belt_passage(track, path, title: str = "") -> None:
    """Dose-equivalent rate along a trajectory (GCR, trapped protons, trapped electrons) with the L-shell."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    hours = (track.tdb - track.tdb[0]) / 3600.0
    fig, ax = plt.subplots(figsize=(9, 4.8), constrained_layout=True)
    if hours[-1] > 2.0:  # injections: the belts are crossed in the first hour; a log time axis shows them
        ax.set_xscale("symlog", linthresh=0.1)
    floor = 1e-4
    for rate, label, colour in ((track.gcr_sv_per_day, "GCR", "#6a5acd"),
                                (track.proton_sv_per_day, "trapped protons (AP-8)", "#d62728"),
                                (track.electron_sv_per_day, "trapped electrons (AE-8)", "#ff7f0e"),
                                (track.total_sv_per_day, "total", "black")):
        ax.plot(hours, np.maximum(rate * 1e3, floor), label=label, color=colour, lw=2.4 if label == "total" else 1.4,
                ls="-" if label != "total" else (0, (4, 2)), zorder=3 if label != "total" else 2)
    ax.set_yscale("log")
    ax.set_ylim(floor, max(1.0, float(np.max(track.total_sv_per_day)) * 2e3))
    ax.set_xlabel("hours since the first sample")
    ax.set_ylabel(f"dose-equivalent rate behind {track.shielding_gcm2:g} g/cm² {track.material} (mSv/day)")
    ax2 = ax.twinx()
    lval = np.where(np.isfinite(track.l_shell), track.l_shell, np.nan)
    ax2.plot(hours, lval, color="#2ca02c", ls=":", lw=1.2, label="McIlwain L")
    ax2.set_ylabel("McIlwain L (IGRF)", color="#2ca02c")
    ax2.set_ylim(1.0, min(12.0, np.nanmax(lval) * 1.1) if np.any(np.isfinite(lval)) else 12.0)
    d = track.to_dict()
    ax.set_title(title or f"Belt passage: {d['total_msv']:.3g} mSv ({d['trapped_msv']:.3g} trapped), "
                          f"inner {d['inner_belt_days'] * 24:.1f} h, outer {d['outer_belt_days'] * 24:.1f} h")
    lines = ax.get_legend_handles_labels()
    extra = ax2.get_legend_handles_labels()
    ax.legend(lines[0] + extra[0], lines[1] + extra[1], loc="upper right", fontsize=8, framealpha=0.9)
    ax.grid(alpha=0.3, which="both")
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_depth_dose(depths, components: dict, path, title: str = "", trapped=None) -> None:
    """Dose equivalent vs shielding depth by component (GCR ion groups, total, optional trapped protons)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig, ax = plt.subplots(figsize=(8, 5), constrained_layout=True)
    total = sum(components.values())
    for name, values in components.items():
        ax.plot(depths, np.asarray(values) * 1e3, label=f"GCR {name}", lw=1.2)
    ax.plot(depths, np.asarray(total) * 1e3, color="black", lw=2.2, label="GCR total")
    if trapped is not None:
        ax.plot(depths, np.asarray(trapped) * 1e3, color="#d62728", ls="--", lw=1.6, label="trapped protons (ISS orbit)")
    ax.set_yscale("log")
    ax.set_xlabel("shielding depth (g/cm²)")
    ax.set_ylabel("dose-equivalent rate (mSv/day)")
    ax.set_title(title or "Dose vs shielding depth by component")
    ax.legend(fontsize=8, ncol=2)
    ax.grid(alpha=0.3, which="both")
    fig.savefig(path, dpi=120)
    plt.close(fig)
