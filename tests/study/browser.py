"""Headless Chromium for the HTML report test: find or install Debian's ``chromium``, load a page, report.

Flags as known to work on these machines (no sandbox as root, no GPU, no background networking, a fresh
profile).  The page is loaded from a copy with two small scripts: one first in the page that records
``console.error`` calls and error events (script errors, resources that fail to load), one last that after
the load event writes how many images there are, how many decoded (``complete && naturalWidth > 0``) and
the recorded errors into the DOM, which ``--dump-dom`` prints.  Every console message of the page also
reaches ``--enable-logging=stderr --v=0`` as an ``INFO:CONSOLE`` line (without its level): the report has
no scripts of its own, so any such line counts as an error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
_HOOK = """<script>
window.__errors = [];
(function () { var e = console.error; console.error = function () {
  window.__errors.push(Array.prototype.join.call(arguments, ' ')); e.apply(console, arguments); }; })();
window.addEventListener('error', function (ev) {
  window.__errors.push(ev.message || ('failed to load ' + String(ev.target && (ev.target.src || ev.target.href)).slice(0, 60)));
}, true);
</script>"""
_PROBE = """<script>
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.images);
  var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  var d = document.createElement('div'); d.id = 'spaceplan-probe';
  d.setAttribute('data-images', imgs.length); d.setAttribute('data-loaded', ok);
  d.textContent = window.__errors.join(' || ');
  document.body.appendChild(d);
});
</script>"""


def find_or_install() -> tuple[str | None, str]:
    """Path of chromium, installing it with apt-get when missing and possible; else (None, why)."""
    exe = shutil.which("chromium")
    if exe:
        return exe, ""
    if not shutil.which("apt-get"):
        return None, "chromium is not installed and apt-get is not available"
    if os.geteuid() != 0:
        return None, "chromium is not installed and installing it needs root (apt-get install -y chromium)"
    import fcntl

    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    lock = ["-o", "DPkg::Lock::Timeout=300"]
    # one installer at a time across pytest-xdist workers; the others wait and then find the binary
    with open(os.path.join(tempfile.gettempdir(), "spaceplan-chromium-install.lock"), "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if not shutil.which("chromium"):
            try:
                subprocess.run(["apt-get", *lock, "update", "-qq"], env=env, timeout=600, capture_output=True,
                               check=True)
                subprocess.run(["apt-get", *lock, "install", "-y", "-qq", "chromium"], env=env, timeout=900,
                               capture_output=True, check=True)
            except (subprocess.SubprocessError, OSError) as exc:
                return None, f"apt-get install chromium failed: {exc}"
    exe = shutil.which("chromium")
    return (exe, "") if exe else (None, "apt-get install chromium did not provide a chromium binary")


@dataclass
class PageCheck:
    images: int
    images_loaded: int
    console_errors: list[str]
    non_white_fraction: float
    distinct_colours: int


def _chromium(exe: str, args: list[str], timeout: float = 120.0) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                              timeout=timeout)


def check_page(exe: str, page: Path, work: Path) -> PageCheck:
    """Load ``page`` (a copy with the probe script), dump its DOM and take a screenshot."""
    import re

    import matplotlib.image as mpimg
    import numpy as np

    probe = work / f"probe_{page.name}"
    text = page.read_text()
    text = re.sub(r"(<head[^>]*>|<body[^>]*>)", lambda m: m.group(1) + _HOOK, text, count=1)
    probe.write_text(text.replace("</body>", _PROBE + "</body>") if "</body>" in text else text + _PROBE)
    dom = _chromium(exe, ["--virtual-time-budget=10000", "--dump-dom", probe.as_uri()])
    found = re.search(r'id="spaceplan-probe" data-images="(\d+)" data-loaded="(\d+)">([^<]*)<', dom.stdout)
    images, loaded = (int(found.group(1)), int(found.group(2))) if found else (-1, -1)
    console = [e for e in (found.group(3).split(" || ") if found else ["probe did not run"]) if e]
    console += [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    shot = work / f"{page.stem}.png"
    _chromium(exe, ["--window-size=1280,2400", f"--screenshot={shot}", page.as_uri()])
    pixels = mpimg.imread(shot)[..., :3]
    non_white = float(np.mean(np.any(pixels < 0.94, axis=-1)))
    colours = len(np.unique((pixels * 255).astype(np.uint8).reshape(-1, 3)[::7], axis=0))
    return PageCheck(images, loaded, console, non_white, colours)
