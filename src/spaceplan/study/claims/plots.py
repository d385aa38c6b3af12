"""Tornado figure of one claim: its margin at each end of every declared assumption (one at a time).

Bars run from the margin at one end of the assumption's range to the margin at the other; the vertical line at the
scenario's margin is the verdict as computed, the red line at zero is where the verdict flips.  Margins are in the
claim's unit, positive = consistent.
"""

from __future__ import annotations


def plot_tornado(claim: dict, path) -> None:
    """``claim``: one entry of ``Ledger.to_dict()["claims"]``; the format follows ``path``'s suffix."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from spaceplan.study.claims.verdict import fmt

    rows = []
    for f in claim["flips"]:
        pts = [(p["value"], p["margin"]) for p in f["points"] if p["margin"] is not None]
        if not pts:
            continue
        lo, hi = min(m for _, m in pts), max(m for _, m in pts)
        ends = f"{fmt(pts[0][0])} … {fmt(pts[-1][0])}" if len(pts) > 1 else fmt(pts[0][0])
        label = f"{f['key'] or f['assumption']}\n({ends}{' ' + f['unit'] if f['unit'] else ''})"
        rows.append((label, lo, hi, pts, f["flip_at"] is not None))
    base = claim["margin"]
    unit = claim["unit"] or ("days" if claim["compare"] == "contains-date" else "")
    fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.7 * max(len(rows), 1)))
    for i, (label, lo, hi, pts, flips) in enumerate(rows):
        ax.barh(i, hi - lo, left=lo, height=0.5, color="#d9534f" if flips else "#5b8fc9", alpha=0.85)
        for v, m in (pts[0], pts[-1]):
            ax.annotate(fmt(v), (m, i), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=7)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=8)
    ax.axvline(0.0, color="#c9302c", linestyle="--", linewidth=1.2, label="verdict flips")
    if base is not None:
        ax.axvline(base, color="#222", linewidth=1.0, label="this scenario")
    ax.set_xlabel(f"margin ({unit}; > 0 consistent)" if unit else "margin (> 0 consistent)")
    ax.set_title(f"Claim {claim['number'] if claim['number'] is not None else claim['id']}: {claim['id']} "
                 f"({claim['verdict']})", fontsize=10)
    ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
    ax.legend(fontsize=7, loc="best")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
