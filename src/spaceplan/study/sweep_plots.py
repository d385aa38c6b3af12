"""Summary figure of a sweep: the objective over the first two parameters (mean over the others)."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def _label(path: str) -> str:
    return path.split(".", 1)[-1].replace("_", " ")


def plot_sweep(rows: list[dict], parameters: list[str], objective: str, stem: Path) -> tuple[str, ...]:
    """Heat map (two or more parameters) or line (one) of ``objective``; writes ``stem``.png and .svg."""
    import matplotlib.pyplot as plt

    ok = [r for r in rows if not r.get("error") and isinstance(r.get(objective), (int, float))]
    fig, ax = plt.subplots(figsize=(7.5, 5.0), constrained_layout=True)
    if len(parameters) == 1:
        x = np.array([r[parameters[0]] for r in ok], float)
        y = np.array([r[objective] for r in ok], float)
        order = np.argsort(x)
        ax.plot(x[order], y[order], "o-")
        ax.set_xlabel(_label(parameters[0]))
        ax.set_ylabel(_label(objective))
    else:
        px, py = parameters[:2]
        xs = sorted({r[px] for r in ok})
        ys = sorted({r[py] for r in ok})
        grid = np.full((len(ys), len(xs)), np.nan)
        sums = np.zeros_like(grid)
        counts = np.zeros_like(grid)
        for r in ok:
            i, j = ys.index(r[py]), xs.index(r[px])
            sums[i, j] += r[objective]
            counts[i, j] += 1
        np.divide(sums, counts, out=grid, where=counts > 0)
        if len(xs) * len(ys) <= 400:  # a grid: one cell per value pair
            mesh = ax.imshow(grid, origin="lower", aspect="auto", cmap="viridis",
                             extent=(-0.5, len(xs) - 0.5, -0.5, len(ys) - 0.5))
            ax.set_xticks(range(len(xs)), [f"{v:g}" if isinstance(v, (int, float)) else str(v) for v in xs],
                          rotation=45 if len(xs) > 8 else 0)
            ax.set_yticks(range(len(ys)), [f"{v:g}" if isinstance(v, (int, float)) else str(v) for v in ys])
        else:  # scattered samples (Latin hypercube)
            mesh = ax.scatter([r[px] for r in ok], [r[py] for r in ok], c=[r[objective] for r in ok], cmap="viridis")
        fig.colorbar(mesh, ax=ax, label=_label(objective) + (" (mean over other parameters)" if len(parameters) > 2
                                                              else ""))
        ax.set_xlabel(_label(px))
        ax.set_ylabel(_label(py))
    ax.set_title(f"Sweep: {_label(objective)} ({len(ok)} of {len(rows)} points computed)")
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    out = []
    for ext in ("png", "svg"):
        path = stem.with_suffix(f".{ext}")
        fig.savefig(path, dpi=120)
        out.append(str(path))
    plt.close(fig)
    return tuple(out)
