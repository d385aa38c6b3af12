"""The ledger as the report's front page: one Markdown table, the fields each verdict read, tornado figures.

Links to the sections are written ``[title](#section:NAME)``; the report writers replace ``#section:NAME`` with the
section's anchor (:func:`resolve_links`).
"""

from __future__ import annotations

import re
from typing import Any

TITLE = "Claims ledger: what was said, the verdict, the number, the margin and what would flip it"
_VERDICT = {"consistent": "**consistent**", "inconsistent": "**inconsistent**", "depends": "**depends**"}


def _cell(text: Any) -> str:
    return str(text).replace("|", "/").replace("\n", " ").strip() or "-"


def _number(c: dict) -> str:
    from spaceplan.study.claims.verdict import with_unit

    q = c["quantity"]
    if q is None:
        return "-"
    return q if isinstance(q, str) else with_unit(q, c["unit"])


def ledger_markdown(ledger: dict, titles: dict[str, str]) -> str:
    """The ledger table and the fields behind each verdict, from ``Ledger.to_dict()``; ``titles``: section titles."""
    counts = ", ".join(f"{n} {v}" for v, n in sorted(ledger["counts"].items()))
    sens = ("What flips it: each declared assumption swept one at a time over its plausible range (section results "
            "recomputed through the sweep engine, " + ledger["executor"] + "), the flip point bisected"
            if ledger["sensitivity"] else "What flips it: not evaluated (sensitivity off)")
    lines = [f"{len(ledger['claims'])} claims: {counts}.  A verdict is *consistent* or *inconsistent* at this "
             "scenario's values, *depends* when an assumption flips it inside its plausible range (the verdict at "
             "the scenario's values in brackets), *not checkable* when physics cannot test it.  Margins are in the "
             f"claim's own units.  {sens}.", "",
             "| # | claim | source | verdict | number | margin | what flips it | section |",
             "|---|---|---|---|---|---|---|---|"]
    for c in ledger["claims"]:
        verdict = _VERDICT.get(c["verdict"], c["verdict"])
        if c["verdict"] == "depends":
            verdict += f" ({c['at_base']} here)"
        margin = c["margin_text"] or c["note"]
        sections = [s for s in dict.fromkeys([c["section"]] + [r["field"].split(":")[0] for r in c["reads"].values()])
                    if s]
        link = ", ".join(f"[{titles[s]}](#section:{s})" if s in titles else s for s in sections)
        lines.append(f"| {c['number'] if c['number'] is not None else c['id']} | \"{_cell(c['quote'])}\" "
                     f"({_cell(c['who'])}) | {_cell(c['outlet'])}, {_cell(c['date'])} | {verdict} | {_cell(_number(c))} "
                     f"| {_cell(margin)} | {_cell(c['what_flips'])} | {link or '-'} |")
    lines += ["", "Fields behind each verdict (`section:path` = value read from the section's result):", ""]
    for c in ledger["claims"]:
        if not c["reads"]:
            continue
        reads = "; ".join(f"`{r['field']}` = {_show(r['value'])}" for r in c["reads"].values())
        implies = f" Implies: {c['implies']}." if c["implies"] else ""
        lines.append(f"- *{c['id']}*: {reads}.{implies}")
    return "\n".join(lines)


def _show(v: Any) -> str:
    from spaceplan.study.claims.verdict import fmt

    return fmt(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def resolve_links(markdown: str, anchors: dict[str, str]) -> str:
    """``(#section:NAME)`` -> ``(#anchor)`` (unknown names: the link text alone)."""
    def one(m):
        name = m.group(2)
        return f"[{m.group(1)}](#{anchors[name]})" if name in anchors else m.group(1)

    return re.sub(r"\[([^\]]+)\]\(#section:([a-z0-9_]+)\)", one, markdown)


def tornado_figures(ledger: dict, ctx) -> tuple[str, ...]:
    """One tornado figure per claim whose assumptions were swept (PNG and SVG through ``ctx.save_figure``)."""
    from spaceplan.study.claims.plots import plot_tornado

    out = []
    for c in ledger["claims"]:
        if any(m is not None for f in c["flips"] for m in (p["margin"] for p in f["points"])):
            out.append(ctx.save_figure(f"claims_tornado_{c['id'].replace('-', '_')}", plot_tornado, c))
    return tuple(out)


def render_ledger(ledger, ctx, titles: dict[str, str]):
    """The ledger as a :class:`~spaceplan.study.runner.SectionResult` (data: ``Ledger.to_dict()``)."""
    from spaceplan.core.results import jsonable
    from spaceplan.study.runner import SectionResult

    data = jsonable(ledger.to_dict())
    figures = tornado_figures(data, ctx)
    return SectionResult(TITLE, ledger_markdown(data, titles), data, figures)
