"""An offline Cesium viewer for a CZML scene: a folder with CesiumJS, its bundled imagery and the scene.

CesiumJS (Apache-2.0, the npm package ``cesium``) ships NaturalEarthII imagery tiles (zoom 0-2, 0.6 MB)
in ``Build/Cesium/Assets/Textures/NaturalEarthII``; the page uses them as its only imagery layer, with
the ellipsoid as terrain and no geocoder or layer picker, so nothing is fetched from the network.
spaceplan does not vendor CesiumJS (14 MB): :func:`build_viewer` copies it from an npm package the user
fetched once (``npm pack cesium@1.145.0`` gives ``cesium-1.145.0.tgz``; the unpacked ``package`` folder
works too).  Browsers refuse module workers and tile requests from ``file://`` pages, so the folder is
served over loopback: ``python -m http.server -d FOLDER 8000 --bind 127.0.0.1``, then open
http://127.0.0.1:8000/.  Checked here with headless Chromium: imagery, paths and labels draw, no request
leaves the machine.
"""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from spaceplan.core.errors import InputError

__all__ = ["build_viewer", "page"]

_SKIP = ("index.js", "index.cjs")  # the ES-module/CommonJS entry points: Cesium.js (IIFE) is used

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<script src="Cesium/Cesium.js"></script>
<link rel="stylesheet" href="Cesium/Widgets/widgets.css">
<style>html, body, #viewer {{ width: 100%; height: 100%; margin: 0; padding: 0; overflow: hidden; }}</style>
</head><body><div id="viewer"></div>
<script>
// offline: the NaturalEarthII tiles shipped with CesiumJS, ellipsoid terrain, no ion services
const viewer = new Cesium.Viewer("viewer", {{
  baseLayer: Cesium.ImageryLayer.fromProviderAsync(
    Cesium.TileMapServiceImageryProvider.fromUrl(Cesium.buildModuleUrl("Assets/Textures/NaturalEarthII"))),
  baseLayerPicker: false, geocoder: false, navigationHelpButton: false, shouldAnimate: true,
}});
fetch("scene.czml").then((r) => r.json()).then((czml) => Cesium.CzmlDataSource.load(czml)).then((source) => {{
  viewer.dataSources.add(source);
  viewer.zoomTo(source);
  document.body.dataset.entities = String(source.entities.values.length);
}}).catch((error) => {{ document.body.dataset.error = String(error); }});
</script></body></html>
"""


def page(title: str) -> str:
    """The viewer's index.html."""
    from xml.sax.saxutils import escape

    return _PAGE.format(title=escape(title))


def _cesium_build(source: Path, work: Path) -> Path:
    """The ``Build/Cesium`` folder of an npm ``cesium`` package (.tgz or unpacked folder)."""
    if source.is_file():
        try:
            with tarfile.open(source) as tar:
                members = [m for m in tar.getmembers() if m.name.startswith("package/Build/Cesium/")
                           and ".." not in Path(m.name).parts and (m.isfile() or m.isdir())]
                tar.extractall(work, members=members, filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise InputError("--cesium", f"cannot read {str(source)!r}: {exc}", "the .tgz of 'npm pack cesium'") from None
        source = work / "package"
    for candidate in (source / "Build" / "Cesium", source / "package" / "Build" / "Cesium", source):
        if (candidate / "Cesium.js").is_file() and (candidate / "Assets" / "Textures" / "NaturalEarthII").is_dir():
            return candidate
    raise InputError("--cesium", f"{str(source)!r} holds no Build/Cesium/Cesium.js with its NaturalEarthII tiles",
                     "an npm 'cesium' package (.tgz from 'npm pack cesium@1.145.0', or its unpacked folder)")


def build_viewer(czml_text: str, cesium_package, out_dir, title: str | None = None) -> Path:
    """Write ``out_dir`` = index.html + scene.czml + Cesium/ (copied from ``cesium_package``); returns it."""
    source = Path(cesium_package).expanduser()
    if not source.exists():
        raise InputError("--cesium", f"no such file or folder {str(source)!r}",
                         "the .tgz of 'npm pack cesium@1.145.0' or its unpacked folder")
    doc = json.loads(czml_text)
    title = title or (doc[0].get("name") if doc and isinstance(doc[0], dict) else None) or "spaceplan scene"
    out = Path(out_dir).expanduser()
    with tempfile.TemporaryDirectory(prefix="spaceplan-cesium-") as work:
        build = _cesium_build(source, Path(work))
        out.mkdir(parents=True, exist_ok=True)
        target = out / "Cesium"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(build, target, ignore=shutil.ignore_patterns(*_SKIP))
    (out / "scene.czml").write_text(czml_text, encoding="utf-8")
    (out / "index.html").write_text(page(title), encoding="utf-8")
    return out
