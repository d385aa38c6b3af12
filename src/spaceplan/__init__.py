"""spaceplan: turn claims about space programs into numbers from physics and real data.

The public face is :mod:`spaceplan.api`, re-exported here: ``import spaceplan as sp; sp.windows("earth", "mars")``.
Its names are loaded on first use (PEP 562), so ``import spaceplan`` and the CLI's ``--help`` stay fast.
Units in code are SI (m, s, kg, rad) and epochs are TDB seconds past J2000; display units appear only at the
CLI, API-string and report edge.
"""

from spaceplan.core.errors import SpaceplanError

__version__ = "0.1.0"

_API = ("windows", "porkchop", "round_trips", "crew_dose", "dose", "orbit_dose", "load_constellation", "coverage",
        "latency", "deployment", "capacity", "export_elements", "payload", "landing", "reuse_costs", "edelbaum",
        "spiral", "transfer", "compare_propulsion", "illumination", "power_sizing", "decay", "reboost", "deorbit",
        "reentry", "reentry_score", "lifetime_grid", "starship_campaign", "mars_architectures", "moon_landing",
        "run_study", "run_sweep", "check_claims")
__all__ = ["SpaceplanError", "__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from spaceplan import api

        return getattr(api, name)
    raise AttributeError(f"module 'spaceplan' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
