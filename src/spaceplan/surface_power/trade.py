"""Trade: fission against solar + storage (and a day/night hybrid) for a demand, a site and a mission.

For each option: total mass, stowed volume, number of landers (payload per lander from
``presets/landers/landers.toml`` or a given capacity) and the crossover power below which solar + storage
is lighter than fission.  The solar options scale exactly linearly with the demand (the energy
balance and the optimal array/storage split are scale-free), so they are sized once per site at
1 kW and scaled; fission follows its class curve m = a P^b (b < 1: economies of scale), so the
crossover P* solves a P^b = k P by bisection (units split above the largest unit).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import registry
from spaceplan.core.errors import InputError, UnknownNameError, require_positive
from spaceplan.core.validity import Bound, Envelope, check, collect, physical, warning
from spaceplan.surface_power.illumination import span_epochs, sun_series
from spaceplan.surface_power.sizing import Demand, load_storage, size_fission, size_hybrid, size_solar

STORAGES = ("li-ion", "rfc")
# SolarDesign.to_dict() keys that scale with the load (the 1-kW reference design is scaled)
_EXTENSIVE = {"array_bol_kw", "array_mass_kg", "structure_mass_kg", "array_area_m2", "storage_usable_kwh",
              "storage_capacity_kwh", "storage_mass_kg", "storage_volume_m3", "mass_kg"}


def landers() -> dict[str, dict]:
    """Cargo-lander presets (registry kind ``landers``) by name."""
    return {p.name: dict(p.data) for p in registry.entries("landers")}


def lander_capacity_kg(lander: str | float) -> tuple[str, float]:
    """(label, payload kg) of a lander preset name or a number of kg."""
    if isinstance(lander, (int, float)):
        require_positive("lander capacity", lander, unit="kg")
        return f"{lander:,.0f} kg lander", float(lander)
    text = str(lander).strip().lower()
    try:
        value = float(text.removesuffix("kg").removesuffix("t").strip())
    except ValueError:
        if not registry.known("landers", text):
            raise UnknownNameError("lander", str(lander), list(landers()) + ["a capacity in kg"]) from None
        preset = registry.load("landers", text)
        return preset.data["title"], float(preset.data["payload_kg"])
    value *= 1000.0 if text.endswith("t") else 1.0
    require_positive("lander capacity", value, unit="kg")
    return f"{value:,.0f} kg lander", value


@dataclass(frozen=True)
class OptionResult:
    option: str
    mass_kg: float
    volume_m3: float
    landers: int | None  # None: an indivisible piece (a reactor unit) is heavier than the lander carries
    detail: dict
    warnings: tuple = ()

    def to_dict(self) -> dict:
        return {"option": self.option, "mass_kg": self.mass_kg, "mass_t": self.mass_kg / 1e3,
                "volume_m3": self.volume_m3, "landers": self.landers, "detail": self.detail,
                "warnings": list(self.warnings)}

    @property
    def landers_text(self) -> str:
        return "does not fit" if self.landers is None else str(self.landers)


# Where the trade's sizing holds: solar and storage scale linearly from a 1 kW design and fission splits into
# units, so any power gets numbers; beyond ~1 MWe (ten of the largest published 100 kWe designs) the landing,
# siting and power distribution the trade ignores dominate (assumption), so the figures are extrapolations.
TRADE_ENVELOPE = Envelope(
    "the lunar surface power trade",
    inputs=(Bound("day_w", 100.0, 1e6, code="outside_validated_range", unit="kWe", scale=1e-3, label="--power",
                  why="a lunar outpost's power, from a 0.1 kWe payload to ten 100 kWe reactors"),),
    outputs=(physical("mass_kg", "mass", "system mass"),))


def landers_for(mass_kg: float, cap_kg: float, pieces: int = 0, piece_kg: float = 0.0) -> int | None:
    """Landers to deliver ``mass_kg``: divisible mass (arrays, batteries) fills landers up to ``cap_kg``;
    ``pieces`` indivisible pieces of ``piece_kg`` (reactor units, part of ``mass_kg``) ride whole, as many per
    lander as fit.  None when one piece is heavier than a lander carries."""
    if pieces and piece_kg > cap_kg:
        return None
    per_lander = int(cap_kg // piece_kg) if pieces else 0
    whole = math.ceil(pieces / per_lander) if pieces else 0
    spare = whole * cap_kg - pieces * piece_kg  # room left beside the pieces
    rest = max(mass_kg - pieces * piece_kg - spare, 0.0)
    return whole + math.ceil(rest / cap_kg - 1e-12)


def _lander_warnings(option: str, landers: int | None, piece_kg: float, label: str, cap: float) -> tuple:
    if landers is not None:
        return ()
    return (warning("exceeds_lander_payload", f"{option} --lander",
                    f"{option}: one reactor unit of {piece_kg / 1e3:.1f} t is heavier than the {cap / 1e3:g} t a "
                    f"{label} lands: it cannot be delivered in one piece"),)


@dataclass(frozen=True)
class SiteTrade:
    site: str
    site_title: str
    day_w: float
    night_w: float
    years: float
    lander: str
    lander_kg: float
    options: tuple[OptionResult, ...]
    longest_dark_h: float
    lit_fraction: float
    crossover_w: dict  # storage -> crossover power (W) or None when fission wins/loses everywhere
    crossover_note: dict
    verdict: str
    warnings: tuple = ()  # every option's warnings

    @property
    def best(self) -> OptionResult:
        return min(self.options, key=lambda o: o.mass_kg)

    def to_dict(self) -> dict:
        return {"site": self.site, "site_title": self.site_title, "day_kwe": self.day_w / 1e3,
                "night_kwe": self.night_w / 1e3, "mission_years": self.years, "lander": self.lander,
                "lander_payload_kg": self.lander_kg, "longest_dark_hours": self.longest_dark_h,
                "lit_percent": 100 * self.lit_fraction, "best_option": self.best.option,
                "options": [o.to_dict() for o in self.options],
                "crossover_kwe": {k: (None if v is None else v / 1e3) for k, v in self.crossover_w.items()},
                "crossover_note": self.crossover_note, "verdict": self.verdict, "warnings": list(self.warnings)}


@functools.lru_cache(maxsize=32)
def _series(site: str, start: str, end: str, step_s: float):
    return sun_series([site], span_epochs(start, end, step_s))


def _crossover(kg_per_w: float, night_ratio: float = 1.0, lo_w: float = 10.0,
               hi_w: float = 1e7) -> tuple[float | None, str]:
    """Day power where fission (sized for the larger of day and night) equals a linear solar mass
    kg_per_w x P (solar lighter below)."""
    def diff(p):
        return size_fission(p * max(1.0, night_ratio)).mass_kg - kg_per_w * p

    if diff(lo_w) <= 0:
        return None, f"fission is lighter at every power from {lo_w / 1e3:g} kWe"
    if diff(hi_w) > 0:
        return None, f"solar is lighter at every power up to {hi_w / 1e6:g} MWe"
    a, b = math.log(lo_w), math.log(hi_w)
    for _ in range(60):
        m = 0.5 * (a + b)
        if diff(math.exp(m)) > 0:
            a = m
        else:
            b = m
    return math.exp(0.5 * (a + b)), ""


def trade_site(site: str, day_w: float, night_w: float | None = None, years: float = 10.0,
               lander: str | float = "generic-6t", span: tuple[str, str] = ("2030-01-01", "2031-01-01"),
               step_s: float = 3600.0, exclusion_m: float | None = None) -> SiteTrade:
    """All options for one site and demand (W); ``night_w`` defaults to ``day_w`` (constant load)."""
    demand = Demand(float(day_w), float(day_w if night_w is None else night_w))
    demand_warnings = check(TRADE_ENVELOPE, day_w=max(demand.day_w, demand.night_w))
    require_positive("mission length", years, unit="years")
    if years > 30:
        raise InputError("mission length", f"got {years:g} years", "up to 30 years")
    label, cap = lander_capacity_kg(lander)
    series = _series(site, span[0], span[1], float(step_s))
    s = series.sites[0]
    options = []
    fis = size_fission(max(demand.day_w, demand.night_w), exclusion_m)
    n = landers_for(fis.mass_kg, cap, fis.units, fis.unit_mass_kg)
    options.append(OptionResult("fission", fis.mass_kg, fis.stowed_volume_m3, n, fis.to_dict(),
                                fis.warnings + _lander_warnings("fission", n, fis.unit_mass_kg, label, cap)))
    crossover, notes = {}, {}
    unit = Demand(1e3, 1e3 * demand.night_w / demand.day_w)  # 1 kW day load, same day/night ratio
    for storage in STORAGES:
        ref = size_solar(unit, series, 0, storage, years)
        k = demand.day_w / 1e3
        mass = ref.mass_kg * k
        vol = ref.storage_volume_m3 * k
        detail = {key: (v * k if key in _EXTENSIVE else v) for key, v in ref.to_dict().items()}
        # the night the store covers: usable energy x discharge efficiency sqrt(eta_rt) (sizing.storage_needed) at
        # the night load (at the day load when nothing runs at night); the round trip is reported beside it
        eta_rt = load_storage(storage).round_trip_efficiency
        delivered_wh = ref.storage_usable_wh * math.sqrt(eta_rt)
        detail["storage_days"] = delivered_wh / (unit.night_w if unit.night_w > 0 else unit.day_w) / 24.0
        detail["storage_delivered_kwh"] = delivered_wh / 1e3 * k
        detail["storage_round_trip_efficiency"] = eta_rt
        options.append(OptionResult(f"solar+{storage}", mass, vol, landers_for(mass, cap), detail))
        per_w = ref.mass_kg / 1e3  # kg per W of day load
        crossover[storage], notes[storage] = _crossover(per_w, demand.night_w / demand.day_w)
    if 0 < demand.night_w < demand.day_w:  # hybrid: a reactor carries the night load
        hyb = min((size_hybrid(demand, series, 0, years, st) for st in STORAGES), key=lambda h: h.mass_kg)
        nf = hyb.night_fission
        n = landers_for(hyb.mass_kg, cap, nf.units, nf.unit_mass_kg) if nf else landers_for(hyb.mass_kg, cap)
        name = "hybrid: solar day + fission night"
        options.append(OptionResult(name, hyb.mass_kg, hyb.storage_volume_m3 + (nf.stowed_volume_m3 if nf else 0), n,
                                    hyb.to_dict(), (nf.warnings if nf else ())
                                    + _lander_warnings(name, n, nf.unit_mass_kg if nf else 0.0, label, cap)))
    longest = ref.longest_dark_h
    lit = float(np.mean(series.visible[0] > 0))
    for o in options:
        check(TRADE_ENVELOPE, o.option, mass_kg=o.mass_kg)
    trade = SiteTrade(s.name, s.title, demand.day_w, demand.night_w, years, label, cap, tuple(options), longest, lit,
                      crossover, notes, "", tuple(demand_warnings) + tuple(collect(options)))
    return SiteTrade(**{**trade.__dict__, "verdict": verdict(trade)})


def verdict(t: SiteTrade) -> str:
    """Plain-words reading of a trade, from its numbers."""
    fis = next(o for o in t.options if o.option == "fission")
    best_solar = min((o for o in t.options if o.option.startswith("solar")), key=lambda o: o.mass_kg)
    store = best_solar.option.split("+")[1]
    days = t.longest_dark_h / 24.0
    carried = best_solar.detail["storage_days"]
    p = t.day_w / 1e3
    head = (f"At {t.site} (longest darkness {days:.1f} days, lit {100 * t.lit_fraction:.0f} % of the time), "
            f"{p:g} kWe")
    if t.night_w != t.day_w:
        head += f" by day / {t.night_w / 1e3:g} kWe by night"
    fis_landers = (f"{fis.landers} lander(s)" if fis.landers is not None else
                   f"one {fis.detail['unit_mass_kg'] / 1e3:.1f} t unit does not fit a {t.lander_kg / 1e3:g} t lander")
    head += (f" for {t.years:g} years: fission {fis.mass_kg / 1e3:.1f} t ({fis_landers}), "
             f"solar + {store} {best_solar.mass_kg / 1e3:.1f} t ({best_solar.landers} lander(s))")
    hyb = [o for o in t.options if o.option.startswith("hybrid")]
    if hyb:
        head += f", hybrid {hyb[0].mass_kg / 1e3:.1f} t"
    head += f"; lightest: {t.best.option}."
    x = t.crossover_w.get(store)
    if x is not None:
        eta = best_solar.detail["storage_round_trip_efficiency"]
        head += (f" Solar plus {store} storage that carries the night load for {carried:.1f} days (stored energy after "
                 f"discharge losses; {eta:.0%} round trip) beats fission below "
                 f"~{x / 1e3:.2g} kWe; above that fission is lighter.")
    elif t.crossover_note.get(store):
        head += f" Crossover: {t.crossover_note[store]}."
    return head


@dataclass(frozen=True)
class MassCurves:
    """Mass against constant power for each option at one site (for the crossover figure)."""

    site: str
    power_w: np.ndarray
    mass_kg: dict  # option -> array like power_w
    crossover_w: dict  # storage -> W or None
    lander_kg: float

    def to_dict(self) -> dict:
        return {"site": self.site, "power_kwe": self.power_w / 1e3,
                "mass_t": {k: v / 1e3 for k, v in self.mass_kg.items()},
                "crossover_kwe": {k: (None if v is None else v / 1e3) for k, v in self.crossover_w.items()},
                "lander_payload_kg": self.lander_kg}


def mass_curves(site: str, p_lo_w: float, p_hi_w: float, years: float = 10.0, n: int = 40,
                span: tuple[str, str] = ("2030-01-01", "2031-01-01"), step_s: float = 3600.0,
                lander: str | float = "generic-6t") -> MassCurves:
    """Masses of fission and solar + each storage for constant loads from ``p_lo_w`` to ``p_hi_w``."""
    require_positive("power range start", p_lo_w, unit="W")
    require_positive("power range end", p_hi_w, unit="W")
    if p_hi_w <= p_lo_w:
        raise InputError("power range", f"{p_lo_w / 1e3:g} to {p_hi_w / 1e3:g} kWe", "end above start")
    _, cap = lander_capacity_kg(lander)
    series = _series(site, span[0], span[1], float(step_s))
    p = np.geomspace(p_lo_w, p_hi_w, n)
    masses = {"fission": np.array([size_fission(x).mass_kg for x in p])}
    cross = {}
    for storage in STORAGES:
        ref = size_solar(Demand.constant(1e3), series, 0, storage, years)
        masses[f"solar+{storage}"] = ref.mass_kg / 1e3 * p
        cross[storage] = _crossover(ref.mass_kg / 1e3)[0]
    return MassCurves(series.sites[0].name, p, masses, cross, cap)
