"""Trapped protons and electrons (Van Allen belts): AE-8/AP-8 via ``radbelt`` (IGRF L-shell)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def radbelt_module():
    """``radbelt`` with astropy's IERS auto-download switched off (the stale-IERS trap, FIELD-NOTES).

    radbelt imports ``astropy.units`` only; spaceplan never passes it astropy times or frames (it calls the
    Fortran ``igrf``/``aep8`` wrappers with plain decimal years and geodetic coordinates), but astropy's
    IERS table goes stale 30 days after its release and would then try to download if anything asked it
    for UT1: the switch below makes that impossible.
    """
    from astropy.utils import iers

    iers.conf.auto_download = False
    iers.conf.auto_max_age = None
    import radbelt

    return radbelt
