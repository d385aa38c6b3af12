"""Orbital refilling campaign: tankers to fill a ship (or a depot), boil-off while loitering, and the calendar.

Model (every rate a stated, adjustable assumption):

* the receiving ship (or depot) reaches the refilling orbit with ``initial_kg`` of propellant on board; tanker k
  (k = 1..n) arrives ``k / cadence`` days later and transfers its delivered load ``q`` times (1 - transfer loss);
* everything on board boils off at ``boiloff_per_day`` (a fraction of what is on board per day) from its arrival
  to the departure burn, which comes ``final_coast_days`` after the last tanker.

After n tankers the load at departure is (Δ = 1/cadence, a = (1 - b)^Δ, with b the daily boil-off)

    P(n) = (initial a^n + q (1 - l) (1 - a^n) / (1 - a)) (1 - b)^coast      (geometric series)

More tankers mean a longer loiter and more boil-off: P(n) saturates at q (1 - l) / (1 - a) (the boil-off of the
whole load then equals what one tanker brings per interval).  The campaign is the least n with P(n) >= need, the
fixed point of "tankers -> campaign length -> boil-off -> tankers"; it does not exist (InfeasibleError naming
the limit) when the need is above the saturation load.

With a depot (``depot=True``) the tankers fill a depot first; the ship then docks and takes the depot's load with a
second transfer loss; the depot launch counts as one more launch.

Calendar: the ship (or depot) launches on day 0, tanker k on day k / cadence, the departure burn follows the last
tanker after ``final_coast_days``; so the first launch must fly (n / cadence + coast) days before departure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spaceplan.core.errors import InfeasibleError, InputError, require_positive, require_range

MAX_TANKERS = 200


@dataclass(frozen=True)
class Campaign:
    """A refilling campaign (masses kg, times days after the first launch)."""

    need_kg: float
    tanker_delivery_kg: float
    tankers: int
    launches: int  # tankers + the receiving ship (+ the depot)
    loaded_kg: float  # on board at departure
    boiloff_kg: float
    transfer_loss_kg: float
    duration_days: float  # first launch to departure burn
    cadence_per_day: float
    boiloff_per_day: float
    transfer_loss: float
    depot: bool
    launch_days: tuple[float, ...]  # ship/depot first, then tankers
    saturation_kg: float  # the most any number of tankers can load against this boil-off
    warnings: tuple = ()

    def to_dict(self) -> dict:
        return {"need_t": self.need_kg / 1e3, "tanker_delivery_t": self.tanker_delivery_kg / 1e3,
                "tankers": self.tankers, "launches": self.launches, "loaded_t": self.loaded_kg / 1e3,
                "boiloff_t": self.boiloff_kg / 1e3, "transfer_loss_t": self.transfer_loss_kg / 1e3,
                "duration_days": self.duration_days, "cadence_per_day": self.cadence_per_day,
                "boiloff_percent_per_day": 100.0 * self.boiloff_per_day, "transfer_loss_percent": 100 * self.transfer_loss,
                "depot": self.depot, "launch_days": list(self.launch_days), "saturation_t": self.saturation_kg / 1e3,
                "warnings": list(self.warnings)}


def check_rates(cadence_per_day: float, boiloff_per_day: float, transfer_loss: float,
                fields=("cadence", "boiloff", "transfer_loss")) -> None:
    """Named errors for rates that mean nothing (zero cadence, boil-off >= 100 %/day, loss >= 100 %)."""
    if not (math.isfinite(cadence_per_day) and cadence_per_day > 0):
        raise InputError(fields[0], f"got {cadence_per_day:g} launches/day", "> 0 (e.g. 2/week)")
    if cadence_per_day > 24.0:
        raise InputError(fields[0], f"got {cadence_per_day:g} launches/day", "at most 24/day (one an hour)")
    if not (0.0 <= boiloff_per_day < 1.0):
        raise InputError(fields[1], f"got {100 * boiloff_per_day:g} %/day", "0 to < 100 %/day")
    if not (0.0 <= transfer_loss < 1.0):
        raise InputError(fields[2], f"got {100 * transfer_loss:g} %", "0 to < 100 %")


def loaded_after(n: int, q: float, initial: float, interval_days: float, boiloff_per_day: float,
                 transfer_loss: float, coast_days: float) -> float:
    """Propellant on board at departure after ``n`` tankers (see the module docstring)."""
    a = (1.0 - boiloff_per_day) ** interval_days
    q_net = q * (1.0 - transfer_loss)
    series = n if a == 1.0 else (1.0 - a ** n) / (1.0 - a)
    start = initial * a ** n  # on board from day 0 to the last tanker, n intervals later
    return (start + q_net * series) * (1.0 - boiloff_per_day) ** coast_days


def campaign(need_kg: float, tanker_delivery_kg: float, *, cadence_per_day: float = 2.0 / 7.0,
             boiloff_per_day: float = 0.001, transfer_loss: float = 0.02, initial_kg: float = 0.0,
             final_coast_days: float = 1.0, depot: bool = False, tankers: int | None = None) -> Campaign:
    """The least number of tankers that loads ``need_kg`` at departure (or, with ``tankers``, that campaign).

    Raises InfeasibleError when no number of tankers does (boil-off saturation), InputError for bad rates."""
    require_positive("propellant need", need_kg, allow_zero=True, unit="kg")
    require_positive("tanker delivery", tanker_delivery_kg, unit="kg")
    require_positive("initial propellant", initial_kg, allow_zero=True, unit="kg")
    require_range("final coast", final_coast_days, 0.0, 365.0, unit="days")
    check_rates(cadence_per_day, boiloff_per_day, transfer_loss)
    dt = 1.0 / cadence_per_day
    a = (1.0 - boiloff_per_day) ** dt
    q_net = tanker_delivery_kg * (1.0 - transfer_loss) * ((1.0 - transfer_loss) if depot else 1.0)
    coast = (1.0 - boiloff_per_day) ** final_coast_days
    saturation = (math.inf if a == 1.0 else q_net / (1.0 - a)) * coast

    def load(n):
        return loaded_after(n, q_net, initial_kg, dt, boiloff_per_day, 0.0, final_coast_days)

    if tankers is None:
        if need_kg > saturation:
            raise InfeasibleError(
                f"infeasible: boil-off of {100 * boiloff_per_day:g} %/day at {cadence_per_day * 7:g} launches/week "
                f"caps the load at {saturation / 1e3:.0f} t whatever the number of tankers; {need_kg / 1e3:.0f} t "
                "are needed (fly faster or insulate)")
        n = 0
        while load(n) < need_kg * (1.0 - 1e-12):
            n += 1
            if n > MAX_TANKERS:
                raise InfeasibleError(f"infeasible: more than {MAX_TANKERS} tankers for {need_kg / 1e3:.0f} t")
    else:
        n = int(tankers)
        if n != tankers or not 0 <= n <= MAX_TANKERS:
            raise InputError("tankers", f"got {tankers}", f"a whole number 0 to {MAX_TANKERS}")
    loaded = load(n)
    delivered = n * tanker_delivery_kg
    lost_transfer = delivered - n * q_net
    boil = max(initial_kg + n * q_net - loaded, 0.0)
    duration = n * dt + final_coast_days
    days = (0.0,) + tuple(k * dt for k in range(1, n + 1))
    warnings = []
    if boiloff_per_day * duration > 0.1:
        warnings.append({"code": "boiloff", "field": "boiloff",
                         "message": f"{100 * boil / max(initial_kg + n * q_net, 1.0):.0f} % of the propellant boils off "
                                    f"over the {duration:.0f}-day campaign"})
    return Campaign(float(need_kg), float(tanker_delivery_kg), n, n + 1 + (1 if depot else 0), float(loaded),
                    float(boil), float(lost_transfer), float(duration), float(cadence_per_day), float(boiloff_per_day),
                    float(transfer_loss), bool(depot), days, float(saturation), tuple(warnings))
