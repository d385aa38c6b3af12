"""Benchmark: one guided Mars entry (MSL, prebank + predictor-corrector range control to the deploy speed).

Rows: the reference-bank calibration plus the guided flight (what ``spaceplan mars entry --guided`` runs); the guided
flight alone, with the same flight at a constant bank as the comparison (ratio < 1: the guidance's cost, ~1 s
guidance cycles each solving the bank with a few compiled RK4 predictions); one range-control solve from the
0.2 g state.  No external peer: the published MSL guidance (ETPC) ran on the flight computer, not timed publicly.
"""

from __future__ import annotations


def run() -> list[dict]:
    import dataclasses

    from _timing import best_of

    from spaceplan.core.constants import MARS
    from spaceplan.missions import entry_guidance_kernel as kern
    from spaceplan.missions.entry_guidance import EntryGuidance, load_entry_case, reference_bank
    from spaceplan.missions.mars_entry import RHO0_KG_M3, SCALE_HEIGHT_M, fly_entry

    c = load_entry_case("msl")

    def calibrated():
        bank = reference_bank(c.vehicle, c.entry_speed_m_s, c.flight_path_deg, c.deploy_speed_m_s,
                              c.deploy_altitude_m)
        return fly_entry(c.vehicle, c.entry_speed_m_s, c.flight_path_deg, end_altitude_m=0.0,
                         guidance=EntryGuidance(bank, c.deploy_speed_m_s))

    r = calibrated()  # compile
    bank = r.guidance["reference_bank_deg"]
    g = EntryGuidance(bank, c.deploy_speed_m_s)
    full = best_of(calibrated, 5)
    guided = best_of(lambda: fly_entry(c.vehicle, c.entry_speed_m_s, c.flight_path_deg, end_altitude_m=0.0,
                                       guidance=g, density_factor=0.8), 5)
    fixed = dataclasses.replace(c.vehicle, bank_deg=bank)
    constant = best_of(lambda: fly_entry(fixed, c.entry_speed_m_s, c.flight_path_deg, end_altitude_m=0.0,
                                         end_speed_m_s=c.deploy_speed_m_s, density_factor=0.8), 5)
    args = (5_500.0, -0.25, 50e3, 100e3, 480e3, 0.24, 0.9, 470.0, 125e3, 146.0, RHO0_KG_M3, SCALE_HEIGHT_M, MARS.gm,
            MARS.radius, 1.0, 3_000.0, 50.0)
    kern.solve_bank(*args)
    solve = best_of(lambda: kern.solve_bank(*args), 20)
    return [
        {"benchmark": "entry: MSL guided, reference-bank calibration + flight", "ours_s": full, "peer": None,
         "peer_s": None, "target": "-", "note": f"reference bank {bank:.1f} deg; peak {r.peak_deceleration_g:.1f} g"},
        {"benchmark": "entry: MSL guided flight, density x0.8", "ours_s": guided,
         "peer": "same flight, constant bank (ours)", "peer_s": constant, "target": "-",
         "note": "ratio < 1 is the guidance's cost (~160 one-second cycles; 6 states with heading vs 4)"},
        {"benchmark": "entry: one range-control solve (predictor-corrector)", "ours_s": solve, "peer": None,
         "peer_s": None, "target": "-", "note": "Illinois regula falsi on cos(bank), RK4 predictions at 1 s"},
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<60} {row['ours_s'] * 1e3:9.2f} ms  peer {row['peer_s']}  {row['note']}")
