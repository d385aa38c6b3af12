"""Validity warnings in the report: a mark beside the number a warning concerns, and the warnings listed
under the section (:mod:`spaceplan.core.validity`).  The Markdown and the HTML report share both."""

from __future__ import annotations

from spaceplan.core.validity import collect

MARK = "⚠"


def mark(text: str, warnings) -> str:
    """``text`` with the warning mark when ``warnings`` is not empty (a table cell or a number in prose)."""
    return f"{text} {MARK}" if warnings else text


def warning_lines(data) -> list[str]:
    """Markdown lines listing every warning carried by ``data`` (a section's results), or nothing."""
    found = collect(data)
    if not found:
        return []
    return ["", f"**Validity warnings** ({MARK} beside a number):", ""] + [
        f"- {MARK} {w['message']} (`{w['code']}`)" for w in found]
