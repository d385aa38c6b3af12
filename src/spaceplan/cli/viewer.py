"""``spaceplan viewer``: an offline Cesium viewer folder for a CZML scene (see :mod:`spaceplan.core.viewer`)."""

from __future__ import annotations

import typer

from spaceplan.cli._common import check_output_path, stdout
from spaceplan.core.errors import InputError


def viewer(
    scene: str = typer.Argument(..., help="A CZML file written by a --czml option."),
    cesium: str = typer.Option(..., "--cesium", help="The npm 'cesium' package: the .tgz from "
                               "'npm pack cesium@1.145.0' or its unpacked folder (CesiumJS, Apache-2.0)."),
    out: str = typer.Option("viewer", "--out", help="Folder to write (index.html, scene.czml, Cesium/)."),
) -> None:
    """Build an offline Cesium viewer (NaturalEarthII imagery shipped with CesiumJS) for a CZML scene."""
    import json
    from pathlib import Path

    from spaceplan.core.viewer import build_viewer

    path = Path(scene)
    if not path.is_file():
        raise InputError("SCENE", f"no such file {scene!r}", "a CZML file")
    check_output_path("--out", out, "folder")
    text = path.read_text(encoding="utf-8")
    try:
        json.loads(text)
    except ValueError:
        raise InputError("SCENE", f"{scene!r} is not JSON", "a CZML file (a JSON array of packets)") from None
    folder = build_viewer(text, cesium, out)
    stdout.print(f"viewer written to {folder}; serve it offline with: python -m http.server -d {folder} 8000 "
                 "--bind 127.0.0.1  and open http://127.0.0.1:8000/")


def register(app: typer.Typer) -> None:
    app.command("viewer")(viewer)
