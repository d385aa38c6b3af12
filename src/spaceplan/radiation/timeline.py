"""Mission timelines: phases at locations, their doses and the mission total.

``mission_dose`` integrates the GCR dose-equivalent rate of each phase's
location over its duration, at the modulation potential of the phase's dates
(solar-cycle model) or a fixed activity level, and adds an optional SPE
scenario to one phase.  See :mod:`.environments`, :mod:`.spe`,
:mod:`.assessment`.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError, ParseError, require_positive
from spaceplan.radiation import environments, gcr, solar_cycle
from spaceplan.radiation import spe as spe_mod
from spaceplan.radiation.assessment import Assessment, assess

_PHASE_SAMPLE_S = 15.0 * DAY  # solar-cycle sampling step inside a phase


@dataclass(frozen=True)
class Phase:
    """A stay at one location: ``duration_s`` seconds, optionally starting at ``start_tdb`` (s past J2000)."""

    location: str
    duration_s: float
    start_tdb: float | None = None
    label: str = ""


@dataclass(frozen=True)
class PhaseDose:
    """Dose received during one phase."""

    label: str
    location: str
    duration_s: float
    start_tdb: float | None
    phi_mv: float
    rate_sv_per_day: float  # GCR dose-equivalent rate (mean over the phase)
    gcr_dose_sv: float
    spe_dose_sv: float
    dose_sv: float  # GCR + SPE dose equivalent
    absorbed_gy: float  # GCR / Q + SPE BFO absorbed
    cumulative_sv: float  # mission total at the end of this phase
    spe: spe_mod.SpeDose | None = None

    @property
    def duration_days(self) -> float:
        return self.duration_s / DAY

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        return {
            "label": self.label, "location": self.location, "duration_days": self.duration_days,
            "start_utc": None if self.start_tdb is None else str(tdb_to_iso(self.start_tdb))[:10],
            "phi_mv": self.phi_mv, "rate_msv_per_day": self.rate_sv_per_day * 1e3,
            "gcr_dose_msv": self.gcr_dose_sv * 1e3, "spe_dose_msv": self.spe_dose_sv * 1e3,
            "dose_msv": self.dose_sv * 1e3, "absorbed_mgy": self.absorbed_gy * 1e3,
            "cumulative_msv": self.cumulative_sv * 1e3, "spe": None if self.spe is None else self.spe.to_dict(),
        }


@dataclass(frozen=True)
class MissionDose:
    """Dose over a mission timeline; ``assessment`` is the plain-words verdict."""

    phases: tuple[PhaseDose, ...]
    total_sv: float
    total_absorbed_gy: float
    shielding_gcm2: float
    material: str
    solar_activity: str
    spe_event: str | None
    assessment_detail: Assessment = field(repr=False)

    @property
    def assessment(self) -> str:
        return self.assessment_detail.text

    @property
    def duration_days(self) -> float:
        return sum(p.duration_s for p in self.phases) / DAY

    @property
    def fraction_of_nasa_limit(self) -> float:
        return self.assessment_detail.fraction_of_nasa_limit

    def to_dict(self) -> dict:
        a = self.assessment_detail
        return {
            "total_msv": self.total_sv * 1e3, "total_absorbed_mgy": self.total_absorbed_gy * 1e3,
            "duration_days": self.duration_days, "shielding_gcm2": self.shielding_gcm2, "material": self.material,
            "solar_activity": self.solar_activity, "spe": self.spe_event,
            "model_uncertainty_fraction": a.uncertainty_fraction,
            "fraction_of_nasa_limit": a.fraction_of_nasa_limit, "fraction_of_1sv_limit": a.fraction_of_1sv_limit,
            "acute_bfo_mgy": a.acute_bfo_gy * 1e3, "worst_30day_bfo_mgy_eq": a.worst_30day_bfo_gy_eq * 1e3,
            "acute_level": a.acute_level, "assessment": a.text,
            "phases": [p.to_dict() for p in self.phases],
        }


def _resolve_starts(phases: list[Phase]) -> list[float | None]:
    """Fill missing start dates by chaining from dated neighbours; check order and overlap."""
    starts = [p.start_tdb for p in phases]
    if all(s is None for s in starts):
        return starts
    for k in range(1, len(phases)):  # forward: start = previous end
        if starts[k] is None and starts[k - 1] is not None:
            starts[k] = starts[k - 1] + phases[k - 1].duration_s
    for k in range(len(phases) - 2, -1, -1):  # backward: end = next start
        if starts[k] is None:
            starts[k] = starts[k + 1] - phases[k].duration_s
    for k in range(1, len(phases)):
        prev_end = starts[k - 1] + phases[k - 1].duration_s
        if starts[k] < prev_end - 1.0:
            raise InputError(f"phases[{k}].start_tdb",
                             f"phase {k} ({phases[k].location}) starts {(prev_end - starts[k]) / DAY:.1f} days "
                             f"before phase {k - 1} ends (phases overlap)",
                             "each phase starting at or after the end of the previous one")
    return starts


def _phi_label(solar_activity) -> tuple[str, float | None]:
    """('auto', None) for date-driven modulation, else (label, phi in MV)."""
    if solar_activity is None or (isinstance(solar_activity, str) and solar_activity.strip().lower() == "auto"):
        return "auto", None
    if isinstance(solar_activity, str):
        text = solar_activity.strip().lower()
        if text in ("min", "max"):
            return text, gcr.named_phi(text)
        try:
            value = float(text)
        except ValueError:
            gcr.named_phi(text)  # raises UnknownNameError with the choices
            raise
    else:
        value = float(solar_activity)
    gcr.check_phi(value)
    return f"{value:g} MV", value


def _phase_rate(location: str, shielding: float, material: str, phi_fixed: float | None,
                start: float | None, duration_s: float) -> tuple[float, float]:
    """(mean phi MV, mean GCR dose-equivalent rate Sv/day) over a phase."""
    if phi_fixed is not None:
        phis = np.array([phi_fixed])
    elif start is None:
        phis = np.array([gcr.named_phi("min")])
    else:
        n = max(2, int(np.ceil(duration_s / _PHASE_SAMPLE_S)) + 1)
        phis = solar_cycle.modulation_potential(np.linspace(start, start + duration_s, n))
    rates = environments.dose_equivalent_rate(location, shielding, material, phis)
    return float(np.mean(phis)), float(np.mean(rates))


def _spe_phase_index(phases: list[Phase], spe_phase: int | None) -> int:
    if spe_phase is not None:
        if not 0 <= spe_phase < len(phases):
            raise InputError("spe_phase", f"got {spe_phase}", f"0 to {len(phases) - 1}")
        return spe_phase
    names = [environments.location_name(p.location) for p in phases]
    if "deep_space" in names:
        return names.index("deep_space")
    exposed = [k for k, n in enumerate(names) if environments.environment(n)["spe_exposure"] > 0]
    if not exposed:
        raise InputError("spe", "no phase of the timeline is exposed to solar particle events",
                         "a timeline with a deep_space, orbit or surface phase")
    return exposed[0]


def mission_dose(phases, shielding_gcm2: float = 20.0, material: str = "aluminium", solar_activity=None,
                 spe: str | None = None, spe_phase: int | None = None) -> MissionDose:
    """Dose over a timeline of :class:`Phase` objects.

    ``shielding_gcm2``: areal density of ``material`` around the crew (all
    phases; on planetary surfaces it adds to the atmosphere).  ``solar_activity``:
    None/"auto" (modulation from each phase's dates; solar minimum when
    undated: the conservative default), "min", "max" or phi in MV.  ``spe``:
    optional historical SPE scenario (``spe.event_names()``) added to phase
    ``spe_phase`` (default: the first deep-space phase).
    """
    phases = list(phases)
    if not phases:
        raise InputError("phases", "the timeline is empty", "at least one phase")
    for k, p in enumerate(phases):
        if not isinstance(p, Phase):
            raise InputError(f"phases[{k}]", f"expected a Phase, got {type(p).__name__}")
        environments.location_name(p.location)
        # zero-length phases are accepted (e.g. a flyby with no surface stay) and contribute nothing
        require_positive(f"phases[{k}].duration_s", p.duration_s, allow_zero=True, unit="s")
    require_positive("shielding_gcm2", shielding_gcm2, allow_zero=True, unit="g/cm^2")
    material = gcr.material_name(material)
    label, phi_fixed = _phi_label(solar_activity)
    starts = _resolve_starts(phases)
    spe_index = _spe_phase_index(phases, None if spe is None else spe_phase) if spe is not None else -1

    results, total, total_abs = [], 0.0, 0.0
    acute, acute_src, worst30 = 0.0, "", 0.0
    for k, (p, start) in enumerate(zip(phases, starts)):
        loc = environments.location_name(p.location)
        phi, rate = _phase_rate(loc, shielding_gcm2, material, phi_fixed, start, p.duration_s)
        days = p.duration_s / DAY
        gcr_sv = rate * days
        absorbed = gcr_sv / environments.quality_factor(loc)
        spe_dose = None
        spe_sv = 0.0
        if k == spe_index:
            spe_dose = spe_mod.spe_dose(spe, shielding_gcm2, material, loc)
            spe_sv = spe_dose.dose_equivalent_sv
            absorbed += spe_dose.bfo_gy
            if spe_dose.bfo_gy > acute:
                acute, acute_src = spe_dose.bfo_gy, f"the {spe_dose.title} event during phase {k + 1} ({loc})"
        # Worst 30 days: GCR dose equivalent counted as Gy-Eq (upper bound) + SPE Gy-Eq (RBE x BFO).
        worst30 = max(worst30, rate * min(days, 30.0) + spe_sv)
        total += gcr_sv + spe_sv
        total_abs += absorbed
        results.append(PhaseDose(p.label or loc, loc, float(p.duration_s), start, phi, rate, gcr_sv, spe_sv,
                                 gcr_sv + spe_sv, absorbed, total, spe_dose))
    verdict = assess(total, acute, worst30, acute_src, total_abs)
    return MissionDose(tuple(results), total, total_abs, float(shielding_gcm2), material, label,
                       None if spe is None else spe_mod.event_name(spe), verdict)


# ----------------------------------------------------------------------------
# Reading timelines from text (CLI flags) and files (TOML / JSON)
# ----------------------------------------------------------------------------

_UNIT_DAYS = {"d": 1.0, "day": 1.0, "days": 1.0, "h": 1.0 / 24.0, "w": 7.0, "wk": 7.0, "y": 365.25, "yr": 365.25,
              "mo": 30.4375, "month": 30.4375, "months": 30.4375}


def parse_duration_days(field_name: str, text) -> float:
    """``180d``, ``2.5y``, ``6mo``, ``36h``, ``3w`` or a bare number of days -> days (> 0)."""
    import re

    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([a-zA-Z]*)\s*", str(text))
        unit = match.group(2).lower() if match else ""
        if not match or (unit and unit not in _UNIT_DAYS):
            raise InputError(field_name, f"cannot read duration {text!r}",
                             "a number of days, or with a unit d, w, mo, y, h (e.g. 180d, 1.5y)")
        value = float(match.group(1)) * _UNIT_DAYS[unit or "d"]
    if not np.isfinite(value) or value <= 0:
        raise InputError(field_name, f"duration must be positive, got {text!r}", "> 0")
    return value


def _start_tdb(field_name: str, value) -> float | None:
    if value is None or value == "":
        return None
    from spaceplan.core.time import utc_to_tdb

    return float(utc_to_tdb(str(value), field=field_name))


def parse_timeline(text: str, start: str | None = None) -> list[Phase]:
    """Phases from ``"deep_space:180d,mars_surface:500d,deep_space:180d"``.

    Each item is ``location:duration`` with an optional ``@YYYY-MM-DD`` start
    date (``mars_surface:500d@2030-02-01``); ``start`` dates the first phase and
    undated phases follow on from the previous one.
    """
    items = [item.strip() for item in str(text).split(",") if item.strip()]
    if not items:
        raise InputError("--timeline", f"no phases in {text!r}", "location:duration[,location:duration...]")
    phases = []
    for k, item in enumerate(items):
        body, _, date = item.partition("@")
        location, sep, duration = body.partition(":")
        if not sep or not location.strip():
            raise InputError(f"--timeline[{k}]", f"cannot read phase {item!r}",
                             "location:duration, e.g. deep_space:180d")
        environments.location_name(location)
        days = parse_duration_days(f"--timeline[{k}].duration", duration)
        when = date.strip() or (start if k == 0 else None)
        phases.append(Phase(location.strip(), days * DAY, _start_tdb(f"--timeline[{k}].start", when)))
    return phases


def timeline_from_dict(data: dict, source: str = "timeline") -> tuple[list[Phase], dict]:
    """(phases, options) from a parsed TOML/JSON document.

    Keys: ``phase`` or ``phases`` (list of tables with ``location``,
    ``duration_days`` or ``duration`` ("180d"), optional ``start`` (UTC date)
    and ``label``); optional top-level ``start``, ``shielding_gcm2``,
    ``material``, ``solar_activity``, ``spe``, ``spe_phase``.
    """
    if not isinstance(data, dict):
        raise ParseError(source, "expected a table/object at the top level", "see docs/radiation.md")
    rows = data.get("phases", data.get("phase"))
    if not isinstance(rows, list) or not rows:
        raise ParseError(f"{source}: phases", "missing or empty list of phases", "[[phase]] tables or a 'phases' list")
    phases = []
    for k, row in enumerate(rows):
        where = f"{source}: phases[{k}]"
        if not isinstance(row, dict) or "location" not in row:
            raise ParseError(where, "each phase needs a 'location'", "location, duration_days, [start], [label]")
        if "duration_days" in row:
            days = parse_duration_days(f"{where}.duration_days", row["duration_days"])
        elif "duration" in row:
            days = parse_duration_days(f"{where}.duration", row["duration"])
        else:
            raise ParseError(where, "each phase needs 'duration_days' or 'duration'", "e.g. duration_days = 180")
        environments.location_name(row["location"])
        when = row.get("start") or (data.get("start") if k == 0 else None)
        phases.append(Phase(str(row["location"]), days * DAY, _start_tdb(f"{where}.start", when),
                            str(row.get("label", ""))))
    known = ("shielding_gcm2", "material", "solar_activity", "spe", "spe_phase")
    options = {key: data[key] for key in known if key in data}
    return phases, options


def load_timeline(path) -> tuple[list[Phase], dict]:
    """(phases, options) from a ``.toml`` or ``.json`` timeline file (see :func:`timeline_from_dict`)."""
    path = Path(path)
    try:
        raw = path.read_text("utf-8")
    except OSError as exc:
        raise ParseError("--timeline", f"cannot read {str(path)!r}: {exc.strerror}", "a readable .toml or .json file") from None
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ParseError(str(path), f"invalid {path.suffix.lstrip('.').upper() or 'TOML'}: {exc}") from None
    return timeline_from_dict(data, str(path))
