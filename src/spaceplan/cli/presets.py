"""``spaceplan presets [KIND]``: every real-world thing the registry knows, with its source."""

from __future__ import annotations

from typing import Optional

import typer

from spaceplan.cli._common import JSON_HELP, emit_json, stdout, table


def presets(
    kind: Optional[str] = typer.Argument(None, help="A preset kind (vehicles, constellations, cities, launch_sites, "
                                                    "stations, thrusters, ...); all kinds when omitted."),
    json_out: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List the presets (name, aliases, display name, source, file) of one kind or of every kind."""
    from spaceplan.core import registry

    kinds = registry.kinds() if kind is None else [kind]
    found = {k: registry.entries(k) for k in kinds}
    if json_out:
        emit_json({"presets": [p.to_dict() for k in kinds for p in found[k]]})
        return
    if kind is None:
        stdout.print(table("Preset kinds (spaceplan presets KIND lists one)", ["kind", "presets", "packages"],
                           [[k, len(v), ", ".join(sorted({p.package for p in v}))] for k, v in found.items()]))
        return
    for k, entries in found.items():
        rows = [[p.name, ", ".join(p.aliases), p.title, p.source, p.path] for p in entries]
        k = entries[0].kind if entries else k
        stdout.print(table(f"{k} ({len(rows)} presets; names match in any case or punctuation)",
                           ["name", "aliases", "title", "source", "file"], rows))


def register(app: typer.Typer) -> None:
    app.command("presets")(presets)
