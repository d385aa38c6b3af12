"""Load the TOML presets bundled with spaceplan.radiation (cached, read-only)."""

from __future__ import annotations

import functools
import importlib.resources
import tomllib
from typing import Any


@functools.lru_cache(maxsize=None)
def preset(name: str) -> dict[str, Any]:
    """The parsed contents of ``presets/<name>.toml``."""
    text = importlib.resources.files("spaceplan.radiation").joinpath("presets").joinpath(f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)
