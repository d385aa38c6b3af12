"""Satellite constellations: Walker shells, presets, coverage (and, from the catalog helper,
TLE/OMM catalogs, latency, capacity and deployment)."""

from spaceplan.constellation.shells import (
    Constellation,
    WalkerShell,
    ecef_chunks,
    list_presets,
    load_constellation,
    positions_eci,
    shell_elements,
    velocities_eci,
)

__all__ = [
    "Constellation",
    "WalkerShell",
    "ecef_chunks",
    "list_presets",
    "load_constellation",
    "positions_eci",
    "shell_elements",
    "velocities_eci",
]
