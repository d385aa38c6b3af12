"""The validation registry (spaceplan/study/validation.toml) lists every validation test file and no other."""

from pathlib import Path

from spaceplan.study.validation import load_cases

HERE = Path(__file__).parent


def test_registry_matches_the_validation_tests():
    cases = load_cases()
    files = {p.stem for p in HERE.glob("test_*.py")} - {Path(__file__).stem}
    named = {c.test for c in cases}
    assert not files - named, f"add a [[case]] to spaceplan/study/validation.toml for {sorted(files - named)}"
    assert not named - files, f"cases name missing test files: {sorted(named - files)}"
    assert len({(c.test, c.check) for c in cases}) == len(cases), "duplicate cases"
