"""Validity warnings beside the numbers of the report (issue 19): the launch, constellations and mars_missions
sections mark the figures whose results carry a warning, and list the warnings under the section."""

from __future__ import annotations

from spaceplan.study.flags import MARK, warning_lines


class _Ctx:
    def save_figure(self, *args, **kwargs):
        return "figure.png"


def test_mars_missions_marks_a_dose_behind_shielding_beyond_the_published_response():
    from spaceplan.study.sections import mars_missions as m

    out = m.render(m.compute(m.Config(step_days=10.0, venus=False, shielding_gcm2=250.0)), _Ctx())
    rows = [line for line in out.markdown.splitlines() if line.startswith("| 2028 opportunity")]
    assert rows and all(f"{MARK} |" in row for row in rows)
    assert any("beyond_published_depth_response" in line for line in warning_lines(out.data))


def test_launch_section_marks_the_costs_of_a_vehicle_that_never_flew():
    from spaceplan.study.sections import launch as s

    out = s.render(s.compute(s.Config(vehicles=("amur_lng",), landing_cases=())), _Ctx())
    row = next(line for line in out.markdown.splitlines() if line.startswith("| Amur-LNG"))
    assert row.count(MARK) == 3
    assert any("beyond_flown_record" in line for line in warning_lines(out.data))
