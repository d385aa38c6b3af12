"""Figures of a powered-descent solution: trajectory with thrust vectors, throttle and mass."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def plot_landing(solution, path: str | Path, title: str | None = None) -> Path:
    """Trajectory in the vertical plane (downrange, altitude) and ground track, thrust arrows,
    throttle and mass against time.  ``solution`` is a LandingSolution (or a sequence of them,
    drawn on the same axes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sols = solution if isinstance(solution, (list, tuple)) else [solution]
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    ax_tr, ax_gt, ax_th, ax_m = axes.ravel()
    for i, s in enumerate(sols):
        color = f"C{i}"
        label = f"{s.problem.name}: {s.mode.replace('_', ' ')}, {s.propellant_kg:.1f} kg, t_f {s.tf_s:.1f} s"
        horiz = np.hypot(s.r[:, 1], s.r[:, 2])
        down = s.r[:, 2] if np.ptp(s.r[:, 1]) < 1e-6 else np.sign(s.r[:, 2] + 1e-12) * horiz
        ax_tr.plot(down, s.r[:, 0], "-", color=color, label=label)
        tn = np.linalg.norm(s.thrust, axis=1)
        scale = 0.08 * max(np.ptp(s.r[:, 0]), np.ptp(down), 1.0) / max(tn.max(), 1e-9)
        tdown = s.thrust[:, 2] if np.ptp(s.r[:, 1]) < 1e-6 else (
            (s.thrust[:, 1] * s.r[:-1, 1] + s.thrust[:, 2] * s.r[:-1, 2]) / np.maximum(horiz[:-1], 1e-9)
            * np.sign(s.r[:-1, 2] + 1e-12))
        step = max(1, len(tn) // 20)
        ax_tr.quiver(down[:-1:step], s.r[:-1:step, 0], tdown[::step] * scale, s.thrust[::step, 0] * scale,
                     angles="xy", scale_units="xy", scale=1, color=color, alpha=0.6, width=0.003)
        ax_gt.plot(s.r[:, 2], s.r[:, 1], "-", color=color)
        ax_gt.plot(s.r[-1, 2], s.r[-1, 1], "o", color=color)
        tc = np.repeat(s.t, 2)[1:-1]
        ax_th.plot(tc, np.repeat(s.throttle, 2), color=color,
                   label=f"{s.problem.name} (lossless: {'yes' if s.lossless else 'no'})")
        ax_m.plot(s.t, s.m, color=color)
        p = s.problem
        ax_th.axhline(p.rho1 / p.rho2, color="gray", ls=":", lw=0.8)
        ax_m.axhline(p.m_dry, color="gray", ls=":", lw=0.8)
    p = sols[0].problem
    if p.glide_slope_deg is not None:
        xmax = max(abs(ax_tr.get_xlim()[0]), abs(ax_tr.get_xlim()[1]))
        x = np.linspace(-xmax, xmax, 3)
        ax_tr.plot(x, np.abs(x) * np.tan(np.radians(90 - p.glide_slope_deg)), "k--", lw=0.8,
                   label=f"glide slope {90 - p.glide_slope_deg:g} deg (apex at target)")
    ax_tr.plot(0, 0, "k*", ms=12, label="target")
    ax_tr.set_xlabel("downrange (m)")
    ax_tr.set_ylabel("altitude (m)")
    ax_tr.set_title("trajectory and thrust vectors")
    ax_tr.legend(fontsize=7, loc="upper left")
    ax_tr.set_ylim(bottom=-50)
    ax_gt.plot(0, 0, "k*", ms=12)
    ax_gt.set_xlabel("e3, downrange (m)")
    ax_gt.set_ylabel("e2, cross-range (m)")
    ax_gt.set_title("ground track (o = landing point, * = target)")
    ax_th.set_xlabel("time (s)")
    ax_th.set_ylabel("||T|| / upper thrust bound")
    ax_th.set_ylim(0, 1.1)
    ax_th.set_title("thrust magnitude (dotted: minimum)")
    ax_th.legend(fontsize=7)
    ax_m.set_xlabel("time (s)")
    ax_m.set_ylabel("mass (kg)")
    ax_m.set_title("mass (dotted: dry mass)")
    for ax in axes.ravel():
        ax.grid(alpha=0.3)
    fig.suptitle(title or "Fuel-optimal powered descent (lossless convexification)")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
