"""Which published TEM/Zeus claims are mutually consistent (F = 2 eta P / c, P_jet = F c / 2).

Claims (see presets/vehicles/zeus*.toml): 18 N at Isp 7,000 s; 1 MWe from 3.8 MWt; ~20 t (press);
0.5 MWe and <= 22 t (Roscosmos); ID-500 thrusters of 375-750 mN at ~70 km/s and eta 0.75 (EPJ D 2017).
Each check states the number a pair of claims implies and whether it is physically possible
(efficiencies <= 1) and plausible (stated bands, each with its basis).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spaceplan.core.constants import DAY, G0
from spaceplan.propulsion.presets import load_thruster

THRUST_N = 18.0
ISP_S = 7000.0
ETA = 0.75
P_CLAIM_W = 1.0e6
P_OFFICIAL_W = 0.5e6
P_THERMAL_W = 3.8e6
MASS_CLAIM_KG = 20_300.0
MASS_OFFICIAL_KG = 22_000.0
TEM_PRESETS = ("zeus-official", "zeus")  # the vehicle presets these claims describe
BRAYTON_BAND = (0.15, 0.35)  # assumed band: closed-Brayton conversion efficiencies quoted for space reactor designs


@dataclass(frozen=True)
class Check:
    claim: str
    implies: str
    value: float
    unit: str
    consistent: bool
    why: str

    def to_dict(self) -> dict:
        return {"claim": self.claim, "implies": self.implies, "value": self.value, "unit": self.unit,
                "consistent": self.consistent, "why": self.why}


@dataclass(frozen=True)
class TEMConsistency:
    checks: tuple[Check, ...]
    jet_power_w: float
    electric_power_needed_w: float

    def to_dict(self) -> dict:
        return {"jet_power_kw": self.jet_power_w / 1e3, "electric_power_needed_kwe": self.electric_power_needed_w / 1e3,
                "checks": [c.to_dict() for c in self.checks]}


def tem_consistency(thrust_n: float = THRUST_N, isp_s: float = ISP_S, efficiency: float = ETA,
                    with_missions: bool = True) -> TEMConsistency:
    """The consistency table of the TEM claims (defaults: the published numbers); ``with_missions`` adds the
    7 t lunar-cargo claim flown by both NEP presets (~2 s)."""
    c = G0 * isp_s
    p_jet = 0.5 * thrust_n * c
    p_need = p_jet / efficiency
    idt = load_thruster("id-500")
    n_thr = math.ceil(thrust_n / idt.thrust_max_n - 1e-9)
    checks = [
        Check(f"{thrust_n:g} N at {isp_s:g} s", "jet power F c / 2", p_jet / 1e3, "kW", True, "definition"),
        Check(f"{thrust_n:g} N at {isp_s:g} s with eta {efficiency:g}", "electric power F c / (2 eta)",
              p_need / 1e3, "kWe", True, "thruster efficiency of the ID-500 (EPJ D 2017)"),
        Check(f"... and 1 MWe", "thruster efficiency needed", p_jet / P_CLAIM_W, "", p_jet / P_CLAIM_W <= 1.0,
              f"needs eta >= {p_jet / P_CLAIM_W:.2f}; ID-500 gives {efficiency:g}: 1 MWe suffices with "
              f"{(P_CLAIM_W - p_need) / 1e3:.0f} kWe to spare for housekeeping"),
        Check(f"... and 0.5 MWe", "thruster efficiency needed", p_jet / P_OFFICIAL_W, "",
              p_jet / P_OFFICIAL_W <= 1.0,
              f"needs eta = {p_jet / P_OFFICIAL_W:.2f} > 1: impossible; 0.5 MWe at eta {efficiency:g} gives "
              f"{2 * efficiency * P_OFFICIAL_W / c:.1f} N at {isp_s:g} s"),
        Check("1 MWe from 3.8 MWt", "conversion efficiency", P_CLAIM_W / P_THERMAL_W, "",
              BRAYTON_BAND[0] <= P_CLAIM_W / P_THERMAL_W <= BRAYTON_BAND[1],
              f"assumed closed-Brayton band {BRAYTON_BAND[0]:.0%}-{BRAYTON_BAND[1]:.0%}"),
        Check("0.5 MWe from 3.8 MWt", "conversion efficiency", P_OFFICIAL_W / P_THERMAL_W, "",
              BRAYTON_BAND[0] <= P_OFFICIAL_W / P_THERMAL_W <= BRAYTON_BAND[1],
              "below the Brayton band: possible only as a derated (or lower-temperature) reactor"),
        Check(f"{thrust_n:g} N from ID-500 (<= {idt.thrust_max_n * 1e3:.0f} mN each)", "thrusters firing",
              n_thr, "", True,
              f"{n_thr} x {idt.power_max_w / 1e3:.0f} kWe = {n_thr * idt.power_max_w / 1e3:.0f} kWe at "
              f"{idt.exhaust_speed_m_s / 1e3:.0f} km/s: matches 1 MWe, twice 0.5 MWe"),
        Check("~20.3 t with 1 MWe", "system specific mass", MASS_CLAIM_KG / (P_CLAIM_W / 1e3), "kg/kWe",
              True, "within an assumed 10-50 kg/kWe band for MWe-class NEP designs"),
        Check("<= 22 t with 0.5 MWe", "system specific mass", MASS_OFFICIAL_KG / (P_OFFICIAL_W / 1e3), "kg/kWe",
              True, "within the same assumed band, twice the mass per kWe of the press claim (an upper bound)"),
    ]
    if with_missions:
        checks += _lunar_checks()
    return TEMConsistency(tuple(checks), p_jet, p_need)


def _lunar_checks() -> list[Check]:
    """Roscosmos: up to 7 t from LEO to lunar orbit; flown by the NEP presets (spaceplan.propulsion.compare).

    Consistent when the trip needs no more xenon than the preset's tug carries at its published launch mass."""
    from spaceplan.propulsion.compare import nep_lunar
    from spaceplan.propulsion.presets import load_launcher, load_vehicle

    out = []
    lv = [load_launcher("angara-a5v")]
    for key in TEM_PRESETS:
        v = load_vehicle(key)
        o = nep_lunar(v, 7000.0, lv)
        mass = v.launch_mass_kg if v.launch_mass_kg is not None else v.wet_mass_kg()
        ok = o.feasible and o.propellant_kg <= v.propellant_capacity_kg
        out.append(Check(f"7 t LEO -> lunar orbit at {v.electric_power_w / 1e6:g} MWe", "trip time", o.trip_time_s / DAY,
                         "d", ok,
                         f"{o.propellant_kg / 1e3:.1f} t of xenon of the {v.propellant_capacity_kg / 1e3:.0f} t the "
                         f"{mass / 1e3:.1f} t tug carries; {o.imleo_kg / 1e3:.1f} t in LEO with the cargo "
                         f"(tug tanked for this trip), Edelbaum + capture spiral"))
    return out
