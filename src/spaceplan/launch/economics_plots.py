"""Figure: cost per kg to orbit against flights per first stage, several vehicles."""

from __future__ import annotations

from pathlib import Path


def plot_cost_per_kg(breakdowns, path: str | Path, title: str | None = None) -> Path:
    """Cost per kg (recovered, solid; expendable, dashed) vs flights per stage; break-even marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    items = breakdowns if isinstance(breakdowns, (list, tuple)) else [breakdowns]
    fig, ax = plt.subplots(figsize=(9, 5.5))
    for i, b in enumerate(items):
        color = f"C{i}"
        name = f"{b.model.name} ({b.mode}, {b.model.payload_kg[b.mode] / 1000:.1f} t)"
        ax.plot(b.flights, b.cost_per_kg_usd, "o-", ms=3, color=color, label=f"{name} recovered")
        ax.axhline(b.expendable_cost_per_kg_usd, color=color, ls="--", lw=1,
                   label=f"{b.model.name} expendable ({b.model.payload_kg['expendable'] / 1000:.1f} t)")
        if b.model.price_usd:
            ax.axhline(b.model.price_usd / b.model.payload_kg[b.mode], color=color, ls=":", lw=1,
                       label=f"{b.model.name} list price / payload")
        if b.break_even_flights is not None:
            k = list(b.flights).index(b.break_even_flights)
            ax.plot(b.break_even_flights, b.cost_per_kg_usd[k], "*", ms=14, color=color)
            ax.annotate(f"break-even: {b.break_even_flights} flights", (b.break_even_flights, b.cost_per_kg_usd[k]),
                        textcoords="offset points", xytext=(8, 8), fontsize=8, color=color)
    ax.set_xlabel("flights per first stage")
    ax.set_ylabel("cost per kg to orbit (USD/kg)")
    ax.set_title(title or "Reuse economics: cost per kg vs flights per stage (estimates, see presets)")
    ax.grid(alpha=0.3)
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
