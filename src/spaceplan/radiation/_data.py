"""The radiation domain's model presets, read through the one registry (kind ``radiation_models``).

Each file ``presets/radiation_models/<name>.toml`` (gcr, gcr_iso15390, environments, spe, limits, belts)
is one preset; every number carries its source in a comment.
"""

from __future__ import annotations

from typing import Any

from spaceplan.core import registry

KIND = "radiation_models"


def preset(name: str) -> dict[str, Any]:
    """The parsed contents of ``presets/radiation_models/<name>.toml`` (through :mod:`spaceplan.core.registry`)."""
    return registry.load(KIND, name).data
