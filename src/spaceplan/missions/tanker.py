"""The propellant one tanker flight delivers to the refilling orbit, from the launch domain's ascent model.

A tanker carries its "payload" in its own main tanks: of a capacity M, it burns A on ascent, keeps a landing reserve
R (the preset's ``residual_kg``) and can transfer X = M - R - A.  Its lift-off mass does not depend on X, but the
ascent does: the ship stage has A + R of propellant and carries X as payload.  So X is the fixed point

    X = P(A = M - R - X)

where P(A) is the largest payload (:func:`spaceplan.launch.payload.optimize_payload`, guidance re-optimised) of the
launch vehicle whose ship stage is loaded with A + R.  P falls as X rises (less ascent propellant), so the secant
iteration on g(X) = P(M - R - X) - X converges in a few steps.  The booster keeps a return-to-launch-site reserve
computed once by :func:`spaceplan.launch.recovery.payload_with_recovery` for the vehicle with a first-guess load
(10 % of the capacity) (boost-back,
entry and landing burns from its separation state) and held fixed in the iteration (the separation state barely
moves: the lift-off mass is the same).  One evaluation is ~30 s (a recovery search and ~4 payload optimisations);
results are cached per process.

Dry masses follow the tanks (``tankage="lox-ch4"``, the default): the booster's and the tanker's dry mass are the
propulsion domain's stage mass model at their propellant capacity (:mod:`spaceplan.propulsion.stages`, for CH4/LOX
a calibration through Starship Block 2 and Super Heavy: fixed 45.5 t + 4.55 % of the propellant) plus what the
stage adds or lacks (``TANKER_ADDED_KG``: a tanker has no payload bay or doors).  Block 2 keeps the ~200 t / ~90 t
of its launch preset; Block 3's 3,650 t booster and 1,500 t tanker become 211.4 t and 103.6 t (the launch
preset's own assumptions: 230 t and 100 t).  ``tankage=None`` flies the launch preset's masses as they are.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass

from spaceplan.core.errors import ConvergenceError, ImpossibleOrbitError

BOOSTER_ADDED_KG = 0.0  # Super Heavy is one of the two stages the CH4/LOX calibration goes through
TANKER_ADDED_KG = -10_000.0  # assumption (as the Block 2 launch preset): a ship without payload bay and doors


@dataclass(frozen=True)
class TankerLoad:
    """Propellant a tanker flight transfers in the refilling orbit (kg), and how it was found."""

    vehicle: str
    key: str
    orbit_km: float
    inclination_deg: float
    site: str
    delivered_kg: float  # transferable propellant in orbit (landing reserve excluded)
    ascent_propellant_kg: float  # burnt by the ship stage on ascent
    landing_reserve_kg: float
    booster_reserve_kg: float  # Super Heavy's return-to-launch-site propellant
    capacity_kg: float
    published_low_kg: float
    published_high_kg: float
    iterations: int
    recovery: str = "rtls"
    booster_dry_kg: float = math.nan
    tanker_dry_kg: float = math.nan
    tankage: str = ""  # stage mass model the dry masses follow ("" = the launch preset's own)
    warnings: tuple = ()

    def to_dict(self) -> dict:
        return {"vehicle": self.vehicle, "key": self.key, "orbit_km": self.orbit_km,
                "inclination_deg": self.inclination_deg, "site": self.site, "delivered_t": self.delivered_kg / 1e3,
                "ascent_propellant_t": self.ascent_propellant_kg / 1e3,
                "landing_reserve_t": self.landing_reserve_kg / 1e3, "booster_reserve_t": self.booster_reserve_kg / 1e3,
                "capacity_t": self.capacity_kg / 1e3, "published_t": [self.published_low_kg / 1e3,
                                                                      self.published_high_kg / 1e3],
                "recovery": self.recovery, "iterations": self.iterations,
                "booster_dry_t": self.booster_dry_kg / 1e3, "tanker_dry_t": self.tanker_dry_kg / 1e3,
                "dry_masses": (f"{self.tankage} stage mass model (spaceplan.propulsion.stages)" if self.tankage
                               else "the launch preset's"), "warnings": list(self.warnings),
                "model": "spaceplan.launch ascent + payload optimisation; booster RTLS reserve from spaceplan.launch.recovery"}


def with_tankage(vehicle, propellant: str = "lox-ch4"):
    """``vehicle`` (booster + tanker launch preset) with the dry masses of its first and last stage from the
    propulsion domain's stage mass model of ``propellant`` at their capacity (module docstring), and the
    validity warnings of that model for those capacities."""
    from spaceplan.missions.ships import stage_mass_model, tankage_warnings

    model = stage_mass_model(propellant)
    first, last = vehicle.stages[0], vehicle.stages[-1]

    def dry(stage, added):
        return round(float(model.dry_mass_kg(stage.propellant_mass_kg)) + added, 3)

    stages = ((dataclasses.replace(first, dry_mass_kg=dry(first, BOOSTER_ADDED_KG)),) + vehicle.stages[1:-1]
              + (dataclasses.replace(last, dry_mass_kg=dry(last, TANKER_ADDED_KG)),))
    warns = tankage_warnings(model, first.propellant_mass_kg, first.name) + tankage_warnings(
        model, last.propellant_mass_kg, last.name)
    return dataclasses.replace(vehicle, stages=stages), warns


def _with_ship_load(vehicle, load_kg):
    ship = vehicle.stages[-1]
    return dataclasses.replace(vehicle, stages=vehicle.stages[:-1] + (dataclasses.replace(ship, propellant_mass_kg=load_kg),))


@functools.lru_cache(maxsize=16)
def tanker_load(vehicle: str = "starship-tanker-block2", orbit_km: float = 200.0, inclination_deg: float = 26.0,
                site: str = "boca-chica", recovery: str = "rtls", tol_kg: float = 50.0,
                tankage: str | None = "lox-ch4") -> TankerLoad:
    """Propellant one flight of launch preset ``vehicle`` (booster + tanker ship) delivers to a circular
    ``orbit_km`` orbit at ``inclination_deg`` from ``site`` (see the module docstring); ``tankage`` names the
    stage mass model the two stages' dry masses follow (None: the launch preset's)."""
    import numpy as np

    from spaceplan.launch.ascent import TargetOrbit
    from spaceplan.launch.payload import optimize_payload
    from spaceplan.launch.recovery import payload_with_recovery
    from spaceplan.launch.vehicles import load_vehicle

    v = load_vehicle(vehicle)
    warns = ()
    if tankage:
        v, warns = with_tankage(v, tankage)
    ship = v.stages[-1]
    cap, reserve_ship = ship.propellant_mass_kg, ship.residual_kg
    target = TargetOrbit(orbit_km * 1e3, orbit_km * 1e3, math.radians(inclination_deg))
    guess = 0.1 * cap  # first guess of the transferable load: the booster reserve is found for this configuration
    if recovery == "expendable":
        full = optimize_payload(_with_ship_load(v, cap - guess), target, site)
        booster_reserve = 0.0
    else:
        rec = payload_with_recovery(_with_ship_load(v, cap - guess), target, site, recovery)
        full, booster_reserve = rec.payload, float(rec.payload.reserve_kg)
    kw = dict(reserve_kg=booster_reserve, recovering=recovery != "expendable", recovery=recovery)
    g0 = full.guidance
    start = [(full.payload_kg, g0.kick_deg, g0.theta0_deg, g0.theta1_deg)]

    def g(x):
        load = cap - x
        if load <= reserve_ship + 1.0:
            return -x
        try:
            res = optimize_payload(_with_ship_load(v, load), target, site, start=start[0], **kw)
        except ImpossibleOrbitError:
            res = optimize_payload(_with_ship_load(v, load), target, site, **kw)
        start[0] = (res.payload_kg, res.guidance.kick_deg, res.guidance.theta0_deg, res.guidance.theta1_deg)
        return res.payload_kg - x

    x0, x1 = guess, full.payload_kg
    g_0, g_1 = g(x0), g(x1)
    it = 2
    while abs(g_1) > tol_kg:
        if it > 12 or g_1 == g_0:
            raise ConvergenceError(f"tanker load of {v.name}: no fixed point after {it} payload optimisations "
                                   f"(last residual {g_1:.0f} kg)")
        x0, x1, g_0 = x1, x1 - g_1 * (x1 - x0) / (g_1 - g_0), g_1
        x1 = float(np.clip(x1, 0.0, cap - reserve_ship))
        g_1 = g(x1)
        it += 1
    published = v.published
    return TankerLoad(v.name, v.key, float(orbit_km), float(inclination_deg), str(site), float(x1),
                      float(cap - reserve_ship - x1), float(reserve_ship), booster_reserve, float(cap),
                      float(published.get("leo_reusable_kg_low", math.nan)),
                      float(published.get("leo_reusable_kg_high", math.nan)), it, recovery,
                      float(v.stages[0].dry_mass_kg), float(ship.dry_mass_kg), tankage or "", warns)
