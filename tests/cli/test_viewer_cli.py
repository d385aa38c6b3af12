"""``spaceplan viewer``: an offline Cesium folder for a CZML scene.

Needs the npm ``cesium`` package on disk (tests never download): set SPACEPLAN_CESIUM_PACKAGE to the
.tgz of ``npm pack cesium@1.145.0`` (or its unpacked folder).  With Chromium installed, the page is also
loaded headless over loopback and must build every entity of the scene.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spaceplan.cli import app
from spaceplan.core.czml import document, point_packet, track_packet

CESIUM = os.environ.get("SPACEPLAN_CESIUM_PACKAGE")
runner = CliRunner()


def test_viewer_refuses_a_missing_package(tmp_path):
    scene = tmp_path / "s.czml"
    scene.write_text(document("s", 0.0, 60.0, [point_packet("p", "p", 0.0, 0.0)]))
    result = runner.invoke(app, ["viewer", str(scene), "--cesium", str(tmp_path / "none.tgz"), "--out",
                                 str(tmp_path / "v")])
    assert result.exit_code != 0 and "--cesium" in str(result.exception or result.output)


@pytest.mark.skipif(not CESIUM, reason="SPACEPLAN_CESIUM_PACKAGE not set (npm pack cesium@1.145.0)")
def test_viewer_folder_loads_offline(tmp_path):
    scene = tmp_path / "scene.czml"
    packets = [track_packet("t", "track", [0.0, 10.0, 20.0], [0.0, 20.0, 40.0]), point_packet("p", "Nemo", -48.9, -123.4)]
    scene.write_text(document("test scene", 0.0, 600.0, packets))
    out = tmp_path / "viewer"
    result = runner.invoke(app, ["viewer", str(scene), "--cesium", CESIUM, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "Cesium" / "Cesium.js").is_file() and (out / "Cesium/Assets/Textures/NaturalEarthII").is_dir()
    assert json.loads((out / "scene.czml").read_text())[0]["id"] == "document"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        pytest.skip("no chromium: folder checked, page not loaded")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--use-gl=swiftshader",
                              "--enable-unsafe-swiftshader", "--virtual-time-budget=20000", "--dump-dom",
                              f"http://127.0.0.1:{server.server_address[1]}/index.html"],
                             capture_output=True, text=True, timeout=180).stdout
    finally:
        server.shutdown()
    assert 'data-entities="2"' in dom
