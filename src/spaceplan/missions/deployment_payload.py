"""A constellation launcher's payload for the orbit it actually flies: the launch domain's ascent model applied
to the constellation domain's deployment data.

A launcher's deployment table (``[deployment]`` in a launch vehicle preset) quotes one payload for one reference
orbit and site (Angara-A5: 24,500 kg to 200 km at 63 deg from Plesetsk, Khrunichev).  A constellation shell at
another inclination costs or gains the Earth's rotation: from latitude phi the orbit's inertial velocity at the
site has an eastward component v cos(i) / cos(phi), and the launcher must supply the velocity relative to the
rotating ground,

    v_rel = sqrt((v cos i / cos phi - omega R cos phi)^2 + v^2 (1 - cos^2 i / cos^2 phi)),

about 270 m/s more for 97.5 deg than for 63 deg from Plesetsk (62.9 N).  The payload for the shell is the quoted
one scaled by the ratio the ascent model gives for the two orbits from the same site,

    m(shell) = m_quoted x m_model(shell) / m_model(reference),

so the quoted figure anchors the level and the model (:func:`spaceplan.launch.payload.optimize_payload`) the
change with inclination.  Launchers without a reference orbit and site in their table keep the quoted payload
(the result says so).
"""

from __future__ import annotations

import dataclasses
import functools
import math

from spaceplan.core.constants import EARTH_GM, EARTH_RADIUS, EARTH_ROTATION_RATE


def rotation_penalty_m_s(latitude_deg: float, inclination_deg: float, altitude_m: float,
                         reference_inclination_deg: float) -> float:
    """Extra velocity (m/s) relative to the rotating Earth needed for ``inclination_deg`` over the reference
    inclination, for a circular orbit at ``altitude_m`` launched from ``latitude_deg`` (module docstring)."""
    phi = math.radians(latitude_deg)
    v = math.sqrt(EARTH_GM / (EARTH_RADIUS + altitude_m))
    v_ground = EARTH_ROTATION_RATE * EARTH_RADIUS * math.cos(phi)

    def relative(inc_deg: float) -> float:
        east = v * math.cos(math.radians(inc_deg)) / math.cos(phi)
        if abs(east) > v:
            raise ValueError(f"inclination {inc_deg:g} deg is not reachable from latitude {latitude_deg:g} deg")
        return math.hypot(east - v_ground, math.sqrt(v * v - east * east))

    return relative(inclination_deg) - relative(reference_inclination_deg)


@functools.lru_cache(maxsize=32)
def _model_payload(vehicle: str, altitude_km: float, inclination_deg: float, site: str) -> float:
    from spaceplan.launch.ascent import parse_orbit
    from spaceplan.launch.payload import optimize_payload

    return optimize_payload(vehicle, parse_orbit(f"{altitude_km:g}x{altitude_km:g}", inclination_deg), site).payload_kg


def launcher_for_shell(launcher, inclination_deg: float):
    """``(launcher, note)``: the deployment ``launcher`` (:class:`spaceplan.constellation.deployment.Launcher` or a
    preset name) with its payload for ``inclination_deg`` from its own site (the basis in its ``source``), and a
    note for the report when the payload could not be adapted (else ``None``).

    Unchanged when its ``[deployment]`` table gives no ``reference_inclination_deg`` and ``site``, and when the
    inclination cannot be reached by a direct ascent from the site (a dog-leg is not modelled): then the quoted,
    optimistic payload is kept and the note says so.
    """
    from spaceplan.constellation.deployment import Launcher, load_launcher
    from spaceplan.core import registry
    from spaceplan.core.errors import ImpossibleOrbitError

    lv = launcher if isinstance(launcher, Launcher) else load_launcher(launcher)
    table = registry.load("vehicles", lv.key, table="deployment").table("deployment")
    ref_inc, site = table.get("reference_inclination_deg"), table.get("site")
    if ref_inc is None or site is None or abs(float(ref_inc) - inclination_deg) < 1e-9:
        return lv, None
    alt_km = lv.insertion_altitude_m / 1e3
    try:
        ratio = _model_payload(lv.key, alt_km, inclination_deg, str(site)) / _model_payload(
            lv.key, alt_km, float(ref_inc), str(site))
    except ImpossibleOrbitError:
        return lv, (f"{inclination_deg:g} deg is not reachable by a direct ascent from {site} (a dog-leg is not "
                    f"modelled): {lv.name}'s payload quoted for {float(ref_inc):g} deg is kept, an optimistic figure")
    payload = lv.payload_kg * ratio
    basis = (f"{lv.payload_kg:,.0f} kg quoted for {alt_km:g} km at {float(ref_inc):g} deg from {site}, x {ratio:.3f} "
             f"(spaceplan.launch ascent model, {inclination_deg:g} deg vs {float(ref_inc):g} deg from the same site) = "
             f"{payload:,.0f} kg")
    return dataclasses.replace(lv, payload_kg=payload, source=f"{lv.source}; {basis}"), None
