"""Mission timelines: phases at locations, their doses and the mission total.

``mission_dose`` integrates the GCR dose-equivalent rate of each phase's
location over its duration, at the modulation W of the phase's dates (bundled
space-weather record and MSFC forecast, :mod:`.spectrum`) or a fixed activity level, and adds an optional SPE
scenario to one phase.  See :mod:`.environments`, :mod:`.spe`,
:mod:`.assessment`.

Phases are numbered from 1 everywhere a user sees them: ``spe_phase`` (API,
file and ``--spe-phase``) and every error message ("phase 2 ...").

Worst 30 days (NASA 30-day BFO limit, in Gy-Eq = RBE x absorbed dose, NCRP 132; not a dose
equivalent with quality factors): a 30-day window slides over the piecewise-constant GCR BFO Gy-Eq
rate of the whole timeline (each phase
at its mean rate, phases in time order, gaps between dated phases counted as
zero dose: the model knows nothing about where the crew is then), and the SPE
is an impulse of ``RBE * D_BFO`` placed at the worst instant of its phase
(the event's date is not modelled).  Splitting a phase into pieces therefore
does not change the result.
"""

from __future__ import annotations

import datetime as _dt
import json
import numbers
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError, ParseError, UnknownNameError, require_positive
from spaceplan.radiation import environments, gcr, spectrum
from spaceplan.radiation import spe as spe_mod
from spaceplan.radiation.assessment import Assessment, assess

_PHASE_SAMPLE_S = 15.0 * DAY  # solar-cycle sampling step inside a phase
MAX_YEARS = 10.0  # longest phase and longest mission: beyond any planned crewed mission (and the model's validation)
MAX_DAYS = MAX_YEARS * 365.25
_DURATION_RANGE = f"0 to {MAX_DAYS:g} days ({MAX_YEARS:g} years) per phase and for the whole timeline"
_WINDOW_S = 30.0 * DAY  # NASA short-term BFO limit window


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
    phi_mv: float  # force-field potential equivalent to the phase's W (core solar-cycle line), for reports
    rate_sv_per_day: float  # GCR dose-equivalent rate (mean over the phase)
    gcr_dose_sv: float
    spe_dose_sv: float
    dose_sv: float  # GCR + SPE dose equivalent
    absorbed_gy: float  # GCR absorbed (transported spectra) + SPE BFO absorbed
    cumulative_sv: float  # mission total at the end of this phase
    spe: spe_mod.SpeDose | None = None
    modulation_w: float = float("nan")  # ISO 15390 modulation parameter W (mean over the phase)
    gcr_bfo_gy_eq: float = 0.0  # GCR Gy-Eq to the blood-forming organs (NCRP 132 RBE)

    @property
    def duration_days(self) -> float:
        return self.duration_s / DAY

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        return {
            "label": self.label, "location": self.location, "duration_days": self.duration_days,
            "start_utc": None if self.start_tdb is None else str(tdb_to_iso(self.start_tdb))[:10],
            "phi_mv": self.phi_mv, "modulation_w": self.modulation_w, "rate_msv_per_day": self.rate_sv_per_day * 1e3,
            "gcr_bfo_mgy_eq": self.gcr_bfo_gy_eq * 1e3,
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
    notes: tuple[str, ...] = ()  # model caveats of this run (e.g. SPE depth extrapolation)
    warnings: tuple = ()  # validity warnings ({code, field, message}): the shielding depth (gcr.shielding_warnings)

    @property
    def assessment(self) -> str:
        return self.assessment_detail.text

    @property
    def duration_days(self) -> float:
        return sum(p.duration_s for p in self.phases) / DAY

    @property
    def fraction_of_nasa_limit(self) -> float:
        return self.assessment_detail.fraction_of_nasa_limit

    def to_frame(self):
        """One row per exposure phase (pandas DataFrame, display units)."""
        from spaceplan.core.results import frame

        return frame([p.to_dict() for p in self.phases])

    def to_dict(self) -> dict:
        a = self.assessment_detail
        return {
            "total_msv": self.total_sv * 1e3, "total_absorbed_mgy": self.total_absorbed_gy * 1e3,
            "duration_days": self.duration_days, "shielding_gcm2": self.shielding_gcm2, "material": self.material,
            "solar_activity": self.solar_activity, "spe": self.spe_event,
            "model_uncertainty_fraction": a.uncertainty_fraction,
            "fraction_of_nasa_limit": a.fraction_of_nasa_limit, "fraction_of_1sv_limit": a.fraction_of_1sv_limit,
            "acute_bfo_mgy": a.acute_bfo_gy * 1e3, "worst_30day_bfo_mgy_eq": a.worst_30day_bfo_gy_eq * 1e3,
            "acute_level": a.acute_level, "chronic_level": a.chronic_level, "assessment": a.text, "notes": list(self.notes),
            "phases": [p.to_dict() for p in self.phases], "warnings": list(self.warnings),
        }


def _start_field(k: int) -> str:
    return f"phase {k + 1}.start_tdb"


def _resolve_starts(phases: list[Phase], start_field=_start_field) -> list[float | None]:
    """Fill missing start dates by chaining from dated neighbours; check order and overlap.

    ``start_field(k)`` names the start of phase index ``k`` in errors (phases numbered from 1).
    """
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
            raise InputError(start_field(k),
                             f"phase {k + 1} ({phases[k].location}) starts {(prev_end - starts[k]) / DAY:.1f} days "
                             f"before phase {k} ends (phases overlap)",
                             "each phase starting at or after the end of the previous one")
    return starts


def phi_label(solar_activity) -> tuple[str, float | None]:
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
                start: float | None, duration_s: float) -> tuple[float, float, float, float, float]:
    """(mean phi MV, mean W, dose-equivalent Sv/day, absorbed Gy/day, BFO Gy-Eq/day) over a phase."""
    if phi_fixed is not None:
        ws = np.atleast_1d(spectrum.w_from_phi(phi_fixed))
    elif start is None:
        ws = np.array([spectrum.named_w("min")])
    else:
        n = max(2, int(np.ceil(duration_s / _PHASE_SAMPLE_S)) + 1)
        ws = np.atleast_1d(spectrum.w_at(np.linspace(start, start + duration_s, n)))
    h = environments.rate_w(location, shielding, material, ws)
    d = environments.rate_w(location, shielding, material, ws, "absorbed")
    eq = environments.bfo_gy_eq_rate(location, shielding, material, ws)
    w = float(np.mean(ws))
    return float(spectrum.phi_from_w(w)), w, float(np.mean(h)), float(np.mean(d)), float(np.mean(eq))


def check_total_duration(field_name: str, total_s: float) -> None:
    """Refuse a timeline longer than :data:`MAX_YEARS` in total (the range is in the message)."""
    if total_s > MAX_DAYS * DAY:
        raise InputError(field_name, f"the phases add up to {total_s / DAY:,.0f} days ({total_s / DAY / 365.25:.3g} "
                         "years)", _DURATION_RANGE)


def phase_number(field_name: str, value, n_phases: int) -> int:
    """A 1-based phase number: an integer (not bool, not float) in 1..n_phases."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InputError(field_name, f"expected a whole phase number, got {value!r}", f"1 to {n_phases}")
    if not 1 <= int(value) <= n_phases:
        raise InputError(field_name, f"got {int(value)}, the timeline has {n_phases} phase"
                         f"{'s' if n_phases != 1 else ''}", f"1 to {n_phases}")
    return int(value)


def _spe_phase_index(phases: list[Phase], spe_phase: int | None) -> int:
    """0-based index of the phase hit by the SPE; ``spe_phase`` is 1-based."""
    if spe_phase is not None:
        return phase_number("spe_phase", spe_phase, len(phases)) - 1
    names = [environments.location_name(p.location) for p in phases]
    if "deep_space" in names:
        return names.index("deep_space")
    exposed = [k for k, n in enumerate(names) if environments.environment(n)["spe_exposure"] > 0]
    if not exposed:
        raise InputError("spe", "no phase of the timeline is exposed to solar particle events",
                         "a timeline with a deep_space, orbit or surface phase")
    return exposed[0]


def worst_window_dose(segments, impulse=None, window_s: float = _WINDOW_S) -> float:
    """Largest dose in any window of ``window_s`` seconds.

    ``segments``: ``(t0, t1, rate)`` with a constant dose rate (per second)
    on ``[t0, t1]``; the rate is zero outside them.  ``impulse``: optional
    ``(a, b, dose)``, a dose delivered at one instant somewhere in ``[a, b]``,
    placed where it makes the window worst.  The window dose is piecewise
    linear in the window start ``t``, with kinks where ``t`` or ``t + window_s``
    crosses a segment end, so its maximum over an interval of ``t`` is at a
    kink or at an end of the interval.
    """
    segments = [(float(t0), float(t1), float(r)) for t0, t1, r in segments if t1 > t0]

    def dose(t: float) -> float:
        return sum(r * max(0.0, min(t1, t + window_s) - max(t0, t)) for t0, t1, r in segments)

    kinks = {x for t0, t1, _ in segments for x in (t0, t1)}
    kinks |= {x - window_s for x in kinks}
    best = max((dose(t) for t in kinks), default=0.0)
    if impulse is not None:
        a, b, value = impulse
        lo, hi = float(a) - window_s, float(b)  # windows [t, t + w] that contain some instant of [a, b]
        candidates = [t for t in kinks if lo <= t <= hi] + [lo, hi]
        best = max(best, max(dose(t) for t in candidates) + float(value))
    return best


def mission_dose(phases, shielding_gcm2: float = 20.0, material: str = "aluminium", solar_activity=None,
                 spe: str | None = None, spe_phase: int | None = None, shelter_gcm2: float | None = None,
                 shelter_material: str = "polyethylene") -> MissionDose:
    """Dose over a timeline of :class:`Phase` objects.

    ``shielding_gcm2``: areal density of ``material`` around the crew (all
    phases; on planetary surfaces it adds to the atmosphere).  ``solar_activity``:
    None/"auto" (modulation from each phase's dates; solar minimum when
    undated: the conservative default), "min", "max" or phi in MV.  ``spe``:
    optional historical SPE scenario (``spe.event_names()``) added to phase
    number ``spe_phase`` (1-based; default: the first deep-space phase, else
    the first phase exposed to SPEs); ``spe_phase`` without ``spe`` is an error.
    ``shelter_gcm2``: a storm shelter, that many g/cm^2 of ``shelter_material`` added
    (as aluminium equivalent, SPE stopping-power ratio) to the shielding for the
    hours of the SPE only; the assessment then gives the acute verdict with and
    without it.
    """
    phases = list(phases)
    if not phases:
        raise InputError("phases", "the timeline is empty", "at least one phase")
    for k, p in enumerate(phases):
        if not isinstance(p, Phase):
            raise InputError(f"phase {k + 1}", f"expected a Phase, got {type(p).__name__}")
        environments.location_name(p.location)
        # zero-length phases are accepted (e.g. a flyby with no surface stay) and contribute nothing
        require_positive(f"phase {k + 1}.duration_s", p.duration_s, allow_zero=True, unit="s")
        if p.duration_s > MAX_DAYS * DAY:
            raise InputError(f"phase {k + 1}.duration_s", f"{p.duration_s / DAY:,.0f} days", _DURATION_RANGE)
    check_total_duration("phases", sum(p.duration_s for p in phases))
    require_positive("shielding_gcm2", shielding_gcm2, allow_zero=True, unit="g/cm^2")
    material = gcr.material_name(material)
    label, phi_fixed = phi_label(solar_activity)
    starts = _resolve_starts(phases)
    if spe is None and spe_phase is not None:
        raise InputError("spe_phase", f"phase {spe_phase!r} given without an SPE scenario",
                         "spe_phase only together with spe")
    spe_index = _spe_phase_index(phases, spe_phase) if spe is not None else -1
    shelter_al, unsheltered, shelter_text = 0.0, None, ""
    if shelter_gcm2 is not None:
        if spe is None:
            raise InputError("shelter_gcm2", "a storm shelter given without an SPE scenario", "shelter only with spe")
        require_positive("shelter_gcm2", shelter_gcm2, allow_zero=True, unit="g/cm^2")
        shelter_material = gcr.material_name(shelter_material)
        shelter_al = float(shelter_gcm2) * spe_mod.stopping_power_ratio(shelter_material)
        shelter_text = f"+{float(shelter_gcm2):g} g/cm^2 {shelter_material} for the hours of the event"

    results, total, total_abs = [], 0.0, 0.0
    acute, acute_src, shielded_src = 0.0, "", ""
    segments, impulse, notes = [], None, []
    clock = 0.0  # undated timelines: phases back to back from t = 0
    for k, (p, start) in enumerate(zip(phases, starts)):
        loc = environments.location_name(p.location)
        phi, w, rate, abs_rate, gy_eq_rate = _phase_rate(loc, shielding_gcm2, material, phi_fixed, start,
                                                         p.duration_s)
        days = p.duration_s / DAY
        gcr_sv = rate * days
        absorbed = abs_rate * days
        spe_dose = None
        spe_sv = 0.0
        t0 = clock if start is None else start
        clock = t0 + p.duration_s
        # Worst 30 days: GCR BFO Gy-Eq (NCRP 132 RBE, not quality factors) + SPE Gy-Eq (RBE x BFO).
        segments.append((t0, t0 + p.duration_s, gy_eq_rate / DAY))
        if k == spe_index:
            if shelter_gcm2 is not None:
                unsheltered = spe_mod.spe_dose(spe, shielding_gcm2, material, loc).bfo_gy
                spe_dose = spe_mod.spe_dose(spe, shielding_gcm2, material, loc, extra_al_gcm2=shelter_al)
            else:
                spe_dose = spe_mod.spe_dose(spe, shielding_gcm2, material, loc)
            spe_sv = spe_dose.dose_equivalent_sv
            absorbed += spe_dose.bfo_gy
            impulse = (t0, t0 + p.duration_s, spe_sv)
            if spe_dose.note:
                notes.append(f"SPE in phase {k + 1} ({loc}): {spe_dose.note}")
            if spe_dose.bfo_gy > acute:
                acute, acute_src = spe_dose.bfo_gy, f"the {spe_dose.title} event during phase {k + 1} ({loc})"
            elif spe_dose.bfo_gy == 0.0:
                shield = "the geomagnetic field and the atmosphere" if loc == "earth" else "the geomagnetic field"
                shielded_src = (f"The {spe_dose.title} solar particle event was requested in phase {k + 1} ({loc}) "
                                f"but adds no dose there: {shield} shields that location from SPE protons.")
        total += gcr_sv + spe_sv
        total_abs += absorbed
        results.append(PhaseDose(p.label or loc, loc, float(p.duration_s), start, phi, rate, gcr_sv, spe_sv,
                                 gcr_sv + spe_sv, absorbed, total, spe_dose, w, gy_eq_rate * days))
    worst30 = worst_window_dose(segments, impulse)
    verdict = assess(total, acute, worst30, acute_src, total_abs, spe_shielded=shielded_src,
                     unsheltered_bfo_gy=unsheltered if acute > 0 else None, shelter=shelter_text)
    return MissionDose(tuple(results), total, total_abs, float(shielding_gcm2), material, label,
                       None if spe is None else spe_mod.event_name(spe), verdict, tuple(notes),
                       gcr.shielding_warnings(shielding_gcm2))


# ----------------------------------------------------------------------------
# Reading timelines from text (CLI flags) and files (TOML / JSON)
# ----------------------------------------------------------------------------

def parse_duration_days(field_name: str, text) -> float:
    """``180d``, ``2.5y``, ``6mo``, ``36h``, ``3w`` or a bare number of days -> days (> 0); see
    :func:`spaceplan.core.durations.parse_duration`."""
    from spaceplan.core.constants import DAY
    from spaceplan.core.durations import parse_duration

    value = parse_duration(text, field_name, default_unit="d") / DAY
    if value > MAX_DAYS:
        raise InputError(field_name, f"{text!r} is {value:,.0f} days", _DURATION_RANGE)
    return value


def _start_tdb(field_name: str, value) -> float | None:
    """TDB of a UTC start given as text, a date or a (naive or timezone-aware) datetime."""
    if value is None or value == "":
        return None
    from spaceplan.core.time import utc_to_tdb

    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:  # TOML offset date-time: to naive UTC before core.time sees it
            value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    elif isinstance(value, _dt.time) or not isinstance(value, (str, _dt.date)):
        raise InputError(field_name, f"expected a UTC date, got {value!r}",
                         "YYYY-MM-DD or an ISO 8601 date-time, e.g. 2031-01-01 or 2031-01-01T06:00:00Z")
    return float(utc_to_tdb(value, field=field_name))


def _location(field_name: str, value) -> str:
    if not isinstance(value, str):
        raise InputError(field_name, f"expected a location name, got {value!r}", ", ".join(environments.locations()))
    try:
        environments.location_name(value)
    except UnknownNameError as exc:
        raise UnknownNameError(field_name, value, exc.known) from None
    return value.strip()


def parse_timeline(text: str, start: str | None = None) -> list[Phase]:
    """Phases from ``"deep_space:180d,mars_surface:500d,deep_space:180d"``.

    Each item is ``location:duration`` with an optional ``@YYYY-MM-DD`` start
    date (``mars_surface:500d@2030-02-01``); ``start`` dates the first phase and
    undated phases follow on from the previous one.  Errors name the phase by
    its 1-based number (``--timeline phase 2``).
    """
    items = [item.strip() for item in str(text).split(",") if item.strip()]
    if not items:
        raise InputError("--timeline", f"no phases in {text!r}", "location:duration[,location:duration...]")
    phases, fields = [], []
    for k, item in enumerate(items):
        where = f"--timeline phase {k + 1}"
        body, at, date = item.partition("@")
        location, sep, duration = body.partition(":")
        if not sep or not location.strip():
            raise InputError(where, f"cannot read phase {item!r}", "location:duration, e.g. deep_space:180d")
        location = _location(f"{where} location", location)
        days = parse_duration_days(f"{where} duration", duration)
        if at and not date.strip():
            raise InputError(f"{where} start", f"empty date after '@' in {item!r}", "location:duration@YYYY-MM-DD")
        if k == 0 and date.strip() and start is not None:
            raise InputError("--start", f"phase 1 already has a start date ({date.strip()})",
                             "--start or a '@YYYY-MM-DD' on phase 1, not both")
        field_name = "--start" if k == 0 and not date.strip() else f"{where} start"
        when = date.strip() or (start if k == 0 else None)
        phases.append(Phase(location, days * DAY, _start_tdb(field_name, when)))
        fields.append(field_name)
    check_total_duration("--timeline", sum(p.duration_s for p in phases))
    _resolve_starts(phases, lambda k: fields[k])
    return phases


_TOP_KEYS = ("phase", "phases", "start", "shielding_gcm2", "material", "solar_activity", "spe", "spe_phase")
_PHASE_KEYS = ("location", "duration_days", "duration", "start", "label")


def _check_keys(field_name: str, table: dict, allowed) -> None:
    for key in table:
        if key not in allowed:
            raise UnknownNameError(field_name, str(key), allowed)


def _number(field_name: str, value, unit: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InputError(field_name, f"expected a number in {unit}, got {value!r}", f"a number >= 0 ({unit})")
    require_positive(field_name, value, allow_zero=True, unit=unit)
    return float(value)


def _text(field_name: str, value, allowed: str) -> str:
    if not isinstance(value, str):
        raise InputError(field_name, f"expected text, got {value!r}", allowed)
    return value


def timeline_from_dict(data: dict, source: str = "timeline", start=None) -> tuple[list[Phase], dict]:
    """(phases, options) from a parsed TOML/JSON document.

    Keys: ``phase`` or ``phases`` (list of tables with ``location``,
    ``duration_days`` or ``duration`` ("180d"), optional ``start`` (UTC date)
    and ``label``); optional top-level ``start``, ``shielding_gcm2``,
    ``material``, ``solar_activity``, ``spe``, ``spe_phase`` (1-based).  Any
    other key, or a value of the wrong type, raises an InputError naming it.
    ``start`` (e.g. the CLI's ``--start``) replaces the first phase's start.
    Options come back checked and typed, ``spe_phase`` still 1-based.
    """
    if not isinstance(data, dict):
        raise ParseError(source, "expected a table/object at the top level", "see docs/radiation.md")
    _check_keys(f"{source}: top-level key", data, _TOP_KEYS)
    if "phase" in data and "phases" in data:
        raise ParseError(f"{source}: phases", "both 'phase' and 'phases' given", "one list of phases")
    rows = data.get("phases", data.get("phase"))
    if not isinstance(rows, list) or not rows:
        raise ParseError(f"{source}: phases", "missing or empty list of phases", "[[phase]] tables or a 'phases' list")
    if "start" in data and isinstance(rows[0], dict) and "start" in rows[0]:
        raise InputError(f"{source}: start", "both the top-level start and phase 1's start are given",
                         "one of them")
    phases, fields = [], []
    for k, row in enumerate(rows):
        where = f"{source}: phase {k + 1}"
        if not isinstance(row, dict) or "location" not in row:
            raise ParseError(where, "each phase needs a 'location'", "location, duration_days, [start], [label]")
        _check_keys(f"{where} key", row, _PHASE_KEYS)
        if "duration_days" in row and "duration" in row:
            raise InputError(f"{where}.duration", "both 'duration_days' and 'duration' given", "one of them")
        if "duration_days" in row:
            days = parse_duration_days(f"{where}.duration_days", row["duration_days"])
        elif "duration" in row:
            days = parse_duration_days(f"{where}.duration", row["duration"])
        else:
            raise ParseError(where, "each phase needs 'duration_days' or 'duration'", "e.g. duration_days = 180")
        location = _location(f"{where}.location", row["location"])
        label = _text(f"{where}.label", row.get("label", ""), "a text label")
        if k == 0 and start is not None:
            field_name, when = "--start", start
        elif k == 0 and "start" in data:
            field_name, when = f"{source}: start", data["start"]
        else:
            field_name, when = f"{where}.start", row.get("start")
        phases.append(Phase(location, days * DAY, _start_tdb(field_name, when), label))
        fields.append(field_name)
    check_total_duration(f"{source}: phases", sum(p.duration_s for p in phases))
    _resolve_starts(phases, lambda k: fields[k])

    options = {}
    if "shielding_gcm2" in data:
        options["shielding_gcm2"] = _number(f"{source}: shielding_gcm2", data["shielding_gcm2"], "g/cm^2")
    if "material" in data:
        options["material"] = _text(f"{source}: material", data["material"], ", ".join(gcr.MATERIALS))
    if "solar_activity" in data:
        value = data["solar_activity"]
        if isinstance(value, bool) or not isinstance(value, (str, numbers.Real)):
            raise InputError(f"{source}: solar_activity", f"expected min, max, auto or phi in MV, got {value!r}",
                             "min, max, auto or a number (MV)")
        options["solar_activity"] = value
    if "spe" in data:
        options["spe"] = _text(f"{source}: spe", data["spe"], ", ".join(spe_mod.event_names()))
    if "spe_phase" in data:
        options["spe_phase"] = phase_number(f"{source}: spe_phase", data["spe_phase"], len(phases))
    return phases, options


def load_timeline(path, start=None) -> tuple[list[Phase], dict]:
    """(phases, options) from a ``.toml`` or ``.json`` timeline file (see :func:`timeline_from_dict`)."""
    path = Path(path)
    try:
        raw = path.read_text("utf-8")
    except OSError as exc:
        raise ParseError("--timeline", f"cannot read {str(path)!r}: {exc.strerror}", "a readable .toml or .json file") from None
    except UnicodeDecodeError:
        raise ParseError("--timeline", f"{str(path)!r} is not UTF-8 text", "a .toml or .json file") from None
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ParseError(str(path), f"invalid {path.suffix.lstrip('.').upper() or 'TOML'}: {exc}") from None
    return timeline_from_dict(data, str(path), start=start)
