"""Figures: altitude against time with the 5-95 % activity band, propellant per year, deorbit footprint."""

from __future__ import annotations

import numpy as np

from spaceplan.core.time import tdb_to_datetime64


def _figure(width=8.0, height=4.5):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height))


def plot_decay(band: dict, path: str, title: str = "") -> None:
    """Mean altitude vs date: 50 % line, 5-95 % activity band shaded (``band``: activity -> DecayResult)."""
    import matplotlib.pyplot as plt

    fig, ax = _figure()
    mid = band.get(50) or next(iter(band.values()))
    grid = np.linspace(mid.t[0], max(r.t[-1] for r in band.values()), 600)
    if 5 in band and 95 in band:
        # a run that has re-entered stays at its last (120 km) value for the band
        lo = np.interp(grid, band[95].t, band[95].altitude, right=band[95].altitude[-1] if band[95].reentered
                       else np.nan) / 1e3
        hi = np.interp(grid, band[5].t, band[5].altitude, right=band[5].altitude[-1] if band[5].reentered
                       else np.nan) / 1e3
        ax.fill_between(tdb_to_datetime64(grid), lo, hi, color="tab:blue", alpha=0.25,
                        label="5-95 % solar activity (MSFC)")
    ax.plot(tdb_to_datetime64(mid.t), mid.altitude / 1e3, color="tab:blue", label=f"{mid.activity} % activity")
    ax.set_ylabel("mean altitude, km")
    ax.set_title(title or f"{mid.name}: free decay ({mid.method})")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_propellant(plans: dict, path: str) -> None:
    """Reboost propellant per year, one bar group per activity level (``plans``: label -> ReboostPlan)."""
    import matplotlib.pyplot as plt

    fig, ax = _figure()
    labels = list(plans)
    years = [y.year for y in plans[labels[0]].years]
    width = 0.8 / len(labels)
    for k, label in enumerate(labels):
        ax.bar(np.arange(len(years)) + k * width, [y.propellant_kg / 1e3 for y in plans[label].years], width,
               label=label)
    ax.set_xticks(np.arange(len(years)) + 0.4 - width / 2, [str(y) for y in years])
    ax.set_ylabel("reboost propellant, t/year")
    first = plans[labels[0]]
    ax.set_title(f"{first.station}: hold {first.band_km[0]:g}-{first.band_km[1]:g} km "
                 f"({first.vehicle.split(' (')[0]})")
    ax.grid(alpha=0.3, axis="y")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_footprint(plan, path: str) -> None:
    """Fragment points at 70 km after the final burn over the South Pacific, land outlines for orientation."""
    import matplotlib.pyplot as plt

    fig = footprint_figure(plan)
    fig.savefig(path)
    plt.close(fig)


def footprint_figure(plan):
    """The figure of :func:`plot_footprint`; fragment labels never overlap (:func:`separate_labels`)."""
    from spaceplan.core.regions import world_rings
    from spaceplan.station.deorbit import FRAGMENT_BALLISTIC, POINT_NEMO

    fig, ax = _figure(8.0, 5.0)
    for ring in world_rings():
        ax.plot(ring[:, 0], ring[:, 1], color="0.5", lw=0.5)
    ax.plot(plan.footprint_lon_deg, plan.footprint_lat_deg, "-", color="tab:red", lw=2, alpha=0.5)
    labels = []
    for b, la, lo in zip(FRAGMENT_BALLISTIC, plan.footprint_lat_deg, plan.footprint_lon_deg):
        ax.plot(lo, la, "o", color="tab:red")
        labels.append(ax.annotate(f"{b:g} kg/m²", (lo, la), textcoords="offset points", xytext=(6, 6), fontsize=8,
                                  arrowprops={"arrowstyle": "-", "color": "0.4", "lw": 0.5}))
    ax.plot(POINT_NEMO[1], POINT_NEMO[0], "k*", ms=12, label="Point Nemo")
    ax.set_xlim(-180, -60)
    ax.set_ylim(-70, 0)
    ax.set_xlabel("longitude, deg")
    ax.set_ylabel("latitude, deg")
    ax.set_title(f"{plan.station} deorbit: ballistic spread at 70 km {plan.ballistic_spread_km:,.0f} km "
                 "(one break-up point)")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left")
    fig.tight_layout()
    separate_labels(fig, labels)
    return fig


def separate_labels(fig, labels, gap_pt: float = 2.0) -> None:
    """Move annotation texts (offset in points from their anchors) down, one after another in order of their
    anchors' height, until no two text boxes overlap; a leader line keeps each tied to its point."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    to_px = fig.dpi / 72.0
    placed = []

    def text_box(a):  # the text alone (an Annotation's own extent includes its leader line)
        return Text.get_window_extent(a, renderer)

    for a in sorted(labels, key=lambda t: -t.xy[1]):
        for _ in range(200):
            box = text_box(a)
            clash = [p for p in placed if box.overlaps(p)]
            if not clash:
                break
            drop = box.y1 - min(p.y0 for p in clash) + gap_pt * to_px  # pixels to move below the clash
            x, y = a.xyann
            a.xyann = (x, y - drop / to_px)
        placed.append(text_box(a))


def plot_funnel(scores: list, path: str, title: str = "Reentry forecasts against the actual reentry") -> None:
    """Error funnel: forecast error (days, nominal - actual) against lead time, one line per object, with the
    5-95 % windows as bars and the IADC +-20-25 % of remaining lifetime as a shaded band."""
    import matplotlib.pyplot as plt

    from spaceplan.station.reentry_score import RULE_OF_THUMB

    fig, ax = _figure(8.0, 5.0)
    leads = np.linspace(0.5, 32.0, 100)
    ax.fill_between(leads, -RULE_OF_THUMB[1] * leads, RULE_OF_THUMB[1] * leads, color="0.85",
                    label=f"IADC +-{RULE_OF_THUMB[0]:.0%}-{RULE_OF_THUMB[1]:.0%} of remaining lifetime")
    ax.fill_between(leads, -RULE_OF_THUMB[0] * leads, RULE_OF_THUMB[0] * leads, color="0.75")
    for k, s in enumerate(scores):
        if not s.scored:
            continue
        color = plt.cm.tab10(k % 10)
        x = np.array([r.remaining_days for r in s.scored])
        err = np.array([r.error_days for r in s.scored])
        lo = np.array([(r.forecast.early_tdb - s.actual_tdb) / 86400.0 for r in s.scored])
        hi = np.array([(r.forecast.late_tdb - s.actual_tdb) / 86400.0 for r in s.scored])
        x_shift = x * (1.0 + 0.015 * (k - len(scores) / 2))
        ax.errorbar(x_shift, err, yerr=[err - lo, hi - err], fmt="o-", color=color, ms=4, capsize=2, lw=1,
                    label=s.name)
    ax.axhline(0.0, color="k", lw=0.8)
    ax.set_xscale("log")
    ax.set_xlabel("remaining lifetime at the last element set used, days")
    ax.set_ylabel("forecast - actual reentry, days")
    ax.set_title(title)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
