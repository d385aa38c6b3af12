"""The public face (``spaceplan.api`` re-exported by ``spaceplan``): names, unit strings = SI floats, frames."""

import math

import pandas as pd
import pytest

import spaceplan as sp
from spaceplan import api
from spaceplan.core.errors import InputError, SpaceplanError
from spaceplan.core.units import parse_length, parse_mass, parse_power


def test_every_api_name_is_exported_lazily():
    """Every name resolves to the API's function, even after every subpackage was imported (an API name equal to a
    subpackage's, e.g. ``study``, would be shadowed by the module once ``spaceplan.study`` is imported)."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(sp.__path__):
        if module.name != "__main__":
            importlib.import_module(f"spaceplan.{module.name}")
    assert set(api.__all__) == set(sp.__all__) - {"__version__"}
    for name in api.__all__:
        assert getattr(sp, name) is getattr(api, name)
    with pytest.raises(AttributeError):
        sp.no_such_function


@pytest.mark.parametrize("parse, text, si", [
    (parse_mass, "20t", 20e3), (parse_mass, "7000 kg", 7000.0), (parse_mass, "7000", 7000.0), (parse_mass, 1.5e3, 1.5e3),
    (parse_power, "100kW", 1e5), (parse_power, "40 kWe", 4e4), (parse_power, "1MW", 1e6), (parse_power, "100", 1e5),
    (parse_power, 250.0, 250.0), (parse_length, "400km", 4e5), (parse_length, "420000 m", 4.2e5),
    (parse_length, "400", 4e5), (parse_length, 6.5e6, 6.5e6),
])
def test_unit_strings_and_si_floats(parse, text, si):
    assert parse("x", text) == pytest.approx(si, rel=1e-15)


@pytest.mark.parametrize("parse, bad", [(parse_mass, "-3t"), (parse_mass, "3 lb"), (parse_power, "0kW"),
                                        (parse_length, "nan km"), (parse_length, math.inf), (parse_mass, "t")])
def test_bad_quantities_name_the_argument(parse, bad):
    with pytest.raises(InputError, match="^flag:"):
        parse("flag", bad)


def test_edelbaum_units_at_the_edge():
    """Kechichian's LEO-GEO case: the same transfer from unit strings and from SI floats."""
    a = sp.edelbaum("7000km", "42166km", 28.5, acceleration=3.5e-4)
    b = sp.edelbaum(7.0e6, 4.2166e7, 28.5, acceleration=3.5e-4)
    assert a.to_dict() == b.to_dict()
    assert a.to_dict()["dv_km_s"] == pytest.approx(5.78, abs=0.01)


def test_porkchop_min_c3_and_frame():
    pc = sp.porkchop("earth", "mars", "2026-09-01:2026-12-01", "2027-07-01:2027-10-01", step="10d")
    best = pc.min_c3()
    assert best.c3 == min(p.c3 for p in pc.min().values() if p is not None)
    df = pc.to_frame()
    assert isinstance(df, pd.DataFrame) and {"c3_km2s2", "departure_utc", "type"} <= set(df.columns)
    assert df["c3_km2s2"].min() == pytest.approx(best.c3 / 1e6, rel=1e-6)


def test_decay_and_reboost_frames():
    d = sp.decay("iss", "2026-01-01", "2026-03-01", altitude="415km")
    assert d.to_frame()["altitude_km"].iloc[0] == pytest.approx(415.0)
    r = sp.reboost("iss", "progress", ("400km", "420km"), (2026, 2026))
    assert list(r.to_frame()["year"]) == [2026]


def test_dose_from_timeline_text_has_a_phase_frame():
    m = sp.dose("deep_space:180d,mars_surface:500d,deep_space:180d", shielding_gcm2=20)
    assert len(m.to_frame()) == 3 and m.total_sv > 0


def test_bad_input_is_a_spaceplan_error():
    with pytest.raises(SpaceplanError, match="depart"):
        sp.porkchop("earth", "mars", "2027-01-01:2026-01-01", "2027-03-01:2028-03-01")
    with pytest.raises(SpaceplanError, match="altitude"):
        sp.spiral("zeus-official", "-5km")


def test_lifetime_grid_and_reentry_score_from_the_api():
    from pathlib import Path

    g = api.lifetime_grid(("250km", "300km", "50km"), [50.0], (50,))
    assert g.altitude_km.tolist() == [250.0, 300.0] and g.king_hele_days[0, 0, 0] < g.king_hele_days[0, 1, 0]
    kz1a = Path(__file__).parents[1] / "validation" / "data" / "reentry" / "kz1a_rb_58704.tle"
    s = api.reentry_score(kz1a, "2024-01-16T12:00", leads=(7,))
    assert len(s.scored) == 1 and s.scored[0].remaining_days > 7.0


def test_orbit_dose_is_the_radiation_orbit_command(capsys):
    """The API's orbit dose equals the CLI's ``radiation orbit`` row for the same orbit and day."""
    import json

    from spaceplan.cli import app
    from typer.testing import CliRunner

    track = sp.orbit_dose("400km", 51.6, "2026-01-01", "1d", shielding_gcm2=20.0).to_dict()
    out = CliRunner().invoke(app, ["radiation", "orbit", "--altitude", "400km", "--inclination", "51.6",
                                   "--date", "2026-01-01", "--json"])
    row = json.loads(out.stdout)["orbits"][0]
    assert track["total_msv"] == pytest.approx(row["total_msv_per_day"], rel=1e-9)
    with pytest.raises(SpaceplanError, match="altitude"):
        sp.orbit_dose("100km")


def test_export_elements_round_trips_through_sgp4():
    """Element sets from the API parse back in python-sgp4 (checksums, one per satellite)."""
    from sgp4.api import Satrec

    from spaceplan.core.tle import tle_checksum

    text = sp.export_elements("oneweb", "2026-01-01")
    lines = [ln for ln in text.splitlines() if ln.startswith(("1 ", "2 "))]
    assert len(lines) == 2 * 648
    assert all(str(tle_checksum(ln)) == ln[68] for ln in lines)
    sat = Satrec.twoline2rv(lines[0], lines[1])
    assert sat.error == 0 and math.degrees(sat.inclo) == pytest.approx(87.9, abs=0.01)
    assert "<omm" in sp.export_elements("oneweb", fmt="xml")
    with pytest.raises(SpaceplanError, match="fmt"):
        sp.export_elements("oneweb", fmt="pdf")
