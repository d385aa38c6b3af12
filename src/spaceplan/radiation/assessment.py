"""Compare mission doses with career limits and acute thresholds, in plain words.

* Career (stochastic, cancer risk): total dose equivalent (our proxy for
  effective dose) vs NASA's 600 mSv (NASA-STD-3001 Vol. 1 Rev. B, 2022) and
  the 1 Sv used by ESA, Roscosmos and CSA (JAXA 0.5-1 Sv by age and sex;
  National Academies 2021, Table 3-1).
* Short term (deterministic): the NASA 30-day blood-forming-organ limit of
  250 mGy-Eq (NASA-STD-3001 Vol. 1 Rev. B Table 3, from NCRP Report 132).
  Gy-Eq is RBE x absorbed dose to the BFO (NCRP 132 RBE: protons 1.5, heavy ions 2.5), not a dose
  equivalent with quality factors (issue 24 finding 5); SPE BFO dose with RBE 1.5.
* Acute radiation syndrome: an absorbed dose (Gy), not a dose equivalent
  (Sv).  Only an SPE delivers a large dose within hours to days; GCR absorbed
  dose (dose equivalent / Q, Q = 3.82 in deep space from MSL/RAD) accumulates
  over months and does not cause ARS.  Thresholds: ~0.5 Gy prodromal symptoms,
  ~1 Gy ARS, ~3.5 Gy LD50/60 (IAEA Safety Reports Series No. 2, 1998; NCRP 132).
* Chronic dose, said separately from ARS: the absence of radiation sickness says nothing
  about a large dose spread over years.  Above the career limits the excess lifetime cancer
  risk exceeds what the limits are set to allow; above ~0.5 Gy absorbed, even protracted,
  ICRP Publication 118 (2012) places the threshold for cataracts and circulatory disease
  (``chronic_level``: within_limits, above_career_limit, tissue_reactions).
"""

from __future__ import annotations

from dataclasses import dataclass

from spaceplan.core.validity import Envelope, check, physical
from spaceplan.radiation._data import preset


ENVELOPE = Envelope("the dose assessment", outputs=(physical("total_sv", "dose", "total dose"),
                                                   physical("acute_bfo_gy", "dose", "acute dose", unit="Gy"),
                                                   physical("worst_30day_bfo_gy_eq", "dose", "30-day dose", unit="Gy-Eq")))

@dataclass(frozen=True)
class Assessment:
    """Doses against limits, with a plain-words summary in ``text``."""

    total_sv: float
    uncertainty_fraction: float
    fraction_of_nasa_limit: float
    fraction_of_1sv_limit: float
    acute_bfo_gy: float
    worst_30day_bfo_gy_eq: float
    exceeds_nasa_career: bool
    exceeds_1sv_career: bool
    exceeds_30day_bfo: bool
    acute_level: str  # "none", "below_prodromal", "prodromal", "ars", "lethal_range"
    text: str
    total_absorbed_gy: float = 0.0
    chronic_level: str = "within_limits"  # "within_limits", "above_career_limit", "tissue_reactions"
    acute_level_unsheltered: str | None = None  # with a storm shelter: the verdict without it
    acute_bfo_unsheltered_gy: float | None = None

    def to_dict(self) -> dict:
        return {"total_msv": self.total_sv * 1e3, "model_uncertainty_fraction": self.uncertainty_fraction,
                "fraction_of_nasa_limit": self.fraction_of_nasa_limit,
                "fraction_of_1sv_limit": self.fraction_of_1sv_limit, "acute_bfo_mgy": self.acute_bfo_gy * 1e3,
                "worst_30day_bfo_mgy_eq": self.worst_30day_bfo_gy_eq * 1e3,
                "exceeds_nasa_career": self.exceeds_nasa_career, "exceeds_1sv_career": self.exceeds_1sv_career,
                "exceeds_30day_bfo": self.exceeds_30day_bfo, "acute_level": self.acute_level,
                "total_absorbed_mgy": self.total_absorbed_gy * 1e3, "chronic_level": self.chronic_level,
                **({} if self.acute_level_unsheltered is None else {
                    "acute_level_unsheltered": self.acute_level_unsheltered,
                    "acute_bfo_unsheltered_mgy": self.acute_bfo_unsheltered_gy * 1e3}),
                "text": self.text}


def _times(fraction: float) -> str:
    return f"{fraction:.2f}x" if fraction < 0.995 else f"{fraction:.1f}x"


def acute_level(bfo_gy: float) -> tuple[str, str]:
    """(acute_level code, plain words) for a whole-body (BFO) absorbed dose received within hours to days."""
    acute = preset("limits")["acute"]
    if bfo_gy <= 0.0:
        return "none", "no acute dose"
    if bfo_gy < acute["prodromal_gy"]:
        return "below_prodromal", (f"below the ~{acute['prodromal_gy']:g} Gy onset of prodromal symptoms "
                                   f"and the ~{acute['ars_gy']:g} Gy threshold for radiation sickness")
    if bfo_gy < acute["ars_gy"]:
        return "prodromal", (f"above the ~{acute['prodromal_gy']:g} Gy onset of prodromal symptoms "
                             f"(nausea, vomiting in some crew) but below the ~{acute['ars_gy']:g} Gy "
                             "threshold for radiation sickness")
    if bfo_gy < acute["ld50_gy"]:
        return "ars", f"above the ~{acute['ars_gy']:g} Gy threshold: acute radiation sickness is expected"
    return "lethal_range", f"above the ~{acute['ld50_gy']:g} Gy LD50/60: potentially lethal without medical treatment"


def assess(total_sv: float, acute_bfo_gy: float = 0.0, worst_30day_bfo_gy_eq: float = 0.0,
           acute_source: str = "", total_absorbed_gy: float | None = None, spe_shielded: str = "",
           unsheltered_bfo_gy: float | None = None, shelter: str = "") -> Assessment:
    """Plain-words assessment of a mission's total and short-term doses.

    ``spe_shielded``: a sentence saying that a requested SPE delivered no dose
    (e.g. geomagnetically shielded phase); it replaces "No solar particle event
    in the scenario" when the acute dose is zero.  ``unsheltered_bfo_gy`` and
    ``shelter`` (its description): the acute dose is the one received in a storm
    shelter, and the verdict without it is stated too.
    """
    check(ENVELOPE, total_sv=total_sv, acute_bfo_gy=acute_bfo_gy, worst_30day_bfo_gy_eq=worst_30day_bfo_gy_eq)
    lim = preset("limits")
    nasa, other = lim["career"]["nasa_sv"], lim["career"]["other_agencies_sv"]
    jaxa = lim["career"]["jaxa_range_sv"]
    acute = lim["acute"]
    bfo30 = lim["short_term"]["bfo_30day_gy_eq"]
    f_nasa, f_other = total_sv / nasa, total_sv / other

    unc = lim["model"]["uncertainty_fraction"]
    parts = [f"Total {total_sv * 1e3:.0f} mSv (+/-{unc * 100:.0f} % model uncertainty; dose equivalent, used as "
             f"effective dose): {_times(f_nasa)} the NASA career limit of {nasa * 1e3:.0f} mSv "
             f"({'above' if f_nasa > 1 else 'within'} it) and {_times(f_other)} the {other:g} Sv limit of "
             f"ESA, Roscosmos and CSA ({'above' if f_other > 1 else 'within'} it; JAXA: "
             f"{jaxa[0]:g}-{jaxa[1]:g} Sv by age and sex)."]
    # the limit lies inside [total (1 - unc), total (1 + unc)]
    close = [name for name, f in (("NASA", f_nasa), ("1 Sv", f_other)) if 1 / (1 + unc) <= f <= 1 / (1 - unc)]
    if close:
        parts.append(f"The {' and '.join(close)} limit{'s lie' if len(close) > 1 else ' lies'} within the model "
                     "uncertainty: the verdict against it depends on shielding details and the solar cycle.")
    absorbed = total_sv / 3.82 if total_absorbed_gy is None else total_absorbed_gy
    if acute_bfo_gy <= 0.0:
        level = "none"
        lead = (f"{spe_shielded} Acute" if spe_shielded else "No solar particle event in the scenario: acute")
        parts.append(f"{lead} radiation syndrome (radiation sickness) is not expected, since cosmic rays deliver "
                     f"their dose over months, not in hours (it needs ~{acute['ars_gy']:g} Gy within days).")
    else:
        src = f" from {acute_source}" if acute_source else ""
        level, words = acute_level(acute_bfo_gy)
        where = f" in the storm shelter ({shelter})" if shelter else ""
        parts.append(f"Acute whole-body (BFO) absorbed dose{src}{where}: {acute_bfo_gy * 1e3:.0f} mGy, {words}.")
        if unsheltered_bfo_gy is not None:
            level_out, words_out = acute_level(unsheltered_bfo_gy)
            parts.append(f"Without the shelter: {unsheltered_bfo_gy * 1e3:.0f} mGy, {words_out}.")
    chronic, text = _chronic(absorbed, f_nasa, f_other, lim)
    parts.append(text)
    exceeds30 = worst_30day_bfo_gy_eq > bfo30
    parts.append(f"Worst 30 days: {worst_30day_bfo_gy_eq * 1e3:.0f} mGy-Eq to the blood-forming organs, "
                 f"{'above' if exceeds30 else 'below'} the NASA 30-day limit of {bfo30 * 1e3:.0f} mGy-Eq.")
    return Assessment(total_sv, unc, f_nasa, f_other, acute_bfo_gy, worst_30day_bfo_gy_eq, f_nasa > 1, f_other > 1,
                      exceeds30, level, " ".join(parts), float(absorbed), chronic,
                      None if unsheltered_bfo_gy is None else acute_level(unsheltered_bfo_gy)[0],
                      unsheltered_bfo_gy)


def _chronic(absorbed_gy: float, f_nasa: float, f_other: float, lim: dict) -> tuple[str, str]:
    """(chronic_level, sentence) for the whole-mission dose, independent of any acute verdict."""
    tissue = lim["chronic"]["tissue_reaction_threshold_gy"]
    dose = f"Chronic dose: {absorbed_gy * 1e3:,.0f} mGy absorbed over the mission"
    if absorbed_gy >= tissue:
        return "tissue_reactions", (
            f"{dose}, above the ~{tissue:g} Gy that ICRP Publication 118 gives as the threshold for cataracts and "
            f"circulatory disease even when spread over years, at {_times(f_nasa)} the NASA career limit: an excess "
            "lifetime cancer risk far beyond what any agency's limit allows, plus those chronic tissue effects.")
    if f_nasa > 1 or f_other > 1:
        return "above_career_limit", (
            f"{dose}, below the ~{tissue:g} Gy threshold for cataracts and circulatory disease, but above a career "
            "limit: its excess lifetime cancer risk exceeds what that limit is set to allow.")
    return "within_limits", (f"{dose}, within the career limits: its main effect is a small rise in lifetime "
                             "cancer risk.")
