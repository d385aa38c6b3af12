"""``spaceplan claims``: the claims ledger of a scenario, each claim with its verdict, margin and what flips it."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from spaceplan.cli._common import JSON_HELP, emit_json, progress, stdout, table


def register(app: typer.Typer) -> None:
    app.command("claims")(claims)


def claims(
    scenario: Optional[Path] = typer.Argument(None, help="Scenario TOML ([claims] settings, [[claim]] entries); the "
                                                         "bundled default study when omitted."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
    only: Optional[List[str]] = typer.Option(None, "--only", help="Only this claim id (repeatable)."),
    sensitivity: bool = typer.Option(True, "--sensitivity/--no-sensitivity",
                                     help="Sweep each declared assumption for what flips the verdict."),
    scheduler: str = typer.Option("serial", "--scheduler", help="'serial' (this process) or 'local' (a LocalCluster "
                                                                "for the sensitivities' recomputations)."),
    workers: int = typer.Option(2, "--workers", min=1, max=64, help="LocalCluster worker processes."),
) -> None:
    """Check the news claims (and the scenario's own) against the study's numbers: verdict, margin, what flips it."""
    from spaceplan.core.errors import InputError
    from spaceplan.study.claims import check_claims

    if scheduler not in ("serial", "local"):
        raise InputError("--scheduler", f"got {scheduler!r}", "serial, local")
    with progress("claims", enabled=not json_out) as update:
        tick = lambda name, done, total: update(done, total)  # noqa: E731
        if scheduler == "local":
            from spaceplan.study.sweep import local_client

            with local_client(workers) as client:
                ledger = check_claims(scenario, only=only, client=client, sensitivity=sensitivity, progress=tick)
        else:
            ledger = check_claims(scenario, only=only, sensitivity=sensitivity, progress=tick)
    if json_out:
        emit_json(ledger)
        return
    rows = []
    for e in ledger.entries:
        d = e.to_dict()
        verdict = e.verdict + (f" ({e.at_base} here)" if e.verdict == "depends" else "")
        rows.append([d["number"] if d["number"] is not None else "", e.claim.id, verdict,
                     e.margin_text or e.note, e.what_flips or "-"])
    stdout.print(table("Claims ledger", ["#", "Claim", "Verdict", "Margin", "What flips it"], rows))
    counts = ", ".join(f"{n} {v}" for v, n in sorted(ledger.counts().items()))
    stdout.print(f"{len(ledger.entries)} claims: {counts}; {ledger.recomputed} section recomputations "
                 f"({ledger.executor}), {ledger.wall_s:.1f} s")
