"""Reuse economics: cost per launch and per kg to orbit against flights per first stage.

Cost model (all costs in US dollars of the preset's year; estimates are marked
in the preset files with their sources):

* Expendable launch:  C_exp = C1(U_exp) + C2 + C_fair + C_prop + C_ops.
* Recovered first stage flown up to n times (recovery mode ``asds`` or ``rtls``):

      C_reuse(n) = C1(U_reuse) / n_eff + c_refurb C1_ref (n_eff - 1) / n_eff
                   + C_rec(mode) + C2 + C_fair,reuse + C_prop + C_ops

  where n_eff = (1 - q^n) / (1 - q) is the expected number of flights of a
  stage that is retired after n flights and lost at each landing with
  probability 1 - q (q = landing success rate), so that losses are paid for.
  A recovered fairing costs C_fair / n_fair + C_fair,rec per flight.
* Learning curve (Wright 1936, "Factors affecting the cost of airplanes",
  J. Aeronaut. Sci. 3(4):122-128): the unit cost falls by the learning rate
  LR per doubling of cumulative units, C(x) = C_ref (x / x_ref)^b with
  b = log2(LR).  Over a program of ``program_years`` at ``flights_per_year``
  an expendable vehicle builds one first stage per flight while a reusable one
  builds one per n_eff flights; the average unit cost over the program's U
  units, relative to the reference production U_ref, is C1(U) =
  C1_ref (U / U_ref)^b (the mean of x^b over 1..U is U^b / (1 + b), and the
  1 / (1 + b) factor cancels in the ratio).  This is why reuse also forfeits
  part of the production-learning saving.
* Cost per kg = C / payload(mode); payload per recovery mode is an input (the
  preset's published figures, or numbers from :mod:`spaceplan.launch.payload`).
* Break-even reuses: the smallest n for which the cost per kg of the
  recovered vehicle is at or below the expendable one's.

Validity envelope (:func:`envelope`): the refurbishment fraction and the
loss rate are per-flight averages of boosters that have flown; a stage flown
more times than any booster of that vehicle has flown (the preset's
``flights_flown_record`` with its source; without one, the record of any
orbital-class booster, :data:`BOOSTER_FLIGHTS_RECORD`) is an extrapolation and
the result carries a warning naming ``flights``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from spaceplan.core import registry
from spaceplan.core.errors import InputError, ParseError, UnknownNameError, require_positive, require_range
from spaceplan.core.validity import REFUSE, Bound, Envelope, check

# The most flights of any orbital-class booster: 30, Falcon 9 B1067 (30th launch and landing 2025-08-28,
# Starlink from Kennedy; SpaceX webcast, as reported by the press).  Used when a preset gives no record.
BOOSTER_FLIGHTS_RECORD = 30
BOOSTER_FLIGHTS_RECORD_SOURCE = "Falcon 9 B1067, 30th flight on 2025-08-28 (SpaceX)"

MODES = ("expendable", "asds", "rtls", "land")
_MODE_ALIASES = {"droneship": "asds", "drone_ship": "asds", "ship": "asds", "rtls": "rtls", "land": "land"}


def _mode(name: str | None) -> str | None:
    return None if name is None else _MODE_ALIASES.get(str(name).lower(), str(name).lower())


@dataclass(frozen=True)
class CostModel:
    """Cost inputs of one launch vehicle (USD, kg)."""

    name: str
    first_stage_usd: float  # new first stage at the reference production
    upper_stage_usd: float
    fairing_usd: float
    propellant_usd: float
    launch_ops_usd: float  # integration, pad, range, mission operations per launch
    refurbish_fraction: float  # refurbishment per reflight, fraction of a new first stage
    recovery_ops_usd: dict[str, float]  # per recovery mode (ship, tugs, transport)
    payload_kg: dict[str, float]  # per mode ("expendable" required)
    landing_success: float = 1.0
    fairing_recovery: bool = False
    fairing_flights: int = 1
    fairing_recovery_usd: float = 0.0
    learning_rate: float = 1.0  # 1 = no learning; 0.85 = -15 % per doubling
    flights_per_year: float = 20.0
    program_years: float = 10.0
    reference_stages_per_year: float | None = None  # production at which first_stage_usd applies
    price_usd: float | None = None  # published list price, for comparison only
    orbit: str = "LEO"
    sources: str = ""
    flights_flown_record: int | None = None  # most flights any booster of this vehicle has flown (None: unknown)
    flights_flown_source: str = ""

    def __post_init__(self):
        for f in ("first_stage_usd", "upper_stage_usd", "fairing_usd", "propellant_usd", "launch_ops_usd"):
            require_positive(f"{self.name}: {f}", getattr(self, f), allow_zero=True, unit="USD")
        require_range(f"{self.name}: refurbish_fraction", self.refurbish_fraction, 0.0, 1.0)
        require_range(f"{self.name}: landing_success", self.landing_success, 0.0, 1.0)
        require_range(f"{self.name}: learning_rate", self.learning_rate, 0.5, 1.0)
        require_positive(f"{self.name}: flights_per_year", self.flights_per_year)
        require_positive(f"{self.name}: program_years", self.program_years)
        if "expendable" not in self.payload_kg:
            raise InputError(f"{self.name}: payload_kg", "needs an 'expendable' entry", ", ".join(MODES))
        for mode, kg in self.payload_kg.items():
            if mode not in MODES:
                raise UnknownNameError(f"{self.name}: payload_kg mode", mode, MODES)
            require_positive(f"{self.name}: payload_kg.{mode}", kg, unit="kg")
        for mode in self.recovery_ops_usd:
            if mode not in MODES[1:]:
                raise UnknownNameError(f"{self.name}: recovery_ops_usd mode", mode, MODES[1:])
        if self.fairing_flights < 1:
            raise InputError(f"{self.name}: fairing_flights", f"got {self.fairing_flights}", ">= 1")
        if self.flights_flown_record is not None and self.flights_flown_record < 0:
            raise InputError(f"{self.name}: flights_flown_record", f"got {self.flights_flown_record}", ">= 0")

    @property
    def recovery_modes(self) -> list[str]:
        return [m for m in MODES[1:] if m in self.payload_kg]

    def default_mode(self) -> str:
        modes = self.recovery_modes
        if not modes:
            raise InputError(f"{self.name}: payload_kg", "no recovery mode has a payload", ", ".join(MODES[1:]))
        return max(modes, key=lambda m: self.payload_kg[m])


def expected_flights(n, q: float) -> np.ndarray:
    """Expected flights of a stage retired after n flights, surviving each landing with probability q."""
    n = np.asarray(n, dtype=float)
    if q >= 1.0:
        return n
    return (1.0 - q ** n) / (1.0 - q)


def learning_factor(units_per_year, model: CostModel) -> np.ndarray:
    """Wright's-law factor C(U)/C_ref for ``units_per_year`` first stages built over the program."""
    ref = model.reference_stages_per_year or model.flights_per_year
    b = math.log2(model.learning_rate)
    return (np.asarray(units_per_year, float) / ref) ** b


@dataclass(frozen=True)
class CostBreakdown:
    """Cost per launch (USD) and per kg for each flights-per-stage value."""

    model: CostModel
    mode: str
    flights: np.ndarray  # n, flights per first stage (1 = recovered but never reflown)
    cost_per_launch_usd: np.ndarray
    cost_per_kg_usd: np.ndarray
    expendable_cost_usd: float
    expendable_cost_per_kg_usd: float
    break_even_flights: int | None  # smallest n with cost per kg <= expendable's; None if not within range
    components_usd: dict[str, np.ndarray] = field(default_factory=dict)
    warnings: tuple = ()  # validity warnings ({code, field, message}) of :func:`envelope`

    def to_dict(self) -> dict[str, Any]:
        m = self.model
        return {
            "vehicle": m.name,
            "recovery_mode": self.mode,
            "orbit": m.orbit,
            "payload_kg": {"expendable": m.payload_kg["expendable"], self.mode: m.payload_kg[self.mode]},
            "expendable_cost_musd": self.expendable_cost_usd / 1e6,
            "expendable_cost_per_kg_usd": self.expendable_cost_per_kg_usd,
            "break_even_flights": self.break_even_flights,
            "price_musd": None if m.price_usd is None else m.price_usd / 1e6,
            "price_per_kg_usd": None if m.price_usd is None else m.price_usd / m.payload_kg[self.mode],
            "learning_rate": m.learning_rate,
            "flights_per_year": m.flights_per_year,
            "landing_success": m.landing_success,
            "rows": [
                {"flights_per_stage": int(n), "cost_per_launch_musd": c / 1e6, "cost_per_kg_usd": k,
                 **{f"{name}_musd": float(v[i]) / 1e6 for name, v in self.components_usd.items()}}
                for i, (n, c, k) in enumerate(zip(self.flights, self.cost_per_launch_usd, self.cost_per_kg_usd))
            ],
            "sources": m.sources,
            "flights_flown_record": m.flights_flown_record,
            "warnings": list(self.warnings),
        }


def fairing_cost(model: CostModel) -> float:
    """Fairing cost per launch, USD: amortised over its flights when it is recovered.  Fairing recovery
    does not depend on what happens to the first stage, so expendable and reused launches pay the same."""
    if model.fairing_recovery:
        return model.fairing_usd / model.fairing_flights + model.fairing_recovery_usd
    return model.fairing_usd


def expendable_cost(model: CostModel) -> float:
    """Cost of one expendable launch, USD (first stage at the expendable production rate)."""
    c1 = model.first_stage_usd * float(learning_factor(model.flights_per_year, model))
    return c1 + model.upper_stage_usd + fairing_cost(model) + model.propellant_usd + model.launch_ops_usd


def envelope(model: CostModel) -> Envelope:
    """The reuse-cost model's envelope for ``model``: flights per stage up to the most any booster of the
    vehicle has flown (warn beyond); costs and costs per kg >= 0 (refuse below)."""
    if model.flights_flown_record is None:
        record, why = BOOSTER_FLIGHTS_RECORD, f"the most any orbital-class booster has flown: {BOOSTER_FLIGHTS_RECORD_SOURCE}"
    else:
        record = model.flights_flown_record
        why = f"the most any {model.name} booster has flown" + (f": {model.flights_flown_source}"
                                                                if model.flights_flown_source else "")
    return Envelope("the reuse cost model", inputs=(
        Bound("flights", None, float(record), code="beyond_flown_record", label="flights", why=why),),
        outputs=(Bound("cost_usd", 0.0, None, REFUSE, "unphysical", "USD", 1.0, "cost per launch",
                       "no cost lies outside it"),))


def reuse_costs(model: CostModel, flights=range(1, 21), mode: str | None = None) -> CostBreakdown:
    """Cost per launch and per kg when each first stage flies up to n times, n in ``flights``."""
    mode = _mode(mode) or model.default_mode()
    if mode not in model.recovery_modes:
        raise UnknownNameError("recovery mode", mode, model.recovery_modes)
    n = np.asarray(list(flights), dtype=int)
    if n.size == 0 or np.any(n < 1) or np.any(n > 1000):
        raise InputError("flights", f"got {list(n)[:5]}", "integers 1 to 1000")
    n_eff = expected_flights(n, model.landing_success)
    stages_per_year = model.flights_per_year / n_eff
    c1_new = model.first_stage_usd * learning_factor(stages_per_year, model)
    first = c1_new / n_eff
    refurb = model.refurbish_fraction * model.first_stage_usd * (n_eff - 1.0) / n_eff
    rec = np.full(n.shape, model.recovery_ops_usd.get(mode, 0.0))
    fair = np.full(n.shape, fairing_cost(model))
    fixed = np.full(n.shape, model.upper_stage_usd + model.propellant_usd + model.launch_ops_usd)
    total = first + refurb + rec + fair + fixed
    per_kg = total / model.payload_kg[mode]
    c_exp = expendable_cost(model)
    k_exp = c_exp / model.payload_kg["expendable"]
    ok = np.flatnonzero(per_kg <= k_exp)
    be = int(n[ok[0]]) if ok.size else None
    warnings = check(envelope(model), flights=n.max(), cost_usd=np.append(total, c_exp))
    return CostBreakdown(model=model, mode=mode, flights=n, cost_per_launch_usd=total, cost_per_kg_usd=per_kg,
                         expendable_cost_usd=c_exp, expendable_cost_per_kg_usd=k_exp, break_even_flights=be,
                         components_usd={"first_stage": first, "refurbishment": refurb, "recovery_ops": rec,
                                         "fairing": fair, "upper_stage_propellant_ops": fixed},
                         warnings=warnings)


def break_even_flights(model: CostModel, mode: str | None = None, max_flights: int = 200) -> int | None:
    """Smallest flights per stage at which recovery beats expending on cost per kg (None if never)."""
    return reuse_costs(model, range(1, max_flights + 1), mode).break_even_flights


# --------------------------------------------------------------------------- presets

def economics_vehicles() -> list[str]:
    """Names of the vehicle presets with an ``[economics]`` table (registry kind ``vehicles``)."""
    return registry.names("vehicles", table="economics")


def load_cost_model(name_or_path: str | Path, **overrides) -> CostModel:
    """A CostModel from a vehicle preset's ``[economics]`` table (``falcon9``, ``amur-lng``) or a TOML file."""
    preset = registry.resolve("vehicles", name_or_path, table="economics", field="vehicle")
    path = preset.path
    d = preset.table("economics")
    d.update({k: v for k, v in overrides.items() if v is not None})
    d.setdefault("name", preset.name)
    d["recovery_ops_usd"] = dict(d.get("recovery_ops_usd", {}))
    d["payload_kg"] = dict(d.get("payload_kg", {}))
    known = set(CostModel.__dataclass_fields__)
    unknown = set(d) - known
    if unknown:
        raise ParseError("vehicle", f"{path}: unknown key {sorted(unknown)[0]!r}")
    try:
        return CostModel(**d)
    except TypeError as exc:
        raise ParseError("vehicle", f"{path}: {exc}") from None


def with_payloads(model: CostModel, payload_kg: dict[str, float]) -> CostModel:
    """The same cost model with payloads per mode replaced (e.g. from the payload optimizer)."""
    merged = dict(model.payload_kg)
    merged.update({_mode(k): float(v) for k, v in payload_kg.items()})
    return replace(model, payload_kg=merged)


__all__ = ["CostModel", "CostBreakdown", "reuse_costs", "expendable_cost", "break_even_flights",
           "expected_flights", "learning_factor", "load_cost_model", "economics_vehicles", "with_payloads", "MODES",
           "envelope", "BOOSTER_FLIGHTS_RECORD"]
