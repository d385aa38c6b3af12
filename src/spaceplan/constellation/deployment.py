"""Deployment campaigns: how long a launcher at a given cadence takes to fill a constellation.

Model
-----
* Satellites per launch: the launcher's demonstrated load for that constellation when
  known (the vehicle preset's ``[deployment]`` table), else floor(payload x (1 - dispenser fraction) / satellite mass).
* Launch dates: from ``start`` at ``cadence`` launches per year; a ramp is a list of
  (years after start, launches per year) steps.
* Shells are filled in order, planes in order.  A launch is timed so that its orbit plane
  has the RAAN of the next unfilled plane (launch time of day sets the node).  Satellites
  for that plane raise at once (``raise_days``).  Satellites that overflow to the next planes
  wait in the insertion orbit (altitude h_ins) and drift in RAAN against the operational
  shell by differential J2 (Vallado 2013 eq. 9-41, circular orbits):

      dOmega/dt = -3/2 n J2 (R/a)^2 cos i,   t_wait = q dOmega_planes / |dOmega/dt(h_ins) - dOmega/dt(h_op)|

  for the plane q places further along the drift direction (spacing = node spread / P);
  then they raise.  This is how Starlink spreads one Falcon 9 load over neighbouring planes
  (and why a plane filled by drift takes months).
* A satellite is operational at launch + wait + raise; a shell reaches full operational
  capability (FOC) when its last satellite is operational.  No launch failures, no
  in-orbit failures or spares, no limit on satellite production.

Validity envelope (the campaign's ``warnings``): refused, a cadence above one launch a day, a given load
more than 10 % above the launcher's quoted payload, a spread by drift that takes over ``max_drift_years``;
warned, a cadence above the most launches a year the vehicle has flown (the preset's
``demonstrated_cadence_per_year`` with its source), a first launch before the vehicle's first flight, a
given load above the quoted payload (within the 10 %), and the shells' envelope
(:data:`spaceplan.constellation.shells.SHELL_ENVELOPE`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import registry
from spaceplan.core.constants import DAY, EARTH_RADIUS, JULIAN_YEAR
from spaceplan.core.durations import parse_rate
from spaceplan.core.errors import InputError, UnknownNameError, require_positive
from spaceplan.core.validity import Bound, Envelope, check, physical, warning

@dataclass(frozen=True)
class Launcher:
    key: str
    name: str
    payload_kg: float
    insertion_altitude_m: float
    reusable: bool
    cadence_per_year: float
    dispenser_fraction: float
    first_year: int
    source: str
    sats_per_launch: dict
    demonstrated_cadence_per_year: float | None = None  # most launches the vehicle flew in a year (None: unknown)
    demonstrated_source: str = ""

    def satellites_per_launch(self, constellation_key: str, satellite_mass_kg: float) -> tuple[int, str]:
        """(count, basis): demonstrated load if known, else limited by mass."""
        if constellation_key in self.sats_per_launch:
            return int(self.sats_per_launch[constellation_key]), "demonstrated/contracted load (preset [deployment.sats_per_launch])"
        n = int(math.floor(self.payload_kg * (1.0 - self.dispenser_fraction) / satellite_mass_kg))
        return n, f"mass-limited: {self.payload_kg:.0f} kg x (1 - {self.dispenser_fraction:g}) / {satellite_mass_kg:g} kg"

    def to_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "payload_kg": self.payload_kg,
                "insertion_altitude_km": self.insertion_altitude_m / 1e3, "reusable": self.reusable,
                "typical_cadence_per_year": self.cadence_per_year, "first_year": self.first_year, "source": self.source}


def list_launchers() -> list[str]:
    """Vehicle presets with a ``[deployment]`` table (registry kind ``vehicles``)."""
    return registry.names("vehicles", table="deployment")


def load_launcher(name: str) -> Launcher:
    """The deployment data of a vehicle preset (``soyuz-2.1b``, ``Falcon 9``: any case or punctuation)."""
    preset = registry.load("vehicles", name, table="deployment", field="launcher")
    key, t = preset.name, preset.table("deployment")
    shown = t.get("demonstrated_cadence_per_year")
    return Launcher(key, t["name"], float(t["payload_kg"]), float(t["insertion_altitude_km"]) * 1e3,
                    bool(t["reusable"]), float(t["cadence_per_year"]), float(t.get("dispenser_fraction", 0.0)),
                    int(t.get("first_year", 0)), t.get("source", ""), dict(t.get("sats_per_launch", {})),
                    None if shown is None else float(shown), str(t.get("demonstrated_source", "")))


def satellite_data(constellation_key: str) -> dict:
    """Satellite mass (kg) and raise time (days): the ``[satellite]`` table of a constellation preset."""
    return registry.load("constellations", constellation_key, table="satellite",
                         field="satellite data for constellation").table("satellite")


GIVEN_LOAD_MARGIN = 1.1  # a given --per-launch may exceed the launcher's quoted payload by this factor, no more
MAX_CADENCE_PER_YEAR = 365.0  # one launch a day; the busiest vehicle so far flew ~130 a year (Falcon 9, 2024)


def parse_cadence(text) -> list[tuple[float, float]]:
    """``24/yr``, ``2/month``, ``24`` (per year) or a ramp ``6/yr,12/yr@2,24/yr@4`` (rate@years after start)
    -> [(years after start, launches per year)]; rates are read by :func:`spaceplan.core.durations.parse_rate`."""
    if isinstance(text, (list, tuple)):
        out = [(float(y), float(r)) for y, r in text]
    else:
        out = []
        for part in ([text] if isinstance(text, (int, float)) else str(text).split(",")):
            rate_txt, _, year_txt = str(part).strip().partition("@")
            try:
                year = float(year_txt) if year_txt else 0.0
            except ValueError:
                raise InputError("cadence", f"cannot read {part!r}", "e.g. 24/yr, 2/month, or a ramp 6/yr,12/yr@2") from None
            rate = text if isinstance(text, (int, float)) else rate_txt
            out.append((year, parse_rate(rate, "cadence") * JULIAN_YEAR))
    for year, _ in out:
        if not (math.isfinite(year) and year >= 0.0):
            raise InputError("cadence", f"ramp year {year!r} after the start", "finite years >= 0, e.g. 6/yr,12/yr@2")
    out.sort()
    if not out or out[0][0] != 0.0:
        raise InputError("cadence", "the ramp must start at year 0", "e.g. 6/yr,12/yr@2")
    for year, r in out:
        require_positive("cadence", r, unit="per year")
        if r > MAX_CADENCE_PER_YEAR:
            raise InputError("cadence", f"{r:g} launches per year", f"at most {MAX_CADENCE_PER_YEAR:g} per year "
                             "(one launch a day)")
        if not 0.0 <= year <= 100.0:
            raise InputError("cadence", f"ramp step at year {year:g}", "0 to 100 years after the start")
    return out


def launch_epochs(start_tdb: float, cadence: list[tuple[float, float]], count: int) -> np.ndarray:
    """TDB epochs of ``count`` launches: each interval is 1 / (rate in force at the previous launch)."""
    t = np.empty(count)
    now = start_tdb
    for k in range(count):
        t[k] = now
        years = (now - start_tdb) / JULIAN_YEAR
        rate = [r for y, r in cadence if y <= years + 1e-12][-1]
        now += JULIAN_YEAR / rate
    return t


def raan_rate(altitude_m, inclination_rad) -> np.ndarray:
    """Secular J2 nodal rate of a circular orbit (rad/s)."""
    from spaceplan.constellation.shells import j2_rates

    return j2_rates(EARTH_RADIUS + np.asarray(altitude_m, dtype=float), inclination_rad)[0]


@dataclass(frozen=True, eq=False)
class ShellDeployment:
    name: str
    satellites: int
    planes: int
    first_launch_tdb: float
    foc_tdb: float
    launches: int
    max_drift_wait_s: float

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        return {"shell": self.name, "satellites": self.satellites, "planes": self.planes, "launches": self.launches,
                "first_launch_utc": str(tdb_to_iso(self.first_launch_tdb, "D")),
                "full_operational_capability_utc": str(tdb_to_iso(self.foc_tdb, "D")),
                "max_drift_wait_days": self.max_drift_wait_s / DAY}


@dataclass(frozen=True, eq=False)
class DeploymentCampaign:
    """Result of :func:`plan_deployment`."""

    constellation: str
    constellation_key: str
    launcher: Launcher
    cadence: tuple
    start_tdb: float
    sats_per_launch: int
    sats_per_launch_basis: str
    satellite_mass_kg: float
    raise_days: float
    launch_tdb: np.ndarray
    operational_tdb: np.ndarray  # (N,) per satellite, in shell/plane order
    shells: tuple[ShellDeployment, ...]
    warnings: tuple = ()  # validity warnings ({code, field, message}): :func:`campaign_envelope`

    @property
    def foc_tdb(self) -> float:
        return float(self.operational_tdb.max())

    def operational_count(self, tdb) -> np.ndarray:
        """Number of operational satellites at epochs ``tdb``."""
        s = np.sort(self.operational_tdb)
        return np.searchsorted(s, np.asarray(tdb, dtype=float), side="right")

    def notes(self) -> list[str]:
        """Remarks on the campaign's realism (e.g. a launcher not yet flying at the start date: also a warning)."""
        from spaceplan.core.time import tdb_to_datetime64

        out = []
        start_year = int(str(tdb_to_datetime64(self.start_tdb))[:4])
        if self.launcher.first_year and start_year < self.launcher.first_year:
            out.append(f"{self.launcher.name} is not expected to fly before {self.launcher.first_year}: "
                       f"a {start_year} start is hypothetical")
        if "mass-limited" in self.sats_per_launch_basis:
            out.append("satellites per launch limited by mass only; fairing volume and dispenser may allow fewer")
        return out

    def milestone_tdb(self, fraction: float) -> float:
        s = np.sort(self.operational_tdb)
        k = max(int(math.ceil(fraction * len(s))) - 1, 0)
        return float(s[k])

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        years = (self.foc_tdb - self.start_tdb) / JULIAN_YEAR
        return {
            "constellation": self.constellation, "constellation_key": self.constellation_key,
            "launcher": self.launcher.to_dict(),
            "cadence_per_year": [{"from_year": y, "launches_per_year": r} for y, r in self.cadence],
            "start_utc": str(tdb_to_iso(self.start_tdb, "D")),
            "satellites": int(len(self.operational_tdb)), "satellite_mass_kg": self.satellite_mass_kg,
            "sats_per_launch": self.sats_per_launch, "sats_per_launch_basis": self.sats_per_launch_basis,
            "raise_days": self.raise_days, "launches": int(len(self.launch_tdb)),
            "last_launch_utc": str(tdb_to_iso(self.launch_tdb[-1], "D")),
            "full_operational_capability_utc": str(tdb_to_iso(self.foc_tdb, "D")),
            "years_to_foc": years,
            "milestones": {f"{int(f * 100)}pct_utc": str(tdb_to_iso(self.milestone_tdb(f), "D")) for f in (0.25, 0.5, 0.75, 1.0)},
            "shells": [s.to_dict() for s in self.shells],
            "notes": self.notes(),
            "warnings": list(self.warnings),
            "model": "launch timed to the target plane; overflow drifts by differential J2 at the insertion altitude; "
                     "no failures, spares or production limits",
        }


def campaign_envelope(lv: Launcher) -> Envelope:
    """The deployment model's envelope for launcher ``lv``: cadence up to the most launches a year it has flown
    (warn beyond; refused above one a day by :func:`parse_cadence`); times >= 0 (refuse below)."""
    inputs = ()
    if lv.demonstrated_cadence_per_year is not None:
        why = f"the most {lv.name} has flown in a year" + (f": {lv.demonstrated_source}" if lv.demonstrated_source
                                                            else "")
        inputs = (Bound("cadence_per_year", None, lv.demonstrated_cadence_per_year, code="beyond_demonstrated_cadence",
                        unit="per year", label="cadence", why=why),)
    return Envelope("the deployment campaign", inputs=inputs, outputs=(
        physical("years_to_foc", "time", "time to full capability", 1.0, "years"),
        physical("wait_s", "time", "drift wait", 1 / DAY, "d")))


def plan_deployment(constellation, launcher, cadence="24/yr", start_tdb: float | None = None, *,
                    satellite_mass_kg: float | None = None, sats_per_launch: int | None = None,
                    raise_days: float | None = None, max_launches: int = 20_000,
                    max_drift_years: float = 10.0) -> DeploymentCampaign:
    """Plan a deployment of ``constellation`` (preset name or Constellation) with ``launcher`` from the first
    launch at ``start_tdb`` (TDB s past J2000; default 2026-01-01 00:00 UTC).

    Each launch serves one shell; satellites bound for other planes of that shell wait for the
    differential J2 nodal drift (at most ``max_drift_years``, else an InputError naming the launcher).
    """
    from spaceplan.constellation.shells import Constellation, load_constellation
    from spaceplan.core.time import utc_to_tdb

    const = constellation if isinstance(constellation, Constellation) else load_constellation(constellation)
    lv = launcher if isinstance(launcher, Launcher) else load_launcher(launcher)
    key = const.key
    if satellite_mass_kg is None or raise_days is None:
        try:
            sd = satellite_data(key)
        except UnknownNameError:
            if satellite_mass_kg is None:
                raise
            sd = {"mass_kg": satellite_mass_kg, "raise_days": 90.0}
        satellite_mass_kg = float(sd["mass_kg"]) if satellite_mass_kg is None else satellite_mass_kg
        raise_days = float(sd["raise_days"]) if raise_days is None else raise_days
    require_positive("satellite_mass_kg", satellite_mass_kg, unit="kg")
    require_positive("raise_days", raise_days, allow_zero=True, unit="days")
    if sats_per_launch is None:
        n_launch, basis = lv.satellites_per_launch(key, satellite_mass_kg)
    else:
        n_launch, basis = int(sats_per_launch), "given"
        # quoted payloads and satellite masses are loose (V2 Mini loads sit at the figure), so allow 10 %
        n_max = int(math.floor(GIVEN_LOAD_MARGIN * lv.payload_kg / satellite_mass_kg))
        if n_launch > n_max >= 1:
            raise InputError("sats_per_launch", f"{n_launch} satellites of {satellite_mass_kg:g} kg = "
                             f"{n_launch * satellite_mass_kg / 1e3:,.4g} t, more than {lv.name} lifts to "
                             f"{lv.insertion_altitude_m / 1e3:g} km ({lv.payload_kg:,.0f} kg + 10 %)", f"1 to {n_max}")
    if n_launch < 1:
        raise InputError("sats_per_launch", f"{lv.name} cannot carry one {satellite_mass_kg:g} kg satellite "
                         f"({lv.payload_kg:g} kg to {lv.insertion_altitude_m / 1e3:g} km)", ">= 1 satellite per launch")
    steps = parse_cadence(cadence)
    start = float(utc_to_tdb("2026-01-01") if start_tdb is None else start_tdb)
    if not math.isfinite(start):
        raise InputError("start", f"got {start_tdb!r}", "a finite TDB epoch")
    total = const.count
    # a launch serves one shell (one inclination): each shell is filled by its own launches
    per_shell = [math.ceil(sh.count / n_launch) for sh in const.shells]
    n_launches = sum(per_shell)
    if n_launches > max_launches:
        raise InputError("launches", f"{n_launches} launches needed", f"at most {max_launches}")
    t_launch = launch_epochs(start, steps, n_launches)
    raise_s = raise_days * DAY
    max_wait_s = max_drift_years * 365.25 * DAY

    # satellite order: shell-major, plane-major; within a shell a launch takes the next n_launch
    # satellites, aimed at the plane of its first one; the others drift to their planes by the
    # differential J2 nodal rate between the insertion and the operational altitude
    op = np.empty(total)
    shell_results = []
    sat = first_launch = 0
    for sh, n_sh in zip(const.shells, per_shell):
        spacing = sh.node_spread / sh.planes
        rel_rate = abs(float(raan_rate(lv.insertion_altitude_m, sh.inclination_rad) - raan_rate(sh.altitude_m, sh.inclination_rad)))
        local = np.arange(sh.count)
        launch = first_launch + local // n_launch
        plane = local // sh.sats_per_plane
        q = plane - plane[(local // n_launch) * n_launch]  # planes to drift past the launch's target plane
        if np.any(q > 0):
            need = float(q.max()) * spacing
            if rel_rate * max_wait_s < need:
                raise InputError(
                    "launcher", f"{lv.name} inserts at {lv.insertion_altitude_m / 1e3:g} km, where the {sh.name} shell's "
                    f"planes drift apart by {math.degrees(rel_rate) * DAY:.3g} deg/day: spreading one launch over "
                    f"{int(q.max()) + 1} planes ({math.degrees(need):.0f} deg of node) takes more than "
                    f"{max_drift_years:g} years", "an insertion altitude with differential nodal drift, or at most "
                    f"one plane per launch (sats_per_launch <= {sh.sats_per_plane})")
        wait = np.where(q > 0, q * spacing / max(rel_rate, 1e-300), 0.0)
        op[sat:sat + sh.count] = t_launch[launch] + wait + raise_s
        shell_results.append(ShellDeployment(sh.name, sh.count, sh.planes, float(t_launch[first_launch]),
                                             float(op[sat:sat + sh.count].max()), int(n_sh), float(wait.max())))
        sat += sh.count
        first_launch += n_sh
    from spaceplan.constellation.shells import shell_warnings
    from spaceplan.core.time import tdb_to_datetime64

    found = shell_warnings(const) + check(campaign_envelope(lv), cadence_per_year=max(r for _, r in steps),
                                          years_to_foc=(float(op.max()) - start) / JULIAN_YEAR,
                                          wait_s=[s.max_drift_wait_s for s in shell_results])
    start_year = int(str(tdb_to_datetime64(start))[:4])
    if lv.first_year and start_year < lv.first_year:
        found += (warning("launcher_not_flying", "start", f"{lv.name} is not expected to fly before {lv.first_year}: "
                          f"a {start_year} first launch is hypothetical"),)
    if basis == "given" and n_launch * satellite_mass_kg > lv.payload_kg:
        found += (warning("above_quoted_payload", "sats_per_launch",
                          f"sats_per_launch {n_launch} x {satellite_mass_kg:g} kg = {n_launch * satellite_mass_kg:,.0f} kg "
                          f"is above {lv.name}'s quoted {lv.payload_kg:,.0f} kg to {lv.insertion_altitude_m / 1e3:g} km "
                          f"(accepted up to +10 %)"),)
    return DeploymentCampaign(const.name, key, lv, tuple(steps), float(start), n_launch, basis, float(satellite_mass_kg),
                              float(raise_days), t_launch, op, tuple(shell_results), found)


@dataclass(frozen=True)
class CoverageMilestone:
    """First date at which the satellites operational by then cover ``region`` to ``threshold``."""

    region: str
    threshold: float
    min_elevation_rad: float
    date_tdb: float | None  # None: threshold not reached even at full capability
    samples: tuple  # ((tdb, operational satellites, coverage fraction), ...)

    def to_dict(self) -> dict:
        from spaceplan.core.time import tdb_to_iso

        return {"region": self.region, "threshold": self.threshold,
                "min_elevation_deg": math.degrees(self.min_elevation_rad),
                "reached_utc": None if self.date_tdb is None else str(tdb_to_iso(self.date_tdb, "D")),
                "samples": [{"date_utc": str(tdb_to_iso(t, "D")), "operational": int(n), "coverage_fraction": f}
                            for t, n, f in self.samples],
                "model": "time-and-area coverage over 1 orbit-ish window of the satellites operational at each date"}


def coverage_milestone(campaign: DeploymentCampaign, constellation, region: str = "russia", threshold: float = 0.95,
                       min_elevation_deg: float = 25.0, grid_deg: float = 10.0, samples: int = 12,
                       window_s: float = 6000.0, step_s: float = 300.0, progress=None) -> CoverageMilestone:
    """Date when the partially deployed constellation first covers ``region`` to ``threshold``.

    Coverage (time-and-area fraction with >= 1 satellite above ``min_elevation_deg``) is
    evaluated with :func:`spaceplan.constellation.coverage.coverage` on a coarse grid over a
    ``window_s`` window at ``samples`` dates between the first operational satellite and full
    capability, using only the satellites operational at each date (in their final slots).
    The date reported is the first sampled date at or above the threshold (resolution:
    the sampling interval).  ``progress(done_samples, samples)`` is called after each date.
    """
    from spaceplan.constellation.coverage import coverage, time_grid
    from spaceplan.core.regions import parse_region
    from spaceplan.constellation.shells import Constellation, load_constellation, positions_eci
    from spaceplan.core.frames import teme_to_ecef

    if not 0.0 < threshold <= 1.0:
        raise InputError("threshold", f"got {threshold}", "0 < threshold <= 1")
    const = constellation if isinstance(constellation, Constellation) else load_constellation(constellation)
    if const.count != len(campaign.operational_tdb):
        raise InputError("constellation", "does not match the campaign", f"{len(campaign.operational_tdb)} satellites")
    ground = parse_region(region, grid_deg)
    elev = math.radians(min_elevation_deg)
    op = campaign.operational_tdb
    dates = np.linspace(float(np.min(op)), float(np.max(op)), int(samples))
    out = []
    reached = None
    for t in dates:
        mask = op <= t + 1e-6
        tg = time_grid(t, window_s, step_s)
        if not np.any(mask):
            out.append((float(t), 0, 0.0))
            continue

        def source(tdb, _mask=mask):
            r = positions_eci(const, tdb)[:, _mask]
            return teme_to_ecef(r, np.asarray(tdb)[:, None])

        frac = coverage(source, ground, tg, elev, name=const.name).coverage_fraction
        out.append((float(t), int(mask.sum()), float(frac)))
        if progress is not None:
            progress(len(out), len(dates))
        if reached is None and frac >= threshold:
            reached = float(t)
            break
    return CoverageMilestone(ground.name, float(threshold), elev, reached, tuple(out))
